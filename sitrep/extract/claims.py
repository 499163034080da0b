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
from ._claim_cues import (PERSON_NOUNS, cue_for, is_agent, is_article, is_descriptor, is_person, is_subject_of_other,
                          phrase_head, plain_person, singles_beside)
from ._claimants import claimant_of
from ._victims import (anaphoric, article_of_number, attempted, charged_with, counts_no_one, cue_after, dies,
                       killed_one, killed_self, killing_verbs, object_of_other, one_known, others_named, self_count,
                       to_death_verb, wounding)
from ._partisan import OWN_SIDE, mark_partisan, parentheses, parenthetical_source
from .numbers import Quantity
from .triggers import CUES

__all__ = ["Context", "find_claims", "mark_partisan", "in_clause", "clause_head", "is_hypothetical", "PERSON_NOUNS",
           "SPEECH_VERBS"]

log = logging.getLogger(__name__)

SPEECH_VERBS = frozenset({"say", "tell", "claim", "state", "announce", "report", "confirm", "deny", "add", "insist",
                          "tweet", "write", "post", "allege", "warn", "accuse", "speak", "describe", "blame",
                          "condemn"})

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
        noun, head = phrase_head(span)
        nested = ctx.text[q.start - 1: q.start] == "(" and ctx.text[q.end: q.end + 1] == ")"
        if noun is None and q.low is not None and not nested and any(s < q.start and q.end < e for s, e in sources):
            continue  # a bare figure a source gives in brackets restates another: see _restated_claims
        cue_noun = by_token.get(noun.i) if noun is not None and noun.pos_ == "NOUN" else None
        if cue_noun is not None and cue_noun.label_ in _COUNTED_CUES and (not is_article(q) or q.text.lower() == "one"):
            # "VoJ reported 4 fatalities", "12 deaths", "one death": the noun is the cue and counts nobody in particular
            used_cues.add(cue_noun.start)
            taken.append((q.start, q.end))
            figure_at.append(q.start)
            out.append(_make_claim(ctx, sent, cue_noun, q, None, span))
            continue
        headline = cue_after(span, by_token) if noun is None or not is_person(noun, ctx) else None
        if headline is not None:
            # "12 killed, including 5 soldiers", "3 shot dead in the market": a bare count before its cue,
            # whatever noun the parse hangs it on
            noun = None
            cue = headline
        elif noun is not None and not is_person(noun, ctx) and not killed_one(q, noun, by_token):
            continue
        if q.text.lower() in {"a", "an"} and article_of_number(span, quantities):
            continue  # "a reported five militants", "a suspected six": the number counts, not the article
        if headline is None and is_article(q) and (head.dep_ == "appos" or (head.dep_ == "pobj" and head.head.lower_ in {"from", "among", "including"})):
            continue  # "six civilians from one family", "the VDP, a civilian militia": no count
        if headline is None and (is_agent(head) or is_descriptor(head, q)):
            continue
        if headline is None:
            if object_of_other(head, by_token):
                continue
            cue = cue_for(head, span, cues, quantities, q, syntax_only=is_article(q) or is_subject_of_other(head))
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
        if is_article(q) and noun is not None and cue.label_ == "killed":
            # "the police chief and a driver were killed", "a commander and teenage recruit": one each
            n = 1 + len(others_named(noun, lambda t: is_person(t, ctx)))
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
        one = next((c for c in victims if (c.tag_ in {"NN", "NNP"} and plain_person(c) and one_known(c))
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
            n = 1 + len(singles_beside(one, ctx))
            q = Quantity(n, n, False, one.idx, one.idx + len(one), one.text)
            out.append(_make_claim(ctx, sent, cue, q, one, ctx.doc[one.i: one.i + 1]))
            continue
        if victim is None or not is_person(victim, ctx):
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
