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
    r = run(extractor, "On 1 March, demonstrators burned two tax booths outside Uvira.")
    assert deaths(r) == []


def test_the_sides_of_a_clash_are_not_its_dead(extractor):
    r = run(extractor, "On 1 March, clashes between two militias near Bor killed 12, including 5 soldiers.")
    assert 2 not in [c.low for c in deaths(r)]
    r = run(extractor, "On 1 March, militia fighting near Bunia killed between three and five people.")
    assert [(c.low, c.high) for c in deaths(r)] == [(3, 5)]


#: (report, the death figures its claims must give), each written from the text by hand
_DEATH_FIGURES = [
    # a raider is a person
    ("On 1 March, one cattle raider killed in a gunfight with herders guarding a camp near Rumbek.", [1]),
    # one victim named by a pronoun, as "another man", or without a count
    ("On 1 March, a soldier at a roadblock in Hudur shot dead another man.", [1]),
    ("On 1 March, masked men flagged down a minibus outside Jamame and killed the driver.", [1]),
    ("Farmer killed in a raid on Menaka market on 1 March.", [1]),
    ("On 1 March, a shepherd died when a landmine went off under him outside Kauda.", [1]),
    # the object of another verb is no death figure; a cue completing the verb makes one
    ("On 1 March, soldiers overran two rebel bases near Bunia, killing 6 fighters and "
     "freeing 40 of their captives.", [6]),
    ("On 1 March, attackers armed with pangas went on to hack to death 3 members of one household in Oicha.", [3]),
    # an article before a qualified count is no count of its own; an age is no count
    ("On 1 March, raiders struck Wukari, killing a suspected eight farmers.", [8]),
    ("On 1 March, a shell landed on a house in Sirte, killing a 62 year old man.", [1]),
    # the counted object of a killing is people, even by name
    ("Fulani gunmen raided Agatu on 1 March, killing 14 Idoma.", [14]),
    ("On 1 March, insurgents shot and killed three AMISOM troops at a checkpoint outside Marka.", [3]),
    ("On 1 March, bandits attacked a fuel convoy outside Gode, burning three trucks and killing five people.", [5]),
]


@pytest.mark.parametrize("text, figures", _DEATH_FIGURES)
def test_death_figures(extractor, text, figures):
    assert [c.low for c in deaths(run(extractor, text))] == figures


def test_one_victim_shot_dead_is_the_events_toll(extractor):
    r = run(extractor, "On 1 March, gunmen stopped a fisherman on the coast road near Merca and shot him dead.")
    assert [c.low for c in deaths(r)] == [1] and r.events[0].fatalities.best == 1
    r = run(extractor, "On 1 March, a teacher was killed while three more people were hurt when the bomb went off.")
    assert r.events[0].fatalities.best == 1


def test_someone_already_told_of_is_not_counted_again(extractor):
    r = run(extractor, "On 1 March, insurgents seized a nurse in Balad and later killed him beside the river.")
    assert r.events[0].fatalities.best == 1


def test_an_attacker_killed_in_the_attack_counts(extractor):
    r = run(extractor, "On 1 March, at a mosque in Konduga, a suicide attacker killed himself and 9 worshippers.")
    assert r.events[0].fatalities.best == 10
    r = run(extractor, "On 1 March, a jobless graduate tried to kill himself in front of the town hall in Kasserine.")
    assert "himself" not in [c.victim_text for c in deaths(r)]
