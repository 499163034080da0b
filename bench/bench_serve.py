"""Benchmark: the API under 200 concurrent clients on loopback, over a store of 50k events.

1. A store of ``--events`` synthetic fused events (15 countries, 6 event types, 200 actors,
   one document and one claim each) is generated straight into DuckDB in bulk (SQL over
   ``range()``; no extraction).
2. ``sitrep serve``'s app runs under uvicorn in a subprocess on 127.0.0.1 (a free port).
3. ``--clients`` asyncio clients each send ``--requests`` requests, listing and filtering
   events (no filter, country, type + since, minimum fatalities, free text, actor, the
   next page by cursor, the timeline), all at once; the run stops after ``--max-seconds``
   whatever is left.

Prints p50/p90/p99 latency, throughput and the error count; writes
``bench/results/serve.json``. Usage: ``python bench/bench_serve.py [--clients 200]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COUNTRIES = ["AF", "SD", "SO", "ML", "BF", "NG", "CD", "MM", "YE", "SY", "UA", "PK", "CO", "MX", "ET"]
TYPES = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
    ("Riots", "Mob violence"),
    ("Strategic developments", "Arrests"),
]
N_ACTORS = 200
FIRST_DAY = "2020-01-01"

# Every value below derives from the row number i; the same store for the same --events.
_FUSED = """
INSERT INTO fused_events
SELECT 'ev' || lpad(i::VARCHAR, 12, '0'),
       ($types)[i % 6 + 1][1], ($types)[i % 6 + 1][2],
       DATE '{first}' + (i % 1800)::INTEGER, 1,
       DATE '{first}' + (i % 1800)::INTEGER, DATE '{first}' + (i % 1800)::INTEGER,
       'actor' || (i % {actors}), 'actor' || ((i * 7 + 3) % {actors}), [],
       'gn:' || (i % 5000), 'Town ' || (i % 5000), ($countries)[i % 15 + 1], 'Region ' || (i % 40),
       -10 + (i % 50)::DOUBLE, -20 + (i % 130)::DOUBLE, 1,
       i % 40, i % 40, CASE WHEN i % 9 = 0 THEN NULL ELSE i % 40 + i % 7 END, false,
       0.7, 1, [], TIMESTAMP '2026-01-01 00:00:00'
FROM range({n}) t(i)"""
_ACTORS = """
INSERT INTO actors
SELECT 'bench', i::INTEGER, 'actor' || i, 'Armed Group ' || i,
       CASE WHEN i % 4 = 0 THEN 'State forces' ELSE 'Rebel group' END, [], NULL, NULL, NULL, []
FROM range({actors}) t(i)"""
_DOCUMENTS = """
INSERT INTO documents
SELECT lpad(printf('%x', i), 16, '0'), 'bench/' || i, 'Clashes near Town ' || (i % 5000), NULL, 'Bench Wire',
       DATE '{first}' + (i % 1800)::INTEGER, 'en',
       'Fighting was reported near Town ' || (i % 5000) || ' in Region ' || (i % 40) ||
       '. A local official said ' || (i % 40) || ' people were killed and others wounded.', []
FROM range({n}) t(i)"""
_LINKS = """
INSERT INTO event_documents
SELECT 'ev' || lpad(i::VARCHAR, 12, '0'), 0, lpad(printf('%x', i), 16, '0') || ':e1', lpad(printf('%x', i), 16, '0')
FROM range({n}) t(i)"""


def build_store(path: Path, n: int) -> float:
    """Generate the store at ``path``; returns the seconds it took."""
    import duckdb

    from sitrep.store import Store

    start = time.perf_counter()
    Store.open(path).close()  # sitrep's own tables
    types = "[" + ", ".join(f"['{t}', '{s}']" for t, s in TYPES) + "]"
    countries = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
    with duckdb.connect(str(path)) as con:
        for sql in (_FUSED, _ACTORS, _DOCUMENTS, _LINKS):
            text = sql.format(first=FIRST_DAY, actors=N_ACTORS, n=n).replace("$types", types).replace("$countries", countries)
            con.execute(text)
        con.execute("CHECKPOINT")
    return time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


_SERVER = """
import sys, uvicorn
from sitrep.serve import create_app
app = create_app(sys.argv[1])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def start_server(path: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", _SERVER, str(path), str(port)], cwd=ROOT)
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start within 60 s")


def request_mix(rng: random.Random) -> tuple[str, dict]:
    """One request of the mix an analyst's page makes: lists with and without filters."""
    kind = rng.randrange(8)
    if kind == 0:
        return "/api/events", {"limit": 100}
    if kind == 1:
        return "/api/events", {"country": rng.choice(COUNTRIES), "limit": 100}
    if kind == 2:
        return "/api/events", {"event_type": rng.choice(TYPES)[0], "since": "2023-01-01", "limit": 100}
    if kind == 3:
        return "/api/events", {"min_fatalities": rng.randrange(40), "limit": 50}
    if kind == 4:
        return "/api/events", {"q": f"Town {rng.randrange(5000)}", "limit": 50}
    if kind == 5:
        return "/api/events", {"actor": f"actor{rng.randrange(N_ACTORS)}", "limit": 100}
    if kind == 6:
        return "/api/timeline", {"country": rng.choice(COUNTRIES)}
    return "/api/events", {"country": rng.choice(COUNTRIES), "until": "2022-06-30", "limit": 500}


async def client(base: str, n: int, seed: int, deadline: float, latencies: list, errors: list) -> None:
    import httpx

    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        for _ in range(n):
            if time.monotonic() > deadline:
                return
            path, params = request_mix(rng)
            start = time.perf_counter()
            try:
                response = await http.get(path, params=params)
                if response.status_code != 200:
                    errors.append(f"{response.status_code} {path} {params}")
            except httpx.HTTPError as err:
                errors.append(f"{type(err).__name__} {path} {params}")
            latencies.append(time.perf_counter() - start)


async def load(base: str, clients: int, requests: int, max_seconds: float) -> tuple[list, list, float]:
    latencies, errors = [], []
    deadline = time.monotonic() + max_seconds
    start = time.perf_counter()
    await asyncio.gather(*(client(base, requests, seed, deadline, latencies, errors) for seed in range(clients)))
    return latencies, errors, time.perf_counter() - start


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests", type=int, default=10, help="requests per client")
    parser.add_argument("--max-seconds", type=float, default=180.0, help="stop sending after this long")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="sitrep-bench-serve-") as tmp:
        path = Path(tmp) / "bench.duckdb"
        built = build_store(path, args.events)
        print(f"store: {args.events:,} events generated in {built:.1f}s", file=sys.stderr)
        port = free_port()
        server = start_server(path, port)
        try:
            # one warm-up request per kind, so the first clients do not pay for imports and caches
            asyncio.run(load(f"http://127.0.0.1:{port}", 8, 2, 30))
            latencies, errors, wall = asyncio.run(load(f"http://127.0.0.1:{port}", args.clients, args.requests, args.max_seconds))
        finally:
            server.terminate()
            server.wait(10)
    ms = [x * 1000 for x in latencies]
    result = {
        "events": args.events,
        "clients": args.clients,
        "requests": len(ms),
        "errors": len(errors),
        "error_examples": errors[:5],
        "seconds": round(wall, 2),
        "requests_per_second": round(len(ms) / wall, 1),
        "latency_ms": {"p50": round(percentile(ms, 50), 1), "p90": round(percentile(ms, 90), 1),
                       "p99": round(percentile(ms, 99), 1), "max": round(max(ms), 1),
                       "mean": round(statistics.fmean(ms), 1)},  # fmt: skip
        "server": "uvicorn, 1 process, 127.0.0.1",
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
    }
    out = ROOT / "bench" / "results" / "serve.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    lat = result["latency_ms"]
    print(f"{len(ms)} requests from {args.clients} clients in {wall:.1f}s ({result['requests_per_second']}/s): "
          f"p50 {lat['p50']} ms, p99 {lat['p99']} ms, {len(errors)} errors → {out.relative_to(ROOT)}")  # fmt: skip


if __name__ == "__main__":
    main()
