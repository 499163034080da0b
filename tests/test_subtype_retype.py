"""When the learned typer may re-type an event the rules typed (sitrep/extract/_event_types.learned_type):
the words model only the rules' defaults (subtype.UNSURE), a typer with its own ``sure`` probability
any rule sub-type. Fake models and hand-built events stand in for the pipeline."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from sitrep.extract import _event_types, subtype
from sitrep.extract._subtype_embed import EmbeddingModel


class FakeModel:
    """Always answers ``label`` with ``probability``; remembers what it read."""

    def __init__(self, label: str, probability: float, sure=None):
        self.label, self.probability, self.sure = label, probability, sure
        self.read: list[tuple[str, str]] = []

    def predict(self, text, rule=None):
        self.read.append((text, rule))
        return self.label, self.probability


ACTORS = SimpleNamespace(actors=[SimpleNamespace(id="army", kind="State forces"),
                                  SimpleNamespace(id="rebels", kind="Rebel group")])
ARTICLE = ("Fighting in Tarven.\n\nGunmen shot a man. Police came.  They searched the area.\n\n"
           "Later, officials spoke.")


def _ctx(text: str = ARTICLE):
    return SimpleNamespace(actors=ACTORS, text=text)


def _cluster(*sentences: str, actors=(), learned=False, text: str = ARTICLE):
    """An event whose mentions are the given sentences of ``text`` (each found by its first occurrence)."""
    def sent(s):
        start = text.index(s)
        return SimpleNamespace(text=s, start_char=start, end_char=start + len(s))
    return SimpleNamespace(mentions=[SimpleNamespace(sent=sent(s), actors=list(actors), learned=learned)
                                     for s in sentences], claims=[])


def _typed(model, rule_type: str, cluster=None):
    with subtype.using_model(model):
        return _event_types.learned_type(_ctx(), cluster or _cluster("Gunmen shot a man."),
                                         subtype.EVENT_TYPES[rule_type], rule_type)


def test_a_model_without_sure_keeps_specific_rule_types():
    # the words model: a rule grenade stands even when the model is all but certain
    assert _typed(FakeModel("Air/drone strike", 0.99), "Grenade") == ("Explosions/Remote violence", "Grenade")


def test_a_model_without_sure_retypes_the_rules_defaults_above_unsure():
    p = subtype.UNSURE["Peaceful protest"]
    assert _typed(FakeModel("Violent demonstration", p + 0.01), "Peaceful protest") == ("Riots", "Violent demonstration")
    assert _typed(FakeModel("Violent demonstration", p - 0.01), "Peaceful protest") == ("Protests", "Peaceful protest")


def test_a_sure_model_retypes_any_rule_type_above_its_own_threshold():
    assert _typed(FakeModel("Air/drone strike", 0.81, sure=0.8), "Grenade") == ("Explosions/Remote violence",
                                                                               "Air/drone strike")
    assert _typed(FakeModel("Arrests", 0.81, sure=0.8), "Attack") == ("Strategic developments", "Arrests")
    assert _typed(FakeModel("Air/drone strike", 0.79, sure=0.8), "Grenade") == ("Explosions/Remote violence", "Grenade")


def test_the_lower_threshold_wins_for_the_rules_defaults():
    low = subtype.UNSURE["Armed clash"]
    model = FakeModel("Air/drone strike", low + 0.01, sure=0.99)
    assert _typed(model, "Armed clash") == ("Explosions/Remote violence", "Air/drone strike")


def test_no_event_and_the_same_type_change_nothing():
    assert _typed(FakeModel(subtype.NONE, 0.99, sure=0.5), "Grenade") == ("Explosions/Remote violence", "Grenade")
    assert _typed(FakeModel("Grenade", 0.99, sure=0.5), "Grenade") == ("Explosions/Remote violence", "Grenade")


@pytest.mark.parametrize("label", ["Attack", "Abduction/forced disappearance", "Sexual violence"])
def test_a_clash_naming_two_armed_sides_is_no_violence_against_civilians(label):
    both = _cluster("Fighting in Tarven.", actors=("army", "rebels"))
    assert _typed(FakeModel(label, 0.99, sure=0.5), "Armed clash", both) == ("Battles", "Armed clash")
    assert _typed(FakeModel(label, 0.99), "Armed clash", both) == ("Battles", "Armed clash")


def test_a_clash_naming_one_armed_side_may_become_an_attack():
    one = _cluster("Fighting in Tarven.", actors=("rebels",))
    assert _typed(FakeModel("Attack", 0.99), "Armed clash", one) == ("Violence against civilians", "Attack")


@pytest.mark.parametrize("sure", [None, 0.5])
def test_a_clash_naming_two_armed_sides_may_become_another_type(sure):
    both = _cluster("Fighting in Tarven.", actors=("army", "rebels"))
    assert _typed(FakeModel("Grenade", 0.99, sure=sure), "Armed clash", both) == ("Explosions/Remote violence",
                                                                                  "Grenade")
    assert _typed(FakeModel("Government regains territory", 0.99, sure=sure), "Armed clash", both) == (
        "Battles", "Government regains territory")


def test_rules_only_keeps_everything():
    assert _typed(None, "Armed clash") == ("Battles", "Armed clash")


def test_events_the_typer_opened_are_not_typed_twice():
    model = FakeModel("Arrests", 0.99, sure=0.5)
    assert _typed(model, "Attack", _cluster("Gunmen shot a man.", learned=True)) == ("Violence against civilians",
                                                                                   "Attack")
    assert model.read == []


def test_the_typer_reads_the_paragraph_of_the_event_with_the_rule_type():
    # the unit it was trained on (a CASE snippet, an ACLED note), not the mention's sentence alone;
    # whitespace runs become one space
    model = FakeModel("Arrests", 0.99, sure=0.5)
    _typed(model, "Attack", _cluster("Police came.", "Police came."))
    assert model.read == [("Gunmen shot a man. Police came. They searched the area.", "Attack")]


def test_an_event_over_two_paragraphs_reads_both_in_text_order_once_each():
    cluster = _cluster("Later, officials spoke.", "Gunmen shot a man.", "They searched the area.")
    assert _event_types._typer_text(_ctx(), cluster) == ("Gunmen shot a man. Police came. They searched the area. "
                                                          "Later, officials spoke.")


@pytest.mark.parametrize("text, sentence, expected", [
    ("One. Two.", "Two.", "One. Two."),                         # no blank line: the whole text
    ("A.\n\nB. C.\n\nD.", "B.", "B. C."),                      # between blank lines
    ("A.\n\nB.", "A.", "A."),                                   # first paragraph
    ("A.\nB.\n\nC.", "B.", "A.\nB."),                           # a single line break is no paragraph break
])  # fmt: skip
def test_paragraph_bounds(text, sentence, expected):
    start = text.index(sentence)
    a, b = _event_types._paragraph(text, start, start + len(sentence))
    assert text[a:b] == expected


def test_which_typers_are_sure():
    # the default words model: re-types at subtype.SURE, never a territory change (session 6)
    assert subtype.SubtypeModel.sure == subtype.SURE and subtype.SubtypeModel.keeps == subtype.TERRITORY
    # the sharpened three-voter mix: 0.5 keeps ACLED Afghanistan dev's IEDs (0.35 re-typed three, see SURE)
    assert EmbeddingModel.sure is not None and 0.45 <= EmbeddingModel.sure <= 0.55
