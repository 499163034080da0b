"""Actors: states and their governments named where an actor stands (issue 4).

Every sentence here is synthetic, written for these tests; the expected ids are written by hand
from the sentence: a country or capital that acts or is acted on is "Government of <Country>"
(``gov.<cc>``), one that is only where something happens is no actor.
"""

from __future__ import annotations

import pytest
import spacy

from sitrep.extract.actors import ActorsFound

# the lexicon and stock-model fixtures and the helper of the actor tests (pytest finds fixtures by name)
from test_actors import actors_of, lexicon, model  # noqa: F401


def by_text(found: ActorsFound) -> dict[str, str]:
    return {m.text: m.actor_id for m in found.mentions}


def test_government_entries(lexicon):
    egypt = lexicon.state_forces("EG", "government")
    assert (egypt.id, egypt.name, egypt.kind, egypt.country) == ("gov.eg", "Government of Egypt", "State forces", "EG")


def test_no_state_without_a_parse(lexicon):
    found = actors_of(spacy.blank("en"), lexicon, "Jordan rejected the plan put forward by Egypt.")
    assert found.actors == []


@pytest.mark.model
def test_countries_as_subjects_and_objects(lexicon, model):
    found = by_text(actors_of(model, lexicon, "Jordan and Norway signed a treaty, and Cuba accused Chile of lying."))
    assert found.get("Jordan") == "gov.jo" and found.get("Norway") == "gov.no"
    assert found.get("Cuba") == "gov.cu" and found.get("Chile") == "gov.cl"


@pytest.mark.model
def test_countries_after_party_prepositions(lexicon, model):
    text = "The council imposed sanctions against Iran and opened talks with Venezuela."
    found = by_text(actors_of(model, lexicon, text))
    assert found.get("Iran") == "gov.ir" and found.get("Venezuela") == "gov.ve"


@pytest.mark.model
def test_countries_as_places_are_no_actors(lexicon, model):
    text = ("Heavy rain fell in Peru. Thousands of families fled to Chile last week, and traders crossed the border "
            "with Bolivia. Pilgrims reached Egypt.")
    found = actors_of(model, lexicon, text)
    assert not [m.text for m in found.mentions if m.actor_id.startswith("gov.")]


@pytest.mark.model
def test_possessor_of_an_act_not_of_land(lexicon, model):
    text = "Turkey's offer surprised the diplomats. Fighting spread across Syria's north."
    found = by_text(actors_of(model, lexicon, text))
    assert found.get("Turkey") == "gov.tr"
    assert "Syria" not in found


@pytest.mark.model
def test_capital_as_subject_is_the_government(lexicon, model):
    found = by_text(actors_of(model, lexicon, "Moscow denied the report on Tuesday. Troops later entered Nairobi."))
    assert found.get("Moscow") == "gov.ru"
    assert "Nairobi" not in found


@pytest.mark.model
def test_government_nouns_take_the_named_state(lexicon, model):
    text = ("The Kenyan government rejected the demands of Ugandan officials, and Ghana's foreign ministry "
            "summoned the Nigerian envoy.")
    found = by_text(actors_of(model, lexicon, text))
    assert found["Kenyan government"] == "gov.ke"
    assert found["Ugandan officials"] == "gov.ug"
    assert found["Ghana's foreign ministry"] == "gov.gh"
    assert found["Nigerian envoy"] == "gov.ng"


@pytest.mark.model
def test_titles_before_a_name_are_the_state(lexicon, model):
    text = "Zambian President Michael Banda met the Malawian Foreign Minister on Friday."
    found = actors_of(model, lexicon, text)
    names = by_text(found)
    assert names["Zambian President"] == "gov.zm"
    assert names["Malawian Foreign Minister"] == "gov.mw"
    assert found.get("ner:michael-banda").kind == "person"


@pytest.mark.model
def test_government_of_the_article_or_none(lexicon, model):
    text = ("The government said gunmen torched a government office. Local officials and anti-government "
            "protesters disagreed, and the authorities closed the road.")
    found = by_text(actors_of(model, lexicon, text, "NG", 2024))
    assert found["government"] == "gov.ng" and found["authorities"] == "gov.ng"
    assert "officials" not in found and "Local officials" not in found
    # "a government office" and "anti-government" name no government
    assert list(found.values()).count("gov.ng") == 2


@pytest.mark.model
def test_officials_of_a_named_group_are_the_group(lexicon, model):
    found = by_text(actors_of(model, lexicon, "Taliban officials met the envoy in Doha.", "AF", 2020))
    assert found["Taliban officials"] == "taliban"
    assert "envoy" not in found


@pytest.mark.model
def test_initials_of_a_state_and_its_organs(lexicon, model):
    text = "The US said on Monday that the PRC must release the sailors, a senior British minister added."
    found = by_text(actors_of(model, lexicon, text))
    assert found["US"] == "gov.us" and found["PRC"] == "gov.cn"
    assert found["British minister"] == "gov.gb"


@pytest.mark.model
def test_parliament_and_intelligence_officials(lexicon, model):
    text = "The Ghanaian parliament approved the deal after Ivorian intelligence officials briefed it."
    found = by_text(actors_of(model, lexicon, text))
    assert found["Ghanaian parliament"] == "gov.gh"
    assert found["Ivorian intelligence officials"] == "gov.ci"


@pytest.mark.model
def test_the_owner_of_a_force_is_not_a_side(lexicon, model):
    text = ("Gunmen who raided a checkpoint were pursued into the hills by Ghana's National Guard and its army "
            "units, backed by the Accra ministry's special forces.")
    found = by_text(actors_of(model, lexicon, text, "GH", 2016))
    assert not [t for t, i in found.items() if i.startswith("gov.")]


@pytest.mark.model
def test_forces_from_a_country_are_not_its_government(lexicon, model):
    found = by_text(actors_of(model, lexicon, "Military forces from Norway arrived in the port to support the mission."))
    assert "Norway" not in found


@pytest.mark.model
def test_a_state_visited_and_titles_with_vice(lexicon, model):
    found = by_text(actors_of(model, lexicon, "On Monday, Chile's Vice Foreign Minister also visited Kenya for trade talks."))
    assert found.get("Kenya") == "gov.ke"
    assert found.get("Chile's Vice Foreign Minister") == "gov.cl"


@pytest.mark.model
def test_guerrillas_and_rebel_leaders_are_armed(lexicon, model):
    found = by_text(actors_of(model, lexicon, "Albanian guerrillas and Afghan rebel leaders met in secret.", None, 2001))
    assert found["Albanian guerrillas"] == "uag.al"
    assert found["Afghan rebel leaders"] == "uag.af"
