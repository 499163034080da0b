"""Exports: ACLED-style CSV (values checked by hand, and round-tripped), JSON Lines, GeoJSON, Parquet."""

from __future__ import annotations

import datetime as dt
import io
import json

import duckdb
import pytest

from sitrep.errors import UsageError
from sitrep.export import ACLED_COLUMNS, acled_rows, export, read_acled_csv, write_acled_csv
from sitrep.store import Store
from test_fuse import killed, report, three_outlets

#: ACLED's own column names, in ACLED's order, as listed in the task's codebook summary
ACLED_NAMES = (
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 assoc_actor_1 "
    "inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region country admin1 admin2 admin3 "
    "location latitude longitude geo_precision source source_scale notes fatalities tags timestamp"
).split()


@pytest.fixture
def store():
    vague = report("Quetta Times", "Several people were killed when gunmen fired on a bus near Quetta.",
                   event_type="Violence against civilians", sub_event_type="Attack", place="quetta",
                   actors=(None, "civ.af"), date=dt.date(2024, 3, 12),
                   claims=(killed(None, None, "Several people were killed when gunmen fired on a bus.", high=None, vague=True),))  # fmt: skip
    dozens = report("Frontier Wire", "Dozens were killed in an air strike on a market in Kandahar, residents said.",
                    event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", place="kandahar",
                    actors=(None,), date=dt.date(2024, 3, 13),
                    claims=(killed(None, None, "Dozens were killed in an air strike on a market.", high=None, vague=True),))  # fmt: skip
    with Store.open(":memory:") as s:
        s.save(three_outlets())
        s.save([vague, dozens])
        yield s


def test_acled_columns_are_acleds_then_sitreps():
    assert ACLED_COLUMNS == ACLED_NAMES + ["fatalities_low", "fatalities_high", "claims"]


def test_the_fused_clash_as_an_acled_row(store):
    row = acled_rows(store)[0]
    assert row.event_id_cnty.startswith("AFG-ev")
    assert (row.event_date, row.year, row.time_precision) == ("2024-03-10", 2024, 1)
    assert (row.disorder_type, row.event_type, row.sub_event_type) == ("Political violence", "Battles", "Armed clash")
    assert {(row.actor1, row.inter1), (row.actor2, row.inter2)} == {("Taliban", 2), ("Military Forces of Afghanistan (2021-)", 1)}
    assert row.interaction == 12 and row.civilian_targeting == ""
    assert (row.iso, row.region, row.country, row.admin1, row.location) == (4, "Caucasus and Central Asia", "Afghanistan", "Herat", "Shindand")
    assert (row.latitude, row.longitude, row.geo_precision) == (33.303, 62.141, 1)
    assert row.source == "Frontier Wire; Kabul Ledger; Western Province Daily"
    # soldiers 5 / 12 / 7 / at least 4 → 4; civilians 3 → best 7, no imputation
    assert (row.fatalities, row.fatalities_low, row.fatalities_high) == (7, 7, None)
    assert "imputed" not in row.notes and row.notes.startswith("On 10 March 2024, armed clash involving")
    assert len(row.claims.split("; ")) == 5


def test_vague_death_reports_are_imputed_only_in_the_acled_export(store):
    bus, strike = acled_rows(store)[1:]
    # the store keeps no figure: best 0, flagged vague
    stored = {e["location"]: e for e in store.fused_events()}
    assert (stored["Quetta"]["fatalities_best"], stored["Quetta"]["fatalities_vague"]) == (0, True)
    # "several people" → a limited event: 3; "dozens" → significant: 10
    assert (bus.fatalities, strike.fatalities) == (3, 10)
    assert "imputed as 3" in bus.notes and "imputed as 10" in strike.notes
    assert bus.civilian_targeting == "Civilian targeting" and bus.disorder_type == "Political violence"
    assert (bus.iso, bus.country, bus.region) == (586, "Pakistan", "South Asia")
    assert (strike.actor1, strike.inter1, strike.interaction) == ("", None, None)


def test_acled_csv_round_trips(store):
    rows = acled_rows(store)
    out = io.StringIO()
    write_acled_csv(rows, out)
    assert out.getvalue().splitlines()[0] == ",".join(ACLED_COLUMNS)
    assert read_acled_csv(io.StringIO(out.getvalue())) == rows


def test_filters_by_date_and_country(store):
    assert [r.location for r in acled_rows(store, since=dt.date(2024, 3, 12))] == ["Quetta", "Kandahar"]
    assert [r.location for r in acled_rows(store, country="PK")] == ["Quetta"]


def test_json_lines_carry_every_claim_with_its_claimant_and_outlet(store):
    out = io.StringIO()
    assert export(store, "jsonl", out) == 3
    first = json.loads(out.getvalue().splitlines()[0])
    assert first["fatalities"] == 7 and len(first["claims"]) == 5
    claimants = {(c["claimant"], c["outlet"]) for c in first["claims"]}
    assert ("a Taliban spokesman", "Kabul Ledger") in claimants and (None, "Western Province Daily") in claimants


def test_geojson_is_a_feature_collection_of_points(store):
    out = io.StringIO()
    export(store, "geojson", out)
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 3
    shindand = collection["features"][0]
    assert shindand["geometry"] == {"type": "Point", "coordinates": [62.141, 33.303]}  # GeoJSON is lon, lat
    assert shindand["properties"]["location"] == "Shindand"


def test_parquet_export_reads_back(store, tmp_path):
    path = tmp_path / "events.parquet"
    assert export(store, "parquet", path) == 3
    rows = duckdb.sql(f"SELECT location, fatalities, fatalities_high FROM read_parquet('{path}') ORDER BY event_date").fetchall()
    # both vague reports are open-ended ("several", "dozens"): no upper figure
    assert rows == [("Shindand", 7, None), ("Quetta", 3, None), ("Kandahar", 10, None)]


def test_an_unknown_format_is_a_usage_error(store):
    with pytest.raises(UsageError, match="unknown export format"):
        export(store, "xlsx", io.StringIO())


@pytest.mark.parametrize("sentence, imputed", [
    ("An unknown number of villagers were killed when the market was shelled.", 10),
    ("Gunmen killed an undisclosed number of guards at the depot.", 10),
    ("A few residents died as shells hit the market.", 3),
])
def test_a_toll_the_source_could_not_count_is_imputed_as_significant(sentence, imputed):
    from sitrep.export import _fatalities

    event = {"fatalities_best": 0, "fatalities_vague": True}
    figure, note = _fatalities(event, [{"kind": "killed", "vague": True, "sentence": sentence}])
    assert figure == imputed and f"imputed as {imputed}" in note
