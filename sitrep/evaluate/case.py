"""CASE 2021 (task 2): typing news snippets into ACLED's 25 sub-event types.

Each snippet (1–3 sentences, ``EventSnippet``) is one event; its gold ``SubType`` is one of
the shared task's 30 labels, mapped here onto ACLED's names (:data:`LABELS`). sitrep's
answer is the sub-event type of its most confident event, or "no event".

Scores:

* over the rows with one of the 25 ACLED labels: accuracy, and macro-F1 over those labels
  (each label's F1, unweighted; "no event" is a wrong answer, counted as a miss of the gold
  label and a false alarm of nothing) — the numbers the issue asks for;
* event-type accuracy on the same rows (the 6 ACLED types the sub-types belong to);
* the 5 labels outside ACLED (organised crime, natural and man-made disasters, diplomacy,
  attribution statements) have no ACLED answer: the right behaviour is no event, and the
  report gives how often sitrep abstains on them, plus an end-to-end accuracy over all rows
  where those five expect "no event".

No publication date is passed: the snippets carry none. The report names the sub-event typer
that ran (``$SITREP_TYPER``: the default words model or the opt-in embedding typer, see
:mod:`sitrep.extract.subtype`), so the two can be told apart.
"""

from __future__ import annotations

import csv
import io
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..errors import UsageError
from ..extract import subtype
from .metrics import Tally, accuracy, macro_f1, per_class
from .report import Report, Score
from ._common import Item, Timer, gold_path, run, top_event

__all__ = ["LABELS", "OUTSIDE_ACLED", "NO_EVENT", "FILES", "CaseGold", "read_case", "score_case", "evaluate_case"]

log = logging.getLogger(__name__)

FILES = {"dev": "events/case2021/dev.tsv", "test": "events/case2021/test.tsv"}

#: CASE 2021 label → (ACLED event type, ACLED sub-event type).
LABELS: dict[str, tuple[str, str]] = {
    "ARMED_CLASH": ("Battles", "Armed clash"),
    "GOV_REGAINS_TERIT": ("Battles", "Government regains territory"),
    "NON_STATE_ACTOR_OVERTAKES_TER": ("Battles", "Non-state actor overtakes territory"),
    "CHEM_WEAP": ("Explosions/Remote violence", "Chemical weapon"),
    "AIR_STRIKE": ("Explosions/Remote violence", "Air/drone strike"),
    "SUIC_BOMB": ("Explosions/Remote violence", "Suicide bomb"),
    "ART_MISS_ATTACK": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "REM_EXPLOS": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "GRENADE": ("Explosions/Remote violence", "Grenade"),
    "ATTACK": ("Violence against civilians", "Attack"),
    "ABDUCT_DISSAP": ("Violence against civilians", "Abduction/forced disappearance"),
    "SEX_VIOL": ("Violence against civilians", "Sexual violence"),
    "PEACE_PROTEST": ("Protests", "Peaceful protest"),
    "PROTEST_WITH_INTER": ("Protests", "Protest with intervention"),
    "FORCE_AGAINST_PROTEST": ("Protests", "Excessive force against protesters"),
    "VIOL_DEMONSTR": ("Riots", "Violent demonstration"),
    "MOB_VIOL": ("Riots", "Mob violence"),
    "AGREEMENT": ("Strategic developments", "Agreement"),
    "ARREST": ("Strategic developments", "Arrests"),
    "CHANGE_TO_GROUP_ACT": ("Strategic developments", "Change to group/activity"),
    "DISR_WEAP": ("Strategic developments", "Disrupted weapons use"),
    "HQ_ESTABLISHED": ("Strategic developments", "Headquarters or base established"),
    "PROPERTY_DISTRUCT": ("Strategic developments", "Looting/property destruction"),
    "NON_VIOL_TERRIT_TRANSFER": ("Strategic developments", "Non-violent transfer of territory"),
    "OTHER": ("Strategic developments", "Other"),
}
#: The shared task's "unseen" labels, which ACLED does not code.
OUTSIDE_ACLED = frozenset({"ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"})
NO_EVENT = "(no event)"
_EVENT_TYPE = {sub: event_type for event_type, sub in LABELS.values()}


@dataclass(frozen=True)
class CaseGold:
    id: str
    text: str
    label: str

    @property
    def sub_event_type(self) -> Optional[str]:
        """The ACLED sub-event type, None for a label outside ACLED."""
        return LABELS[self.label][1] if self.label in LABELS else None


def read_case(path: Path, *, limit: Optional[int] = None) -> list[CaseGold]:
    """The snippets of a CASE 2021 task-2 TSV (id, EventSnippet, SubType)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(f"cannot read: {err}", input=str(path)) from err
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    if not {"EventSnippet", "SubType"} <= set(reader.fieldnames or []):
        raise UsageError("not a CASE 2021 task-2 file (needs EventSnippet and SubType columns)", input=str(path))
    rows = []
    for index, record in enumerate(reader, 1):
        label = (record["SubType"] or "").strip()
        if label not in LABELS and label not in OUTSIDE_ACLED:
            raise UsageError(f"row {index}: unknown label {label!r}", input=str(path),
                             hint="labels are the 25 ACLED ones of CASE 2021 and its 5 unseen types")  # fmt: skip
        rows.append(CaseGold(id=(record.get("id") or str(index)).strip(), text=record["EventSnippet"].strip(), label=label))
    return rows[:limit] if limit is not None else rows


def score_case(golds: list[CaseGold], predicted: list[str]) -> tuple[list[Score], dict]:
    """Scores of sitrep's sub-event types (or :data:`NO_EVENT`) against ``golds``, and the confusions."""
    inside = [(g, p) for g, p in zip(golds, predicted) if g.sub_event_type]
    outside = [(g, p) for g, p in zip(golds, predicted) if not g.sub_event_type]
    gold_sub = [g.sub_event_type for g, _ in inside]
    pred_sub = [p for _, p in inside]
    labels = sorted(set(gold_sub))
    types = accuracy([_EVENT_TYPE[g] for g in gold_sub], [_EVENT_TYPE.get(p, NO_EVENT) for p in pred_sub])
    abstained = Tally(sum(p == NO_EVENT for _, p in outside), len(outside))
    end_to_end = accuracy([g.sub_event_type or NO_EVENT for g in golds], predicted)
    macro = macro_f1(gold_sub, pred_sub, labels)
    scores = [
        Score.of("sub-event type accuracy (ACLED rows)", accuracy(gold_sub, pred_sub)),
        Score(f"sub-event type macro-F1 ({len(labels)} ACLED types)", macro, None, len(inside)),
        Score.of("event type accuracy (ACLED rows)", types),
        Score.of("no event on the 5 non-ACLED labels", abstained),
        Score.of("end-to-end accuracy (non-ACLED = no event)", end_to_end),
        Score.of("rows with no event (ACLED rows)", Tally(pred_sub.count(NO_EVENT), len(inside)),
                 note="lower is better"),  # fmt: skip
    ]
    confusions: dict[str, list[str]] = defaultdict(list)
    for g, p in zip(golds, predicted):
        if (g.sub_event_type or NO_EVENT) != p:
            confusions[f"{g.label} -> {p}"].append(g.id)
    details = {
        "per_class": {label: s.as_dict() for label, s in per_class(gold_sub, pred_sub, labels).items()},
        "outside_acled_predictions": dict(Counter(f"{g.label} -> {p}" for g, p in outside)),
        "errors": {k: {"count": len(v), "examples": v[:3]} for k, v in sorted(confusions.items(), key=lambda kv: -len(kv[1]))},
        "labels": dict(Counter(g.label for g in golds)),
        "family_confusions": dict(Counter(_family_pair(g, p) for g, p in zip(golds, predicted)
                                          if (g.sub_event_type or NO_EVENT) != p).most_common()),
    }
    return scores, details


def _family_pair(gold: CaseGold, predicted: str) -> str:
    """The pair "gold event type -> sitrep's event type", the unit of the failure analysis."""
    mine = "no event" if predicted == NO_EVENT else _EVENT_TYPE.get(predicted, predicted)
    theirs = _EVENT_TYPE[gold.sub_event_type] if gold.sub_event_type else f"outside ACLED ({gold.label})"
    return f"{theirs} -> {mine}"


NOTES = [
    "input: EventSnippet as article text, no publication date",
    "answer: sub_event_type of sitrep's most confident event; no event = wrong on ACLED rows",
    "macro-F1 over the ACLED sub-event types present in the gold rows",
    "the 5 non-ACLED labels (ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB) expect no event;"
    " they are left out of accuracy and macro-F1 and scored as 'no event' rate and in the end-to-end line",
]


def evaluate_case(path: Path, *, extractor, split: str = "dev", limit: Optional[int] = None) -> Report:
    """Score sitrep's event typing on one CASE 2021 file; the report names the typer used."""
    golds = read_case(gold_path(path, ""), limit=limit)
    typer = subtype.typer_name()
    with Timer() as timer:
        results, failures = run(extractor, [Item(g.id, g.text) for g in golds])
    predicted = [e.sub_event_type if (e := top_event(r)) else NO_EVENT for r in results]
    scores, details = score_case(golds, predicted)
    details["refused"] = dict(failures)
    details["typer"] = typer
    notes = [f"sub-event typer: {typer} (${subtype.TYPER_ENV}; words = the default, embed = opt-in)", *NOTES]
    return Report(set=f"case2021:{Path(path).name}", split=split, gold=str(path), rows=len(golds), scores=scores,
                  notes=notes, details=details, seconds=round(timer.seconds, 2))  # fmt: skip
