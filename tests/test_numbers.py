"""Count expressions: sitrep.extract.numbers. Expectations written by hand from the text."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.extract.numbers import CAP, Quantity, find_quantities, parse_quantity

# (expression, low, high, vague)
PARSE_CASES = [
    # digits and thousands separators of every style
    ("12", 12, 12, False),
    ("1,200", 1200, 1200, False),
    ("1.200", 1200, 1200, False),
    ("1 200", 1200, 1200, False),
    ("1\u00a0200", 1200, 1200, False),
    ("1\u202f200", 1200, 1200, False),
    ("1'200", 1200, 1200, False),
    ("12,000,000", 12_000_000, 12_000_000, False),
    ("1.5 million", 1_500_000, 1_500_000, False),
    ("2 million", 2_000_000, 2_000_000, False),
    # ranges
    ("12-15", 12, 15, False),
    ("12–15", 12, 15, False),
    ("12 to 15", 12, 15, False),
    ("between 12 and 15", 12, 15, False),
    ("from 12 to 15", 12, 15, False),
    ("12 or 13", 12, 13, False),
    ("two or three", 2, 3, False),
    ("15-12", 12, 15, False),
    # words
    ("two", 2, 2, False),
    ("Seven", 7, 7, False),
    ("twenty-five", 25, 25, False),
    ("twenty five", 25, 25, False),
    ("one hundred and twenty", 120, 120, False),
    ("a hundred", 100, 100, False),
    ("two thousand five hundred", 2500, 2500, False),
    ("a dozen", 12, 12, False),
    ("two dozen", 24, 24, False),
    ("half a dozen", 6, 6, False),
    ("a couple of", 2, 2, False),
    ("a", 1, 1, False),
    ("an", 1, 1, False),
    ("one", 1, 1, False),
    ("no", 0, 0, False),
    ("none", 0, 0, False),
    ("zero", 0, 0, False),
    ("no one", 0, 0, False),
    ("nobody", 0, 0, False),
    # bounds
    ("at least 40", 40, None, False),
    ("At least 40", 40, None, False),
    ("no fewer than 40", 40, None, False),
    ("40 or more", 40, None, False),
    ("40-plus", 40, None, False),
    ("more than 30", 31, None, False),
    ("over 30", 31, None, False),
    ("more than a dozen", 13, None, False),
    ("up to 50", None, 50, False),
    ("as many as 50", None, 50, False),
    ("fewer than 10", None, 9, False),
    ("nearly 40", None, 40, True),
    ("almost 40", None, 40, True),
    ("at least 12-15", 12, None, False),
    # approximations
    ("about 20", 20, 20, True),
    ("around 20", 20, 20, True),
    ("some 20", 20, 20, True),
    ("roughly 20", 20, 20, True),
    ("approximately 20", 20, 20, True),
    ("an estimated 20", 20, 20, True),
    ("20 or so", 20, 20, True),
    ("about 20-30", 20, 30, True),
    # indefinite quantifiers
    ("tens of", 10, None, True),
    ("dozens", 12, None, True),
    ("dozens of", 12, None, True),
    ("scores of", 20, None, True),
    ("hundreds", 100, None, True),
    ("thousands", 1000, None, True),
    ("tens of thousands", 10_000, None, True),
    ("hundreds of thousands", 100_000, None, True),
    ("several", 3, None, True),
    ("several dozen", 36, None, True),
    ("a few hundred", 200, None, True),
    ("a few", 2, None, True),
    ("a handful", 3, None, True),
    ("a handful of", 3, None, True),
    ("many", None, None, True),
    ("a number of", None, None, True),
    ("an unknown number of", None, None, True),
    ("an unspecified number of", None, None, True),
    ("unknown number of", None, None, True),
]


def test_an_unknown_number_of_people_is_a_vague_count():
    # deaths reported without a number: a vague claim, which the ACLED export imputes
    [q] = find_quantities("The air raid on the depot left an unidentified number of guards dead.")
    assert (q.text, q.low, q.high, q.vague) == ("an unidentified number of", None, None, True)
    assert find_quantities("the unknown gunmen fled") == []


@pytest.mark.parametrize("expression, low, high, vague", PARSE_CASES)
def test_parse_quantity(expression, low, high, vague):
    quantity = parse_quantity(expression)
    assert quantity == Quantity(low, high, vague, 0, len(expression), expression)


@pytest.mark.parametrize(
    "expression",
    ["", "   ", "3rd", "21st", "second", "5 km", "15-year-old", "30%", "killed 12", "12 people", "a number", "1.5"],
)
def test_parse_quantity_rejects_what_is_not_one_count(expression):
    assert parse_quantity(expression) is None


def test_parse_quantity_ignores_surrounding_whitespace():
    quantity = parse_quantity("  at least 7 ")
    assert (quantity.low, quantity.high, quantity.start, quantity.end, quantity.text) == (7, None, 2, 12, "at least 7")


@pytest.mark.parametrize("expression", ["10,000,000,000", "9" * 5000, "a billion billion billion", "999 billion"])
def test_absurd_figures_are_capped(expression):
    quantity = parse_quantity(expression)
    assert quantity.low == quantity.high == CAP


def _found(text: str) -> list[tuple[str, int | None, int | None, bool]]:
    return [(q.text, q.low, q.high, q.vague) for q in find_quantities(text)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "At least 40 people, including 12 children, were killed and dozens of others wounded.",
            [("At least 40", 40, None, False), ("12", 12, 12, False), ("dozens of", 12, None, True)],
        ),
        (
            "The ministry said between 12 and 15 soldiers died and about 1,200 families fled.",
            [("between 12 and 15", 12, 15, False), ("about 1,200", 1200, 1200, True)],
        ),
        (
            "Two or three gunmen opened fire; nearly 40 were hurt and no one was arrested.",
            [("Two or three", 2, 3, False), ("nearly 40", None, 40, True), ("no one", 0, 0, False)],
        ),
        ("A 300-strong force moved in.", [("A", 1, 1, False), ("300", 300, 300, False)]),
        ("Officials counted 1 200 displaced.", [("1 200", 1200, 1200, False)]),
    ],
)
def test_find_quantities_in_sentences(sentence, expected):
    assert _found(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The fighting began in 2019 and flared again in May 2024.",
        "The attack on 3 May was followed by another on May 5, 2024.",
        "Curfew was lifted between 3 and 5 May.",
        "The clashes lasted from 2019 to 2021.",
        "The blast happened at 3 am and a second at 10:30.",
        "Unemployment reached 30 percent, up from 12%.",
        "Damage was put at $5 million and 20,000 dollars in cash.",
        "She was aged 15; her brother is a 12-year-old.",
        "The convoy stopped 5 km from the town after a 24-hour halt lasting three days.",
        "The 3rd battalion and the 21st brigade moved.",
        "Documents dated 03/05/2024 and 2024-05-03 were seized.",
        "F-16 and MiG-29 jets flew over Route 66 under Resolution 2254.",
        "Growth was 1.5 last year.",
        "Call +243 97 000 1234 or 0800 555; the code is 00.",
        "Rebels rejected the 2016 peace agreement. Copyright 2024 The Observer.",
    ],
)
def test_find_quantities_skips_what_is_not_a_count(sentence):
    # None of these sentences states how many people or things there were.
    assert [q for q in find_quantities(sentence) if q.text.lower() not in ("a", "an")] == []


def test_day_number_does_not_swallow_the_following_count():
    # "May 3 200" is a date and then a count, not 3,200.
    assert _found("On May 3 200 people were reported missing.") == [("200", 200, 200, False)]


def test_year_after_a_month_day_is_not_a_count_but_a_later_figure_is():
    assert _found("On May 3, 2024, 17 people were killed.") == [("17", 17, 17, False)]


def test_offsets_point_into_the_text():
    text = "Police said more than 30 died; up to 50 were hurt."
    for quantity in find_quantities(text):
        assert text[quantity.start : quantity.end] == quantity.text
    assert [q.text for q in find_quantities(text)] == ["more than 30", "up to 50"]


def test_long_absurd_text_does_not_hang():
    text = ("10,000,000,000 " + "9" * 3000 + " thousand thousand ") * 200
    started = time.perf_counter()
    quantities = find_quantities(text)
    assert time.perf_counter() - started < 5
    assert all(q.low is None or q.low <= CAP for q in quantities)


_PREFIXES = {
    "at least ": lambda n: (n, None, False),
    "more than ": lambda n: (n + 1, None, False),
    "up to ": lambda n: (None, n, False),
    "about ": lambda n: (n, n, True),
    "": lambda n: (n, n, False),
}


@given(st.sampled_from(sorted(_PREFIXES)), st.integers(min_value=0, max_value=10**8), st.sampled_from([",", ""]))
def test_generated_bounds(prefix, number, separator):
    expression = prefix + (f"{number:,}" if separator else str(number))
    quantity = parse_quantity(expression)
    assert (quantity.low, quantity.high, quantity.vague) == _PREFIXES[prefix](number)


# Pieces that make number-like soup more often than uniform random text would.
_PIECES = list("0123456789 ,.-–'/:%$aAbdeilmnorstuvwyz\u00a0") + [
    " or ", " and ", " to ", "May ", "at least ", "dozen", "hundred", "twenty-", "one", "no ",
]
_SOUP = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=300)
@given(_SOUP | st.text(max_size=80))
def test_random_strings_never_raise_and_offsets_hold(text):
    parse_quantity(text)
    previous_end = 0
    for quantity in find_quantities(text):
        assert text[quantity.start : quantity.end] == quantity.text
        assert quantity.start >= previous_end
        previous_end = quantity.end
        if quantity.low is not None and quantity.high is not None:
            assert quantity.low <= quantity.high
        for bound in (quantity.low, quantity.high):
            assert bound is None or 0 <= bound <= CAP
