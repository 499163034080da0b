"""Plain text and markdown: header lines, headline, paragraphs.

A paragraph is a block between blank lines. Inside a block, a line break is kept only
when it was meant: if the next line's first word would have fitted on the line, no
greedy wrapper broke it there (hard-wrapped e-mail/wire text is joined with spaces;
scraped text with one paragraph per line stays one paragraph per line).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import dateparser

from ..clean import is_boilerplate

__all__ = ["Parsed", "parse_text", "parse_date", "hostname", "paragraphs"]

log = logging.getLogger(__name__)


@dataclass
class Parsed:
    """What a format reader found: text (paragraphs joined by a blank line) and metadata."""

    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\ufdd0"))
_BLANK_LINES = re.compile(r"\n\s*\n")
_META_LINE = re.compile(
    r"^(published|publication date|date|updated|source|outlet|url|link|title|headline|author|by)"
    r"\s*:\s*(\S.{0,150})$",
    re.IGNORECASE,
)
_META_KEYS = {
    "published": "published",
    "publication date": "published",
    "date": "published",
    "source": "source",
    "outlet": "source",
    "url": "url",
    "link": "url",
    "title": "title",
    "headline": "title",
}
_MAX_META_WORDS = 20
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_DATE_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•·▪‣]|\d{1,3}[.)])\s+(?=\S)")
_BYLINE = re.compile(r"^(by|from|posted by|written by)\s+[A-Z]", re.IGNORECASE)
#: Headlines are one line: over ~160 characters it is a paragraph.
_MAX_HEADLINE = 160
#: How many leading lines of page leftovers may come before a headline.
_MAX_LEAD_LINES = 5
#: Lines longer than this were not hard-wrapped by a mail client or wire feed.
_MAX_WRAP_WIDTH = 120
_MIN_WRAP_WIDTH = 50

# Markdown, block level.
_MD_HEADER = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_MD_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_MD_FRONT = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.DOTALL)
# Markdown, inline.
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]")
_MD_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\*)|(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)")
_MD_CODE = re.compile(r"`+([^`]+)`+")
# Markdown headers become paragraphs of their own, prefixed with this mark so the first can
# be taken as title; a Unicode noncharacter, removed from the input by _normalise.
_HEADER_MARK = "\ufdd0"
_MD_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")


def parse_text(text: str, *, markdown: bool = False) -> Parsed:
    """Read plain text (or markdown): header lines and headline become metadata."""
    lines = _normalise(text).split("\n")
    meta: dict[str, str] = {}
    if markdown:
        lines = _front_matter(lines, meta)
    lines, title = _header_zone(lines, meta, markdown=markdown)
    if markdown:
        lines = _markdown_blocks(lines)
    paras = paragraphs("\n".join(lines), markdown=markdown)
    if title is None and paras:
        if paras[0].startswith(_HEADER_MARK):
            title, paras = paras[0].removeprefix(_HEADER_MARK), paras[1:]
        elif "title" not in meta:
            title, paras = _headline(paras)
    if title and meta.get("title", title).casefold() != title.casefold():
        paras.insert(0, title)  # a header that is not the declared title stays in the text
    return Parsed(
        text="\n\n".join(p.removeprefix(_HEADER_MARK) for p in paras),
        title=meta.get("title") or title,
        url=meta.get("url"),
        source=meta.get("source"),
        published=parse_date(meta["published"]) if "published" in meta else None,
    )


def paragraphs(text: str, *, markdown: bool = False) -> list[str]:
    """Blocks between blank lines, hard-wrapped lines joined, list items split.

    In markdown every line break inside a block is soft (CommonMark), whatever the widths.
    """
    out: list[str] = []
    for block in _BLANK_LINES.split(text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        out.extend(_unwrap(lines, soft=markdown))
    return out


def parse_date(value: str) -> dt.date | None:
    """A publication date from a header value ("2024-05-10", "10 May 2024 08:00 GMT")."""
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    if not _YEAR.search(value):
        # Relative words ("yesterday") would resolve against today, not the article's date.
        return None
    try:
        parsed = dateparser.parse(value, languages=["en"], settings=_DATE_SETTINGS)
    except (ValueError, TypeError, OverflowError) as err:
        log.debug("unreadable date %r: %s", value, err)
        return None
    if parsed is None:
        log.debug("unreadable date %r", value)
    return parsed.date() if parsed else None


def hostname(url: str | None) -> str | None:
    """``"news.example.com"`` from a URL, without a leading ``www.``; None if it has none."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = text.translate(_INVISIBLE)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def _front_matter(lines: list[str], meta: dict[str, str]) -> list[str]:
    """A YAML-like ``---`` block at the very top of a markdown file."""
    match = _MD_FRONT.match("\n".join(lines) + "\n")
    if not match:
        return lines
    for line in match.group(1).split("\n"):
        _meta_line(line.replace('"', "").replace("'", ""), meta)
    return lines[match.group(0).count("\n") :]


def _meta_line(line: str, meta: dict[str, str]) -> bool:
    match = _META_LINE.match(line)
    if not match:
        return False
    if len(match.group(2).split()) > _MAX_META_WORDS:
        return False  # "Source: the ministry said on Monday that ..." is a sentence, not a header
    key = _META_KEYS.get(match.group(1).lower())
    if key and key not in meta:
        meta[key] = match.group(2).strip()
    return True


def _header_zone(lines: list[str], meta: dict[str, str], *, markdown: bool) -> tuple[list[str], str | None]:
    """Consume ``Key: value`` lines at the top, and a headline among them."""
    title = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line or _meta_line(line, meta):
            i += 1
            continue
        header = _MD_HEADER.match(line) if markdown else None
        headline = _looks_like_headline(line) and _meta_follows(lines, i + 1)
        if title is None and (header or (headline and "title" not in meta)):
            title = _inline(header.group(1)) if header else line
            i += 1
            continue
        break
    return lines[i:], title


def _meta_follows(lines: list[str], start: int) -> bool:
    following = next((line for line in lines[start:] if line), "")
    return bool(_META_LINE.match(following))


def _headline(paras: list[str]) -> tuple[str | None, list[str]]:
    """The first paragraph is a headline when short, unpunctuated and followed by more text.

    Page leftovers before it (a menu, "Skip to content") are passed over; the cleaner
    removes them later.
    """
    for i, para in enumerate(paras[:_MAX_LEAD_LINES]):
        if is_boilerplate(para):
            continue
        if i + 1 < len(paras) and _looks_like_headline(para):
            return para, paras[:i] + paras[i + 1 :]
        break
    return None, paras


def _looks_like_headline(line: str) -> bool:
    if not 2 <= len(line.split()) or len(line) >= _MAX_HEADLINE:
        return False
    if line[-1] in ".,;:-–—" or _BYLINE.match(line) or _LIST_ITEM.match(line):
        return False
    return True


def _width(lines: list[str]) -> int:
    return max(len(line) for line in lines)


def _wrapped(line: str, following: str, width: int, *, soft: bool = False) -> bool:
    """True when the break after ``line`` came from wrapping at ``width`` columns."""
    if _LIST_ITEM.match(following):
        return False
    if soft:
        return True
    if not _MIN_WRAP_WIDTH <= width <= _MAX_WRAP_WIDTH:
        return False
    next_word = following.split(" ", 1)[0]
    return len(line) + 1 + len(next_word) > width


def _unwrap(lines: list[str], *, soft: bool = False) -> list[str]:
    if not lines:
        return []
    width = _width(lines)
    out = [_LIST_ITEM.sub("", lines[0])]
    for prev, line in zip(lines, lines[1:]):
        if not _wrapped(prev, line, width, soft=soft):
            out.append(_LIST_ITEM.sub("", line))
        elif prev.endswith("-") and prev[-2:-1].isalpha() and line[:1].islower():
            out[-1] += line  # "pro-\ngovernment": keep the hyphen, drop the break
        else:
            out[-1] += " " + line
    return out


def _markdown_blocks(lines: list[str]) -> list[str]:
    """Markdown to plain lines: headers and list items as blocks of their own, markup removed."""
    out: list[str] = []
    in_fence = False
    for i, line in enumerate(lines):
        if _MD_FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(line)
            continue
        following = lines[i + 1] if i + 1 < len(lines) else ""
        out.extend(_markdown_line(line, following))
    return out


def _markdown_line(line: str, following: str) -> list[str]:
    if _MD_RULE.match(line) or _MD_REFDEF.match(line):
        return [""]
    if _MD_SETEXT.match(line):
        return []
    line = _MD_QUOTE.sub("", line)
    header = _MD_HEADER.match(line)
    if header:
        return ["", _HEADER_MARK + _inline(header.group(1)), ""]
    if line and _MD_SETEXT.match(following) and not _LIST_ITEM.match(line):
        return ["", _HEADER_MARK + _inline(line), ""]
    if _LIST_ITEM.match(line):
        return ["", _inline(_LIST_ITEM.sub("", line))]
    return [_inline(line)]


def _inline(text: str) -> str:
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _MD_CODE.sub(r"\1", text)
    text = _MD_STRONG.sub(r"\2", text)
    text = _MD_EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    text = _MD_TAG.sub("", text)
    text = _MD_ESCAPE.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()
