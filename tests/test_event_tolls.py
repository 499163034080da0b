"""A death told as the cause of what a report describes (a reprisal, a protest, a funeral) is not one of
its casualties: ACLED codes that death as an earlier event of its own."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.extract._event_tolls import killed_as_cause
from sitrep.records import Claim
from test_partisan import run as run_on


def claim(sentence, victim_text, kind="killed"):
    return Claim(id="c1", kind=kind, low=1, high=1, victim_text=victim_text, sentence=sentence, start=0,
                 end=len(sentence))


def test_the_victims_of_a_reprisals_cause_are_not_its_casualties():
    text = "Gunmen attacked Dori in revenge for the murder of two herders, killing 7 villagers."
    assert killed_as_cause(claim(text, "herders"))
    assert not killed_as_cause(claim(text, "villagers"))  # the clause after the cause is the reprisal's own


def test_a_protest_or_a_funeral_over_a_death_is_not_its_toll():
    assert killed_as_cause(claim("Nurses marched over the death of a colleague in Jos.", "colleague"))
    assert killed_as_cause(claim("Hundreds joined the funeral of a bus driver shot by soldiers.", "bus driver"))
    assert not killed_as_cause(claim("Police shot dead a taxi driver in Giza.", "taxi driver"))


@pytest.mark.model
def test_a_reprisal_codes_only_its_own_dead(extractor):
    r = run_on(extractor, "On 3 March 2016, gunmen attacked Dori in revenge for the murder of two herders, killing "
                          "7 villagers.", published=dt.date(2016, 3, 4))
    assert [e.fatalities.best for e in r.events] == [7]
