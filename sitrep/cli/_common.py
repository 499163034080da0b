"""Shared CLI plumbing: one clear line on stderr per domain error, and its exit code."""

from __future__ import annotations

from typing import NoReturn

import typer

from ..errors import SitrepError

__all__ = ["report_error", "fail"]


def report_error(err: SitrepError) -> None:
    """``sitrep: <input>: <reason>`` on stderr; no traceback."""
    typer.echo(f"sitrep: {err}", err=True)


def fail(err: SitrepError) -> NoReturn:
    """Report ``err`` and leave with its exit code."""
    report_error(err)
    raise typer.Exit(err.exit_code)
