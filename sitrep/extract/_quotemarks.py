"""Quotation marks in plain text: pairing them into quotes, paragraph by paragraph.

Text-only (no parse): which marks open and close a quote, and which are apostrophes
("group's", "fighters'"); a quote left open at the end of a paragraph continues when the next
paragraph opens with a mark again (English convention). Used by :mod:`sitrep.extract.quotes`.
"""

from __future__ import annotations

import logging
import re
from typing import NamedTuple, Optional, Sequence

__all__ = ["_ANAPHORIC_CHANNEL", "_DATELINE", "_Marked", "_paragraphs", "_scan_quotes"]

log = logging.getLogger(__name__)


_MARK = re.compile("[\"\u201c\u201d\u2018\u2019'\u00ab\u00bb]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# A paragraph, trimmed: up to a blank line when the text has any (single newlines are then
# wrapped lines), else one line.
_PARAGRAPH_BLANK = re.compile(r"\S(?:(?:(?!\n[ \t]*\n)[\s\S])*\S)?")
_PARAGRAPH_LINE = re.compile(r"\S(?:[^\n]*\S)?")
_NEXT_WORD = re.compile(r"[a-z]+")
_ANAPHORIC_CHANNEL = re.compile(
    r"(?i)\b(?:the|that|same)\s+(?:same\s+)?(?:statement|recording|message|video|post|broadcast|interview|tweet)\b"
)
# "KABUL, Afghanistan (Reuters) - ", "MYITKYINA — ": a wire dateline opening a paragraph.
_DATELINE = re.compile(
    r"[A-Z][A-Z'\u2019.\- ]{2,}(?:, [A-Z][\w.'\u2019 -]*?)?(?: \([^)]{1,40}\))? ?[\u2014\u2013-]{1,2} "
)
_DOUBLE, _SINGLE, _ANGLE = "double", "single", "angle"
# Characters after which a mark opens a quote: start, space, brackets, dashes, another mark.
_OPEN_CONTEXT = frozenset(" \t\n([{/-\u2013\u2014\"\u201c\u2018'")
_OPENERS = {_DOUBLE: "\"\u201c", _SINGLE: "'\u2018", _ANGLE: "\u00ab"}
# After "fighters'" these words show the mark closed a quote rather than made a possessive.
_AFTER_CLOSING = frozenset("he she they we said says told added the a an one officials".split())


class _Marked(NamedTuple):
    """A direct quote, or one paragraph's piece of it, found from its marks."""

    mark_start: int  # the opening mark
    mark_end: int  # after the closing mark, or the paragraph end for a piece continued below
    start: int  # content, trimmed
    end: int
    chain: int  # pieces of one quote continued across paragraphs share a chain number
    para: int


def _paragraphs(text: str) -> list[tuple[int, int]]:
    pattern = _PARAGRAPH_BLANK if _BLANK_LINE.search(text) else _PARAGRAPH_LINE
    return [m.span() for m in pattern.finditer(text)]


def _classify(text: str, i: int, lo: int, hi: int) -> tuple[Optional[str], Optional[str]]:
    """(role, kind) of the mark at ``i``: role "open", "close", "either", or None for an apostrophe."""
    ch = text[i]
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if ch in "\u201c\u00ab":
        return "open", _DOUBLE if ch == "\u201c" else _ANGLE
    if ch in "\u201d\u00bb":
        return "close", _DOUBLE if ch == "\u201d" else _ANGLE
    if ch == '"':
        if before in _OPEN_CONTEXT:
            return "open", _DOUBLE
        return ("either" if after.isalnum() else "close"), _DOUBLE
    # Single marks double as apostrophes: "group's", "don’t" and the ayn in "Ma‘arrat".
    if before.isalnum() and after.isalnum():
        return None, None
    if before in _OPEN_CONTEXT and not after.isspace():
        # "’90s", "'til": an elision; a curly opening mark is always "‘".
        return (None, None) if ch == "\u2019" or after.isdigit() else ("open", _SINGLE)
    if not before.isspace() and not after.isalnum() and ch != "\u2018":
        return "close", _SINGLE
    return None, None


def _is_possessive(text: str, i: int, hi: int) -> bool:
    """True for the plural possessive "fighters' positions", which looks like a closing mark."""
    if i == 0 or text[i - 1] not in "sS" or i + 2 >= hi or text[i + 1] != " ":
        return False
    word = _NEXT_WORD.match(text, i + 2)
    return word is not None and word.group() not in _AFTER_CLOSING


def _pair_marks(text: str, lo: int, hi: int, skip: set[int]):
    """Pair the marks of one paragraph; returns the pairs and the mark left open, if any."""
    pairs: list[tuple[int, int]] = []
    open_at, open_kind = -1, None
    for m in _MARK.finditer(text, lo, hi):
        i = m.start()
        role, kind = (None, None) if i in skip else _classify(text, i, lo, hi)
        if role is None:
            continue
        if open_kind is None:
            if role != "close":
                open_at, open_kind = i, kind
        elif kind == open_kind:  # marks of another kind inside a quote make a quote within it
            if role == "open":
                open_at = i  # the earlier opener was stray
            elif not (kind == _SINGLE and _is_possessive(text, i, hi)):
                pairs.append((open_at, i))
                open_kind = None
    return pairs, ((open_at, open_kind) if open_kind else None)


def _pair_paragraph(text: str, lo: int, hi: int, next_lo: Optional[int]):
    """Pairs of one paragraph, and the opener continued in the next paragraph, if any.

    A mark left open is kept only when the next paragraph reopens with a mark of the same
    kind (the English multi-paragraph convention); otherwise it was an apostrophe or a
    stray mark, and the paragraph is paired again without it.
    """
    skip: set[int] = set()
    while True:
        pairs, dangling = _pair_marks(text, lo, hi, skip)
        if dangling is None:
            return pairs, None
        at, kind = dangling
        if next_lo is not None and text[next_lo] in _OPENERS[kind]:
            return pairs, at
        log.debug("unclosed quotation mark at %d ignored", at)
        skip.add(at)


def _scan_quotes(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[_Marked]:
    """All direct quotes of ``text`` by their marks, one paragraph at a time."""
    found: list[_Marked] = []
    carried: Optional[int] = None  # chain of a quote left open at the end of the paragraph above
    chains = 0
    for p, (lo, hi) in enumerate(paragraphs):
        next_lo = paragraphs[p + 1][0] if p + 1 < len(paragraphs) else None
        pairs, continued_at = _pair_paragraph(text, lo, hi, next_lo)
        pieces = [(a, b + 1, b) for a, b in pairs]
        if continued_at is not None:
            pieces.append((continued_at, hi, hi))
        chain = None
        for k, (mark_start, mark_end, close) in enumerate(pieces):
            # Only a paragraph that opens with a mark continues the quote from above.
            if k == 0 and carried is not None and mark_start == lo:
                chain = carried
            else:
                chain, chains = chains, chains + 1
            start, end = mark_start + 1, close
            while start < end and text[start].isspace():
                start += 1
            # Drop the comma of '"We took the pass," he said'.
            while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
                end -= 1
            if start < end:
                found.append(_Marked(mark_start, mark_end, start, end, chain, p))
        carried = chain if continued_at is not None else None
    return found
