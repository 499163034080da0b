"""WikiEvents and RAMS: event arguments (attacker, victim, place) in news text, F1 per role.

Only violent events are in scope, the ones ACLED codes: ``Conflict.Attack.*``,
``Life.Die.*`` and ``Life.Injure.*`` (RAMS: ``conflict.attack.*``, ``life.die.*``,
``life.injure.*`` without the non-violent deaths and illnesses). Their roles map to three:

=========  =====================================  ==============================================
role       gold roles                             sitrep fields
=========  =====================================  ==============================================
attacker   Attacker, Killer, Injurer              ``Event.actor1``
victim     Victim, Target                         ``Event.actor2``; the victims of the event's
                                                  killed/injured/casualties/abducted claims
place      Place                                  ``Event.place``
=========  =====================================  ==============================================

ACLED's actor1/actor2 have no direction, so the attacker/victim split above is sitrep's
convention (the side acting is named first) and mistakes in it cost both roles.

Units: WikiEvents is scored per document (the set of gold entities in each role over all
in-scope events, coreferent mentions merged into one entity with the ``coref/`` clusters,
against the set of sitrep's actors/places over all its events); RAMS gives one trigger per
example, so sitrep's event nearest to that trigger is scored against its arguments. A sitrep
entity matches a gold one when one of its surface forms and one of the gold mentions match by
:func:`~.metrics.names_match`; matching is one-to-one; P/R/F1 are micro-averaged.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from ..errors import UsageError
from ..records import Event, Result
from .metrics import PRF, names_match
from .report import Report, Score
from ._common import Item, Timer, gold_path, run

__all__ = ["ROLES", "FILES", "Entity", "ArgsGold", "read_wikievents", "read_rams", "read_args", "detokenize",
           "sitrep_arguments", "match_count", "score_args", "evaluate_args"]  # fmt: skip

log = logging.getLogger(__name__)

ROLES = ("attacker", "victim", "place")
FILES = {
    "dev": ["events/wikievents-rams/data/wikievents/dev.jsonl", "events/wikievents-rams/data/rams/dev.jsonlines"],
    "test": ["events/wikievents-rams/data/wikievents/test.jsonl", "events/wikievents-rams/data/rams/test.jsonlines"],
}
_GOLD_ROLE = {"attacker": "attacker", "killer": "attacker", "injurer": "attacker",
              "victim": "victim", "target": "victim", "place": "place"}  # fmt: skip
_IN_SCOPE = re.compile(r"^(conflict\.attack|life\.die|life\.injure)\.", re.I)
_OUT_OF_SCOPE = re.compile(r"nonviolentdeath|illness", re.I)
_RAMS_ROLE = re.compile(r"^evt\d+arg\d+(.+)$")
_VICTIM_CLAIMS = frozenset({"killed", "injured", "casualties", "abducted"})
# detokenising: no space before closing punctuation and clitics, none after opening brackets
_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}]|'s|'re|'ve|'ll|'d|'m|n't|')$", re.I)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "``"})


@dataclass
class Entity:
    """An argument filler: every way the text names it."""

    surfaces: list[str]


@dataclass
class ArgsGold:
    """One scored unit: a WikiEvents document, or a RAMS example with its trigger offset."""

    id: str
    text: str
    roles: dict[str, list[Entity]] = field(default_factory=lambda: {r: [] for r in ROLES})
    trigger: Optional[int] = None


def _role(name: str) -> Optional[str]:
    return _GOLD_ROLE.get(name.lower())


def _in_scope(event_type: str) -> bool:
    return bool(_IN_SCOPE.match(event_type)) and not _OUT_OF_SCOPE.search(event_type)


# -- WikiEvents ----------------------------------------------------------------------------------
def _clusters(path: Path) -> dict[str, dict[str, int]]:
    """doc id → {mention id: cluster number}, from the ``coref/`` file beside ``path`` (if any)."""
    coref = path.parent / "coref" / f"{path.stem}.jsonlines"
    if not coref.exists():
        return {}
    out = {}
    for line in coref.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc = json.loads(line)
            out[doc["doc_key"]] = {m: i for i, cluster in enumerate(doc["clusters"]) for m in cluster}
    return out


def _wikievents_doc(doc: dict, clusters: dict[str, int]) -> ArgsGold:
    mentions = {m["id"]: m["text"] for m in doc["entity_mentions"]}
    members: dict[object, list[str]] = {}
    for mention_id, text in mentions.items():
        members.setdefault(clusters.get(mention_id, mention_id), []).append(text)
    # sentences are joined with a blank line: the raw text glues a headline to the next sentence
    gold = ArgsGold(id=doc["doc_id"], text="\n\n".join(s[1] for s in doc["sentences"]))
    seen: dict[str, set] = {r: set() for r in ROLES}
    for event in doc["event_mentions"]:
        if not _in_scope(event["event_type"]):
            continue
        for arg in event["arguments"]:
            role, key = _role(arg["role"]), clusters.get(arg["entity_id"], arg["entity_id"])
            if role and key not in seen[role]:
                seen[role].add(key)
                gold.roles[role].append(Entity(members.get(key, [arg["text"]])))
    return gold


def read_wikievents(path: Path) -> list[ArgsGold]:
    clusters = _clusters(path)
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [_wikievents_doc(d, clusters.get(d["doc_id"], {})) for d in docs]


# -- RAMS ----------------------------------------------------------------------------------------
def detokenize(tokens: list[str]) -> tuple[str, list[int]]:
    """Text from tokens with ordinary spacing, and each token's start offset in it."""
    parts, starts, length = [], [], 0
    for i, token in enumerate(tokens):
        space = i > 0 and not _NO_SPACE_BEFORE.match(token) and tokens[i - 1] not in _NO_SPACE_AFTER
        if space:
            parts.append(" ")
            length += 1
        starts.append(length)
        parts.append(token)
        length += len(token)
    return "".join(parts), starts


def _rams_example(doc: dict) -> Optional[ArgsGold]:
    triggers = [(s, e, label) for s, e, labels in doc["evt_triggers"] for label, _ in labels]
    if not triggers or not _in_scope(triggers[0][2]):
        return None
    tokens = [t for sentence in doc["sentences"] for t in sentence]
    text, starts = detokenize(tokens)
    span = lambda s, e: text[starts[s] : starts[e] + len(tokens[e])]  # noqa: E731
    gold = ArgsGold(id=doc["doc_key"], text=text, trigger=starts[triggers[0][0]])
    for _, (start, end), name in doc["gold_evt_links"]:
        match = _RAMS_ROLE.match(name)
        role = _role(match.group(1)) if match else None
        if role:
            gold.roles[role].append(Entity([span(start, end)]))
    return gold


def read_rams(path: Path) -> list[ArgsGold]:
    docs = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return [g for g in map(_rams_example, docs) if g is not None]


def read_args(path: Path, *, limit: Optional[int] = None) -> list[ArgsGold]:
    """WikiEvents (``event_mentions``) or RAMS (``evt_triggers``) JSON Lines, in-scope units only."""
    try:
        with path.open(encoding="utf-8") as handle:
            first = next((line for line in handle if line.strip()), "")
        keys = json.loads(first).keys() if first else set()
        if "event_mentions" in keys:
            units = read_wikievents(path)
        elif "evt_triggers" in keys:
            units = read_rams(path)
        else:
            raise UsageError("neither WikiEvents nor RAMS JSON Lines", input=str(path),
                             hint="WikiEvents lines have event_mentions, RAMS lines evt_triggers")  # fmt: skip
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, IndexError) as err:
        raise UsageError(f"cannot read argument gold: {err!r}", input=str(path)) from err
    return units[:limit] if limit is not None else units


# -- sitrep's side -------------------------------------------------------------------------------
def _evidence_distance(event: Event, offset: int) -> int:
    gaps = [0 if m.start <= offset < m.end else min(abs(m.start - offset), abs(m.end - offset)) for m in event.evidence]
    return min(gaps, default=10**9)


def sitrep_arguments(result: Optional[Result], trigger: Optional[int] = None) -> dict[str, list[Entity]]:
    """sitrep's entities per role: from all events, or the one nearest ``trigger`` when given."""
    out = {r: [] for r in ROLES}
    if result is None or not result.events:
        return out
    events = result.events
    if trigger is not None:
        events = [min(events, key=lambda e: _evidence_distance(e, trigger))]
    text = result.document.text
    actors = {a.id: [a.name, *a.aliases, *(text[m.start : m.end] for m in a.mentions)] for a in result.actors}
    places = {p.id: [p.name, *(text[m.start : m.end] for m in p.mentions)] for p in result.places}
    claims = {c.id: c for c in result.claims}
    chosen: dict[str, dict[str, list[str]]] = {r: {} for r in ROLES}
    for event in events:
        for role, key in (("attacker", event.actor1), ("victim", event.actor2)):
            if key in actors:
                chosen[role][key] = actors[key]
        if event.place in places:
            chosen["place"][event.place] = places[event.place]
        for claim in (claims[c] for c in event.claims if c in claims):
            if claim.kind not in _VICTIM_CLAIMS:
                continue
            if claim.victim in actors:
                chosen["victim"][claim.victim] = actors[claim.victim]
            elif claim.victim_text:
                chosen["victim"][f"text:{claim.victim_text}"] = [claim.victim_text]
    return {role: [Entity(s) for s in found.values()] for role, found in chosen.items()}


def match_count(gold: list[Entity], predicted: list[Entity]) -> int:
    """One-to-one matches between gold and predicted entities (greedy, in order)."""
    free = list(range(len(gold)))
    hits = 0
    for entity in predicted:
        for i in free:
            if any(names_match(g, p) for g in gold[i].surfaces for p in entity.surfaces):
                free.remove(i)
                hits += 1
                break
    return hits


def score_args(golds: Iterable[ArgsGold], predicted: Iterable[dict[str, list[Entity]]]) -> dict[str, PRF]:
    """Micro P/R/F1 per role."""
    counts = {r: [0, 0, 0] for r in ROLES}
    for gold, pred in zip(golds, predicted):
        for role in ROLES:
            tp = match_count(gold.roles[role], pred[role])
            counts[role][0] += tp
            counts[role][1] += len(pred[role]) - tp
            counts[role][2] += len(gold.roles[role]) - tp
    return {role: PRF(*c) for role, c in counts.items()}


NOTES = [
    "in scope: Conflict.Attack.*, Life.Die.*, Life.Injure.* (RAMS: no non-violent deaths or illnesses)",
    "attacker = Attacker/Killer/Injurer ~ sitrep actor1; victim = Victim/Target ~ actor2 + claim victims; "
    "place = Place ~ Event.place",
    "WikiEvents: per document, coreferent gold mentions merged; RAMS: sitrep's event nearest the gold trigger",
    "match: folded names, one a whole-word part of the other; one-to-one; micro-averaged",
]


def evaluate_args(path: Path, *, extractor, split: str = "dev", limit: Optional[int] = None) -> Report:
    """Score sitrep's attacker/victim/place arguments on one WikiEvents or RAMS file."""
    golds = read_args(gold_path(path, ""), limit=limit)
    with Timer() as timer:
        results, failures = run(extractor, [Item(g.id, g.text) for g in golds])
    predicted = [sitrep_arguments(r, g.trigger) for g, r in zip(golds, results)]
    scores = score_args(golds, predicted)
    name = "rams" if golds and golds[0].trigger is not None else "wikievents"
    return Report(
        set=f"args:{name}:{Path(path).name}", split=split, gold=str(path), rows=len(golds),
        scores=[Score.f1(f"{role} F1", s) for role, s in scores.items()],
        notes=list(NOTES), seconds=round(timer.seconds, 2),
        details={"per_role": {r: s.as_dict() for r, s in scores.items()}, "refused": dict(failures),
                 "units_with_events": sum(bool(r and r.events) for r in results)},
    )  # fmt: skip
