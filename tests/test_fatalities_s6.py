"""One victim told without a count, and victims a descriptive cue word names: hand-written reports run
through the whole pipeline. ACLED codes the deaths a report gives (../shared/ACLED-CODING.md): one
person beaten, stoned or hacked "to death" is one fatality; so is the headline-style "Taxi driver shot
dead"; "displaced farmers" who were shot dead count as dead, not as displaced."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.ingest import RawDocument

pytestmark = pytest.mark.model

DAY = dt.date(2019, 8, 23)


def run(extractor, text):
    return extractor.extract_raw(RawDocument(input="test", text=text, format="text", published=DAY))


def deaths(result):
    return [c for c in result.claims if c.kind == "killed"]


def best(result):
    return max(e.fatalities.best if e.fatalities else 0 for e in result.events)


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
