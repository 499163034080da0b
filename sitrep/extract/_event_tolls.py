"""Which casualty claims count toward an event's toll: a death told as the event's cause is not one
of its casualties.

"Gunmen raided the hamlet to avenge a slain comrade", "nurses marched over the death of a
colleague", "hundreds joined the funeral of a bus driver shot by soldiers": the death is an earlier event of its own (ACLED codes one event per day per location), so
the reprisal, the protest or the funeral codes 0 for it.
"""

from __future__ import annotations

import re

from ..records import Claim

__all__ = ["killed_as_cause"]

#: what a reprisal, a protest or a funeral is over: "in revenge for the murder of", "the funeral of"
_CAUSE = re.compile(
    r"\b(?:(?:in|of)\s+(?:retaliation|revenge|reprisal|response)\s+(?:by\s+[^,;.]{1,40}?\s+)?(?:for|to|over)|to\s+avenge"
    r"|avenging|(?:to\s+)?(?:commemorat|mourn|protest|denounc|condemn)\w*(?:\s+(?:against|over))?|over|following"
    r"|after|(?:related|linked|due)\s+to)"
    r"\s+(?:the\s+)?(?:(?:recent|earlier|alleged|reported)\s+){0,2}(?:deaths?|killings?|murders?|assassinations?|lynching|beheading)"
    r"\s+of\s+|\bfunerals?\s+of\s+",
    re.I,
)
#: how far after the cause words its victims may be named: "the death of a comrade of theirs"
_WINDOW = 60


def killed_as_cause(claim: Claim) -> bool:
    """The claim counts the victims of a death the sentence gives as the cause of what it reports."""
    if claim.kind != "killed" or not claim.victim_text:
        return False
    victims = claim.victim_text.lower()
    for m in _CAUSE.finditer(claim.sentence):
        # the victims' phrase ends at the clause: "… for the murder of two herders, killing 7 villagers"
        phrase = re.split(r"[,;:.()]", claim.sentence[m.end(): m.end() + _WINDOW])[0]
        if victims in phrase.lower():
            return True
    return False
