"""Benchmark ``sitrep run`` on a generated corpus: articles/s against bare spaCy, memory, 2 workers vs 1.

Measured in one invocation, on the same texts, round by round so that whatever load other
jobs put on the machine falls on every variant alike (each variant is its own process):

* ``bare-1``  spaCy as shipped (``spacy.load(model)``, no sitrep component), ``nlp.pipe`` over the
              clean texts sitrep's pipeline sees (after ingest and clean), in a fresh process;
* ``run``     ``sitrep run ARTICLES --db FILE``: parse, clean, spaCy, extraction, store, fusion;
* ``dask-1``  ``sitrep run ARTICLES --db FILE --workers 1``;
* ``dask-2``  ``sitrep run ARTICLES --db FILE --workers 2``;
* ``bare-2``  bare spaCy with ``nlp.pipe(n_process=2)``: what two processes gain on this machine.

A sampler reads every process's peak RSS (``VmHWM``) and CPU time from ``/proc`` while it runs.
Articles/s is the run's own rate (``RunStats``: from the first article to the last, model and
cluster start excluded, like the bare pipeline's); wall-clock rates, start-up included, are
reported next to it. Then, optionally, where the time goes: each stage timed on a sample
(``--profile N``), and the fusion quality of the stored events against ``truth.json``.

Writes ``bench/results/run.json`` and ``bench/results/run.md``.

Usage: ``python bench/bench_run.py [--articles 2000] [--rounds 1] [--corpus DIR] [--profile 300]``
"""

from __future__ import annotations

import argparse
import json
import os
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

__all__ = ["main", "clean_texts", "measure_bare", "measure_run", "profile_stages", "write_markdown"]

#: the summary line `sitrep run` prints: "2000 inputs in 123.4s (16.2/s) → …"
_SUMMARY = re.compile(r"(?P<seen>\d+) inputs in (?P<secs>[\d.]+)s \((?P<rate>[\d.]+)/s\)")
_SAMPLE_EVERY = 0.2
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
    """Polls a process tree: peak RSS (VmHWM) and CPU seconds of every process in it."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self.started_at: dict[int, float] = {}
        self._stop = threading.Event()

    def run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                root = psutil.Process(self.pid)
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                return
            for proc in procs:
                self._read(proc)
            self._stop.wait(_SAMPLE_EVERY)

    def _read(self, proc) -> None:
        import psutil

        try:
            status = Path(f"/proc/{proc.pid}/status").read_text()
            times = proc.cpu_times()
        except (OSError, psutil.Error):
            return
        found = re.search(r"VmHWM:\s+(\d+) kB", status)
        if found:
            self.peak[proc.pid] = max(self.peak.get(proc.pid, 0), int(found.group(1)) * 1024)
        self.cpu[proc.pid] = times.user + times.system
        self.started_at.setdefault(proc.pid, time.monotonic())

    def stop(self) -> None:
        self._stop.set()
        self.join()


def _watched(command: list[str], *, env: dict) -> dict:
    """Run ``command``; its wall time, output, and each process's peak RSS and CPU seconds."""
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
    main_pid = proc.pid
    children = sorted((pid for pid in sampler.peak if pid != main_pid), key=lambda p: -sampler.peak[p])
    return {
        "wall_s": wall, "stdout": out, "stderr": err,
        "load": [round(x, 2) for x in (*load_before, *os.getloadavg())],
        "main_peak_mb": round(sampler.peak.get(main_pid, 0) / _MB),
        "main_cpu_s": round(sampler.cpu.get(main_pid, 0.0), 1),
        "children": [{"peak_mb": round(sampler.peak[p] / _MB), "cpu_s": round(sampler.cpu.get(p, 0.0), 1)}
                     for p in children],
    }  # fmt: skip


# -- the variants ----------------------------------------------------------------------------
def measure_bare(texts_file: Path, *, processes: int, env: dict) -> dict:
    """Bare spaCy over the texts in a fresh process; ``pipe_s`` excludes loading the model."""
    command = [sys.executable, str(Path(__file__).resolve()), "_bare", str(texts_file), str(processes)]
    watched = _watched(command, env=env)
    result = json.loads(watched.pop("stdout").strip().splitlines()[-1])
    watched.pop("stderr")
    return {**watched, **result}


def measure_run(articles: Path, db: Path, *, workers: int, env: dict, batch_size: int) -> dict:
    """``sitrep run`` (``workers`` 0: in-process) over ``articles`` into a fresh store ``db``."""
    command = [sys.executable, "-m", "sitrep.cli", "run", str(articles), "--db", str(db), "--batch-size", str(batch_size)]
    if workers:
        command += ["--workers", str(workers)]
    watched = _watched(command, env=env)
    stderr = watched.pop("stderr")
    watched.pop("stdout")
    found = _SUMMARY.search(stderr)
    if not found:
        raise RuntimeError(f"no summary line from sitrep run: {stderr[-2000:]}")
    return {**watched, "seen": int(found["seen"]), "run_s": float(found["secs"]), "summary": _last_line(stderr)}


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if _SUMMARY.search(line)]
    return lines[-1].strip() if lines else ""


def _store_counts(db: Path) -> dict:
    from sitrep.store import Store

    with Store.open(db, read_only=True) as store:
        counts = {t: len(store.table(t)) for t in ("documents", "events", "claims", "fused_events", "failures")}
        fused = store.table("fused_events", exclude=("updated",))
    return {"counts": counts, "fused_digest": hash(tuple(fused))}


def _round(number: int, articles: Path, texts_file: Path, work: Path, *, env: dict, batch_size: int) -> dict:
    """One round: every variant once, bare and run next to each other."""
    print(f"round {number}: bare spaCy, 1 process …", file=sys.stderr)
    bare1 = measure_bare(texts_file, processes=1, env=env)
    runs = {}
    for name, workers in (("run", 0), ("dask-1", 1), ("dask-2", 2)):
        print(f"round {number}: sitrep run ({name}) …", file=sys.stderr)
        db = work / f"round{number}-{name}.duckdb"
        runs[name] = measure_run(articles, db, workers=workers, env=env, batch_size=batch_size)
        runs[name].update(_store_counts(db))
    print(f"round {number}: bare spaCy, 2 processes …", file=sys.stderr)
    bare2 = measure_bare(texts_file, processes=2, env=env)
    return {"bare-1": bare1, **runs, "bare-2": bare2}


# -- summary ---------------------------------------------------------------------------------
def _rates(rounds: list[dict], articles: int) -> dict:
    """Per-round articles/s and the ratios the issue sets targets for, with their medians."""
    per_round = []
    for r in rounds:
        bare1, bare2 = articles / r["bare-1"]["pipe_s"], articles / r["bare-2"]["pipe_s"]
        rate = {name: articles / r[name]["run_s"] for name in ("run", "dask-1", "dask-2")}
        wall = {name: articles / r[name]["wall_s"] for name in ("run", "dask-1", "dask-2")}
        per_round.append({
            "bare_1_per_s": bare1, "bare_2_per_s": bare2,
            "bare_1_wall_per_s": articles / r["bare-1"]["wall_s"],
            **{f"{k}_per_s": v for k, v in rate.items()}, **{f"{k}_wall_per_s": v for k, v in wall.items()},
            "run_vs_bare": rate["run"] / bare1,
            "run_vs_bare_wall": wall["run"] / (articles / r["bare-1"]["wall_s"]),
            "dask2_vs_dask1": rate["dask-2"] / rate["dask-1"],
            "dask2_vs_run": rate["dask-2"] / rate["run"],
            "bare2_vs_bare1": bare2 / bare1,
        })  # fmt: skip
    keys = per_round[0].keys()
    median = {k: round(statistics.median(p[k] for p in per_round), 3) for k in keys}
    return {"median": median, "rounds": [{k: round(v, 3) for k, v in p.items()} for p in per_round]}


def _memory(rounds: list[dict]) -> dict:
    """Peak RSS: the one-process run, each Dask worker, and the writer (client + scheduler)."""
    workers = [c["peak_mb"] for r in rounds for name in ("dask-1", "dask-2") for c in r[name]["children"]
               if c["peak_mb"] >= 200]  # fmt: skip
    return {
        "run_process_peak_mb": max(r["run"]["main_peak_mb"] for r in rounds),
        "dask_worker_peak_mb": max(workers) if workers else None,
        "dask_writer_peak_mb": max(r[n]["main_peak_mb"] for r in rounds for n in ("dask-1", "dask-2")),
        "bare_process_peak_mb": max(r["bare-1"]["main_peak_mb"] for r in rounds),
    }


def _targets(rates: dict, memory: dict) -> dict:
    median = rates["median"]
    worker = memory["dask_worker_peak_mb"] or memory["run_process_peak_mb"]
    return {
        "run_vs_bare >= 0.8": {"measured": median["run_vs_bare"], "met": median["run_vs_bare"] >= 0.8},
        "worker peak RSS <= 1536 MB": {"measured": worker, "met": worker <= 1536},
        "dask-2 / dask-1 >= 1.7": {"measured": median["dask2_vs_dask1"], "met": median["dask2_vs_dask1"] >= 1.7},
    }
