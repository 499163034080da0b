"""Date expressions: when an event happened, resolved against the publication date.

Own rules first, dateparser only as a guarded fallback: FIELD-NOTES measured that
dateparser returns None for "late Monday", sends "on Wednesday" written on a
Wednesday to the week before, and (measured here) turns durations into dates
("three days" → three days ago, "24-hour" → the 24th). Candidates come from spaCy's
DATE/TIME entities *and* a regex over the text, because the small model misses or
splits "late Monday", "overnight into Sunday", "on Friday night", "Tuesday morning".

Conventions (ACLED time_precision: 1 day, 2 week, 3 month; year is coded 3 too):

* A weekday is the most recent such day on or before publication ("on Wednesday"
  written on a Wednesday is that day); "last Friday" is strictly before it.
* A night belongs to the day it starts: "overnight" → the day before publication,
  "overnight into Sunday" → Saturday, "the night of 3-4 May" → 3 May (its range
  covers both days, the precision stays day).
* Weeks run Monday–Sunday; the representative date of a range is its middle day,
  so a whole week's is its Thursday. A month's is the 15th, a year's 1 July,
  both clamped into the range.
* "this week/month/year" end at the publication date; "the past N days" is a
  rolling range ending at it, "last week" the previous calendar week.
* Numeric dates are day-first ("03/05/2024" is 3 May) unless only the month-first
  reading is valid ("05/13/2024"): most conflict reporting outside the US, and
  ACLED itself, write the day first.
* A date without a year lands on or before publication (else the year before).
  Only the text can move a date past publication: "tomorrow", "next week", an
  explicit year. Without a publication date, relative expressions resolve to None.
* Durations ("for three days", "24-hour"), ages, clock times alone, decades and
  impossible dates ("February 30") are not dates: None, never an exception.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Literal, Optional

from dateparser.date import DateDataParser
from spacy.tokens import Doc

from ..nlp import text_of
from .numbers import parse_quantity

__all__ = ["Precision", "ACLED_PRECISION", "DateMention", "resolve_expression", "find_dates"]

log = logging.getLogger(__name__)

Precision = Literal["day", "week", "month", "year"]
#: ACLED time_precision for each of our precisions (ACLED has no year level: 3).
ACLED_PRECISION: dict[str, int] = {"day": 1, "week": 2, "month": 3, "year": 3}


@dataclass(frozen=True)
class DateMention:
    """A resolved date expression; ``text == doc.text[start:end]``."""

    start: int
    end: int
    text: str
    date: dt.date
    first: dt.date
    last: dt.date
    precision: Precision
    relative: bool


#: (first, last, precision, relative): what a rule resolves an expression to.
_Resolution = tuple[dt.date, dt.date, str, bool]
_Rule = Callable[[re.Match, Optional[dt.date], bool], Optional[_Resolution]]

_DAY = dt.timedelta(days=1)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# Spelled out: calendar.month_name follows the process locale, and articles are English.
_MONTHS = (
    "January February March April May June July August September October November December".split()
)
_MONTH_NAMES = [name.lower() for name in _MONTHS]
_MONTH_NUMBER = {name: i + 1 for i, name in enumerate(_MONTH_NAMES)}
_MONTH_NUMBER.update({name[:3]: i + 1 for i, name in enumerate(_MONTH_NAMES)})
_MONTH_NUMBER["sept"] = 9

# -- candidates in running text (case-sensitive names: "may" is a verb) --------------

_WD = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MON = r"(?-i:" + "|".join(_MONTHS) + r")"
# Only abbreviations take a dot: "on 30 September." must not swallow the full stop.
_MONX = r"(?-i:" + "|".join(_MONTHS) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
_DNUM = r"\d{1,2}(?:st|nd|rd|th)?\b"
_YR = r"(?:1[89]|2[01])\d\d\b"
_TOD = r"(?:morning|afternoon|evening|night|overnight)"
_TO = r"\s*(?:-|–|to|and|until|till)\s*"
_COUNT = (
    r"(?:\d{1,3}|a\s+few|several|a\s+couple\s+of|an?|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|eleven|twelve|fifteen|twenty|thirty)"
)
_CANDIDATE = re.compile(
    # Every alternative starts at a word beginning with one of these characters;
    # skipping all other positions up front makes the scan six times faster.
    rf"""(?=[\dabdefjlmnopstwy])\b(?:
    (?<![\w./-])(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}(?P<sep>[/.-])\d{{1,2}}(?P=sep)(?:\d{{4}}|\d{{2}}))
        (?![\w./-]?\d)
    |(?:the\s+)?night\s+of\s+(?:the\s+)?{_DNUM}{_TO}{_DNUM}\s+(?:of\s+)?{_MONX}(?:,?\s+{_YR})?
    |(?:the\s+)?night\s+of\s+{_MONX}\s+{_DNUM}{_TO}{_DNUM}(?:,?\s+{_YR})?
    |(?:(?:between|from)\s+)?{_DNUM}(?:\s+(?:of\s+)?{_MONX})?{_TO}{_DNUM}\s+(?:of\s+)?{_MONX}(?:,?\s+{_YR})?
    |(?:(?:between|from)\s+)?{_MONX}\s+{_DNUM}{_TO}(?:{_MONX}\s+)?{_DNUM}(?:,?\s+{_YR})?
    |(?:{_WD},?\s+)?(?:the\s+)?{_DNUM}\s+(?:of\s+)?{_MONX}(?:,?\s+{_YR})?
    |(?:{_WD},?\s+)?{_MONX}\s+{_DNUM}(?![:.]\d)(?:,?\s+{_YR})?
    |(?:(?:early|late|mid)[\s-]+)?{_MON},?\s+{_YR}
    |(?:overnight|(?:the\s+)?night)\s+(?:of\s+{_WD}\s+)?into\s+{_WD}(?:\s+{_TOD})?
    |(?:(?:late|early|overnight)\s+(?:on\s+)?)?(?:(?:the\s+)?early\s+hours\s+of\s+)?(?:(?:last|this|next|past)\s+)?
        {_WD}(?:\s+{_TOD})?(?:\s+into\s+{_WD}(?:\s+{_TOD})?)?(?:\s+(?:of\s+)?last\s+week)?
    |(?:the\s+)?day\s+before\s+yesterday
    |(?:(?:late|early)\s+)?(?:earlier|later)\s+(?:today|this\s+(?:morning|afternoon|evening|week|month|year))
    |(?:(?:late|early)\s+)?(?:yesterday|today|tomorrow)(?:\s+{_TOD})?
    |(?:(?:late|early)\s+)?(?:last|this|tomorrow)\s+(?:night|morning|afternoon|evening)
    |tonight|overnight
    |(?:(?:early|late|mid)[\s-]+)?(?:last|this|next|previous)\s+(?:week|month|year|weekend)
    |(?:the|past)\s+weekend
    |(?:the\s+)?(?:past|last)\s+(?:{_COUNT}\s+)?(?:hours?|days?|nights?|weeks?|months?|years?)
    |{_COUNT}\s+(?:days?|nights?|weeks?|fortnights?|months?|years?)\s+(?:ago|earlier)
    |(?:(?<=\bin\s)|(?<=\bduring\s)|(?<=\buntil\s))(?:{_MON}|{_YR})(?![\w-]|\s*\d)
    |(?:(?:early|late|mid|last|this|next)[\s-]+|(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+){_MON}(?![\w-]|\s*\d)
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_ENTITY_LABELS = ("DATE", "TIME")

# -- normalising one expression --------------------------------------------------------

_CLOCK = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\b\.?|p\.?m\b\.?)|\b\d{1,2}:\d{2}\b|\b\d{3,4}\s*(?:gmt|utc|hrs)\b"
    r"|\b(?:gmt|utc|local\s+time)\b|\b\d{1,2}\s*o'clock\b",
    re.IGNORECASE,
)
_PUNCT = re.compile(r"[,;:()\[\]]|(?<=[a-z])\.|'s\b|\.$")
_PHRASES = [
    (re.compile(r"\b(?:the\s+)?day\s+before\s+yesterday\b"), "dby"),
    (re.compile(r"\blast\s+night\b"), "yesterday"),
    (re.compile(r"\btonight\b|\bthis\s+(?:morning|afternoon|evening)\b"), "today"),
    (re.compile(r"\b(?:the\s+)?early\s+hours(?:\s+of)?\b"), " "),
    (re.compile(r"\bthe\s+(?:past|last)\b"), "past"),
    (re.compile(r"\bmid-"), "mid "),
    (re.compile(r"\s*[–—]\s*|\s+-\s*|\s*-\s+"), "-"),
]
_FILLERS = frozenset(
    "on in at during the of early late mid morning afternoon evening night midday noon dawn dusk "
    "daybreak midnight sometime around about end beginning start middle over".split()
)
_NIGHT = frozenset(("night", "overnight", "tonight"))

# -- rules over the normalised core ----------------------------------------------------

_WDC = "(?P<wd>" + "|".join(_WEEKDAYS) + ")"
_WDN = "(?:" + "|".join(_WEEKDAYS) + ")"
_MC = "(?P<m>" + "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True)) + ")"
_M1 = _MC.replace("?P<m>", "?P<m1>")
_M2 = _MC.replace("?P<m>", "?P<m2>")
_D = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_D1 = r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?"
_D2 = r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?"
_Y = r"(?P<y>\d{4})"
_RANGE_TO = r" ?(?:-|to|and|until|till) ?"
_NOT_DATE = re.compile(r"\d0s\b|\d+-|old\b|\bfor\b|long\b|decade|centur|\b(?:hours?|minutes?)\b")
_FALLBACK_CUE = re.compile(r"\b(?:" + "|".join(_MONTH_NUMBER) + r"|ago|fortnight)\b")
_FUTURE_CUE = re.compile(r"\b(?:next|tomorrow|coming|upcoming|later)\b")
_YEAR_IN_TEXT = re.compile(r"\b\d{4}\b")


def _check_year(year: int) -> int:
    # Below 1800 a "year" is a mislabelled number (a count, a unit designator).
    if not 1800 <= year <= 2199:
        raise ValueError(f"year {year} out of range")
    return year


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def _week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + 6 * _DAY


def _span_precision(first: dt.date, last: dt.date, night: bool = False) -> str:
    span = (last - first).days
    # A night spans two dates but is one event day (ACLED codes the night's first day).
    if span == 0 or (night and span == 1):
        return "day"
    return "week" if span <= 7 else "month" if span <= 31 else "year"


def _infer_year(month: int, day: int, published: dt.date) -> Optional[int]:
    """The most recent year in which ``day month`` exists and is not after publication."""
    for year in range(published.year, published.year - 8, -1):
        try:
            if dt.date(year, month, day) <= published:
                return year
        except ValueError:
            continue
    return None


def _count(text: Optional[str]) -> Optional[int]:
    if not text:
        return 1
    quantity = parse_quantity(text)
    if quantity is None or quantity.vague or quantity.low != quantity.high:
        return None
    return quantity.low


def _simple(m: re.Match, p: Optional[dt.date], night: bool) -> Optional[_Resolution]:
    if p is None:
        return None
    word = m.group("w")
    if word == "overnight":
        return p - _DAY, p, "day", True
    day = p + {"today": 0, "yesterday": -1, "dby": -2, "tomorrow": 1}[word] * _DAY
    return day, day, "day", True


def _ago(m: re.Match, p: Optional[dt.date], night: bool) -> Optional[_Resolution]:
    unit = m.group("unit")
    # "weeks ago" without a figure is as vague as "a few weeks ago".
    n = _count(m.group("n")) if m.group("n") else None
    if p is None:
        return None
    if n is None:
        # "a few days ago", "several days ago": sometime in the week before publication.
        return (p - 7 * _DAY, p - 2 * _DAY, "week", True) if unit in ("day", "night") else None
    if unit in ("day", "night"):
        return p - n * _DAY, p - n * _DAY, "day", True
    if unit in ("week", "fortnight"):
        first, last = _week_of(p - n * (7 if unit == "week" else 14) * _DAY)
        return first, min(last, p), "week", True
    if unit == "month":
        first, last = _month_range(*_shift_month(p.year, p.month, -n))
        return first, last, "month", True
    year = _check_year(p.year - n)
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year", True


def _rolling(m: re.Match, p: Optional[dt.date], night: bool) -> Optional[_Resolution]:
    n = _count(m.group("n"))
    if p is None or n is None:
        return None
    days = {"hour": -(-n // 24), "day": n, "night": n, "week": 7 * n, "month": 30 * n, "year": 365 * n}
    first = p - days[m.group("unit")] * _DAY
    return first, p, _span_precision(first, p), True


def _period(m: re.Match, p: Optional[dt.date], night: bool) -> Optional[_Resolution]:
    """last / this / next / earlier this / later this week, month or year."""
    if p is None:
        return None
    rel, unit = m.group("rel").replace("previous", "last").replace("current", "this"), m.group("unit")
    step = {"last": -1, "next": 1}.get(rel, 0)
    if unit == "week":
        first, last = _week_of(p + 7 * step * _DAY)
    elif unit == "month":
        first, last = _month_range(*_shift_month(p.year, p.month, step))
    else:
        year = _check_year(p.year + step)
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if rel == "later this":
        first = p
    elif step == 0:
        last = min(last, p)
    return first, last, unit, True


def _weekend(m: re.Match, p: Optional[dt.date], night: bool) -> Optional[_Resolution]:
    if p is None:
        return None
    rel = m.group("rel") or ""
    # "this weekend" and "the weekend" are the most recent one: news reports the past.
    saturday = p - dt.timedelta(days=(p.weekday() - 5) % 7)
    if rel in ("last", "past") and p.weekday() >= 5:
        saturday -= 7 * _DAY
    elif rel == "next":
        saturday = p + dt.timedelta(days=(5 - p.weekday()) % 7 or 7)
    sunday = saturday + _DAY
    return saturday, (sunday if rel == "next" else min(sunday, p)), "week", True


def _night_into(m: re.Match, p: Optional[dt.date], night: bool) -> Optional[_Resolution]:
    """ "overnight into Sunday": the night starts the day before."""
    if p is None:
        return None
    morning = _on_or_before(p, _WEEKDAYS.index(m.group("wd")))
    return morning - _DAY, morning, "day", True


def _weekday(m: re.Match, p: Optional[dt.date], night: bool) -> Optional[_Resolution]:
    if p is None:
        return None
    rel, wd = m.group("rel") or "", _WEEKDAYS.index(m.group("wd"))
    if m.group("lw"):
        day = _week_of(p - 7 * _DAY)[0] + wd * _DAY
    elif rel == "next":
        day = p + dt.timedelta(days=(wd - p.weekday()) % 7 or 7)
    elif rel in ("last", "past"):
        day = p - dt.timedelta(days=(p.weekday() - wd) % 7 or 7)
    else:
        day = _on_or_before(p, wd)
    # "Friday into Saturday": one night, coded on its first day.
    return day, (day + _DAY if m.group("into") else day), "day", True


def _on_or_before(p: dt.date, weekday: int) -> dt.date:
    return p - dt.timedelta(days=(p.weekday() - weekday) % 7)


def _day_month(m: re.Match, p: Optional[dt.date], night: bool) -> Optional[_Resolution]:
    month, day = _MONTH_NUMBER[m.group("m")], int(m.group("d"))
    if m.group("y"):
        date = dt.date(_check_year(int(m.group("y"))), month, day)
        return date, date, "day", False
    year = _infer_year(month, day, p) if p else None
    if year is None:
        return None
    date = dt.date(year, month, day)
    return date, date, "day", True


def _day_range(m: re.Match, p: Optional[dt.date], night: bool) -> Optional[_Resolution]:
    m2 = _MONTH_NUMBER[m.group("m2")] if m.group("m2") else None
    m1 = _MONTH_NUMBER[m.group("m1")] if m.group("m1") else m2
    m2 = m2 or m1
    d1, d2 = int(m.group("d1")), int(m.group("d2"))
    if m.group("y"):
        year, relative = _check_year(int(m.group("y"))), False
    else:
        year, relative = (_infer_year(m1, d1, p) if p else None), True
    if year is None:
        return None
    # "between 30 December and 2 January": the range runs into the next year.
    first, last = dt.date(year, m1, d1), dt.date(year + (m2 < m1), m2, d2)
    if last < first:
        return None
    return first, last, _span_precision(first, last, night), relative


def _iso(m: re.Match, p: Optional[dt.date], night: bool) -> Optional[_Resolution]:
    date = dt.date(_check_year(int(m.group("y"))), int(m.group("mo")), int(m.group("d")))
    return date, date, "day", False


def _numeric(m: re.Match, p: Optional[dt.date], night: bool) -> Optional[_Resolution]:
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if year < 100:
        year += 2000 if year < 70 else 1900
    # Day-first unless only the month-first reading is a valid date ("05/13/2024").
    day, month = (b, a) if b > 12 >= a else (a, b)
    date = dt.date(_check_year(year), month, day)
    return date, date, "day", False


def _month(m: re.Match, p: Optional[dt.date], night: bool) -> Optional[_Resolution]:
    month, rel = _MONTH_NUMBER[m.group("m")], m.group("rel") or ""
    if m.group("y"):
        first, last = _month_range(_check_year(int(m.group("y"))), month)
        return first, last, "month", False
    if p is None:
        return None
    if rel == "next":
        year = p.year + (month <= p.month)
    elif rel in ("last", "past"):
        year = p.year - (month >= p.month)
    else:
        year = p.year - (month > p.month)
    first, last = _month_range(year, month)
    return first, (last if rel == "next" else min(last, p)), "month", True


def _year(m: re.Match, p: Optional[dt.date], night: bool) -> Optional[_Resolution]:
    year = _check_year(int(m.group("y")))
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year", False


_RULES: list[tuple[re.Pattern, _Rule]] = [
    (re.compile(r"(?P<w>today|yesterday|dby|tomorrow|overnight)"), _simple),
    (re.compile(r"(?:(?P<n>.+) )?(?P<unit>day|night|week|fortnight|month|year)s? (?:ago|earlier)"), _ago),
    (re.compile(r"past (?:(?P<n>.+) )?(?P<unit>hour|day|night|week|month|year)s?"), _rolling),
    (
        re.compile(
            r"(?P<rel>last|previous|this|current|next|earlier this|later this) (?P<unit>week|month|year)"
        ),
        _period,
    ),
    (re.compile(r"(?:(?P<rel>last|this|next|past) )?weekend"), _weekend),
    (re.compile(rf"into {_WDC}"), _night_into),
    (re.compile(rf"(?:(?P<rel>last|this|next|past) )?{_WDC}(?P<into> into {_WDN})?(?P<lw> last week)?"), _weekday),
    (re.compile(rf"(?:{_WDN} )?{_D} {_MC}(?: {_Y})?"), _day_month),
    (re.compile(rf"(?:{_WDN} )?{_MC} {_D}(?: {_Y})?"), _day_month),
    (re.compile(rf"(?:between |from )?{_D1}(?: {_M1})?{_RANGE_TO}{_D2} {_M2}(?: {_Y})?"), _day_range),
    (re.compile(rf"(?:between |from )?{_M1} {_D1}{_RANGE_TO}(?:{_M2} )?{_D2}(?: {_Y})?"), _day_range),
    (re.compile(r"(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})"), _iso),
    (re.compile(r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"), _numeric),
    (re.compile(rf"(?:(?P<rel>last|this|next|past) )?{_MC}(?: {_Y})?"), _month),
    (re.compile(r"(?:year )?(?P<y>\d{4})"), _year),
]


def _normalise(text: str) -> tuple[str, bool]:
    """Lower-case core of an expression without fillers; and whether it speaks of a night."""
    lowered = _PUNCT.sub(" ", _CLOCK.sub(" ", text.lower().replace("’", "'")))
    for pattern, replacement in _PHRASES:
        lowered = pattern.sub(replacement, lowered)
    tokens = lowered.split()
    night = any(token in _NIGHT for token in tokens)
    if len(tokens) > 1:
        tokens = [token for token in tokens if token != "overnight"]
    tokens = [token for token in tokens if token not in _FILLERS]
    if len(tokens) > 1 and tokens[0] in ("earlier", "later") and tokens[1] != "this":
        tokens = tokens[1:]
    return " ".join(tokens), night


@lru_cache(maxsize=64)
def _fallback_parser(published: Optional[dt.date]) -> DateDataParser:
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime(published.year, published.month, published.day)
    return DateDataParser(languages=["en"], settings=settings)


def _fallback(core: str, published: Optional[dt.date]) -> Optional[_Resolution]:
    """dateparser, only for what looks like a date our rules do not know."""
    if not _FALLBACK_CUE.search(core) or _NOT_DATE.search(core):
        return None
    explicit = bool(_YEAR_IN_TEXT.search(core))
    if published is None and not explicit:
        return None
    try:
        data = _fallback_parser(published).get_date_data(core)
        if data.date_obj is None:
            return None
        day, period = data.date_obj.date(), data.period
        _check_year(day.year)
    except (ValueError, OverflowError) as err:
        log.debug("dateparser failed on %r: %s", core, err)
        return None
    if period == "week":
        first, last = _week_of(day)
    elif period == "month":
        first, last = _month_range(day.year, day.month)
    elif period == "year":
        first, last = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    else:
        first, last, period = day, day, "day"
    if published and first > published and not (explicit or _FUTURE_CUE.search(core)):
        return None
    return first, last, period, not explicit


# Pure in (text, published); articles repeat "on Monday", "last week" endlessly.
@lru_cache(maxsize=8192)
def _resolve(text: str, published: Optional[dt.date]) -> Optional[_Resolution]:
    core, night = _normalise(text)
    if not core:
        return None
    for pattern, rule in _RULES:
        match = pattern.fullmatch(core)
        if match is None:
            continue
        try:
            return rule(match, published, night)
        except (ValueError, OverflowError) as err:
            # An impossible date ("30 February", year 0): not a date, by contract.
            log.debug("no date in %r: %s", text, err)
            return None
    return _fallback(core, published)


def resolve_expression(
    text: str, published: Optional[dt.date]
) -> Optional[tuple[dt.date, dt.date, Precision]]:
    """Resolve one date expression to ``(first, last, precision)``.

    Args:
        text: the expression alone, e.g. ``"late Monday"``, ``"between 3 and 5 May"``.
        published: the article's publication date; relative expressions need it.

    Returns:
        The range the expression covers and its precision, or None when ``text`` is
        not a resolvable date (a duration, an age, an impossible date, or a relative
        expression without a publication date).
    """
    resolution = _resolve(text, published)
    return resolution[:3] if resolution else None


def _representative(first: dt.date, last: dt.date, precision: str) -> dt.date:
    """ACLED's stand-in day for a range: the day itself, mid-week, the 15th, 1 July."""
    if precision == "day":
        return first
    if precision == "month" and first.day == 1:
        middle = first.replace(day=15)
    elif precision == "year" and (first.month, first.day) == (1, 1):
        middle = dt.date(first.year, 7, 1)
    else:
        middle = first + (last - first) // 2
    return min(max(middle, first), last)


def _candidates(doc: Doc) -> list[tuple[int, int]]:
    spans = [match.span() for match in _CANDIDATE.finditer(text_of(doc))]
    spans += [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in _ENTITY_LABELS]
    return spans


def find_dates(doc: Doc, published: Optional[dt.date]) -> list[DateMention]:
    """Every date expression in ``doc``, resolved: sorted by start, non-overlapping.

    Where candidates overlap, the longest resolvable one wins ("on Friday night"
    over NER's "Friday"); unresolvable ones (durations, ages) are dropped.
    """
    text = text_of(doc)
    resolved = []
    for start, end in _candidates(doc):
        resolution = _resolve(text[start:end], published)
        if resolution is not None:
            resolved.append((start, end, resolution))
    resolved.sort(key=lambda item: (item[0] - item[1], item[0]))
    taken = bytearray(len(text))
    mentions = []
    for start, end, (first, last, precision, relative) in resolved:
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        date = _representative(first, last, precision)
        if published is not None and first <= published:
            # Invariant: nothing the text places in the past is coded after publication.
            date = min(date, published)
        mentions.append(DateMention(start, end, text[start:end], date, first, last, precision, relative))
    return sorted(mentions, key=lambda mention: mention.start)
