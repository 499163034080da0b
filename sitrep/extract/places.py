"""Stage 7, places: find the toponyms of an article and resolve them against the gazetteer.

The steps, in order (:func:`find_places`):

1. **Recognise** candidate spans: spaCy GPE/LOC/FAC entities; capitalised token runs
   after "in/near/at/outside/from/to/of/across/around…"; runs before a feature word
   ("Kunduz province", "the Salang pass", "Kunduz City", "the Beni area") and after "the city/province
   of"; the town a facility's name opens with ("Ambo University").
   The small model labels rare toponyms ORG, PERSON or NORP (FIELD-NOTES), so labels
   only decide how much a span is trusted; the gazetteer decides what is a place.
2. **Skip** places that are not locations: a demonym or name heading an actor ("Afghan
   forces", "Kunduz police") and places inside group names ("Islamic State in Iraq").
3. **Look up** each span (:mod:`._lookup`): first with its feature word as written ("Salang Pass",
   "Kuwait City"), then the bare name ("Kunduz" of "Kunduz province"), then without a
   compass prefix ("Northern Kunduz"); overlapping spans keep the longest one known. A name the
   phrase puts in another keeps the readings that lie there ("Paris, Tenn.", "Egypt's Giza").
4. **Vote** the article's dominant country: country names and unambiguous big places; weakly,
   demonyms and named actors of one country ("Al Shabaab": Somalia; the pipeline passes them in;
   on ACLED Africa 2016 dev, location 2354 -> 2376 of 6,831, actor1 1646 -> 1725, actor2 2327 ->
   2431, as generic actors now get the story's country).
5. **Resolve** each span by score: dominant country, population, the feature the phrase
   asks for, containment in a region (named, or the state of the towns it places beyond
   doubt) and proximity to places resolved in a first pass; then once more, near the second
   pass's choices and in the states of the US counties it named (a local story's cluster).
6. **Code** ACLED's geo_precision: 1 town (or its outskirts), 2 near a place or a small
   part of a region (passes, valleys, districts), 3 a region or country.
"""

from __future__ import annotations

import logging
import math
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Optional, Sequence

from spacy.tokens import Doc, Span

from ..gazetteer.index import Candidate, Gazetteer
from ..nlp import text_of
from ._offsets import add_offsets, is_bearing
from ._lookup import given_spans, look_up, pin_to_region, spelled_otherwise
from ._lookup import name_key as _key
from ._placewords import capital_name, country_initials, demonym_country, region_demonym, uk_nation, world_feature
from ._toponyms import Toponym, actor_ranges, is_actor_part, recognise
from ._unlisted import (UNLISTED_FEATURES, add_capital, add_repeats, add_unlisted, distance_km, facility_tail, is_facility,
                        local_place, name_runs, place_beside, within_km)
from ..records import Mention, Place

__all__ = ["PlaceMention", "PlacesFound", "find_places", "resolve_spans"]

log = logging.getLogger(__name__)

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
_DEMONYM_VOTE = 0.25  # a country named counts 1, a town NER found 0.5
_ACTOR_VOTE = 0.25  # a named actor of one country, like a demonym
_WORLD_CITY = 1_000_000  # people: a city known by its bare name the world over
_KNOWN_RATIO = 10  # a town this many times bigger than its namesakes is the one a bare name means
_NEAR_KM = 150  # two towns this close belong to one local story
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
class _Context:
    country: Optional[str]
    regions: set[tuple[str, str]] = field(default_factory=set)  # (country, admin1 name) resolved in the text
    top: dict[int, int] = field(default_factory=dict)  # toponym index → its most populous candidate's people
    # toponym index → people of its biggest town that bears the name only as an alternate name
    alias_top: dict[int, int] = field(default_factory=dict)
    known: dict[int, str] = field(default_factory=dict)  # toponym index → id of its best-known namesake town
    # toponym index → the regions among its candidates that bear its very name ("Oregon" the state)
    namesakes: dict[int, list[Candidate]] = field(default_factory=dict)
    points: list[tuple[str, float, float]] = field(default_factory=list)  # (toponym key, lat, lon)
    home: Optional[tuple[str, str]] = None  # (country, admin1) of the towns the article places beyond doubt


def find_places(doc: Doc, *, gazetteer: Gazetteer, actor_countries: Sequence[str] = ()) -> PlacesFound:
    """Find and resolve the places of ``doc``; see the module docstring for the steps.

    ``actor_countries`` holds the country of each named actor of the text (actors.named_countries):
    each is a weak vote for the article's country, as a demonym is."""
    ranges = actor_ranges(doc)
    recognised = [t for t in recognise(doc) if not is_actor_part(doc, t, ranges) and not is_bearing(doc, t.start, t.end)]
    unlisted = [(doc[t.start:t.end].start_char, doc[t.start:t.end].end_char, doc[t.start:t.end].text, t.hint)
                for t in recognised if t.hint in UNLISTED_FEATURES]
    # "speaks in Spanish", "an English court": a demonym is no town that shares its name (Spanish, Ontario)
    known = pin_to_region(doc, look_up(doc, recognised, gazetteer))  # "Paris, Tenn.", "Egypt's Giza"
    toponyms = [t for t in known
                if not (demonym_country(t.text) or region_demonym(t.text)) or t.candidates[0].feature == "country"]
    country = _dominant_country(toponyms, doc, actor_countries)
    if country:
        toponyms = spelled_otherwise(doc, recognised, toponyms, country, gazetteer)
    chosen = _lone_abroad(doc, _resolve(toponyms, country, gazetteer), country)
    found = _collect(doc, chosen, country)
    groups, orgs = ranges
    text = text_of(doc)
    add_repeats(found, text, groups + [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "ORG"])
    taken = [(m.start, m.end) for m in found.mentions]
    # "the Khargosh pass" that the index lacks (and whose name no town shares): anchored on a nearby town
    add_unlisted(found, [u for u in unlisted if not any(s < u[1] and u[0] < e for s, e in taken)], text)
    add_capital(found, text, gazetteer)  # "north of the capital"
    add_offsets(found, text)  # "(14 km NE of Xudur)": the point, not the town
    return found



def _lone_abroad(doc: Doc, chosen: list[tuple[Toponym, Candidate]],
                 country: Optional[str]) -> list[tuple[Toponym, Candidate]]:  # fmt: skip
    """Without the towns found abroad that nothing else in the article backs: a town under 100,000 people
    of a country the article names no other place of ("Norbury", a house model in a Virginia story, as
    Norbury, London; "Irma" and "Maria", hurricanes). Regions stay: "a New Jersey man" of a Toronto story;
    so does a town whose country a demonym names ("the Turkish town of Kilis")."""
    if country is None:
        return chosen
    ids: dict[Optional[str], set[str]] = {demonym_country(e.text): {"demonym"} for e in doc.ents if e.label_ == "NORP"}
    for topo, cand in chosen:
        ids.setdefault(cand.country, set()).add(cand.id)
    return [(t, c) for t, c in chosen if c.country in (country, None) or c.feature != "city"
            or len(ids[c.country]) > 1 or c.population >= _BIG_PLACE]


def resolve_spans(doc: Doc, spans: list[tuple[int, int]], *, gazetteer: Gazetteer) -> list[Optional[Candidate]]:
    """Resolve toponyms given as character spans (gold annotations) in the context of ``doc``.

    The article's own toponyms still vote for its country and give proximity, as in
    :func:`find_places`; each given span is trusted as a place (no actor or credibility
    filter). A street or building ("Royal Street", "Colchester General Hospital") lies in the
    town the article names for it, beside it ("… Hospital in Rome", "London's …") or at the end of
    its name ("British Embassy Tokyo"), else in the article's main town (:func:`._unlisted.local_place`);
    so does a name the gazetteer lacks ("Bywater"), or, with no town at all, in the article's country.
    Returns one candidate per span, None where nothing at all is known.
    """
    given = given_spans(doc, spans)
    facilities = {id(t): name_runs(doc, t.start, t.end) for t in given if t is not None and is_facility(doc, t)
                  and world_feature(doc[t.start:t.end].text) is None}  # "White House" is a known point  # fmt: skip
    as_given = {id(t): [(t.start, t.end), *((s, e) for s, e, _ in t.fallbacks)] for t in given if t is not None}
    taken = {i for t in given if t is not None for i in range(t.start, t.end)}
    ranges = actor_ranges(doc)
    context = [t for t in recognise(doc) if not is_actor_part(doc, t, ranges)
               and not taken.intersection(range(t.start, t.end))]  # fmt: skip
    known = look_up(doc, context, gazetteer)
    for topo in given:
        if topo is not None and id(topo) not in facilities:
            known.extend(look_up(doc, [topo], gazetteer, wide=True))
    # the town a building's name ends in ("British Embassy Tokyo", "Robinson College Cambridge")
    tails = {id(t): Toponym(*tail, strong=True) for t in given if id(t) in facilities and (tail := facility_tail(doc, t))}
    known.extend(look_up(doc, list(tails.values()), gazetteer))
    known = pin_to_region(doc, known)  # "Paris, Tenn.", "Egypt's Giza"
    # a name found only inside a longer one ("Faubourg" of "Faubourg Marigny") is no evidence of the
    # article's country or town, and a town so found is no answer when the article has a town (_inner_stands)
    inner = {id(t) for t in known if id(t) in as_given and (t.start, t.end) not in as_given[id(t)]}
    inner |= {id(t) for t in tails.values()}
    # a demonym given as a span ("French" of "French Quarter" tales) votes as a demonym does (through NER), once
    country = _dominant_country([t for t in known if id(t) not in inner and demonym_country(t.text) is None], doc)
    pairs = _resolve(known, country, gazetteer)
    focus = _focus([(t, c) for t, c in pairs if id(t) not in inner], country)
    named = {c.id for t, c in pairs if id(t) not in inner}
    chosen = {id(t): c for t, c in pairs if id(t) not in inner or _inner_stands(c, country, focus, named)}
    # a hamlet abroad whose country the article never names is a namesake of a local name ("Peel" of a
    # Toronto-area story is not Peel, Isle of Man): the article's main town is the better guess
    homes: dict[Optional[str], set[str]] = {}
    for topo, cand in pairs:
        homes.setdefault(cand.country, set()).add(cand.id)
    chosen = {i: focus if focus is not None and c.feature == "city" and c.population < _TOWN and c.country != country
              and homes[c.country] == {c.id} else c for i, c in chosen.items()}  # fmt: skip
    names: dict[str, Candidate] = {}
    for topo, cand in pairs:
        if id(topo) not in inner:
            names.setdefault(topo.key, cand)
    at = {t.start: c for t, c in pairs if id(t) not in inner}
    ends = {t.end: c for t, c in pairs if id(t) not in inner}
    towns = {id(t): c for t, c in pairs if c.feature == "city"}
    out = [chosen.get(id(t)) or (id(t) in facilities and place_beside(doc, t.start, t.end, at, ends))
           or (id(t) in tails and towns.get(id(tails[id(t)]))) or local_place(doc, facilities.get(id(t), []), names, focus) if t is not None else None for t in given]  # fmt: skip
    missing = [t for t, c in zip(given, out) if t is not None and c is None and id(t) in facilities]
    if missing:  # no town in the article to put a building in: its own name's parts must do
        found = {id(t): c for t, c in _resolve(look_up(doc, missing, gazetteer, wide=True), country, gazetteer)}
        out = [found.get(id(t), c) if t is not None else c for t, c in zip(given, out)]
    # a name nothing resolves, in an article with no town to put it in, is somewhere in the article's
    # country ("the Islamic Republic" of an Iranian story): its country is the best guess left
    home = gazetteer.country(country) if country and None in out else None
    return [c or (home if t is not None else None) for t, c in zip(given, out)]


def _inner_stands(cand: Candidate, country: Optional[str], focus: Optional[Candidate], named: set[str]) -> bool:
    """Whether a town found inside a longer name is what that name means, when the article has a main town:
    if the article names it on its own too ("the Dubai World Cup" of a story about Dubai), or it is a big
    town or one near the main town, of the article's country (not Elysian, Minnesota, for "Elysian Fields"
    of a New Orleans story)."""
    if focus is None or cand.feature != "city" or cand.id in named:
        return True
    if cand.country != country:
        return False
    return cand.population >= _BIG_PLACE or focus.feature != "city" or within_km(cand, focus, _NEAR_KM)


def _focus(pairs: list[tuple[Toponym, Candidate]], country: Optional[str]) -> Optional[Candidate]:
    """The article's main town: the town of its country that it names most often counting the mentions of
    its other towns within 150 km (the cluster a local story's places form; then its own mentions, then
    the first), else a big town abroad it names more than once ("Meydan Racecourse" of a Dubai story
    whose US horses and trainers outvote the UAE), else its country's main region."""
    home = [(t, c) for t, c in pairs if c.country in (country, None)]
    abroad = [(t, c) for t, c in pairs if c.population >= _BIG_PLACE]  # not a hamlet a stray word found
    for features, among, least in ((("city",), home, 1), (("city",), abroad, 2), (("admin1",), home, 1)):
        counts: dict[str, list] = {}
        for topo, cand in among:
            if cand.feature in features:
                counts.setdefault(cand.id, [0, 0, -topo.start, cand])[1] += 1
        for entry in counts.values():
            entry[0] = entry[1] + sum(other[1] for other in counts.values() if other is not entry
                                      and within_km(entry[3], other[3], _NEAR_KM))  # fmt: skip
        if counts and (best := max(counts.values(), key=lambda v: v[:3]))[1] >= least:
            return best[3]
    return None


# ---------------------------------------------------------------- 4. dominant country


def _dominant_country(toponyms: list[Toponym], doc: Optional[Doc] = None,
                      actor_countries: Sequence[str] = ()) -> Optional[str]:  # fmt: skip
    votes: dict[str, float] = {}
    first: dict[str, int] = {}
    for ent in doc.ents if doc is not None else ():
        # "Syrian troops", "Afghans": a demonym is not a place, but a weak vote for its country
        country = demonym_country(ent.text) if ent.label_ == "NORP" else None
        if country:
            votes[country] = votes.get(country, 0.0) + _DEMONYM_VOTE
            first.setdefault(country, ent.start)
    # "Lebanon" beside "Lebanon County": the county's seat (or the county), which the county votes for
    counties = {t.key for t in toponyms if t.hint == "district" and any(_us_county(c) for c in t.candidates)}
    for topo in toponyms:
        if f"{topo.key} county" in counties:
            continue
        country = None if _unlisted_region(topo) else _vote(topo)
        if country:
            # A country named, or a region or district the phrase names as one ("Balkh province", "district,
            # Balkh", "Lamar County") of one country only, outweighs a town that implies it; NER's word
            # outweighs a capitalised guess.
            named = _named_country(topo) or _named_unit(topo)
            weight = (1.0 if named else 0.5) * (1.0 if topo.strong or topo.hint == "admin1" else 0.5)
            weight *= 3.0 if topo.dateline else 1.0  # "POKROVSK, Ukraine —" settles the country
            if not named and _top_population(topo) < _TOWN:
                weight /= 2  # a hamlet known in one country ("Peel", Isle of Man) is weak evidence of it
            votes[country] = votes.get(country, 0.0) + weight
            first.setdefault(country, topo.start)
    for country in actor_countries:  # "Al Shabaab fighters": Somalia, as weakly as a demonym
        votes[country] = votes.get(country, 0.0) + _ACTOR_VOTE
        first.setdefault(country, len(doc) if doc is not None else 0)  # ties go to the country named first
    if not votes:
        return None
    return max(votes, key=lambda c: (votes[c], -first[c]))


def _named_country(topo: Toponym) -> bool:
    """Whether ``topo`` names a country and no region abroad bears that very name: "Georgia" may be the
    US state, and votes only as a town would."""
    country = topo.candidates[0]
    return country.feature == "country" and all(r.country == country.country for r in _namesake_regions(topo))


def _named_unit(topo: Toponym) -> bool:
    """Whether the phrase calls ``topo`` a region or a district ("Kunduz province", "Lamar County") and
    every unit of that kind so named lies in one country: a US county is as sure a sign of the US as a
    state is, whatever the towns of the story share their names with (Paris, Texas, and Paris)."""
    if topo.hint not in ("admin1", "district"):
        return False
    return len({c.country for c in topo.candidates if c.feature == topo.hint}) == 1


def _vote(topo: Toponym) -> Optional[str]:
    """The country a name points to on its own: a country, a region, or a big place without a rival abroad."""
    candidates = topo.candidates
    if candidates[0].feature == "country":
        return candidates[0].country
    # a second-level district is no evidence of its country unless the phrase calls it one: "the
    # Catatumbo region" of a Colombian story is not Venezuela's Catatumbo municipality
    candidates = [c for c in candidates if c.feature != "district" or topo.hint == "district"]
    biggest: dict[str, int] = {}
    for cand in candidates:
        if cand.country:
            biggest[cand.country] = max(biggest.get(cand.country, 0), cand.population)
    ranked = sorted(biggest.items(), key=lambda kv: -kv[1])
    if not ranked:
        return None
    top_country, top = ranked[0]
    runner_up = _runner_up(topo, candidates, top_country)
    # Tripoli (Libya, 1.3M) does not vote: Tripoli (Lebanon, 229k) is big enough to be meant too.
    if top >= _BIG_PLACE and runner_up < _BIG_PLACE and top >= 5 * runner_up:
        return top_country
    # A name found in one country only votes if NER, a region or the phrase's feature word says it is a place
    # (not "Taliban", which is also a Turkish village).
    if len(ranked) == 1 and (topo.strong or any(c.feature in ("admin1", topo.hint) for c in candidates)):
        return top_country
    return None


def _runner_up(topo: Toponym, candidates: list[Candidate], top_country: str) -> int:
    """People of the biggest place abroad that ``topo`` may name. When the biggest place bears the name
    itself, a place that bears it only as an alternate name is no rival: "Reno" is Reno, Nevada, whatever
    region abroad lists "Reno" among its other names."""
    biggest = max(candidates, key=lambda c: c.population)
    rivals = [c for c in candidates if c.country and c.country != top_country]
    if _key(biggest.name) == topo.key:
        rivals = [c for c in rivals if _key(c.name) == topo.key]
    return max((c.population for c in rivals), default=0)


# ---------------------------------------------------------------- 5. resolution


def _resolve(
    toponyms: list[Toponym], country: Optional[str], gazetteer: Gazetteer
) -> list[tuple[Toponym, Candidate]]:
    if country:
        for topo in toponyms:
            # not for a sea or world region ("Atlantic"): its namesake towns are never meant
            if not any(c.country in (country, None) for c in topo.candidates):
                topo.candidates = topo.candidates + gazetteer.lookup(topo.text, country=country, limit=5)
            if topo.text.isupper() and 2 <= len(topo.text) <= 4 and topo.text == country_initials(country):
                home = gazetteer.country(country)  # "post-apartheid SA" in a South African story
                topo.candidates = [home, *topo.candidates] if home else topo.candidates
    # First pass without context; the second adds containment and proximity to the first pass's choices.
    namesakes = {i: _namesake_regions(t) for i, t in enumerate(toponyms)}
    bare = _Context(country, namesakes=namesakes)
    first = [max(t.candidates, key=lambda c: _score(c, t, bare, i)) for i, t in enumerate(toponyms)]
    context = _Context(country, top={i: _top_population(t) for i, t in enumerate(toponyms)}, namesakes=namesakes,
                       known={i: k for i, t in enumerate(toponyms) if (k := _best_known(t, country))},
                       alias_top={i: _alias_top(t) for i, t in enumerate(toponyms)})  # fmt: skip
    _bare_counties(toponyms, first)
    context.regions = {(c.country, c.name) for c in first if c.feature == "admin1" and c.country}
    context.points = _points(list(zip(toponyms, first)))
    if not any(region[0] == country for region in context.regions):  # a state the story names says more
        context.home = _home_region(toponyms, first, context)
    chosen = _choose(toponyms, first, context, gazetteer)
    # Once more, near the second pass's choices: the first pass took each name's biggest namesake, so a
    # town was "near" the far-off namesakes of the story's other towns ("Franklin" by the big Texas
    # Williamson County) rather than beside the cluster they form once resolved in context (Tennessee).
    # A name the first pass took for a region stays one (its region counts already; not a point too).
    regions = {id(t) for t, c in zip(toponyms, first) if c.feature in ("country", "admin1")}
    context.points = _points([(t, c) for t, c in chosen if id(t) not in regions])
    # a county the story names ("Lebanon County"), as resolved in context, places the story in its state as
    # naming the state would: its "Lebanon" is the Pennsylvania town, not the country
    context.regions |= {(c.country, c.admin1) for t, c in chosen if t.hint == "district" and _us_county(c)}
    return _choose(toponyms, first, context, gazetteer)


def _us_county(cand: Candidate) -> bool:
    return cand.feature == "district" and cand.id.startswith("fips:") and cand.admin1 is not None


def _points(pairs: list[tuple[Toponym, Candidate]]) -> list[tuple[str, float, float]]:
    return [(t.key, c.lat, c.lon) for t, c in pairs
            if c.feature not in ("country", "admin1") and c.lat is not None and c.lon is not None]  # fmt: skip


def _choose(toponyms: list[Toponym], first: list[Candidate], context: _Context,
            gazetteer: Gazetteer) -> list[tuple[Toponym, Candidate]]:  # fmt: skip
    """Each toponym's best candidate in ``context`` (one inside the region its phrase names), without the
    names nothing credible answers."""
    starts = {t.start: i for i, t in enumerate(toponyms)}
    chosen = []
    for i, topo in enumerate(toponyms):
        candidates = topo.candidates
        region = first[starts[topo.within]] if topo.within in starts else None
        if region is not None and region.feature == "admin1":
            # "Muqur district, Badghis": only a Muqur inside Badghis will do; else the province stands
            candidates = [c for c in candidates if (c.country, c.admin1) == (region.country, region.name)]
            candidates = candidates or [c for c in gazetteer.similar(topo.text, country=region.country or "")
                                        if c.admin1 == region.name]  # fmt: skip
            if not candidates:
                log.debug("dropped %r: no place of that name in %s", topo.text, region.name)
                continue
        best = max(candidates, key=lambda c: _score(c, topo, context, i))
        if (region is not None and region.feature == "admin1") or _credible(best, topo, context.country):
            chosen.append((topo, best))
        else:
            log.debug("dropped %r: only %s (%s)", topo.text, best.id, best.country)
    return chosen


def _home_region(toponyms: list[Toponym], first: list[Candidate], context: _Context) -> Optional[tuple[str, str]]:
    """The state (region) of a local story: where the towns it names beyond doubt lie. A town is beyond doubt
    when it is the best-known of its name ("Atlanta") or every namesake of the article's country lies in one
    region; the region most such towns share, the first named on a tie. A bare "Columbus" or "Albany" of an
    Atlanta story is then the Georgia town, not the bigger one of Ohio or New York. Used only when the story
    names no region of its country itself (that region's own weight decides then)."""
    votes: dict[tuple[str, str], list[int]] = {}
    for i, (topo, cand) in enumerate(zip(toponyms, first)):
        if cand.feature not in ("city", "district") or not cand.admin1 or cand.country != context.country:
            continue
        homes = {(c.country, c.admin1) for c in topo.candidates if c.country == context.country
                 and c.feature in ("city", "district")}  # fmt: skip
        if context.known.get(i) == cand.id or len(homes) == 1:
            votes.setdefault((cand.country, cand.admin1), [0, -topo.start])[0] += 1
    return max(votes, key=lambda region: votes[region]) if votes else None


def _bare_counties(toponyms: list[Toponym], first: list[Candidate]) -> None:
    """A bare "Suffolk" in a story that names Suffolk County (New York) is the county, when no town of
    that name lies in the county's state (a bare "Lancaster" beside Lancaster County is the town)."""
    counties = {_key(c.name[: -len(" County")]): c for c in first
                if c.feature == "district" and c.id.startswith("fips:") and c.name.endswith(" County")}  # fmt: skip
    if not counties:
        return
    for topo, cand in zip(toponyms, first):
        county = counties.get(topo.key)
        if county is None or cand is county or topo.hint not in (None, "district"):
            continue
        if not any(c.feature == "city" and (c.country, c.admin1) == (county.country, county.admin1)
                   for c in topo.candidates):  # fmt: skip
            topo.candidates = [county]


def _namesake_regions(topo: Toponym) -> list[Candidate]:
    return [c for c in topo.candidates if c.feature == "admin1" and _key(c.name) == topo.key]


def _best_known(topo: Toponym, country: Optional[str]) -> Optional[str]:
    """Id of the town a bare name means unless the article says otherwise: of the towns bearing the
    name itself (those of the article's country if it has any), one of 100,000 people or more and ten
    times any other (Louisville, Kentucky, not Louisville, Ohio; Buffalo, New York, in a Toronto story).
    A world city abroad against a small namesake at home is :data:`_WEIGHTS`' "dwarfed" rule's case."""
    towns = [c for c in topo.candidates if c.feature == "city" and _key(c.name) == topo.key]
    towns = sorted([c for c in towns if c.country == country] or towns, key=lambda c: -c.population)
    if topo.hint not in (None, "city") or len(towns) < 2:
        return None  # "the Kharkiv region"; or no namesake town to tell apart (regions have their own rules)
    if towns[0].population < _BIG_PLACE or towns[0].population < _KNOWN_RATIO * towns[1].population:
        return None
    return towns[0].id


def _top_population(topo: Toponym) -> int:
    return max((c.population for c in topo.candidates if c.feature != "country"), default=0)


#: Evidence weights of :func:`_score`, calibrated on hand-made cases and GeoWebNews' dev half.
_WEIGHTS = {
    "population": 1 / 7,  # per order of magnitude of people
    "hint": 4.0,  # the feature the phrase asks for ("Kunduz province")
    "exact": 1.0,  # the name itself, not an alternate name
    "country": 3.0,  # a country name, or a place in the article's country
    "dwarfed": 1.0,  # the article's country for a place 100x smaller than a world city of that name
    "world_city": 1.0,  # the most populous candidate, a city of 1M people or more
    "region": 1.5,  # a town inside a region the article names
    "home": 1.0,  # a town in the region of the towns the article names beyond doubt (a weaker "region")
    "known": 1.5,  # the best-known town of the name: outweighs a region named elsewhere, not region and nearness
    "capital": 0.5,  # a region's namesake town
    "region_homonym": -1.5,  # a town named like a region, outside it ("Oregon", Wisconsin)
    "near": 1.0,  # within 50 km of another place of the article (half within 150 km)
}


def _score(cand: Candidate, topo: Toponym, context: _Context, index: int) -> float:
    w = _WEIGHTS
    score = _PRIOR.get(cand.feature, 0.3) + math.log10(cand.population + 1) * w["population"]
    if topo.hint and cand.feature == topo.hint:
        score += w["hint"]
    overshadowed = context.country is None and _overshadowed(cand, context.alias_top.get(index, 0))
    if _key(cand.name) == topo.key and not overshadowed:
        score += w["exact"]  # "Florida" is the state, not a town that once had "Florida" among its alternate names
    top = context.top.get(index, 0)
    if cand.feature == "country":
        # a country is known everywhere: "China" in a US story is China, not China, Maine; but a state of
        # the article's own country named exactly like it is what a local story means ("Georgia")
        if not any(r.country == context.country != cand.country for r in context.namesakes.get(index, ())):
            score += w["country"]
    elif context.country and cand.country == context.country:
        # the article's country, unless a world city of that name dwarfs this one ("London" in a US story)
        score += w["dwarfed"] if top >= _WORLD_CITY and cand.population * 100 < top else w["country"]
    if cand.feature not in ("city", "district"):  # a US county, like a town, lies near the article's places
        return score
    dwarfed = top >= _WORLD_CITY and cand.population * 100 < top
    if cand.feature == "city" and top >= _WORLD_CITY and cand.population == top and _key(cand.name) == topo.key:
        # known the world over by this name: not Harare for "Salisbury"; a county of a million people is
        # no world city (Hillsborough County, Florida, is not the one beside a story's Manchester, N.H.)
        score += w["world_city"]
    elif context.known.get(index) == cand.id:
        score += w["known"]  # "Louisville" in a story that also names Ohio is still Louisville, Kentucky
    if cand.admin1 and cand.country and (cand.country, cand.admin1) in context.regions:
        score += w["region"]  # inside a region the article names
    elif context.home is not None and (cand.country, cand.admin1) == context.home and not dwarfed:
        score += w["home"]  # in the state of the towns the story places beyond doubt (London, Ohio is no London)
    if cand.admin1 and _key(cand.admin1) == _key(cand.name):
        score += w["capital"]  # the region's namesake capital: a bare "Kunduz" is the town
    elif any(not _may_lie_in(cand, region) for region in context.namesakes.get(index, ())):
        # a national capital outside the region of its name is what news means by it ("Washington"); a
        # city of 100,000 abroad is no mere namesake of a region either (Beni, Congo, not Beni, Bolivia)
        if _big_capital(cand) and _key(cand.name) == topo.key:
            score += w["world_city"]
        elif not (cand.population >= _BIG_PLACE and all(r.country != cand.country for r in context.namesakes[index])):
            score += w["region_homonym"]
    if cand.lat is not None and cand.lon is not None:
        score += w["near"] * _proximity(cand, context, topo.key)
    return score


def _overshadowed(cand: Candidate, alias_top: int) -> bool:
    """A village whose own name is a town's other name, ten times its size ("Ambo": Ambo, Peru, 7,000
    people, against Ambo, Ethiopia, listed as Hagere Hiywet): the name does not single the village out.
    Only with no article country (a short report): in a story of the village's country, it is meant."""
    village = cand.feature == "city" and cand.population < _TOWN
    return village and alias_top >= max(_TOWN, _KNOWN_RATIO * cand.population)


def _alias_top(topo: Toponym) -> int:
    return max((c.population for c in topo.candidates if c.feature == "city" and _key(c.name) != topo.key), default=0)


def _big_capital(cand: Candidate) -> bool:
    """A national capital of 100,000 people or more: named in world news by its bare name."""
    return cand.population >= _BIG_PLACE and cand.country is not None and _key(capital_name(cand.country)) == _key(cand.name)


def _may_lie_in(town: Candidate, region: Candidate) -> bool:
    """Whether ``town`` is, or may be, inside ``region`` (same country, its admin1 that region or unknown).
    A British town's admin1 is its nation (England), its region a county or borough (Manchester): may."""
    if town.country != region.country:
        return False
    return town.admin1 in (None, region.name) or uk_nation(town.admin1 or "") is not None


def _proximity(cand: Candidate, context: _Context, key: str) -> float:
    """1 near another place of the article (50 km), 0.5 within 150 km. The first pass's choice for
    another mention of the same name is no evidence: a county named twice ("Madison County … the
    Madison County sheriff") would vote for whichever namesake the first pass took, not for the one
    beside the story's other towns."""
    distances = [distance_km(cand.lat, cand.lon, lat, lon) for other, lat, lon in context.points if other != key]
    nearest = min(distances, default=math.inf)
    return 1.0 if nearest < 50 else 0.5 if nearest < 150 else 0.0


def _credible(best: Candidate, topo: Toponym, country: Optional[str]) -> bool:
    """Keep a name NER did not call a place only if what it resolves to is plausible here."""
    if topo.org and not (topo.strong or topo.hint or topo.dateline):
        # an "organisation" that is a country, a real town of the article's own country, or, with no
        # country to judge by, the one town of that name right after "in"/"at"/"near" ("In Mbalizi, …")
        return best.feature == "country" or (
            country is not None and best.country == country and (best.feature == "admin1" or best.population >= _TOWN)
        ) or (country is None and _lone_town(best, topo))
    if _unlisted_region(topo):
        return False  # "<X> District, West Shewa": a region the index lacks, not a hamlet named Shewa
    if best.feature == "district" and country and best.country != country and topo.hint != "district":
        return False  # "the Catatumbo region" of a Colombian story: not Venezuela's Catatumbo municipality
    if topo.strong or best.feature in ("country", "admin1") or best.population >= _BIG_PLACE:
        return True
    if topo.person and not topo.hint and not (country and best.country == country and best.population >= _TOWN):
        # "damage from Harvey": a person's name (or a storm's), unless a big place, a country, a real
        # town of the article's country ("the outskirts of Jisr Al-Shughour", tagged PERSON), or, with no
        # country to judge by, right after "in"/"at"/"km from" a real town that dwarfs its namesakes ("in Tolga")
        if not (country is None and (topo.locative or topo.near) and _dwarfs_namesakes(best, topo)
                or country is None and _lone_town(best, topo)):  # fmt: skip
            return False
    if best.population < _TOWN and _key(best.name) != topo.key and not topo.hint:
        return False  # "AI", "MoD": an alternate name of a hamlet is too weak a match for a guessed span
    if country:  # "spoke to Shamsher" (a Turkish hamlet) in an article about Kunduz: no
        return best.country == country or best.feature == topo.hint
    # No country to judge by: a feature word ("the Uzhok pass") or a real town known in one country only,
    # or ten times bigger than its namesakes abroad ("Tanta", Egypt; not a hamlet of that name in Peru)
    one_country = len({c.country for c in topo.candidates}) == 1
    return (topo.hint is not None or (one_country and best.population >= _TOWN) or _dwarfs_namesakes(best, topo)
            or _lone_town(best, topo))  # fmt: skip


def _lone_town(best: Candidate, topo: Toponym) -> bool:
    """A town right after "in"/"at"/"near" that is the only place in the index bearing the name itself:
    short reports that name no country ("clashes in Kakuma") place events in villages of a few thousand
    people, and a name no other place shares is no person's or group's name that happens to match."""
    if not (topo.locative or topo.near) or topo.partial or best.feature != "city" or _key(best.name) != topo.key:
        return False  # "at Kakuma Hills School": a facility's first word is no town on this evidence alone
    return all(c is best or _key(c.name) != topo.key and c.population * _KNOWN_RATIO <= best.population
               for c in topo.candidates)  # fmt: skip


def _unlisted_region(topo: Toponym) -> bool:
    """A name the phrase calls a region ("X province", ", West Shewa" after a district) that matches no
    region and only hamlets: a region the index lacks (an Ethiopian zone), not one of the hamlets."""
    return topo.hint == "admin1" and all(c.feature == "city" and c.population < _TOWN for c in topo.candidates)


def _dwarfs_namesakes(best: Candidate, topo: Toponym) -> bool:
    """A real town (10,000 people or more) ten times bigger than every namesake in another country."""
    return best.population >= _TOWN and all(c.population * _KNOWN_RATIO <= best.population
                                            for c in topo.candidates if c.country != best.country)


# ---------------------------------------------------------------- 6. records


def _precision(cand: Candidate, topo: Toponym) -> int:
    precision = _PRECISION.get(cand.feature, 2)
    if topo.hint == "admin1":
        precision = 3  # "X province" resolved to the town X: still only the province is known
    elif topo.hint in ("district", "area", "pass", "valley", "mountain", "river"):
        precision = 2  # a part of a region; without the pass/valley in the index, its namesake stands in
    if topo.near:
        precision = max(precision, 2)
    return precision


def _collect(doc: Doc, chosen: list[tuple[Toponym, Candidate]], country: Optional[str]) -> PlacesFound:
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
