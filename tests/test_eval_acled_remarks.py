"""The 2016 ACLED notes' coder remarks (synthetic notes in their style): they state the gold figure, the
number of events a report was split into, or the coded location, so sitrep must not read them."""

from __future__ import annotations

import pytest

from sitrep.evaluate import acled


@pytest.mark.parametrize("notes, read", [
    ("Rebels attacked a village; deaths were reported (coded as 10).", "Rebels attacked a village; deaths were reported."),
    ("5 killed over 3 days of fighting (2 fatalities coded for Jan 8, 2 coded for Jan 9).",
     "5 killed over 3 days of fighting."),
    ("Troops killed 20 militants in Arish and Rafah. 20 fatalities recorded over 2 events [10 in Arish; 10 in Rafah].",
     "Troops killed 20 militants in Arish and Rafah."),
    ("Troops killed 9 militants. Fatalities divided between three events. More raids followed.",
     "Troops killed 9 militants. More raids followed."),
    ("Rebels are accused of killings in two villages recently (fatalities coded as 10).",
     "Rebels are accused of killings in two villages recently."),
    ("Clashes in the south. Specific location not detailed - coded to Arish.", "Clashes in the south."),
    ("12 rebels were killed (these 12 fatalities were split across the events).", "12 rebels were killed."),
    # news wording that only looks alike stays
    ("A protest was also recorded in the old town.", "A protest was also recorded in the old town."),
    ("One death was recorded later by a local radio.", "One death was recorded later by a local radio."),
])  # fmt: skip
def test_2016_coder_remarks_are_not_read(notes, read):
    assert acled.strip_coding(notes) == read
