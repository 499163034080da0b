"""Benchmark: `extract` throughput over the bundled examples vs the bare spaCy pipeline.

Measured in one run, on the same clean texts:

* baseline: ``spacy.load(model)`` as shipped (no sitrep component), ``nlp.pipe`` over the texts;
* sitrep:   ``Extractor.extract_many`` over the same documents (clean + spaCy + sitrep's
            components + places, actors, time, quotes, claims, events), batched with
            ``nlp.pipe`` as the baseline is;
* cold:     one ``sitrep extract FILE`` process, model and gazetteer load included.

Reports articles/s for both, the overhead ratio, and the cold-start seconds; writes
``bench/results/extract.json``. Usage: ``python bench/bench_extract.py [--repeat 5]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _raws(options):
    from sitrep.cli.extract import expand_inputs
    from sitrep.ingest import read_input

    return [read_input(p, options=options.ingest) for p in expand_inputs([str(ROOT / "examples")])]


def _interleaved(base, full, repeat: int) -> tuple[float, float]:
    """Median CPU seconds of ``repeat`` runs of each, alternating (after one warm-up each).

    CPU time of this process, not wall time: the machine is shared (2 cores, other jobs), and
    CPU time is what sitrep's extra work costs. Alternating the two sides puts both under the
    same background load, so their ratio holds even when the absolute rates do not.
    """
    base(), full()
    runs: dict[str, list[float]] = {"base": [], "full": []}
    for _ in range(repeat):
        for name, fn in (("base", base), ("full", full)):
            start = time.process_time()
            fn()
            runs[name].append(time.process_time() - start)
    return statistics.median(runs["base"]), statistics.median(runs["full"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1, help="BLAS/numpy threads (1 = like one worker)")
    args = parser.parse_args()

    import spacy

    from sitrep.options import load_options
    from sitrep.pipeline import Extractor

    options = load_options()
    extractor = Extractor(options)
    raws = _raws(options)
    texts = [extractor._prepare(raw, None).document.text for raw in raws]
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(options.nlp.model)

    base, full = _interleaved(
        lambda: list(bare.pipe(texts)), lambda: list(extractor.extract_many(raws)), args.repeat
    )
    sample = sorted((ROOT / "examples").glob("*.html"))[0]
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sitrep.cli", "extract", str(sample)], check=True, capture_output=True)
    cold = time.perf_counter() - start

    result = {
        "articles": len(texts),
        "words": words,
        "baseline_articles_per_s": round(len(texts) / base, 1),
        "sitrep_articles_per_s": round(len(texts) / full, 1),
        "overhead_ratio": round(full / base, 3),
        "cold_single_extract_s": round(cold, 2),
        "load_average": round(__import__("os").getloadavg()[0], 2),
    }
    write_result("extract", result)


def write_result(name: str, result: dict) -> None:
    """Write ``bench/results/<name>.json`` and print it."""
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
