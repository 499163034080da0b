"""One victim told without a count, and victims a descriptive cue word names: hand-written reports run
through the whole pipeline. ACLED codes the deaths a report gives (../shared/ACLED-CODING.md): one
person beaten, stoned or hacked "to death" is one fatality; so is the headline-style "Taxi driver shot
dead"; "displaced farmers" who were shot dead count as dead, not as displaced; "one death", "he later
died", "killing only themselves" (as many as the attackers are), "murdered" and "the killing of" count;
a murder charge, an attempt, or an earlier death given as the cause does not."""

from __future__ import annotations

import datetime as dt

import pytest

from _fatalkit import best, deaths, run_on

pytestmark = pytest.mark.model

DAY = dt.date(2019, 8, 23)


def run(extractor, text):
    return run_on(extractor, text, DAY)


@pytest.mark.parametrize("text", [
    "A shopkeeper was beaten to death by a mob in Mombasa on Friday.",
    "On Friday a crowd in Kasese stoned to death a young man they suspected of theft.",
])
def test_one_person_killed_to_death_is_one_fatality(extractor, text):
    r = run(extractor, text)
    assert [(c.low, c.high) for c in deaths(r)] == [(1, 1)]
    assert best(r) == 1


def test_a_sentence_to_death_is_no_killing(extractor):
    r = run(extractor, "On Friday a court in Goma sentenced a militia commander to death for the massacre.")
    assert not deaths(r)


@pytest.mark.parametrize("text", [
    "Taxi driver shot dead near a checkpoint in Kano on Friday.",
    "Gendarme was gunned down and killed outside Kadugli on Friday.",
    "Soldier killed by a landmine near Gao on Friday.",
])
def test_a_headline_victim_without_article_is_one_fatality(extractor, text):
    r = run(extractor, text)
    assert [c.low for c in deaths(r)] == [1]
    assert best(r) == 1


def test_the_gunmen_who_shot_and_killed_someone_are_no_victims(extractor):
    r = run(extractor, "Masked gunmen ambushed and killed the union chairman near Baidoa on Friday.")
    assert [(c.low, c.vague) for c in deaths(r)] == [(1, False)]


def test_displaced_people_shot_dead_are_counted_as_killed(extractor):
    r = run(extractor, "On Friday rebels near Kosti killed a displaced herder.")
    assert [c.kind for c in r.claims] == ["killed"]
    assert best(r) == 1


def test_a_descriptive_cue_word_stays_when_no_verb_says_more(extractor):
    r = run(extractor, "On Friday twelve wounded soldiers were flown from Mopti to the capital.")
    assert [(c.kind, c.low) for c in r.claims] == [("injured", 12)]
    assert not deaths(r)


def test_wounded_people_who_later_died_are_fatalities(extractor):
    r = run(extractor, "Three injured policemen died in hospital in Kaduna on Friday.")
    assert [(c.kind, c.low) for c in r.claims] == [("killed", 3)]


# -- counts a noun, a pronoun or a reflexive gives ----------------------------------------------
def test_one_death_is_a_count_of_one(extractor):
    r = run(extractor, "Rival youths clashed in Tamale on Friday, leaving one death.")
    assert [c.low for c in deaths(r)] == [1]
    assert best(r) == 1


def test_he_who_later_died_is_one_fatality(extractor):
    r = run(extractor, "A journalist was beaten by police in Lome on Monday. He died of his injuries on Friday.")
    assert [(c.low, c.victim_text) for c in deaths(r)] == [(1, "He")]


def test_he_already_counted_is_not_counted_again(extractor):
    r = run(extractor, "A sergeant was killed near Tessalit on Friday. Army officials said he was killed when a "
                       "landmine exploded.")
    assert [c.low for c in deaths(r)] == [1]


@pytest.mark.parametrize(("text", "dead"), [
    ("Two teenage attackers set off their explosive belts outside a church in Mora on Friday, killing just themselves.", 2),
    ("Three cornered gunmen killed themselves with grenades near Fotokol on Friday.", 3),
])
def test_attackers_killing_themselves_count_as_many_as_they_are(extractor, text, dead):
    assert best(run(extractor, text)) == dead


# -- murder and killing -------------------------------------------------------------------------
def test_murdered_counts_like_killed(extractor):
    r = run(extractor, "Gunmen reportedly murdered three traders on the road to Bunia on Friday.")
    assert [c.low for c in deaths(r)] == [3]


def test_the_killing_of_people_counts_them(extractor):
    r = run(extractor, "The clashes in Bawku on Friday led to the killing of four people.")
    assert best(r) == 4


def test_a_charge_of_murder_is_no_death(extractor):
    r = run(extractor, "A suspect was arrested in Kisumu on Friday for the murder of a nurse.")
    assert not deaths(r)


def test_an_attempt_to_murder_is_no_death(extractor):
    r = run(extractor, "Gunmen tried to murder the mayor of Bouake on Friday.")
    assert not deaths(r)


@pytest.mark.parametrize("text", [
    "Youths in Tamale rioted on Friday in a row linked to the killing of a herder in June.",
    "The rebels attacked Kidal on Friday, an act of revenge by the group for the death of a commander.",
])
def test_an_earlier_death_given_as_the_cause_is_not_the_events(extractor, text):
    r = run(extractor, text)
    assert best(r) == 0


# -- a bound, a body, a headline's subject ---------------------------------------------------------
def test_an_upper_bound_alone_is_the_figure(extractor):
    r = run(extractor, "Up to eleven villagers were killed when gunmen raided Tchoma on Friday.")
    assert best(r) == 11


@pytest.mark.parametrize("text", [
    "The body of Colonel Amadou Diallo was found near Sevare on Friday after a raid by gunmen.",
    "Gunmen raided a farm near Bangui on Friday. Unidentified body found near the river.",
])
def test_one_body_found_is_one_fatality(extractor, text):
    r = run(extractor, text)
    assert [c.low for c in deaths(r)] == [1]


def test_the_body_of_someone_already_counted_is_not_counted_again(extractor):
    r = run(extractor, "A trader was killed in Bouar on Monday. His body was found on Friday.")
    assert [c.low for c in deaths(r)] == [1]


def test_a_headline_subject_of_shot_dead_is_one_person_whatever_the_noun(extractor):
    r = run(extractor, "Bakery owner shot dead near the central market in Bouar on Friday.")
    assert [c.low for c in deaths(r)] == [1]


# -- an outlet's total of two attacks ------------------------------------------------------------
_TWO_RAIDS = ("On 9 June 2021, 4 border policemen died and 2 were hurt as Taliban fighters overran an outpost in "
              "Kohsan district, Herat. In a second raid, 2 more policemen were killed near the district centre "
              "(VoJ reported {} fatalities).")


def test_the_outlets_total_of_both_attacks_makes_both_figures_its_own(extractor):
    r = run(extractor, _TWO_RAIDS.format(6))
    assert all(c.partisan for c in deaths(r))
    assert best(r) == 0  # the group's outlet is the only source of every figure: ACLED codes 0


def test_an_outlet_total_that_is_not_the_sum_leaves_the_figures_credible(extractor):
    r = run(extractor, _TWO_RAIDS.format(9))
    assert [c.low for c in deaths(r) if not c.partisan] == [4, 2]


def test_people_named_beside_a_counted_one_are_counted_too(extractor):
    r = run(extractor, "On Friday the district police chief and a driver were killed when gunmen ambushed their car "
                       "near Mubi.")
    assert best(r) == 2


def test_two_singular_people_under_one_article_are_two(extractor):
    r = run(extractor, "A militia commander and teenage recruit were killed in an ambush near Bunia on Friday.")
    assert best(r) == 2


# -- lynching, succumbing, executing captives, a headline's "shot and killed", a killing only tried ---------
def test_a_mob_that_lynched_someone_killed_one_person(extractor):
    r = run(extractor, "A mob in Kampala lynched a suspected pickpocket on Friday.")
    assert [(c.low, c.victim_text) for c in deaths(r)] == [(1, "suspected pickpocket")]


def test_a_wounded_person_who_succumbed_died(extractor):
    r = run(extractor, "Gunmen raided a bank in Kenema on Friday. The guard they shot succumbed to his wounds.")
    assert [c.low for c in deaths(r)] == [1]


def test_captives_executed_are_killed_not_captured(extractor):
    r = run(extractor, "Militants in Sirte executed three prisoners on Friday.")
    assert [(c.kind, c.low) for c in r.claims] == [("killed", 3)]


def test_a_headline_subject_shot_and_killed_is_the_victim(extractor):
    r = run(extractor, "Soldier shot and killed by gunmen at a market in Torit on Friday.")
    assert [c.low for c in deaths(r)] == [1]


@pytest.mark.parametrize("text", [
    "On Friday villagers in Owo beat and nearly lynched two men they took for cattle thieves.",
    "Police in Tema fired on a crowd that was attempting to lynch a bicycle thief on Friday.",
])
def test_a_killing_only_tried_is_no_death(extractor, text):
    assert not deaths(run(extractor, text))


def test_a_participle_after_conjoined_counts_counts_them_all(extractor):
    r = run(extractor, "Two vigilantes and two bandits killed in clashes near Ihosy on Friday.")
    assert sorted(c.low for c in deaths(r)) == [2, 2]


def test_a_conjunct_with_its_own_cue_keeps_it(extractor):
    r = run(extractor, "At least 3 militiamen killed and 5 others injured in a raid near Bujumbura on Friday.")
    assert [(c.kind, c.low) for c in r.claims] == [("killed", 3), ("injured", 5)]
