"""``sitrep extract``: one or more articles → JSON (one object, or JSON Lines) or a text report."""

from __future__ import annotations

import datetime as dt
import sys
from enum import Enum
from pathlib import Path
from typing import Iterator, Optional

import typer

from ..errors import SitrepError, UsageError
from ..ingest.corpus import is_corpus_file
from ._common import fail, report_error

__all__ = ["register", "parse_date", "expand_inputs"]

ARTICLE_SUFFIXES = {".html", ".htm", ".txt", ".md", ".markdown", ".text"}


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


def parse_date(value: Optional[str], *, option: str = "--published") -> Optional[dt.date]:
    """A YYYY-MM-DD option value, or a UsageError naming the option and the value."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"{option} must be a date like 2024-05-10, got {value!r}", input=option) from None


def _is_article(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES and is_corpus_file(path)


def expand_inputs(inputs: list[str]) -> Iterator[str]:
    """Files as given; a folder gives its article files (sorted, README/LICENSE skipped); ``-`` is stdin."""
    for item in inputs:
        path = Path(item)
        if item != "-" and path.is_dir():
            yield from sorted(str(p) for p in path.rglob("*") if _is_article(p))
        else:
            yield item


def extract_command(
    inputs: list[str] = typer.Argument(..., help="Article files (HTML, text, markdown), folders, or - for stdin."),
    published: Optional[str] = typer.Option(None, "--published", "-p", help="Publication date YYYY-MM-DD; overrides the page's own."),
    format: Format = typer.Option(Format.json, "--format", "-f", help="json (one object per input), jsonl, or text."),
    config: Optional[Path] = typer.Option(None, "--config", help="A TOML file overriding sitrep's settings."),
    indent: Optional[int] = typer.Option(None, "--indent", help="Indent JSON output (single input only)."),
) -> None:
    """Extract attributed events from articles.

    One input gives one JSON object; several give JSON Lines, in the order given. An input
    that fails prints one line on stderr and the others still come out.

    Examples:

        sitrep extract report.html

        sitrep extract report.txt --published 2024-05-10 --format text

        cat report.txt | sitrep extract - --published 2024-05-10
    """
    from ..options import load_options
    from ..pipeline import Extractor

    try:
        date = parse_date(published)
        options = load_options(config)
        names = list(expand_inputs(inputs))
        if not names:
            raise UsageError("no article files found", input=" ".join(inputs))
        extractor = Extractor(options)
    except SitrepError as err:
        fail(err)
    lines_mode = format is Format.jsonl or (format is Format.json and len(names) > 1)
    failures = [_one(extractor, name, date, format, lines_mode, indent) for name in names]
    errors = [e for e in failures if e is not None]
    if errors:
        raise typer.Exit(errors[0].exit_code if len(errors) == len(names) else 1)


def _one(extractor, name: str, date, format: Format, lines_mode: bool, indent) -> Optional[SitrepError]:
    try:
        data = sys.stdin.buffer.read() if name == "-" else None
        result = extractor.extract(name, published=date, data=data)
    except SitrepError as err:
        report_error(err)
        return err
    if format is Format.text:
        typer.echo(_text(result))
    else:
        typer.echo(result.model_dump_json(indent=None if lines_mode else indent))
    return None


def _text(result) -> str:
    from ..render import situation_report

    return situation_report(result) + "\n"


def register(app: typer.Typer) -> None:
    """Add ``extract`` to ``app``."""
    app.command("extract")(extract_command)
