"""``sitrep serve`` (the API and web page) and ``sitrep report`` (a situation report file)."""

from __future__ import annotations

import ipaddress
import logging
from pathlib import Path
from typing import Optional

import typer

from ..errors import SitrepError, UsageError
from ._common import fail
from .extract import parse_date

__all__ = ["register"]

log = logging.getLogger(__name__)

_DB = typer.Option(Path("sitrep.duckdb"), "--db", help="The DuckDB store.")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve_command(
    db: Path = _DB,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default: this machine only)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    token: Optional[str] = typer.Option(
        None, "--token", envvar="SITREP_API_TOKEN", help="API token required by write endpoints (submissions)."
    ),
    read_only: bool = typer.Option(False, "--read-only", help="Only browse; take no submissions (another process writes)."),
    config: Optional[Path] = typer.Option(None, "--config", help="A TOML file overriding sitrep's settings."),
) -> None:
    """Serve the REST API and the web page (map, timeline, claims) over a store.

    While it runs the server owns the store: articles POSTed to /api/documents are
    extracted in the background and fused into it. The API spec is at /api/openapi.json.

    Examples:

        sitrep serve --db conflict.duckdb

        sitrep serve --db conflict.duckdb --port 8080 --token "$(openssl rand -hex 16)"

        curl 'http://127.0.0.1:8000/api/events?country=AF&since=2024-03-01&limit=50'
    """
    import uvicorn

    from ..options import load_options
    from ..serve import create_app

    if not _is_loopback(host) and not token:
        typer.echo(f"sitrep: warning: listening on {host} without --token: anyone who can reach it may submit "
                   "articles", err=True)  # fmt: skip
    try:
        app = create_app(db, token=token, read_only=read_only, options=load_options(config))
    except SitrepError as err:
        fail(err)
    typer.echo(f"sitrep: serving {db} on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def report_command(
    since: str = typer.Option(..., "--since", help="First day of the report (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Last day (YYYY-MM-DD); default: the last event."),
    country: Optional[str] = typer.Option(None, "--country", help="Only this country (ISO alpha-2, e.g. AF)."),
    out: Path = typer.Option(..., "--out", "-o", help="report.html, or report.pdf (needs Chromium)."),
    top: int = typer.Option(10, "--top", min=1, max=100, help="How many of the deadliest events to detail."),
    db: Path = _DB,
) -> None:
    """Write a situation report: map, timeline, top events and the claims behind each figure.

    The HTML is one self-contained file (inline SVG and CSS, no scripts); a .pdf is printed
    from it by headless Chromium (scripts/install_browser.sh installs it).

    Examples:

        sitrep report --since 2024-06-01 --country SD --out sudan-june.html

        sitrep report --since 2024-01-01 --until 2024-03-31 --out q1.pdf --db conflict.duckdb
    """
    from ..report import write_report
    from ..store import Store

    try:
        first, last = parse_date(since, option="--since"), parse_date(until, option="--until")
        if country is not None and (len(country) != 2 or not country.isalpha()):
            raise UsageError(f"--country takes an ISO alpha-2 code like AF, got {country!r}", input="--country")
        with Store.open(db, read_only=True) as store:
            count = write_report(store, out, since=first, until=last, country=country, top=top)
    except SitrepError as err:
        fail(err)
    typer.echo(f"{count} events in the report → {out}", err=True)


def register(app: typer.Typer) -> None:
    """Add ``serve`` and ``report`` to ``app``."""
    app.command("serve")(serve_command)
    app.command("report")(report_command)
