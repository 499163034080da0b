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
    r = run(extractor, "On 12 May 2021, 5 border guards were killed and 1 more was hurt as Taliban gunmen raided "
                       "an outpost near Spin Boldak, Kandahar (VoJ reported 5 fatalities).")
    assert not [c for c in r.claims if c.kind == "injured" and c.claimant == "VoJ"]
    assert [c.low for c in deaths(r) if c.claimant == "VoJ"] == [5, 5]
    assert best(r) == 0  # the outlet is the only source: ACLED codes 0


def test_a_speaker_the_parse_runs_into_a_bracket_speaks_only_inside_it(extractor):
    r = run(extractor, "On 12 May 2021, 6 soldiers were killed as Taliban militants stormed an outpost in Shah Joy "
                       "district, Zabul (VoJ also reported 6 fatalities).")
    soldiers = [c for c in deaths(r) if c.victim_text == "soldiers"]
    assert [(c.low, c.claimant, c.partisan) for c in soldiers] == [(6, None, False)]
    assert best(r) == 6


def test_a_bare_bracketed_figure_apart_from_the_clause_restates_the_deaths(extractor):
    r = run(extractor, "On 12 May 2021, Taliban fighters ambushed and killed 3 soldiers, and wounded 3, in "
                       "Zurmat district, Paktia (VoJ reported 3).")
    voj = [c for c in r.claims if c.claimant == "VoJ"]
    assert voj and all(c.kind == "killed" for c in voj)
    assert best(r) == 0


def test_kidnapped_and_killed_counts_the_deaths(extractor):
    r = run(extractor, "On 12 May 2021, 3 aid workers were kidnapped and killed in Qaisar district, Faryab, and "
                       "residents blamed the Taliban.")
    assert [c.low for c in deaths(r)] == [3]
    assert [c.low for c in r.claims if c.kind == "abducted"] == [3]
    assert best(r) == 3


def test_abducted_and_later_beheaded(extractor):
    r = run(extractor, "On 12 May 2021, 2 shepherds were abducted and then beheaded by militants in Jalrez "
                       "district, Wardak.")
    assert best(r) == 2


def test_victims_of_shot_and_killed_are_all_counted(extractor):
    r = run(extractor, "On 12 May 2021, 2 tailors and 1 barber were shot and killed by masked men in Herat city.")
    assert sorted(c.low for c in deaths(r)) == [1, 2]
    assert best(r) == 3


def test_killed_and_wounded_with_one_figure_is_no_death_count(extractor):
    r = run(extractor, "On 12 May 2021, a roadside bomb hit an army truck, killing and wounding 7 soldiers, in "
                       "Nad Ali district, Helmand.")
    assert [(c.kind, c.low) for c in r.claims] == [("casualties", 7)]
    assert best(r) == 0


def test_taken_as_hostages_is_no_death_figure(extractor):
    r = run(extractor, "On 12 May 2021, Taliban fighters seized an outpost in the Ishkamish district of "
                       "Takhar; 8 soldiers died there and 5 others were taken as hostages.")
    assert [c.low for c in deaths(r)] == [8]
    assert [c.low for c in r.claims if c.kind == "abducted"] == [5]
    assert best(r) == 8


def test_a_nested_bracket_keeps_its_source(extractor):
    r = run(extractor, "On 12 May 2021, a Taliban roadside bomb struck a police pickup in Musa Qala district, "
                       "Helmand (VoJ reported an unknown number of deaths (7)).")
    # "an unknown number" is VoJ's own vague figure, the bracketed 7 restates it: both are VoJ's
    assert {(c.low, c.claimant, c.partisan) for c in deaths(r)} <= {(7, "VoJ", True), (None, "VoJ", True)}
    assert (7, "VoJ", True) in [(c.low, c.claimant, c.partisan) for c in deaths(r)]
    assert best(r) == 0


def test_a_commando_is_a_person(extractor):
    r = run(extractor, "On 12 May 2021, Taliban fire killed 1 commando and hurt 3 others in Qadis district, "
                       "Badghis.")
    assert [c.low for c in deaths(r)] == [1]
    assert best(r) == 1


def test_a_figure_in_addition_to_another_adds_to_it(extractor):
    r = run(extractor, "On 12 May 2021, gunmen shot and killed 1 district official in addition to 2 of his "
                       "bodyguards, in Chak district, Wardak.")
    assert sorted(c.low for c in deaths(r)) == [1, 2]
    assert best(r) == 3


def test_a_relative_named_by_a_possessive_is_one_death(extractor):
    r = run(extractor, "On 12 May 2021, an off-duty policeman killed his nephew, a Taliban member, in Pul-e Khumri.")
    assert [(c.low, c.vague) for c in deaths(r)] == [(1, False)]
    assert best(r) == 1


def test_a_source_in_a_contrasting_clause_speaks_only_for_its_own_figure(extractor):
    r = run(extractor, "On 12 May 2021, Taliban fighters raided 3 police posts in Kandahar's Khakrez district, "
                       "killing 4 policemen, while VoJ reported 9 fatalities.")
    assert sorted((c.low, c.claimant) for c in deaths(r)) == [(4, None), (9, "VoJ")]
    assert best(r) == 4


def test_a_named_source_reporting_a_figure_is_its_claimant(extractor):
    r = run(extractor, "On 12 May 2021, Taliban fighters raided 3 police posts in Kandahar's Khakrez district, "
                       "according to VoJ killing 11 policemen in all, while Pajhwok reported 4 fatalities.")
    assert sorted((c.low, c.claimant) for c in deaths(r)) == [(4, "Pajhwok"), (11, "VoJ")]
    assert best(r) == 4  # the outlet's figure, not the Taliban's own


def test_a_death_that_set_off_a_protest_is_not_its_casualty(extractor):
    r = run(extractor, "On 12 May 2021, shopkeepers in Faizabad city, Badakhshan, held a protest over the death "
                       "of a money changer and demanded better policing.")
    assert r.events[0].event_type == "Protests"
    assert best(r) == 0


def test_a_killing_verbs_object_with_an_article_is_one_death_whatever_the_noun(extractor):
    r = run(extractor, "On 12 May 2021, a lone gunman shot and killed a well-known radio presenter in Kismayo.")
    assert [(c.low, c.high) for c in deaths(r)] == [(1, 1)]
    r = run(extractor, "On 12 May 2021, gunmen killed a cow and burned a house in Baidoa.")
    assert deaths(r) == []


def test_a_named_person_killed_is_one_death(extractor):
    r = run(extractor, "On 12 May 2021, police captain Eric Habimana was shot and killed outside his home in Gitega.")
    assert [(c.low, c.high) for c in deaths(r)] == [(1, 1)]
    r = run(extractor, "On 12 May 2021, gunmen killed Ahmed Nur Farah in Baidoa.")
    assert best(r) == 1


def test_a_killing_told_as_a_protests_cause_is_not_its_casualty(extractor):
    r = run(extractor, "On 12 May 2021, truck drivers protested and blocked a highway in Kisumu after a colleague was "
                       "killed by a police officer.")
    assert best(r) == 0
    r = run(extractor, "On 12 May 2021, police in Nakuru shot at a crowd of demonstrators, killing 3.")
    assert best(r) == 3


def test_the_objects_of_a_killing_verb_are_people_whatever_the_noun(extractor):
    r = run(extractor, "On 12 May 2021, troops reportedly killed three traders at the cattle market in Makurdi.")
    assert best(r) == 3
    r = run(extractor, "On 12 May 2021, raiders killed 30 cattle and 2 herders in Jonglei.")
    assert [c.low for c in deaths(r)] == [2]


def test_each_of_two_people_with_an_article_counts(extractor):
    r = run(extractor, "On 12 May 2021, a bomb killed a police commander and a driver near Menaka.")
    assert sum(c.low for c in deaths(r)) == 2 and best(r) == 2
