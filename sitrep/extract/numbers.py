"""Count expressions: how many people a figure in the text stands for.

Pure string functions, no spaCy: the claims stage calls :func:`find_quantities` on a
sentence and decides which figure counts whom. A :class:`Quantity` is a range:

* ``low``/``high`` are inclusive bounds; ``None`` means open on that side
  ("at least 40" → 40..None, "up to 50" → None..50, "many" → None..None).
* ``vague`` marks figures the writer did not give exactly: approximations
  ("about 20"), indefinite quantifiers ("dozens"). Bounds ("at least 40") are
  exact statements about one side, so they are not vague.

Choices worth knowing:

* "more than 30" / "over 30" → low 31 (strictly more); "fewer than 10" → high 9.
* "nearly 40" / "almost 40" → low None, high 40, vague: the true figure is just
  under 40, but reporters round, so 40 is kept as the ceiling rather than 39.
* Indefinite plurals take ACLED's fatalities-FAQ figures as the low bound ("tens" 10,
  "dozens" 12, "hundreds" 100; by the same most-conservative reading "scores" 20,
  "thousands" 1000), "several" → 3, "a few" → 2, "a handful" → 3; "many" / "a number
  of" / "an unknown number of" give no bound. All of these live in ``_INDEFINITE``.
* Separators: "1,200", "1.200", "1 200" (also no-break and thin spaces) and
  "1'200" are all 1200; a dot or comma followed by one or two digits is a decimal
  and only counts before a scale word ("1.5 million").
* Indefinite quantifiers and "a couple" absorb a following "of" into the span
  ("dozens of", "a couple of"); "a number of" needs it.
* Every bound is capped at :data:`CAP` (10**9): absurd figures still parse, the
  claims stage flags them, and nothing overflows.

:func:`find_quantities` skips numbers that are not counts: ordinals, years next to a
month name or a preposition ("in 2019"), days of a date ("3 May"), clock times,
percentages, money, ages, measures ("5 km", "three days"), designators
("Resolution 2254") and hyphenated modifiers ("24-hour", but "300-strong" counts).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Optional

__all__ = ["CAP", "Quantity", "parse_quantity", "find_quantities"]

log = logging.getLogger(__name__)

#: Largest bound reported; bigger figures are clamped (the claims stage flags them).
CAP = 10**9


@dataclass(frozen=True)
class Quantity:
    """A count range found in a string; ``text == source[start:end]``."""

    low: Optional[int]
    high: Optional[int]
    vague: bool
    start: int
    end: int
    text: str


# -- vocabulary ---------------------------------------------------------------------

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}

# Smallest literal reading of each indefinite quantifier (its low bound; always vague).
_INDEFINITE = {
    # ACLED's fatalities FAQ: "tens" 10, "dozens" 12, "hundreds" 100 — the most conservative
    # reading of a plural, in line with the codebook's most-conservative rule
    "tens of thousands": 10_000,
    "hundreds of thousands": 100_000,
    "tens": 10,
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
    "millions": 1_000_000,
    "several": 3,
    "a few": 2,
    "a handful": 3,
    "multiple": 2,
}
_UNBOUNDED = ("many", "numerous", "countless")  # and "a number of", which needs its "of"
#: "an unknown number of", "an unspecified number of": no bound, like "a number of" (ACLED imputes)
_UNKNOWN = ("unknown", "unspecified", "unidentified", "undisclosed", "undetermined", "unconfirmed")
# "several dozen" = at least 3 dozen; "a few hundred" = at least 2 hundred.
_INDEFINITE_FACTOR = {"several": 3, "a few": 2}

_LOWER_INCL = {"at least", "no fewer than", "no less than", "not less than", "a minimum of", "minimum of"}
_LOWER_EXCL = {"more than", "over", "upwards of", "in excess of", "above", "greater than"}
_UPPER_INCL = {"up to", "as many as", "no more than", "not more than", "at most", "a maximum of", "maximum of"}
_UPPER_EXCL = {"fewer than", "less than", "under", "below"}
_NEAR = {"nearly", "almost", "close to", "just under", "approaching"}
_APPROX = {
    "about", "around", "some", "roughly", "approximately", "approx.", "an estimated",
    "estimated", "circa", "ca.", "an approximate", "more or less",
}


def _alternation(words) -> str:
    # Longest first, so "no fewer than" wins over "no", "tens of thousands" over "thousands".
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


_MONTHS = (
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
).split()
# Case-sensitive: "3 may have died" is not a date.
_MONTH = r"(?-i:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

# -- the count grammar --------------------------------------------------------------

_WORD = _alternation(list(_UNITS) + list(_TENS))
_SCALE = "hundred|thousand|million|billion"
# "and" may join only after a scale word: "one hundred and twenty", not "two and three".
_WSEP = r"(?:(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+and\s+|[\s-]+)"
_WORDNUM = (
    rf"(?:\b(?:{_WORD})\b(?:{_WSEP}(?:{_WORD}|{_SCALE})\b)*"
    rf"|\ban?\s+(?:{_SCALE})\b(?:{_WSEP}(?:{_WORD}|{_SCALE})\b)*)"
)
# A space as thousands separator is refused right after a month name: "May 3 200 people".
# (\x20, not " ": these pieces go into a VERBOSE pattern.)
_NO_MONTH_BEFORE = "".join(f"(?<!{m}\\x20)(?<!{m}\\.\\x20)" for m in _MONTHS)
_DIGITS = (
    r"(?:"
    r"\d{1,3}(?:,\d{3})+"
    r"|\d{1,3}(?:\.\d{3})+"
    r"|\d{1,3}(?:['’]\d{3})+"
    r"|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+"
    rf"|{_NO_MONTH_BEFORE}\d{{1,3}}(?:\x20\d{{3}})+"
    r"|\d+"
    r")(?![\w]|[.,:/'’]\d)"
)
_DECIMAL_SCALED = rf"\d+[.,]\d{{1,2}}\s+(?:{_SCALE})\b"
_DIGITS_SCALED = rf"{_DIGITS}\s+(?:{_SCALE})\b"
_DOZEN = rf"(?:\bhalf\s+a|\ban?|\b(?:{_WORD})\b|{_DIGITS})\s+dozen\b"
_COUPLE = r"\ba\s+couple(?:\s+of)?\b"
# A figure that can stand on either side of a range; bare "a"/"an" cannot ("12 or an …").
_NUM = rf"(?:{_DOZEN}|{_COUPLE}|{_DECIMAL_SCALED}|{_DIGITS_SCALED}|{_WORDNUM}|{_DIGITS})"

_PREFIX = _alternation(_LOWER_INCL | _LOWER_EXCL | _UPPER_INCL | _UPPER_EXCL | _NEAR | _APPROX)
_INDEF = (
    rf"(?:several|a\s+few)\s+(?:dozen|hundred|thousand)\b"
    rf"|(?:{_alternation(_INDEFINITE)})\b(?:\s+of\b)?"
    r"|a\s+number\s+of\b"
    rf"|(?:an?\s+)?(?:{_alternation(_UNKNOWN)})\s+number\s+of\b"
    rf"|(?:{_alternation(_UNBOUNDED)})\b"
)

_FIRST_WORDS = {
    phrase.split()[0].rstrip(".")
    for phrase in (
        *_LOWER_INCL, *_LOWER_EXCL, *_UPPER_INCL, *_UPPER_EXCL, *_NEAR, *_APPROX, *_INDEFINITE,
        *_UNBOUNDED, *_UNKNOWN, *_UNITS, *_TENS, "a", "an", "half", "between", "from", "no", "nobody", "none",
    )
}
_QTY = re.compile(
    # The first-character and first-word lookaheads skip hopeless positions early (twice as fast).
    # No figure starts inside a word, a code ("F-16"), a decimal, a time or a date.
    rf"""(?=[\d{"".join(sorted({word[0] for word in _FIRST_WORDS}))}])
    \b(?=\d|(?:{"|".join(sorted(_FIRST_WORDS, key=len, reverse=True))})\b)
    (?<![\w.,:/'’+-])(?:
        (?:(?P<pre>{_PREFIX})\s+)?
        (?:between\s+(?P<b1>{_NUM})\s+and\s+(?P<b2>{_NUM})
          |from\s+(?P<f1>{_NUM})\s+to\s+(?P<f2>{_NUM})
          |(?P<n1>{_NUM})(?:(?:\s*[-–—]\s*|\s+(?:to|or)\s+)(?P<n2>{_NUM}))?)
        (?P<post>\s+or\s+(?:more|above|so)\b|\+|-plus\b)?
      |(?P<indef>{_INDEF})
      |(?P<zero>no\s+one\b|nobody\b|none\b|zero\b|no\b(?![.\w'’-]))
      |(?P<one>an?\b(?![.\w'’-]))
    )""",
    re.IGNORECASE | re.VERBOSE,
)

# -- what is not a count -------------------------------------------------------------

_UNIT_WORDS = (
    r"km|kms|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|m|cm|mm|millimet(?:re|er)s?|kg|kilos?|"
    r"kilograms?|grams?|tonnes?|tons?|pounds?|lbs?|feet|foot|ft|inch(?:es)?|hectares?|acres?|"
    r"lit(?:re|er)s?|gallons?|barrels?|degrees?|hours?|hrs?|minutes?|mins?|seconds?|secs?|"
    r"days?|nights?|weeks?|months?|years?|decades?|centuries|century|kmh|km/h|mph|sq"
)
_MONEY_WORDS = (
    r"dollars?|euros?|usd|eur|gbp|afghanis?|rupees?|naira|shillings?|francs?|dinars?|"
    r"riyals?|rials?|yuan|roubles?|rubles?|hryvnias?|birr|cfa|pesos?|lira"
)
_AFTER_NOT_COUNT = re.compile(
    rf"""(?:\s*(?:%|percent\b|per\s?cent\b|pc\b|percentage\b)
      |\s*-?\s*(?:years?|months?|weeks?|days?)[\s-]old\b
      |-(?!strong\b)[^\W\d]
      |[-/.]\d
      |\s*(?:{_UNIT_WORDS})\b
      |°
      |\s*(?:{_MONEY_WORDS})\b
      |\s+(?-i:Brigade|Battalion|Regiment|Division|Squadron|Company|Corps)\b   # a unit's number: "the 45 Brigade"
      |\s*(?:a\.?m\.?|p\.?m\.?)(?![\w])
      |\s*(?:gmt|utc|hrs|o'clock)\b
      |\s+(?:of\s+)?{_MONTH}(?![\w]))""",
    re.IGNORECASE | re.VERBOSE,
)
_DESIGNATORS = (
    r"route|highway|road|flight|resolution|article|section|chapter|unit|block|district|camp|"
    r"gate|sector|zone|phase|level|grade|room|no\.|number|checkpoint|page|platoon|kilometre|km|"
    r"brigade|battalion|regiment|division|squadron|company|corps"
)
_BEFORE_NOT_COUNT = re.compile(
    rf"""(?:(?:[$£€¥₦₹]|us\$|usd|eur|rs\.?)\s*
      |\b(?:aged?|ages)\s+
      |\b(?:{_DESIGNATORS})\s+
      |{_MONTH}\s+
      |\+\d{{1,3}}[\d\s().-]*     # a telephone number: "+243 97 000 1234"
      |\b0\d+[\s.-]*              # the rest of one: "0800 555"
      |[\d]\s*[-/.])$""",
    re.IGNORECASE | re.VERBOSE,
)
_BEFORE_YEAR = re.compile(
    r"(?:\b(?:in|since|during|by|until|till|from|of|early|late|mid|before|after|year|spring|summer|"
    rf"autumn|fall|winter|between|the|copyright)[\s-]+|©\s*|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+)$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_LEADING_ZERO = re.compile(r"0\d")
_DECIMAL = re.compile(r"\d+[.,]\d{1,2}")
_SEPARATORS = re.compile(r"[,.'’\s\u00a0\u202f\u2009]")
_SPACES = re.compile(r"\s+")
_WORD_SPLIT = re.compile(r"[\s-]+")


# -- values ---------------------------------------------------------------------------


def _digits_value(text: str) -> int:
    digits = _SEPARATORS.sub("", text)
    # Python refuses int() of > 4300 digits; anything past 10 digits is over the cap anyway.
    return CAP if len(digits) > 10 else min(int(digits), CAP)


def _words_value(text: str) -> int:
    total, current = 0, 0
    for word in _WORD_SPLIT.split(text.lower()):
        if word in ("and", "a", "an", ""):
            current = current or (1 if word in ("a", "an") else 0)
        elif word in _UNITS or word in _TENS:
            current += _UNITS.get(word, _TENS.get(word, 0))
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
        total, current = min(total, CAP), min(current, CAP)
    return min(total + current, CAP)


def _scaled_value(text: str) -> int:
    number, scale = text.lower().rsplit(None, 1)
    value = float(number.replace(",", ".")) if _DECIMAL.fullmatch(number) else _digits_value(number)
    return min(int(value * _SCALES[scale]), CAP)


def _number_value(text: str) -> int:
    """Value of one figure matched by ``_NUM``: digits, words, "two dozen", "a couple of"."""
    lowered = _SPACES.sub(" ", text.lower()).strip()
    if lowered.endswith("dozen"):
        head = lowered[: -len("dozen")].strip()
        count = 0.5 if head == "half a" else 1 if head in ("a", "an") else _number_value(head)
        return min(int(count * 12), CAP)
    if lowered.startswith("a couple"):
        return 2
    if lowered[-1].isalpha() and lowered[0].isdigit():
        return _scaled_value(lowered)
    if lowered[0].isdigit():
        return _digits_value(lowered)
    return _words_value(lowered)


def _indefinite(text: str) -> tuple[Optional[int], Optional[int]]:
    lowered = _SPACES.sub(" ", text.lower()).strip()
    if lowered.endswith(" of") and not lowered.startswith("a number"):
        lowered = lowered[: -len(" of")]
    for head, factor in _INDEFINITE_FACTOR.items():
        if lowered.startswith(head + " "):
            unit = lowered[len(head) + 1 :]
            return min(factor * (12 if unit == "dozen" else _SCALES[unit]), CAP), None
    return _INDEFINITE.get(lowered), None


def _bounded(prefix: str, post: str, low: int, high: int) -> tuple[Optional[int], Optional[int], bool]:
    """Apply "at least", "up to", "about", "or more"… to the range low..high."""
    prefix = _SPACES.sub(" ", prefix.lower())
    post = _SPACES.sub(" ", post.lower()).strip()
    if prefix in _LOWER_INCL or post in ("or more", "or above", "+", "-plus"):
        return low, None, False
    if prefix in _LOWER_EXCL:
        return min(low + 1, CAP), None, False
    if prefix in _UPPER_INCL:
        return None, high, False
    if prefix in _UPPER_EXCL:
        return None, max(high - 1, 0), False
    if prefix in _NEAR:
        return None, high, True
    return low, high, prefix in _APPROX or post == "or so"


def _from_match(match: re.Match) -> tuple[Optional[int], Optional[int], bool]:
    groups = match.groupdict()
    if groups["indef"]:
        low, high = _indefinite(groups["indef"])
        return low, high, True
    if groups["zero"]:
        return 0, 0, False
    if groups["one"]:
        return 1, 1, False
    first = groups["b1"] or groups["f1"] or groups["n1"]
    second = groups["b2"] or groups["f2"] or groups["n2"] or first
    low, high = sorted((_number_value(first), _number_value(second)))
    return _bounded(groups["pre"] or "", groups["post"] or "", low, high)


def _quantity(match: re.Match, source: str) -> Quantity:
    low, high, vague = _from_match(match)
    return Quantity(low, high, vague, match.start(), match.end(), source[match.start() : match.end()])


# -- public API -------------------------------------------------------------------------


def parse_quantity(text: str) -> Optional[Quantity]:
    """Parse ``text`` as one count expression ("at least 40", "dozens", "12-15").

    Surrounding whitespace is ignored (offsets then point inside ``text``); anything
    else that is not part of the expression makes it not a count: returns None.
    """
    stripped = text.strip()
    if not stripped:
        return None
    start = len(text) - len(text.lstrip())
    match = _QTY.fullmatch(text, start, start + len(stripped))
    return _quantity(match, text) if match else None


def _is_year(match: re.Match, source: str) -> bool:
    # Years are dates only in a date context ("in 2019", "between 2019 and 2021",
    # "2019-2020"); a bare "2019" elsewhere stays a count.
    groups = match.groupdict()
    if groups["pre"] or groups["post"]:
        return False
    first = groups["b1"] or groups["f1"] or groups["n1"]
    second = groups["b2"] or groups["f2"] or groups["n2"]
    if not all(_YEAR.fullmatch(part) for part in (first, second) if part is not None):
        return False
    before = source[max(0, match.start() - 24) : match.start()]
    return second is not None or bool(_BEFORE_YEAR.search(before))


def _is_count(match: re.Match, source: str) -> bool:
    """False for figures that are dates, times, money, percentages, ages or measures."""
    if match.group("indef") or match.group("zero") or match.group("one"):
        return True
    if _LEADING_ZERO.match(match.group(0)):
        return False  # "0300", "00": clock times, codes and telephone groups
    before = source[max(0, match.start() - 24) : match.start()]
    after = source[match.end() : match.end() + 24]
    if _AFTER_NOT_COUNT.match(after) or _BEFORE_NOT_COUNT.search(before):
        return False
    return not _is_year(match, source)


def find_quantities(text: str) -> list[Quantity]:
    """Every count expression in ``text``, left to right, with offsets into ``text``."""
    found = []
    for match in _QTY.finditer(text):
        if _is_count(match, text):
            found.append(_quantity(match, text))
        else:
            log.debug("not a count: %r", match.group(0))
    return found
