"""Benchmark-style fuzzing: the strategies of ``tests/test_fuzz.py`` at scale, over the real pipeline.

Targets (share of the examples):

* ``bytes``   random bytes and text → ``ingest.parse_bytes`` (no model)
* ``text``    report-like articles mixed with unicode noise, and pure noise → ingest → ``Extractor.extract_raw``
* ``html``    random pages (unclosed tags, scripts, handlers, entities) → ingest → ``extract_raw``
* ``numbers`` figures with every thousands separator → ``extract_raw``; the claim must carry the number
* ``dates``   articles with relative dates only → ``extract_raw``; no date after publication

Every example is checked with ``test_fuzz.check_result`` (schema, offsets, references). A
``SitrepError`` is a clean refusal; an ``AssertionError`` is a violated invariant; any other
exception is a crash. Failures are recorded (with the input) and the run goes on, so the
counts cover every example. Writes ``bench/results/fuzz.json``::

    python bench/fuzz.py --examples 20000 [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("SITREP_HOME", str(ROOT / ".sitrep"))

import test_fuzz as fz  # noqa: E402  (the strategies and the invariants of the unit tests)

from sitrep.errors import SitrepError  # noqa: E402
from sitrep.extract.numbers import CAP  # noqa: E402
from sitrep.ingest import RawDocument, parse_bytes  # noqa: E402
from sitrep.records import Result  # noqa: E402

SHARES = {"bytes": 0.3, "text": 0.25, "html": 0.25, "numbers": 0.1, "dates": 0.1}


class Tally:
    """Outcomes of one target; failures grouped by where they arose, each with its first input."""

    def __init__(self):
        self.outcomes: Counter[str] = Counter()
        self.failures: dict[str, dict] = {}
        self.seconds = 0.0

    def record(self, check, *args) -> None:
        started = time.perf_counter()
        try:
            check(*args)
            self.outcomes["ok"] += 1
        except SitrepError:
            self.outcomes["refused"] += 1
        except AssertionError as err:
            self._fail("violations", args, err)
        except Exception as err:  # a crash: exactly what the run is looking for
            self._fail("crashes", args, err)
        self.seconds += time.perf_counter() - started

    def _fail(self, kind: str, args, err: BaseException) -> None:
        self.outcomes[kind] += 1
        where = traceback.extract_tb(err.__traceback__)[-1]
        signature = f"{kind}: {type(err).__name__} at {Path(where.filename).name}:{where.lineno}"
        first = {"count": 0, "error": str(err)[:300], "input": repr(args)[:600]}
        self.failures.setdefault(signature, first)["count"] += 1

    def as_json(self) -> dict:
        tried = sum(self.outcomes.values())
        return {"tried": tried, **{k: self.outcomes[k] for k in ("ok", "refused", "violations", "crashes")},
                "seconds": round(self.seconds, 1), "failures": self.failures}  # fmt: skip


def _checks(extractor):
    """target → (strategy, check): the check raises what the Tally sorts."""
    ingest = fz.INGEST

    def through_pipeline(data: bytes, format: str, published) -> None:
        raw = parse_bytes(data, input="fuzz", options=ingest, format=format)
        result = extractor.extract_raw(raw, published=published)
        fz.check_result(result)

    def number(n: int, separator: str) -> None:
        text = f"Clashes near Kunduz\n\nOfficials said {f'{n:,}'.replace(',', separator)} soldiers were killed near Kunduz on Friday."
        result = extractor.extract_raw(RawDocument(input="n", text=text, format="text"), published=dt.date(2024, 5, 11))
        fz.check_result(result)
        assert [(c.kind, c.low) for c in result.claims] == [("killed", min(n, CAP))], (n, separator, result.claims)

    def dates(text: str, published: dt.date) -> None:
        result = extractor.extract_raw(RawDocument(input="d", text=text, format="text"), published=published)
        fz.check_result(result)
        found = [e.date for e in result.events] + [c.date for c in result.claims]
        assert all(d is None or d <= published for d in found), (found, published)

    maybe_date = st.one_of(st.none(), fz.publication_dates)
    return {
        "bytes": (st.tuples(st.binary(max_size=4000), st.sampled_from((None, "html", "text", "markdown"))),
                  lambda args: parse_bytes(args[0], input="fuzz", options=ingest, format=args[1])),
        "text": (st.tuples(st.one_of(fz.articles(), fz.noise).map(str.encode), st.just("text"), maybe_date),
                 lambda args: through_pipeline(*args)),
        "html": (st.tuples(fz.pages().map(str.encode), st.just("html"), maybe_date), lambda args: through_pipeline(*args)),
        "numbers": (st.tuples(st.integers(2, 10**13), st.sampled_from((",", ".", " ", "'", "\u202f"))),
                    lambda args: number(*args)),
        "dates": (st.tuples(fz.articles(dates=fz.RELATIVE_DATES, noisy=False), fz.publication_dates),
                  lambda args: dates(*args)),
    }  # fmt: skip


def fuzz(target: str, strategy, check, examples: int, seed_value: int) -> Tally:
    """Run ``check`` on ``examples`` generated examples (no shrinking: every failure is kept)."""
    tally = Tally()

    @seed(seed_value)
    @settings(max_examples=examples, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(strategy)
    def run(args):
        tally.record(check, args)

    run()
    print(f"{target}: {tally.as_json()['tried']} examples, {dict(tally.outcomes)}", file=sys.stderr)
    return tally


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Fuzz sitrep's extraction stages at scale.")
    parser.add_argument("--examples", type=int, default=20_000, help="examples in all, split across the targets")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "fuzz.json")
    args = parser.parse_args(argv)
    from sitrep.pipeline import Extractor

    started = time.perf_counter()
    checks = _checks(Extractor())
    targets = {name: fuzz(name, *checks[name], round(args.examples * share), args.seed)
               for name, share in SHARES.items()}  # fmt: skip
    report = {
        "examples": sum(t.as_json()["tried"] for t in targets.values()),
        "crashes": sum(t.outcomes["crashes"] for t in targets.values()),
        "violations": sum(t.outcomes["violations"] for t in targets.values()),
        "seconds": round(time.perf_counter() - started, 1),
        "seed": args.seed,
        "targets": {name: t.as_json() for name, t in targets.items()},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{report['examples']} examples, {report['crashes']} crashes, {report['violations']} violations "
          f"in {report['seconds']} s → {args.out}", file=sys.stderr)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
