"""Casualty claims: every figure with its kind, victims, claimant and sentence (stage 8).

A claim is a count expression ("at least 12", "dozens of", "two or three") tied to a
casualty cue ("killed", "wounded", "death toll", "abducted"…) in the same sentence.
The tie is found on the dependency parse first (the count's noun is the object of an
active "kill", the subject of a passive "were killed" or of "died"), then by proximity
when the small model's parse is off. The claimant is whoever the sentence attributes
the figure to: the speaker of the quote it stands in, or "according to X" / "X said"; a
parenthetical source ("left 5 guards dead (VoJ claimed 8)") speaks only for the figure inside it.

A figure that a non-state armed group (or its spokesman, or its outlet) gives for others'
losses is marked ``partisan``: ACLED does not code a belligerent's uncorroborated claim about
its enemy (the Afghanistan notes end with such a bracket, "(VoJ reported N)"). Its own
losses are admissions and stay credible; state and official figures stay credible too, as
ACLED counts them. See :func:`mark_partisan`.
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Span, Token

from ..nlp import text_of
from ..records import Claim
from . import numbers as _numbers
from ._claimants import claimant_of
from ._victims import (anaphoric, article_of_number, attempted, charged_with, counts_no_one, cue_after, death_under,
                       dies, killed_one, killed_self, killing_verbs, object_of_other, one_known, others_named,
                       self_count, shared_participle, to_death_verb, wounding)
from ._partisan import OWN_SIDE, mark_partisan, parentheses, parenthetical_source
from .numbers import Quantity
from .triggers import CUES

__all__ = ["Context", "find_claims", "mark_partisan", "in_clause", "clause_head", "is_hypothetical", "PERSON_NOUNS",
           "SPEECH_VERBS"]

log = logging.getLogger(__name__)

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

SPEECH_VERBS = frozenset({"say", "tell", "claim", "state", "announce", "report", "confirm", "deny", "add", "insist",
                          "tweet", "write", "post", "allege", "warn", "accuse", "speak", "describe", "blame",
                          "condemn"})

_ACTIVE_AGENT_VERBS = frozenset({"kill", "wound", "injure", "capture", "abduct", "kidnap", "arrest", "detain",
                                 "displace", "execute", "behead", "massacre", "slay", "hurt", "maim", "murder", "lynch"})
_NOUN_CUE_DEPS = frozenset({"amod", "acomp", "oprd", "acl", "relcl", "advcl", "xcomp"})
_VERB_CUE_DEPS = frozenset({"acomp", "oprd", "xcomp"})
#: "two guards and a driver were shot and killed": a verb's conjoined cue shares its subject
_CONJ_CUE_DEPS = _VERB_CUE_DEPS | {"conj"}
#: "10 were taken as hostages", "held in custody": the cue is the object of the verb's preposition
_PREP_CUES = frozenset({"as", "into", "in"})
_SUFFER_VERBS = frozenset({"suffer", "sustain", "receive", "incur"})
_MODAL = frozenset({"will", "would", "could", "might", "may", "should", "if"})
#: a word governing the trigger that makes it not (yet) a fact: accusations, threats, plans, fears
_HYPOTHETICAL_HEADS = frozenset({"accuse", "suspect", "allege", "charge", "investigate", "blame", "threaten", "vow",
                                 "plan", "warn", "promise", "intend", "prepare", "pledge", "fear", "prevent", "avoid",
                                 "tired", "try", "attempt", "aim", "seek", "want"})
_DENIAL_VERBS = frozenset({"deny", "reject", "dismiss"})
#: "as well as 4 of his escorts", "along with 2 others": a figure added to the one before it
_IN_ADDITION = re.compile(r"\b(?:in addition to|along with|together with|as well as)\s+(?:another\s+)?$", re.I)
#: verbs whose "he"/"she" is one person who died ("he later died of his wounds"; not "he lost the vote")
_DYING_VERBS = frozenset({"die", "kill", "murder", "slay", "execute", "behead", "succumb"})
#: cues that count only as verbs: "murdered a trader", not "charged with the murder of"
_VERB_ONLY_CUES = frozenset({"murder"})
#: cue nouns that are themselves what a figure counts: "4 fatalities", "12 deaths", "30 casualties"
_COUNTED_CUES = frozenset({"killed", "injured", "casualties"})


@dataclass
class Context:
    """What the earlier stages found in one document; the claims and events stages read it."""

    doc: Doc
    actors: object          # extract.actors.ActorsFound
    places: object          # extract.places.PlacesFound
    dates: list             # [extract.time.DateMention]
    quotes: list            # [(extract.quotes.QuoteFound, records.Quote)]
    triggers: object = None  # extract.triggers.TriggerLexicon
    lexicon: object = None   # extract.actors.Lexicon (collective actors: protesters, rioters…)
    published: object = None  # datetime.date of publication, or None

    def __post_init__(self) -> None:
        # spaCy rebuilds doc.text on every access: keep one copy, and the paragraph starts
        self.text = text_of(self.doc)
        self._paragraphs = [0] + [m.end() for m in re.finditer(r"\n\n+", self.text)]

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph ("\n\n"-separated) holding ``offset``."""
        return bisect.bisect_right(self._paragraphs, offset) - 1

    def dates_in(self, start: int, end: int) -> list:
        return [d for d in self.dates if start <= d.start and d.end <= end]

    def places_in(self, start: int, end: int) -> list:
        return [m for m in self.places.mentions if start <= m.start and m.end <= end]


def find_claims(ctx: Context) -> list[Claim]:
    """Every casualty figure in the document, in text order, ids ``c1``, ``c2``…"""
    claims: list[Claim] = []
    cues_by_sent: dict[int, list[Span]] = {}
    for cue in ctx.doc.spans[CUES] if CUES in ctx.doc.spans else []:
        if cue.root.lemma_.lower() in _VERB_ONLY_CUES and cue.root.pos_ != "VERB":
            continue
        if not (cue.label_ == "abducted" and is_hypothetical(cue.root)):
            cues_by_sent.setdefault(cue.sent.start, []).append(cue)
    for sent in ctx.doc.sents:
        cues = cues_by_sent.get(sent.start)
        if cues:
            counted = any(c.kind == "killed" and (c.low or 0) > 0 and not c.denial for c in claims)
            for found in _claims_in_sentence(ctx, sent, cues, counted=counted):
                claims.append(found.model_copy(update={"id": f"c{len(claims) + 1}"}))
    return mark_partisan(claims, ctx)


# -- one sentence ---------------------------------------------------------------------------
def _claims_in_sentence(ctx: Context, sent: Span, cues: list[Span], *, counted: bool = False) -> list[Claim]:
    """The claims of one sentence; ``counted``: the report has given a death figure before it."""
    doc = ctx.doc
    quantities = [_shift(q, sent.start_char) for q in _numbers.find_quantities(sent.text)]
    used_cues: set[int] = set()
    out: list[Claim] = []
    taken: list[tuple[int, int]] = []
    figure_at: list[int] = []  # the offset of each claim's figure in ``out``
    by_token = {t.i: cue for cue in cues for t in cue}
    sources = [(s, e) for s, e in parentheses(sent) if parenthetical_source(ctx, s, e) is not None]
    last_cue: Optional[Span] = None
    for q in quantities:
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or any(q.start < e and s < q.end for s, e in taken):
            continue
        noun, head = _phrase_head(span)
        nested = ctx.text[q.start - 1: q.start] == "(" and ctx.text[q.end: q.end + 1] == ")"
        if noun is None and q.low is not None and not nested and any(s < q.start and q.end < e for s, e in sources):
            continue  # a bare figure a source gives in brackets restates another: see _restated_claims
        cue_noun = by_token.get(noun.i) if noun is not None and noun.pos_ == "NOUN" else None
        if cue_noun is not None and cue_noun.label_ in _COUNTED_CUES and (not _is_article(q) or q.text.lower() == "one"):
            # "VoJ reported 4 fatalities", "12 deaths", "one death": the noun is the cue and counts nobody in particular
            used_cues.add(cue_noun.start)
            taken.append((q.start, q.end))
            figure_at.append(q.start)
            out.append(_make_claim(ctx, sent, cue_noun, q, None, span))
            continue
        headline = cue_after(span, by_token) if noun is None or not _is_person(noun, ctx) else None
        if headline is not None:
            # "12 killed, including 5 soldiers", "3 shot dead in the market": a bare count before its cue,
            # whatever noun the parse hangs it on
            noun = None
            cue = headline
        elif noun is not None and not _is_person(noun, ctx) and not killed_one(q, noun, by_token):
            continue
        if q.text.lower() in {"a", "an"} and article_of_number(span, quantities):
            continue  # "a reported five militants", "a suspected six": the number counts, not the article
        if headline is None and _is_article(q) and (head.dep_ == "appos" or (head.dep_ == "pobj" and head.head.lower_ in {"from", "among", "including"})):
            continue  # "six civilians from one family", "the VDP, a civilian militia": no count
        if headline is None and (_is_agent(head) or _is_descriptor(head, q)):
            continue
        if headline is None:
            if object_of_other(head, by_token):
                continue
            cue = _cue_for(head, span, cues, quantities, q, syntax_only=_is_article(q) or _is_subject_of_other(head))
        if cue is None and last_cue is not None and _IN_ADDITION.search(ctx.text, max(0, q.start - 24), q.start):
            cue = last_cue  # "killed a judge as well as 4 of his escorts": the same cue counts both
        if cue is None or (cue.label_ == "killed" and (attempted(cue.root) or charged_with(cue.root))):
            continue  # "tried to lynch two men", "nearly killed a guard", "accused of killing two": no death here
        last_cue = cue
        used_cues.add(cue.start)
        taken.append((q.start, q.end))
        figure_at.append(q.start)
        pair = _killed_and_wounded(cue, cues)
        if pair is not None:
            # "6 guards were killed and wounded": one figure for both, so casualties, not deaths
            used_cues.add(pair.start)
        if _is_article(q) and noun is not None and cue.label_ == "killed":
            # "the police chief and a driver were killed", "a commander and teenage recruit": one each
            n = 1 + len(others_named(noun, lambda t: _is_person(t, ctx)))
            q = dataclasses.replace(q, low=n, high=n)
        out.append(_make_claim(ctx, sent, cue, q, noun, span, kind="casualties" if pair is not None else None))
        then = _killed_after(cue, by_token)
        if then is not None:
            # "a teacher was seized and killed", "abducted and later beheaded": the same victims died
            used_cues.add(then.start)
            figure_at.append(q.start)
            out.append(_make_claim(ctx, sent, then, q, noun, span))
    out.extend(_restated_claims(ctx, sent, quantities, taken, list(zip(figure_at, out))))
    counted = counted or any(c.kind == "killed" and (c.low or 0) > 0 for c in out)
    out.extend(_unnumbered_claims(ctx, sent, cues, used_cues, counted=counted))
    out.extend(_attacker_killed(ctx, sent, cues))
    out.extend(_heavy_casualties(ctx, sent, cues, used_cues))
    return out


def _heavy_casualties(ctx: Context, sent: Span, cues: list[Span], used: set[int]) -> list[Claim]:
    """"The rebels took heavy casualties", "inflicting heavy casualties": a fight's heavy losses are deaths
    reported without a number (vague: ACLED imputes the figure of a significant event)."""
    out = []
    for cue in cues:
        root = cue.root
        heavy = any(c.dep_ == "amod" and c.lower_ == "heavy" for c in root.children)
        if cue.label_ != "casualties" or cue.start in used or not heavy or is_hypothetical(root) \
                or _is_denial(cue, Quantity(None, None, True, 0, 0, ""), sent):
            continue
        q = Quantity(None, None, True, root.idx, root.idx + len(root), root.text)
        out.append(_make_claim(ctx, sent, cue, q, None, ctx.doc[root.i: root.i + 1], kind="killed"))
    return out


def _attacker_killed(ctx: Context, sent: Span, cues: list[Span]) -> list[Claim]:
    """"A suicide bomber … killing himself and five worshippers": the attacker's own death is one of
    the event's fatalities (ACLED counts suicide bombers among them)."""
    out = []
    for cue in cues:
        if cue.label_ != "killed" or is_hypothetical(cue.root):
            continue  # "tried to kill himself"
        self_ = killed_self(cue)
        q = self_count(self_) if self_ is not None else None
        if q is not None:
            out.append(_make_claim(ctx, sent, cue, q, self_, ctx.doc[self_.i: self_.i + 1]))
    return out


def _killed_and_wounded(cue: Span, cues: list[Span]) -> Optional[Span]:
    """The other cue of "killed and wounded" / "killing and injuring" when ``cue`` is one of the two:
    the figure they share counts the dead and the wounded together."""
    if cue.label_ not in {"killed", "injured"}:
        return None
    doc = cue.doc
    for other in cues:
        if {other.label_, cue.label_} != {"killed", "injured"}:
            continue
        first, second = (cue, other) if cue.start < other.start else (other, cue)
        if second.start == first.end + 1 and doc[first.end].lower_ in {"and", "or"}:
            return other
    return None


def _killed_after(cue: Span, by_token: dict[int, Span]) -> Optional[Span]:
    """The killing cue conjoined to an abduction or capture cue ("kidnapped and killed"), or None; not
    one with victims of its own ("abducted 11 passengers and executed a policeman")."""
    if cue.label_ not in {"abducted", "captured"}:
        return None
    for conj in cue.root.conjuncts:
        found = by_token.get(conj.i)
        own = any(c.dep_ == "dobj" for c in conj.children)
        if found is not None and found.label_ == "killed" and conj.i > cue.root.i and not own:
            return found
    return None


def _restated_claims(ctx: Context, sent: Span, quantities: list[Quantity], taken: list[tuple[int, int]],
                     found: list[tuple[int, Claim]]) -> list[Claim]:
    """A bare figure a source gives in parentheses after another one ("left 5 guards dead (VoJ claimed 8)",
    "a clash in the hills (VoJ reported 2)") counts what the figure before it counts, per that source."""
    out = []
    for start, end in parentheses(sent):
        source = parenthetical_source(ctx, start, end)
        before = [(at, c) for at, c in found if c.low is not None and at < start]
        if source is None or not before:
            continue
        model = _restated_model(ctx, before, start)
        for q in quantities:
            if not (start < q.start and q.end < end) or q.low is None or any(q.start < e and s < q.end for s, e in taken):
                continue
            taken.append((q.start, q.end))
            out.append(model.model_copy(update={
                "low": q.low, "high": q.high, "vague": q.vague, "denial": False,
                "claimant": source[0], "claimant_actor": source[1], "quote": None,
            }))
    return out


def _restated_model(ctx: Context, before: list[tuple[int, Claim]], start: int) -> Claim:
    """The claim a bracketed figure restates: the one it follows ("leaving 5 guards dead (VoJ claimed 8)");
    set apart from it by a clause ("shot dead 3 guards, and hurt 4, at the dam (VoJ reported 3)"), the
    sentence's last death figure, which is the one sources are quoted for."""
    at, last = max(before, key=lambda ac: ac[0])
    gap = ctx.text[at:start]
    if "," in gap or ";" in gap or len(gap.split()) > 4:
        deaths = [(a, c) for a, c in before if c.kind == "killed"]
        if deaths:
            return max(deaths, key=lambda ac: ac[0])[1]
    return last


def _shift(q: Quantity, offset: int) -> Quantity:
    """A count found in a sentence's text, with offsets into the document."""
    return dataclasses.replace(q, start=q.start + offset, end=q.end + offset)


def _phrase_head(span: Span) -> tuple[Optional[Token], Token]:
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
            return (tok, tok) if _plain_person(tok) else (None, root)
        if tok.pos_ not in {"ADJ", "PROPN", "ADP"}:
            break
    return None, root


#: person nouns that name a body of people, not one person: "the police and three civilians"
_COLLECTIVE = frozenset({"army", "faithful", "family", "military", "people", "personnel", "police", "staff", "youth"})


def _singles_beside(noun: Token, ctx: Context) -> list[Token]:
    """The single people conjoined to ``noun`` without a count of their own ("his driver" of "the mayor
    and his driver", "his son" of "the chief and his son")."""
    return [t for t in others_named(noun, lambda t: _is_person(t, ctx)) if t.lower_ not in _COLLECTIVE]


def _plain_person(tok: Token) -> bool:
    return tok.lemma_.lower() in PERSON_NOUNS or tok.lower_ in PERSON_NOUNS


def _is_person(tok: Token, ctx: Context) -> bool:
    if _plain_person(tok) or tok.ent_type_ in {"NORP", "PERSON"}:
        return True
    return ctx.actors.actor_at(tok.idx, tok.idx + len(tok)) is not None


def _is_agent(head: Token) -> bool:
    """The count names the perpetrators ("three gunmen killed…", "by 200 fighters"), not victims."""
    verb = head.head
    if head.dep_ == "nsubj" and verb.lemma_.lower() in _ACTIVE_AGENT_VERBS:
        # "three gunmen killed a village elder" has an object; "at least 30 wounded" is elliptical
        return any(c.dep_ in {"dobj", "obj"} for c in verb.children)
    return head.dep_ == "pobj" and head.head.lower_ == "by" and head.head.head.lemma_.lower() not in {"toll"}


def _is_descriptor(head: Token, q: Quantity) -> bool:
    """A count that sizes something else: "a 12-member team", "a convoy of 30 trucks"; or that counts the
    sides of a fight, not its dead: "clashes between two clans" (not a range: "between 4 and 6 people")."""
    if head.dep_ == "pobj" and head.head.lower_ == "between" and q.low == q.high:
        return True
    return head.lower_ in {"year", "years", "hour", "hours", "day", "days", "km", "kilometres", "miles"}


def _is_article(q: Quantity) -> bool:
    """"a"/"an"/"one" count only when the parse ties them to the cue ("a soldier was killed")."""
    return q.text.lower() in {"a", "an", "one"}


def _is_subject_of_other(head: Token) -> bool:
    """The count's noun is the subject of some other verb ("A suicide bomber blew herself up,
    killing four"): it is no victim unless the parse says so."""
    return head.dep_ == "nsubj" and head.head.pos_ == "VERB"


def _cue_for(head: Token, span: Span, cues: list[Span], quantities: list[Quantity], q: Quantity, *, syntax_only: bool = False) -> Optional[Span]:
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
                        and _plain_person(head):
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


def _unnumbered_claims(ctx: Context, sent: Span, cues: list[Span], used: set[int], *, counted: bool) -> list[Claim]:
    """Deaths reported without a number ("soldiers were killed"): vague, no count (ACLED imputes later);
    one person named without a count is 1, unless ``counted`` and named as someone already told of
    ("… beheaded a cleric. The victim was killed in his house", "later executed him")."""
    out = []
    for cue in cues:
        if cue.start in used or cue.label_ != "killed" or is_hypothetical(cue.root) or charged_with(cue.root):
            continue  # "tried to murder the mayor", "accused of killing a trader": nobody died of it
        # "was shot and killed"; "shot him dead"; "beaten to death": the victim is the verb's
        verbs = killing_verbs(cue)
        own = to_death_verb(cue) or cue.root  # a headline's "shot dead", "beaten to death"
        # "Woman shot and killed in Nyala": with no object, the headline's subject is the first verb's
        objectless = not any(c.dep_ == "dobj" for v in verbs for c in v.children)
        victims = [c for v in verbs for c in v.children
                   if c.dep_ in {"nsubjpass", "dobj"} or dies(c, v if objectless and wounding(v) else own)]
        # "Soldier killed by a stray shell": the headline's noun, which a participle describes
        victims += [v.head for v in verbs if v.dep_ == "acl" and v.tag_ == "VBN"]
        victim = next((c for c in victims if c.tag_ in {"NNS", "NNPS"}), None)
        one = next((c for c in victims if (c.tag_ in {"NN", "NNP"} and _plain_person(c) and one_known(c))
                    or (c.tag_ == "NNP" and c.ent_type_ == "PERSON")
                    or (c.tag_ == "PRP" and c.lower_ in {"him", "her"} and c.dep_ == "dobj")
                    or (c.tag_ == "PRP" and c.lower_ in {"he", "she"} and c.dep_ in {"nsubj", "nsubjpass"}
                        and c.head.lemma_.lower() in _DYING_VERBS)
                    # "Bakery owner shot dead": a headline's subject is a person whatever the noun
                    or (c.tag_ == "NN" and dies(c, own) and one_known(c) and not counts_no_one(c))), None)
        if one is None and not counted and cue.root.lemma_.lower() == "body" and cue.root.tag_ == "NN" \
                and cue.root.dep_ != "compound":
            one = cue.root  # "the body of Colonel X was found", "unidentified body found": one dead (told of before?)
        if victim is None and one is not None and counted and anaphoric(one):
            continue
        if victim is None and one is not None:
            # "a fighter killed his mother", "Major John Doe was shot and killed": one person, a count of 1;
            # "killed the mayor and his driver": one each
            n = 1 + len(_singles_beside(one, ctx))
            q = Quantity(n, n, False, one.idx, one.idx + len(one), one.text)
            out.append(_make_claim(ctx, sent, cue, q, one, ctx.doc[one.i: one.i + 1]))
            continue
        if victim is None or not _is_person(victim, ctx):
            continue
        if any(c.dep_ in {"nummod", "det"} for c in victim.children):
            continue
        q = Quantity(None, None, True, victim.idx, victim.idx + len(victim), victim.text)
        out.append(_make_claim(ctx, sent, cue, q, victim, ctx.doc[victim.i: victim.i + 1]))
    return out


# -- building the record ----------------------------------------------------------------------
def _make_claim(ctx: Context, sent: Span, cue: Span, q: Quantity, noun: Optional[Token], span: Span,
                kind: Optional[str] = None) -> Claim:
    denial = _is_denial(cue, q, sent)
    low, high = (0, 0) if denial else (q.low, q.high)
    victim_text, victims = _victim(ctx, noun)
    claimant, claimant_actor, quote_id = claimant_of(ctx, sent, q.start)
    own = OWN_SIDE.match(ctx.text, q.end)
    if not victims and own:
        # "lost two of their own": the claimant's own side
        victim_text = ctx.text[q.end: own.end()].strip()
        victims = [v for v in [_own_side(ctx, sent, cue, claimant_actor)] if v]
    dates = in_clause(sent, cue.root, ctx.dates_in(sent.start_char, sent.end_char))
    date = dates[0].date if dates else None
    place = _nearest_place(ctx, sent, cue.root, q.start)
    return Claim(
        id="c0",
        kind=kind or cue.label_,
        low=low,
        high=high,
        vague=q.vague and not denial,
        denial=denial,
        victim=victims[0] if victims else None,
        victims=victims,
        victim_text=victim_text,
        claimant=claimant,
        claimant_actor=claimant_actor,
        quote=quote_id,
        date=date,
        place=place,
        sentence=sent.text,
        start=sent.start_char,
        end=sent.end_char,
    )


def is_hypothetical(token: Token) -> bool:
    """Threats, plans, accusations and negations are not events nor counts ("vowed to attack",
    "accused of trying to kidnap a child", "did not attack", "drones meant for attacks")."""
    if token.dep_ == "pobj" and token.head.lower_ == "for":
        return True
    for tok in (token, token.head):
        if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _MODAL) for c in tok.children):
            return True
    ancestor = token
    for _ in range(3):
        if ancestor.head.i == ancestor.i:
            break
        ancestor = ancestor.head
        if ancestor.lemma_.lower() in _HYPOTHETICAL_HEADS:
            return True
    return False


def clause_head(token: Token) -> Token:
    """The top of ``token``'s clause below any speech verb ("killed" in "X said 12 were killed")."""
    while token.head.i != token.i and token.head.lemma_.lower() not in SPEECH_VERBS:
        token = token.head
    return token


def in_clause(sent: Span, anchor: Token, items: list) -> list:
    """The items (dates, places: anything with a char ``start``) of ``anchor``'s clause.

    "Speaking in Kabul on Saturday, Zaki said two soldiers had been killed at the pass": Kabul
    and Saturday are where and when he spoke, not where the soldiers died. Only items in the
    subtree of the anchor's clause (up to, not including, a speech verb) are kept.
    """
    if not items:
        return []
    own = {t.idx for t in clause_head(anchor).subtree}
    return [i for i in items if i.start in own]


def _own_side(ctx: Context, sent: Span, cue: Span, actor_id: Optional[str]) -> Optional[str]:
    """The claimant's own group: a person's or unit's affiliation, else the group the sentence
    names before the figure as "the group('s)" ("the group's Northeastern War Front said…"), else
    the claimant itself."""
    actor = ctx.actors.get(actor_id) if actor_id else None
    if actor is not None and actor.affiliation:
        return actor.affiliation
    for m in ctx.actors.mentions:
        if sent.start_char <= m.start < cue.start_char and getattr(m, "generic", False) and m.text.lower().startswith("the group"):
            return m.actor_id
    return actor.id if actor is not None else None


def _nearest_place(ctx: Context, sent: Span, anchor: Token, at: int) -> Optional[str]:
    """The place nearest the figure ("killed 14 at the Khargosh pass and 9 at Chashma Sher")."""
    found = in_clause(sent, anchor, ctx.places_in(sent.start_char, sent.end_char))
    found = [m for m in found if not getattr(m, "dateline", False)] or found
    if not found:
        return None
    # the most specific place wins; among equals, one after the figure is usually where it
    # happened, and one before it counts double distance
    precision = {p.id: p.geo_precision for p in ctx.places.places}
    return min(
        found,
        key=lambda m: (precision.get(m.place_id, 3), m.start - at if m.start >= at else 2 * (at - m.end)),
    ).place_id


def _is_denial(cue: Span, q: Quantity, sent: Span) -> bool:
    if q.low == 0 and q.high == 0:
        return True
    root = cue.root
    if any(c.dep_ == "neg" for c in root.children):
        return True
    return any(t.lemma_.lower() in _DENIAL_VERBS and root in t.subtree for t in sent)


def _victim(ctx: Context, noun: Optional[Token]) -> tuple[Optional[str], list[str]]:
    """(victims as written, actor ids): "Afghan soldiers" → one group; "20 soldiers and VDP members"
    → two groups counted together; "four members of the VDP" → the VDP."""
    if noun is None:
        return None, []
    # conjoined nouns with no count of their own are counted together ("20 soldiers and VDP members");
    # "six soldiers and four members" are two figures
    nouns = [noun] + [c for c in noun.conjuncts if c.i > noun.i and c.pos_ in {"NOUN", "PROPN"}
                      and not any(k.dep_ == "nummod" or k.like_num or (k.dep_ == "det" and k.lower_ in {"a", "an"})
                                  for k in c.children)]  # "an officer and a soldier": two figures
    ids = [i for i in (_group_of(ctx, n) for n in nouns) if i]
    first = _left_edge(noun)
    last = nouns[-1]
    return ctx.doc[first.i: last.i + 1].text, list(dict.fromkeys(ids))


def _left_edge(noun: Token) -> Token:
    for child in noun.lefts:  # "Afghan soldiers", "Taliban fighters", "Pakistani security personnel"
        if child.dep_ in {"amod", "compound", "nmod"} and child.i >= noun.i - 3:
            return child
    return noun


def _group_of(ctx: Context, noun: Token) -> Optional[str]:
    span = ctx.doc[_left_edge(noun).i: noun.i + 1]
    found = ctx.actors.actor_in(span.start_char, span.end_char) or ctx.actors.actor_at(noun.idx, noun.idx + len(noun))
    if found:
        return found
    for prep in noun.children:  # "members of the VDP"
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return ctx.actors.actor_at(pobj.idx, pobj.idx + len(pobj))
    return None
