"""Exports of the fused events: ACLED-style CSV, JSON Lines, GeoJSON, Parquet.

The CSV carries ACLED's column names, in ACLED's order, then sitrep's own
(``fatalities_low``, ``fatalities_high``, ``claims``), so it joins with ACLED data.
ACLED's imputation for deaths reported without a number (3 for a limited event, 10 for
a significant one) is applied here and only here, and ``notes`` says so; the store keeps
such reports as ``vague`` claims with no figure.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import logging
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, Iterable, Optional, get_type_hints

import countrystatecity_countries as csc
import duckdb

from .errors import UsageError
from .records import INTER_CODES
from .store import Store

__all__ = ["AcledRow", "ACLED_COLUMNS", "FORMATS", "acled_rows", "write_acled_csv", "read_acled_csv", "export"]

log = logging.getLogger(__name__)

FORMATS = ("acled-csv", "jsonl", "geojson", "parquet")

#: ACLED's imputation for a death report without a number: "dozens", "scores", a massacre
#: or heavy casualties make an event significant (10); "several", "some" a limited one (3).
#: A toll its source could not count ("an unknown number of") is no small one: ACLED Africa 2016 dev
#: codes such reports 10; with the rule, fatalities exact 5648 -> 5666 of 6,831, Afghanistan dev unchanged.
_SIGNIFICANT = re.compile(r"\b(dozens|scores|hundreds|many|heavy (?:casualties|losses)|massacre"
                          r"|(?:unknown|unidentified|unspecified|undisclosed|undetermined) number)\b", re.I)
_IMPUTED_SIGNIFICANT, _IMPUTED_LIMITED = 10, 3

#: ACLED's regions differ from the UN's where ACLED groups by conflict system.
_REGION_BY_SUBREGION = {
    "Southern Asia": "South Asia",
    "South-Eastern Asia": "Southeast Asia",
    "Eastern Asia": "East Asia",
    "Central Asia": "Caucasus and Central Asia",
    "Western Asia": "Middle East",
    "Northern America": "North America",
    "Eastern Europe": "Europe",
    "Northern Europe": "Europe",
    "Southern Europe": "Europe",
    "Western Europe": "Europe",
    "Australia and New Zealand": "Oceania",
    "Melanesia": "Oceania",
    "Micronesia": "Oceania",
    "Polynesia": "Oceania",
}
_REGION_BY_COUNTRY = {"AF": "Caucasus and Central Asia", "IR": "Middle East", "AM": "Caucasus and Central Asia",
                      "AZ": "Caucasus and Central Asia", "GE": "Caucasus and Central Asia"}  # fmt: skip


@dataclass(frozen=True)
class AcledRow:
    """One fused event as an ACLED row (field order = column order), plus sitrep's columns."""

    event_id_cnty: str
    event_date: str
    year: Optional[int]
    time_precision: int
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str
    assoc_actor_1: str
    inter1: Optional[int]
    actor2: str
    assoc_actor_2: str
    inter2: Optional[int]
    interaction: Optional[int]
    civilian_targeting: str
    iso: Optional[int]
    region: str
    country: str
    admin1: str
    admin2: str
    admin3: str
    location: str
    latitude: Optional[float]
    longitude: Optional[float]
    geo_precision: int
    source: str
    source_scale: str
    notes: str
    fatalities: int
    tags: str
    timestamp: int
    fatalities_low: int
    fatalities_high: Optional[int]
    claims: str


ACLED_COLUMNS = [f.name for f in dataclasses.fields(AcledRow)]
_TYPES = get_type_hints(AcledRow)


def _disorder_type(event_type: str, sub_event_type: str) -> str:
    # ACLED: demonstrations are Protests and Riots, except that mob violence is political
    # violence and lethal force on protesters is both.
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if event_type == "Protests" or sub_event_type == "Violent demonstration":
        return "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


@lru_cache(maxsize=None)
def _country(iso2: str) -> tuple[str, str, Optional[int], str]:
    """(ISO alpha-3, name, ISO numeric, ACLED region) of ``iso2``; blanks when unknown."""
    found = csc.get_country_by_code(iso2.upper())
    if found is None:
        return "", iso2, None, ""
    region = _REGION_BY_COUNTRY.get(found.iso2) or _REGION_BY_SUBREGION.get(found.subregion, found.subregion)
    return found.iso3, found.name, int(found.numeric_code) if found.numeric_code else None, region


def _interaction(inter1: Optional[int], inter2: Optional[int]) -> Optional[int]:
    """ACLED's interaction code: the two inter codes, lower first; one actor alone → x0."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def _fatalities(event: dict, claims: list[dict]) -> tuple[int, str]:
    """The ACLED figure and the sentence ``notes`` needs when it was imputed."""
    best = event["fatalities_best"] or 0
    if best or not event["fatalities_vague"]:
        return best, ""
    vague = [c["sentence"] for c in claims if c["kind"] == "killed" and c["vague"]]
    imputed = _IMPUTED_SIGNIFICANT if any(_SIGNIFICANT.search(s) for s in vague) else _IMPUTED_LIMITED
    return imputed, f" Fatalities imputed as {imputed} (ACLED rule): deaths were reported without a number."


def _row(event: dict, claims: list[dict], sources: list[dict], actors: dict[str, tuple[str, str]]) -> AcledRow:
    iso3, country, iso, region = _country(event["country"]) if event["country"] else ("", "", None, "")

    def name(actor_id: Optional[str]) -> str:
        return actors.get(actor_id, (actor_id or "", ""))[0]

    def inter(actor_id: Optional[str]) -> Optional[int]:
        return INTER_CODES.get(actors.get(actor_id, ("", ""))[1])

    inter1, inter2 = inter(event["actor1"]), inter(event["actor2"])
    fatalities, imputation = _fatalities(event, claims)
    outlets = sorted({s["outlet"] for s in sources if s["outlet"]})
    date = event["date"]
    return AcledRow(
        event_id_cnty=f"{iso3}-{event['id']}" if iso3 else event["id"],
        event_date=date.isoformat() if date else "",
        year=date.year if date else None,
        time_precision=event["date_precision"],
        disorder_type=_disorder_type(event["event_type"], event["sub_event_type"]),
        event_type=event["event_type"],
        sub_event_type=event["sub_event_type"],
        actor1=name(event["actor1"]),
        # sitrep does not know which side an associated actor stands with: all go with actor1
        assoc_actor_1="; ".join(name(a) for a in event["associated_actors"]),
        inter1=inter1,
        actor2=name(event["actor2"]),
        assoc_actor_2="",
        inter2=inter2,
        interaction=_interaction(inter1, inter2),
        civilian_targeting="Civilian targeting" if _targets_civilians(event, inter1, inter2) else "",
        iso=iso,
        region=region,
        country=country,
        admin1=event["admin1"] or "",
        admin2="",
        admin3="",
        location=event["location"] or "",
        latitude=event["latitude"],
        longitude=event["longitude"],
        geo_precision=event["geo_precision"],
        source="; ".join(outlets),
        source_scale="",
        notes=_notes(event, name, len(sources), len(claims)) + imputation,
        fatalities=fatalities,
        tags="",
        timestamp=int(event["updated"].replace(tzinfo=dt.timezone.utc).timestamp()),
        fatalities_low=event["fatalities_low"] or 0,
        fatalities_high=event["fatalities_high"] if event["fatalities_best"] is not None else 0,
        claims="; ".join(c["id"] for c in claims),
    )


def _targets_civilians(event: dict, inter1: Optional[int], inter2: Optional[int]) -> bool:
    # ACLED flags any event in which civilians are the target, whatever its type
    return event["event_type"] == "Violence against civilians" or 7 in (inter1, inter2)


def _notes(event: dict, name, n_sources: int, n_claims: int) -> str:
    who = " and ".join(n for n in (name(event["actor1"]), name(event["actor2"])) if n) or "unidentified actors"
    where = ", ".join(p for p in (event["location"], event["admin1"]) if p) or "an unknown place"
    when = f"On {event['date']:%d %B %Y}, " if event["date"] else ""
    return (
        f"{when}{event['sub_event_type'].lower()} involving {who} in {where}."
        f" Reported by {n_sources} document(s) with {n_claims} claim(s)."
    )


def acled_rows(store: Store, *, since: Optional[dt.date] = None, country: Optional[str] = None) -> list[AcledRow]:
    """The store's fused events as ACLED rows, by date."""
    events = store.fused_events(since=since, country=country)
    ids = [e["id"] for e in events]
    claims, sources = store.event_claims(ids), store.event_sources(ids)
    actors = store.actors(a for e in events for a in (e["actor1"], e["actor2"], *e["associated_actors"]) if a)
    return [_row(e, claims[e["id"]], sources[e["id"]], actors) for e in events]


def write_acled_csv(rows: Iterable[AcledRow], out: IO[str]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ACLED_COLUMNS)
    for row in rows:
        writer.writerow("" if v is None else v for v in dataclasses.astuple(row))


def read_acled_csv(source: IO[str]) -> list[AcledRow]:
    """Rows written by :func:`write_acled_csv`, typed again."""
    return [AcledRow(**{k: _parse(k, v) for k, v in record.items()}) for record in csv.DictReader(source)]


def _parse(column: str, value: str):
    kind = _TYPES[column]
    if kind is str:
        return value
    if value == "":
        return None
    return float(value) if kind in (float, Optional[float]) else int(value)


def _json_row(row: AcledRow, claims: list[dict]) -> dict:
    out = dataclasses.asdict(row)
    out["claims"] = [
        {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in c.items()} for c in claims
    ]
    return out


def export(
    store: Store, format: str, out: IO[str] | Path, *, since: Optional[dt.date] = None, country: Optional[str] = None
) -> int:
    """Write the fused events in ``format`` to ``out`` (a text stream; a path for parquet). Returns the count."""
    rows = acled_rows(store, since=since, country=country)
    if format == "acled-csv":
        write_acled_csv(rows, out)
    elif format in ("jsonl", "geojson"):
        claims = store.event_claims([_fused_id(r) for r in rows])
        objects = [_json_row(r, claims[_fused_id(r)]) for r in rows]
        if format == "jsonl":
            out.writelines(json.dumps(o, ensure_ascii=False) + "\n" for o in objects)
        else:
            collection = {"type": "FeatureCollection", "features": [_feature(o) for o in objects]}
            json.dump(collection, out, ensure_ascii=False)
    elif format == "parquet":
        _write_parquet(rows, Path(out))
    else:
        raise UsageError(f"unknown export format {format!r}", input=format, hint=f"one of {', '.join(FORMATS)}")
    return len(rows)


def _fused_id(row: AcledRow) -> str:
    return row.event_id_cnty.rsplit("-", 1)[-1]


def _feature(obj: dict) -> dict:
    lon, lat = obj["longitude"], obj["latitude"]
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lon is not None and lat is not None else None
    return {"type": "Feature", "id": obj["event_id_cnty"], "geometry": geometry, "properties": obj}


_PARQUET_TYPES = {str: "VARCHAR", int: "BIGINT", Optional[int]: "BIGINT", float: "DOUBLE", Optional[float]: "DOUBLE"}


def _write_parquet(rows: list[AcledRow], path: Path) -> None:
    columns = "{" + ", ".join(f"'{c}': '{_PARQUET_TYPES[_TYPES[c]]}'" for c in ACLED_COLUMNS) + "}"
    with tempfile.TemporaryDirectory(prefix="sitrep-export-") as tmp:
        staging = Path(tmp) / "rows.jsonl"
        lines = (json.dumps(dataclasses.asdict(r), ensure_ascii=False) + "\n" for r in rows)
        staging.write_text("".join(lines), encoding="utf-8")
        target = str(path).replace("'", "''")  # COPY takes no parameter for its target
        source = f"read_json(?, format='newline_delimited', columns={columns})"
        with duckdb.connect() as con:
            con.execute(f"COPY (SELECT * FROM {source}) TO '{target}' (FORMAT parquet)", [str(staging)])
