"""Which casualty claims count toward an event's toll: a death told as the event's cause is not one
of its casualties; a toll told for several places or days is shared among them (:func:`split_tolls`).

"Gunmen raided the hamlet to avenge a slain comrade", "nurses marched over the death of a
colleague", "hundreds joined the funeral of a bus driver shot by soldiers", "youths blocked the road after
a lorry that killed a boy", "the death of a prisoner triggered protests": the death is an earlier event of
its own (ACLED codes one event per day per location), so the reprisal, the protest or the funeral codes 0
for it.
"""

from __future__ import annotations

import re

from typing import TYPE_CHECKING

from ..fatalities import fuse_fatalities
from ..records import Claim, Event, Fatalities
from .numbers import find_quantities

if TYPE_CHECKING:
    from .events import _Cluster as Cluster

__all__ = ["killed_as_cause", "split_tolls", "days_covered", "day_share"]

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

#: a death told in a clause after what the sentence reports ("youths blocked the road after a lorry that
#: killed a boy…", "nurses marched after a colleague died", "… after soldiers killed a herder"): the clause
#: runs to its punctuation; at the start of a sentence "after" may open the report itself
_AFTER = re.compile(r"(?<=\w)[ ]+(?:after|following)\s+(?:(?:rumou?rs?|reports?)\s+(?:\w+\s+){0,2}?(?:that|of)\s+)?"
                    r"(?P<clause>[^,;:.()]{0,100}?\b(?:killed|died|murdered|shot dead)\b[^,;:.()]{0,60})",
                    re.I)
#: a death a protest or a reprisal is about, told by the verb: "the death of a prisoner triggered protests",
#: "condemned the gunmen who killed two fishermen", "protests against killing three pupils"
_CAUSE_CLAUSE = re.compile(
    r"\b(?:deaths?|killings?|murders?)\s+of\s+(?P<a>[^,;:.()]{1,60}?)\s+(?:triggered|sparked|prompted|provoked)\b"
    r"|\b(?:condemn|denounc|protest)\w*\s+(?:the\s+)?[^,;:.()]{0,60}?\bwho\s+(?:had\s+)?killed\s+"
    r"(?P<b>[^,;:.()]{1,60})"
    r"|\b(?:protest|demonstrat|march)\w*\s+(?:against|over)\s+(?:the\s+)?killing\s+(?P<c>[^,;:.()]{1,60})",
    re.I)


def killed_as_cause(claim: Claim) -> bool:
    """The claim counts the victims of a death the sentence gives as the cause of what it reports."""
    if claim.kind != "killed":
        return False
    # the victims' phrase ends at the clause: "… for the murder of two herders, killing 7 villagers"
    phrases = [re.split(r"[,;:.()]", claim.sentence[m.end(): m.end() + _WINDOW])[0]
               for m in _CAUSE.finditer(claim.sentence)]
    phrases += [m.group("clause") for m in _AFTER.finditer(claim.sentence)]
    phrases += [next(g for g in m.groups() if g) for m in _CAUSE_CLAUSE.finditer(claim.sentence)]
    return any(_names_victims(claim, phrase) for phrase in phrases)


def _names_victims(claim: Claim, phrase: str) -> bool:
    """The phrase names the claim's victims, or, for a bare count, gives its figure."""
    if claim.victim_text:
        return claim.victim_text.lower() in phrase.lower()
    return claim.low is not None and any(q.low == claim.low for q in find_quantities(phrase))


_DAY_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_N = r"two|three|four|five|six|seven|[2-7]"
#: a toll told for several days: "20 killed over two days", "in the past three days", "a four-day campaign"
_OVER_DAYS = re.compile(rf"\b(?:over|in|during|across|within)\s+(?:the\s+)?(?:past\s+|last\s+|previous\s+)?"
                        rf"(?P<n>{_N})\s+days\b|\b(?P<m>{_N})[- ]day\b", re.I)


def days_covered(sentence: str) -> int:
    """How many days the sentence says its figures cover (1 when it says nothing of the kind)."""
    found = _OVER_DAYS.search(sentence)
    if found is None:
        return 1
    word = (found.group("n") or found.group("m")).lower()
    return _DAY_COUNTS.get(word) or int(word)


def day_share(total: Fatalities, days: int) -> Fatalities:
    """The first day's share of a toll told for ``days`` days: ACLED codes one event per day and
    splits a total evenly among them, the remainder going to the first."""
    part = lambda n: None if n is None else n // days + (n % days > 0)  # noqa: E731
    return Fatalities(low=part(total.low), best=part(total.best), high=part(total.high), vague=total.vague)


def split_tolls(clusters: list["Cluster"], events: list[Event]) -> None:
    """Each event's share of tolls told for several places or days (ACLED: one event per day per location)."""
    _split_over_places(clusters, events)
    for cluster, event in zip(clusters, events):
        days = max((days_covered(c.sentence) for c in cluster.claims if c.kind == "killed"), default=1)
        if days > 1 and event.fatalities is not None:
            event.fatalities = day_share(event.fatalities, days)


def _split_over_places(clusters: list["Cluster"], events: list[Event]) -> None:
    """One figure for several listed places becomes one share per place, as ACLED splits it ("14
    militants were killed in Kot, Khogyani and Dih Bala districts": 5, 5 and 4 in three events); the
    first places take the remainder. Places the gazetteer cannot place keep their share uncoded.
    An event that also holds figures from other sentences keeps its own fused figure."""
    groups: dict[tuple[int, int], list[tuple["Cluster", Event]]] = {}
    for cluster, event in zip(clusters, events):
        first = cluster.mentions[0]
        if first.share[1] > 1:
            groups.setdefault((first.sent.start, first.trigger.start), []).append((cluster, event))
    for members in groups.values():
        sent = members[0][0].mentions[0].sent
        if any(c.start != sent.start_char for cluster, _ in members for c in cluster.claims):
            continue
        total = fuse_fatalities(c for cluster, _ in members for c in cluster.claims)
        if total is None:
            continue
        for cluster, event in members:
            index, count = cluster.mentions[0].share
            part = lambda n: None if n is None else n // count + (index < n % count)  # noqa: E731
            event.fatalities = Fatalities(low=part(total.low), best=part(total.best), high=part(total.high),
                                          vague=total.vague)  # fmt: skip
