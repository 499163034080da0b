"""Which casualty cue a count belongs to, and whether its noun names people (used by :mod:`.claims`).

A count ("12", "dozens of") is tied to its cue on the dependency parse first: the count's noun is the
object of an active "kill", the subject of a passive "were killed" or of "died", a noun a participle
describes ("12 people dead"); a count that is an argument of another predicate ("kill 7 farmers, rape
four women") is not the cue's; only when the parse says nothing is the nearest cue of the clause taken.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from spacy.tokens import Span, Token

from ._victims import death_under, others_named, shared_participle
from .numbers import Quantity

if TYPE_CHECKING:
    from .claims import Context

__all__ = ["PERSON_NOUNS", "phrase_head", "singles_beside", "plain_person", "is_person", "is_agent", "is_descriptor",
           "is_article", "is_subject_of_other", "cue_for"]

#: nouns that count people: a figure on anything else ("12 vehicles") is not a casualty claim
PERSON_NOUNS = frozenset(
    """people person civilian soldier troop fighter militant insurgent rebel attacker assailant gunman
    gunmen policeman policemen police officer guard member man men woman women child children boy girl
    student worker resident villager passenger worshipper protester demonstrator militiaman militiamen
    jihadist terrorist combatant commander recruit serviceman servicemen personnel staff doctor nurse
    journalist farmer herder miner driver trader pilgrim teacher pupil infant baby elder family relative
    other others pupil refugee migrant detainee prisoner hostage captive paramilitary volunteer marine
    sailor pilot conscript mercenary defender besieger kid teenager youth adult individual life body
    dead wounded injured casualty villager bystander shopper customer employee contractor engineer
    guardsman gendarme ranger trooper bandit kidnapper smuggler extremist separatist loyalist partisan
    citizen national tourist worker parishioner faithful mourner dissident guerrilla guerrillas jihadi
    cadre operative settler inmate worshiper official officials leader agent policewoman trainee cadet
    militant militants abductee victim victims survivor survivors fisherman fishermen hunter hunters
    shepherd labourer laborer resident residents inhabitant inhabitants villagers protesters commando commandos
    bodyguard bodyguards councillor councilor mother father brother sister wife husband son daughter uncle
    aunt cousin nephew niece grandfather grandmother grandson granddaughter governor mayor judge cleric imam
    raider poacher neighbour neighbor herdsman herdsmen nomad vigilante looter robber thief lecturer chief
    businessman businessmen politician activist priest pastor chairman tribesman tribesmen clansman clansmen youth
    motorist minister colonel general colleague rioter cameraman lawyer aide perpetrator""".split()
)

_ACTIVE_AGENT_VERBS = frozenset({"kill", "wound", "injure", "capture", "abduct", "kidnap", "arrest", "detain",
                                 "displace", "execute", "behead", "massacre", "slay", "hurt", "maim", "murder", "lynch"})
_NOUN_CUE_DEPS = frozenset({"amod", "acomp", "oprd", "acl", "relcl", "advcl", "xcomp"})
_VERB_CUE_DEPS = frozenset({"acomp", "oprd", "xcomp"})
#: "two guards and a driver were shot and killed": a verb's conjoined cue shares its subject
_CONJ_CUE_DEPS = _VERB_CUE_DEPS | {"conj"}
#: "10 were taken as hostages", "held in custody": the cue is the object of the verb's preposition
_PREP_CUES = frozenset({"as", "into", "in"})
_SUFFER_VERBS = frozenset({"suffer", "sustain", "receive", "incur"})


def phrase_head(span: Span) -> tuple[Optional[Token], Token]:
    """(victim noun, head of the count's phrase) for a count span."""
    root = span.root
    if root.dep_ in {"nummod", "quantmod", "det", "amod", "compound", "npadvmod"} and root.head.pos_ in {"NOUN", "PROPN", "ADJ"}:
        if root.head.i >= span.end or root.head.i < span.start:
            return root.head, root.head
    if root.lower_ not in PERSON_NOUNS:
        # "dozens of attackers", "three of the group's fighters"
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.pos_ in {"NOUN", "PROPN"}:
                        return pobj, root
        if root.pos_ == "NOUN":
            return None, root
    if root.pos_ in {"NOUN", "PROPN"} and root.lower_ in PERSON_NOUNS:
        return root, root
    # "killing 12 and wounding 30 others": a following person noun in the next two tokens
    doc = span.doc
    for tok in doc[span.end: min(span.end + 3, span.sent.end)]:
        if tok.pos_ in {"NOUN", "PROPN"}:
            return (tok, tok) if plain_person(tok) else (None, root)
        if tok.pos_ not in {"ADJ", "PROPN", "ADP"}:
            break
    return None, root


#: person nouns that name a body of people, not one person: "the police and three civilians"
_COLLECTIVE = frozenset({"army", "faithful", "family", "military", "people", "personnel", "police", "staff", "youth"})


def singles_beside(noun: Token, ctx: Context) -> list[Token]:
    """The single people conjoined to ``noun`` without a count of their own ("his driver" of "the mayor
    and his driver", "his son" of "the chief and his son")."""
    return [t for t in others_named(noun, lambda t: is_person(t, ctx)) if t.lower_ not in _COLLECTIVE]


def plain_person(tok: Token) -> bool:
    return tok.lemma_.lower() in PERSON_NOUNS or tok.lower_ in PERSON_NOUNS


def is_person(tok: Token, ctx: Context) -> bool:
    if plain_person(tok) or tok.ent_type_ in {"NORP", "PERSON"}:
        return True
    return ctx.actors.actor_at(tok.idx, tok.idx + len(tok)) is not None


def is_agent(head: Token) -> bool:
    """The count names the perpetrators ("three gunmen killed…", "by 200 fighters"), not victims."""
    verb = head.head
    if head.dep_ == "nsubj" and verb.lemma_.lower() in _ACTIVE_AGENT_VERBS:
        # "three gunmen killed a village elder" has an object; "at least 30 wounded" is elliptical
        return any(c.dep_ in {"dobj", "obj"} for c in verb.children)
    return head.dep_ == "pobj" and head.head.lower_ == "by" and head.head.head.lemma_.lower() not in {"toll"}


def is_descriptor(head: Token, q: Quantity) -> bool:
    """A count that sizes something else: "a 12-member team", "a convoy of 30 trucks"; or that counts the
    sides of a fight, not its dead: "clashes between two clans" (not a range: "between 4 and 6 people")."""
    if head.dep_ == "pobj" and head.head.lower_ == "between" and q.low == q.high:
        return True
    return head.lower_ in {"year", "years", "hour", "hours", "day", "days", "km", "kilometres", "miles"}


def is_article(q: Quantity) -> bool:
    """"a"/"an"/"one" count only when the parse ties them to the cue ("a soldier was killed")."""
    return q.text.lower() in {"a", "an", "one"}


def is_subject_of_other(head: Token) -> bool:
    """The count's noun is the subject of some other verb ("A suicide bomber blew herself up,
    killing four"): it is no victim unless the parse says so."""
    return head.dep_ == "nsubj" and head.head.pos_ == "VERB"


def cue_for(head: Token, span: Span, cues: list[Span], quantities: list[Quantity], q: Quantity, *, syntax_only: bool = False) -> Optional[Span]:
    """The casualty cue governing a count: syntactic first, else the nearest in its clause."""
    by_token = {t.i: cue for cue in cues for t in cue}
    killing = _killing_above(head, by_token)
    if killing is not None:
        return killing  # "caused the death of six prisoners", "the bodies of three hostages"
    tok = head
    described: Optional[Span] = None  # "two displaced men": what the men are, unless a verb says more
    for _ in range(4):  # "12 soldiers were killed", "killing 12", "left 12 dead"
        if tok.i in by_token and tok.i == head.i and by_token[tok.i].label_ != "killed" \
                and by_token.get(head.head.i, by_token[tok.i]).label_ == "killed" and head.dep_ in {"dobj", "nsubjpass"}:
            return by_token[head.head.i]  # "executed three prisoners": the prisoners were killed
        if tok.i in by_token:
            return by_token[tok.i]
        # "12 people dead" (amod/acl of the noun itself); "left 12 dead" (oprd of a verb above it);
        # never the advcl of the main verb: "A bomber blew herself up, killing four" names no victim
        deps = _NOUN_CUE_DEPS if tok.i == head.i else _CONJ_CUE_DEPS if head.dep_ == "nsubjpass" else _VERB_CUE_DEPS
        if tok.lemma_.lower() in _SUFFER_VERBS:
            deps = deps | {"dobj"}  # "two or three officers suffered minor injuries"
        if tok.i == head.head.i != head.i and head.dep_ in {"nsubjpass", "dobj"} and death_under(tok, by_token):
            return death_under(tok, by_token)  # "two guards were beaten to death"
        for child in tok.children:
            if child.i in by_token and child.dep_ in deps:
                if tok.i == head.i and child.dep_ == "amod" and by_token[child.i].label_ != "killed" \
                        and plain_person(head):
                    described = described or by_token[child.i]  # "3 displaced men were shot dead": killed
                    continue
                return by_token[child.i]
            if tok.i != head.i and tok.pos_ == "VERB" and child.dep_ == "prep" and child.lower_ in _PREP_CUES:
                for pobj in child.children:  # "10 were taken as hostages"
                    if pobj.i in by_token and pobj.dep_ == "pobj":
                        return by_token[pobj.i]
        if tok.head.i == tok.i:
            break
        if tok.i != head.i and _own_clause(tok):
            # "kill 7 farmers, rape four women", "after a neighbour complained": the count is an argument
            # of another predicate, whose clause ends here; only a cue completing that predicate is about it
            # ("said nine people were being treated for gunshot wounds")
            return _clause_cue(tok, by_token) or described
        tok = tok.head
    if described is not None:
        return described
    shared = shared_participle(head, by_token)  # "two soldiers and four rebels killed"
    if shared is not None:
        return shared
    if any(c.dep_ == "acl" and c.pos_ == "VERB" and c.i not in by_token for c in head.children):
        return None  # "six bandits, dressed as herders, ambushed…": their own participle tells of them
    return None if syntax_only else _nearest_cue(span, cues, quantities, q)


def _killing_above(head: Token, by_token: dict[int, Span]) -> Optional[Span]:
    """The killing cue above a noun that is itself a captive's cue ("prisoners", "hostages") in its own
    clause: the captives died. None for other nouns."""
    own = by_token.get(head.i)
    if own is None or own.label_ not in {"captured", "abducted"}:
        return None
    for anc in list(head.ancestors)[:4]:
        if anc.i in by_token and by_token[anc.i].label_ == "killed":
            return by_token[anc.i]
        if anc.pos_ == "VERB" and (anc.dep_ in _CLAUSE_DEPS or anc.i in by_token):
            return None
    return None


#: how a clause hangs on the predicate above it: "…, after a neighbour complained", "and raped four women"
_CLAUSE_DEPS = frozenset({"advcl", "relcl", "ccomp", "conj", "acl", "parataxis", "pcomp"})


def _own_clause(verb: Token) -> bool:
    """A verb (not "be") that heads a clause of its own below another predicate."""
    return verb.pos_ == "VERB" and verb.dep_ in _CLAUSE_DEPS and verb.lemma_.lower() != "be"


_TIME_PREPS = frozenset({"after", "following", "before", "since", "amid", "over", "despite", "during"})


def _clause_cue(verb: Token, by_token: dict[int, Span]) -> Optional[Span]:
    """The cue that completes ``verb`` itself, as its object or through a preposition ("were being treated
    for gunshot wounds"), or None."""
    near = [c for c in verb.children if c.dep_ in {"dobj", "oprd", "acomp"}]
    # not a preposition of time or cause, which names another event: "guarding a depot after the killings"
    near += [g for c in verb.children if c.dep_ == "prep" and c.lower_ not in _TIME_PREPS
             for g in c.children if g.dep_ == "pobj"]
    return next((by_token[t.i] for t in near if t.i in by_token), None)


def _nearest_cue(span: Span, cues: list[Span], quantities: list[Quantity], q: Quantity) -> Optional[Span]:
    best, best_distance = None, 9
    for cue in cues:
        distance = cue.start - span.end if cue.start >= span.end else span.start - cue.end
        lo, hi = sorted((cue.start_char, q.start))
        between = any(lo < other.start < hi and other is not q for other in quantities if other != q)
        if not between and distance < best_distance:
            best, best_distance = cue, distance
    return best
