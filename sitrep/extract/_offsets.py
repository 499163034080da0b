"""Places given as a distance and bearing from a town: "(14 km NE of Xudur)", "30 miles south of Goma".

Field reports place villages the gazetteer lacks by their distance and direction from a known town.
The town is a landmark, not where the event happened (:mod:`._event_places` takes it only when the
clause names no other place); the point the phrase describes is the best estimate of where it did.
So the whole phrase becomes a place of its own at that point, with ACLED geo_precision 2 ("near a
named place"), and the town keeps its own mention. A compass point stands for its bearing (NE 45°,
NNW 337.5°); miles are converted; distances over :data:`MAX_KM` are left alone (the phrase then
says little about a town's surroundings). A compass abbreviation before "of" is no place itself
(:func:`is_bearing`: not "Ne", a hamlet near Genoa). On ACLED Africa 2016 dev, 373 notes use the
pattern; with this module location within 25 km rose from 2376 to 2420 of 6,831 rows.
"""

from __future__ import annotations

import math
import re
from typing import Optional

from ..records import Mention, Place

__all__ = ["add_offsets", "offset_point", "is_bearing", "MAX_KM"]

MAX_KM = 300.0

_POINTS = ["n", "nne", "ne", "ene", "e", "ese", "se", "sse", "s", "ssw", "sw", "wsw", "w", "wnw", "nw", "nnw"]
_WORDS = {"north": "n", "south": "s", "east": "e", "west": "w",
          "northeast": "ne", "northwest": "nw", "southeast": "se", "southwest": "sw"}  # fmt: skip
_BEARING = {point: 22.5 * i for i, point in enumerate(_POINTS)}
_MILE_KM = 1.609344

#: "14km NE of ", "30 miles south-east of the ", "5 km to the north of "; anchored at a mention's start
_OFFSET = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)\s*-?\s*(km|kms|kilometres|kilometers|kilometre|kilometer|miles|mile|mi)\.?\s+"
    r"(?:to\s+the\s+)?(north|south|east|west|(?:north|south)[\s-]?(?:east|west)|[NSEW]{1,3})\s+"
    r"(?:of|from)\s+(?:the\s+)?(?:town\s+of\s+|city\s+of\s+)?$",
    re.I,
)
_WINDOW = 64  # characters before a mention the phrase is looked for in


def offset_point(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point ``km`` from (lat, lon) on ``bearing`` degrees (great circle, spherical Earth)."""
    distance = km / 6371.0
    phi, lam, theta = math.radians(lat), math.radians(lon), math.radians(bearing)
    phi2 = math.asin(math.sin(phi) * math.cos(distance) + math.cos(phi) * math.sin(distance) * math.cos(theta))
    lam2 = lam + math.atan2(math.sin(theta) * math.sin(distance) * math.cos(phi),
                            math.cos(distance) - math.sin(phi) * math.sin(phi2))  # fmt: skip
    return round(math.degrees(phi2), 5), round((math.degrees(lam2) + 540) % 360 - 180, 5)


def add_offsets(found, text: str) -> None:
    """Add, for each town mention that ends a distance-and-bearing phrase, the place the whole phrase
    describes (see the module docstring), mentioned by the phrase; the town keeps its own mention.
    ``found`` is a PlacesFound, changed in place."""
    from .places import PlaceMention  # the records of the place stage; imported late to avoid a cycle

    places = {p.id: p for p in found.places}
    for mention in list(found.mentions):
        base = places.get(mention.place_id)
        if base is None or base.lat is None or base.lon is None or base.feature in {"country", "admin1"}:
            continue
        window = max(0, mention.start - _WINDOW)
        match = _OFFSET.search(text, window, mention.start)
        parsed = _parse(match)
        if parsed is None:
            continue
        km, point, written = parsed
        place_id = f"off:{base.id}:{round(km, 1):g}{point}"
        place = places.get(place_id)
        if place is None:
            lat, lon = offset_point(base.lat, base.lon, km, _BEARING[point])
            place = Place(id=place_id, name=f"{written} {point.upper()} of {base.name}", country=base.country,
                          admin1=base.admin1, feature="place", lat=lat, lon=lon, geo_precision=2)  # fmt: skip
            places[place_id] = place
            found.places.append(place)
        place.mentions.append(Mention(start=match.start(), end=mention.end))
        found.mentions.append(PlaceMention(match.start(), mention.end, text[match.start(): mention.end], place_id, 2))
    found.mentions.sort(key=lambda m: m.start)


def is_bearing(doc, start: int, end: int) -> bool:
    """Whether tokens ``[start, end)`` are a compass point before "of"/"from" ("14km NE of Xudur"),
    not a place ("Ne", a hamlet near Genoa)."""
    return (end - start == 1 and doc[start].text.isupper() and doc[start].text.lower() in _BEARING
            and end < len(doc) and doc[end].lower_ in {"of", "from"})


def _parse(match: Optional[re.Match]) -> Optional[tuple[float, str, str]]:
    """(km, compass point, distance as written: "30 mi") of an :data:`_OFFSET` match, or None."""
    if match is None:
        return None
    number, unit, direction = match.groups()
    miles = unit.lower().startswith("mi")
    km = float(number) * (_MILE_KM if miles else 1.0)
    word = re.sub(r"[\s-]", "", direction.lower())
    point = _WORDS.get(word, word)
    if point not in _BEARING or not 0 < km <= MAX_KM:
        return None
    return km, point, f"{number} {'mi' if miles else 'km'}"
