"""Session 7 typing rules: triggers negated by "without", and re-typings the codebook rules out
whatever the learned typer says (sitrep/extract/_event_types._vetoed). Sentences written for this test."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from sitrep.extract import _event_types, events, subtype


class FakeModel:
    """Always answers ``label`` with ``probability``."""

    def __init__(self, label: str, probability: float, sure=0.3):
        self.label, self.probability, self.sure = label, probability, sure

    def predict(self, text, rule=None):
        return self.label, self.probability


TEXT = "Militants raided Dorvask. Police fought them at the mill."
ACTORS = SimpleNamespace(actors=[SimpleNamespace(id="police", kind="State forces"),
                                  SimpleNamespace(id="militants", kind="Rebel group")])


def _sent(s: str):
    start = TEXT.index(s)
    return SimpleNamespace(text=s, start_char=start, end_char=start + len(s))


def _cluster(*actor_lists, claims=()):
    """One mention per actor list, over the sentences of TEXT in turn."""
    sents = ["Militants raided Dorvask.", "Police fought them at the mill."]
    return SimpleNamespace(mentions=[SimpleNamespace(sent=_sent(sents[i % 2]), actors=list(a), learned=False)
                                     for i, a in enumerate(actor_lists)], claims=list(claims))


def _killed(n: int):
    return SimpleNamespace(kind="killed", low=n, vague=False, denial=False, victim=None)


def _typed(model, rule_type: str, cluster):
    with subtype.using_model(model):
        return _event_types.learned_type(SimpleNamespace(actors=ACTORS, text=TEXT), cluster,
                                         subtype.EVENT_TYPES[rule_type], rule_type)


@pytest.mark.parametrize("label", ["Disrupted weapons use", "Looting/property destruction", "Other"])
def test_an_event_with_deaths_is_no_strategic_development(label):
    deadly = _cluster(["militants"], claims=[_killed(2)])
    assert _typed(FakeModel(label, 0.9), "Remote explosive/landmine/IED", deadly) == (
        "Explosions/Remote violence", "Remote explosive/landmine/IED")


def test_an_event_without_deaths_may_become_a_strategic_development():
    calm = _cluster(["militants"], claims=[SimpleNamespace(kind="injured", low=3, vague=False, denial=False,
                                                           victim=None)])
    assert _typed(FakeModel("Disrupted weapons use", 0.9), "Remote explosive/landmine/IED", calm) == (
        "Strategic developments", "Disrupted weapons use")


def test_deaths_do_not_stop_a_violent_retyping():
    deadly = _cluster(["militants"], claims=[_killed(2)])
    assert _typed(FakeModel("Grenade", 0.9), "Remote explosive/landmine/IED", deadly) == (
        "Explosions/Remote violence", "Grenade")


def test_a_clash_whose_later_mention_names_two_armed_sides_is_no_attack_on_civilians():
    # the raid names only the militants; the police fighting them comes in the next sentence
    later = _cluster(["militants"], ["police", "militants"])
    assert _typed(FakeModel("Attack", 0.9), "Armed clash", later) == ("Battles", "Armed clash")
    alone = _cluster(["militants"], ["militants"])
    assert _typed(FakeModel("Attack", 0.9), "Armed clash", alone) == ("Violence against civilians", "Attack")


@pytest.mark.parametrize("label", ["Mob violence", "Violent demonstration", "Protest with intervention"])
def test_a_clash_of_two_armed_sides_is_no_riot_or_protest(label):
    both = _cluster(["police", "militants"])
    assert _typed(FakeModel(label, 0.9), "Armed clash", both) == ("Battles", "Armed clash")
    crowd = _cluster(["police"])
    assert _typed(FakeModel(label, 0.9), "Armed clash", crowd) == (subtype.EVENT_TYPES[label], label)


@pytest.mark.parametrize("text, word, negated", [
    ("Rebel fighters entered Halvor without fighting.", "fighting", True),
    ("The garrison gave up the fort without a fight.", "fight", True),
    ("Troops moved in without any clashes.", "clashes", True),
    ("Rebel fighters entered Halvor after fighting.", "fighting", False),
    ("The garrison held the fort without help and fought off the raiders.", "fought", False),
])  # fmt: skip
def test_a_trigger_under_without_did_not_happen(nlp, text, word, negated):
    token = next(t for t in nlp(text) if t.text == word)
    assert events._done_without(token) is negated


def test_a_town_entered_without_fighting_is_no_clash(extractor):
    with subtype.using_model(None):
        quiet = extractor.extract("-", data=b"On 4 May 2022, rebel fighters entered Marvale without fighting "
                                            b"after the army left.")
        fought = extractor.extract("-", data=b"On 4 May 2022, rebel fighters entered Marvale after fighting "
                                             b"with the army.")
    assert "Armed clash" not in [e.sub_event_type for e in quiet.events]
    assert "Armed clash" in [e.sub_event_type for e in fought.events]
