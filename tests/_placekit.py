"""Shared kit of the place tests: a small gazetteer built from hand-written rows, and blank-pipeline
Docs whose NER entities the test names (no model needed)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Iterator, Sequence

import spacy
from spacy.tokens import Doc

from sitrep.gazetteer import Gazetteer, PlaceRow, Sources, build_gazetteer

BLANK = spacy.blank("en")


@contextlib.contextmanager
def small_gazetteer(folder: Path, rows: Sequence[PlaceRow]) -> Iterator[Gazetteer]:
    """A gazetteer of ``rows`` only, built in ``folder`` and open for the block."""
    path = folder / "gazetteer.sqlite"
    build_gazetteer(path, sources=Sources(places=list(rows)))
    with Gazetteer.open(path) as gazetteer:
        yield gazetteer


def entity_doc(text: str, *surfaces: str, label: str = "GPE") -> Doc:
    """A blank-pipeline Doc whose ``surfaces`` (exact substrings, first occurrence) are entities of ``label``."""
    doc = BLANK(text)
    doc.ents = [doc.char_span(text.index(s), text.index(s) + len(s), label=label) for s in surfaces]
    return doc
