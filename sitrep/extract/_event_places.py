"""Where an event happened: the place of a trigger's mention, chosen among the resolved places of its
clause (the events stage, step 1), and how many places a sentence lists for one figure.

ACLED codes one event per day per location at the most specific place the text supports. A
namesake the gazetteer resolves outside the province the phrase itself names is not that place;
neither is the landmark a distance is measured from; places listed for one figure ("in Surkh Rod,
Chaparhar and Achin districts") are several locations, the areas of one district are not.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Optional

from spacy.tokens import Span

from .claims import in_clause

__all__ = ["mention_places", "listed_places", "plural"]


def plural(trigger: Span) -> bool:
    """A trigger that can stand for several events: a plural noun ("clashes") or a finite verb."""
    return trigger.root.tag_ in {"NNS", "VBD", "VBN", "VBG"}


def mention_places(ctx, sent: Span, trigger: Span, places: dict) -> list[Optional[str]]:
    """One place per mention; coordinated places of one plural trigger split into several."""
    found = [m for m in ctx.places_in(sent.start_char, sent.end_char) if m.place_id in places]
    found = in_clause(sent, trigger.root, found)
    # a dateline says where the reporter files from: the event's place only if nothing else is named
    found = [m for m in found if not getattr(m, "dateline", False)] or found
    found = _in_named_region(ctx, found, places)
    # "near Haro hamlet (40 km NE of Baidoa)": the place a distance is measured from is a landmark, the
    # event's place only when the text names no other (ACLED then codes it with geo_precision 2)
    found = [m for m in found if not _MEASURED_FROM.search(ctx.text, max(0, m.start - 48), m.start)] or found
    if not found:
        return [None]
    ranked = sorted(found, key=lambda m: (places[m.place_id].geo_precision, places[m.place_id].feature == "country",
                                          abs(m.start - trigger.start_char)))
    best = ranked[0]
    same = [m for m in found if places[m.place_id].geo_precision == places[best.place_id].geo_precision]
    coordinated = _coordinated(ctx, same)
    if len(coordinated) > 1 and plural(trigger) and not _BETWEEN.search(ctx.text, max(0, coordinated[0].start - 16), coordinated[0].start):
        return list(dict.fromkeys(m.place_id for m in coordinated))
    return [best.place_id]


def _in_named_region(ctx, found: list, places: dict) -> list:
    """The places of a clause without the namesakes its own words rule out: a place the phrase puts in
    a province ("the X quarter of Farah city, Farah"; "Alpha, Bravo and Charlie villages in
    Musa Qala district of Helmand") lies in that province, so a namesake in another province or
    country is the gazetteer's namesake, not the event's place. All are kept when none fits."""
    regions = [m for m in found if _names_region(places[m.place_id])]
    if not regions:
        return found

    def namesake(m) -> bool:
        place = places[m.place_id]
        if place.feature in {"country", "admin1"}:
            return False
        region = next((r for r in regions if r.start >= m.end and _qualifies(ctx.text[m.end: r.start])
                       and not _LIST_GOES_ON.match(ctx.text, r.end)), None)
        if region is None:
            return False
        named = places[region.place_id]
        return (place.country, place.admin1) != (named.country, named.admin1)

    kept = [m for m in found if not namesake(m)]
    return kept or found


def _names_region(place) -> bool:
    """A place a qualifier may name as a province: the province, or the town that bears its name
    ("…, Kandahar" resolved to the city of Kandahar still says the province of Kandahar)."""
    if place.feature == "admin1":
        return True
    return bool(place.admin1) and _folded(place.name) == _folded(place.admin1)


def _folded(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if c.isalpha())


#: the words that may stand between a place and the province that qualifies it
_QUALIFIER_WORDS = frozenset({"and", "of", "the", "city", "town", "district", "districts", "village", "villages",
                              "area", "areas", "centre", "center", "county", "province", "region", "outskirts"})


#: "in Kabul, Logar and Wardak": a province followed by more names is one of a list, not a qualifier
_LIST_GOES_ON = re.compile(r"\s*(?:provinces?\s*)?(?:,\s*(?:and\s+)?|\s+and\s+)[A-Z]")


def _qualifies(between: str) -> bool:
    """``between`` joins a place to the province after it as its qualifier: ", " or " area of Qalat
    city, " (names, commas, feature words), not " and " ("in Kinshasa and Ituri": two places)."""
    words = re.findall(r"[\w'’-]+|,", re.sub(r"\([^()]*\)", " ", between))
    if "," not in words or len(words) > 14:
        return False
    if not all(w == "," or w[:1].isupper() or w.lower() in _QUALIFIER_WORDS for w in words):
        return False
    # "A, B and C of Sangin district in Helmand": an "and" only inside a list that a district holds
    return "and" not in words or "of" in words[len(words) - words[::-1].index("and"):]


_MEASURED_FROM = re.compile(r"\d\s*-?\s*(?:km|kms|kilometres|kilometers|miles|mi)\b[^.;()\d]{0,30}?"
                            r"\b(?:of|from)\s+(?:the\s+)?$", re.I)
#: "the strip between Balkh and Samangan provinces" is one place, on the border
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$", re.I)
#: "in Surkh Rod, Chaparhar, and Achin (Mamand) districts": names listed before a plural place noun,
#: each one place (aliases in brackets are not); the gazetteer need not know them to count them.
#: Areas and villages are left out: "the X and Y areas of Z district" are parts of one place for ACLED.
_LISTED = re.compile(r"(?<!between )((?:[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|wa|e|i|al))*(?:\s*\([^()]*\))?"
                     r"(?:\s*,\s*(?:and\s+)?|\s+and\s+))+[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|wa|e|i|al))*"
                     r"(?:\s*\([^()]*\))?)\s+\Z")
_PLACE_PLURAL = re.compile(r"\b(?:districts|provinces|towns|cities|regions|counties|states)\b")
_LIST_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_LIST_WINDOW = 160  # characters before the noun a list is looked for in (bounds the regex's work)


def listed_places(text: str) -> int:
    """How many places a sentence lists before a plural place noun (1 when it lists none)."""
    for noun in _PLACE_PLURAL.finditer(text):
        match = _LISTED.search(text, max(0, noun.start() - _LIST_WINDOW), noun.start())
        if match is not None:
            names = re.sub(r"\s*\([^()]*\)", "", match.group(1))
            return max(1, len([n for n in _LIST_SEPARATOR.split(names) if n[:1].isupper()]))
    return 1


_JOINERS = frozenset({"and", ",", "&", "the", "pass", "passes", "valley", "valleys", "district", "districts",
                      "village", "villages", "town", "towns", "province", "provinces", "of"})


def _coordinated(ctx, mentions: list) -> list:
    """Place mentions joined only by "and", commas and their feature words ("Salang and Khawak passes")."""
    mentions = sorted(mentions, key=lambda m: m.start)
    group = mentions[:1]
    for previous, current in zip(mentions, mentions[1:]):
        between = ctx.text[previous.end: current.start].lower().replace(",", " , ").split()
        if between and set(between) <= _JOINERS and set(between) & {"and", ",", "&"}:
            group.append(current)
        else:
            break
    return group
