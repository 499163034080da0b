"""Stage 1, ingest: a path, stdin or bytes in, a :class:`RawDocument` out.

The steps: refuse over-large input by its size (before reading it) → refuse empty
input → bytes to text (:mod:`.decode`: binary refused, encoding found) → format
(given, file extension, or sniffed from the content) → the format's reader
(:mod:`.html`, :mod:`.text`). Every failure is a :class:`~sitrep.errors.InputError`
naming the input as the user gave it.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import EmptyInput, InputError, InputTooLarge, UsageError
from ..options import IngestOptions
from .decode import decode_bytes
from .html import parse_html
from .text import Parsed, hostname, parse_text

__all__ = ["RawDocument", "read_input", "parse_bytes", "FORMATS"]

log = logging.getLogger(__name__)

#: The formats :func:`parse_bytes` reads, and the aliases users may give for them.
FORMATS = {"html": "html", "htm": "html", "text": "text", "txt": "text", "markdown": "markdown", "md": "markdown"}
_SUFFIXES = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown",
}  # fmt: skip
_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAG = re.compile(r"</?(?:p|div|br|span|a|article|section|h[1-6]|body|head|title|meta|script|li|ul|table)\b[^>]*>", re.I)
#: Tags in the first 4,000 characters for content without an <html> start to count as HTML.
_MIN_HTML_TAGS = 3
_MARKDOWN = re.compile(r"^#{1,6} \S|\[[^\]\n]+\]\([^)\s]+\)|^\s{0,3}[-*+] \S.*\n\s{0,3}[-*+] \S|\*\*\S", re.M)


@dataclass
class RawDocument:
    """An input's main text (paragraphs separated by a blank line) and metadata, before cleaning."""

    input: str
    text: str
    format: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None


def read_input(
    source: str | Path, *, options: IngestOptions, data: bytes | None = None, format: str | None = None
) -> RawDocument:
    """Read a file (or stdin's bytes in ``data`` when ``source`` is ``"-"``) into a RawDocument.

    ``format`` None means: the file extension, else sniffed from the content.
    """
    name = str(source)
    if data is None:
        if name == "-":
            raise UsageError("stdin ('-') given but no data was read from it", input=name)
        data = _read_file(Path(source), input=name, max_bytes=options.max_bytes)
    if format is None and name != "-":
        format = _SUFFIXES.get(Path(name).suffix.lower())
    return parse_bytes(data, input=name, options=options, format=format)


def parse_bytes(
    data: bytes, *, input: str, options: IngestOptions, format: str | None = None, url: str | None = None
) -> RawDocument:
    """The same as :func:`read_input` from bytes; ``url`` is where they came from, if known."""
    fmt = _format_name(format, input=input)
    if len(data) > options.max_bytes:
        raise _too_large(len(data), options.max_bytes, input=input)
    if not data.strip():
        raise EmptyInput("the input is empty", input=input, hint="give a file with article text")
    text = decode_bytes(data, input=input)
    if not text.strip():
        raise EmptyInput("the input holds only whitespace", input=input, hint="give a file with article text")
    fmt = fmt or _sniff_format(text)
    if fmt == "html":
        parsed = parse_html(text, input=input, url=url)
    else:
        parsed = parse_text(text, markdown=fmt == "markdown")
    if not parsed.text.strip():
        raise EmptyInput(f"no article text found in this {fmt}", input=input, hint="check the page has text")
    return _document(parsed, input=input, format=fmt, url=url)


def _document(parsed: Parsed, *, input: str, format: str, url: str | None) -> RawDocument:
    page_url = parsed.url or url
    return RawDocument(
        input=input,
        text=parsed.text,
        format=format,
        title=parsed.title,
        url=page_url,
        source=parsed.source or hostname(page_url),
        published=parsed.published,
    )


def _read_file(path: Path, *, input: str, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_large(size, max_bytes, input=input)
        with path.open("rb") as handle:
            # Read one byte past the limit: special files and growing files report no true size.
            data = handle.read(max_bytes + 1)
    except FileNotFoundError as err:
        raise InputError("no such file", input=input, hint="check the path") from err
    except IsADirectoryError as err:
        raise InputError("is a directory, not a file", input=input, hint="give one file, or use `sitrep run`") from err
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", input=input, hint="check the file's permissions") from err
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes, input=input)
    return data


def _too_large(size: int, limit: int, *, input: str) -> InputTooLarge:
    return InputTooLarge(
        f"{size:,} bytes is over the limit of {limit:,}",
        input=input,
        hint="raise ingest.max_bytes in the config if the file really is one article",
    )


def _format_name(format: str | None, *, input: str) -> str | None:
    if format is None:
        return None
    try:
        return FORMATS[format.lower()]
    except KeyError:
        raise UsageError(
            f"unknown input format {format!r}", input=input, hint="use html, text or markdown"
        ) from None


def _sniff_format(text: str) -> str:
    head = text[:4000]
    if _HTML_START.match(head) or len(_HTML_TAG.findall(head)) >= _MIN_HTML_TAGS:
        return "html"
    if _MARKDOWN.search(head):
        return "markdown"
    return "text"
