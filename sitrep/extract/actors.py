"""Stage 4, actors: who is named in the article, resolved to stable ACLED-style actor ids.

``find_actors`` reads one parsed Doc in a fixed number of passes:

1. the lexicon's aliases, as written and (multiword) folded to lower case: one run of each
   of two PhraseMatchers built once per Lexicon;
2. generic references ("the militants", "Afghan forces", "villagers") from the same run,
   with the demonym or country before them;
3. one pass over NER entities for what the lexicon lacks: armed groups, organisations,
   media, people; and states named where an actor stands ("Egypt rejected ...", "talks with
   Israel": the state's government, :mod:`._governments`);
4. overlaps resolved (lexicon first, then the longer span), and a head noun after a name
   ("Taliban fighters") joined to it;
5. generic armed references given to the most salient named armed group, or to
   "Unidentified Armed Group (<Country>)" when none is named;
6. people (:mod:`._people`): later surname-only mentions joined to the full name, role and
   affiliation read from appositions and titles ("the group's spokesman Zabihullah Mujahid").
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional, Sequence

from spacy.tokens import Doc, Span

from ..records import Actor, Mention
from ._lexicon import (
    ARMED_WORDS, COMMUNAL_WORDS, CREEDS, MEDIA_WORDS, MILITIA_WORDS, ORG_WORDS, PLACE_WORDS, TITLES,
    Lexicon, LexiconEntry, When, is_state_forces_id,
)
from ._governments import government_country, state_mentions
from ._candidates import Cand as _Cand, Context as _Context, slug as _slug
from ._people import People as _People

__all__ = ["ActorMention", "ActorsFound", "Lexicon", "LexiconEntry", "find_actors", "named_countries", "alias_matches"]

log = logging.getLogger(__name__)

#: the lexicon's aliases matched in a Doc: (match id, start token, end token)
Aliases = Sequence[tuple[int, int, int]]

# Kinds a generic "the militants" may refer to (ACLED inter 2-4): not state or external forces.
_NON_STATE_ARMED = frozenset({"Rebel group", "Political militia", "Identity militia"})

# Head nouns that, right after a named actor, belong to its mention ("RSF fighters", "IDF troops").
_HEAD_CATEGORIES = frozenset({"armed", "gang", "military", "forces", "police", "government"})
# Of those, the heads that make an unlisted NORP/ORG name an Identity militia ("Fulani militiamen").
_MILITIA_HEADS = frozenset({"militia", "militias", "militiamen", "gunmen", "fighters"})
# Words allowed between a demonym and its head ("Afghan government forces", "Israeli riot police").
_FILLERS = frozenset({"government", "security", "special", "occupation", "regime", "federal", "national",
                      "army", "military", "elite", "local", "state", "armed", "allied", "border", "intelligence",
                      "vice", "deputy", "senior"})
# "the group of protesters", "the movement of troops": not a reference to an armed group.
_NOT_BEFORE_OF = frozenset({"the group", "the movement"})

# Labels the small model gives some group names ("the Mwami Self-Defence Militia" as WORK_OF_ART).
_MISLABELS = frozenset({"WORK_OF_ART", "PRODUCT", "LAW", "EVENT"})
# Context that marks an entity as a place: "in X", "the 'X' area", "X (Y) district".
_CLOSERS = frozenset({")", "'", "\u2019", '"', "\u201d"})
_LOCATIVE = frozenset({"in", "near", "at", "outside", "into", "across", "around", "towards", "toward", "inside"})


@dataclass
class ActorMention:
    """One stretch of the text that names an actor: ``doc.text[start:end]``."""

    start: int
    end: int
    text: str
    actor_id: str
    #: a generic reference ("the militants", "soldiers") rather than a name
    generic: bool = False


@dataclass
class ActorsFound:
    """The actors of one document and where the text names them."""

    actors: list[Actor]
    mentions: list[ActorMention]
    _by_id: dict[str, Actor] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {a.id: a for a in self.actors}

    def get(self, actor_id: str) -> Optional[Actor]:
        """The actor with id ``actor_id``, or None."""
        return self._by_id.get(actor_id)

    def actor_at(self, start: int, end: int) -> Optional[str]:
        """Actor id of the mention that overlaps the characters ``[start, end)`` most; None if none does."""
        best, best_overlap = None, 0
        for m in self.mentions:
            if m.start >= end:
                break
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > best_overlap:
                best, best_overlap = m.actor_id, overlap
        return best

    def actor_in(self, start: int, end: int) -> Optional[str]:
        """The best actor named inside ``[start, end)``, e.g. a speaker phrase: a person first, then a
        named group, then a generic reference; the earliest among equals."""
        best, best_rank = None, 3
        for m in self.mentions:
            if m.start >= end:
                break
            if m.start < start or m.end > end:
                continue
            actor = self._by_id[m.actor_id]
            rank = 0 if actor.kind == "person" else 2 if m.generic else 1
            if rank < best_rank:
                best, best_rank = m.actor_id, rank
        return best


def find_actors(doc: Doc, *, lexicon: Lexicon, country: Optional[str], year: When = None,
                places: Sequence[tuple[int, int]] = (), aliases: Optional[Aliases] = None
                ) -> ActorsFound:  # fmt: skip
    """Find and resolve the actors of ``doc``.

    Args:
        doc: the parsed article (a Doc without a parse or entities still gets lexicon and generic actors).
        lexicon: the actor lexicon; its matchers are built on first use and cached.
        country: the article's dominant country (ISO alpha-2) from the places stage, for generic
            references ("soldiers", "civilians"); None when unknown.
        year: the article's year, to choose the actor valid then (state-forces periods); its
            publication date also works and settles a year of transition (Afghanistan 2021).
        places: character spans the places stage resolved as toponyms; an entity wholly inside one
            is no actor ("Bhamo" tagged PERSON), one that merely contains it still is ("Kachin
            Independence Army"), and lexicon names always are.
        aliases: :func:`alias_matches` of ``doc`` when the caller has them already.
    """
    ctx = _Context(doc, lexicon, country.upper() if country else None, year)
    named, generic = _matched(ctx, aliases)                                 # 1-2
    entities = _entities(ctx, named, generic, _token_spans(doc, places))    # 3
    states = _states(ctx, named)                                            # 3b
    cands = _join_heads(doc, _select(named + entities + states, generic))   # 4
    _resolve_generic(ctx, cands)                                            # 5
    cands = [c for c in cands if c.entry is not None or c.source != "gen"]   # "officials" of no known state
    people = _People(ctx, cands)                                            # 6
    return _assemble(ctx, cands, people)


def alias_matches(doc: Doc, lexicon: Lexicon) -> list[tuple[int, int, int]]:
    """The lexicon's aliases as written in ``doc``, as (match id, start, end): matched once per
    document for the places stage's country vote (:func:`named_countries`) and :func:`find_actors`."""
    return list(lexicon.matchers(doc.vocab).orth(doc))


def named_countries(doc: Doc, lexicon: Lexicon, aliases: Optional[Aliases] = None) -> list[str]:
    """The country of each actor the lexicon names as written in ``doc`` ("Al Shabaab" SO, "SPLA-IO"
    SS), for the places stage to weigh as weak evidence of the article's country before the actors
    are resolved (which needs that country). An alias that entries of several countries share, or
    that is also a common word ("PDF"), gives none."""
    matchers = lexicon.matchers(doc.vocab)
    found = []
    for key, start, end in alias_matches(doc, lexicon) if aliases is None else aliases:
        countries = {lexicon.get(i).country for i in matchers.ids[key]}
        if len(countries) == 1 and None not in countries and doc[start:end].text not in lexicon.homographs:
            found.append(countries.pop())
    return found


# ---------------------------------------------------------------- 1-2. lexicon and generic matches

def _token_spans(doc: Doc, places: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = (doc.char_span(start, end, alignment_mode="expand") for start, end in places)
    return [(span.start, span.end) for span in spans if span is not None]


def _matched(ctx: _Context, aliases: Optional[Aliases]) -> tuple[list[_Cand], list[_Cand]]:
    doc, lexicon = ctx.doc, ctx.lexicon
    matchers = lexicon.matchers(doc.vocab)
    named: dict[tuple[int, int], _Cand] = {}
    generic: list[_Cand] = []
    for key, start, end in alias_matches(doc, lexicon) if aliases is None else aliases:
        entry = lexicon.resolve(matchers.ids[key], ctx.country, ctx.year)
        if _homograph_elsewhere(ctx, doc[start:end].text, entry):
            continue
        named[(start, end)] = _Cand(start, end, "lex", entry, standin=_stands_in(lexicon, matchers.ids[key], entry))
    for key, start, end in matchers.lower(matchers.folded(doc)):
        if key in matchers.generic:
            cand = _generic(ctx, matchers.generic[key], start, end)
            if cand is not None:
                generic.append(cand)
        elif (start, end) not in named and any(t.text[:1].isupper() for t in doc[start:end]):
            # Names written all in lower case are ordinary words ("an islamic state").
            entry = lexicon.resolve(matchers.ids[key], ctx.country, ctx.year)
            named[(start, end)] = _Cand(start, end, "lex", entry, standin=_stands_in(lexicon, matchers.ids[key], entry))
    return list(named.values()), generic


def _homograph_elsewhere(ctx: _Context, text: str, entry: LexiconEntry) -> bool:
    """"PDF" in an article about Burkina Faso is a file, not Myanmar's People's Defense Force."""
    return (text in ctx.lexicon.homographs and ctx.country is not None and entry.country is not None
            and entry.country != ctx.country)


def _stands_in(lexicon: Lexicon, ids: tuple[str, ...], entry: LexiconEntry) -> bool:
    """Whether "the group" may mean this state actor when no non-state group is named: de facto
    authorities (Houthis) and former insurgents in power ("Taliban" from 2022)."""
    if entry.kind != "State forces":
        return False
    return not is_state_forces_id(entry.id) or any(lexicon.get(i).kind in _NON_STATE_ARMED for i in ids)


def _generic(ctx: _Context, category: str, start: int, end: int) -> Optional[_Cand]:
    doc = ctx.doc
    if end < len(doc) and doc[end].lower_ == "of" and doc[start:end].text.lower() in _NOT_BEFORE_OF:
        return None
    if category == "military_target":
        category, end = "military", start + 1    # "a military base": the military is the target
    begin, country = _modifier(ctx, start)
    return _Cand(begin, end, "gen", category=category, country=country)


def _modifier(ctx: _Context, start: int) -> tuple[int, Optional[str]]:
    """Start and country of a demonym or country name before a generic head: "Afghan forces",
    "Sudan's army", "the Myanmar military", "Israeli riot police"."""
    doc, lexicon = ctx.doc, ctx.lexicon
    j = start - 1 if start > 0 and doc[start - 1].lower_ in _FILLERS else start
    possessive = j > 0 and doc[j - 1].lower_ in ("'s", "\u2019s")
    if possessive:
        j -= 1
    words = [(t.text, t.whitespace_) for t in doc[max(0, j - 3):j]]     # a name has at most 3 words
    for n in (3, 2, 1):
        if len(words) < n or not words[-n][0][:1].isupper():
            continue
        text = "".join(w + space for w, space in words[-n:]).strip()
        code = (None if possessive else lexicon.country_of_demonym(text)) or lexicon.country_of_name(text)
        if code:
            return j - n, code
    return start, None


# ---------------------------------------------------------------- 3. NER entities

def _entities(ctx: _Context, named: list[_Cand], generic: list[_Cand],
              places: Sequence[tuple[int, int]]) -> list[_Cand]:
    taken = bytearray(len(ctx.doc))       # tokens of lexicon names: an entity touching them is no actor
    for cand in named:
        taken[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
    placed = bytearray(len(ctx.doc))      # tokens of toponyms: an entity wholly inside them is a place
    for start, end in places:
        placed[start:end] = b"\x01" * (end - start)
    heads = {g.start: ctx.doc[g.start:g.end].text.lower() for g in generic if g.category in _HEAD_CATEGORIES}
    found: list[_Cand] = []
    last_place = -3
    for ent in ctx.doc.ents:
        if any(taken[ent.start:ent.end]) or all(placed[ent.start:ent.end]) or not _may_be_actor(ent):
            continue
        ent = _without_article(ent)
        if ent is None:
            continue
        if not {t.lower_ for t in ent} & ARMED_WORDS and _looks_like_place(ent, last_place):
            last_place = ent.end    # "Brigade", "Front": a group name, wherever it stands
            continue
        if _is_country(ctx.lexicon, ent.text):
            continue    # a country mislabelled ORG or PERSON ("UAE", "DRC", "Mali") or a nationality
        # A surname the model tags ORG later ("Mujahid") is unclaimed here and found by _People.
        cand = _person(ent) if _is_person(ctx, ent) else _group(ctx, ent, heads.get(ent.end, ""))
        if cand is not None:
            found.append(cand)
    return found


def _looks_like_place(ent: Span, last_place: int) -> bool:
    """A toponym the small model tagged PERSON or ORG ("in Nahri Saraj district, Balkh").

    FIELD-NOTES: rare toponyms get any label; read the words around them instead.
    """
    doc = ent.doc
    after = ent.end
    if after < len(doc) and doc[after].text == "(":       # "Chawkay (Suki) district"
        close = next((t.i for t in doc[after:after + 6] if t.text == ")"), None)
        after = close + 1 if close is not None else after
    while after < len(doc) and doc[after].text in _CLOSERS:   # "Nad Ali (Marja) district", "the 'Luru' area"
        after += 1
    if after < len(doc) and doc[after].lower_ in PLACE_WORDS:
        return True
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is None:
        return False
    if before.lower_ in _LOCATIVE:
        return True
    if ent.start >= 2 and before.lower_ in (",", "of") and doc[ent.start - 2].lower_ in PLACE_WORDS | {")"}:
        return True     # "district, Badghis", "area of Nad Ali"
    # The next item of a list of places: "in Nad Ali, Nahri Saraj, and Sangin".
    return ent.start - last_place <= 2 and all(t.lower_ in (",", "and", "or") for t in doc[last_place:ent.start])


def _is_country(lexicon: Lexicon, text: str) -> bool:
    return bool(lexicon.country_of_name(text) or lexicon.country_of_demonym(text) or lexicon.has_country(text))


def _is_person(ctx: _Context, ent: Span) -> bool:
    # No person is called "Ansar al-Sharia" or "Hutu": group names and peoples tagged PERSON.
    return (ent.label_ == "PERSON" and not {t.lower_ for t in ent} & ARMED_WORDS
            and not ctx.lexicon.is_ethnic(ent.text))


def _may_be_actor(ent: Span) -> bool:
    if ent.label_ in ("ORG", "NORP", "PERSON"):
        return True
    # Small models tag some group names WORK_OF_ART or PRODUCT ("the Mwami Self-Defence Militia").
    return ent.label_ in _MISLABELS and bool({t.lower_ for t in ent} & (ARMED_WORDS | MILITIA_WORDS))


def _without_article(ent: Span) -> Optional[Span]:
    start, end = ent.start, ent.end
    while start < end and ent.doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and ent.doc[end - 1].lower_ in ("'s", "\u2019s", "'"):
        end -= 1
    return Span(ent.doc, start, end, label=ent.label) if start < end else None


def _person(ent: Span) -> Optional[_Cand]:
    tokens = [t for t in ent if t.lower_.rstrip(".") not in TITLES]
    if not tokens or not any(t.text[:1].isupper() for t in tokens) or "\n" in ent.text:
        return None
    name = ent.doc[tokens[0].i:tokens[-1].i + 1].text
    return _Cand(ent.start, ent.end, "person", person=name)


def _group(ctx: _Context, ent: Span, head: str) -> Optional[_Cand]:
    """An unlisted ORG or NORP as an actor: armed group, militia, media or organisation.

    ``head`` is the generic head noun right after the entity, if any ("militiamen").
    """
    lexicon, text = ctx.lexicon, ent.text
    if "\n" in text or not any(t.text[:1].isupper() for t in ent):
        return None     # "civil society group", or words across a line break of page furniture
    words = {t.lower_ for t in ent} | {text.lower()}
    armed = bool(words & ARMED_WORDS) and len(ent) > 1    # "Front" alone is no name
    communal = bool(words & COMMUNAL_WORDS) or any(lexicon.is_ethnic(t.text) for t in ent)
    if head in _MILITIA_HEADS and not armed and not text.isupper():
        return _militia_of(ctx, ent)
    if ent.label_ == "NORP" or ent.label_ == "PERSON" and not armed:
        return None     # "Pashtun", "Shiite", "Hutu": a people, not an actor
    if words & MILITIA_WORDS or armed and communal:
        return _ner(text, "Identity militia" if communal else "Political militia", ctx.country, ent)
    if armed:
        return _ner(text, "Rebel group", ctx.country, ent)
    if words & MEDIA_WORDS:
        return _ner(text, "media", None, ent)
    if words & ORG_WORDS:
        return _ner(text, "organization", None, ent)
    return None     # FIELD-NOTES: small models tag towns ORG; without an organisation word, skip


def _militia_of(ctx: _Context, ent: Span) -> _Cand:
    """A militia named by the people it is drawn from: ACLED's "Fulani Ethnic Militia (Nigeria)",
    or "Islamist Militia (Libya)" when the word is a creed."""
    where = f" ({ctx.lexicon.country_name(ctx.country)})" if ctx.country else ""
    if ent.text.lower() in CREEDS:
        return _ner(f"{ent.text} Militia{where}", "Political militia", ctx.country, ent)
    return _ner(f"{ent.text} Ethnic Militia{where}", "Identity militia", ctx.country, ent)


def _ner(name: str, kind: str, country: Optional[str], ent: Span) -> _Cand:
    entry = LexiconEntry.model_construct(id=f"ner:{_slug(name)}", name=name, kind=kind, country=country)
    return _Cand(ent.start, ent.end, "ner", entry)


def _states(ctx: _Context, named: list[_Cand]) -> list[_Cand]:
    taken = bytearray(len(ctx.doc))     # a lexicon name holding a country's name stays that name
    for cand in named:
        taken[cand.start:cand.end] = b"\x01" * (cand.end - cand.start)
    return [_Cand(start, end, "state", ctx.lexicon.state_forces(code, "government", ctx.year))
            for start, end, code in state_mentions(ctx.doc, ctx.lexicon, taken)]


# ---------------------------------------------------------------- 4. overlaps and head nouns

def _select(named: list[_Cand], generic: list[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates: lexicon names first, then the longer span; a generic phrase
    beats an entity of the same length ("Afghan Army" tagged ORG stays Afghanistan's military)."""
    order = {"lex": 0, "gen": 1, "state": 1, "ner": 2, "person": 2}
    ranked = sorted(named + generic, key=lambda c: (c.source != "lex", c.start - c.end, order[c.source], c.start))
    taken: set[int] = set()
    chosen: list[_Cand] = []
    for cand in ranked:
        span = range(cand.start, cand.end)
        if not taken.intersection(span):
            taken.update(span)
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def _join_heads(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """Join a generic head noun to the name right before it: "Taliban fighters", "RSF forces";
    after initials in brackets ("Hayat Tahrir al-Sham (HTS) fighters") the head names that group."""
    out: list[_Cand] = []
    for cand in cands:
        last = out[-1] if out else None
        if (last is not None and last.source in ("lex", "ner") and cand.source == "gen"
                and cand.category in _HEAD_CATEGORIES and cand.country is None):
            if last.end == cand.start:
                last.name_end, last.end = last.end, cand.end
                continue
            if last.end + 1 == cand.start and doc[last.end].text == ")":
                cand.entry = last.entry
        if cand.source == "gen" and cand.category == "forces" and cand.country is None:
            continue    # bare "forces", "military": whose is not said
        out.append(cand)
    return out


# ---------------------------------------------------------------- 5. generic references

def _resolve_generic(ctx: _Context, cands: list[_Cand]) -> None:
    lexicon = ctx.lexicon
    armed = [c.entry for c in cands if c.source in ("lex", "ner") and c.entry.kind in _NON_STATE_ARMED] or \
        [c.entry for c in cands if c.standin]
    names = {i: c for c in cands if c.source in ("lex", "ner") for i in range(c.start, c.end)}
    for cand in cands:
        if cand.source != "gen" or cand.entry is not None:
            continue
        country = cand.country or ctx.country
        named = _apposed_name(ctx.doc, cand, names) if cand.category in ("armed", "unidentified", "gang") else None
        if named is not None:
            cand.entry = named.entry    # "The ADF, a Ugandan-led armed group, ..." describes the ADF
        elif cand.category in ("armed", "gang"):
            # "The militants" are the group the article is about; unnamed, ACLED's unidentified group.
            cand.entry = _salient(armed, cand.country) or lexicon.collective(
                "gang" if cand.category == "gang" else "unidentified", country)
        elif cand.category in ("military", "forces"):
            cand.entry = lexicon.state_forces(country, "military", ctx.year)
        elif cand.category == "police":
            cand.entry = lexicon.state_forces(country, "police", ctx.year)
        elif cand.category == "government":
            code = government_country(ctx.doc, cand.start, cand.end, cand.country, ctx.country)
            cand.entry = lexicon.state_forces(code, "government", ctx.year) if code else None
        else:
            cand.entry = lexicon.collective(cand.category, country)


def _apposed_name(doc: Doc, cand: _Cand, names: dict[int, _Cand]) -> Optional[_Cand]:
    """The named actor a generic phrase stands in apposition to, either way round."""
    if not doc.has_annotation("DEP"):
        return None
    head = doc[cand.end - 1]
    if head.dep_ == "appos" and head.head.i in names:
        return names[head.head.i]
    return next((names[c.i] for c in head.children if c.dep_ == "appos" and c.i in names), None)


def _salient(armed: list[LexiconEntry], country: Optional[str]) -> Optional[LexiconEntry]:
    """The most mentioned named non-state armed actor (of ``country`` if given); the earliest on ties."""
    pool = [e for e in armed if country is None or e.country == country]
    if not pool:
        return None
    counts = Counter(e.id for e in pool)
    first = {}
    for position, entry in enumerate(pool):
        first.setdefault(entry.id, (position, entry))
    best = max(counts, key=lambda i: (counts[i], -first[i][0]))
    return first[best][1]


# ---------------------------------------------------------------- assembly

def _assemble(ctx: _Context, cands: list[_Cand], people: _People) -> ActorsFound:
    doc = ctx.doc
    actors: dict[str, Actor] = {}
    seen_aliases: dict[str, set[str]] = {}
    mentions: list[ActorMention] = []
    for cand in cands:
        entry = cand.entry
        start, end = doc[cand.start].idx, doc[cand.end - 1].idx + len(doc[cand.end - 1])
        mentions.append(ActorMention(start, end, doc[cand.start:cand.end].text, entry.id, cand.source == "gen"))
        actor = actors.get(entry.id)
        if actor is None:
            # an outlet run by a group (Voice of Jihad: the Taliban) speaks for it, as a spokesman does
            outlet_of = entry.parent if entry.kind == "media" else None
            actor = actors[entry.id] = Actor(id=entry.id, name=entry.name, kind=entry.kind, country=entry.country,
                                             role=people.roles.get(entry.id),
                                             affiliation=people.affiliations.get(entry.id) or outlet_of)
            seen_aliases[entry.id] = set()
        actor.mentions.append(Mention(start=start, end=end))
        alias = doc[cand.start:cand.alias_end].text
        if alias.casefold() not in seen_aliases[entry.id]:
            seen_aliases[entry.id].add(alias.casefold())
            actor.aliases.append(alias)
    log.debug("actors: %d actors, %d mentions", len(actors), len(mentions))
    return ActorsFound(list(actors.values()), mentions)
