"""``sitrep eval events|acled|case|plover|args|extraction|geoparsing|all``: scores against human-coded gold.

The table goes to stderr (it is a report for people); ``--json OUT`` writes the numbers,
``--json -`` prints them on stdout. The gold is read from ``../shared/eval`` beside the
project, or ``$SITREP_EVAL_DATA``, or ``--gold PATH`` for one file in the same format.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from ..errors import SitrepError
from ._common import fail

__all__ = ["register"]


class Split(str, Enum):
    dev = "dev"
    test = "test"


_SPLIT = typer.Option(Split.dev, "--split", help="dev (tune on it) or test (report only).")
_GOLD = typer.Option(None, "--gold", help="One gold file (or the Zyte folder) in the set's format, instead of the defaults.")
_LIMIT = typer.Option(None, "--limit", min=1, help="Score only the first N rows of each file (for quick runs).")
_JSON = typer.Option(None, "--json", help="Write the report as JSON to this file (- for stdout).")
_CONFIG = typer.Option(None, "--config", help="A TOML file overriding sitrep's settings.")


def _console() -> Console:
    # a report piped to a file keeps its columns rather than wrapping at 80
    return Console(stderr=True, width=None if sys.stderr.isatty() else 140)


def _write(reports, out: Optional[str]) -> None:
    from ..evaluate import write_json

    if out is None:
        return
    if out == "-":
        typer.echo(json.dumps({"reports": [r.to_dict() for r in reports]}, indent=1, ensure_ascii=False, default=str))
    else:
        write_json(reports, Path(out))


def _run_set(name: str, split: Split, gold: Optional[Path], limit: Optional[int], config: Optional[Path],
             extractor=None):  # fmt: skip
    """Evaluate every gold file of set ``name``; returns the reports and the extractor it built."""
    from ..evaluate import evaluate, gold_files, needs_extractor, render
    from ..options import load_options

    options = load_options(config)
    files = gold_files(name, split.value, gold)
    if extractor is None and needs_extractor(name):
        from ..pipeline import Extractor

        extractor = Extractor(options)
    reports = []
    for path, label in files:
        report = evaluate(name, path, split=label, extractor=extractor, options=options, limit=limit)
        render(report, _console())
        reports.append(report)
    return reports, extractor


def _command(name: str):
    def command(split: Split = _SPLIT, gold: Optional[Path] = _GOLD, limit: Optional[int] = _LIMIT,
                json_out: Optional[str] = _JSON, config: Optional[Path] = _CONFIG) -> None:  # fmt: skip
        try:
            reports, _ = _run_set(name, split, gold, limit, config)
            _write(reports, json_out)
        except SitrepError as err:
            fail(err)

    return command


_HELP = {
    "acled": """ACLED rows from their notes: per-field agreement with the coders, beside the majority baseline.

    dev: Afghanistan March 1-10 2020 and Africa Jan-May 2016 (old 9-type taxonomy, mapped);
    test: Afghanistan March 11-21 2020.

    Example: sitrep eval acled --split dev --limit 50
    """,
    "case": """CASE 2021 snippets: sub-event type accuracy and macro-F1 over ACLED's 25 types.

    Example: sitrep eval case --split test --json case.json
    """,
    "plover": """PLOVER gold sentences: source/target actor and event type agreement (no split: all dev).

    Example: sitrep eval plover --json -
    """,
    "args": """WikiEvents and RAMS: attacker, victim and place argument F1.

    Example: sitrep eval args --split dev --gold rams/dev.jsonlines
    """,
    "extraction": """Zyte article benchmark: token P/R/F1 of sitrep's clean text vs trafilatura's default (no split).

    Example: sitrep eval extraction --limit 20
    """,
    "geoparsing": """GeoWebNews, LGL, TR-News: toponym recognition P/R/F1 and resolution accuracy@161 km, mean/median km.

    dev: GeoWebNews articles 0-99; test: GeoWebNews 100-199, LGL and TR-News.

    Example: sitrep eval geoparsing --split dev --json geo.json
    """,
}


def all_command(
    split: Split = _SPLIT,
    limit: Optional[int] = _LIMIT,
    out_dir: Optional[Path] = typer.Option(None, "--out-dir", help="Write eval-<set>-<split>.json files here."),
    config: Optional[Path] = _CONFIG,
) -> None:
    """Run every set on one split, loading the pipeline once.

    Example: sitrep eval all --split test --out-dir bench/results
    """
    extractor = None
    try:
        for name in _HELP:
            reports, extractor = _run_set(name, split, None, limit, config, extractor)
            if out_dir is not None:
                _write(reports, str(out_dir / f"eval-{name}-{split.value}.json"))
    except SitrepError as err:
        fail(err)


_EVENT_SETS = ("acled", "case", "plover", "args")


def events_command(
    split: Split = _SPLIT,
    limit: Optional[int] = _LIMIT,
    json_out: Optional[str] = _JSON,
    config: Optional[Path] = _CONFIG,
) -> None:
    """Event coding against every human-coded set (ACLED, CASE 2021, PLOVER, WikiEvents/RAMS), one pipeline load.

    Example: sitrep eval events --split dev --json events-dev.json
    """
    extractor, reports = None, []
    try:
        for name in _EVENT_SETS:
            found, extractor = _run_set(name, split, None, limit, config, extractor)
            reports.extend(found)
        _write(reports, json_out)
    except SitrepError as err:
        fail(err)


def register(app: typer.Typer) -> None:
    """Add the ``eval`` command group to ``app``."""
    group = typer.Typer(help="Measure sitrep against human-coded gold (../shared/eval).", no_args_is_help=True)
    for name, help_text in _HELP.items():
        group.command(name, help=help_text)(_command(name))
    group.command("events")(events_command)
    group.command("all")(all_command)
    app.add_typer(group, name="eval")
