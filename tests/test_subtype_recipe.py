"""The typer's training recipe (scripts/train_subtype.py): the embedding head reads templates of its
own (scripts/subtype_synthetic_embed.yaml) that the default words model does not."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
import yaml

from sitrep.extract.subtype import EVENT_TYPES, NO_RULE, NONE


@pytest.fixture(scope="module")
def recipe():
    path = Path(__file__).parents[1] / "scripts" / "train_subtype.py"
    spec = importlib.util.spec_from_file_location("train_subtype", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _encode(text: str) -> np.ndarray:
    v = np.array([text.count("a") + 1.0, text.count("o") + 1.0, text.count("e") + 1.0])
    return v / np.linalg.norm(v)


def test_the_words_model_does_not_read_the_heads_own_sentences(recipe):
    texts = ["Police held two men.", "Shops were looted.", "Zebras crossed the savannah."]
    labels = ["Arrests", "Looting/property destruction", "Other"]
    model = recipe.fit("embed", texts, labels, [NO_RULE] * 3, 0, _encode, n_words=2)
    assert "zebra" not in model.words.vocab and "held" in model.words.vocab
    assert "Other" in model.labels and "Other" not in model.words.labels


def test_the_heads_templates_are_acled_sub_types_with_known_slots(recipe):
    slots = yaml.safe_load(recipe.SYNTHETIC.read_text(encoding="utf-8"))["slots"]
    extra = yaml.safe_load(recipe.SYNTHETIC_EMBED.read_text(encoding="utf-8"))
    assert extra and set(extra) <= set(EVENT_TYPES) | {NONE}
    made = recipe.synthetic(2, path=recipe.SYNTHETIC_EMBED)
    assert len(made) == 2 * sum(len(t) for t in extra.values())
    assert not any("{" in text for text, _ in made) and slots


def test_only_synthetic_sentences_become_neighbours(recipe):
    # the first n_case texts stand for CASE snippets: the head learns from them, but no embedding of
    # theirs is kept in the model file as a neighbour
    texts = ["Police held two men.", "Shops were looted.", "Troops arrested a mayor.", "Crowds looted a depot."]
    labels = ["Arrests", "Looting/property destruction", "Arrests", "Looting/property destruction"]
    model = recipe.fit("embed", texts, labels, [NO_RULE] * 4, 2, _encode)
    assert model.neighbours is not None and len(model.neighbours.vectors) == 2
    assert np.allclose(model.neighbours.vectors, np.stack([_encode(t) for t in texts[2:]]))
    assert [model.labels[i] for i in model.neighbours.labels] == labels[2:]
