"""``python -m sitrep.cli``: the same as the ``sitrep`` command."""

from . import main

main()
