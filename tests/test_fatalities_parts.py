"""ACLED's fatality rule on figures that are parts of another, "the victim" for the one named group,
and an attacker's own death: hand-built claims, no model needed."""

from sitrep.fatalities import fuse_fatalities
from sitrep.records import Claim

SENTENCE = "Gunmen attacked the market, killing nine people, including four traders."


def claim(low, victim_text, *, victim=None, start=0, sentence=SENTENCE, high=None):
    return Claim(id="c", kind="killed", low=low, high=low if high is None else high, victim=victim,
                 victim_text=victim_text, sentence=sentence, start=start, end=len(sentence))


def test_a_part_given_with_including_does_not_lower_the_total():
    f = fuse_fatalities([claim(9, "people"), claim(4, "traders")])
    assert f.best == 9


def test_parts_of_one_victim_group_do_not_add_to_its_figure():
    text = "At least seven villagers, including two children, were shot dead."
    f = fuse_fatalities([claim(7, "villagers", victim="civ", sentence=text, high=None),
                         claim(2, "children", victim="civ", sentence=text)])
    assert f.best == 7


def test_every_listed_part_is_a_part():
    text = "Eleven died, including 6 police officers and 5 attackers."
    f = fuse_fatalities([claim(11, None, sentence=text), claim(6, "police officers", sentence=text),
                         claim(5, "attackers", sentence=text)])
    assert f.best == 11


def test_figures_of_another_sentence_are_no_parts():
    other = "Later four traders were also killed."
    f = fuse_fatalities([claim(9, "people"), claim(4, "traders", sentence=other, start=80)])
    assert f.best == 4  # a single named group: "people" counts the same victims (most conservative)


def test_the_victim_or_the_body_is_the_one_named_group():
    text = "They beheaded a cleric in his house. The victim was found later."
    f = fuse_fatalities([claim(1, "cleric", sentence=text), claim(1, "victim", sentence=text, start=40)])
    assert f.best == 1


def test_an_attacker_killed_in_the_attack_adds_one():
    text = "A bomber killed herself and 12 people."
    f = fuse_fatalities([claim(12, "people", sentence=text), claim(1, "herself", sentence=text)])
    assert (f.low, f.best, f.high) == (13, 13, 13)
