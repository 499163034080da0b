"""PLOVER gold standard records: who did what to whom, one sentence at a time.

Each record has a sentence (``text``), a PLOVER event type (``event``) and lists of source
and target actors (``actorText`` as written, a CAMEO ``code`` such as ``EGY``, sometimes a
``sector`` such as ``GOV``, ``MIL``, ``COP``). The ``DOCUMENT`` record is documentation and
is skipped.

sitrep's side of a sentence, slot by slot (the order the even half of the records chose,
issue 4): the sentence's :class:`~sitrep.records.Interaction` (the subject and object of its
main predicate, so "agreed", "demanded", "rejected" sentences get a dyad too); a slot it leaves
empty takes the most confident event's actor (``actor1`` / ``actor2``), else sitrep's actors by
first mention (first → source, next other → target). The event was tried first and lost: its
ACLED actors often stand for the victims or the crowd ("Rioters (X)"), not the sentence's
agent. "event only" lines show the event's actors alone; ACLED actors carry no direction, so
an "either slot" line is reported too. The PLOVER type is ``Event.plover``.

Held-out half: rules were tuned by looking at records whose id ends in an even number only;
the odd ids are reported apart as the held-out figure, and misses are listed for even ids only.

Matching a gold actor with a sitrep actor or interaction party (either suffices):

* names: the gold ``actorText`` and one of the actor's surface forms in the sentence (or its
  name or aliases, or the party's phrase as written) match by :func:`~.metrics.names_match` (folded, articles and possessives
  dropped, one a whole-word part of the other: "Egyptian police" = "police");
* country: the gold actor is a state's government, army or police (no sector, or ``GOV``,
  ``MIL``, ``COP``, ``SPY``) and sitrep's actor is that state's forces (kind "State forces",
  country = the code's ISO alpha-3).

A sentence scores a source (target) agreement when some gold source (target) actor matches
one of sitrep's sources (targets: coordinated "X and Y agreed" gives two); sentences whose gold has no such actor are not scored for it.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..errors import UsageError
from ..records import Actor, Interaction, Party, Result
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
class Pick:
    """One actor sitrep puts in a slot: its actor record (if any) and the phrases that name it."""

    actor: Optional[Actor]
    surfaces: list[str]


@dataclass
class SitrepSide:
    """sitrep's reading of one sentence: the actors in each slot and where they came from."""

    sources: list[Pick] = field(default_factory=list)
    targets: list[Pick] = field(default_factory=list)
    event_source: Optional[Pick] = None
    event_target: Optional[Pick] = None
    plover: Optional[str] = None
    interaction_plover: Optional[str] = None
    reading: str = "none"  # "interaction", "event", "mention order" or "none"


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


def _pick(actor: Optional[Actor], text: str) -> Optional[Pick]:
    if actor is None:
        return None
    return Pick(actor, [actor.name, *actor.aliases, *(text[m.start : m.end] for m in actor.mentions)])


def _party_pick(party: Party, by_id: dict[str, Actor], text: str) -> Pick:
    linked = _pick(by_id.get(party.actor), text) if party.actor else None
    return Pick(linked.actor if linked else None, [party.text, *(linked.surfaces if linked else [])])


def _interaction(result: Result) -> Optional[Interaction]:
    # the first sentence whose predicate has a source: a record is one sentence, rarely two
    return next((i for i in result.interactions if i.sources or i.targets), None)


def sitrep_side(result: Optional[Result]) -> SitrepSide:
    """Source, target and PLOVER type of one sentence: each slot from the sentence's interaction,
    else from sitrep's top event, else from its actors in order of first mention."""
    if result is None:
        return SitrepSide()
    text = result.document.text
    by_id = {a.id: a for a in result.actors}
    side = SitrepSide()
    event, interaction = top_event(result), _interaction(result)
    if event is not None:
        side.event_source, side.event_target = _pick(by_id.get(event.actor1), text), _pick(by_id.get(event.actor2), text)
        side.plover = event.plover
    if interaction is not None:
        side.sources = [_party_pick(p, by_id, text) for p in interaction.sources]
        side.targets = [_party_pick(p, by_id, text) for p in interaction.targets]
        side.interaction_plover = interaction.plover
    ordered = sorted(result.actors, key=lambda a: min((m.start for m in a.mentions), default=len(text)))
    by_mention = [_pick(a, text) for a in ordered]
    side.reading = "interaction" if interaction else "event" if side.event_source else "mention order"
    side.sources = side.sources or [p for p in (side.event_source,) if p] or by_mention[:1]
    if not side.targets:
        taken = {p.actor.id for p in side.sources if p.actor}
        side.targets = [p for p in (side.event_target,) if p] or [p for p in by_mention if p.actor.id not in taken][:1]
    return side


@lru_cache(maxsize=None)
def _iso3(alpha2: str) -> str:
    import countrystatecity_countries as csc

    found = csc.get_country_by_code(alpha2.upper())
    return found.iso3 if found else ""


def actor_matches(gold: GoldActor, actor: Optional[Actor], surfaces: list[str]) -> bool:
    """Whether sitrep's ``actor`` (seen as ``surfaces``) is the gold actor; see the module docstring.
    An interaction's party without an actor record (``actor`` None) matches on its phrase alone."""
    if any(names_match(gold.text, s) for s in surfaces):
        return True
    if actor is None:
        return False
    state = actor.kind == "State forces" and actor.country and gold.sector.upper() in _STATE_SECTORS
    return bool(state) and gold.code[:3].upper() == _iso3(actor.country)


def _hit(golds: tuple[GoldActor, ...], picks: list[Optional[Pick]]) -> bool:
    return any(actor_matches(g, p.actor, p.surfaces) for g in golds for p in picks if p is not None)


def _even(record_id: str) -> bool:
    digits = record_id.rstrip().rsplit("-", 1)[-1]
    return digits.isdigit() and int(digits) % 2 == 0


def _agreement(golds: list[PloverGold], sides: list[SitrepSide], role: str) -> Tally:
    tally = Tally()
    for gold, side in zip(golds, sides):
        wanted = gold.sources if role == "source" else gold.targets
        if wanted:
            tally.add(_hit(wanted, side.sources if role == "source" else side.targets))
    return tally


def _halves(golds: list[PloverGold], sides: list[SitrepSide]) -> list[Score]:
    """Source and target agreement on even-numbered ids (the half rules were tuned on) and odd ones (held out)."""
    scores = []
    for label, keep in (("even ids (tuning half)", True), ("odd ids (held out)", False)):
        pairs = [(g, s) for g, s in zip(golds, sides) if _even(g.id) == keep]
        half_golds, half_sides = [g for g, _ in pairs], [s for _, s in pairs]
        for role in ("source", "target"):
            scores.append(Score.of(f"{role} actor agreement, {label}", _agreement(half_golds, half_sides, role)))
    return scores


def score_plover(golds: list[PloverGold], sides: list[SitrepSide]) -> tuple[list[Score], dict]:
    """Actor and event-type agreement of sitrep's readings with the gold records."""
    t = {k: Tally() for k in ("source_event", "target_event", "either_source", "either_target",
                              "event", "event_when_found", "coverage", "with_interaction")}  # fmt: skip
    misses: dict[str, list[str]] = {"source": [], "target": []}
    for gold, side in zip(golds, sides):
        found = side.plover is not None or side.event_source is not None or side.event_target is not None
        t["coverage"].add(found)
        t["event"].add(side.plover == gold.event)
        t["with_interaction"].add((side.interaction_plover or side.plover) == gold.event)
        if found:
            t["event_when_found"].add(side.plover == gold.event)
        for role, wanted, mine, other, event_mine in (
            ("source", gold.sources, side.sources, side.targets, side.event_source),
            ("target", gold.targets, side.targets, side.sources, side.event_target),
        ):
            if not wanted:
                continue
            ok = _hit(wanted, mine)
            t[f"{role}_event"].add(_hit(wanted, [event_mine]))
            t[f"either_{role}"].add(ok or _hit(wanted, other))
            if not ok and _even(gold.id):  # odd ids are the held-out half: never listed one by one
                misses[role].append(gold.id)
    readings = Counter(side.reading for side in sides)
    scores = [
        Score.of("source actor agreement", _agreement(golds, sides, "source"),
                 note="the interaction's source(s), else event actor1, else first-mentioned actor"),  # fmt: skip
        Score.of("target actor agreement", _agreement(golds, sides, "target"),
                 note="the interaction's target(s), else event actor2, else next-mentioned actor"),  # fmt: skip
        *_halves(golds, sides),
        Score.of("source actor (event only)", t["source_event"]),
        Score.of("target actor (event only)", t["target_event"]),
        Score.of("source actor (either slot)", t["either_source"]),
        Score.of("target actor (either slot)", t["either_target"]),
        Score.of("event type agreement", t["event"], note="Event.plover; no event = wrong"),
        Score.of("event type, sentences with an event", t["event_when_found"]),
        Score.of("event type, interaction else event", t["with_interaction"],
                 note="the interaction's verb-lexicon type, else Event.plover (the order the even ids chose)"),  # fmt: skip
        Score.of("sentences with a sitrep event", t["coverage"]),
    ]
    details = {"misses (even ids)": {k: {"count": len(v), "examples": v[:5]} for k, v in misses.items()},
               "readings": dict(readings)}  # fmt: skip
    return scores, details


NOTES = [
    "input: the record's text as article text, no publication date; DOCUMENT record skipped",
    "sitrep source/target = the sentence's interaction (subject / object of the main predicate); a slot it leaves "
    "empty: actor1/actor2 of the most confident event, else actors by first mention",
    "tuned on even-numbered record ids only; the odd ids are the held-out half",
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
