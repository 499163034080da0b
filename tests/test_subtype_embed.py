"""The opt-in embedding typer (sitrep/extract/_subtype_embed.py) with a fake encoder: keyword
vectors written here stand in for sentence embeddings, so no model is needed."""

from __future__ import annotations

import numpy as np
import pytest

from sitrep.errors import ResourceError
from sitrep.extract._subtype_embed import EmbeddingModel, train_head
from sitrep.extract.subtype import NO_RULE, NONE, train

TEXTS = [
    ("Warplanes bombed the village.", "Air/drone strike"),
    ("Jets struck a market from the air.", "Air/drone strike"),
    ("Teachers marched peacefully.", "Peaceful protest"),
    ("Nurses rallied outside the ministry.", "Peaceful protest"),
    ("A bus collided with a lorry.", NONE),
    ("Floods swept away homes.", NONE),
]
AXES = {"Air/drone strike": ("warplane", "jet", "bomb", "air"), "Peaceful protest": ("march", "rall", "teacher", "nurse"),
        NONE: ("bus", "flood", "lorry", "collid")}  # fmt: skip


def fake_encode(text: str) -> np.ndarray:
    low = text.lower()
    v = np.array([sum(k in low for k in keys) for keys in AXES.values()] + [0.1], dtype=np.float32)
    return v / np.linalg.norm(v)


def _model(calls=None) -> EmbeddingModel:
    texts, labels = [t for t, _ in TEXTS], [label for _, label in TEXTS]
    rules = [NO_RULE] * len(texts)
    names, rule_names, weights, bias = train_head(np.stack([fake_encode(t) for t in texts]), labels, rules)
    encode = fake_encode if calls is None else (lambda t: (calls.append(t), fake_encode(t))[1])
    return EmbeddingModel(names, rule_names, weights, bias, train(texts, labels, rules, seed=0), encode)


def test_head_learns_the_embedding_directions():
    model = _model()
    # words the words model never saw; only the embedding knows "air" and "flood"
    assert model.predict("An air raid hit the depot.")[0] == "Air/drone strike"
    assert model.predict("Flood waters rose overnight.")[0] == NONE


def test_mix_is_a_probability_distribution_and_weighs_the_head():
    model = _model()
    probs = model.probabilities("Teachers rallied.", NO_RULE)
    assert sum(probs.values()) == pytest.approx(1.0, abs=1e-5)
    head = dict(zip(model.labels, model.head("Teachers rallied.", NO_RULE)))
    words = model.words.probabilities("Teachers rallied.", NO_RULE)
    for label in model.labels:
        assert probs[label] == pytest.approx(model.mix * head[label] + (1 - model.mix) * words[label], abs=1e-5)


def test_each_text_is_embedded_once():
    calls = []
    model = _model(calls)
    for _ in range(3):
        model.probabilities("Warplanes bombed a bridge.", "Armed clash")
    assert calls == ["Warplanes bombed a bridge."]


def test_unknown_rule_type_falls_back_to_no_one_hot():
    model = _model()
    assert model.predict("Warplanes bombed a bridge.", "Grenade")[0] == "Air/drone strike"


def test_head_training_is_deterministic_and_round_trips(tmp_path):
    a, b = _model(), _model()
    assert np.array_equal(a.weights, b.weights)
    a.save(tmp_path / "head.npz")
    loaded = EmbeddingModel.load(tmp_path / "head.npz", words=a.words, encode=fake_encode)
    text = "Jets bombed the town."
    assert loaded.probabilities(text) == pytest.approx(a.probabilities(text))


def test_missing_head_is_a_resource_error(tmp_path):
    with pytest.raises(ResourceError):
        EmbeddingModel.load(tmp_path / "absent.npz", words=_model().words, encode=fake_encode)


def test_packaged_head_matches_the_packaged_words_model():
    from importlib import resources

    from sitrep.extract import subtype

    words = subtype._packaged()
    with resources.as_file(resources.files("sitrep").joinpath("data/subtype_embed.npz")) as path:
        model = EmbeddingModel.load(path, words=words, encode=lambda text: np.zeros(384, dtype=np.float32))
    assert model.labels == words.labels
    assert model.weights.shape == (384 + len(model.rules), len(model.labels))
    assert NO_RULE in model.rules and "Armed clash" in model.rules
    assert sum(model.probabilities("Troops shelled the town.", "Armed clash").values()) == pytest.approx(1.0, abs=1e-5)
