"""Session 8 event rules (sitrep/extract/events.py), on reports written for this test."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from _fatalkit import run_on
from sitrep.extract import events
from sitrep.extract.triggers import TRIGGERS

pytestmark = pytest.mark.model

DAY = dt.date(2021, 5, 14)


def _background(nlp, text: str) -> list[bool]:
    """For each sentence of ``text``, whether its first trigger is read as background."""
    doc = nlp(text)
    out = []
    for sent in doc.sents:
        trigger = next(t for t in doc.spans[TRIGGERS] if sent.start <= t.start < sent.end)
        out.append(events._is_general(sent, trigger, []))
    return out


# -- a lead in the present perfect is the report's news ------------------------------------------
def test_a_lead_in_the_present_perfect_is_news_and_a_later_one_background(nlp):
    text = ("Gunmen have killed four traders on the road to Dori, residents said. "
            "The same group has attacked several convoys on that road.")
    assert _background(nlp, text) == [False, True]


@pytest.mark.parametrize("text", [
    "Protests have erupted in the market town of Sabou over fuel prices.",
    "At least two herders have been killed in clashes between rival clans near Galdogob.",
])
def test_a_lead_whose_own_verb_is_in_the_present_perfect_is_news(nlp, text):
    assert _background(nlp, text) == [False]


def test_a_perfect_verb_above_the_trigger_keeps_the_lead_background(nlp):
    text = "Officials have rejected claims that their aircraft carried out an air strike on the camp."
    assert _background(nlp, text) == [True]


def test_a_lead_that_says_since_when_stays_background(nlp):
    assert _background(nlp, "Rebels have killed more than 300 villagers in the Beni area since 2019.") == [True]


def test_a_chemical_leak_is_no_event(extractor):
    result = run_on(extractor, "A chemical leak at a fertiliser plant in Kolwezi has killed ten workers.", DAY)
    assert result.events == []


# -- deaths told after a protest are the protest's -----------------------------------------------
def test_deaths_told_after_a_protest_are_its_own(extractor):
    text = "Hundreds of farmers protested against a new land law in Gimbi. Three of them were killed by soldiers."
    result = run_on(extractor, text, DAY)
    assert [(e.event_type, e.sub_event_type, e.fatalities.best) for e in result.events] == [
        ("Protests", "Excessive force against protesters", 3)]


def test_a_killing_between_two_armed_sides_after_a_protest_is_its_own_event(extractor):
    text = ("Hundreds of farmers protested against a new land law in Gimbi. "
            "Gunmen of the Oromo Liberation Army also killed two policemen there.")
    result = run_on(extractor, text, DAY)
    assert len(result.events) == 2


# -- arrests made over a violent event are part of it --------------------------------------------
def test_arrests_after_a_killing_join_its_event(extractor):
    text = "Soldiers clashed with gunmen near Bunia on Monday. One gunman was killed and four were arrested."
    result = run_on(extractor, text, DAY)
    assert [(e.event_type, e.fatalities.best) for e in result.events] == [("Battles", 1)]


# -- a year is old news only when it ended well before the report --------------------------------
@pytest.mark.parametrize(("year", "background"), [(2016, False), (2015, True), (1990, True)])
def test_a_year_in_the_sentence_is_background_only_when_long_past(year, background):
    date = SimpleNamespace(precision="year", first=dt.date(year, 1, 1), last=dt.date(year, 12, 31))
    assert events._is_background(date, dt.date(2016, 3, 1)) is background


def test_a_date_in_a_clause_about_a_noun_does_not_date_the_event(extractor):
    result = run_on(extractor, "Hundreds of nurses marched in Zomba for colleagues who were sacked in 1998.", DAY)
    assert [(e.event_type, e.date) for e in result.events] == [("Protests", DAY)]
