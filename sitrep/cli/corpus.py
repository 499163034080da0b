"""``sitrep run``, ``failures``, ``show``, ``export``: the corpus and its store."""

import typer


def register(app: typer.Typer) -> None:
    """Add the corpus commands to ``app``."""
