"""sitrep's exceptions. Every error names the input it concerns and says what to do.

The hierarchy::

    SitrepError                      base; ``.input`` names the file, URL or document id
    ├── InputError                   the input cannot become a Document (exit code 3)
    │   ├── EmptyInput               nothing but whitespace / markup
    │   ├── BinaryInput              a PDF, image, archive or other non-text bytes
    │   ├── InputTooLarge            over ``Options.max_bytes``
    │   ├── EncodingError            bytes that decode to garbage in every encoding tried
    │   ├── MalformedInput           HTML/WARC/feed that cannot be parsed at all
    │   └── UnsupportedLanguage      the article is not English
    ├── UsageError                   a bad option or argument value, e.g. --published (exit code 2)
    ├── ResourceError                a model, lexicon or gazetteer is missing or corrupt (exit code 4)
    │   ├── ModelMissing
    │   └── GazetteerError
    └── StoreError                   the DuckDB store cannot be opened or written (exit code 5)
        └── StoreLocked

Errors of other libraries (UnicodeDecodeError, lxml's, duckdb's, sqlite3's) are
translated into these at the boundary where they happen.
"""

from __future__ import annotations

from typing import Optional

__all__ = [
    "SitrepError",
    "InputError",
    "EmptyInput",
    "BinaryInput",
    "InputTooLarge",
    "EncodingError",
    "MalformedInput",
    "UnsupportedLanguage",
    "UsageError",
    "ResourceError",
    "ModelMissing",
    "GazetteerError",
    "StoreError",
    "StoreLocked",
]


class SitrepError(Exception):
    """Base of all sitrep errors. ``str(err)`` is one line: ``<input>: <reason>``."""

    exit_code = 1
    #: the pipeline stage where the error arose (ingest, clean, nlp, extract, store…)
    stage = "sitrep"

    def __init__(self, reason: str, *, input: Optional[str] = None, hint: Optional[str] = None):
        self.reason = reason
        self.input = input
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.input}: {self.reason}" if self.input else self.reason
        return f"{text} ({self.hint})" if self.hint else text


class InputError(SitrepError):
    exit_code = 3
    stage = "ingest"


class EmptyInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class InputTooLarge(InputError):
    pass


class EncodingError(InputError):
    pass


class MalformedInput(InputError):
    pass


class UnsupportedLanguage(InputError):
    stage = "language"


class UsageError(SitrepError):
    exit_code = 2
    stage = "usage"


class ResourceError(SitrepError):
    exit_code = 4
    stage = "resources"


class ModelMissing(ResourceError):
    pass


class GazetteerError(ResourceError):
    stage = "gazetteer"


class StoreError(SitrepError):
    exit_code = 5
    stage = "store"


class StoreLocked(StoreError):
    pass
