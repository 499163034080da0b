"""Who gives a death toll, session 7: "claimed" that kills, and a claim of responsibility whose deed the
writer describes. Hand-written sentences run through the whole pipeline."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.ingest import RawDocument

pytestmark = pytest.mark.model


def _deaths(extractor, text):
    result = extractor.extract_raw(RawDocument(input="t.txt", text=text, format="text"), published=dt.date(2023, 9, 4))
    return [(c.low, c.partisan, c.claimant) for c in result.claims if c.kind == "killed"], result.quotes


@pytest.mark.parametrize("text", [
    "Shelling near the river crossing claimed the lives of five fishermen on Sunday.",
    "A landslide of rubble from the strike claimed nine lives in Dorvan on Sunday.",
])
def test_claimed_lives_is_a_killing_not_a_claim(extractor, text):
    deaths, quotes = _deaths(extractor, text)
    assert [(partisan, claimant) for _, partisan, claimant in deaths] == [(False, None)]
    assert quotes == []


def test_the_toll_of_a_deed_claimed_is_the_writers(extractor):
    deaths, _ = _deaths(extractor, "The Kestrel Front claimed credit for an ambush near Dorvan that killed seven "
                                   "guards on Sunday.")
    assert deaths == [(7, False, None)]


def test_a_toll_the_claimant_gives_stays_the_claimants(extractor):
    deaths, _ = _deaths(extractor, "The Kestrel Front claimed credit for the Dorvan ambush, saying that 30 guards "
                                   "were killed.")
    assert [(low, claimant) for low, _, claimant in deaths] == [(30, "The Kestrel Front")]


@pytest.mark.parametrize("text, killed", [
    ("Unknown gunmen assassinated the deputy mayor of Dorvan outside his home on Sunday.", 1),
    ("Three herders were burned alive by raiders in their huts near Dorvan on Sunday.", 3),
])
def test_assassinations_and_burnings_alive_are_killings(extractor, text, killed):
    result = extractor.extract_raw(RawDocument(input="t.txt", text=text, format="text"), published=dt.date(2023, 9, 4))
    assert [e.event_type for e in result.events] == ["Violence against civilians"]
    assert result.events[0].fatalities.best == killed
