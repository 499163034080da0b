"""What the actor stage's passes share: a candidate mention before overlaps are resolved, and
the document being read. Kept apart from :mod:`.actors` so its helpers (:mod:`._people`) can
build candidates without importing the stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc

from ._lexicon import Lexicon, LexiconEntry, When, fold

__all__ = ["Cand", "Context", "slug"]

_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass
class Cand:
    """A candidate mention, in token offsets, before overlaps are resolved."""

    start: int
    end: int
    source: str                       # "lex", "gen", "ner", "person" or "state"
    entry: Optional[LexiconEntry] = None
    category: Optional[str] = None    # generic category
    country: Optional[str] = None     # country named by a demonym before a generic
    name_end: Optional[int] = None    # end of the name when a head noun was joined to it
    person: Optional[str] = None      # a person's full name
    standin: bool = False             # a state actor "the group" may mean (see _stands_in)

    @property
    def alias_end(self) -> int:
        return self.name_end if self.name_end is not None else self.end


@dataclass
class Context:
    doc: Doc
    lexicon: Lexicon
    country: Optional[str]
    year: When


def slug(name: str) -> str:
    """An id-safe form of a name: "Ituri Patriotic Front" -> "ituri-patriotic-front"."""
    return _SLUG.sub("-", fold(name).lower()).strip("-")
