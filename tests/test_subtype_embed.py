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
    share = model.mix.head + model.mix.words   # no neighbours: the two voters' weights rescaled to 1
    for label in model.labels:
        expected = (model.mix.head * head[label] + model.mix.words * words[label]) / share
        assert probs[label] == pytest.approx(expected, abs=1e-5)


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


# --- neighbours that vote (session 6) ---------------------------------------------------------------

from sitrep.extract._subtype_embed import MIX, TEMPERATURE, Neighbours  # noqa: E402


def _unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_neighbours_vote_by_similarity_and_weigh_each_label_alike():
    # label 0 has three vectors near the query, label 1 one vector nearer still; per-label weighting
    # (1/3 each for label 0) lets the single label-1 vector outvote them
    vectors = np.stack([_unit(1, 0.2), _unit(1, 0.25), _unit(1, 0.3), _unit(1, 0.05), _unit(0, 1)])
    near = Neighbours(vectors, np.array([0, 0, 0, 1, 2]))
    votes = near.votes(_unit(1, 0.0), 3, k=4)
    assert votes.sum() == pytest.approx(1.0)
    assert votes[1] > votes[0] > 0 and votes[2] == 0          # the far vector is not among the 4 nearest
    assert near.votes(_unit(1, 0.0), 3, k=1).tolist() == [0.0, 1.0, 0.0]


def test_neighbours_with_no_similar_vector_give_a_uniform_vote():
    near = Neighbours(np.stack([_unit(1, 0), _unit(0, 1)]), np.array([0, 1]))
    assert near.votes(_unit(-1, -1), 2).tolist() == [0.5, 0.5]


def _with_neighbours() -> EmbeddingModel:
    model = _model()
    vectors = np.stack([fake_encode(t) for t, _ in TEXTS])
    model.neighbours = Neighbours(vectors, np.array([model.labels.index(label) for _, label in TEXTS]))
    return model


def test_neighbours_join_the_mix_which_is_then_sharpened():
    model = _with_neighbours()
    text = "Nurses marched past the lorry."
    words = model.words.probabilities(text, NO_RULE)
    mixed = (MIX.head * model.head(text, NO_RULE) + MIX.words * np.array([words[l] for l in model.labels])
             + MIX.neighbours * model.neighbours.votes(fake_encode(text), len(model.labels)))
    sharp = mixed ** (1 / TEMPERATURE)
    probs = model.probabilities(text, NO_RULE)
    assert [probs[l] for l in model.labels] == pytest.approx((sharp / sharp.sum()).tolist(), abs=1e-6)
    assert MIX.head + MIX.words + MIX.neighbours == pytest.approx(1.0) and 0 < TEMPERATURE < 1


def test_neighbours_round_trip_through_the_model_file(tmp_path):
    model = _with_neighbours()
    model.save(tmp_path / "head.npz")
    loaded = EmbeddingModel.load(tmp_path / "head.npz", words=model.words, encode=fake_encode)
    assert loaded.neighbours is not None and loaded.neighbours.labels.tolist() == model.neighbours.labels.tolist()
    text = "Jets bombed a lorry."
    assert loaded.probabilities(text) == pytest.approx(model.probabilities(text), abs=1e-3)   # float16 vectors
