"""Walk a corpus: folders, globs and files → one :class:`CorpusItem` per article.

Readers, by file name:

* ``.html`` ``.htm`` ``.txt`` ``.md``: one article per file;
* ``.warc`` ``.warc.gz``: streamed with warcio, one article per HTML (or plain text) response;
* ``.rss`` ``.atom`` ``.xml``: an RSS/Atom feed file, one article per entry (feedparser);
* ``.jsonl`` ``.ndjson``: JSON Lines of ``{"url", "html" | "text", "published"}``.

Every item has a stable ``input`` name (the absolute path, plus ``#<offset>`` for a WARC
record, ``#<entry id>`` for a feed entry, ``#L<line>`` for a JSON line), which is what a
resumed run skips. What cannot be read is yielded as a :class:`~sitrep.errors.SitrepError`
naming that input, and the walk goes on.
"""

from __future__ import annotations

import datetime as dt
import glob
import html
import json
import logging
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Container, Iterable, Iterator, Optional, Union

import feedparser
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import BinaryInput, EmptyInput, InputError, InputTooLarge, MalformedInput, SitrepError

__all__ = ["CorpusItem", "walk", "expand"]

log = logging.getLogger(__name__)

_ARTICLE_FORMATS = {".html": "html", ".htm": "html", ".txt": "text", ".md": "markdown"}
_FEEDS = {".rss", ".atom", ".xml"}
_JSONL = {".jsonl", ".ndjson"}
_WARC = (".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
#: how far past the last whole WARC record to look for the remains of a cut-off one
_TAIL_PROBE = 1 << 16


@dataclass(frozen=True)
class CorpusItem:
    """One article's bytes, with what the container said about it."""

    input: str
    data: bytes
    format: Optional[str] = None
    url: Optional[str] = None
    published: Optional[dt.date] = None


Walked = Union[CorpusItem, SitrepError]


def _suffix(path: Path) -> str:
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


#: a folder's README/LICENSE describe the folder; they are not reports
_FOLDER_DOCS = frozenset({"README", "LICENSE", "CHANGELOG"})


def is_corpus_file(path: Path) -> bool:
    """Whether a file found in a folder is an input sitrep reads (by its ending)."""
    suffix = _suffix(path)
    if path.stem.upper() in _FOLDER_DOCS:
        return False
    return suffix in _ARTICLE_FORMATS or suffix in _FEEDS or suffix in _JSONL or suffix in _WARC



def expand(paths: Iterable[str | Path]) -> Iterator[Path | SitrepError]:
    """Files named by ``paths`` (folders walked recursively, globs expanded), in sorted order."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from sorted(p.resolve() for p in path.rglob("*") if p.is_file() and is_corpus_file(p))
        elif path.is_file():
            yield path.resolve()
        elif glob.has_magic(str(given)) and (matches := sorted(glob.glob(str(given), recursive=True))):
            yield from expand(matches)
        else:
            yield InputError("no such file or folder", input=str(given), hint="check the path or quote the glob")


def walk(
    paths: Iterable[str | Path], *, skip: Container[str] = frozenset(), max_bytes: Optional[int] = None
) -> Iterator[Walked]:
    """Every article under ``paths`` not named in ``skip``, or the error that stopped one."""
    for path in expand(paths):
        if isinstance(path, SitrepError):
            yield path
            continue
        suffix = _suffix(path)
        if suffix in _WARC:
            items = _warc_items(path, max_bytes)
        elif suffix in _FEEDS:
            items = _feed_items(path)
        elif suffix in _JSONL:
            items = _jsonl_items(path)
        elif str(path) in skip:
            continue
        else:
            items = _file_item(path, _ARTICLE_FORMATS.get(suffix), max_bytes)
        yield from (item for item in items if item.input not in skip)


def _file_item(path: Path, format: Optional[str], max_bytes: Optional[int]) -> Iterator[Walked]:
    name = str(path)
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            hint = "raise [ingest] max_bytes in a config file"
            yield InputTooLarge(f"{size:,} bytes, over the limit of {max_bytes:,}", input=name, hint=hint)
            return
        yield CorpusItem(input=name, data=path.read_bytes(), format=format)
    except OSError as err:
        yield InputError(f"cannot read the file: {err.strerror}", input=name)


# -- WARC --------------------------------------------------------------------------------------
def _warc_items(path: Path, max_bytes: Optional[int] = None) -> Iterator[Walked]:
    """One item per article response; a record cut off at the end of the file → an error; a
    record larger than ``max_bytes`` (a compressed "bomb") → an error, read no further than that."""
    end = 0
    try:
        with path.open("rb") as fh:
            records = ArchiveIterator(fh)
            for record in records:
                item = _warc_record(record, path, max_bytes)  # reads the record: its offset is known after
                offset = records.get_record_offset()
                end = offset + records.get_record_length()
                if item is not None:
                    yield _named(item, f"{path}#{offset}")
            if _has_tail(fh, end):
                # warcio stops quietly at a gzip member it cannot inflate: bytes left over
                # after the last whole record are the remains of a truncated one
                yield MalformedInput("truncated WARC record at the end of the file", input=f"{path}#{end}")
    except (ArchiveLoadFailed, EOFError, zlib.error) as err:
        yield MalformedInput(f"unreadable WARC record: {err}", input=f"{path}#{end}")
    except OSError as err:
        yield InputError(f"cannot read the WARC file: {err.strerror or err}", input=str(path))


def _named(item: Walked, input: str) -> Walked:
    if isinstance(item, SitrepError):
        item.input = input
        return item
    return CorpusItem(input=input, data=item.data, format=item.format, url=item.url, published=item.published)


def _warc_record(record, path: Path, max_bytes: Optional[int] = None) -> Optional[Walked]:
    """A response/resource record as an item (input named by the caller); None for the rest."""
    if record.rec_type not in ("response", "resource"):
        return None  # requests, warcinfo, metadata, revisits are not articles
    url = record.rec_headers.get_header("WARC-Target-URI")
    stream = record.content_stream()
    data = stream.read() if max_bytes is None else stream.read(max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:
        while stream.read(1 << 20):  # skip the rest without keeping it, so the next record can be read
            pass
        return InputTooLarge(f"WARC record for {url} is over the limit of {max_bytes:,} bytes")
    if record.raw_stream.limit > 0:
        return MalformedInput(f"truncated WARC record for {url} ({record.raw_stream.limit:,} bytes missing)")
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    if headers is None:  # warcio reads some non-WARC text as a header-less ARC record
        return MalformedInput(f"not a WARC response record (format {record.format}, no HTTP headers)")
    status = headers.get_statuscode() if record.rec_type == "response" else "200"
    ctype = (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if status != "200":
        return InputError(f"HTTP status {status} for {url}: skipped")
    if ctype.startswith(_HTML_TYPES):
        return CorpusItem(input="", data=data, format="html", url=url)
    if ctype == "text/plain":
        return CorpusItem(input="", data=data, format="text", url=url)
    return BinaryInput(f"WARC record for {url} is {ctype or 'untyped'}, not HTML: skipped")


def _has_tail(fh, end: int) -> bool:
    fh.seek(end)
    return bool(fh.read(_TAIL_PROBE).strip())


# -- feeds -------------------------------------------------------------------------------------
#: a character reference to a UTF-16 surrogate ("&#xD800;", "&#55296;") makes feedparser raise
_SURROGATE_REF = re.compile(rb"&#(?:[xX]0*[dD][89a-fA-F][0-9a-fA-F]{2}|0*5[5-7][0-9]{3});")

def _feed_items(path: Path) -> Iterator[Walked]:
    name = str(path)
    try:
        data = _SURROGATE_REF.sub(b"&#xFFFD;", path.read_bytes())
        feed = feedparser.parse(data)  # bytes, never a URL: nothing is fetched
    except OSError as err:
        yield InputError(f"cannot read the feed: {err.strerror}", input=name)
        return
    except (UnicodeError, ValueError, LookupError, RecursionError) as err:  # feedparser's own failures
        yield MalformedInput(f"not a readable RSS/Atom feed: {err!r}", input=name)
        return
    if not feed.entries:
        if feed.bozo:
            yield MalformedInput(f"not a readable RSS/Atom feed: {feed.get('bozo_exception')}", input=name)
        else:
            yield EmptyInput("the feed has no entries", input=name)
        return
    for number, entry in enumerate(feed.entries, 1):
        yield _feed_entry(entry, f"{name}#{entry.get('id') or entry.get('link') or number}")


def _feed_entry(entry, input: str) -> Walked:
    body = entry.content[0].value if entry.get("content") else entry.get("summary")
    if not body:
        return EmptyInput("feed entry has neither content nor summary", input=input)
    title = html.escape(entry.get("title", ""))
    page = f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    try:
        published = dt.date(*stamp[:3]) if stamp else None
    except ValueError:  # "year 0" and other impossible dates: the entry stays, undated
        published = None
    # a character reference to a lone surrogate ("&#xD800;") cannot be UTF-8: it becomes U+FFFD
    data = page.encode("utf-8", errors="replace")
    return CorpusItem(input=input, data=data, format="html", url=entry.get("link"), published=published)


# -- JSON Lines --------------------------------------------------------------------------------
def _jsonl_items(path: Path) -> Iterator[Walked]:
    try:
        with path.open("rb") as fh:
            for number, line in enumerate(fh, 1):
                if line.strip():
                    yield _json_item(line, f"{path}#L{number}")
    except OSError as err:
        yield InputError(f"cannot read the file: {err.strerror}", input=str(path))


def _json_item(line: bytes, input: str) -> Walked:
    try:
        record = json.loads(line)
        published = record.get("published")
        published = dt.date.fromisoformat(str(published)[:10]) if published else None
    except (ValueError, AttributeError) as err:
        return MalformedInput(f"not a JSON object with an ISO published date: {err}", input=input)
    for key, format in (("html", "html"), ("text", "text")):
        if isinstance(record.get(key), str):
            data = record[key].encode("utf-8", errors="replace")  # an escaped lone surrogate → U+FFFD
            return CorpusItem(input=input, data=data, format=format, url=record.get("url"), published=published)
    return MalformedInput('the line has neither "html" nor "text"', input=input)
