"""Invariants of a whole extraction, on reports assembled at random from hand-written fragments.

Whatever the fragments and the publication date: every offset lies inside the text and
slices to the string it claims; no resolved date lies after publication (the fragments
never announce future events); every claim linked to an event is listed by it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.ingest import RawDocument

pytestmark = [pytest.mark.model, pytest.mark.gazetteer]

FRAGMENTS = [
    "Taliban fighters overran an army post in Kunduz province on Friday night, killing at least 12 soldiers.",
    "The district governor said dozens of attackers were killed.",
    '"We repelled them," spokesman Idris Kamara wrote on Telegram.',
    "Two or three civilians died when a mortar shell hit the market in Baghlan yesterday.",
    "According to a local official, 40 people were wounded and seven are missing.",
    "The army said no civilians were harmed in the operation.",
    "Protesters marched through Kabul last week; police fired tear gas and detained 17 people.",
    "Gunmen abducted 23 students from a school near Maiduguri early Sunday, a security source told AFP.",
    "Fighting between the army and RSF continued in El Fasher on Tuesday.",
    "One resident said the shelling lasted three hours.",
    "A bomber wearing an explosive vest struck in Mogadishu late Monday, killing nine people, police said.",
    "Russian drones struck Kharkiv overnight; two were shot down, the air force said.",
]

reports = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6).map(lambda parts: "\n\n".join(parts))
dates = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2026, 11, 1))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=reports, published=dates)
def test_offsets_dates_and_links(extractor, text, published):
    raw = RawDocument(input="fragments.txt", text=text, format="text")
    result = extractor.extract_raw(raw, published=published)
    body = result.document.text
    for claim in result.claims:
        assert body[claim.start:claim.end] == claim.sentence
        assert claim.date is None or claim.date <= published
    for quote in result.quotes:
        assert body[quote.start:quote.end] == quote.text
    for item in [*result.actors, *result.places]:
        for m in item.mentions:
            assert 0 <= m.start < m.end <= len(body)
    claims = {c.id: c for c in result.claims}
    for event in result.events:
        assert event.date is None or event.date <= published
        for e in event.evidence:
            assert 0 <= e.start < e.end <= len(body)
        for claim_id in event.claims:
            assert claims[claim_id].event == event.id
