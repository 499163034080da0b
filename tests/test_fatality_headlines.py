"""Death counts the claims stage used to miss, on hand-written reports run through the whole pipeline:
headline-style counts ("12 killed", "3 shot dead"), the sides of a clash counted as if they were its
dead ("clashes between two clans"), one victim named without a count ("killed the driver", "shot him
dead", "another man", "Trader killed in an ambush"), but not twice, an attacker killed in the attack
("killing himself and five worshippers"). Expectations follow ACLED's codebook
(../shared/ACLED-CODING.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from test_partisan import deaths, run as run_on

pytestmark = pytest.mark.model

DAY = dt.date(2016, 3, 2)


def run(extractor, text):
    return run_on(extractor, text, published=DAY)


def test_a_bare_count_before_its_cue_is_a_death_figure(extractor):
    # the small model runs "Bor. 12" into one sentence and hangs the 12 on "Clashes"
    r = run(extractor, "Clashes between two militias in Bor. 12 killed, including 5 soldiers.")
    assert 12 in [c.low for c in deaths(r)]
    r = run(extractor, "3 shot dead in the market of Gedo town.")  # "shot" tagged as a noun
    assert [c.low for c in deaths(r)] == [3]


def test_a_noun_counted_before_a_cue_is_no_headline(extractor):
    r = run(extractor, "On 1 March, protesters destroyed three toll gates near Muyumba.")
    assert deaths(r) == []


def test_the_sides_of_a_clash_are_not_its_dead(extractor):
    r = run(extractor, "On 1 March, clashes between two militias near Bor killed 12, including 5 soldiers.")
    assert 2 not in [c.low for c in deaths(r)]
    r = run(extractor, "On 1 March, between four and six people were killed in fighting in Kasese.")
    assert [(c.low, c.high) for c in deaths(r)] == [(4, 6)]


#: (report, the death figures its claims must give), each written from the text by hand
_DEATH_FIGURES = [
    # a raider is a person
    ("On 1 March, one cattle raider killed during a clash with a vigilante group in Toch.", [1]),
    # one victim named by a pronoun, as "another man", or without a count
    ("On 1 March, a gunman shot and killed another man in Baidoa.", [1]),
    ("On 1 March, unknown attackers stopped a car near Kismayo and killed the driver.", [1]),
    ("Trader killed in an ambush near Kidal on 1 March.", [1]),
    ("On 1 March, a herder died after stepping on a mine near Kadugli.", [1]),
    # the object of another verb is no death figure; a cue completing the verb makes one
    ("On 1 March, troops cleared three camps in Sambisa, killing 5 members of the sect and "
     "rescuing 63 of their prisoners.", [5]),
    ("On 1 March, a mob used machetes to hack to death 4 members of a family in Kasese.", [4]),
    # an article before a qualified count is no count of its own; an age is no count
    ("On 1 March, herders attacked Bali, killing a suspected six villagers.", [6]),
    ("On 1 March, mortars hit a block of flats in Benghazi, killing a 49 year old woman.", [1]),
    # the counted object of a killing is people, even by name
    ("Kuteb militia attacked Takum on 1 March, killing 20 Tiv.", [20]),
    ("On 1 March, fighters shot and killed four AMISOM forces found hiding in a house near Ceel Cadde.", [4]),
    ("On 1 March, rebels ambushed a convoy near Degehabur, destroying two vehicles and killing seven people.", [7]),
]


@pytest.mark.parametrize("text, figures", _DEATH_FIGURES)
def test_death_figures(extractor, text, figures):
    assert [c.low for c in deaths(run(extractor, text))] == figures


def test_one_victim_shot_dead_is_the_events_toll(extractor):
    r = run(extractor, "On 1 March, gunmen stopped a trader on the road to Afgoye and shot him dead.")
    assert [c.low for c in deaths(r)] == [1] and r.events[0].fatalities.best == 1
    r = run(extractor, "On 1 March, the businessman was killed while two other people were injured in the blast.")
    assert r.events[0].fatalities.best == 1


def test_someone_already_told_of_is_not_counted_again(extractor):
    r = run(extractor, "On 1 March, militants beheaded a farmer in Jowhar and later executed him outside the village.")
    assert r.events[0].fatalities.best == 1


def test_an_attacker_killed_in_the_attack_counts(extractor):
    r = run(extractor, "On 1 March, a female bomber killed herself and 12 people at a market in Maiduguri.")
    assert r.events[0].fatalities.best == 13
    r = run(extractor, "On 1 March, a young man tried to kill himself outside the governorate in Gafsa.")
    assert "himself" not in [c.victim_text for c in deaths(r)]
