"""Session 8 fatality rules, on reports written for this test."""

from __future__ import annotations

import datetime as dt

import pytest

from _fatalkit import best, run_on
from sitrep.extract._event_tolls import days_covered

pytestmark = pytest.mark.model

DAY = dt.date(2021, 5, 14)


# -- a toll told for several days is shared among them (ACLED: one event per day) ------------------
@pytest.mark.parametrize(("text", "share"), [
    ("Fighting between two clans near Marial Bai left 12 people dead over two days.", 6),
    ("Troops killed 7 bandits in a three-day sweep of the Kuyambana forest.", 3),
    ("Troops killed 7 bandits in the Kuyambana forest on Tuesday.", 7),
])
def test_a_toll_over_several_days_is_shared_among_them(extractor, text, share):
    assert best(run_on(extractor, text, DAY)) == share


@pytest.mark.parametrize(("sentence", "days"), [
    ("20 were killed in the past three days", 3), ("a four-day offensive", 4), ("on Monday", 1),
])
def test_days_covered(sentence, days):
    assert days_covered(sentence) == days
