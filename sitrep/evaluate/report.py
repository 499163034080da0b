"""The outcome of one evaluation run: a Rich table for people and a JSON file for the record.

A :class:`Report` holds one :class:`Score` per measured field (value, the counts it comes
from, and the majority baseline where one applies), the notes that say how the numbers were
made (what was passed as publication date, which event was scored…), and free-form
``details`` (per-class scores, error kinds) that go to the JSON only.
"""

from __future__ import annotations

import datetime as dt
import json
import platform
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Optional

from rich.console import Console
from rich.table import Table

from ..errors import UsageError
from .metrics import PRF, Tally

__all__ = ["Score", "Report", "render", "write_json"]


@dataclass
class Score:
    """One line of the table: ``value`` is a rate or F1, ``correct``/``total`` what it counts."""

    name: str
    value: Optional[float]
    correct: Optional[int] = None
    total: Optional[int] = None
    baseline: Optional[float] = None
    note: str = ""

    @classmethod
    def of(cls, name: str, tally: Tally, *, baseline: Optional[Tally] = None, note: str = "") -> "Score":
        return cls(name, tally.rate, tally.correct, tally.total, baseline.rate if baseline else None, note)

    @classmethod
    def f1(cls, name: str, scores: PRF, *, note: str = "") -> "Score":
        """F1 with tp out of the gold items (tp + fn); precision and recall go in the note."""
        extra = f"P {scores.precision:.3f} R {scores.recall:.3f}"
        return cls(name, scores.f1, scores.tp, scores.tp + scores.fn, None, f"{extra}; {note}" if note else extra)


@dataclass
class Report:
    """Scores of one gold file (or folder) for one split."""

    set: str
    split: str
    gold: str
    rows: int
    scores: list[Score] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    seconds: Optional[float] = None

    def score(self, name: str) -> Score:
        """The score called ``name``; KeyError when the report has none."""
        for score in self.scores:
            if score.name == name:
                return score
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["created"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        out["python"] = platform.python_version()
        return out


def _cell(value: Optional[float]) -> str:
    return "–" if value is None else f"{value:.3f}"


def render(report: Report, console: Optional[Console] = None) -> None:
    """Print ``report`` as a table (to stderr by default: stdout is for data)."""
    console = console or Console(stderr=True)
    title = f"{report.set} · {report.split} · {report.rows} rows"
    if report.seconds is not None:
        title += f" · {report.seconds:.1f} s"
    table = Table(title=title, title_justify="left")
    for column, justify in (("field", "left"), ("score", "right"), ("count", "right"),
                            ("baseline", "right"), ("note", "left")):  # fmt: skip
        table.add_column(column, justify=justify)
    for s in report.scores:
        count = "" if s.total is None else str(s.total) if s.correct is None else f"{s.correct}/{s.total}"
        table.add_row(s.name, _cell(s.value), count, _cell(s.baseline) if s.baseline is not None else "", s.note)
    console.print(table)
    for note in report.notes:
        console.print(f"  · {note}", highlight=False)


def write_json(reports: list[Report], path: Path) -> None:
    """Write the reports as one JSON object ``{"reports": [...]}``."""
    payload = {"reports": [r.to_dict() for r in reports]}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(payload, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    except OSError as err:
        raise UsageError(f"cannot write the report: {err.strerror or err}", input=str(path),
                         hint="give a writable --json path") from err  # fmt: skip
