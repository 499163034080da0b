"""Stages 7.1–7.2 of places: recognise toponym spans, and set aside those that name actors.

Recognition (:func:`recognise`): spaCy GPE/LOC/FAC entities; capitalised token runs after
"in/near/at/outside/from/to/of/across/around…"; runs before a feature word ("Kunduz
province", "the Salang pass", "Kunduz City") and after "the city/province of"; wire
datelines ("QUETTA —"). The small model labels rare toponyms ORG, PERSON or NORP
(FIELD-NOTES), so labels only decide how much a span is trusted; the gazetteer decides
(in :mod:`.places`) what is a place.

Not locations (:func:`is_actor_part`): a demonym or name heading an actor ("Afghan
forces", "Kunduz police") and places inside group names ("Islamic State in Iraq").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator, Optional

from spacy.tokens import Doc, Span, Token

from ..gazetteer.index import Candidate
from ..nlp import text_of

__all__ = ["Toponym", "recognise", "actor_ranges", "is_actor_part", "absorb", "compass_fallback", "COMPASS",
           "FEATURE_WORDS", "FACILITY_WORDS", "LOCATIVE", "PART_NOUNS", "bracketed_town", "possessive_of_place"]  # fmt: skip

_MAX_RUN = 7

# Prepositions after which a capitalised run is probably a place.
_TRIGGERS = frozenset(
    "in near at outside from to of across around into towards toward between over inside within throughout "
    "beyond through via".split()
)
# Prepositions of where someone is ("in Tolga"): a name after them is seldom a person's.
LOCATIVE = frozenset("in at near outside around inside within".split())
# ACLED codes "near X" / "outside X" / "N km north of X" with the coordinates of X and geo_precision 2.
_NEAR = frozenset("near outside around".split())
_DIRECTIONS = frozenset(
    "north south east west northeast northwest southeast southwest northeastern northwestern "
    "southeastern southwestern km kilometres kilometers miles n s e w ne nw se sw nne nnw ene ese sse ssw wnw wsw".split()
)  # the abbreviations too: "(18km NW of X)"
# Words naming the kind of place a phrase asks for ("Kunduz province" → admin1).
FEATURE_WORDS = {
    "province": "admin1", "provinces": "admin1", "governorate": "admin1", "governorates": "admin1",
    "region": "admin1", "regions": "admin1", "oblast": "admin1", "state": "admin1",
    "district": "district", "districts": "district", "county": "district", "counties": "district",
    "municipality": "district",
    "lga": "district", "lgas": "district",  # Nigeria's local government areas, known by their chief town
    "valley": "valley", "valleys": "valley", "pass": "pass", "passes": "pass", "mountains": "mountain",
    "mountain": "mountain",
    "river": "river", "city": "city", "town": "city", "village": "city", "cities": "city", "towns": "city",
    "villages": "city",
    # "the Beni area", "Kanyosha commune": around a town, or a unit below the region (Burundi communes)
    # that the gazetteer knows by its chief town
    "area": "area", "areas": "area", "commune": "area", "communes": "area",
    # "Dungu territory": a DRC territory is a second-level unit, which the gazetteer lists as a district
    # (at its seat); a namesake town elsewhere in the country is not meant
    "territory": "district", "territories": "district",
}
# Words that make a name a street, building or estate ("Royal Street", "University of Alberta"): the
# gazetteer has none, and its towns named "Street" or "Church" are never what such a name means.
FACILITY_WORDS = frozenset(
    "street avenue ave ave. road rd rd. drive lane boulevard blvd highway square plaza church cathedral "
    "basilica mosque temple synagogue chapel library inn hotel restaurant hospital clinic school academy college "
    "university institute court courthouse hall centre center club estate plantation canal "
    "railroad railway station stadium arena embassy consulate ministry office prison jail graveyard cemetery "
    "market complex mall building tower racecourse theatre theater museum campus headquarters barracks house "
    "park garden gardens airport airfield airstrip polytechnic seminary cbd".split()
)
# "pass", "state" and "valley" are also common words: lowercase, they count only after "the <Name>".
_AMBIGUOUS_FEATURES = frozenset({"pass", "state", "valley", "mountain", "river", "area", "areas"})
_PLURAL_FEATURES = frozenset({"provinces", "governorates", "regions", "districts", "cities", "towns", "villages",
                              "passes", "valleys", "areas", "territories", "communes", "counties"})
COMPASS = frozenset("North South East West Northern Southern Eastern Western Central Upper Lower".split())
# Parts of a transliterated name that stay lowercase ("Deir ez-Zor", "Pul-e Khumri", "Ras al-Ain";
# the ezafe after a vowel is "-ye"/"-yi": "Chashmah-ye Sabz").
_PARTICLES = frozenset(
    "al el ad ar as ash at az an ed er es et ez ul e i y ye yi de del da do dos du la le di bin ibn".split()
)
# Particles that are also English words: they join a name only glued to a hyphen ("as-Sukhnah").
_ENGLISH_PARTICLES = frozenset({"at", "as", "an", "do"})
# Capitalised words that open sentences and titles but are never places in this domain
# (spaCy's stop words are excluded too, see _is_name).
_NOT_NAMES = frozenset(
    "mr mrs ms dr gen general president minister governor commander colonel captain spokesman police army "
    "taliban islamic reuters afp ap bbc un nato eu january february march april may june july august september "
    "october november december monday tuesday wednesday thursday friday saturday sunday".split()
)
# A place followed by these names an actor, not a location ("Afghan forces", "Kunduz police")...
_ACTOR_HEADS = frozenset("forces troops army police government military soldiers navy jets warplanes".split())
# ... or these two words: "Chad air forces", "Niger security forces"
_ACTOR_PAIRS = frozenset({"air", "armed", "security", "defence", "defense", "special"})
# ... unless a site of that actor follows: "the Mutare police station" is a place in Mutare.
_ACTOR_SITES = FACILITY_WORDS | frozenset("post posts base bases checkpoint camp".split())
# Parts of a town, named with the town in brackets: "in Hamarweyne neighbourhood (Mogadishu)".
PART_NOUNS = frozenset("neighbourhood neighborhood section quarter suburb village area district junction".split())
# Sites that, lowercase after a name, are that town's: "the Mutare market", "a Gweru clinic".
_TOWN_SITES = frozenset("market clinic hospital airport airstrip prison jail stadium university campus orphanage".split())
# People of a place: "Mutare residents marched" says where, as "in Mutare" does.
_DWELLERS = frozenset("residents villagers inhabitants townspeople dwellers".split())
# A place inside an ORG entity that has one of these words is part of a group's name.
_GROUP_WORDS = frozenset(
    "Army Forces Front Movement State Party Council Ministry Bank University Brigade Brigades Militia Police "
    "Guard Guards Corps Command Alliance Organization Organisation Group Network Committee Commission Agency "
    "Department Office Union League Battalion Regiment Authority".split()
)
_CAMPUS = frozenset({"University"})
# DATE/TIME are not here: the small model tags rare towns as dates ("In Turbat, …"); month and
# weekday names are kept out by _NOT_NAMES instead.
_OUT_OF_PLACE_ENTS = frozenset("PERCENT MONEY QUANTITY ORDINAL CARDINAL".split())
# Continents and world regions: no ACLED location, and GeoNames has towns by these names ("Africa", Tunisia).
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


@dataclass
class Toponym:
    start: int  # token offsets of the name, end exclusive
    end: int
    hint: Optional[str] = None  # the feature the phrase asks for
    near: bool = False
    strong: bool = False  # an NER GPE/LOC: trusted as a place even if small and foreign
    fallbacks: list[tuple[int, int, Optional[str]]] = field(default_factory=list)
    text: str = ""  # the text that matched the gazetteer
    key: str = ""  # its normalised form
    person: bool = False  # NER called it a person ("from Harvey"): a town of that name needs to be big
    locative: bool = False  # right after "in", "at", "near"…: where people are found, not who they are
    dateline: bool = False  # opens a paragraph as a wire dateline: a strong vote for the country
    org: bool = False  # NER called the whole name an organisation ("Cyprus", "Qamishli" tagged ORG)
    within: Optional[int] = None  # first token of the region the phrase puts it in ("Muqur district, Badghis")
    partial: bool = False  # found under a part of its span ("Ambo" of "Ambo University", "Kunduz" of "Kunduz province")
    candidates: list[Candidate] = field(default_factory=list)



def recognise(doc: Doc) -> list[Toponym]:
    found: dict[tuple[int, int], Toponym] = {}
    runs = _runs(doc)
    for topo in (*_from_entities(doc), *_from_runs(doc, runs), *_dateline(doc)):
        kept = found.setdefault((topo.start, topo.end), topo)
        if kept is not topo:
            absorb(kept, topo)
    ordered = sorted(found.values(), key=lambda t: t.start)
    # "at Shorab in Nad Ali district of Helmand": the village lies where its district does; and a name
    # inside a longer one ("Chak" of "Chak-e Wardak district, Wardak") where the longer one does
    if not any(t.within is not None for t in ordered):
        return ordered  # most articles: no "X district, Province" phrase at all
    by_start = {t.start: t for t in ordered}
    for topo in reversed(ordered):
        if topo.within is not None:
            continue
        part_of = by_start.get(topo.end + 1) if topo.end < len(doc) and doc[topo.end].lower_ == "of" else None
        around = [t for t in ordered if t.within is not None and t.start <= topo.start and topo.end <= t.end]
        topo.within = part_of.within if part_of is not None else around[0].within if around else None
    return ordered


def _dateline(doc: Doc) -> Iterator[Toponym]:
    """A wire dateline opening a paragraph: "QUETTA — Police fired…", "POKROVSK, Ukraine — …"."""
    for match in _DATELINE.finditer(text_of(doc)):
        for group in (1, 2):
            if match.group(group):
                span = doc.char_span(match.start(group), match.end(group), alignment_mode="contract")
                if span is not None and len(span):
                    yield Toponym(span.start, span.end, fallbacks=[], dateline=True)


#: "EL FASHER, Sudan — ", "QUETTA — ", "RALEIGH, N.C. (AP) -", "BEIRUT (AP) " at the start of a paragraph
#: (one regex over the text: cheap)
_DATELINE = re.compile(
    r"(?:^|\n)([A-Z][A-Z'’-]{2,}(?: [A-Z][A-Z'’-]+){0,3})(?:, ([A-Z][\w'’. -]{1,40}?))?"
    r"(?: ?\((?:AP|AFP|Reuters|UPI|APP|IANS|PTI|dpa|Xinhua|Anadolu)\)(?: ?[—–-]{1,2}|\ufffd)?| ?[—–-]{1,2}) "
)


def absorb(kept: Toponym, other: Toponym) -> None:
    """Join the evidence of two toponyms on one span (an NER GPE and "the X valley" pattern)."""
    kept.hint = kept.hint or other.hint
    kept.near = kept.near or other.near
    kept.strong = kept.strong or other.strong
    kept.dateline = kept.dateline or other.dateline
    kept.locative = kept.locative or other.locative
    kept.org = kept.org and other.org  # a preposition or feature word outweighs the ORG label
    kept.within = kept.within if kept.within is not None else other.within
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
    if token.lower_ in _ENGLISH_PARTICLES and token.whitespace_:
        return False  # "Lecturers at Ambo University" is no name; "Ras at-Tin" is
    return token.lower_ in _PARTICLES and token.text.islower()


def _from_entities(doc: Doc) -> Iterator[Toponym]:
    for ent in doc.ents:
        if ent.label_ == "ORG" and _bare_name(ent):
            end = ent.end - 1 if doc[ent.end - 1].is_space else ent.end  # "Kharkiv\n\n": a paragraph break
            if end > ent.start:
                yield Toponym(ent.start, end, org=True)
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        start, end = ent.start, ent.end
        while start < end and doc[start].lower_ == "the":
            start += 1
        while end > start and (doc[end - 1].lower_ in ("'s", "’s") or doc[end - 1].is_space):
            end -= 1  # NER spans can end in "'s" or a paragraph break
        if start >= end:
            continue
        hint = FEATURE_WORDS.get(doc[end - 1].lower_) if end - start > 1 else None
        # "Panjshir Valley": try it as written, then "Panjshir" as a valley.
        fallbacks = [(start, end - 1, hint)] if hint else compass_fallback(doc, start, end) or _town_of(doc, start, end)
        yield Toponym(start, end, hint=hint, strong=ent.label_ != "FAC", fallbacks=fallbacks)


def _bare_name(ent: Span) -> bool:
    """An ORG entity that may be a mislabelled place: one to three capitalised words, no group word,
    not an acronym ("Cyprus", "Deir ez-Zor"; not "MoD", "Kunduz Police")."""
    return (
        len(ent) <= 3
        and ent[0].text[:1].isupper()
        and not any(t.text in _GROUP_WORDS for t in ent)
        and not (len(ent) == 1 and sum(ch.isupper() for ch in ent.text) > 1)
    )


def compass_fallback(doc: Doc, start: int, end: int) -> list[tuple[int, int, Optional[str]]]:
    # "Northern Kunduz" is not in the gazetteer but Kunduz is; "North Korea" is tried first as written.
    if end - start > 1 and doc[start].text in COMPASS:
        return [(start + 1, end, None)]
    return []


def _from_runs(doc: Doc, runs: list[tuple[int, int]]) -> Iterator[Toponym]:
    for run_start, run_end in runs:
        for start, end, hint in _split_features(doc, run_start, run_end):
            yield from _run_toponyms(doc, runs, start, end, hint)


def _split_features(doc: Doc, start: int, end: int) -> Iterator[tuple[int, int, Optional[str]]]:
    """Cut a run after capitalised feature words: "Kunduz City Police" → ("Kunduz City", city), ("Police", None)."""
    i = start
    for k in range(start + 1, end):
        hint = FEATURE_WORDS.get(doc[k].lower_)
        if hint and _is_name(doc[k - 1]):
            yield i, k + 1, hint
            i = k + 1
    if i < end:
        yield i, end, None


def _run_toponyms(
    doc: Doc, runs: list[tuple[int, int]], start: int, end: int, hint: Optional[str]
) -> Iterator[Toponym]:
    """The toponym a run makes, if a trigger or a feature word says it is a place, and its coordinated runs."""
    name_end = end
    if hint:  # a capitalised feature word closes the run ("Kunduz City")
        name_end = end - 1
    else:
        hint, end = _feature_after(doc, start, end)  # "the Salang pass", "Qadis (Kadis) district"
        hint = hint or _feature_before(doc, start)  # "the province of Kunduz"
    near, triggered = _trigger(doc, start)
    dwellers = end < len(doc) and doc[end].lower_ in _DWELLERS
    # "Kismayo Polytechnic students", "the Mutare market": a site named after its town
    site = bool(_town_of(doc, start, end)) or end < len(doc) and doc[end].lower_ in _TOWN_SITES
    if not (hint or triggered or dwellers or site):
        return
    # Try the name with its feature word as written ("Salang Pass", "Kuwait City"), then the bare name.
    if name_end < end:
        fallbacks = [(start, name_end, hint), *_bracketed(doc, name_end, end, hint)]
    else:
        fallbacks = compass_fallback(doc, start, end) or _town_of(doc, start, end)
    locative = dwellers or bracketed_town(doc, start) or start > 0 and (
        doc[start - 1].lower_ in LOCATIVE or near and doc[start - 1].lower_ == "of")
    first = Toponym(start, end, hint=hint, near=near, fallbacks=fallbacks, locative=locative)
    after = list(_coordinated_after(doc, runs, first, near, hint))
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in _PLURAL_FEATURES:
        for topo in after:  # "the provinces of Tlemcen and Oran": Oran is a province too
            topo.hint = topo.hint or hint
    plural = name_end < end and doc[end - 1].lower_ in _PLURAL_FEATURES
    before = list(_coordinated_before(doc, runs, start, hint)) if plural else []
    for topo in before:  # "in Kot, Khogyani and Dih Bala districts, Nangarhar": all three lie in Nangarhar
        topo.within = first.within
    yield first
    yield from before
    yield from after


def _town_of(doc: Doc, start: int, end: int) -> list[tuple[int, int, Optional[str]]]:
    """The town a facility's name opens with, longest first: "Ambo University", "Banha Teaching Hospital"
    (the index has no buildings; an event there took place in the town, ACLED's location)."""
    if end - start < 2 or doc[end - 1].lower_ not in FACILITY_WORDS:
        return []
    return [(start, k, None) for k in range(end - 1, start, -1)]


def _feature_after(doc: Doc, start: int, end: int) -> tuple[Optional[str], int]:
    """The feature word after the run ending at ``end``, and where the phrase ends (``end`` if none)."""
    k = _after_parenthesis(doc, end)
    if k >= len(doc) or (hint := FEATURE_WORDS.get(doc[k].lower_)) is None:
        return None, end
    if doc[k].lower_ in _AMBIGUOUS_FEATURES and doc[k].text.islower():
        # "the Salang pass", "the Swat valley"; but not "Taliban pass the checkpoint".
        if not (start > 0 and doc[start - 1].lower_ == "the"):
            return None, end
    return hint, k + 1


def _bracketed(doc: Doc, name_end: int, end: int, hint: Optional[str]) -> list[tuple[int, int, Optional[str]]]:
    """The alternate name in brackets, tried when the first is unknown: "Shamal (Do Mando) district" (a district known by two names)."""
    if name_end < end - 3 and doc[name_end].text == "(" and doc[end - 2].text == ")":
        return [(name_end + 1, end - 2, hint)]
    return []


def _after_parenthesis(doc: Doc, i: int) -> int:
    # ACLED's "in Qadis (Kadis) district": the feature word follows an alternate name in brackets.
    if i < len(doc) and doc[i].text == "(":
        for k in range(i + 1, min(i + 6, len(doc))):
            if doc[k].text == ")":
                return k + 1
    return i


def _feature_before(doc: Doc, start: int) -> Optional[str]:
    # "the province of Kunduz", "the town of Jalalabad"; not "the Bab al-Tabbaneh district of Tripoli".
    if start >= 3 and doc[start - 1].lower_ == "of" and doc[start - 3].lower_ in ("the", "a"):
        return FEATURE_WORDS.get(doc[start - 2].lower_)
    return None


def _trigger(doc: Doc, start: int) -> tuple[bool, bool]:
    """(near, triggered) for the run starting at ``start``."""
    if possessive_of_place(doc, start):
        return False, True  # "Egypt's Giza": a place the country owns (kept only if it lies there, see _lookup)
    if bracketed_town(doc, start):
        return False, True
    if start == 0 or doc[start - 1].lower_ not in _TRIGGERS:
        return False, False
    word = doc[start - 1].lower_
    before = doc[start - 2].lower_ if start >= 2 else ""
    near = word in _NEAR or (word in ("of", "from") and before in _DIRECTIONS) or (word == "to" and before == "close")
    near = near or (word == "of" and before == "outside")  # "outside of Kakuma"
    return near, True


def bracketed_town(doc: Doc, start: int) -> bool:
    """Whether the name at ``start`` is the town in brackets after a part of it ("Shingani quarter (Mogadishu)")."""
    return start >= 2 and doc[start - 1].text == "(" and doc[start - 2].lower_ in PART_NOUNS


def possessive_of_place(doc: Doc, start: int) -> bool:
    """Whether the name at ``start`` follows a place NER tagged and its "'s" ("Egypt's Giza")."""
    return start >= 2 and doc[start - 1].lower_ in ("'s", "’s") and doc[start - 2].ent_type_ == "GPE"


def _coordinated_after(
    doc: Doc, runs: list[tuple[int, int]], first: Toponym, near: bool, hint: Optional[str]
) -> Iterator[Toponym]:
    """Runs joined by "," / "and" / "or": "in Kunduz, Baghlan and Takhar", "Sholgara district, Balkh"."""
    run_at = dict(runs)
    start, end = first.start, first.end
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
            first.within = j  # ... and Sholgara lies inside it
        yield Toponym(j, nxt, near=near, hint=next_hint, fallbacks=fallbacks)
        if step == 0 and not hint and doc[end].lower_ == "and" and j == end + 1:
            yield Toponym(start, name_end)  # "Bosnia and Herzegovina" may be one name
        start, end = j, nxt


def _coordinated_before(doc: Doc, runs: list[tuple[int, int]], start: int, hint: Optional[str]) -> Iterator[Toponym]:
    """"Kunduz and Baghlan provinces": the plural feature word reaches back over coordinated names."""
    run_from = {e: s for s, e in runs}
    i = start
    for _ in range(4):
        j = i
        while j > 0 and doc[j - 1].lower_ in (",", "and", "or"):
            j -= 1
        if j == i or j not in run_from:
            return
        yield Toponym(run_from[j], j, hint=hint)
        i = run_from[j]


# ---------------------------------------------------------------- not locations


def actor_ranges(doc: Doc) -> tuple[list[tuple[int, int]], list[Span]]:
    """Character ranges of known group names, and ORG entities whose words make them groups."""
    text = text_of(doc)
    # the alternation is slow to scan; most articles hold none of its anchor words
    groups = [m.span() for m in _GROUP_NAMES.finditer(text)] if any(w in text for w in _GROUP_ANCHORS) else []
    orgs = [ent for ent in doc.ents if ent.label_ == "ORG" and any(t.text in _GROUP_WORDS for t in ent)]
    return groups, orgs


def is_actor_part(doc: Doc, topo: Toponym, ranges: tuple[list[tuple[int, int]], list[Span]]) -> bool:
    """A demonym or place heading an actor ("Afghan forces"), or a place inside a group's name."""
    if topo.end < len(doc) and doc[topo.end].lower_ in _ACTOR_HEADS:
        return not (topo.end + 1 < len(doc) and doc[topo.end + 1].lower_ in _ACTOR_SITES)
    if topo.end + 1 < len(doc) and doc[topo.end].lower_ in _ACTOR_PAIRS and doc[topo.end + 1].lower_ in (
            "force", "forces"):
        return True
    groups, orgs = ranges
    span = doc[topo.start:topo.end]
    if any(start < span.end_char and span.start_char < end for start, end in groups):
        return True
    # "Kunduz Provincial Council" (ORG) hides Kunduz; an ORG that is just "Kunduz" is a mislabelled town;
    # a university is a place in its town ("lecturers at the University of Goma"), no group
    return any(
        ent.start <= topo.start
        and topo.end <= ent.end
        and any(t.text in _GROUP_WORDS and t.text not in _CAMPUS for t in ent if not topo.start <= t.i < topo.end)
        for ent in orgs
    )
