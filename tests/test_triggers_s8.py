"""Session 8 triggers: event wordings the lexicon lacked (sitrep/data/triggers.yaml). Sentences
written for this test; each names the sub-event type its trigger must open."""

from __future__ import annotations

import datetime as dt

import pytest

from _fatalkit import run_on

from sitrep.extract.triggers import TRIGGERS, TriggerLexicon

pytestmark = pytest.mark.model


def sub_types(nlp, text: str) -> list[str]:
    lexicon = TriggerLexicon.load()
    doc = nlp(text)
    return [lexicon.entry(span.label_).sub_event_type for span in doc.spans[TRIGGERS]]


# -- strikes, demonstrations and blocked roads are protests (ACLED) ------------------------------
@pytest.mark.parametrize("text", [
    "Nurses at the district hospital went on strike over unpaid allowances.",
    "Bus drivers staged a strike in Tamale on Monday.",
    "Dock workers began a three-day strike to demand higher pay.",
    "Two detained activists started a hunger strike in their cells.",
    "Court clerks observed a work stoppage in Kindu.",
    "Market women demonstrated outside the town hall against new levies.",
    "Angry villagers blocked the road to the quarry over dust from the trucks.",
    "Jobless youths barricaded the entrance of the municipal offices in Gafour.",
])
def test_strikes_and_demonstrations_are_protests(nlp, text):
    assert "Peaceful protest" in sub_types(nlp, text)


def test_a_strike_from_the_air_is_no_protest(nlp):
    assert "Peaceful protest" not in sub_types(nlp, "Jets carried out strikes on rebel positions near Koro.")


# -- an exchange of fire is a clash; firing on someone an attack ---------------------------------
@pytest.mark.parametrize("text", [
    "Two rival militias exchanged gunfire near the Bura well on Tuesday.",
    "A police patrol and smugglers were caught in a shootout outside Dosso.",
    "A trader was hit in the crossfire between soldiers and bandits.",
    "Gunmen fired on a minibus near Kolo.",
])
def test_exchanges_of_fire_and_firing_on_someone_are_armed_clashes(nlp, text):
    assert "Armed clash" in sub_types(nlp, text)


# -- violence by hand, bodies found, disappearances ----------------------------------------------
@pytest.mark.parametrize(("text", "sub_type"), [
    ("Militiamen beat three traders in the Kolo market.", "Attack"),
    ("A village chief was murdered in Ndu on Sunday.", "Attack"),
    ("Soldiers tortured a student at the Bira barracks.", "Attack"),
    ("The bodies of two herders were found near Gambaru.", "Attack"),
    ("A local councillor disappeared in Gao last week.", "Abduction/forced disappearance"),
])
def test_violence_by_hand_bodies_and_disappearances(nlp, text, sub_type):
    assert sub_type in sub_types(nlp, text)


def test_a_beaten_protest_stays_a_protest(extractor):
    result = run_on(extractor, "Police beat protesters in Kampala on Monday.", dt.date(2021, 5, 14))
    assert [(e.event_type, e.sub_event_type) for e in result.events] == [("Protests", "Protest with intervention")]


# -- property burnt or razed without a fight -----------------------------------------------------
def test_homes_burnt_are_property_destruction(nlp):
    assert "Looting/property destruction" in sub_types(nlp, "Herders burned twelve huts in Kafin Koro on Sunday.")


def test_a_killing_in_the_same_sentence_outranks_the_burning(extractor):
    result = run_on(extractor, "Gunmen killed four farmers and burned their huts in Kafin Koro on Sunday.",
                    dt.date(2021, 5, 14))
    assert [e.event_type for e in result.events] != ["Strategic developments"]


# -- a death from old wounds is not a new event (a wounding alone opens none: examples/nigeria-konduga-bomber)
def test_wounds_as_a_noun_open_nothing(nlp):
    assert sub_types(nlp, "A herder died of his wounds in Tawila on Sunday.") == []


def test_people_hurt_in_a_natural_disaster_open_no_event(extractor):
    result = run_on(extractor, "Three villagers were injured when a landslide buried homes near Bududa on Sunday.",
                    dt.date(2021, 5, 14))
    assert result.events == []


def test_a_torching_without_a_crowd_is_property_destruction(nlp):
    # "torch" is a riot word only where a crowd is named; the verb and its object still tell what burnt
    assert "Looting/property destruction" in sub_types(nlp, "Soldiers torched seven villages near Golo.")


@pytest.mark.parametrize("text", [
    "Residents hurled stones at a police post in Kasese over a land eviction.",
    "Angry students pelted passing cars with stones near the campus in Zomba.",
])
def test_a_crowd_of_residents_or_students_throwing_stones_riots(extractor, text):
    result = run_on(extractor, text, dt.date(2021, 5, 14))
    assert [e.event_type for e in result.events] == ["Riots"]


def test_occupying_an_office_is_a_protest(nlp):
    assert "Peaceful protest" in sub_types(nlp, "Jobless graduates occupied the district office in Kasserine.")


def test_a_rampage_of_residents_is_a_riot(extractor):
    result = run_on(extractor, "Residents of Ga-Mothiba went on the rampage over water cuts.", dt.date(2021, 5, 14))
    assert [e.event_type for e in result.events] == ["Riots"]


@pytest.mark.parametrize("text", [
    "Peacekeepers vacated their base at Dolow on Friday.",
    "The rebels gained control of Kilwe after the army left, without a shot fired.",
])
def test_places_left_or_gained_without_fighting_are_transfers(nlp, text):
    assert "Non-violent transfer of territory" in sub_types(nlp, text)


def test_an_armed_groups_blockade_is_no_protest(nlp):
    # a siege of villages by fighters is not people blocking a road in protest
    assert "Peaceful protest" not in sub_types(nlp, "Fighters have kept a blockade on the villages around Dioura since March.")
