"""The words typer's own re-typing threshold and the rule types it keeps (hand-made fake models)."""

from __future__ import annotations

from sitrep.extract import _event_types, subtype


class _Fake:
    def __init__(self, sure, keeps=frozenset()):
        self.sure, self.keeps = sure, keeps


def test_the_words_model_is_sure_at_its_own_threshold_and_keeps_territory_changes():
    assert subtype.SubtypeModel.sure == subtype.SURE
    assert subtype.SubtypeModel.keeps == {"Government regains territory", "Non-state actor overtakes territory"}


def test_a_kept_rule_type_is_not_retyped_however_sure_the_model():
    model = _Fake(0.6, keeps=subtype.TERRITORY)
    assert _event_types._threshold(model, "Government regains territory") is None
    assert _event_types._threshold(model, "Grenade") == 0.6
    # a kept type the rules' defaults list would still use that default
    assert _event_types._threshold(_Fake(0.6, keeps={"Armed clash"}), "Armed clash") == subtype.UNSURE["Armed clash"]


def test_a_model_that_keeps_nothing_retypes_territory_at_its_own_threshold():
    assert _event_types._threshold(_Fake(0.5), "Non-state actor overtakes territory") == 0.5
