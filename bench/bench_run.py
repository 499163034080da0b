"""Benchmark ``sitrep run`` on a generated corpus: articles/s against bare spaCy, memory, 2 workers vs 1.

Measured in one invocation, on the same texts, round by round (even rounds in reverse order)
so that whatever load other jobs put on the machine falls on every variant alike; each
variant is its own process:

* ``bare-1``  spaCy as shipped (``spacy.load(model)``, no sitrep component), ``nlp.pipe`` over the
              clean texts sitrep's pipeline sees (after ingest and clean), in a fresh process;
* ``run``     ``sitrep run ARTICLES --db FILE``: parse, clean, spaCy, extraction, store, fusion;
* ``dask-1``  ``sitrep run ARTICLES --db FILE --workers 1``;
* ``dask-2``  ``sitrep run ARTICLES --db FILE --workers 2``;
* ``bare-2``  bare spaCy with ``nlp.pipe(n_process=2)``: what two processes gain on this machine.

A sampler reads every process's peak RSS (``VmHWM``), CPU time and run-queue wait (time
runnable while every core was busy: other jobs' share) from ``/proc`` while it runs.
Articles/s is the run's own rate (``RunStats``: from the first article to the last, model and
cluster start excluded, like the bare pipeline's); wall-clock rates, start-up included, and
CPU milliseconds per article, which other jobs' load barely moves, are reported next to it. Then, optionally, where the time goes: each stage timed on a sample
(``--profile N``), and the fusion quality of the stored events against ``truth.json``.

Writes ``bench/results/run.json`` and ``bench/results/run.md``.

Usage: ``python bench/bench_run.py [--articles 2000] [--rounds 2] [--corpus DIR] [--profile 300]
[--quiet-load 1.5]``
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import json
import os
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

__all__ = ["main", "clean_texts", "code_version", "measure_bare", "measure_run", "profile_stages", "write_markdown"]

#: the summary line `sitrep run` prints: "2000 inputs in 123.4s (16.2/s) → …"
_SUMMARY = re.compile(r"(?P<seen>\d+) inputs in (?P<secs>[\d.]+)s \((?P<rate>[\d.]+)/s\)")
_SAMPLE_EVERY = 0.2
_HWM = re.compile(r"VmHWM:\s+(\d+) kB")
_RUNS = ("run", "dask-1", "dask-2")
_MB = 1024 * 1024


# -- the texts -------------------------------------------------------------------------------
def clean_texts(paths: list[Path]) -> list[str]:
    """The texts sitrep's spaCy pipeline is given for ``paths``: ingest, then clean (no NLP)."""
    from sitrep.clean import clean_text
    from sitrep.ingest import parse_bytes
    from sitrep.options import load_options

    options = load_options().ingest
    texts = []
    for path in paths:
        raw = parse_bytes(path.read_bytes(), input=str(path), options=options, format="text")
        texts.append(clean_text(raw.text).text.strip())
    return texts


def _bare_child(texts_file: str, processes: int) -> None:
    """In a fresh process: load the shipped model, then time ``nlp.pipe`` over the texts."""
    started = time.perf_counter()
    import spacy

    from sitrep.options import load_options

    options = load_options()
    nlp = spacy.load(options.nlp.model)
    loaded = time.perf_counter()
    texts = json.loads(Path(texts_file).read_text(encoding="utf-8"))
    begin = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=options.nlp.batch_size, n_process=processes):
        pass
    end = time.perf_counter()
    print(json.dumps({"load_s": loaded - started, "pipe_s": end - begin, "pipeline": nlp.pipe_names}))


# -- watching processes ----------------------------------------------------------------------
class _Sampler(threading.Thread):
    """Polls a process tree: each process's peak RSS (VmHWM), CPU seconds and run-queue wait.

    The wait is the time its threads were ready to run but every core was busy (Linux
    schedstat): the share of the machine other jobs took, measured instead of guessed.
    """

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self.wait: dict[tuple[int, int], float] = {}
        #: pid → [(epoch seconds, CPU seconds so far)]: what a process had used by a given moment
        self.series: dict[int, list[tuple[float, float]]] = {}
        self._halt = threading.Event()

    def run(self) -> None:
        import psutil

        while not self._halt.is_set():
            try:
                root = psutil.Process(self.pid)
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                return
            for proc in procs:
                self._read(proc)
            self._halt.wait(_SAMPLE_EVERY)

    def _read(self, proc) -> None:
        import psutil

        try:
            status = Path(f"/proc/{proc.pid}/status").read_text()
            times = proc.cpu_times()  # the whole process, threads that ended included
            waits = _schedstat_waits(proc.pid)
        except (OSError, ValueError, IndexError, psutil.Error):
            return  # the process ended between listing and reading
        found = _HWM.search(status)
        if found:
            self.peak[proc.pid] = max(self.peak.get(proc.pid, 0), int(found.group(1)) * 1024)
        self.cpu[proc.pid] = times.user + times.system
        self.series.setdefault(proc.pid, []).append((time.time(), self.cpu[proc.pid]))
        # per thread, last value seen: a thread that ended (a Dask executor at shutdown) keeps its wait
        self.wait.update(((proc.pid, tid), wait) for tid, wait in waits.items())

    def process(self, pid: int) -> dict:
        wait = sum(w for (p, _), w in self.wait.items() if p == pid)
        return {"peak_mb": round(self.peak.get(pid, 0) / _MB), "cpu_s": round(self.cpu.get(pid, 0.0), 1),
                "wait_s": round(wait, 1)}  # fmt: skip

    def stop(self) -> None:
        self._halt.set()
        self.join()


def _schedstat_waits(pid: int) -> dict[int, float]:
    """Seconds each thread of ``pid`` was runnable but waited for a core (field 2 of schedstat)."""
    return {int(task.name): int((task / "schedstat").read_text().split()[1]) / 1e9
            for task in Path(f"/proc/{pid}/task").iterdir()}  # fmt: skip


def _watched(command: list[str], *, env: dict) -> dict:
    """Run ``command``: its wall time, output, load, and each process's peak RSS, CPU and wait."""
    start = time.perf_counter()
    load_before = os.getloadavg()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    sampler = _Sampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.stop()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])}… exited {proc.returncode}: {err[-2000:]}")
    children = sorted((p for p in sampler.peak if p != proc.pid), key=lambda p: -sampler.peak[p])
    return {
        "wall_s": wall, "stdout": out, "stderr": err,
        "load": [round(x, 2) for x in (*load_before, *os.getloadavg())],
        "main": sampler.process(proc.pid),
        "children": [sampler.process(p) for p in children],
        "_series": sampler.series,
    }  # fmt: skip


def _cpu_between(series: dict[int, list[tuple[float, float]]], start: float, end: float) -> float:
    """CPU seconds all the sampled processes used between two moments (epoch seconds)."""

    def at(samples: list[tuple[float, float]], moment: float) -> float:
        before = [cpu for when, cpu in samples if when <= moment]
        return before[-1] if before else 0.0

    return sum(at(samples, end) - at(samples, start) for samples in series.values())


# -- the variants ----------------------------------------------------------------------------
def measure_bare(texts_file: Path, *, processes: int, env: dict) -> dict:
    """Bare spaCy over the texts in a fresh process; ``pipe_s`` excludes loading the model."""
    command = [sys.executable, str(Path(__file__).resolve()), "_bare", str(texts_file), str(processes)]
    watched = _watched(command, env=env)
    result = json.loads(watched.pop("stdout").strip().splitlines()[-1])
    watched.pop("stderr"), watched.pop("_series")
    return {**watched, **result}


def measure_run(articles: Path, db: Path, *, workers: int, env: dict, batch_size: int) -> dict:
    """``sitrep run`` (``workers`` 0: in-process) over ``articles`` into a fresh store ``db``."""
    command = [sys.executable, "-m", "sitrep.cli", "run", str(articles), "--db", str(db)]
    command += ["--batch-size", str(batch_size)]
    if workers:
        command += ["--workers", str(workers)]
    watched = _watched(command, env=env)
    stderr = watched.pop("stderr")
    watched.pop("stdout")
    found = _SUMMARY.search(stderr)
    if not found:
        raise RuntimeError(f"no summary line from sitrep run: {stderr[-2000:]}")
    # CPU used while articles went through (the store's `runs` row has the times): no start-up, no shutdown
    run_cpu = _cpu_between(watched.pop("_series"), *_run_window(db))
    return {**watched, "seen": int(found["seen"]), "run_s": float(found["secs"]), "run_cpu_s": round(run_cpu, 1),
            "summary": _last_line(stderr)}  # fmt: skip


def _run_window(db: Path) -> tuple[float, float]:
    """When the (only) run recorded in ``db`` started and finished, as epoch seconds."""
    from sitrep.store import Store

    with Store.open(db, read_only=True) as store:
        _, started, finished, *_ = store.table("runs")[-1]
    return tuple(t.replace(tzinfo=dt.timezone.utc).timestamp() for t in (started, finished))  # type: ignore


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if _SUMMARY.search(line)]
    return lines[-1].strip() if lines else ""


def _store_counts(db: Path) -> dict:
    """Row counts, and a digest of the fused events: every variant must build the same store."""
    from sitrep.store import Store

    with Store.open(db, read_only=True) as store:
        counts = {t: len(store.table(t)) for t in ("documents", "events", "claims", "fused_events", "failures")}
        fused = store.table("fused_events", exclude=("updated",))
    digest = hashlib.sha256(json.dumps(fused, default=str).encode("utf-8")).hexdigest()[:16]
    return {"counts": counts, "fused_digest": digest}


def code_version() -> dict:
    """The commit and a digest of ``sitrep/`` as it is now: others edit the checkout while we measure."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    digest = hashlib.sha256()
    for path in sorted((ROOT / "sitrep").rglob("*")):
        if path.is_file() and path.suffix in {".py", ".yaml", ".toml", ".json"}:
            digest.update(path.read_bytes())
    return {"commit": head.strip(), "sitrep_digest": digest.hexdigest()[:12]}


def _round(number: int, articles: Path, texts_file: Path, work: Path, *, env: dict, batch_size: int) -> dict:
    """One round: every variant once; even rounds go in reverse order, so a drifting load cancels."""
    variants = [("bare-1", 1), ("run", 0), ("dask-1", 1), ("dask-2", 2), ("bare-2", 2)]
    out = {}
    for name, workers in variants if number % 2 else reversed(variants):
        print(f"round {number}: {name} … (load {os.getloadavg()[0]:.2f})", file=sys.stderr)
        if name.startswith("bare"):
            out[name] = measure_bare(texts_file, processes=workers, env=env)
            continue
        db = work / f"round{number}-{name}.duckdb"
        out[name] = measure_run(articles, db, workers=workers, env=env, batch_size=batch_size)
        out[name].update(_store_counts(db))
    return out


def _wait_for_quiet(limit: Optional[float], patience: float) -> None:
    """Before a round, wait up to ``patience`` seconds for the 1-minute load average to fall to ``limit``."""
    deadline = time.monotonic() + patience
    while limit is not None and os.getloadavg()[0] > limit and time.monotonic() < deadline:
        time.sleep(10)


# -- summary ---------------------------------------------------------------------------------
def _cpu_ms(variant: dict, articles: int) -> float:
    """CPU milliseconds per article over every process of a variant, start-up and shutdown left out."""
    if "run_cpu_s" in variant:
        return 1000 * variant["run_cpu_s"] / articles
    # bare spaCy: loading the model took ``load_s`` of CPU (n_process=2 forks the loaded pipeline)
    cpu = variant["main"]["cpu_s"] + sum(c["cpu_s"] for c in variant["children"]) - variant["load_s"]
    return 1000 * cpu / articles


def _wait_share(variant: dict) -> float:
    """Of the time a variant's threads wanted a core, the share they waited for one (other jobs' load)."""
    procs = [variant["main"], *variant["children"]]
    cpu, wait = sum(p["cpu_s"] for p in procs), sum(p["wait_s"] for p in procs)
    return wait / (cpu + wait) if cpu + wait else 0.0


def _round_rates(r: dict, articles: int) -> dict:
    seconds = {n: r[n]["pipe_s"] if n.startswith("bare") else r[n]["run_s"] for n in r}
    rate = {n: articles / s for n, s in seconds.items()}
    cpu = {n: _cpu_ms(r[n], articles) for n in r}
    return {
        **{f"{n}_per_s": v for n, v in rate.items()},
        **{f"{n}_wall_per_s": articles / r[n]["wall_s"] for n in r},
        **{f"{n}_cpu_ms": v for n, v in cpu.items()},
        **{f"{n}_wait_share": _wait_share(r[n]) for n in r},
        "run_vs_bare": rate["run"] / rate["bare-1"],
        "run_vs_bare_cpu": cpu["bare-1"] / cpu["run"],
        "dask2_vs_dask1": rate["dask-2"] / rate["dask-1"],
        "dask2_cores_used": r["dask-2"]["run_cpu_s"] / r["dask-2"]["run_s"],
        "dask2_cpu_efficiency": cpu["dask-1"] / cpu["dask-2"],
        "bare2_vs_bare1": rate["bare-2"] / rate["bare-1"],
    }  # fmt: skip


def _rates(rounds: list[dict], articles: int) -> dict:
    """Per-round rates, CPU costs and the ratios the issue sets targets for, with their medians."""
    per_round = [_round_rates(r, articles) for r in rounds]
    median = {k: round(statistics.median(p[k] for p in per_round), 3) for k in per_round[0]}
    return {"median": median, "rounds": [{k: round(v, 3) for k, v in p.items()} for p in per_round]}


def _memory(rounds: list[dict]) -> dict:
    """Peak RSS: the one-process run, each Dask worker, and the writer (client + scheduler + store)."""
    workers = [c["peak_mb"] for r in rounds for name in ("dask-1", "dask-2") for c in r[name]["children"]
               if c["peak_mb"] >= 200]  # fmt: skip
    return {
        "run_process_peak_mb": max(r["run"]["main"]["peak_mb"] for r in rounds),
        "dask_worker_peak_mb": max(workers) if workers else None,
        "dask_writer_peak_mb": max(r[n]["main"]["peak_mb"] for r in rounds for n in ("dask-1", "dask-2")),
        "bare_process_peak_mb": max(r["bare-1"]["main"]["peak_mb"] for r in rounds),
    }


def _targets(rates: dict, memory: dict) -> dict:
    median = rates["median"]
    worker = memory["dask_worker_peak_mb"] or memory["run_process_peak_mb"]
    return {
        "`sitrep run` / bare spaCy >= 0.8": {"measured": median["run_vs_bare"], "met": median["run_vs_bare"] >= 0.8},
        "peak RSS per worker <= 1.5 GB": {"measured": f"{worker} MB", "met": worker <= 1536},
        "2 workers / 1 worker >= 1.7": {"measured": median["dask2_vs_dask1"], "met": median["dask2_vs_dask1"] >= 1.7},
    }


# -- where the time goes ---------------------------------------------------------------------
_STAGES = (("places", "find_places"), ("actors", "find_actors"), ("time", "find_dates"),
           ("quotes", "find_quotes"), ("claims", "find_claims"), ("events", "build_events"))  # fmt: skip


class _Clock:
    """Accumulates seconds by stage name."""

    def __init__(self):
        self.seconds: dict[str, float] = {}

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds

    def wrap(self, name: str, fn):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.add(name, time.perf_counter() - start)

        return timed


def _timed_spacy(extractor, prepared: list, clock: _Clock, batch_size: int) -> list:
    """Run the pipeline a component at a time, so each component's cost is its own."""
    nlp = extractor.nlp
    start = time.perf_counter()
    docs = [nlp.make_doc(p.document.text) for p in prepared]
    clock.add("spacy: tokenizer", time.perf_counter() - start)
    for name, proc in nlp.pipeline:
        start = time.perf_counter()
        docs = list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        clock.add(f"spacy: {name}" + (" (sitrep)" if name.startswith("sitrep") else ""), time.perf_counter() - start)
    return docs


def _timed_extraction(extractor, prepared: list, docs: list, clock: _Clock) -> list:
    """``Extractor._analyse`` per document with each extraction stage's function timed."""
    import importlib

    modules = [(importlib.import_module(f"sitrep.extract.{m}"), m, f) for m, f in _STAGES]
    originals = [(module, fn, getattr(module, fn)) for module, _, fn in modules]
    try:
        for module, name, fn in modules:
            setattr(module, fn, clock.wrap(f"extract: {name}", getattr(module, fn)))
        start = time.perf_counter()
        results = [extractor._analyse(p, d) for p, d in zip(prepared, docs)]
        total = time.perf_counter() - start
    finally:
        for module, fn, original in originals:
            setattr(module, fn, original)
    clock.add("extract: records", total - sum(v for k, v in clock.seconds.items() if k.startswith("extract:")))
    return results


def _timed_store(results: list, clock: _Clock, batch_size: int) -> None:
    """``Store.save`` in batches into a fresh file; fusion (candidates + merge) timed apart."""
    from sitrep.store import Store

    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        store = Store.open(Path(tmp) / "profile.duckdb")
        fuse = clock.wrap("store: fusion", store._fuse)
        store._fuse = fuse
        start = time.perf_counter()
        for i in range(0, len(results), batch_size):
            store.save(results[i:i + batch_size])
        total = time.perf_counter() - start
        store.close()
    clock.add("store: writes", total - clock.seconds.get("store: fusion", 0.0))


def _hot_functions(extractor, prepared: list, docs: list, top: int = 15) -> list[dict]:
    """cProfile of the extraction stages alone (spaCy already ran): the functions that cost most."""
    profile = cProfile.Profile()
    profile.enable()
    for p, d in zip(prepared, docs):
        extractor._analyse(p, d)
    profile.disable()
    stats = pstats.Stats(profile)
    rows = []
    for (file, line, name), (_, calls, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append({"function": f"{Path(file).parent.name}/{Path(file).name}:{line} {name}",
                     "calls": calls, "own_s": round(own, 3), "cumulative_s": round(cumulative, 3)})  # fmt: skip
    return sorted(rows, key=lambda r: -r["own_s"])[:top]


def profile_stages(paths: list[Path], *, batch_size: int) -> dict:
    """Milliseconds per article by stage over ``paths``, in this process, one stage at a time."""
    from sitrep.ingest import parse_bytes
    from sitrep.options import load_options
    from sitrep.pipeline import Extractor

    options = load_options()
    extractor = Extractor(options)
    clock = _Clock()
    start = time.perf_counter()
    raws = [parse_bytes(p.read_bytes(), input=str(p), options=options.ingest, format="text") for p in paths]
    clock.add("ingest: parse", time.perf_counter() - start)
    prepared = [clock.wrap("ingest: clean + language", extractor._prepare)(raw, None) for raw in raws]
    docs = _timed_spacy(extractor, prepared, clock, options.nlp.batch_size)
    results = _timed_extraction(extractor, prepared, docs, clock)
    _timed_store(results, clock, batch_size)
    bare = sum(v for k, v in clock.seconds.items() if k.startswith("spacy:") and "(sitrep)" not in k)
    total = sum(clock.seconds.values())
    return {
        "articles": len(paths),
        "ms_per_article": {k: round(1000 * v / len(paths), 2) for k, v in clock.seconds.items()},
        "bare_spacy_ms_per_article": round(1000 * bare / len(paths), 2),
        "total_ms_per_article": round(1000 * total / len(paths), 2),
        "overhead_vs_bare": round((total - bare) / bare, 3),
        "extraction_hot_functions": _hot_functions(extractor, prepared, docs),
    }


# -- output ----------------------------------------------------------------------------------
def _md_table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _writer_share(run: dict) -> str:
    """CPU seconds the Dask client process used (scheduler, unpickling, store), as a share of the run."""
    shares = [r["dask-2"]["main"]["cpu_s"] / r["dask-2"]["wall_s"] for r in run["raw"]]
    return f"{100 * statistics.median(shares):.0f}% of one core"


_LABELS = {"bare-1": "bare spaCy, 1 process", "bare-2": "bare spaCy, `n_process=2`",
           "run": "`sitrep run` (in-process)", "dask-1": "`sitrep run --workers 1`",
           "dask-2": "`sitrep run --workers 2`"}  # fmt: skip


def _variant_rows(median: dict, memory: dict) -> list[list]:
    peaks = {"bare-1": memory["bare_process_peak_mb"], "run": memory["run_process_peak_mb"],
             "dask-1": f"{memory['dask_worker_peak_mb']} per worker",
             "dask-2": f"{memory['dask_worker_peak_mb']} per worker"}  # fmt: skip
    return [[label, f"{median[f'{n}_per_s']:.1f}", f"{median[f'{n}_wall_per_s']:.1f}", f"{median[f'{n}_cpu_ms']:.0f}",
             f"{100 * median[f'{n}_wait_share']:.0f}%", peaks.get(n, "")] for n, label in _LABELS.items()]


def _target_rows(run: dict) -> list[list]:
    median = run["rates"]["median"]
    rows = [[k, v["measured"], "yes" if v["met"] else "**no**"] for k, v in run["targets"].items()]
    return rows + [
        ["(context) `sitrep run` / bare spaCy by CPU time per article", median["run_vs_bare_cpu"], ""],
        ["(context) bare spaCy `n_process=2` / 1 process", median["bare2_vs_bare1"], ""],
        ["(context) cores `--workers 2` used while running (CPU s / run s)", median["dask2_cores_used"], ""],
        ["(context) CPU per article, 1 worker / 2 workers", median["dask2_cpu_efficiency"], ""],
    ]


def _quality_line(quality: dict) -> str:
    reasons = ", ".join(f"{k} {v}" for k, v in quality.get("missed_pairs_by_reason", {}).items())
    return (f"Fusion quality end to end (the in-process run's store against `truth.json`, article pairs): "
            f"precision {quality['precision']}, recall {quality['recall']}, F1 {quality['f1']} "
            f"({quality['true_pairs']} true pairs, {quality['predicted_pairs']} predicted; "
            f"{quality['articles_with_events']} of {quality['articles']} articles have an event; "
            f"{quality['fused_events']} fused events for {quality['incidents']} incidents). "
            f"Missed pairs, by the first fusion rule that kept them apart: {reasons or 'none'}.")  # fmt: skip


def _profile_lines(prof: dict) -> list[str]:
    rows = [[k, v, f"{100 * v / prof['total_ms_per_article']:.1f}%"] for k, v in prof["ms_per_article"].items()]
    return [f"### Where an article's time goes ({prof['articles']} articles, one stage at a time)", "",
            _md_table(["stage", "ms/article", "share"], rows), "",
            f"Bare spaCy components: {prof['bare_spacy_ms_per_article']} ms/article; everything else adds "
            f"{100 * prof['overhead_vs_bare']:.0f}% on top.", ""]  # fmt: skip


def _run_section(run: dict) -> list[str]:
    median, memory, corpus = run["rates"]["median"], run["memory"], run["corpus"]
    code = run.get("code", {})
    out = [
        "## `sitrep run` throughput, memory, workers", "",
        f"{corpus['articles']:,} synthetic articles ({corpus['words']:,} words, {corpus['incidents']} incidents; "
        f"`bench/make_corpus.py --seed {corpus['seed']}`), measured in one run of `bench/bench_run.py` "
        f"({len(run['rates']['rounds'])} rounds, medians; load average at each round's start {run['load']}; "
        f"code {code.get('before', {}).get('commit', '?')}; `--batch-size {run.get('batch_size', 32)}`). Rates are the run's own (first to last article; "
        "model load and cluster start excluded); wall-clock rates include start-up.", "",
        _md_table(["variant", "articles/s", "wall articles/s", "CPU ms/article", "waited for a core", "peak RSS (MB)"],
                  _variant_rows(median, memory)), "",
        "CPU ms/article counts every process of the variant (start-up taken out for the one-process ones); "
        "\"waited for a core\" is the share of the time its threads were runnable but every core was busy "
        "(Linux schedstat), i.e. what other jobs on the machine took.", "",
        f"Writer process (client, scheduler, store) with Dask: peak RSS {memory['dask_writer_peak_mb']} MB, "
        f"CPU {_writer_share(run)} with 2 workers.", "",
        _md_table(["target (issue 5)", "measured", "met"], _target_rows(run)), "",
    ]  # fmt: skip
    if run.get("fusion_quality_end_to_end"):
        out += [_quality_line(run["fusion_quality_end_to_end"]), ""]
    if code and code["before"]["sitrep_digest"] != code["after"]["sitrep_digest"]:
        out += ["Note: `sitrep/` changed while this was measured (other engineers work in the checkout), so "
                "the variants may have run different code.", ""]  # fmt: skip
    if not run.get("same_store_every_variant"):
        out += ["The three `sitrep run` variants did not build identical fused-event tables.", ""]
    return out + (_profile_lines(run["profile"]) if run.get("profile") else [])


def _fusion_section(fusion: dict) -> list[str]:
    out = ["## Fusion", ""]
    for name, q in fusion.get("quality", {}).items():
        out.append(f"- **{name}**: pairwise precision {q['precision']}, recall {q['recall']}, F1 {q['f1']} "
                   f"({q['true_pairs']} true pairs, {q['predicted_pairs']} predicted; {q['note']})")  # fmt: skip
    curve = fusion.get("curve")
    if curve:
        out += ["", f"Fusion time per new article as the store grows ({curve['model']}; "
                f"load average {fusion['load']}):", ""]
        header = ["fused events", "documents", "save alone: ms", "p90", "CPU ms", "batch of 32: ms/article",
                  "CPU ms/article", "fusion step ms (alone)", "of which candidates", "of which fuse()",
                  "candidates/view"]  # fmt: skip
        rows = [[f"{p['events']:,}", f"{p['documents']:,}", p["ms_per_article"], p["p90_ms"], p["cpu_ms_per_article"],
                 p["batch_ms_per_article"], p["batch_cpu_ms_per_article"], p["fusion_ms_per_article"],
                 p["candidates_load_ms_per_article"], p["fuse_only_ms_per_article"], p["candidates_per_view"]]
                for p in curve["points"]]  # fmt: skip
        out += [_md_table(header, rows), "", f"Flatness: {curve['flatness']}.", ""]
    return out


def write_markdown() -> Path:
    """``bench/results/run.md`` from whichever of run.json and fusion.json exist."""
    parts = ["# Corpus-scale benchmarks (issue 5)", "",
             "Generated by `bench/bench_run.py` and `bench/bench_fusion.py`; ready to paste into BENCHMARKS.md.", ""]
    run_file, fusion_file = RESULTS / "run.json", RESULTS / "fusion.json"
    if run_file.exists():
        parts += _run_section(json.loads(run_file.read_text()))
    if fusion_file.exists():
        parts += _fusion_section(json.loads(fusion_file.read_text()))
    out = RESULTS / "run.md"
    out.write_text("\n".join(parts) + "\n", encoding="utf-8")
    return out


# -- main ------------------------------------------------------------------------------------
def _corpus(args, work: Path) -> Path:
    """The corpus folder (with articles/ and truth.json): given, or generated into ``work``."""
    if args.corpus:
        return args.corpus
    from make_corpus import make_corpus

    make_corpus(work / "corpus", articles=args.articles, seed=args.seed)
    return work / "corpus"


def _quality(db: Path, truth_file: Path) -> Optional[dict]:
    from bench_fusion import store_quality

    return store_quality(db, json.loads(truth_file.read_text(encoding="utf-8")))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", type=Path, help="a make_corpus.py folder to use instead of generating one")
    parser.add_argument("--rounds", type=int, default=2, help="repeat every variant; medians are reported")
    parser.add_argument("--batch-size", type=int, help="sitrep run --batch-size (default: sitrep's own)")
    parser.add_argument("--profile", type=int, default=300, help="articles to time stage by stage (0: skip)")
    parser.add_argument("--work", type=Path, help="keep stores and texts here (default: a temporary folder)")
    parser.add_argument("--quiet-load", type=float, help="before each round, wait for this 1-minute load average")
    parser.add_argument("--patience", type=float, default=600, help="longest wait for --quiet-load, in seconds")
    return parser.parse_args()


def _measure_all(args: argparse.Namespace, work: Path, env: dict) -> dict:
    """The corpus, every round, the end-to-end fusion quality and the stage profile."""
    from sitrep.runner import BATCH_SIZE

    args.batch_size = args.batch_size or BATCH_SIZE
    corpus = _corpus(args, work)
    paths = sorted((corpus / "articles").glob("*.txt"))
    texts = clean_texts(paths)
    texts_file = work / "texts.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    rounds = []
    for number in range(1, args.rounds + 1):
        _wait_for_quiet(args.quiet_load, args.patience)
        rounds.append(_round(number, corpus / "articles", texts_file, work, env=env, batch_size=args.batch_size))
    return {
        "corpus": {"articles": len(paths), "words": sum(len(t.split()) for t in texts), "seed": truth["seed"],
                   "incidents": len(truth["incidents"])},
        "rounds": rounds,
        "quality": _quality(work / "round1-run.duckdb", corpus / "truth.json"),
        "profile": profile_stages(paths[: args.profile], batch_size=args.batch_size) if args.profile else None,
    }  # fmt: skip


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_bare":
        _bare_child(sys.argv[2], int(sys.argv[3]))
        return
    args = _arguments()
    env = {**os.environ, "SITREP_HOME": os.environ.get("SITREP_HOME", str(ROOT / ".sitrep"))}
    os.environ["SITREP_HOME"] = env["SITREP_HOME"]
    code_before = code_version()
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        measured = _measure_all(args, work, env)
    rounds = measured["rounds"]
    rates, memory = _rates(rounds, measured["corpus"]["articles"]), _memory(rounds)
    run = {
        "corpus": measured["corpus"],
        "batch_size": args.batch_size,
        "load": " / ".join(" ".join(str(x) for x in r["bare-1"]["load"][:3]) for r in rounds),
        "rates": rates, "memory": memory, "targets": _targets(rates, memory),
        "same_store_every_variant": all(len({r[n]["fused_digest"] for n in _RUNS}) == 1 for r in rounds),
        "fusion_quality_end_to_end": measured["quality"], "profile": measured["profile"],
        "code": {"before": code_before, "after": code_version()},
        "raw": rounds,
    }  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "run.json").write_text(json.dumps(run, indent=2, default=str) + "\n", encoding="utf-8")
    write_markdown()
    print(json.dumps({"rates": rates["median"], "memory": memory, "targets": run["targets"]}, indent=2))


if __name__ == "__main__":
    main()
