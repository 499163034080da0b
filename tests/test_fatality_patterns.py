"""Reporting patterns that decide the death count, on hand-written reports run through the whole
pipeline: a source's figure in brackets, speakers the parse runs into a bracket, "kidnapped and
killed", "killed and wounded N", "taken as hostages". Expectations follow ACLED's codebook
(../shared/ACLED-CODING.md): deaths only, a non-state armed group's uncorroborated figure about
its enemy is not coded, a corroborating source ("also reported") does not make it partisan."""

from __future__ import annotations

import datetime as dt

import pytest

from test_partisan import deaths, run as run_on

pytestmark = pytest.mark.model

DAY = dt.date(2021, 5, 12)


def run(extractor, text):
    return run_on(extractor, text, published=DAY)


def best(result):
    return result.events[0].fatalities.best


def test_bracketed_fatalities_after_a_wounded_figure_count_deaths(extractor):
    r = run(extractor, "On 12 May 2021, 2 policemen were killed and 3 were wounded when Taliban fighters attacked "
                       "a checkpoint in Gereshk district, Helmand (VoJ reported 2 fatalities).")
    assert not [c for c in r.claims if c.kind == "injured" and c.claimant == "VoJ"]
    assert [c.low for c in deaths(r) if c.claimant == "VoJ"] == [2, 2]
    assert best(r) == 0  # the outlet is the only source: ACLED codes 0


def test_a_speaker_the_parse_runs_into_a_bracket_speaks_only_inside_it(extractor):
    r = run(extractor, "On 12 May 2021, 4 soldiers were killed when Taliban fighters attacked a base in Andar "
                       "district, Ghazni (VoJ also reported 4 fatalities).")
    soldiers = [c for c in deaths(r) if c.victim_text == "soldiers"]
    assert [(c.low, c.claimant, c.partisan) for c in soldiers] == [(4, None, False)]
    assert best(r) == 4


def test_a_bare_bracketed_figure_apart_from_the_clause_restates_the_deaths(extractor):
    r = run(extractor, "On 12 May 2021, Taliban fighters ambushed and killed 3 soldiers, and wounded 3, in "
                       "Zurmat district, Paktia (VoJ reported 3).")
    voj = [c for c in r.claims if c.claimant == "VoJ"]
    assert voj and all(c.kind == "killed" for c in voj)
    assert best(r) == 0


def test_kidnapped_and_killed_counts_the_deaths(extractor):
    r = run(extractor, "On 12 May 2021, 2 teachers were kidnapped and killed by Taliban militants in Jaghori "
                       "district, Ghazni.")
    assert [c.low for c in deaths(r)] == [2]
    assert [c.low for c in r.claims if c.kind == "abducted"] == [2]
    assert best(r) == 2


def test_abducted_and_later_beheaded(extractor):
    r = run(extractor, "On 12 May 2021, 1 policeman was abducted and later beheaded by gunmen in Chak district, "
                       "Wardak.")
    assert best(r) == 1


def test_victims_of_shot_and_killed_are_all_counted(extractor):
    r = run(extractor, "On 12 May 2021, 3 guards and 1 driver were shot and killed by unknown gunmen in Kabul city.")
    assert sorted(c.low for c in deaths(r)) == [1, 3]
    assert best(r) == 4


def test_killed_and_wounded_with_one_figure_is_no_death_count(extractor):
    r = run(extractor, "On 12 May 2021, a roadside bomb hit an army truck, killing and wounding 7 soldiers, in "
                       "Nad Ali district, Helmand.")
    assert [(c.kind, c.low) for c in r.claims] == [("casualties", 7)]
    assert best(r) == 0


def test_taken_as_hostages_is_no_death_figure(extractor):
    r = run(extractor, "On 12 May 2021, at least 12 soldiers were killed and 6 were taken as hostages after "
                       "Taliban fighters overran a base in Khwaja Ghar district, Takhar.")
    assert [c.low for c in deaths(r)] == [12]
    assert [c.low for c in r.claims if c.kind == "abducted"] == [6]
    assert best(r) == 12


def test_a_nested_bracket_keeps_its_source(extractor):
    r = run(extractor, "On 12 May 2021, a mine planted by Taliban destroyed an army vehicle in Sangin district, "
                       "Helmand (VoJ reported an unknown number of fatalities (10)).")
    # "an unknown number" is VoJ's own vague figure, the bracketed 10 restates it: both are VoJ's
    assert {(c.low, c.claimant, c.partisan) for c in deaths(r)} <= {(10, "VoJ", True), (None, "VoJ", True)}
    assert (10, "VoJ", True) in [(c.low, c.claimant, c.partisan) for c in deaths(r)]
    assert best(r) == 0


def test_a_commando_is_a_person(extractor):
    r = run(extractor, "On 12 May 2021, 1 commando was killed and 2 were wounded by Taliban fire in Murghab "
                       "district, Badghis.")
    assert [c.low for c in deaths(r)] == [1]
    assert best(r) == 1


def test_a_figure_in_addition_to_another_adds_to_it(extractor):
    r = run(extractor, "On 12 May 2021, gunmen shot and killed 1 district official in addition to 2 of his "
                       "bodyguards, in Chak district, Wardak.")
    assert sorted(c.low for c in deaths(r)) == [1, 2]
    assert best(r) == 3


def test_a_relative_named_by_a_possessive_is_one_death(extractor):
    r = run(extractor, "On 12 May 2021, a Taliban fighter killed his brother, an off-duty soldier, in Kunduz city.")
    assert [(c.low, c.vague) for c in deaths(r)] == [(1, False)]
    assert best(r) == 1


def test_a_source_in_a_contrasting_clause_speaks_only_for_its_own_figure(extractor):
    r = run(extractor, "On 12 May 2021, Taliban fighters attacked 2 army posts in Washir district, Helmand, killing "
                       "3 soldiers, while VoJ reported 6 fatalities.")
    assert sorted((c.low, c.claimant) for c in deaths(r)) == [(3, None), (6, "VoJ")]
    assert best(r) == 3


def test_a_named_source_reporting_a_figure_is_its_claimant(extractor):
    r = run(extractor, "On 12 May 2021, Taliban fighters attacked 2 army posts in Washir district, Helmand, according "
                       "to VoJ killing a total of 6 soldiers, while Reuters reported 3 fatalities.")
    assert sorted((c.low, c.claimant) for c in deaths(r)) == [(3, "Reuters"), (6, "VoJ")]
    assert best(r) == 3  # the outlet's figure, not the Taliban's own


def test_a_death_that_set_off_a_protest_is_not_its_casualty(extractor):
    r = run(extractor, "On 12 May 2021, residents of Taloqan city, Takhar, protested against the insecurity in the "
                       "city following the death of a civilian.")
    assert r.events[0].event_type == "Protests"
    assert best(r) == 0


def test_a_killing_verbs_object_with_an_article_is_one_death_whatever_the_noun(extractor):
    r = run(extractor, "On 12 May 2021, gunmen shot and killed a prominent university lecturer in Baidoa.")
    assert [(c.low, c.high) for c in deaths(r)] == [(1, 1)]
    r = run(extractor, "On 12 May 2021, gunmen killed a cow and burned a house in Baidoa.")
    assert deaths(r) == []


def test_a_named_person_killed_is_one_death(extractor):
    r = run(extractor, "On 12 May 2021, army major Jean Nduwimana was shot and killed at a bar in Bujumbura.")
    assert [(c.low, c.high) for c in deaths(r)] == [(1, 1)]
    r = run(extractor, "On 12 May 2021, gunmen killed Ahmed Nur Farah in Baidoa.")
    assert best(r) == 1


def test_a_killing_told_as_a_protests_cause_is_not_its_casualty(extractor):
    r = run(extractor, "On 12 May 2021, truck drivers protested and blocked a highway in Kisumu after a colleague was "
                       "killed by a police officer.")
    assert best(r) == 0
    r = run(extractor, "On 12 May 2021, police opened fire on protesters in Kisumu after they gathered, killing 2.")
    assert best(r) == 2


def test_the_objects_of_a_killing_verb_are_people_whatever_the_noun(extractor):
    r = run(extractor, "On 12 May 2021, soldiers allegedly killed two butchers at the abattoir in Aba.")
    assert best(r) == 2
    r = run(extractor, "On 12 May 2021, raiders killed 30 cattle and 2 herders in Jonglei.")
    assert [c.low for c in deaths(r)] == [2]


def test_each_of_two_people_with_an_article_counts(extractor):
    r = run(extractor, "On 12 May 2021, a landmine killed a senior army officer and a soldier near Gossi.")
    assert sum(c.low for c in deaths(r)) == 2 and best(r) == 2
