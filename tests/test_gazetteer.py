"""The gazetteer index: normalisation, build, lookup, errors, the GeoNames import, the CLI.

Unit tests build a tiny index from hand-written rows (invented ids and numbers); the
tests marked ``gazetteer`` use the real build from the packaged data (built once per
session, or reused from $SITREP_HOME when it holds a current one).
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sitrep.errors import GazetteerError, UsageError
from sitrep.gazetteer import (
    Gazetteer,
    PlaceRow,
    Sources,
    build_gazetteer,
    ensure_gazetteer,
    import_geonames,
    normalise,
)
from sitrep.gazetteer.build import latin_names
from sitrep.gazetteer.index import SCHEMA_VERSION

FIXTURE_DUMP = Path(__file__).parent / "fixtures" / "geonames" / "synthetic.txt"
FIXTURE_BAD_LINES = [4, 9, 15, 22, 24]  # see tests/fixtures/geonames/README.md

# Hand-written rows: real place names, invented ids and round numbers.
TINY_ROWS = [
    PlaceRow("cc:AF", "Afghanistan", "AF", None, "country", 33.0, 65.0, 37_000_000),
    PlaceRow("cc:LY", "Libya", "LY", None, "country", 25.0, 17.0, 6_700_000),
    PlaceRow("cc:LB", "Lebanon", "LB", None, "country", 33.8, 35.8, 6_800_000),
    PlaceRow("adm1:AF-KDZ", "Kunduz", "AF", "Kunduz", "admin1", 36.8, 68.8, 950_000, ("Kunduz Province",)),
    PlaceRow("adm1:AF-PAR", "Parwan", "AF", "Parwan", "admin1", 35.0, 69.0, 600_000),
    PlaceRow("gn:9100001", "Kunduz", "AF", "Kunduz", "city", 36.73, 68.86, 160_000, ("Kondoz", "Kundūz", "Qunduz")),
    PlaceRow("gn:9100002", "Tripoli", "LY", None, "city", 32.89, 13.19, 1_300_000, ("Tarabulus",)),
    PlaceRow("gn:9100003", "Tripoli", "LB", None, "city", 34.44, 35.85, 230_000, ("Trablous",)),
    PlaceRow("gn:9100004", "Ar Raqqah", "SY", None, "city", 35.95, 39.01, 530_000, ("Raqqa", "Al-Raqqah")),
    PlaceRow("gn:9100005", "Pul-e Khumrī", "AF", None, "city", 35.94, 68.71, 56_000),
]
TINY_CODES = [("AF", "24", "Kunduz"), ("AF", "40", "Parwan")]


def _tiny(path: Path, rows=TINY_ROWS) -> Path:
    build_gazetteer(path, sources=Sources(places=rows, admin1_codes=TINY_CODES))
    return path


@pytest.fixture
def tiny(tmp_path) -> Gazetteer:
    with Gazetteer.open(_tiny(tmp_path / "tiny.sqlite")) as gazetteer:
        yield gazetteer


def _ids(candidates) -> list[str]:
    return [c.id for c in candidates]


# ---------------------------------------------------------------- normalise


@pytest.mark.parametrize(
    "a, b",
    [
        ("Kundūz", "Kunduz"),
        ("KUNDUZ", "kunduz"),
        ("Al-Raqqah", "Raqqah"),
        ("al Raqqah", "Raqqah"),
        ("Ma'rib", "Marib"),
        ("Ma’rib", "Marib"),
        ("Pul-e Khumri", "Pul-i-Khumri"),
        ("Ras al-Ain", "Ras el Ain"),
        ("As-Suwayda", "Suwayda"),
        ("Łódź", "Lodz"),
        ("İdlib", "Idlib"),
        ("Ta‘izz", "Taizz"),
    ],
)
def test_normalise_makes_spelling_variants_equal(a, b):
    assert normalise(a) == normalise(b)


@pytest.mark.parametrize("a, b", [("Kunduz", "Kabul"), ("Tripoli", "Tripolis"), ("Gaza", "Ghazni")])
def test_normalise_keeps_different_names_apart(a, b):
    assert normalise(a) != normalise(b)


def test_normalise_does_not_empty_a_bare_article():
    assert normalise("Al") == "al"
    assert normalise("El") == "el"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_normalise_output_is_plain_and_stable(text):
    key = normalise(text)
    assert key == key.strip()
    assert "  " not in key
    assert set(key) <= set("abcdefghijklmnopqrstuvwxyz0123456789 ")
    assert normalise(key) == key


def test_latin_names_keeps_transliterations_and_drops_codes_scripts_and_lowercase():
    names = ["Kundūz", "Qunḏūz", "UND", "OAUZ", "kun dou shi", "Кундуз", "قندوز", "Kunduz khot", "K2"]
    assert list(latin_names(names)) == ["Kundūz", "Qunḏūz", "Kunduz khot"]


# ---------------------------------------------------------------- build and lookup


def test_lookup_finds_alternate_spellings(tiny):
    assert _ids(tiny.lookup("Kondoz")) == ["gn:9100001"]
    assert _ids(tiny.lookup("Qunduz")) == ["gn:9100001"]
    assert _ids(tiny.lookup("raqqa")) == ["gn:9100004"]
    assert _ids(tiny.lookup("Raqqah")) == ["gn:9100004"]  # "Al-Raqqah" without its article


def test_lookup_sorts_by_feature_then_population(tiny):
    assert _ids(tiny.lookup("Kunduz")) == ["adm1:AF-KDZ", "gn:9100001"]
    assert _ids(tiny.lookup("Tripoli")) == ["gn:9100002", "gn:9100003"]


def test_lookup_filters_and_limits(tiny):
    assert _ids(tiny.lookup("Tripoli", country="lb")) == ["gn:9100003"]
    assert _ids(tiny.lookup("Kunduz", feature="city")) == ["gn:9100001"]
    assert _ids(tiny.lookup("Tripoli", limit=1)) == ["gn:9100002"]
    assert tiny.lookup("Atlantis") == []


def test_lookup_returns_the_fields_written(tiny):
    (city,) = tiny.lookup("Kondoz")
    assert (city.name, city.country, city.admin1, city.feature) == ("Kunduz", "AF", "Kunduz", "city")
    assert (city.lat, city.lon, city.population) == (36.73, 68.86, 160_000)


def test_country_by_code(tiny):
    assert tiny.country("af").name == "Afghanistan"
    assert tiny.country("ZZ") is None


def test_build_writes_schema_version_and_reports(tmp_path):
    path = tmp_path / "g.sqlite"
    report = build_gazetteer(path, sources=Sources(places=TINY_ROWS, admin1_codes=TINY_CODES))
    assert report.rows == len(TINY_ROWS)
    assert report.bytes == path.stat().st_size > 0
    with sqlite3.connect(path) as conn:
        (version,) = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    assert version == str(SCHEMA_VERSION)


def test_a_later_row_with_the_same_id_replaces_the_earlier(tmp_path):
    rows = [*TINY_ROWS, PlaceRow("gn:9100005", "Pul-i-Khumri", "AF", "Baghlan", "city", 35.9, 68.7, 60_000)]
    with Gazetteer.open(_tiny(tmp_path / "g.sqlite", rows)) as gazetteer:
        (place,) = gazetteer.lookup("Pul-i-Khumri")
    assert (place.admin1, place.population) == ("Baghlan", 60_000)


def test_interrupted_build_leaves_the_old_file_and_no_temporary(tmp_path):
    path = _tiny(tmp_path / "g.sqlite")
    before = path.read_bytes()

    def rows_then_crash():
        yield TINY_ROWS[0]
        raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        build_gazetteer(path, sources=Sources(places=rows_then_crash()))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.sqlite"]


# ---------------------------------------------------------------- errors


def _assert_says_build(err: GazetteerError, path: Path) -> None:
    assert err.input == str(path)
    assert "sitrep gazetteer build" in err.hint


def test_open_missing_file(tmp_path):
    path = tmp_path / "absent.sqlite"
    with pytest.raises(GazetteerError) as caught:
        Gazetteer.open(path)
    _assert_says_build(caught.value, path)


def test_open_a_file_that_is_not_sqlite(tmp_path):
    path = tmp_path / "garbage.sqlite"
    path.write_bytes(b"this is not a database, just forty-odd bytes of text\n" * 20)
    with pytest.raises(GazetteerError) as caught:
        Gazetteer.open(path)
    _assert_says_build(caught.value, path)


def test_open_sqlite_without_meta(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t(x)")
    with pytest.raises(GazetteerError) as caught:
        Gazetteer.open(path)
    _assert_says_build(caught.value, path)


@pytest.mark.parametrize("version", ["0", str(SCHEMA_VERSION + 1)])
def test_open_wrong_schema_version(tmp_path, version):
    path = _tiny(tmp_path / "g.sqlite")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (version,))
    with pytest.raises(GazetteerError, match="schema version") as caught:
        Gazetteer.open(path)
    _assert_says_build(caught.value, path)


def test_truncated_file_is_an_error_not_a_crash(tmp_path):
    path = _tiny(tmp_path / "g.sqlite")
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(GazetteerError):
        with Gazetteer.open(path) as gazetteer:
            gazetteer.lookup("Kunduz")


def test_ensure_gazetteer_builds_only_when_missing(tmp_path, monkeypatch):
    calls = []

    def fake_build(path, progress=None):
        calls.append(path)
        return _tiny(path)

    monkeypatch.setattr("sitrep.gazetteer.build.build_gazetteer", fake_build)
    path = tmp_path / "sub" / "g.sqlite"
    assert ensure_gazetteer(path, progress=False) == path
    assert ensure_gazetteer(path, progress=False) == path
    assert calls == [path]


def test_ensure_gazetteer_rebuilds_an_older_version_but_not_a_foreign_file(tmp_path, monkeypatch):
    calls = []

    def fake_build(path, progress=None):
        calls.append(path)
        return _tiny(path)

    monkeypatch.setattr("sitrep.gazetteer.build.build_gazetteer", fake_build)
    old = _tiny(tmp_path / "old.sqlite")
    with sqlite3.connect(old) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION - 1),))
    foreign = tmp_path / "notes.sqlite"
    foreign.write_text("my notes, not a gazetteer")
    ensure_gazetteer(old, progress=False)
    ensure_gazetteer(foreign, progress=False)
    assert calls == [old]
    assert foreign.read_text() == "my notes, not a gazetteer"
    Gazetteer.open(old).close()


# ---------------------------------------------------------------- GeoNames import


def test_import_keeps_good_rows_and_reports_bad_lines(tmp_path):
    path = _tiny(tmp_path / "g.sqlite")
    report = import_geonames(path, FIXTURE_DUMP)
    assert report.bad_lines == FIXTURE_BAD_LINES
    assert (report.rows_added, report.skipped) == (19, 2)  # 21 good rows, an airport and a province skipped
    with Gazetteer.open(path) as gazetteer:
        (salang,) = gazetteer.lookup("Salang Pass")
        assert (salang.id, salang.feature, salang.country, salang.admin1) == ("gn:99000001", "pass", "AF", "Parwan")
        assert gazetteer.lookup("Kotal-e Salang")[0].id == "gn:99000001"
        assert gazetteer.lookup("Panjshir Valley")[0].feature == "valley"
        assert gazetteer.lookup("Chahar Dara District")[0].feature == "district"
        assert gazetteer.lookup("Zardak Kalay")[0].population == 310
        assert gazetteer.lookup("Kunduz River")[0].feature == "river"
        assert gazetteer.lookup("Kabul International Airport") == []
        assert gazetteer.lookup("Bad Population") == []


def test_import_from_zip_matches_plain_file(tmp_path):
    archive = tmp_path / "AF.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(FIXTURE_DUMP, "AF.txt")
        zf.writestr("readme.txt", "not a dump")
    report = import_geonames(_tiny(tmp_path / "g.sqlite"), archive)
    assert (report.rows_added, report.bad_lines) == (19, FIXTURE_BAD_LINES)


def test_import_twice_updates_instead_of_duplicating(tmp_path):
    path = _tiny(tmp_path / "g.sqlite")
    import_geonames(path, FIXTURE_DUMP)
    import_geonames(path, FIXTURE_DUMP)
    with Gazetteer.open(path) as gazetteer:
        assert _ids(gazetteer.lookup("Salang Pass")) == ["gn:99000001"]


def test_import_zip_with_two_dumps_is_refused(tmp_path):
    archive = tmp_path / "two.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(FIXTURE_DUMP, "AF.txt")
        zf.write(FIXTURE_DUMP, "PK.txt")
    path = _tiny(tmp_path / "g.sqlite")
    with pytest.raises(GazetteerError, match="2 dump files"):
        import_geonames(path, archive)
    with Gazetteer.open(path) as gazetteer:
        assert gazetteer.lookup("Salang Pass") == []


def test_import_invalid_utf8_line_is_a_bad_line(tmp_path):
    dump = tmp_path / "XX.txt"
    good = FIXTURE_DUMP.read_bytes().splitlines()[0]
    dump.write_bytes(good + b"\n" + good.replace(b"Salang Pass", b"Sal\xffng Pass", 1) + b"\n")
    report = import_geonames(_tiny(tmp_path / "g.sqlite"), dump)
    assert (report.rows_added, report.bad_lines) == (1, [2])


def test_import_needs_a_gazetteer_and_a_dump(tmp_path):
    with pytest.raises(GazetteerError) as caught:
        import_geonames(tmp_path / "absent.sqlite", FIXTURE_DUMP)
    _assert_says_build(caught.value, tmp_path / "absent.sqlite")
    with pytest.raises(UsageError):
        import_geonames(_tiny(tmp_path / "g.sqlite"), tmp_path / "absent.txt")


# ---------------------------------------------------------------- CLI


def _cli() -> typer.Typer:
    from sitrep.cli.gazetteer import register

    app = typer.Typer()
    register(app)
    return app


@pytest.mark.parametrize("args", [["gazetteer", "build"], ["gazetteer", "import"], ["geocode"]])
def test_every_command_has_help_with_an_example(args):
    result = CliRunner().invoke(_cli(), [*args, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_cli_import_prints_summary_and_bad_lines(tmp_path):
    path = _tiny(tmp_path / "g.sqlite")
    result = CliRunner().invoke(_cli(), ["gazetteer", "import", str(FIXTURE_DUMP), "--path", str(path)])
    assert result.exit_code == 0
    assert "19 places added" in result.stdout
    assert "4, 9, 15, 22, 24" in result.stderr


def test_cli_missing_gazetteer_is_one_line_and_its_exit_code(tmp_path):
    result = CliRunner().invoke(
        _cli(), ["gazetteer", "import", str(FIXTURE_DUMP), "--path", str(tmp_path / "absent.sqlite")]
    )
    assert result.exit_code == GazetteerError.exit_code != 0
    assert result.stderr.count("\n") == 1
    assert "sitrep gazetteer build" in result.stderr


def test_cli_build_uses_the_path_given(tmp_path, monkeypatch):
    def tiny_build(path, progress=None):
        return build_gazetteer(path, progress=progress, sources=Sources(places=TINY_ROWS))

    monkeypatch.setattr("sitrep.cli.gazetteer.build_gazetteer", tiny_build)
    path = tmp_path / "built.sqlite"
    result = CliRunner().invoke(_cli(), ["gazetteer", "build", "--path", str(path)])
    assert result.exit_code == 0, result.stderr
    assert f"{len(TINY_ROWS)} places" in result.stdout
    assert Gazetteer.open(path).country("LY").name == "Libya"


@pytest.mark.model
def test_cli_geocode_json_and_table(tmp_path):
    import json

    path = str(_tiny(tmp_path / "g.sqlite"))
    text = "Fighting was reported in Kunduz province and near Tripoli."
    result = CliRunner().invoke(_cli(), ["geocode", "--json", "--path", path, text])
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert [(m["text"], m["place"], m["geo_precision"]) for m in out["mentions"]] == [
        ("Kunduz province", "adm1:AF-KDZ", 3),
        ("Tripoli", "gn:9100002", 2),
    ]
    assert text[out["mentions"][1]["start"]:out["mentions"][1]["end"]] == "Tripoli"
    table = CliRunner().invoke(_cli(), ["geocode", "--path", path, text])
    assert table.exit_code == 0 and "adm1:AF-KDZ" in table.stdout


# ---------------------------------------------------------------- the real build
# ``gazetteer`` is the session fixture of tests/conftest.py: $SITREP_HOME's index, built once if missing.


@pytest.mark.gazetteer
@pytest.mark.slow
def test_real_build_meets_time_and_size_targets(tmp_path):
    report = build_gazetteer(tmp_path / "gazetteer.sqlite")
    assert report.seconds < 120
    assert report.bytes < 200e6
    assert report.rows > 234_908 + 5_000  # every cities500 town, plus countries and admin1 regions
    assert report.admin1_codes / (report.admin1_codes + report.admin1_unmapped) > 0.9  # measured 93%
    assert [p.name for p in tmp_path.iterdir()] == ["gazetteer.sqlite"]


@pytest.mark.gazetteer
def test_real_admin1_mapping_covers_most_towns(gazetteer):
    with sqlite3.connect(f"file:{gazetteer.path}?mode=ro", uri=True) as conn:
        (cities,) = conn.execute("SELECT count(*) FROM place WHERE feature = 'city'").fetchone()
        (named,) = conn.execute("SELECT count(*) FROM place WHERE feature = 'city' AND admin1 IS NOT NULL").fetchone()
    assert named / cities > 0.75  # measured 79% (see sitrep/gazetteer/build.py)


@pytest.mark.gazetteer
@pytest.mark.parametrize(
    "variant, name, place_id",
    [
        ("Kharkov", "Kharkiv", "gn:706483"),
        ("Kondoz", "Kunduz", "gn:1135689"),
        ("Banghazi", "Benghazi", "gn:88319"),
    ],
)
def test_real_transliteration_variants(gazetteer, variant, name, place_id):
    assert place_id in _ids(gazetteer.lookup(variant))
    assert place_id in _ids(gazetteer.lookup(name))


@pytest.mark.gazetteer
def test_real_province_and_its_capital_are_both_found(gazetteer):
    found = {c.feature: c for c in gazetteer.lookup("Kunduz", country="AF")}
    assert found["admin1"].id == "adm1:AF-KDZ"
    assert found["city"].id == "gn:1135689"
    assert found["city"].admin1 == "Kunduz"  # GeoNames admin1 code 24 mapped to ISO AF-KDZ's name


@pytest.mark.gazetteer
def test_real_import_of_the_fixture_dump(gazetteer, tmp_path):
    copy = tmp_path / "g.sqlite"
    shutil.copyfile(gazetteer.path, copy)
    assert Gazetteer.open(copy).lookup("Chahar Dara District") == []
    report = import_geonames(copy, FIXTURE_DUMP)
    assert (report.rows_added, report.bad_lines) == (19, FIXTURE_BAD_LINES)
    with Gazetteer.open(copy) as extended:
        (chahar_dara,) = extended.lookup("Chahar Dara District")
    assert (chahar_dara.feature, chahar_dara.admin1) == ("district", "Kunduz")


@pytest.mark.gazetteer
def test_real_lookup_memory_is_small(gazetteer):
    # VmHWM, not ru_maxrss: a child forked from pytest inherits pytest's ru_maxrss on Linux.
    script = (
        "import re, sys\n"
        "from sitrep.gazetteer import Gazetteer\n"
        "g = Gazetteer.open(sys.argv[1])\n"
        "for i in range(5000):\n"
        "    g.lookup(['Kunduz', 'Tripoli', 'Springfield', 'San Jose', f'x{i}'][i % 5])\n"
        "print(re.search(r'VmHWM:\\s+(\\d+) kB', open('/proc/self/status').read()).group(1))\n"
    )
    out = subprocess.run([sys.executable, "-c", script, str(gazetteer.path)], capture_output=True, text=True, check=True)
    assert 0 < int(out.stdout) < 500 * 1024  # kB; measured ~35 MB


@pytest.mark.parametrize(
    "a, b",
    [("Maidan Shar", "Maydān Shahr"), ("Puli Alam", "Pul-e ‘Alam"), ("Sholgara", "Shulgarah"), ("Kunduz", "Kondoz")],
)
def test_skeleton_joins_transliterations(a, b):
    from sitrep.gazetteer.index import normalise, skeleton

    assert skeleton(normalise(a)) == skeleton(normalise(b))


def test_similar_keeps_to_the_country_and_close_spellings(tmp_path):
    from sitrep.gazetteer import Gazetteer, PlaceRow, Sources, build_gazetteer

    rows = [PlaceRow("gn:1", "Maydān Shahr", "AF", "Wardak", "city", 34.4, 68.9, 35_000),
            PlaceRow("gn:2", "Maydan Shahr", "IR", None, "city", 30.0, 50.0, 1_000),
            PlaceRow("gn:3", "Karukh", "AF", "Herat", "city", 34.5, 62.6, 20_000)]  # fmt: skip
    path = tmp_path / "g.sqlite"
    build_gazetteer(path, sources=Sources(places=rows))
    with Gazetteer.open(path) as g:
        assert [c.id for c in g.similar("Maidan Shar", country="AF")] == ["gn:1"]
        assert g.similar("Kharki", country="AF") == []  # same consonants (k-r-k), not the same name
        assert g.similar("Ab", country="AF") == []  # too short to guess
