"""The learned sub-event typer (sitrep/extract/subtype.py): features, training, saving, the packaged model.

Sentences are written for these tests; expectations are written by hand from them.
"""

from __future__ import annotations

import pytest

from sitrep.extract import subtype
from sitrep.extract.subtype import NONE, NO_RULE, EVENT_TYPES, SubtypeModel, features, train

TINY = [
    ("An angry crowd stoned police vans in the capital.", "Violent demonstration"),
    ("Demonstrators hurled rocks at officers outside parliament.", "Violent demonstration"),
    ("Teachers marched peacefully through the city centre.", "Peaceful protest"),
    ("Hundreds of nurses rallied peacefully outside the ministry.", "Peaceful protest"),
    ("Troops found and defused a roadside bomb near the bridge.", "Disrupted weapons use"),
    ("Police discovered a cache of weapons in a farmhouse.", "Disrupted weapons use"),
    ("A bus collided with a lorry on the highway.", NONE),
    ("Floods destroyed hundreds of homes after heavy rain.", NONE),
]


def _tiny_model() -> SubtypeModel:
    return train([t for t, _ in TINY], [label for _, label in TINY], epochs=20, seed=0)


def test_features_fold_words_and_keep_pairs():
    found = features("Rebels clashed with 12 soldiers", rule="Armed clash")
    assert "rebel" in found and "clash" in found          # plural and past tense folded
    assert "0" in found and "12" not in found             # digits normalised
    assert "clash with" in found                          # adjacent pair
    assert "rule=Armed clash" in found
    assert not any(f.startswith("rule=") for f in features("Rebels clashed"))


def test_tiny_model_separates_what_it_was_taught():
    model = _tiny_model()
    assert model.predict("Protesters hurled stones at police.")[0] == "Violent demonstration"
    assert model.predict("Nurses marched peacefully.")[0] == "Peaceful protest"
    assert model.predict("Soldiers defused a bomb they found.")[0] == "Disrupted weapons use"
    assert model.predict("A lorry collided with a bus.")[0] == NONE


def test_probabilities_sum_to_one_and_unknown_words_fall_back_to_the_bias():
    model = _tiny_model()
    probs = model.probabilities("zzz qqq", rule=NO_RULE)
    assert set(probs) == {label for _, label in TINY}
    assert sum(probs.values()) == pytest.approx(1.0)


def test_training_is_reproducible():
    a, b = _tiny_model(), _tiny_model()
    assert a.vocab == b.vocab
    assert (a.weights == b.weights).all()


def test_save_and_load_round_trip(tmp_path):
    model = _tiny_model()
    path = tmp_path / "m.npz"
    model.save(path)
    loaded = SubtypeModel.load(path)
    assert loaded.labels == model.labels
    text = "Demonstrators threw rocks at officers."
    assert loaded.predict(text)[0] == model.predict(text)[0] == "Violent demonstration"


def test_a_missing_model_file_is_a_resource_error(tmp_path):
    from sitrep.errors import ResourceError

    with pytest.raises(ResourceError):
        SubtypeModel.load(tmp_path / "absent.npz")


def test_using_model_overrides_and_restores():
    model = _tiny_model()
    with subtype.using_model(model):
        assert subtype.default_model() is model
        with subtype.using_model(None):
            assert subtype.default_model() is None
        assert subtype.default_model() is model
    assert subtype.default_model() is not model


def test_every_label_has_an_acled_event_type():
    packaged = subtype.default_model()
    assert set(packaged.labels) - {NONE} <= set(EVENT_TYPES)
    assert len(EVENT_TYPES) == 25


@pytest.mark.parametrize("text, rule, expected", [
    ("Army units drove the rebels out of Karvan and took the town back on Sunday.", NO_RULE,
     "Government regains territory"),
    ("Soldiers found a cache of rifles and explosives hidden in a house in Darsal.", NO_RULE,
     "Disrupted weapons use"),
    ("A truck collided with a minibus on the coastal road, killing four passengers.", NO_RULE, NONE),
    ("In Melvoran, protesters hurled rocks and petrol bombs at riot police.", "Peaceful protest",
     "Violent demonstration"),
])  # fmt: skip
def test_packaged_model_on_sentences_written_for_this_test(text, rule, expected):
    assert subtype.default_model().predict(text, rule)[0] == expected


def test_only_the_rules_default_types_are_retyped():
    # the specific rule types (an IED, a recapture, a protest with police intervention) stand: re-typing
    # them broke golden examples (see subtype.UNSURE)
    assert set(subtype.UNSURE) == {"Peaceful protest", "Armed clash"}
    assert all(0.5 <= p < 1 for p in subtype.UNSURE.values())


def test_default_step_is_the_calibrated_one():
    import inspect

    assert inspect.signature(train).parameters["rate"].default == 0.5


def test_typer_defaults_to_words_and_says_so(monkeypatch):
    monkeypatch.delenv(subtype.TYPER_ENV, raising=False)
    assert subtype.typer_name() == "words"
    assert isinstance(subtype.default_model(), SubtypeModel)


def test_synthetic_sentences_that_repeat_a_gold_snippet_are_caught():
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("train_subtype", Path(__file__).parents[1] / "scripts" / "train_subtype.py")
    recipe = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(recipe)
    gold = ["On Friday the militia at last seized the old river port after weeks of shelling."]
    eight = "A militia at last seized the old river port, officials said."   # 8 words in a row
    seven = "A militia at last seized the old river jetty at dawn."          # 7 in a row
    assert recipe.copied_from([eight, seven], gold) == [eight]


def test_word_folding_is_memoised_and_unchanged():
    subtype._fold.cache_clear()
    assert [subtype._fold(w) for w in ("clashes", "clashes", "killed", "12", "gas")] == ["clash", "clash", "kill", "0", "gas"]
    assert subtype._fold.cache_info().hits == 1
