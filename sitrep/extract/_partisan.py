"""Belligerents' claims: which casualty figures are a party's own, uncorroborated word.

ACLED codes the most conservative *credible* figure; a non-state armed group's report of its
enemy's (or of civilians') losses is not credible on its own. :func:`mark_partisan` marks such
figures (``Claim.partisan``) so that :mod:`sitrep.fatalities` keeps them out of ``best``; the
claims stay, with their claimant. Also here: the parenthetical sources the claims stage reads
("(VoJ reported 2)", "(5 according to VoJ)").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from spacy.tokens import Span

from ..records import Claim

if TYPE_CHECKING:
    from .claims import Context

__all__ = ["mark_partisan", "parentheses", "parenthetical_source", "OWN_SIDE"]

#: ACLED kinds of the non-state armed groups whose claims about their enemies ACLED does not code alone
_ARMED_GROUPS = frozenset({"Rebel group", "Political militia", "Identity militia"})
#: one level of nesting: "(VoJ reported an unknown toll (7))"
_PARENTHESIS = re.compile(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)")
#: the source of a parenthetical figure: "(VoJ reported 2)", "(VoJ also reported 1 fatality)",
#: "(VoJ claimed 4)", "(5 according to VoJ)"
_PAREN_SOURCE = re.compile(
    r"^\s*(?P<by>[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*){0,4})\s+(?:also\s+)?"
    r"(?:reported|claimed|said|says|claims|reports|put|puts)\b"
    r"|\baccording\s+to\s+(?P<to>[^,;]+?)\s*$"
)
#: another source gave the figure first: "VoJ also reported 1", "the Taliban, too, said"
_CORROBORATES = re.compile(r"\b(?:also|too|likewise|as well|confirmed)\b", re.I)
OWN_SIDE = re.compile(r"\s+of\s+(?:their|its|our|his|her)\s+own\b|\s+of\s+(?:our|their)\s+(?:men|fighters|comrades)\b", re.I)


def parentheses(sent: Span) -> list[tuple[int, int]]:
    """Document offsets of the parentheses in a sentence, brackets included."""
    return [(sent.start_char + m.start(), sent.start_char + m.end()) for m in _PARENTHESIS.finditer(sent.text)]


def parenthetical_source(ctx: Context, start: int, end: int) -> Optional[tuple[str, Optional[str]]]:
    """(source as written, actor id) of "(VoJ reported 2)" / "(5 according to VoJ)"; None for other asides."""
    inner = ctx.text[start + 1: end - 1]
    m = _PAREN_SOURCE.search(inner)
    if m is None:
        return None
    group = "by" if m.group("by") else "to"
    at = start + 1 + m.start(group)
    return m.group(group), ctx.actors.actor_in(at, at + len(m.group(group)))


def mark_partisan(claims: list[Claim], ctx: Context) -> list[Claim]:
    """Mark the figures that are a non-state armed group's own claims about others' losses.

    ACLED codes the most conservative *credible* figure; a belligerent's report of its enemy's
    (or of civilians') losses is not credible on its own: "insurgents say they overran a militia
    post and left five defenders dead (VoJ reported 5)" is coded 0. Two readings make a claim partisan:

    * its claimant is the group, its spokesman or its outlet (Voice of Jihad, Amaq), and the
      victims are not the group's own (its own losses are an admission, and stay credible);
    * the outlet gives a figure in its own voice, the only source the text names for any
      casualty figure is that one group, and the group gives the same figure without another
      source being said to have given it first ("VoJ *also* reported 1"): the outlet relays the
      group's report, so the figure takes the group as claimant.

    State forces and officials are parties too, but ACLED counts their figures ("district officials
    said four insurgents died in the exchange" is coded), so they are not marked.
    """
    marked = [c.model_copy(update={"partisan": _partisan(c, ctx)}) for c in claims]
    named = [c for c in marked if c.claimant is not None]
    sides = {_armed_side(ctx, c.claimant_actor) for c in named}
    if len(sides) != 1 or None in sides or any(_corroborates(c, ctx) for c in named):
        return marked
    side = sides.pop()
    reports = [c for c in named if c.partisan and not c.denial and c.low is not None]
    own_voice = [c for c in marked if c.claimant is None and not c.denial and c.low is not None
                 and side not in _sides_of(c, ctx)]
    relayed: dict[int, Claim] = {}
    for claim in own_voice:
        source = next((r for r in reports if _same_figure(claim, r)), None)
        if source is not None:
            relayed[id(claim)] = source
    beside_reports = {r.start for r in reports}
    for report in reports:
        # "two guards died at one post ... a third was shot dead at another ... (VoJ reported 3 fatalities)";
        # a figure given beside the party's own ("3 were killed (VoJ reported 6)") is a rival, not a part
        parts = [c for c in own_voice if c.kind == report.kind and id(c) not in relayed and c.start not in beside_reports]
        if not (len(parts) > 1 and sum(c.low for c in parts) == report.low):
            # "3 guards died at one post. At another, 1 more was killed (VoJ reported 4)": the figure beside
            # the report is one of the parts when all of them add up to it
            parts = [c for c in own_voice if c.kind == report.kind and id(c) not in relayed]
        if not (len(parts) > 1 and sum(c.low for c in parts) == report.low):
            # "5 commandos and 1 officer were killed (VoJ reported 6 fatalities)": the groups of its own sentence
            parts = [c for c in own_voice if c.kind == report.kind and id(c) not in relayed and c.start == report.start]
        if not report.victims and len(parts) > 1 and sum(c.low for c in parts) == report.low:
            relayed.update((id(c), report) for c in parts)
    out = []
    for claim in marked:
        source = relayed.get(id(claim))
        if source is not None:
            claim = claim.model_copy(update={"partisan": True, "claimant": source.claimant,
                                             "claimant_actor": source.claimant_actor, "quote": source.quote})
        out.append(claim)
    return out


def _partisan(claim: Claim, ctx: Context) -> bool:
    if claim.victim_text and OWN_SIDE.match(" " + claim.victim_text):
        return False  # "lost two of their own": an admission, whichever unit of the group says it
    side = _armed_side(ctx, claim.claimant_actor)
    return side is not None and side not in _sides_of(claim, ctx)


def _kind_of(ctx: Context, actor_id: str) -> tuple[Optional[str], Optional[str]]:
    """(ACLED kind, group it speaks for or belongs to) of an actor of the text or of the lexicon."""
    actor = ctx.actors.get(actor_id)
    if actor is not None:
        entry = ctx.lexicon.get(actor_id) if ctx.lexicon is not None else None
        return actor.kind, actor.affiliation or (entry.parent if entry is not None else None)
    entry = ctx.lexicon.get(actor_id) if ctx.lexicon is not None else None
    return (entry.kind, entry.parent) if entry is not None else (None, None)


def _armed_side(ctx: Context, actor_id: Optional[str]) -> Optional[str]:
    """The non-state armed group an actor is or speaks for (a spokesman, an outlet); else None."""
    for _ in range(2):  # the actor, then its group
        if actor_id is None:
            return None
        kind, group = _kind_of(ctx, actor_id)
        if kind in _ARMED_GROUPS:
            return actor_id
        actor_id = group
    return None


def _sides_of(claim: Claim, ctx: Context) -> set[str]:
    """The victims' groups and the groups above them ("Haqqani Network" → also the Taliban)."""
    out = set()
    for victim in claim.victims or ([claim.victim] if claim.victim else []):
        out.add(victim)
        group = _kind_of(ctx, victim)[1]
        if group:
            out.add(group)
    return out


def _corroborates(claim: Claim, ctx: Context) -> bool:
    """The claimant is said to give the figure after another source ("VoJ also reported 1")."""
    sent = ctx.doc.char_span(claim.start, claim.end, alignment_mode="expand")
    text = claim.sentence
    if sent is not None:
        for start, end in parentheses(sent):
            if parenthetical_source(ctx, start, end) is not None and claim.claimant in ctx.text[start:end]:
                text = ctx.text[start:end]
                break
    return bool(_CORROBORATES.search(text))


def _same_figure(claim: Claim, report: Claim) -> bool:
    """The outlet's figure is the one the party reports: same kind, same count ("at least 4" is 4),
    no other victims."""
    if (claim.kind, claim.low) != (report.kind, report.low):
        return False
    if claim.high != report.high and None not in (claim.high, report.high):
        return False
    return not claim.victims or not report.victims or set(claim.victims) == set(report.victims)
