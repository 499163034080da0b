"""Stage 7, places: find the toponyms of an article and resolve them against the gazetteer.

The steps, in order (:func:`find_places`):

1. **Recognise** candidate spans: spaCy GPE/LOC/FAC entities; capitalised token runs
   after "in/near/at/outside/from/to/of/across/around…"; runs before a feature word
   ("Kunduz province", "the Salang pass", "Kunduz City") and after "the city/province of".
   The small model labels rare toponyms ORG, PERSON or NORP (FIELD-NOTES), so labels
   only decide how much a span is trusted; the gazetteer decides what is a place.
2. **Skip** places that are not locations: a demonym or name heading an actor ("Afghan
   forces", "Kunduz police") and places inside group names ("Islamic State in Iraq").
3. **Look up** each span: first with its feature word as written ("Salang Pass",
   "Kuwait City"), then the bare name ("Kunduz" of "Kunduz province"), then without a
   compass prefix ("Northern Kunduz"); overlapping spans keep the longest one known.
4. **Vote** the article's dominant country: country names and unambiguous big places.
5. **Resolve** each span by score: dominant country, population, the feature the phrase
   asks for, containment in a region and proximity to places resolved in a first pass.
6. **Code** ACLED's geo_precision: 1 town (or its outskirts), 2 near a place or a small
   part of a region (passes, valleys, districts), 3 a region or country.
"""

from __future__ import annotations

import logging
import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator, Optional

from spacy.tokens import Doc, Span, Token

from ..gazetteer.index import Candidate, Gazetteer, normalise
from ._unlisted import UNLISTED_FEATURES, add_repeats, add_unlisted
from ..records import Mention, Place

__all__ = ["PlaceMention", "PlacesFound", "find_places"]

log = logging.getLogger(__name__)

# Candidate names repeat across the toponyms of a corpus: normalise each once.
_key = lru_cache(maxsize=16_384)(normalise)

_LIMIT = 50  # candidates per name: enough for "San Jose"-like names, cheap for SQLite
_MAX_RUN = 7

# Prepositions after which a capitalised run is probably a place.
_TRIGGERS = frozenset(
    "in near at outside from to of across around into towards toward between over inside within throughout "
    "beyond through via".split()
)
# ACLED codes "near X" / "outside X" / "N km north of X" with the coordinates of X and geo_precision 2.
_NEAR = frozenset("near outside around".split())
_DIRECTIONS = frozenset(
    "north south east west northeast northwest southeast southwest northeastern northwestern "
    "southeastern southwestern km kilometres kilometers miles".split()
)
# Words naming the kind of place a phrase asks for ("Kunduz province" → admin1).
_FEATURE_WORDS = {
    "province": "admin1", "provinces": "admin1", "governorate": "admin1", "governorates": "admin1",
    "region": "admin1", "regions": "admin1", "oblast": "admin1", "state": "admin1",
    "district": "district", "districts": "district", "county": "district", "municipality": "district",
    "valley": "valley", "valleys": "valley", "pass": "pass", "passes": "pass", "mountains": "mountain",
    "mountain": "mountain",
    "river": "river", "city": "city", "town": "city", "village": "city", "cities": "city", "towns": "city",
    "villages": "city",
}
# "pass", "state" and "valley" are also common words: lowercase, they count only after "the <Name>".
_AMBIGUOUS_FEATURES = frozenset({"pass", "state", "valley", "mountain", "river"})
_PLURAL_FEATURES = frozenset({"provinces", "governorates", "regions", "districts", "cities", "towns", "villages",
                              "passes", "valleys"})
_COMPASS = frozenset("North South East West Northern Southern Eastern Western Central Upper Lower".split())
# Parts of a transliterated name that stay lowercase ("Deir ez-Zor", "Pul-e Khumri", "Ras al-Ain").
_PARTICLES = frozenset("al el ad ar as ash at az an ed er es et ez ul e i y de del da do dos du la le di bin ibn".split())
# Capitalised words that open sentences and titles but are never places in this domain
# (spaCy's stop words are excluded too, see _is_name).
_NOT_NAMES = frozenset(
    "mr mrs ms dr gen general president minister governor commander colonel captain spokesman police army "
    "taliban islamic reuters afp ap bbc un nato eu january february march april may june july august september "
    "october november december monday tuesday wednesday thursday friday saturday sunday".split()
)
# A place followed by these names an actor, not a location ("Afghan forces", "Kunduz police").
_ACTOR_HEADS = frozenset("forces troops army police government military".split())
# A place inside an ORG entity that has one of these words is part of a group's name.
_GROUP_WORDS = frozenset(
    "Army Forces Front Movement State Party Council Ministry Bank University Brigade Brigades Militia Police "
    "Guard Guards Corps Command Alliance Organization Organisation Group Network Committee Commission Agency "
    "Department Office Union League Battalion Regiment Authority".split()
)
# DATE/TIME are not here: the small model tags rare towns as dates ("In Turbat, …"); month and
# weekday names are kept out by _NOT_NAMES instead.
_OUT_OF_PLACE_ENTS = frozenset("PERCENT MONEY QUANTITY ORDINAL CARDINAL".split())
# Continents and world regions: no ACLED location, and GeoNames has towns by these names ("Africa", Tunisia).
_MACRO_REGIONS = frozenset({
    "africa", "europe", "asia", "americas", "latin america", "north america", "south america",
    "middle east", "near east", "far east", "west africa", "east africa", "north africa", "southern africa",
    "central africa", "horn of africa", "sahel", "central asia", "south asia", "southeast asia", "caucasus",
    "balkans", "levant", "maghreb", "gulf", "persian gulf", "arabian peninsula", "west coast", "east coast",
    "midwest", "scandinavia", "west", "east",
})
# Group names that contain a place name; keep it simple: the few that recur in conflict reporting.
_GROUP_ANCHORS = ("Islamic", "Qaeda", "Tehr", "Tahr", "Teh", "Arakan", "Kachin", "Karen", "People's Liberation",
                  "Kurdistan", "Free Syrian", "Balochistan", "Jama'at", "Ansar")
_GROUP_NAMES = re.compile(
    r"\b(?:Islamic State (?:in|of) (?:Iraq(?: and (?:Syria|the Levant|al-Sham))?|the Levant|Syria|the Greater Sahara"
    r"|West Africa|Khorasan)"
    r"|Islamic State[- ](?:Khorasan|West Africa|Sinai|Somalia|Central Africa|Sahel|Mozambique|Pakistan|Hind) Province"
    r"|(?:al-|Al[- ])?Qaeda in the (?:Arabian Peninsula|Islamic Maghreb|Indian Subcontinent)"
    r"|Tehr?e?e?k-?[ie]-?Taliban(?: in)? Pakistan|Arakan Army|Kachin Independence Army|Karen National Union"
    r"|Sudan People's Liberation (?:Army|Movement)|Kurdistan Workers'? Party|Free Syrian Army"
    r"|Balochistan Liberation (?:Army|Front)|Jama'at Nasr al-Islam wal Muslimin|Ansar Beit al-Maqdis)\b"
)
# ACLED geo_precision by the feature resolved: towns 1, named sub-regions 2, regions and countries 3.
_PRECISION = {
    "country": 3, "admin1": 3, "city": 1, "district": 2, "pass": 2, "valley": 2,
    "mountain": 2, "river": 2, "place": 2,
}
# Priors calibrated on hand-made cases: a name that is a country is almost always the country;
# a bare name shared by a region and its capital is the town (scores below favour cities by 0.4).
_PRIOR = {
    "country": 2.0, "admin1": 0.6, "city": 1.0, "district": 0.8, "pass": 0.5, "valley": 0.5,
    "mountain": 0.5, "river": 0.4, "place": 0.3,
}
_BIG_PLACE = 100_000  # people: a town this big is named in international news, so it may vote and stand alone
_TOWN = 10_000  # people: below this, a capitalised word after "in" that NER did not tag needs more context


@dataclass
class PlaceMention:
    """One toponym in the text (``text == doc.text[start:end]``) and the place it resolved to.

    ``text`` is the name as the index knows it: "Kunduz" of "Kunduz province", but "Salang
    pass" whole when the index has the pass under that name.
    """

    start: int
    end: int
    text: str
    place_id: str
    geo_precision: int = 1  # of this mention: "near Kunduz" is 2 where "in Kunduz" is 1
    dateline: bool = False  # "QUETTA —": where the reporter files from, not where things happened


@dataclass
class PlacesFound:
    places: list[Place]
    mentions: list[PlaceMention]  # sorted by start
    country: Optional[str]  # the article's dominant country (ISO 3166-1 alpha-2)

    def place_at(self, start: int, end: int) -> Optional[str]:
        """Id of the first place mentioned within characters ``[start, end)``, or None."""
        i = bisect_right(self.mentions, start, key=lambda m: m.end)
        if i < len(self.mentions) and self.mentions[i].start < end:
            return self.mentions[i].place_id
        return None


@dataclass
class _Toponym:
    start: int  # token offsets of the name, end exclusive
    end: int
    hint: Optional[str] = None  # the feature the phrase asks for
    near: bool = False
    strong: bool = False  # an NER GPE/LOC: trusted as a place even if small and foreign
    fallbacks: list[tuple[int, int, Optional[str]]] = field(default_factory=list)
    text: str = ""  # the text that matched the gazetteer
    key: str = ""  # its normalised form
    person: bool = False  # NER called it a person ("from Harvey"): a town of that name needs to be big
    dateline: bool = False  # opens a paragraph as a wire dateline: a strong vote for the country
    candidates: list[Candidate] = field(default_factory=list)


@dataclass
class _Context:
    country: Optional[str]
    regions: set[tuple[str, str]] = field(default_factory=set)  # (country, admin1 name) resolved in the text
    points: list[tuple[int, float, float]] = field(default_factory=list)  # (toponym index, lat, lon)


def find_places(doc: Doc, *, gazetteer: Gazetteer) -> PlacesFound:
    """Find and resolve the places of ``doc``; see the module docstring for the steps."""
    ranges = _actor_ranges(doc)
    recognised = [t for t in _recognise(doc) if not _is_actor_part(doc, t, ranges)]
    unlisted = [(doc[t.start:t.end].start_char, doc[t.start:t.end].end_char, doc[t.start:t.end].text, t.hint)
                for t in recognised if t.hint in UNLISTED_FEATURES]
    toponyms = _look_up(doc, recognised, gazetteer)
    country = _dominant_country(toponyms)
    chosen = _resolve(toponyms, country, gazetteer)
    found = _collect(doc, chosen, country)
    groups, orgs = ranges
    add_repeats(found, doc.text, groups + [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "ORG"])
    taken = [(m.start, m.end) for m in found.mentions]
    # "the Khargosh pass" that the index lacks (and whose name no town shares): anchored on a nearby town
    add_unlisted(found, [u for u in unlisted if not any(s < u[1] and u[0] < e for s, e in taken)], doc.text)
    return found


# ---------------------------------------------------------------- 1. recognition


def _recognise(doc: Doc) -> list[_Toponym]:
    found: dict[tuple[int, int], _Toponym] = {}
    runs = _runs(doc)
    for topo in (*_from_entities(doc), *_from_runs(doc, runs), *_dateline(doc)):
        kept = found.setdefault((topo.start, topo.end), topo)
        if kept is not topo:
            _absorb(kept, topo)
    return sorted(found.values(), key=lambda t: t.start)


def _dateline(doc: Doc) -> Iterator[_Toponym]:
    """A wire dateline opening a paragraph: "QUETTA — Police fired…", "POKROVSK, Ukraine — …"."""
    for match in _DATELINE.finditer(doc.text):
        for group in (1, 2):
            if match.group(group):
                span = doc.char_span(match.start(group), match.end(group), alignment_mode="contract")
                if span is not None and len(span):
                    yield _Toponym(span.start, span.end, fallbacks=[], dateline=True)


#: "EL FASHER, Sudan — ", "QUETTA — " at the start of a paragraph (one regex over the text: cheap)
_DATELINE = re.compile(r"(?:^|\n)([A-Z][A-Z'’-]{2,}(?: [A-Z][A-Z'’-]+){0,3})(?:, ([A-Z][\w'’ -]{2,40}?))? ?[—–-]{1,2} ")


def _absorb(kept: _Toponym, other: _Toponym) -> None:
    """Join the evidence of two toponyms on one span (an NER GPE and "the X valley" pattern)."""
    kept.hint = kept.hint or other.hint
    kept.near = kept.near or other.near
    kept.strong = kept.strong or other.strong
    kept.dateline = kept.dateline or other.dateline
    kept.fallbacks.extend(f for f in other.fallbacks if f not in kept.fallbacks)


def _is_name(token: Token) -> bool:
    text = token.text
    return (
        text[:1].isupper()
        and any(ch.isalpha() for ch in text)
        and token.lower_ not in _NOT_NAMES
        # Sentence-initial "In", "After", "Still" are stop words, "US" is not one of them.
        and not (token.is_stop and not token.is_upper)
        and token.ent_type_ not in _OUT_OF_PLACE_ENTS
    )


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens, joined by hyphens and name particles ("Deir ez-Zor")."""
    runs, i, n = [], 0, len(doc)
    while i < n:
        end = _run_end(doc, i)
        if end > i:
            runs.append((i, end))
            i = end
        else:
            i += 1
    return runs


def _run_end(doc: Doc, i: int) -> int:
    """End of the run starting at token ``i`` (``i`` itself if none starts there)."""
    end, j, n = i, i, len(doc)
    while j < n and j - i < _MAX_RUN:
        if _is_name(doc[j]):
            j += 1
            end = j
        elif _is_joiner(doc, j):
            j += 1
        else:
            break
    return end


def _is_joiner(doc: Doc, j: int) -> bool:
    token = doc[j]
    if token.text == "-":
        # "Pul-e" but not " - ": a hyphen glued to both neighbours.
        return j > 0 and not doc[j - 1].whitespace_ and not token.whitespace_
    return token.lower_ in _PARTICLES and token.text.islower()


def _from_entities(doc: Doc) -> Iterator[_Toponym]:
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        start, end = ent.start, ent.end
        while start < end and doc[start].lower_ == "the":
            start += 1
        while end > start and (doc[end - 1].lower_ in ("'s", "’s") or doc[end - 1].is_space):
            end -= 1  # NER spans can end in "'s" or a paragraph break
        if start >= end:
            continue
        hint = _FEATURE_WORDS.get(doc[end - 1].lower_) if end - start > 1 else None
        # "Panjshir Valley": try it as written, then "Panjshir" as a valley.
        fallbacks = [(start, end - 1, hint)] if hint else _compass_fallback(doc, start, end)
        yield _Toponym(start, end, hint=hint, strong=ent.label_ != "FAC", fallbacks=fallbacks)


def _compass_fallback(doc: Doc, start: int, end: int) -> list[tuple[int, int, Optional[str]]]:
    # "Northern Kunduz" is not in the gazetteer but Kunduz is; "North Korea" is tried first as written.
    if end - start > 1 and doc[start].text in _COMPASS:
        return [(start + 1, end, None)]
    return []


def _from_runs(doc: Doc, runs: list[tuple[int, int]]) -> Iterator[_Toponym]:
    for run_start, run_end in runs:
        for start, end, hint in _split_features(doc, run_start, run_end):
            yield from _run_toponyms(doc, runs, start, end, hint)


def _split_features(doc: Doc, start: int, end: int) -> Iterator[tuple[int, int, Optional[str]]]:
    """Cut a run after capitalised feature words: "Kunduz City Police" → ("Kunduz City", city), ("Police", None)."""
    i = start
    for k in range(start + 1, end):
        hint = _FEATURE_WORDS.get(doc[k].lower_)
        if hint and _is_name(doc[k - 1]):
            yield i, k + 1, hint
            i = k + 1
    if i < end:
        yield i, end, None


def _run_toponyms(
    doc: Doc, runs: list[tuple[int, int]], start: int, end: int, hint: Optional[str]
) -> Iterator[_Toponym]:
    """The toponym a run makes, if a trigger or a feature word says it is a place, and its coordinated runs."""
    name_end = end
    if hint:  # a capitalised feature word closes the run ("Kunduz City")
        name_end = end - 1
    else:
        hint, end = _feature_after(doc, start, end)  # "the Salang pass", "Ab Kamari (Sang Atesh) district"
        hint = hint or _feature_before(doc, start)  # "the province of Kunduz"
    near, triggered = _trigger(doc, start)
    if not (hint or triggered):
        return
    # Try the name with its feature word as written ("Salang Pass", "Kuwait City"), then the bare name.
    fallbacks = [(start, name_end, hint)] if name_end < end else _compass_fallback(doc, start, end)
    yield _Toponym(start, end, hint=hint, near=near, fallbacks=fallbacks)
    if name_end < end and doc[end - 1].lower_ in _PLURAL_FEATURES:
        yield from _coordinated_before(doc, runs, start, hint)
    yield from _coordinated_after(doc, runs, start, end, near, hint)


def _feature_after(doc: Doc, start: int, end: int) -> tuple[Optional[str], int]:
    """The feature word after the run ending at ``end``, and where the phrase ends (``end`` if none)."""
    k = _after_parenthesis(doc, end)
    if k >= len(doc) or (hint := _FEATURE_WORDS.get(doc[k].lower_)) is None:
        return None, end
    if doc[k].lower_ in _AMBIGUOUS_FEATURES and doc[k].text.islower():
        # "the Salang pass", "the Swat valley"; but not "Taliban pass the checkpoint".
        if not (start > 0 and doc[start - 1].lower_ == "the"):
            return None, end
    return hint, k + 1


def _after_parenthesis(doc: Doc, i: int) -> int:
    # ACLED's "in Ab Kamari (Sang Atesh) district": the feature word follows an alternate name in brackets.
    if i < len(doc) and doc[i].text == "(":
        for k in range(i + 1, min(i + 6, len(doc))):
            if doc[k].text == ")":
                return k + 1
    return i


def _feature_before(doc: Doc, start: int) -> Optional[str]:
    # "the province of Kunduz", "the town of Jalalabad"; not "the Bab al-Tabbaneh district of Tripoli".
    if start >= 3 and doc[start - 1].lower_ == "of" and doc[start - 3].lower_ in ("the", "a"):
        return _FEATURE_WORDS.get(doc[start - 2].lower_)
    return None


def _trigger(doc: Doc, start: int) -> tuple[bool, bool]:
    """(near, triggered) for the run starting at ``start``."""
    if start == 0 or doc[start - 1].lower_ not in _TRIGGERS:
        return False, False
    word = doc[start - 1].lower_
    before = doc[start - 2].lower_ if start >= 2 else ""
    near = word in _NEAR or (word in ("of", "from") and before in _DIRECTIONS) or (word == "to" and before == "close")
    return near, True


def _coordinated_after(
    doc: Doc, runs: list[tuple[int, int]], start: int, end: int, near: bool, hint: Optional[str]
) -> Iterator[_Toponym]:
    """Runs joined by "," / "and" / "or": "in Kunduz, Baghlan and Takhar", "Sholgara district, Balkh"."""
    run_at = dict(runs)
    for step in range(4):
        j = end
        while j < len(doc) and doc[j].lower_ in (",", "and", "or"):
            j += 1
        if j == end or j not in run_at:
            return
        name_end = run_at[j]
        next_hint, nxt = _feature_after(doc, j, name_end)
        fallbacks = [(j, name_end, next_hint)] if next_hint else []
        if step == 0 and hint in ("district", "city") and doc[end].text == "," and j == end + 1:
            next_hint = next_hint or "admin1"  # ACLED-style "in Sholgara district, Balkh": Balkh is the province
        yield _Toponym(j, nxt, near=near, hint=next_hint, fallbacks=fallbacks)
        if step == 0 and not hint and doc[end].lower_ == "and" and j == end + 1:
            yield _Toponym(start, name_end)  # "Bosnia and Herzegovina" may be one name
        start, end = j, nxt


def _coordinated_before(doc: Doc, runs: list[tuple[int, int]], start: int, hint: Optional[str]) -> Iterator[_Toponym]:
    """"Kunduz and Baghlan provinces": the plural feature word reaches back over coordinated names."""
    run_from = {e: s for s, e in runs}
    i = start
    for _ in range(4):
        j = i
        while j > 0 and doc[j - 1].lower_ in (",", "and", "or"):
            j -= 1
        if j == i or j not in run_from:
            return
        yield _Toponym(run_from[j], j, hint=hint)
        i = run_from[j]


# ---------------------------------------------------------------- 2. not locations


def _actor_ranges(doc: Doc) -> tuple[list[tuple[int, int]], list[Span]]:
    """Character ranges of known group names, and ORG entities whose words make them groups."""
    text = doc.text
    # the alternation is slow to scan; most articles hold none of its anchor words
    groups = [m.span() for m in _GROUP_NAMES.finditer(text)] if any(w in text for w in _GROUP_ANCHORS) else []
    orgs = [ent for ent in doc.ents if ent.label_ == "ORG" and any(t.text in _GROUP_WORDS for t in ent)]
    return groups, orgs


def _is_actor_part(doc: Doc, topo: _Toponym, ranges: tuple[list[tuple[int, int]], list[Span]]) -> bool:
    """A demonym or place heading an actor ("Afghan forces"), or a place inside a group's name."""
    if topo.end < len(doc) and doc[topo.end].lower_ in _ACTOR_HEADS:
        return True
    groups, orgs = ranges
    span = doc[topo.start:topo.end]
    if any(start < span.end_char and span.start_char < end for start, end in groups):
        return True
    # "Kunduz Provincial Council" (ORG) hides Kunduz; an ORG that is just "Kunduz" is a mislabelled town.
    return any(
        ent.start <= topo.start
        and topo.end <= ent.end
        and any(t.text in _GROUP_WORDS for t in ent if not topo.start <= t.i < topo.end)
        for ent in orgs
    )


# ---------------------------------------------------------------- 3. lookup


def _look_up(doc: Doc, toponyms: list[_Toponym], gazetteer: Gazetteer) -> list[_Toponym]:
    known = []
    for topo in toponyms:
        for start, end, hint in [(topo.start, topo.end, topo.hint), *topo.fallbacks]:
            text = doc[start:end].text
            key = _key(text)
            candidates = [] if key in _MACRO_REGIONS else gazetteer.lookup(text, limit=_LIMIT)
            if candidates:
                # "Northern Kunduz" found as Kunduz: only a part of it is meant (geo_precision 2)
                topo.near = topo.near or (start > topo.start and doc[topo.start].text in _COMPASS)
                topo.person = all(t.ent_type_ == "PERSON" for t in doc[start:end])
                topo.start, topo.end, topo.hint, topo.candidates = start, end, hint, candidates
                topo.text, topo.key = text, key
                known.append(topo)
                break
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


def _merge_same_spans(toponyms: list[_Toponym]) -> list[_Toponym]:
    """Fallbacks can land two toponyms on one span (the GPE "Panjshir", "the Panjshir valley")."""
    merged: dict[tuple[int, int], _Toponym] = {}
    for topo in toponyms:
        kept = merged.setdefault((topo.start, topo.end), topo)
        if kept is not topo:
            _absorb(kept, topo)
    return list(merged.values())


# ---------------------------------------------------------------- 4. dominant country


def _dominant_country(toponyms: list[_Toponym]) -> Optional[str]:
    votes: dict[str, float] = {}
    first: dict[str, int] = {}
    for topo in toponyms:
        country = _vote(topo)
        if country:
            # A country named outweighs a town that implies it; NER's word outweighs a capitalised guess.
            weight = (1.0 if topo.candidates[0].feature == "country" else 0.5) * (1.0 if topo.strong else 0.5)
            weight *= 3.0 if topo.dateline else 1.0  # "POKROVSK, Ukraine —" settles the country
            votes[country] = votes.get(country, 0.0) + weight
            first.setdefault(country, topo.start)
    if not votes:
        return None
    return max(votes, key=lambda c: (votes[c], -first[c]))


def _vote(topo: _Toponym) -> Optional[str]:
    """The country a name points to on its own: a country, a region, or a big place without a rival abroad."""
    candidates = topo.candidates
    if candidates[0].feature == "country":
        return candidates[0].country
    biggest: dict[str, int] = {}
    for cand in candidates:
        if cand.country:
            biggest[cand.country] = max(biggest.get(cand.country, 0), cand.population)
    ranked = sorted(biggest.items(), key=lambda kv: -kv[1])
    if not ranked:
        return None
    top_country, top = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    # Tripoli (Libya, 1.3M) does not vote: Tripoli (Lebanon, 229k) is big enough to be meant too.
    if top >= _BIG_PLACE and runner_up < _BIG_PLACE and top >= 5 * runner_up:
        return top_country
    # A name found in one country only votes if NER, a region or the phrase's feature word says it is a place
    # (not "Taliban", which is also a Turkish village).
    if len(ranked) == 1 and (topo.strong or any(c.feature in ("admin1", topo.hint) for c in candidates)):
        return top_country
    return None


# ---------------------------------------------------------------- 5. resolution


def _resolve(
    toponyms: list[_Toponym], country: Optional[str], gazetteer: Gazetteer
) -> list[tuple[_Toponym, Candidate]]:
    if country:
        for topo in toponyms:
            if not any(c.country == country for c in topo.candidates):
                topo.candidates = topo.candidates + gazetteer.lookup(topo.text, country=country, limit=5)
    # First pass without context; the second adds containment and proximity to the first pass's choices.
    bare = _Context(country)
    first = [max(t.candidates, key=lambda c: _score(c, t, bare, i)) for i, t in enumerate(toponyms)]
    context = _Context(country)
    for i, cand in enumerate(first):
        if cand.feature == "admin1" and cand.country:
            context.regions.add((cand.country, cand.name))
        elif cand.feature not in ("country", "admin1") and cand.lat is not None and cand.lon is not None:
            context.points.append((i, cand.lat, cand.lon))
    chosen = []
    for i, topo in enumerate(toponyms):
        best = max(topo.candidates, key=lambda c: _score(c, topo, context, i))
        if _credible(best, topo, country):
            chosen.append((topo, best))
        else:
            log.debug("dropped %r: only %s (%s)", topo.text, best.id, best.country)
    return chosen


def _score(cand: Candidate, topo: _Toponym, context: _Context, index: int) -> float:
    score = _PRIOR.get(cand.feature, 0.3) + math.log10(cand.population + 1) / 7
    if topo.hint and cand.feature == topo.hint:
        score += 4.0
    if _key(cand.name) == topo.key:
        score += 1.0  # "Florida" is the state, not a town that once had "Florida" among its alternate names
    if cand.feature == "country" or (context.country and cand.country == context.country):
        score += 3.0  # a country is known everywhere: "China" in a US story is China, not China, Maine
    if cand.feature == "city" and cand.admin1 and cand.country and (cand.country, cand.admin1) in context.regions:
        score += 1.5  # inside a region the article names
    if cand.feature == "city" and cand.admin1 and _key(cand.admin1) == _key(cand.name):
        score += 0.5  # the region's namesake capital: a bare "Kunduz" is the town
    if cand.lat is not None and cand.lon is not None and cand.feature not in ("country", "admin1"):
        score += _proximity(cand, context, index)
    return score


def _proximity(cand: Candidate, context: _Context, index: int) -> float:
    distances = [_km(cand.lat, cand.lon, lat, lon) for i, lat, lon in context.points if i != index]
    nearest = min(distances, default=math.inf)
    return 1.0 if nearest < 50 else 0.5 if nearest < 150 else 0.0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12_742 * math.asin(min(1.0, math.sqrt(a)))


def _credible(best: Candidate, topo: _Toponym, country: Optional[str]) -> bool:
    """Keep a name NER did not call a place only if what it resolves to is plausible here."""
    if topo.strong or best.feature in ("country", "admin1") or best.population >= _BIG_PLACE:
        return True
    if topo.person and not topo.hint and not (country and best.country == country and best.population >= _TOWN):
        # "damage from Harvey": a person's name (or a storm's), unless a big place, a country, or a real
        # town of the article's country ("the outskirts of Jisr Al-Shughour", tagged PERSON)
        return False
    if best.population < _TOWN and _key(best.name) != topo.key:
        return False  # "AI", "MoD": an alternate name of a hamlet is too weak a match for a guessed span
    if country:  # "spoke to Shamsher" (a Turkish hamlet) in an article about Kunduz: no
        return best.country == country or best.feature == topo.hint
    # No country to judge by: a feature word ("the Uzhok pass") or a real town known in one country only.
    one_country = len({c.country for c in topo.candidates}) == 1
    return topo.hint is not None or (one_country and best.population >= _TOWN)


# ---------------------------------------------------------------- 6. records


def _precision(cand: Candidate, topo: _Toponym) -> int:
    precision = _PRECISION.get(cand.feature, 2)
    if topo.hint == "admin1":
        precision = 3  # "X province" resolved to the town X: still only the province is known
    elif topo.hint in ("district", "pass", "valley", "mountain", "river"):
        precision = 2  # a part of a region; without the pass/valley in the index, its namesake stands in
    if topo.near:
        precision = max(precision, 2)
    return precision


def _collect(doc: Doc, chosen: list[tuple[_Toponym, Candidate]], country: Optional[str]) -> PlacesFound:
    places: dict[str, Place] = {}
    mentions = []
    for topo, cand in chosen:
        span: Span = doc[topo.start:topo.end]
        precision = _precision(cand, topo)
        mentions.append(PlaceMention(span.start_char, span.end_char, span.text, cand.id, precision, topo.dateline))
        place = places.get(cand.id)
        if place is None:
            place = places[cand.id] = Place(
                id=cand.id, name=cand.name, country=cand.country, admin1=cand.admin1, feature=cand.feature,
                lat=cand.lat, lon=cand.lon, geo_precision=precision,
            )
        place.geo_precision = min(place.geo_precision, precision)
        place.mentions.append(Mention(start=span.start_char, end=span.end_char))
    mentions.sort(key=lambda m: m.start)
    return PlacesFound(places=list(places.values()), mentions=mentions, country=country)
