"""``sitrep eval``: measure sitrep against third-party human-coded gold.

One module per set, each reading its gold format, running sitrep, and scoring:

=============  ===========================================  =====================================
set            module                                       scores
=============  ===========================================  =====================================
acled          :mod:`.acled` (current and 2016 schema)      per-field agreement + majority baseline
case           :mod:`.case` (CASE 2021 task 2)              sub-event accuracy and macro-F1
plover         :mod:`.plover` (PLOVER GSR)                  source/target actor, event type
args           :mod:`.args` (WikiEvents, RAMS)              attacker/victim/place F1
extraction     :mod:`.extraction` (Zyte benchmark)          token P/R/F1 vs trafilatura
geoparsing     :mod:`.geoparsing` (GWN, LGL, TR-News)       toponym P/R/F1, accuracy@161 km
=============  ===========================================  =====================================

:func:`gold_files` says which files a set reads for a split (under ``../shared/eval`` or
``$SITREP_EVAL_DATA``); :func:`evaluate` runs one file. The spaCy pipeline comes in as an
``extractor`` (a :class:`sitrep.pipeline.Extractor`, or any object with ``extract_many``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..errors import UsageError
from ..options import Options
from . import acled, args, case, extraction, geoparsing, plover
from ._common import eval_root, gold_path
from .report import Report, Score, render, write_json

__all__ = ["SETS", "SPLITS", "gold_files", "evaluate", "needs_extractor", "eval_root", "Report", "Score", "render",
           "write_json"]  # fmt: skip

SPLITS = ("dev", "test")


def _listed(files) -> dict[str, list[str]]:
    return {split: [names] if isinstance(names, str) else list(names) for split, names in files.items()}


#: set name → {split: gold paths relative to the evaluation folder}. Sets without a split list
#: only "dev": the README counts them as dev, and a test run reports them as such.
SETS: dict[str, dict[str, list[str]]] = {
    "acled": _listed(acled.FILES),
    "case": _listed(case.FILES),
    "plover": _listed(plover.FILES),
    "args": _listed(args.FILES),
    "extraction": _listed(extraction.FILES),
    "geoparsing": _listed(geoparsing.FILES),
}
_EVALUATORS = {
    "acled": acled.evaluate_acled,
    "case": case.evaluate_case,
    "plover": plover.evaluate_plover,
    "args": args.evaluate_args,
    "geoparsing": geoparsing.evaluate_geoparsing,
}


def gold_files(name: str, split: str, gold: Optional[Path] = None) -> list[tuple[Path, str]]:
    """(path, split label) of each gold file set ``name`` reads; ``gold`` replaces the defaults."""
    if name not in SETS:
        raise UsageError(f"unknown evaluation set {name!r}", input=name, hint=f"one of {', '.join(SETS)}")
    if split not in SPLITS:
        raise UsageError(f"unknown split {split!r}", input=split, hint="dev or test")
    if gold is not None:
        return [(gold_path(gold, ""), split)]
    files = SETS[name]
    # an unsplit set is all dev: a test run still scores it, labelled as what it is
    label = split if split in files else "dev (no split)"
    return [(gold_path(None, rel), label) for rel in files.get(split, files["dev"])]


def needs_extractor(name: str) -> bool:
    """Whether the set runs the full pipeline (all but the extraction benchmark)."""
    return name in _EVALUATORS


def evaluate(name: str, path: Path, *, split: str, extractor=None, options: Optional[Options] = None,
             limit: Optional[int] = None) -> Report:  # fmt: skip
    """Score one gold file of set ``name``."""
    if name == "extraction":
        if options is None:
            raise UsageError("the extraction benchmark needs options", input=name)
        return extraction.evaluate_extraction(path, options=options.ingest, split=split, limit=limit)
    return _EVALUATORS[name](path, extractor=extractor, split=split, limit=limit)
