"""``sitrep run``, ``failures``, ``show``, ``export``: the corpus and its store."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Iterator, Optional

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..errors import SitrepError, UsageError
from ._common import fail
from .extract import parse_date

__all__ = ["register"]

_DB = typer.Option(Path("sitrep.duckdb"), "--db", help="The DuckDB store.")


class ExportFormat(str, Enum):
    acled_csv = "acled-csv"
    jsonl = "jsonl"
    geojson = "geojson"
    parquet = "parquet"


def run_command(
    paths: list[str] = typer.Argument(
        ..., help="Folders, globs or files: .html .htm .txt .md, .warc(.gz), RSS/Atom (.rss .atom .xml), .jsonl."
    ),
    db: Path = _DB,
    batch_size: Optional[int] = typer.Option(
        None, "--batch-size", min=1, help="Articles per batch, one transaction of the store (default 128)."
    ),
    workers: int = typer.Option(0, "--workers", min=0, help="Extract on a local Dask cluster of N worker processes."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Extract on the Dask cluster at tcp://HOST:PORT."),
    retry_failed: bool = typer.Option(False, "--retry-failed", help="Process inputs recorded as failed again."),
    output: Optional[tuple[str, Path]] = typer.Option(
        None, "--output", help="'parquet DIR': write partitioned Parquet under DIR instead of the store."
    ),
    config: Optional[Path] = typer.Option(None, "--config", help="A TOML file overriding sitrep's settings."),
) -> None:
    """Extract every article under PATHS into the store, fusing reports of the same event.

    Resumable: inputs already stored or recorded as failed are skipped, so after an
    interruption the same command carries on. An input that fails is recorded (see
    `sitrep failures`) and the run goes on. Progress goes to stderr.

    Examples:

        sitrep run reports/ crawl.warc.gz feeds/*.xml --db conflict.duckdb

        sitrep run reports/ --workers 2 --batch-size 64

        sitrep run crawl.warc.gz --output parquet out/
    """
    from .. import runner
    from ..options import load_options
    from ..sink import ParquetSink
    from ..store import Store

    try:
        options = load_options(config)
        if output and output[0] != "parquet":
            raise UsageError(f"--output takes 'parquet DIR', got {output[0]!r}", input="--output")
        sink = ParquetSink(output[1]) if output else Store.open(db)
    except SitrepError as err:
        fail(err)
    try:
        with _processor(options, workers, scheduler) as processor, _progress() as on_batch:
            stats = runner.run(
                paths, sink=sink, processor=processor, batch_size=batch_size or runner.BATCH_SIZE,
                retry_failed=retry_failed, max_bytes=options.ingest.max_bytes, on_batch=on_batch,
            )  # fmt: skip
    except SitrepError as err:
        fail(err)
    finally:
        sink.close()
    typer.echo(_summary(stats, f"Parquet under {output[1]}" if output else str(db)), err=True)
    if stats.failed and not output:
        typer.echo(f"See `sitrep failures --db {db}` for what failed and why.", err=True)


def _summary(stats, where: str) -> str:
    return (
        f"{stats.seen} inputs in {stats.elapsed:.1f}s ({stats.rate:.1f}/s) → {where}: {stats.stored} stored, "
        f"{stats.duplicates} already stored, {stats.failed} failed; {stats.events} events, "
        f"{stats.fused} fused events new or updated."
    )


@contextmanager
def _processor(options, workers: int, scheduler: Optional[str]) -> Iterator[object]:
    from ..runner import LocalProcessor, build_extractor

    if not workers and not scheduler:
        yield LocalProcessor(build_extractor(options), ingest_options=options.ingest)
        return
    from ..scale import DaskProcessor, open_client

    with open_client(workers=workers or None, scheduler=scheduler) as client:
        yield DaskProcessor(client, partial(build_extractor, options), ingest_options=options.ingest)


@contextmanager
def _progress() -> Iterator[object]:
    """A Rich progress line on stderr: articles, articles/s, failures."""
    columns = (
        SpinnerColumn(),
        TextColumn("{task.completed} articles"),
        TextColumn("{task.fields[rate]:.1f}/s"),
        TextColumn("{task.fields[failed]} failed"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=False) as progress:
        task = progress.add_task("run", total=None, rate=0.0, failed=0)
        yield lambda stats: progress.update(task, completed=stats.seen, rate=stats.rate, failed=stats.failed)


def _open(db: Path):
    from ..store import Store

    return Store.open(db, read_only=True)


def failures_command(
    db: Path = _DB,
    stage: Optional[str] = typer.Option(None, "--stage", help="Only failures of this stage (ingest, language, extract…)."),
) -> None:
    """List the inputs that failed, as tab-separated input, stage, reason, time.

    Examples:

        sitrep failures --db conflict.duckdb

        sitrep failures --stage ingest | cut -f1
    """
    try:
        with _open(db) as store:
            rows = store.failures(stage=stage)
    except SitrepError as err:
        fail(err)
    for row in rows:
        typer.echo("\t".join((row.input, row.stage, row.reason, f"{row.time:%Y-%m-%d %H:%M:%S}")))


def show_command(
    event: str = typer.Argument(..., help="A fused event id (ev…), an exported event_id_cnty, or a document event id."),
    db: Path = _DB,
) -> None:
    """Show a fused event and every claim behind it: claimant, outlet, date, figure, sentence.

    Examples:

        sitrep show ev3f09c2a1b7d4 --db conflict.duckdb

        sitrep show AFG-ev3f09c2a1b7d4
    """
    try:
        with _open(db) as store:
            fused_id = store.resolve_event(event)
            if fused_id is None:
                raise UsageError("no such event in the store", input=event, hint="ids are in `sitrep export` output")
            row = store.fused_event(fused_id)
            claims = store.event_claims([fused_id])[fused_id]
            names = store.actors(a for a in (row["actor1"], row["actor2"]) if a)
    except SitrepError as err:
        fail(err)
    typer.echo(_event_header(row, names))
    typer.echo("claimant\toutlet\tdate\tclaim\tsentence")
    for c in claims:
        figure = "no number" if c["vague"] else ("denied" if c["denial"] else _figure(c["low"], c["high"]))
        date = c["date"] or c["published"]
        outlet = c["outlet"] or c["url"] or "?"
        typer.echo("\t".join((c["claimant"] or "(the outlet)", outlet, str(date or "?"), f"{c['kind']} {figure}", c["sentence"])))


def _figure(low: Optional[int], high: Optional[int]) -> str:
    if high is None:
        return f"at least {low}"
    return str(low) if low == high else f"{low}–{high}"


def _event_header(row: dict, names: dict) -> str:
    actors = " vs ".join(names.get(a, (a,))[0] for a in (row["actor1"], row["actor2"]) if a) or "unidentified actors"
    place = ", ".join(p for p in (row["location"], row["admin1"], row["country"]) if p) or "unknown place"
    high = "open" if row["fatalities_high"] is None else row["fatalities_high"]
    deaths = f"{row['fatalities_best'] or 0} (low {row['fatalities_low'] or 0}, high {high})"
    return (
        f"{row['id']}\t{row['event_type']} / {row['sub_event_type']}\t{row['date']} (precision {row['date_precision']})\n"
        f"{actors} in {place}\nfatalities {deaths} from {row['n_documents']} document(s)"
    )


def export_command(
    format: ExportFormat = typer.Option(ExportFormat.acled_csv, "--format", "-f", help="acled-csv, jsonl, geojson or parquet."),
    since: Optional[str] = typer.Option(None, "--since", help="Only events on or after this date (YYYY-MM-DD)."),
    country: Optional[str] = typer.Option(None, "--country", help="Only events in this country (ISO alpha-2, e.g. AF)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output file (default stdout; required for parquet)."),
    db: Path = _DB,
) -> None:
    """Export the fused events as ACLED-style CSV, JSON Lines, GeoJSON or Parquet.

    The CSV has ACLED's columns, then fatalities_low, fatalities_high and the claim ids.

    Examples:

        sitrep export --format acled-csv --country AF --since 2024-03-01 > af.csv

        sitrep export --format geojson --out events.geojson

        sitrep export --format parquet --out events.parquet
    """
    from ..export import export

    try:
        day = parse_date(since, option="--since")
        if format is ExportFormat.parquet and out is None:
            raise UsageError("parquet export needs a file", input="--out", hint="add --out events.parquet")
        with _open(db) as store:
            if format is ExportFormat.parquet:
                count = export(store, format.value, out, since=day, country=country)
            elif out is None:
                count = export(store, format.value, sys.stdout, since=day, country=country)
            else:
                with out.open("w", encoding="utf-8", newline="") as fh:
                    count = export(store, format.value, fh, since=day, country=country)
    except SitrepError as err:
        fail(err)
    except OSError as err:
        fail(UsageError(f"cannot write: {err.strerror}", input=str(out)))
    typer.echo(f"{count} events exported", err=True)


def register(app: typer.Typer) -> None:
    """Add the corpus commands to ``app``."""
    app.command("run")(run_command)
    app.command("failures")(failures_command)
    app.command("show")(show_command)
    app.command("export")(export_command)
