"""Stage 7.3 of places: look toponyms up in the gazetteer (see :mod:`.places`).

Each span is tried with its feature word as written ("Salang Pass", "Kuwait City"), then the bare
name ("Kunduz" of "Kunduz province"), then without a compass prefix ("Northern Kunduz");
overlapping spans keep the longest one known. Spans a caller vouches for (gold annotations,
:func:`given_spans`) also resolve demonyms, continents, oceans and world regions, postal codes and
the names inside a longer name ("Bank of Japan"); words the gazetteer holds under another name
("Calif.", "England") come from :mod:`._placewords`. A district the index spells another way is
found by its consonant skeleton among the places of the article's country (:func:`spelled_otherwise`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc

from ..gazetteer.index import Candidate, Gazetteer, normalise
from ..nlp import text_of
from ._placewords import continent, demonym_country, region_demonym, state_abbreviation, uk_nation, world_feature
from ._toponyms import (COMPASS, FEATURE_WORDS, LOCATIVE, Toponym, absorb, bracketed_town, compass_fallback,
                        possessive_of_place)
from ._unlisted import name_runs, within_km

__all__ = ["name_key", "look_up", "given_spans", "spelled_otherwise", "pin_to_region", "MACRO_REGIONS"]

# Candidate names repeat across the toponyms of a corpus: normalise each once.
name_key = lru_cache(maxsize=16_384)(normalise)

_LIMIT = 50  # candidates per name: enough for "San Jose"-like names, cheap for SQLite

MACRO_REGIONS = frozenset({
    "africa", "europe", "asia", "americas", "latin america", "north america", "south america",
    "middle east", "near east", "far east", "west africa", "east africa", "north africa", "southern africa",
    "central africa", "horn of africa", "sahel", "central asia", "south asia", "southeast asia", "caucasus",
    "balkans", "levant", "maghreb", "gulf", "persian gulf", "arabian peninsula", "west coast", "east coast",
    "midwest", "scandinavia", "west", "east",
})
# The kind of thing a name ends in ("Fire Island", "the Islamic Republic"): never what the name means on its
# own, though GeoNames has towns and alternate names so spelled (Iceland is "Island"; Republic, Missouri).
_HEAD_NOUNS = frozenset("island islands isle republic kingdom union federation emirates lake lakes bay point harbor "
                        "harbour beach coast peninsula gulf sea ocean creek falls delta desert forest airport port "
                        "strait channel".split())  # fmt: skip
_LOWER_COMPASS = frozenset({"north", "south", "east", "west"})


def given_spans(doc: Doc, spans: list[tuple[int, int]]) -> list[Optional[Toponym]]:
    """Toponyms of character spans a caller vouches for (strong), None for a span no token covers."""
    given: list[Optional[Toponym]] = []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            given.append(None)
            continue
        s, e = span.start, span.end
        hint = FEATURE_WORDS.get(doc[e - 1].lower_) if e - s > 1 else _unit_after(doc, e)
        fallbacks = [(s, e - 1, hint)] if hint else compass_fallback(doc, s, e)
        written = text_of(doc)[start:end].strip() if span.text != text_of(doc)[start:end] else ""
        if s and doc[s - 1].text in _LOWER_COMPASS and world_feature(f"{doc[s - 1].text} {span.text}"):
            written = f"{doc[s - 1].text} {span.text}"  # "the north Atlantic": the North Atlantic's own point
        given.append(Toponym(s, e, hint=hint, strong=True, fallbacks=fallbacks, text=written))
    return given



def _unit_after(doc: Doc, end: int) -> Optional[str]:
    """The feature a unit word after a given span asks for: "district" for "Fulton" of "Fulton County" or
    of "Fulton and DeKalb counties" (names, commas and "and" up to the plural); "admin1" for
    "Washington" of "Washington state" (the state, not the capital)."""
    if end < len(doc) and doc[end].text == "state":
        return "admin1"
    k = end
    while k < len(doc) and k < end + 8 and (doc[k].lower_ in (",", "and", "or") or doc[k].text[:1].isupper()):
        if doc[k].text == "County" and k == end:
            return "district"
        k += 1
    return "district" if k < len(doc) and doc[k].lower_ == "counties" else None


def look_up(doc: Doc, toponyms: list[Toponym], gazetteer: Gazetteer, *, wide: bool = False) -> list[Toponym]:
    """The toponyms the gazetteer knows, each with its candidates; overlaps keep the longest.

    ``wide`` (spans a caller vouches for) also resolves demonyms, continents, postal codes
    and names inside a longer name ("Bank of Japan").
    """
    people = _surnames(doc)
    known = [topo for topo in toponyms if _find(doc, topo, gazetteer, wide, people)]
    known = _merge_same_spans(known)
    # Overlapping spans: the longest the gazetteer knows wins ("Bosnia and Herzegovina" over "Bosnia").
    known.sort(key=lambda t: (t.start - t.end, t.start))
    taken: set[int] = set()
    kept = []
    for topo in known:
        tokens = set(range(topo.start, topo.end))
        if not tokens & taken:
            taken |= tokens
            kept.append(topo)
        elif topo.strong:  # NER saw a place inside the longer span ("Panjshir" in "the Panjshir valley")
            for other in kept:
                if other.start <= topo.start and topo.end <= other.end:
                    other.strong = True
    return sorted(kept, key=lambda t: t.start)


def _surnames(doc: Doc) -> set[str]:
    """Last names of the people NER found by their full names ("Salah" of "Mohamed Salah"): one sense per
    discourse, so a bare "Salah" later in the article is the man, not a hamlet so named."""
    return {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text[:1].isupper()}


def _find(doc: Doc, topo: Toponym, gazetteer: Gazetteer, wide: bool, people: frozenset[str] | set[str] = frozenset()) -> bool:
    """Set the candidates of ``topo`` from its span or a fallback; False when nothing is known."""
    spans = [(topo.start, topo.end, topo.hint), *topo.fallbacks]
    if wide:
        spans += _inner_names(doc, topo.start, topo.end)
    for start, end, hint in spans:
        # a given span may end inside a token ("U.S." of "U.S.-led"): its own text, not the token's
        text = topo.text if (start, end) == (topo.start, topo.end) and topo.text else doc[start:end].text
        key = name_key(text)
        candidates = _special(text, gazetteer, wide)
        if candidates is None:
            if key in MACRO_REGIONS:
                return False  # "North America", "West Africa": no part of it ("America") is meant either
            candidates = gazetteer.lookup(text, limit=_LIMIT)
            if not candidates and key.startswith("st "):  # "St. Louis", "St Petersburg": GeoNames spells Saint
                candidates = gazetteer.lookup("saint " + key[3:], limit=_LIMIT)
        if hint == "district" and not any(c.feature == "district" for c in candidates or ()):
            # "Fulton and DeKalb counties": a US county is listed with its unit word ("Fulton County")
            candidates = gazetteer.lookup(f"{text} County", feature="district", limit=_LIMIT) + (candidates or [])
        if candidates:
            # "Northern Kunduz" found as Kunduz: only a part of it is meant (geo_precision 2), of the kind the
            # phrase names ("district, West Shewa": Shewa is asked for as a region)
            compass = start > topo.start and doc[topo.start].text in COMPASS
            topo.near = topo.near or compass
            hint = hint or (topo.hint if compass else None)
            topo.person = all(t.ent_type_ == "PERSON" for t in doc[start:end])
            topo.partial = (start, end) != (topo.start, topo.end)
            if text in people and not wide:  # NER's GPE on a bare "Salah" does not outweigh "Mohamed Salah"
                topo.person, topo.strong = True, False
            _take(topo, start, end, hint, text, candidates)
            return True
    return False


def _take(topo: Toponym, start: int, end: int, hint: Optional[str], text: str, candidates: list[Candidate]) -> None:
    """``topo`` is the span ``[start, end)`` of ``text``, asking for ``hint``, with these candidates."""
    topo.start, topo.end, topo.hint, topo.candidates = start, end, hint, candidates
    topo.text, topo.key = text, name_key(text)


def _special(text: str, gazetteer: Gazetteer, wide: bool) -> Optional[list[Candidate]]:
    """Candidates of a word the gazetteer holds under another name ("Calif."), None if ``text`` is none."""
    demonym = region_demonym(text) if wide else None  # "Welsh" → Wales
    nation = uk_nation(text) or (uk_nation(demonym[1]) if demonym else None)
    if nation is not None:
        return [nation]
    region = state_abbreviation(text, postal=wide)
    if region is not None:
        return gazetteer.lookup(region[1], country=region[0], feature="admin1", limit=1)
    if not wide:
        return None
    found = world_feature(text)  # before demonyms: "Latin American" is Latin America
    if found is not None:
        return [found]
    code = demonym_country(text)
    if code is not None:
        country = gazetteer.country(code)
        return [country] if country else []
    found = continent(text)
    return [found] if found else None


def _inner_names(doc: Doc, start: int, end: int) -> list[tuple[int, int, Optional[str]]]:
    """Shorter names inside a name, most telling first: after "of" ("Bank of Japan"), then NER places,
    then capitalised runs, longest first ("Colchester General Hospital" → "Colchester")."""
    if end - start < 2 or end - start > 10:
        return []
    after_of = [(k + 1, end, None) for k in range(start, end - 1) if doc[k].lower_ == "of"]
    places = [(e.start, e.end, None) for e in doc.ents
              if e.label_ in ("GPE", "LOC") and start <= e.start and e.end <= end and (e.start, e.end) != (start, end)]
    runs = [(i, j, None) for i, j in name_runs(doc, start, end) if j - i < end - start
            and not (i == end - 1 and doc[i].lower_ in _HEAD_NOUNS)]  # fmt: skip
    return after_of + places + runs


def spelled_otherwise(doc: Doc, recognised: list[Toponym], known: list[Toponym], country: str,
                       gazetteer: Gazetteer) -> list[Toponym]:  # fmt: skip
    """Add the toponyms no exact name matched but a transliteration variant in the article's country
    does ("Maidan Shar district" for Maydān Shahr in an Afghan report)."""
    taken = {i for t in known for i in range(t.start, t.end)}
    found = []
    for topo in recognised:
        if topo.candidates or taken.intersection(range(topo.start, topo.end)):
            continue
        if topo.hint is None and topo.within is None:
            continue  # only a phrase that says it is a place ("X district", "X of Y district, Z") is worth a guess
        for start, end, hint in [(topo.start, topo.end, topo.hint), *topo.fallbacks]:
            text = doc[start:end].text
            candidates = [] if name_key(text) in MACRO_REGIONS else gazetteer.similar(text, country=country, limit=5)
            if candidates:
                _take(topo, start, end, hint, text, candidates)
                taken.update(range(start, end))
                found.append(topo)
                break
    return sorted(known + found, key=lambda t: t.start) if found else known


def pin_to_region(doc: Doc, toponyms: list[Toponym]) -> list[Toponym]:
    """A place followed by ", <region>" or "in <place>", or after "<place>'s", lies there when one of its
    namesakes does: "Paris, Tenn.", "Athens, Georgia" (the US state, not the country), "Rome, Ga.", "Bole in
    Addis Ababa", "Egypt's Giza"; both names keep only those readings. A name after "in" (or a town's
    "'s") none of whose namesakes shares a country with that town is a part of it the index lacks ("Bole",
    a district of Addis Ababa, is no town in China; "London's Heathrow" is not in Florida): it resolves there. Not in a list of names ("in Kunduz,
    Baghlan and Takhar"), where the comma joins equals. Returns the toponyms."""
    by_start = {t.start: t for t in toponyms}
    by_end = {t.end: t for t in toponyms}
    for topo in toponyms:
        owner = by_end.get(topo.start - 1) if possessive_of_place(doc, topo.start) else None
        if owner is not None and not _pin(topo, owner, inside=True):
            _part_of(topo, owner)  # "London's Heathrow"; but "Russia's Washington embassy" stays Washington
        town = by_start.get(topo.end + 2) if topo.end + 2 < len(doc) and bracketed_town(doc, topo.end + 2) else None
        if town is not None:  # "Garissa neighbourhood (Jamaame)": a part of Jamaame, whatever namesakes it has
            if not _pin(topo, town, inside=True):
                _part_of(topo, town)
            continue
        region = by_start.get(topo.end + 1)
        if region is None or doc[topo.end].lower_ not in (",", "in") or _listed(doc, region.end, by_start):
            continue
        inside = doc[topo.end].lower_ == "in"
        if not _pin(topo, region, inside) and inside and _located(doc, topo):
            _part_of(topo, region)
    return toponyms


def _part_of(topo: Toponym, town: Toponym) -> None:
    """A name none of whose namesakes shares a country with ``town`` is a part of that town the index lacks."""
    if None not in _countries(topo) and not _countries(topo) & _countries(town):  # not a sea or world region
        topo.candidates = [c for c in town.candidates if c.feature == "city"] or topo.candidates


def _pin(topo: Toponym, region: Toponym, inside: bool) -> bool:
    """Keep the readings of ``topo`` that lie in a reading of ``region`` (and those of ``region``); False if none."""
    pairs = [(town, area) for area in region.candidates for town in topo.candidates if _lies_in(town, area, inside)]
    if pairs:
        topo.candidates = list(dict.fromkeys(town for town, _ in pairs))
        region.candidates = list(dict.fromkeys(area for _, area in pairs))
    return bool(pairs)


def _countries(topo: Toponym) -> set[Optional[str]]:
    return {c.country for c in topo.candidates}


def _located(doc: Doc, topo: Toponym) -> bool:
    """Whether the name itself follows "in", "at", "near"… ("stalls cleared in Bole in Addis Ababa"; not the
    epithet "Gregory of Narek in Vatican")."""
    return topo.start > 0 and doc[topo.start - 1].lower_ in LOCATIVE


_PART_OF_TOWN_KM = 30  # "Bole in Addis Ababa": a district or suburb lies this close to its town's point


def _lies_in(town: Candidate, area: Candidate, inside: bool) -> bool:
    """Whether ``town`` lies in the region ``area`` (or, after "in", in its country or beside its town)."""
    if inside and area.feature == "country":
        return town.country == area.country and town.feature in ("city", "district", "admin1")
    if town.feature not in ("city", "district"):
        return False
    if area.feature == "admin1":
        return (town.country, town.admin1) == (area.country, area.name)
    if not inside:
        return False  # "Tbilisi, Georgia": a country after a comma is left to the country vote
    return area.feature == "city" and town.id != area.id and within_km(town, area, _PART_OF_TOWN_KM)


def _listed(doc: Doc, i: int, by_start: dict[int, Toponym]) -> bool:
    """Whether another name follows token ``i`` as the next item of a list (", Takhar", "and Takhar")."""
    while i < len(doc) and doc[i].lower_ in (",", "and", "or"):
        i += 1
        if i in by_start:
            return True
    return False


def _merge_same_spans(toponyms: list[Toponym]) -> list[Toponym]:
    """Fallbacks can land two toponyms on one span (the GPE "Panjshir", "the Panjshir valley")."""
    merged: dict[tuple[int, int], Toponym] = {}
    for topo in toponyms:
        kept = merged.setdefault((topo.start, topo.end), topo)
        if kept is not topo:
            absorb(kept, topo)
    return list(merged.values())
