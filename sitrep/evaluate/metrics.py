"""Scores shared by every evaluation set: agreement tallies, P/R/F1, macro-F1, distances, names.

Everything here is pure: plain values in, numbers out, so the scoring rules can be tested
on hand-made gold without the spaCy pipeline.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Hashable, Iterable, Optional, Sequence

__all__ = [
    "Tally",
    "PRF",
    "prf",
    "accuracy",
    "per_class",
    "macro_f1",
    "majority",
    "haversine_km",
    "strict_actor",
    "lenient_actor",
    "normalise_name",
    "names_match",
    "tokens",
    "token_prf",
]

#: ACLED's actor-name period, "(2014-)", "(2014-2021)", also before a unit ("… (2014-) Special
#: Forces"); ACLED renames the period when a government changes, so a lenient comparison drops it.
_PERIOD = re.compile(r"\s*\(\d{4}\s*-\s*(?:\d{4})?\)")
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w\s]")
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_TOKEN = re.compile(r"\w+")
#: words that carry no identity in an actor or place name ("the army" = "army")
_NAME_STOPWORDS = frozenset({"the", "a", "an", "of", "its", "their", "his", "her", "and", "in", "on", "at", "s"})
_EARTH_RADIUS_KM = 6371.0088


@dataclass
class Tally:
    """``correct`` out of ``total``; the rate is None when nothing was scored."""

    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.correct += bool(ok)

    @property
    def rate(self) -> Optional[float]:
        return self.correct / self.total if self.total else None


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 with the counts they come from."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "tp": self.tp, "fp": self.fp, "fn": self.fn}  # fmt: skip


def prf(tp: int, fp: int, fn: int) -> PRF:
    return PRF(tp, fp, fn)


def accuracy(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> Tally:
    """Exact agreement of two aligned label sequences."""
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} labels, predictions {len(pred)}")
    tally = Tally()
    for g, p in zip(gold, pred):
        tally.add(g == p)
    return tally


def per_class(gold: Sequence[Hashable], pred: Sequence[Hashable], labels: Optional[Iterable] = None) -> dict:
    """P/R/F1 of each label; ``labels`` defaults to every gold label.

    A prediction outside ``labels`` (e.g. "no event") is a false negative of the gold
    label and a false positive of nothing, which is how a coder's abstention is counted.
    """
    wanted = list(dict.fromkeys(labels if labels is not None else gold))
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred):
        if g == p:
            tp[g] += 1
            continue
        fn[g] += 1
        fp[p] += 1
    return {label: PRF(tp[label], fp[label], fn[label]) for label in wanted}


def macro_f1(gold: Sequence[Hashable], pred: Sequence[Hashable], labels: Optional[Iterable] = None) -> float:
    """Unweighted mean F1 over ``labels`` (default: the labels present in gold)."""
    scores = per_class(gold, pred, labels)
    return sum(s.f1 for s in scores.values()) / len(scores) if scores else 0.0


def majority(values: Iterable[Hashable]):
    """The most frequent value (the first seen wins a tie); None for no values."""
    counts = Counter(values)
    return counts.most_common(1)[0][0] if counts else None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _fold(text: str) -> str:
    """Case- and accent-folded, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_ish = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", ascii_ish).strip().casefold()


def strict_actor(name: Optional[str]) -> str:
    """An ACLED actor name as written, spaces trimmed; "" for none."""
    return _SPACES.sub(" ", name or "").strip()


def lenient_actor(name: Optional[str]) -> str:
    """An ACLED actor name without its period suffix, case- and accent-folded.

    "Military Forces of Afghanistan (2014-)" and "… (2014-2021)" are the same force;
    the period is bookkeeping of ACLED's, not something a text can tell.
    """
    return _fold(_PERIOD.sub("", strict_actor(name)))


def normalise_name(text: Optional[str]) -> str:
    """A free-text name for matching: folded, possessives, punctuation and articles dropped."""
    folded = _NON_WORD.sub(" ", _POSSESSIVE.sub("", _fold(text or "")))
    return " ".join(w for w in folded.split() if w not in _NAME_STOPWORDS)


def names_match(gold: Optional[str], predicted: Optional[str]) -> bool:
    """Two names refer alike: equal after :func:`normalise_name`, or one's words contain the other's.

    Containment on whole words is how argument-extraction scorers forgive extent
    ("Taliban" vs "Taliban fighters"); an empty name never matches.
    """
    g, p = normalise_name(gold).split(), normalise_name(predicted).split()
    if not g or not p:
        return False
    short, long = (g, p) if len(g) <= len(p) else (p, g)
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def tokens(text: Optional[str]) -> list[str]:
    """Word tokens (letters and digits, any script), case-folded."""
    return _TOKEN.findall((text or "").casefold())


def token_prf(gold: Optional[str], predicted: Optional[str]) -> PRF:
    """Bag-of-tokens overlap of two texts: each gold token can be matched once."""
    g, p = Counter(tokens(gold)), Counter(tokens(predicted))
    tp = sum((g & p).values())
    return PRF(tp, sum(p.values()) - tp, sum(g.values()) - tp)
