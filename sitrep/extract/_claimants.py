"""Who gives a casualty figure: the claimant of a claim (``claims.py`` asks, per figure).

In order: a bracket's own source ("(VoJ reported 2)"), a named source reporting the figure that
follows ("while a newspaper reported 2"), the quote the figure sits in or whose attribution is in the
sentence, "It said …" after a quote, a trailing ", a security source told AFP.", the sentence's
attribution from the parse. A source in a contrasting later clause or in another bracket is not
the figure's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from spacy.tokens import Span

from . import quotes as _quotes
from ._partisan import parentheses, parenthetical_source

if TYPE_CHECKING:
    from .claims import Context

__all__ = ["claimant_of"]

_PRONOUN_SPEAKERS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them"})
_TAIL_ATTRIBUTION = re.compile(
    r",\s+((?:an?|the|one|two|three|several)\s+[^,.;\"“”]{2,80}?"
    r"(?:,\s+(?:also known as|known as|an?|the)\s+[^,.;\"“”]{2,60},)?)"
    r"\s+(?:said|told\s+[A-Z][\w.]*(?:\s[A-Z][\w.]*)*|added|claimed|reported)(?:\s+on\s+\w+)?\.?$"
)
#: "It said no civilians were harmed.": the speaker is the one quoted just before
_PRONOUN_ATTRIBUTION = re.compile(r"^(?:It|He|She|They)\s+(?:also\s+)?(?:said|added|claimed|stated|insisted|denied)\b")
#: "while the Herald reported 4 deaths": a named source reporting the figure that follows
_REPORTED_BY = re.compile(r"(?:^|[,;]\s+|\b(?:while|whereas|but|and)\s+)((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*)"
                          r"\s+(?:also\s+)?(?:reported|claimed|counted|put the death toll at)\s+(?:that\s+)?$")
_CONTRAST = re.compile(r",\s*(?:while|whereas|but)\s")


def claimant_of(ctx: Context, sent: Span, at: int) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """(claimant as written, actor id, quote id) for a figure at offset ``at``."""
    parens = parentheses(sent)
    inside = next(((s, e) for s, e in parens if s < at < e), None)
    if inside is not None and (source := parenthetical_source(ctx, *inside)) is not None:
        return source + (None,)
    reporter = _REPORTED_BY.search(ctx.text, max(sent.start_char, at - 60), at)
    if inside is None and reporter is not None and reporter.group(1).lower() not in _PRONOUN_SPEAKERS:
        # "killing 9 soldiers according to one outlet, while the Herald reported 4 deaths": the clause's own source
        return reporter.group(1), ctx.actors.actor_in(reporter.start(1), reporter.end(1)), None

    def aside(offset: Optional[int], end: Optional[int] = None) -> bool:
        # "2 guards (6 according to the rebels) died": the source in brackets gives the 6, not the 2;
        # a speaker the parse runs into a bracket ("Logar (VoJ" reported 5) is that bracket's source
        if offset is None:
            return False
        end = offset + 1 if end is None or end <= offset else end
        return any(offset < e and s < end and (s < offset or parenthetical_source(ctx, s, e) is not None)
                   for s, e in parens if (s, e) != inside)

    def later_clause(offset: Optional[int]) -> bool:
        # "killing 3 soldiers, while VoJ reported 7": a source in a contrasting clause after the figure
        return offset is not None and offset > at and _CONTRAST.search(ctx.text, at, offset) is not None

    for found, record in ctx.quotes:
        if found.start <= at < found.end or (not found.direct and found.start <= sent.start_char < found.end):
            if not aside(found.speaker_start, found.speaker_end) and not later_clause(found.speaker_start):
                return _speaker_of(found, record) + (record.id,)
    for found, record in ctx.quotes:  # the quote's attribution sits in this sentence
        if later_clause(found.speaker_start) or _accusation(found):
            continue
        if _claims_deed(found) and sent.start_char <= found.start and _deed_told(ctx.text[found.end: at]):
            return None, None, None  # a deed claimed, "... for a mine that killed eight": the writer's toll
        if found.speaker_start is not None and sent.start_char <= found.speaker_start < sent.end_char:
            own = not found.direct or found.start >= sent.start_char
            if own and not aside(found.speaker_start, found.speaker_end):
                return _speaker_of(found, record) + (record.id,)
    if _PRONOUN_ATTRIBUTION.match(sent.text):
        earlier = [(f, r) for f, r in ctx.quotes if f.end <= sent.start_char and f.speaker
                   and f.speaker.lower() not in _PRONOUN_SPEAKERS]
        if earlier and ctx.paragraph_of(earlier[-1][0].start) >= ctx.paragraph_of(sent.start_char) - 1:
            return _speaker_of(*earlier[-1]) + (earlier[-1][1].id,)
    tail = _TAIL_ATTRIBUTION.search(sent.text.strip())
    attribution = _quotes.sentence_attribution(sent, quotes=[f for f, _ in ctx.quotes], at=at)
    if (attribution is None or not attribution.speaker) and tail:
        # "…, a security source told AFP." — the parse of a trailing attribution is often wrong
        speaker = tail.group(1).rstrip(",")
        start = sent.start_char + sent.text.index(speaker)
        return speaker, ctx.actors.actor_in(start, start + len(speaker)), None
    speaks = attribution is not None and attribution.speaker
    if speaks and later_clause(attribution.speaker_start):
        return None, None, None
    if speaks and not aside(attribution.speaker_start, attribution.speaker_end):
        actor = None
        if attribution.speaker_start is not None:
            actor = ctx.actors.actor_in(attribution.speaker_start, attribution.speaker_end)
        return attribution.speaker, actor, None
    return None, None, None

#: between a claimed deed and a figure: a relative clause says what the deed did, in the writer's
#: words, unless the claimant goes on speaking ("..., saying that 30 were killed")
_RELATIVE = re.compile(r"\b(?:that|which)\b")
_SPEAKING = re.compile(r"\b(?:say|says|saying|said|add|added|adding|according)\b", re.I)


def _deed_told(between: str) -> bool:
    return _RELATIVE.search(between) is not None and _SPEAKING.search(between) is None


def _accusation(found) -> bool:
    """An accusation whose words do not hold the figure (a widow "hacked to death after the drivers
    accused her of sorcery") is no source of it: the writer gives the toll."""
    return (found.cue or "").startswith("accus")


def _claims_deed(found) -> bool:
    """Whether ``found`` is a claim of responsibility (a group "claimed responsibility" for it)."""
    return bool(found.cue and found.cue.startswith("claim") and found.text.split()[:1]
                and found.text.split()[0].lower() in {"responsibility", "credit"})


def _speaker_of(found, record) -> tuple[Optional[str], Optional[str]]:
    speaker = found.speaker
    if speaker and speaker.lower() in _PRONOUN_SPEAKERS and found.antecedent:
        speaker = found.antecedent
    return speaker, record.speaker_actor
