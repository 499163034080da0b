"""PLOVER scoring with sitrep's interactions (issue 4): which reading fills each slot, and the
even/odd halves. Records and results are synthetic, written for these tests."""

from __future__ import annotations

import json

from sitrep.evaluate import plover
from sitrep.records import Actor, Document, Event, Interaction, Mention, Party, Result


def _record(rid: str, text: str, source: str, target: str = "") -> dict:
    targets = [{"actorText": target, "code": "PER"}] if target else ""
    return {"id": rid, "event": "CONSULT", "text": text, "source": [{"actorText": source, "code": "CHL"}],
            "target": targets}  # fmt: skip


def _party(text: str, phrase: str, actor: str | None = None) -> Party:
    start = text.index(phrase)
    return Party(text=phrase, start=start, end=start + len(phrase), actor=actor)


def _actor(text: str, id: str, name: str, surface: str) -> Actor:
    start = text.index(surface)
    return Actor(id=id, name=name, kind="organization", mentions=[Mention(start=start, end=start + len(surface))])


def _result(text: str, *, actors=(), events=(), interactions=()) -> Result:
    return Result(input="t", document=Document(id="0" * 16, text=text), actors=list(actors), events=list(events),
                  interactions=list(interactions))  # fmt: skip


TEXT = "Medical teams from Peru reached the coast, and Chile hosted the Peruvian envoy."


def test_the_interaction_comes_before_the_event_and_mention_order():
    # the first-mentioned actor (Peru) and an event of the teams are not who hosted whom
    peru = _actor(TEXT, "gov.pe", "Government of Peru", "Peru")
    event = Event(id="e1", event_type="Strategic developments", sub_event_type="Other", date_precision=1,
                  actor1="gov.pe", confidence=0.6)  # fmt: skip
    dyad = Interaction(id="i1", predicate="host", sources=[_party(TEXT, "Chile")],
                       targets=[_party(TEXT, "the Peruvian envoy")], start=0, end=len(TEXT))  # fmt: skip
    side = plover.sitrep_side(_result(TEXT, actors=[peru], events=[event], interactions=[dyad]))
    assert side.reading == "interaction"
    gold = plover.GoldActor("Chile", "CHL")
    assert plover._hit((gold,), side.sources)  # a party without an actor record matches on its phrase
    assert plover._hit((plover.GoldActor("Peruvian envoy", "PER"),), side.targets)


def test_a_slot_the_interaction_leaves_empty_takes_the_event_actor():
    chile = _actor(TEXT, "gov.cl", "Government of Chile", "Chile")
    peru = _actor(TEXT, "gov.pe", "Government of Peru", "Peru")
    event = Event(id="e1", event_type="Strategic developments", sub_event_type="Other", date_precision=1,
                  actor1="gov.cl", actor2="gov.pe", confidence=0.6)  # fmt: skip
    dyad = Interaction(id="i1", predicate="host", sources=[_party(TEXT, "Chile", "gov.cl")], start=0, end=len(TEXT))
    side = plover.sitrep_side(_result(TEXT, actors=[chile, peru], events=[event], interactions=[dyad]))
    assert [p.actor.id for p in side.targets] == ["gov.pe"]
    # without an event: the first-mentioned actor that is not already the source
    side = plover.sitrep_side(_result(TEXT, actors=[chile, peru], interactions=[dyad]))
    assert [p.actor.id for p in side.targets] == ["gov.pe"]


class _Answers:
    def __init__(self, answers):
        self.answers = answers

    def extract_many(self, raws, *, published=None):
        for raw in raws:
            yield self.answers[raw.text]


def test_halves_are_scored_apart_and_only_even_misses_are_listed(tmp_path):
    even_text, odd_text = "Chile met Peru.", "Chile phoned Peru."
    path = tmp_path / "plover.json"
    path.write_text(json.dumps([_record("SYN-CONSULT-0002", even_text, "Chile", "Peru"),
                                _record("SYN-CONSULT-0003", odd_text, "Chile", "Peru")]))  # fmt: skip
    answers = {
        even_text: _result(even_text, interactions=[Interaction(
            id="i1", predicate="meet", plover="CONSULT", sources=[_party(even_text, "Chile")], targets=[_party(even_text, "Peru")],
            start=0, end=len(even_text))]),  # fmt: skip
        odd_text: _result(odd_text),  # nothing found: both slots wrong
    }
    report = plover.evaluate_plover(path, extractor=_Answers(answers))
    counts = {s.name: (s.correct, s.total) for s in report.scores}
    assert counts["source actor agreement, even ids (tuning half)"] == (1, 1)
    assert counts["target actor agreement, odd ids (held out)"] == (0, 1)
    assert counts["source actor agreement"] == (1, 2)
    assert report.details["misses (even ids)"]["source"]["count"] == 0
    # no event: the interaction's verb gives the PLOVER type
    assert counts["event type, interaction else event"] == (1, 2)
    assert counts["event type agreement"] == (0, 2)
