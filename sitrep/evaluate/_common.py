"""Plumbing shared by the evaluation sets: where the gold lives, running sitrep over texts.

The gold is third-party data kept beside the project (``../shared/eval``), never inside it;
``$SITREP_EVAL_DATA`` or an explicit path points elsewhere.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional, Protocol, Union

from ..errors import ResourceError, SitrepError
from ..ingest import RawDocument
from ..records import Event, Result

__all__ = ["eval_root", "gold_path", "Item", "Runner", "run", "top_event", "Timer"]

log = logging.getLogger(__name__)

_PROJECT = Path(__file__).resolve().parents[2]


class _Extracts(Protocol):
    def extract_many(self, raws: Iterable[RawDocument], *, published=None) -> Iterator[Union[Result, SitrepError]]: ...


def eval_root() -> Path:
    """``$SITREP_EVAL_DATA``, else ``../shared/eval`` beside the project checkout."""
    env = os.environ.get("SITREP_EVAL_DATA")
    return Path(env) if env else _PROJECT.parent / "shared" / "eval"


def gold_path(given: Optional[Path], default: str) -> Path:
    """``given`` if set, else ``default`` under :func:`eval_root`; ResourceError when it is missing."""
    path = Path(given) if given is not None else eval_root() / default
    if not path.exists():
        raise ResourceError(
            "evaluation gold not found",
            input=str(path),
            hint="pass --gold PATH, or set SITREP_EVAL_DATA to the folder holding events/ and extraction/",
        )
    return path


@dataclass
class Item:
    """One text to run sitrep on; ``published`` is passed as the document's publication date."""

    id: str
    text: str
    published: Optional[dt.date] = None


@dataclass
class Runner:
    """Counts what happened to the texts: how many failed, and why."""

    failures: Counter = field(default_factory=Counter)

    def results(self, extractor: _Extracts, items: list[Item]) -> Iterator[Optional[Result]]:
        """sitrep's Result for each item, in order; None where the pipeline refused the text."""
        raws = (RawDocument(input=i.id, text=i.text, format="text", published=i.published) for i in items)
        # published=None: each RawDocument carries its own date, which extract_many keeps
        for item, out in zip(items, extractor.extract_many(raws)):
            if isinstance(out, SitrepError):
                self.failures[type(out).__name__] += 1
                log.debug("%s: %s", item.id, out)
                yield None
            else:
                yield out


def run(extractor: _Extracts, items: list[Item]) -> tuple[list[Optional[Result]], Counter]:
    """All results (None for a refused text) and the failure counts by error kind."""
    runner = Runner()
    return list(runner.results(extractor, items)), runner.failures


def top_event(result: Optional[Result]) -> Optional[Event]:
    """The event a one-event gold row is compared with: the most confident, first in the text on a tie."""
    if result is None or not result.events:
        return None
    return max(enumerate(result.events), key=lambda ie: (ie[1].confidence, -ie[0]))[1]


class Timer:
    """Wall-clock seconds of a ``with`` block."""

    def __enter__(self) -> "Timer":
        self.start = time.perf_counter()
        self.seconds = 0.0
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self.start
