"""``sitrep gazetteer build|import`` and ``sitrep geocode``."""

import typer


def register(app: typer.Typer) -> None:
    """Add the gazetteer commands to ``app``."""
