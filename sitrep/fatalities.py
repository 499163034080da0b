"""Fatality fusion: many casualty claims about one event → one low / best / high figure.

Used for one article (the events stage) and across articles (``sitrep.fuse``), so the
rule lives in one place. It follows ACLED's codebook (see ``../shared/ACLED-CODING.md``):

* only deaths count (``kind == "killed"``); an event with injury/capture claims but no
  death claim has 0 fatalities ("casualties reported without deaths → 0");
* when reports conflict, the coded figure is the most conservative credible one: for
  each victim group, the lowest figure any claimant gives; the groups are then added
  (soldiers and civilians killed in the same clash are both fatalities);
* a figure for everybody ("12 people were killed") is a total: the best figure is never
  below the most conservative total nor below the sum of the groups; when the event has a
  single named victim group, "people" are taken to be that group;
* a denial ("no civilians were harmed") pulls ``low`` down but does not overrule a
  positive figure from another claimant for ``best``: the denial is a claim, not a count;
* a partisan figure (``Claim.partisan``: a non-state armed group's uncorroborated claim about
  its enemy's or civilians' losses) is not credible on its own, so it never makes ``best``:
  a group with only partisan figures counts 0, as ACLED codes "Fatalities coded as 0 (VoJ
  reported N)". It still spans ``low``/``high``, and its vagueness does not ask for ACLED's
  imputation;
* a figure given as part of another one of its sentence ("killed nine people, including four
  traders", "seven villagers, among them two children") is already counted in it, so it neither
  adds to it nor, as a second report of the group, pulls it down; nor does a share of a larger
  figure told before ("… four of those killed were herders");
* an attacker who dies in the attack ("killing himself and five worshippers") adds one to the
  figure, attackers who do ("two bombers …, killing themselves") their number: ACLED counts
  suicide bombers among the fatalities;
* a figure given only as a bound ("up to ten", "as many as 36") is the report's figure;
* ``high`` is null when some claim is open-ended ("at least 40", "dozens").
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable, Optional

from .extract.numbers import CAP, find_quantities
from .records import Claim, Fatalities

__all__ = ["fuse_fatalities", "victim_key", "TOTAL"]

#: the victim key of a claim that counts everybody ("people", "persons", or no victim noun)
TOTAL = "*"

_TOTAL_WORDS = frozenset({"people", "person", "persons", "others", "individuals", "dead", "bodies", "lives",
                          "personnel", "men", "members", "victims", "casualties", "victim", "body"})


#: words that introduce a part of the figure before them: "including four traders", "among them 2 children"
_PART_OF = r"\b(?:including|includes|include|among\s+them|among\s+whom|of\s+whom|among\s+the\s+dead)\s+"

_SELF = re.compile(r"himself|herself|themselves", re.I)


def victim_key(claim: Claim) -> str:
    """Which group a claim counts: an actor id, a victim noun, or :data:`TOTAL`."""
    if claim.victim:
        return claim.victim
    text = (claim.victim_text or "").lower().strip()
    if not text:
        return TOTAL
    last = text.split()[-1]
    return TOTAL if last in _TOTAL_WORDS else last.rstrip("s")


def _group_figures(claims: list[Claim]) -> tuple[int, int, Optional[int]]:
    """(low, best, high) for the claims about one victim group."""
    lows = [c.low for c in claims if c.low is not None]
    # "up to ten", "as many as 36": the only figure given is the bound, which is the report's figure
    positive = [c.low if c.low is not None else c.high for c in claims
                if (c.low is not None or c.high is not None) and not c.denial and not c.partisan]
    best = min(positive) if positive else 0
    low = min(lows) if lows else 0
    open_ended = any(c.high is None and not c.denial for c in claims)
    highs = [c.high if c.high is not None else c.low for c in claims if (c.high or c.low) is not None]
    high = None if open_ended else max(highs, default=0)
    return low, best, high


def fuse_fatalities(claims: Iterable[Claim]) -> Optional[Fatalities]:
    """Fuse the claims of one event; ``None`` when the event has no casualty claim at all."""
    claims = list(claims)
    if not claims:
        return None
    deaths = _one_figure_per_report(_without_parts([c for c in claims if c.kind == "killed"]))
    # "killing himself and 12 people": the attacker's death adds to any figure for "people"
    attackers = sum({c.start: c.low or 0 for c in deaths if _SELF.fullmatch(c.victim_text or "")}.values())
    deaths = [c for c in deaths if not _SELF.fullmatch(c.victim_text or "")]
    if not deaths:
        return Fatalities(low=attackers, best=attackers, high=attackers, vague=False)
    low, best, high = _fuse_deaths(deaths)
    low, best, high = low + attackers, best + attackers, None if high is None else high + attackers
    vague = any(c.vague and not c.partisan for c in deaths)
    if high is not None:
        high = max(high, best)
    # sums of absurd claims stay within the cap numbers are parsed with (and the store's integers)
    low, best, high = (None if v is None else min(v, CAP) for v in (low, best, high))
    return Fatalities(low=min(low, best), best=best, high=high, vague=vague)


def _fuse_deaths(deaths: list[Claim]) -> tuple[int, int, Optional[int]]:
    """(low, best, high) of the death claims of one event, by victim group."""
    groups: dict[str, list[Claim]] = defaultdict(list)
    unions = [c for c in deaths if len(c.victims) > 1]
    for claim in deaths:
        if len(claim.victims) <= 1:
            groups[victim_key(claim)].append(claim)
    total = groups.pop(TOTAL, [])
    if total and len(groups) == 1 and not unions:
        # "one protester was killed" (police) vs "at least three people were shot dead" (Amnesty):
        # with a single named victim group, a figure for "people" counts the same victims
        groups[next(iter(groups))].extend(total)
        total = []
    figures = {key: _group_figures(g) for key, g in groups.items()}
    for union in unions:
        _merge_union(figures, union)
    low = sum(f[0] for f in figures.values())
    best = sum(f[1] for f in figures.values())
    highs = [f[2] for f in figures.values()]
    high: Optional[int] = None if any(h is None for h in highs) else sum(highs)  # type: ignore[arg-type]
    if total:
        t_low, t_best, t_high = _group_figures(total)
        low, best = max(low, t_low), max(best, t_best)
        high = None if high is None or t_high is None else max(high, t_high)
    return low, best, high


def _is_part(claim: Claim) -> bool:
    """The claim's figure is introduced as a part of another ("…, including four traders")."""
    if not claim.victim_text or claim.low is None:
        return False
    # the count and its qualifiers, and the parts listed before it: "including 6 police officers and 5 attackers"
    words = r"[^.;:()]{0,80}?"
    return re.search(_PART_OF + words + re.escape(claim.victim_text) + r"\b", claim.sentence, re.I) is not None


def _without_parts(deaths: list[Claim]) -> list[Claim]:
    """The death claims without those that are a part of a larger figure of the same sentence and claimant,
    or a share of the dead told of before ("four of those killed were herders")."""
    def counted_in_another(part: Claim) -> bool:
        return any(other is not part and other.start == part.start and other.claimant == part.claimant
                   and other.low is not None and other.low >= part.low and not other.denial and not _is_part(other)
                   for other in deaths)  # fmt: skip

    def share_of_larger(part: Claim) -> bool:
        return _is_share(part) and any(other.start < part.start and other.low is not None and other.low > part.low
                                       and not other.denial and not other.partisan for other in deaths)

    return [c for c in deaths if not ((_is_part(c) and counted_in_another(c)) or share_of_larger(c))]


#: a share of the dead already told of: "four of those killed", "two of the dead", "three of them"
_SHARE = re.compile(r"\s+of\s+(?:those|these|them|whom"
                    r"|the\s+(?:dead|victims|fatalities|deceased|\w+\s+(?:killed|dead)))\b", re.I)


def _is_share(claim: Claim) -> bool:
    """The claim's figure is followed by "of those killed", "of the dead", "of them"."""
    if claim.low is None:
        return False
    return any(q.low == claim.low and q.low == q.high and _SHARE.match(claim.sentence, q.end)
               for q in find_quantities(claim.sentence))


def _one_figure_per_report(deaths: list[Claim]) -> list[Claim]:
    """Exact figures one claimant gives in one sentence for differently named people of one group add up
    ("shot a police sergeant and a constable": 1 + 1 of the police); only figures from different reports of
    the group, or for the same words, conflict."""
    merged: dict[tuple, Claim] = {}
    out: list[Claim] = []
    for claim in deaths:
        if claim.low is None or claim.low != claim.high or claim.vague or claim.denial or len(claim.victims) > 1 \
                or not claim.victim_text:
            out.append(claim)
            continue
        key = (claim.start, claim.claimant, victim_key(claim), claim.partisan)
        first = merged.get(key)
        if first is None or claim.victim_text.lower() in first.victim_text.lower():
            merged.setdefault(key, claim)
            out.append(claim)
            continue
        summed = first.model_copy(update={"low": first.low + claim.low, "high": first.high + claim.low,
                                          "victim_text": f"{first.victim_text}; {claim.victim_text}"})
        out[out.index(first)] = summed
        merged[key] = summed
    return out


def _merge_union(figures: dict[str, tuple[int, int, Optional[int]]], union: Claim) -> None:
    """A figure for several groups at once ("20 soldiers and VDP members") against the figures
    others give for each group: the groups become one, fused with the same rule."""
    parts = [figures.pop(key) for key in union.victims if key in figures]
    key = "+".join(union.victims)
    own = _group_figures([union])
    if not parts:
        figures[key] = own
        return
    p_low, p_best = sum(p[0] for p in parts), sum(p[1] for p in parts)
    p_high = None if any(p[2] is None for p in parts) else sum(p[2] for p in parts)  # type: ignore[misc]
    best = min(own[1], p_best) if not (union.denial or union.partisan) else p_best
    high = None if own[2] is None or p_high is None else max(own[2], p_high)
    figures[key] = (min(own[0], p_low), best, high)
