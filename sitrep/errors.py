"""sitrep's exceptions. Every error names the input it concerns and says what to do.

The hierarchy::

    SitrepError                      base; ``.input`` names the file, URL or document id
    ├── InputError                   the input cannot become a Document              exit 3
    │   ├── EmptyInput               nothing but whitespace / markup                 exit 10
    │   ├── BinaryInput              a PDF, image, archive or other non-text bytes   exit 11
    │   ├── InputTooLarge            over ``Options.ingest.max_bytes``               exit 12
    │   ├── EncodingError            bytes that decode to garbage                    exit 13
    │   ├── MalformedInput           HTML/WARC/feed that cannot be parsed at all     exit 14
    │   └── UnsupportedLanguage      the article is not English                      exit 15
    ├── UsageError                   a bad option or argument, e.g. --published      exit 2
    ├── ResourceError                a model or lexicon is missing or corrupt        exit 4
    │   ├── ModelMissing                                                             exit 4
    │   └── GazetteerError           the gazetteer index is missing or corrupt       exit 6
    └── StoreError                   the DuckDB store cannot be opened or written    exit 5
        └── StoreLocked              another process holds the store                 exit 7

Each kind has its own exit code, so a script can tell an empty file from a PDF.

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

    def __reduce__(self):
        # keep input and hint across processes (Dask workers pickle errors)
        return _rebuild, (type(self), self.reason, self.input, self.hint)

    def __str__(self) -> str:
        # one line, always: a newline in a file name must not forge a second stderr line
        name = "".join(c if c.isprintable() else repr(c)[1:-1] for c in self.input) if self.input else None
        text = f"{name}: {self.reason}" if name else self.reason
        return f"{text} ({self.hint})" if self.hint else text


def _rebuild(cls, reason, input, hint):
    return cls(reason, input=input, hint=hint)


class InputError(SitrepError):
    exit_code = 3
    stage = "ingest"


class EmptyInput(InputError):
    exit_code = 10


class BinaryInput(InputError):
    exit_code = 11


class InputTooLarge(InputError):
    exit_code = 12


class EncodingError(InputError):
    exit_code = 13


class MalformedInput(InputError):
    exit_code = 14


class UnsupportedLanguage(InputError):
    exit_code = 15
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
    exit_code = 6
    stage = "gazetteer"


class StoreError(SitrepError):
    exit_code = 5
    stage = "store"


class StoreLocked(StoreError):
    exit_code = 7
