"""Who did it to whom: the agent and the patient of an event's trigger, read from its parse.

ACLED's actor1 is the side that acts and actor2 the side acted on (the codebook gives the pair
no direction, but its coders name the attacker first); PLOVER's source and target and
WikiEvents' Attacker and Victim are the same two roles. The trigger's own grammar says which
actor is which, where the order of mention often does not ("two guards were shot by the
rebels", "an attack by gunmen on a convoy"):

* of a verb: its subject, or the "by" phrase of a passive, is the agent; its object, its
  passive subject, and a phrase with "against", "on", "at", "with" ("clashed with") are the
  patient. A verb with no subject of its own takes its governor's ("tried to storm",
  "attacked and killed"); a participle on a noun ("a mine planted by ...") has only its "by".
* of a noun ("attack", "clashes", "airstrike"): the possessor, a "by" phrase or a named
  modifier ("a Taliban attack") is the agent; "on", "against", "at", "with" the patient;
  "between A and B" makes A the agent and B the patient. A noun that is the object of a verb
  ("launched an attack", "carried out strikes") takes that verb's subject as its agent; one
  that is the subject ("the attack killed five soldiers") takes the verb's object as its patient.

:func:`roles` returns the token indices of each role's phrases (whole subtrees); :class:`Ranker`
orders a sentence's actors by them for the event stage.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span, Token

from ._lexicon import is_government_id

__all__ = ["roles", "Ranker", "token_at"]

_SUBJECTS = frozenset({"nsubj", "csubj"})
_PATIENT_PREPS = frozenset({"against", "on", "upon", "at", "with", "targeting", "into"})
# Governors whose subject is also the subject of the verb under them.
_SHARES_SUBJECT = frozenset({"xcomp", "conj", "advcl"})
# ACLED's crowd event types: their sides are the crowd and whoever intervenes.
_CROWDS = frozenset({"Protests", "Riots"})
# Nouns whose named modifier is who undergoes the act: "50 al Shabaab arrests", "the Hazara killings".
_UNDERGONE = frozenset({"arrest", "detention", "capture", "killing", "execution", "abduction", "kidnapping",
                        "death", "release", "surrender", "defection", "massacre"})
# Light verbs whose object noun is the act: "launched an attack", "carried out strikes".
_LIGHT = frozenset({"launch", "carry", "conduct", "stage", "mount", "make", "unleash", "execute", "perform",
                    "claim", "lead", "order", "begin", "start", "continue", "step", "intensify", "fire"})


def _subtree(tok: Token) -> set[int]:
    return {t.i for t in tok.subtree}


def _pobjs(prep: Token) -> list[Token]:
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return objs + [c for o in objs for c in o.conjuncts]


def _prep_roles(head: Token, agents: set[int], patients: set[int]) -> None:
    for prep in head.children:
        if prep.dep_ == "agent" or (prep.dep_ == "prep" and prep.lower_ == "by"):
            for obj in _pobjs(prep):
                agents |= _subtree(obj)
        elif prep.dep_ == "prep" and prep.lower_ == "between":
            objs = [c for c in prep.children if c.dep_ == "pobj"]
            if objs:
                first = objs[0]
                rest = list(first.conjuncts)
                agents |= {first.i} | {t.i for c in first.children if c.dep_ not in ("conj", "cc") for t in c.subtree}
                for other in rest:
                    patients |= _subtree(other)
        elif prep.dep_ == "prep" and prep.lower_ in _PATIENT_PREPS:
            for obj in _pobjs(prep):
                patients |= _subtree(obj)


def _subject_of(verb: Token) -> Optional[Token]:
    """The verb's own subject, else that of the verb it is an xcomp, conj or advcl of."""
    seen = 0
    while verb is not None and seen < 4:
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subject is not None:
            return subject
        if verb.dep_ not in _SHARES_SUBJECT or verb.head.i == verb.i:
            return None
        verb, seen = verb.head, seen + 1
    return None


def _verb_roles(verb: Token, agents: set[int], patients: set[int]) -> None:
    if verb.dep_ in ("acl", "relcl") and verb.head.i != verb.i:
        # "a mine planted by the Taliban", "soldiers killed in the attack", "militants who attacked"
        passive = verb.tag_ == "VBN" and verb.dep_ == "acl"
        (patients if passive else agents).update(_subtree_without(verb.head, verb))
    else:
        subject = _subject_of(verb)
        if subject is not None:
            # "An attack by gunmen on a convoy killed five": the act's own roles, when it names them
            inner_agents: set[int] = set()
            _prep_roles(subject, inner_agents, patients)
            agents |= inner_agents or _subtree(subject)
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass", "dative"):
            patients |= _subtree(child)
    _prep_roles(verb, agents, patients)


def _subtree_without(head: Token, branch: Token) -> set[int]:
    return _subtree(head) - _subtree(branch)


def _noun_roles(noun: Token, agents: set[int], patients: set[int]) -> None:
    undergone = noun.lemma_.lower() in _UNDERGONE
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ in ("compound", "nmod") and child.pos_ == "PROPN"):
            (patients if undergone and child.dep_ != "poss" else agents).update(_subtree(child))
    _prep_roles(noun, agents, patients)
    governor = noun.head
    if noun.dep_ == "dobj" and governor.lemma_.lower() in _LIGHT:
        subject = _subject_of(governor)
        if subject is not None:
            agents |= _subtree(subject)
        _prep_roles(governor, agents, patients)
    elif noun.dep_ in ("nsubj", "nsubjpass") and governor.pos_ == "VERB":
        for child in governor.children:
            if child.dep_ == "dobj":
                patients |= _subtree(child)


def roles(trigger: Token) -> tuple[set[int], set[int]]:
    """Token indices of the agent and the patient phrases of the event word ``trigger``."""
    agents: set[int] = set()
    patients: set[int] = set()
    if not trigger.doc.has_annotation("DEP"):
        return agents, patients
    if trigger.pos_ in ("VERB", "AUX"):
        _verb_roles(trigger, agents, patients)
    elif trigger.pos_ in ("NOUN", "PROPN"):
        _noun_roles(trigger, agents, patients)
    # a "by" phrase the parser hung inside the patient ("abducted with two soldiers by the
    # Taliban") still names who acted
    for tok in [trigger.doc[i] for i in sorted(patients)]:
        if (tok.dep_ == "agent" or tok.lower_ == "by") and tok.i in patients:
            inner = {t.i for obj in _pobjs(tok) for t in obj.subtree}
            agents |= inner
            patients -= inner | {tok.i}
    own = {trigger.i}
    agents -= own
    patients -= own | agents
    return agents, patients


class Ranker:
    """Sort key of a sentence's actor by its role for ``trigger``: the agent first, then the
    patient, then other subjects and the rest; when no actor is the agent, subjects come first
    (the event stage's order before roles were read), then other parties, the patient last.

    ``subjects`` are the sentence's subject-side tokens (active subjects and passive agents of
    any verb, speakers left out), the fallback when the trigger's own roles name no actor.
    """

    def __init__(self, trigger: Optional[Token], subjects: set[int], event_type: str = ""):
        self.agents, self.patients = roles(trigger) if trigger is not None else (set(), set())
        self.subjects = subjects
        self.event_type = event_type

    def may_take_part(self, actor_id: str, span: Optional[Span]) -> bool:
        """A state's government ("Government of Egypt") is a side of a strategic development
        (agreements, bans, arrests) it is named in, and of violence only as the trigger's own agent
        or patient: ACLED codes a state's violence as its forces', and the president who condemns
        an attack, or "the regime's side" of a river, is no side of it. It is never a side of a
        protest or riot: ACLED names who demonstrates and who intervenes, not whom the crowd
        blames (on ACLED's Africa 2016 dev rows, "protest against the government" as actor2 cost
        15 rows)."""
        if not is_government_id(actor_id) or self.event_type == "Strategic developments":
            return True
        if self.event_type in _CROWDS:
            return False
        return span is not None and (span.root.i in self.agents or span.root.i in self.patients)

    def __call__(self, token: Optional[int], found: list[tuple]) -> int:
        """Rank of the actor whose mention's root is ``token`` among ``found`` ((root, ...) tuples)."""
        if token in self.agents:
            return 0
        if any(f[0] in self.agents for f in found):
            return 1 if token in self.patients else 2 if token in self.subjects else 3
        # no agent named: the side acted on goes last (ACLED's actor1 acts), after any other party
        return 0 if token in self.subjects else 2 if token in self.patients else 1


def token_at(doc: Doc, offset: int) -> Optional[int]:
    """Index of the token at character ``offset`` (for actors found by offset, not by mention)."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span.root.i if span is not None else None

