"""Import a GeoNames dump into a built gazetteer: passes, valleys, districts, villages.

The packaged data stops at towns of 500 people; conflict reporting names mountain
passes, valleys, districts and hamlets. GeoNames publishes them in its dumps
(``download.geonames.org/export/dump/``): ``allCountries.txt``, one ``XX.txt`` per
country, or the ``.zip`` of either. Each line has the 19 tab-separated columns::

    geonameid name asciiname alternatenames latitude longitude feature_class feature_code
    country_code cc2 admin1 admin2 admin3 admin4 population elevation dem timezone modified

Good rows are kept, malformed lines are reported by line number, and the whole import
is one transaction: it lands completely or not at all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import re
import sqlite3
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterator, Optional

from ..errors import GazetteerError, UsageError
from .build import PlaceRow, latin_names, place_keys
from .index import FEATURE_RANK, check_schema

__all__ = ["ImportReport", "import_geonames"]

log = logging.getLogger(__name__)

_COLUMNS = 19
_BATCH = 5_000
_DUMP_HINT = "pass allCountries.txt, XX.txt or a .zip of one from download.geonames.org/export/dump/"
_COUNTRY = re.compile(r"^(?:[A-Z]{2})?$")
_DIGITS = re.compile(r"^\d+$")

# GeoNames feature codes → sitrep features. Classes not listed (S spots and buildings, L areas,
# U undersea, V vegetation, R roads) and the admin levels the packaged data already has are skipped.
_TERRAIN = {
    "PASS": "pass", "GAP": "pass", "VAL": "valley", "VALS": "valley", "VALX": "valley", "GRGE": "valley",
    "MT": "mountain", "MTS": "mountain", "PK": "mountain", "PKS": "mountain", "HLL": "mountain",
    "HLLS": "mountain", "RDGE": "mountain",
}
_WATER = {"STM": "river", "STMS": "river", "STMI": "river", "WAD": "river", "WADS": "river"}
_DISTRICTS = {"ADM2", "ADM3", "ADM4", "ADM5", "ADMD", "ADM2H", "ADM3H"}

_UPSERT = """
INSERT INTO place(id, name, country, admin1, feature, rank, lat, lon, population)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(id) DO UPDATE SET
    name = excluded.name, country = excluded.country, admin1 = excluded.admin1, feature = excluded.feature,
    rank = excluded.rank, lat = excluded.lat, lon = excluded.lon, population = excluded.population
RETURNING rid
"""


@dataclass(frozen=True)
class ImportReport:
    rows_added: int  # places inserted or updated
    bad_lines: list[int] = field(default_factory=list)  # 1-based line numbers of malformed lines
    skipped: int = 0  # well-formed rows of a kind sitrep does not index (buildings, seas, countries…)
    seconds: float = 0.0


def import_geonames(gazetteer_path: Path, dump: Path) -> ImportReport:
    """Add the passes, valleys, districts and places of GeoNames ``dump`` to the gazetteer at ``gazetteer_path``."""
    began = time.perf_counter()
    gazetteer_path, dump = Path(gazetteer_path), Path(dump)
    if not dump.is_file():
        raise UsageError("GeoNames dump not found", input=str(dump), hint=_DUMP_HINT)
    conn = _open_writable(gazetteer_path)
    try:
        admin1 = dict(((c, code), name) for c, code, name in conn.execute("SELECT country, code, admin1 FROM admin1_code"))
        with conn, _open_dump(dump) as lines:  # one transaction: committed only if the whole dump was read
            added, skipped, bad = _load(conn, lines, admin1)
            _record_import(conn, dump, added)
    except sqlite3.Error as err:
        raise GazetteerError(f"import failed: {err}", input=str(gazetteer_path), hint="check disk space; the index is unchanged") from err
    finally:
        conn.close()
    if bad:
        log.info("%s: %d malformed lines skipped (first: line %d)", dump, len(bad), bad[0])
    return ImportReport(rows_added=added, bad_lines=bad, skipped=skipped, seconds=time.perf_counter() - began)


def _open_writable(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise GazetteerError("gazetteer index not found", input=str(path), hint="run `sitrep gazetteer build` first")
    conn = sqlite3.connect(path)
    try:
        check_schema(conn, path)
    except GazetteerError:
        conn.close()
        raise
    return conn


@contextlib.contextmanager
def _open_dump(dump: Path) -> Iterator[BinaryIO]:
    """The dump's lines as bytes: the file itself, or the one ``.txt`` inside a zip."""
    if not zipfile.is_zipfile(dump):
        with dump.open("rb") as handle:
            yield handle
        return
    with zipfile.ZipFile(dump) as archive:
        members = [n for n in archive.namelist() if n.lower().endswith(".txt") and "readme" not in n.lower()]
        if len(members) != 1:
            raise GazetteerError(f"zip holds {len(members)} dump files, expected one", input=str(dump), hint=_DUMP_HINT)
        with archive.open(members[0]) as handle:
            yield handle


def _load(conn: sqlite3.Connection, lines: BinaryIO, admin1: dict) -> tuple[int, int, list[int]]:
    added = skipped = 0
    bad: list[int] = []
    names: list[tuple[str, int]] = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            row = parse_line(raw.decode("utf-8"), admin1)
        except (UnicodeDecodeError, ValueError):
            bad.append(number)
            continue
        if row is None:
            skipped += 1
            continue
        rid = conn.execute(_UPSERT, _place_values(row)).fetchone()[0]
        names.extend((key, rid) for key in place_keys(row))
        added += 1
        if len(names) >= _BATCH:
            conn.executemany("INSERT OR IGNORE INTO name VALUES (?, ?)", names)
            names.clear()
    conn.executemany("INSERT OR IGNORE INTO name VALUES (?, ?)", names)
    return added, skipped, bad


def parse_line(line: str, admin1: dict[tuple[str, str], str]) -> Optional[PlaceRow]:
    """One dump line as a PlaceRow; None for a kind sitrep skips; ValueError if malformed."""
    cols = line.rstrip("\r\n").split("\t")
    if len(cols) != _COLUMNS:
        raise ValueError(f"{len(cols)} columns, expected {_COLUMNS}")
    gid, name, ascii_name, alternates, lat, lon, fclass, fcode, country = cols[:9]
    population = cols[14]
    if not _DIGITS.match(gid) or not name.strip() or not _COUNTRY.match(country):
        raise ValueError("bad id, name or country code")
    if population and not _DIGITS.match(population):
        raise ValueError("bad population")
    lat_f, lon_f = float(lat), float(lon)  # ValueError for non-numbers
    if not (-90 <= lat_f <= 90 and -180 <= lon_f <= 180):
        raise ValueError("coordinates out of range")
    feature = _feature(fclass, fcode)
    if feature is None:
        return None
    return PlaceRow(
        id=f"gn:{gid}", name=name.strip(), country=country or None, admin1=admin1.get((country, cols[10])),
        feature=feature, lat=lat_f, lon=lon_f, population=int(population or 0),
        alternates=tuple(latin_names([ascii_name, *alternates.split(",")])),
    )


def _feature(fclass: str, fcode: str) -> Optional[str]:
    if fclass == "P":
        return "city"
    if fclass == "A":
        return "district" if fcode in _DISTRICTS else None
    if fclass == "T":
        return _TERRAIN.get(fcode)
    if fclass == "H":
        return _WATER.get(fcode)
    return None


def _place_values(row: PlaceRow) -> tuple:
    return (row.id, row.name, row.country, row.admin1, row.feature, FEATURE_RANK[row.feature], row.lat, row.lon, row.population)


def _record_import(conn: sqlite3.Connection, dump: Path, added: int) -> None:
    found = conn.execute("SELECT value FROM meta WHERE key = 'imports'").fetchone()
    imports = json.loads(found[0]) if found else []
    at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    imports.append({"file": dump.name, "rows": added, "at": at})
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('imports', ?)", (json.dumps(imports),))
