"""Whose deaths a figure counts, session 7: hand-written reports run through the whole pipeline.

ACLED codes the deaths of the event a report is about (../shared/ACLED-CODING.md). A count that is an
argument of another predicate ("after a neighbour complained", "raped four women", "six bandits,
dressed as herders") is not a count of the dead just because a killing word stands nearby; a killing someone is
accused of is an earlier deed, not a death of this event; an abduction conjoined to a killing with
victims of its own ("abducted 11 passengers and executed a policeman") does not make the abducted dead.
"""

from __future__ import annotations

import datetime as dt

import pytest

from _fatalkit import best, deaths, run_on

pytestmark = pytest.mark.model

DAY = dt.date(2021, 5, 14)


def run(extractor, text):
    return run_on(extractor, text, DAY)


# -- a count in another clause or of another predicate -------------------------------------------
def test_a_person_in_a_later_clause_is_not_the_victim(extractor):
    r = run(extractor, "A cattle trader who owed money was killed by militiamen in Dekoa after a neighbour "
                       "complained to the chief.")
    assert [(c.low, c.victim_text) for c in deaths(r)] == [(1, "cattle trader")]


def test_people_a_conjoined_verb_does_something_else_to_are_not_dead(extractor):
    r = run(extractor, "Bandits kill 7 farmers, rape four women and wound 12 near Tula on Friday.")
    assert [c.low for c in deaths(r)] == [7]


@pytest.mark.parametrize(("text", "victim"), [
    ("Four young men, wearing army fatigues stabbed and killed a tailor in Kano on Friday.", "tailor"),
    ("Six bandits, dressed as herders, ambushed and killed a pastor near Zaria on Friday.", "pastor"),
])
def test_a_count_with_its_own_participle_is_not_a_nearby_killings(extractor, text, victim):
    r = run(extractor, text)
    assert [(c.low, c.victim_text) for c in deaths(r)] == [(1, victim)]


def test_a_count_in_a_reported_clause_takes_that_clauses_cue(extractor):
    r = run(extractor, "Clashes broke out in Bouake on Friday. Medics at the city clinic said seven people were "
                       "being treated for stab wounds.")
    assert [(c.kind, c.low) for c in r.claims] == [("injured", 7)]


def test_a_count_with_a_participle_that_a_killing_governs_still_counts(extractor):
    r = run(extractor, "Five teenagers, hiding in a bus, were killed when a shell hit the station in Gao.")
    assert [c.low for c in deaths(r)] == [5]


@pytest.mark.parametrize(("text", "victim"), [
    ("Bandits abducted 11 passengers at a roadblock outside Zinder on Friday and executed a policeman.", "policeman"),
    ("Gunmen kidnapped four nurses near Bossangoa on Friday and shot dead the ambulance driver.", "ambulance driver"),
])
def test_the_abducted_are_not_the_victims_of_a_killing_with_its_own_object(extractor, text, victim):
    r = run(extractor, text)
    assert [(c.low, c.victim_text) for c in deaths(r)] == [(1, victim)]
    assert best(r) == 1


# -- a killing someone is accused of ---------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "A mob in Kigoma lynched a fisherman accused of murdering three nurses on Friday.",
    "Villagers in Nsanje lynched a widow they suspected of using charms to kill two boys on Friday.",
])
def test_a_killing_the_victim_was_accused_of_is_not_counted(extractor, text):
    r = run(extractor, text)
    assert [c.low for c in deaths(r)] == [1]


def test_one_of_the_perpetrators_is_a_person(extractor):
    r = run(extractor, "After a pharmacy in Mbale was robbed, one of the perpetrators was caught and lynched by "
                       "traders on Friday.")
    assert [c.low for c in deaths(r)] == [1]


# -- people named beside the one killed; heavy casualties; a unit's number ------------------------
def test_a_person_named_beside_one_killed_without_a_count_is_one_more(extractor):
    r = run(extractor, "Gunmen shot dead the mayor of Kidal and his bodyguard outside a mosque on Friday.")
    assert [c.low for c in deaths(r)] == [2]
    assert best(r) == 2


def test_heavy_casualties_in_a_fight_are_deaths_without_a_number(extractor):
    r = run(extractor, "Rebels and soldiers fought for the bridge at Mundri on Friday. The rebels took heavy "
                       "casualties.")
    assert [(c.low, c.high, c.vague) for c in deaths(r)] == [(None, None, True)]


def test_heavy_casualties_denied_are_no_deaths(extractor):
    r = run(extractor, "Rebels attacked the garrison at Mundri on Friday, but the army denied suffering heavy "
                       "casualties.")
    assert not [c for c in deaths(r) if not c.denial]


@pytest.mark.parametrize(("text", "counts"), [
    ("the sergeant of the 45 Brigade and 2 guards", [2]),
    ("three soldiers of Battalion 17 died", [3]),
    ("two brigades were sent", [2]),
])
def test_a_units_number_is_not_a_count(text, counts):
    from sitrep.extract.numbers import find_quantities

    assert [q.low for q in find_quantities(text)] == counts


# -- a death told as the cause, in a clause of its own --------------------------------------------
def _claim(sentence, victim_text, low):
    from sitrep.records import Claim

    return Claim(id="c1", kind="killed", low=low, high=low, victim_text=victim_text, sentence=sentence, start=0,
                 end=len(sentence))


@pytest.mark.parametrize(("sentence", "victims", "low"), [
    ("Youths blocked the main road after a lorry that killed a boy sped through Tsito.", "boy", 1),
    ("Nurses marched in Jos after a colleague died in custody.", "colleague", 1),
    ("Students protested after rumours that a classmate was killed by police.", "classmate", 1),
    ("The death of a prisoner in Kano jail triggered protests in his village.", None, 1),
    ("Elders condemned the gunmen who killed two fishermen near Lamu.", "fishermen", 2),
    ("Parents staged protests against killing three pupils in Goma.", "pupils", 3),
])
def test_a_death_in_a_clause_told_as_the_cause_is_not_the_events(sentence, victims, low):
    from sitrep.extract._event_tolls import killed_as_cause

    assert killed_as_cause(_claim(sentence, victims, low))


@pytest.mark.parametrize(("sentence", "victims", "low"), [
    ("Five soldiers died after their truck hit a mine near Gao.", "soldiers", 5),
    ("After midnight gunmen killed 5 villagers in Dogo.", "villagers", 5),
    ("Gunmen killed 5 villagers after they stormed Dogo.", "villagers", 5),
])
def test_the_events_own_dead_before_an_after_clause_still_count(sentence, victims, low):
    from sitrep.extract._event_tolls import killed_as_cause

    assert not killed_as_cause(_claim(sentence, victims, low))


# -- a share of the dead told of before ---------------------------------------------------------------
def test_a_share_of_the_dead_told_before_does_not_pull_the_figure_down():
    from sitrep.fatalities import fuse_fatalities
    from sitrep.records import Claim

    first = "Nine people died when rival clans fought over a well near Garissa."
    second = "Four of those killed were herders."
    total = Claim(id="c1", kind="killed", low=9, high=9, victim_text="people", sentence=first, start=0,
                  end=len(first))
    share = Claim(id="c2", kind="killed", low=4, high=4, victim_text="herders", sentence=second,
                  start=len(first) + 1, end=len(first) + 1 + len(second))
    assert fuse_fatalities([total, share]).best == 9
    # a figure for the same group that is no share still conflicts with the total: the lower one counts
    other = share.model_copy(update={"sentence": "Four herders were killed."})
    assert fuse_fatalities([total, other]).best == 4


# -- captives who died ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "dead"), [
    ("A riot at Kondengui jail on Friday caused the death of two guards and six prisoners.", 8),
    ("A detained prisoner in Mbalmayo died in a police cell on Friday after his arrest.", 1),
])
def test_captives_a_killing_word_governs_are_dead_not_captured(extractor, text, dead):
    r = run(extractor, text)
    assert not [c for c in r.claims if c.kind == "captured"]
    assert best(r) == dead
