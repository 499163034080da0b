"""PLOVER gold standard records: who did what to whom, one sentence at a time.

Each record has a sentence (``text``), a PLOVER event type (``event``) and lists of source
and target actors (``actorText`` as written, a CAMEO ``code`` such as ``EGY``, sometimes a
``sector`` such as ``GOV``, ``MIL``, ``COP``). The ``DOCUMENT`` record is documentation and
is skipped.

sitrep's side of a sentence: its most confident event gives the source (``actor1``), the
target (``actor2``) and the PLOVER type (``Event.plover``). ACLED actors carry no
direction, so an "either slot" line is reported too. Most PLOVER events (agreements,
demands, rejections…) are not ACLED events; for sentences where sitrep finds no event, the
headline actor lines fall back to sitrep's actors in order of first mention (first → source,
second → target), and "event only" lines show the score without that fallback.

Matching a gold actor with a sitrep actor (either suffices):

* names: the gold ``actorText`` and one of the actor's surface forms in the sentence (or its
  name or aliases) match by :func:`~.metrics.names_match` (folded, articles and possessives
  dropped, one a whole-word part of the other: "Egyptian police" = "police");
* country: the gold actor is a state's government, army or police (no sector, or ``GOV``,
  ``MIL``, ``COP``, ``SPY``) and sitrep's actor is that state's forces (kind "State forces",
  country = the code's ISO alpha-3).

A sentence scores a source (target) agreement when some gold source (target) actor matches
sitrep's source (target); sentences whose gold has no such actor are not scored for it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..errors import UsageError
from ..records import Actor, Result
from .metrics import Tally, names_match
from .report import Report, Score
from ._common import Item, Timer, gold_path, run, top_event

__all__ = ["FILES", "GoldActor", "PloverGold", "SitrepSide", "read_plover", "sitrep_side", "actor_matches",
           "score_plover", "evaluate_plover"]  # fmt: skip

log = logging.getLogger(__name__)

#: The set has no split: it is all dev (the README's rule for unsplit sets).
FILES = {"dev": "events/plover-gsr/gold_standard_records/PLOVER_GSR_CAMEO.txt"}
_STATE_SECTORS = frozenset({"", "GOV", "MIL", "COP", "SPY"})


@dataclass(frozen=True)
class GoldActor:
    text: str
    code: str = ""
    sector: str = ""


@dataclass(frozen=True)
class PloverGold:
    id: str
    text: str
    event: str
    sources: tuple[GoldActor, ...]
    targets: tuple[GoldActor, ...]


@dataclass
class SitrepSide:
    """sitrep's reading of one sentence."""

    source: Optional[Actor] = None
    target: Optional[Actor] = None
    event_source: Optional[Actor] = None
    event_target: Optional[Actor] = None
    plover: Optional[str] = None
    surfaces: dict[str, list[str]] = field(default_factory=dict)


def _actors(value) -> tuple[GoldActor, ...]:
    # a record's source/target is a list of actors; "" or a stray string means none
    if not isinstance(value, list):
        return ()
    return tuple(GoldActor(a.get("actorText", "").strip(), a.get("code", "").strip(), (a.get("sector") or "").strip())
                 for a in value if isinstance(a, dict) and a.get("actorText"))  # fmt: skip


def read_plover(path: Path, *, limit: Optional[int] = None) -> list[PloverGold]:
    """The coded sentences of a PLOVER GSR file (a JSON array), documentation records skipped."""
    try:
        records = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise UsageError(f"cannot read PLOVER records: {err}", input=str(path),
                         hint="give the JSON array file PLOVER_GSR_CAMEO.txt") from err  # fmt: skip
    if not isinstance(records, list):
        raise UsageError("not a PLOVER GSR file (expected a JSON array of records)", input=str(path))
    rows = [
        PloverGold(r["id"], r["text"].strip(), r["event"], _actors(r.get("source")), _actors(r.get("target")))
        for r in records
        if isinstance(r, dict) and r.get("text") and r.get("event") and r.get("event") != "DOCUMENT"
    ]
    return rows[:limit] if limit is not None else rows


def sitrep_side(result: Optional[Result]) -> SitrepSide:
    """Source, target and PLOVER type of sitrep's top event, with the first-mentioned fallback."""
    if result is None:
        return SitrepSide()
    text = result.document.text
    surfaces = {a.id: [a.name, *a.aliases, *(text[m.start : m.end] for m in a.mentions)] for a in result.actors}
    by_id = {a.id: a for a in result.actors}
    event = top_event(result)
    side = SitrepSide(surfaces=surfaces)
    if event is not None:
        side.event_source, side.event_target = by_id.get(event.actor1), by_id.get(event.actor2)
        side.plover = event.plover
        side.source, side.target = side.event_source, side.event_target
        return side
    ordered = sorted(result.actors, key=lambda a: min((m.start for m in a.mentions), default=len(text)))
    side.source = ordered[0] if ordered else None
    side.target = ordered[1] if len(ordered) > 1 else None
    return side


@lru_cache(maxsize=None)
def _iso3(alpha2: str) -> str:
    import countrystatecity_countries as csc

    found = csc.get_country_by_code(alpha2.upper())
    return found.iso3 if found else ""


def actor_matches(gold: GoldActor, actor: Optional[Actor], surfaces: list[str]) -> bool:
    """Whether sitrep's ``actor`` (seen as ``surfaces``) is the gold actor; see the module docstring."""
    if actor is None:
        return False
    if any(names_match(gold.text, s) for s in surfaces):
        return True
    state = actor.kind == "State forces" and actor.country and gold.sector.upper() in _STATE_SECTORS
    return bool(state) and gold.code[:3].upper() == _iso3(actor.country)


def _hit(golds: tuple[GoldActor, ...], actor: Optional[Actor], side: SitrepSide) -> bool:
    surfaces = side.surfaces.get(actor.id, []) if actor else []
    return any(actor_matches(g, actor, surfaces) for g in golds)


def score_plover(golds: list[PloverGold], sides: list[SitrepSide]) -> tuple[list[Score], dict]:
    """Actor and event-type agreement of sitrep's readings with the gold records."""
    t = {k: Tally() for k in ("source", "target", "source_event", "target_event", "either_source", "either_target",
                              "event", "event_when_found", "coverage")}  # fmt: skip
    misses: dict[str, list[str]] = {"source": [], "target": []}
    for gold, side in zip(golds, sides):
        found = side.plover is not None or side.event_source is not None or side.event_target is not None
        t["coverage"].add(found)
        t["event"].add(side.plover == gold.event)
        if found:
            t["event_when_found"].add(side.plover == gold.event)
        for role, golds_of_role, mine, event_mine in (("source", gold.sources, side.source, side.event_source),
                                                      ("target", gold.targets, side.target, side.event_target)):  # fmt: skip
            if not golds_of_role:
                continue
            ok = _hit(golds_of_role, mine, side)
            t[role].add(ok)
            t[f"{role}_event"].add(_hit(golds_of_role, event_mine, side))
            t[f"either_{role}"].add(ok or _hit(golds_of_role, side.target if role == "source" else side.source, side))
            if not ok:
                misses[role].append(gold.id)
    scores = [
        Score.of("source actor agreement", t["source"], note="event actor1, else first-mentioned actor"),
        Score.of("target actor agreement", t["target"], note="event actor2, else second-mentioned actor"),
        Score.of("source actor (event only)", t["source_event"]),
        Score.of("target actor (event only)", t["target_event"]),
        Score.of("source actor (either slot)", t["either_source"]),
        Score.of("target actor (either slot)", t["either_target"]),
        Score.of("event type agreement", t["event"], note="Event.plover; no event = wrong"),
        Score.of("event type, sentences with an event", t["event_when_found"]),
        Score.of("sentences with a sitrep event", t["coverage"]),
    ]
    details = {"misses": {k: {"count": len(v), "examples": v[:5]} for k, v in misses.items()}}
    return scores, details


NOTES = [
    "input: the record's text as article text, no publication date; DOCUMENT record skipped",
    "sitrep source/target = actor1/actor2 of its most confident event; without an event, actors by first mention",
    "a gold actor matches on names (folded, whole-word containment) or as the same state's forces (CAMEO code)",
]


def evaluate_plover(path: Path, *, extractor, split: str = "dev", limit: Optional[int] = None) -> Report:
    """Score sitrep's actors and event types on the PLOVER gold standard records."""
    golds = read_plover(gold_path(path, ""), limit=limit)
    with Timer() as timer:
        results, failures = run(extractor, [Item(g.id, g.text) for g in golds])
    scores, details = score_plover(golds, [sitrep_side(r) for r in results])
    details["refused"] = dict(failures)
    return Report(set="plover-gsr", split=split, gold=str(path), rows=len(golds), scores=scores,
                  notes=list(NOTES), details=details, seconds=round(timer.seconds, 2))  # fmt: skip
