"""Casualty claims on hand-written sentences; the other stages are replaced by small fakes."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from sitrep.extract.claims import Context, find_claims

pytestmark = pytest.mark.model


@dataclass
class FakeActors:
    actors: list = field(default_factory=list)
    mentions: list = field(default_factory=list)

    def actor_at(self, start, end):
        return None

    def actor_in(self, start, end):
        return None


@dataclass
class FakePlaces:
    places: list = field(default_factory=list)
    mentions: list = field(default_factory=list)
    country: str = None


def claims_of(nlp, text):
    doc = nlp(text)
    ctx = Context(doc=doc, actors=FakeActors(), places=FakePlaces(), dates=[], quotes=[])
    return find_claims(ctx)


def one(nlp, text):
    found = claims_of(nlp, text)
    assert len(found) == 1, [(c.kind, c.low, c.high, c.victim_text) for c in found]
    return found[0]


def test_active_kill_with_at_least(nlp):
    c = one(nlp, "The militants stormed the checkpoint, killing at least 12 soldiers.")
    assert (c.kind, c.low, c.high, c.vague) == ("killed", 12, None, False)
    assert c.victim_text.endswith("soldiers")


def test_passive_and_wounded_in_one_sentence(nlp):
    found = claims_of(nlp, "Six guards were killed and 14 others were wounded by the explosion.")
    assert {(c.kind, c.low, c.high) for c in found} == {("killed", 6, 6), ("injured", 14, 14)}


def test_dozens_is_vague(nlp):
    c = one(nlp, "Dozens of attackers were killed in the overnight assault.")
    # ACLED codes "dozens" as 12, open-ended
    assert (c.kind, c.low, c.high, c.vague) == ("killed", 12, None, True)
    assert "attackers" in c.victim_text


def test_range_in_words(nlp):
    c = one(nlp, "Two or three civilians died when the shell hit the market.")
    assert (c.kind, c.low, c.high) == ("killed", 2, 3)


def test_perpetrator_count_is_not_a_claim(nlp):
    found = claims_of(nlp, "Three gunmen on motorcycles killed a village elder.")
    assert [(c.kind, c.low) for c in found] == [("killed", 1)]


def test_non_casualty_numbers_are_ignored(nlp):
    # trucks are not people; "12-seat" sizes a minibus; the driver has no count
    assert claims_of(nlp, "The ambush destroyed 30 trucks and killed the driver of a 12-seat minibus.") == []


def test_denial(nlp):
    c = one(nlp, "No civilians were harmed in the operation.")
    assert c.denial is True and c.low == 0 and c.high == 0


def test_abducted_and_displaced(nlp):
    found = claims_of(nlp, "Gunmen abducted 23 students, and some 4,000 families were displaced by the fighting.")
    assert {(c.kind, c.low) for c in found} == {("abducted", 23), ("displaced", 4000)}


def test_death_toll(nlp):
    c = one(nlp, "The death toll from the attack rose to 41 on Sunday.")
    assert (c.kind, c.low, c.high) == ("killed", 41, 41)


def test_sentence_offsets_slice_the_text(nlp):
    text = "Clashes broke out at dawn. Fighters said they killed 15 soldiers near the pass."
    for c in claims_of(nlp, text):
        assert text[c.start:c.end] == c.sentence
