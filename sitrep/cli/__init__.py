"""The ``sitrep`` command line: data on stdout, logs and progress on stderr.

Each sub-module adds its commands through ``register(app)``; this file lists them all.
Domain errors become one line on stderr and the error's exit code (see ``sitrep.errors``).
"""

from __future__ import annotations

import typer

from . import corpus, extract, gazetteer, serve
from . import eval as eval_cmd

__all__ = ["app", "main"]

app = typer.Typer(
    name="sitrep",
    help="Conflict news in, structured source-attributed event data out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _module in (extract, gazetteer, corpus, serve, eval_cmd):
    _module.register(app)


def main() -> None:
    app()
