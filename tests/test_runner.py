"""``sitrep run``: resumable and idempotent, failures recorded, kill -9 safe, Dask, Parquet, CLI.

The extractor is a fake (the real one needs the model and is tested elsewhere): it reads
the synthetic one-line reports written by :func:`write_corpus` with two regexes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
import typer
from typer.testing import CliRunner

from sitrep.cli import corpus as corpus_cli
from sitrep.errors import EmptyInput, SitrepError, UnsupportedLanguage
from sitrep.ingest import RawDocument
from sitrep.options import load_options
from sitrep.runner import LocalProcessor, run
from sitrep.sink import ParquetSink
from sitrep.store import Store
from test_corpus import ARTICLE, _warc
from test_fuse import killed, report

INGEST = load_options().ingest
OUTLETS = ("Kabul Ledger", "Frontier Wire", "Western Province Daily")
#: each outlet's death toll for the clash on day ``d`` is ``d + offset``
OFFSETS = {"Kabul Ledger": 2, "Frontier Wire": 4, "Western Province Daily": 3}
_REPORT = re.compile(r"^(?P<outlet>[^.]+)\. On (?P<day>\d+) March 2024 .* in (?P<place>Shindand|Kandahar)\. (?P<claimant>[^.]+?) said (?P<n>\d+) soldiers were killed\.")


def write_corpus(folder: Path) -> Path:
    """7 clashes × 3 outlets, one exact copy, one French, one that crashes the extractor, one empty."""
    folder.mkdir(parents=True, exist_ok=True)
    for day in range(1, 8):
        place = "Shindand" if day % 2 else "Kandahar"
        for outlet in OUTLETS:
            n = day + OFFSETS[outlet]
            text = (f"{outlet}. On {day} March 2024 Taliban fighters attacked an army post in {place}. "
                    f"The defence ministry said {n} soldiers were killed.")  # fmt: skip
            (folder / f"{day:02d}-{outlet.split()[0].lower()}.txt").write_text(text)
    (folder / "08-copy.txt").write_text((folder / "01-kabul.txt").read_text())
    (folder / "09-french.txt").write_text("Bonjour. Des combats ont eu lieu près de Shindand dimanche.")
    (folder / "10-crash.txt").write_text("CRASH: a report the fake extractor cannot take.")
    (folder / "11-empty.txt").write_text("")
    return folder


def fake_parse(data: bytes, *, input: str, options, format=None, url=None) -> RawDocument:
    text = re.sub(r"<[^>]+>", " ", data.decode("utf-8")).strip()
    if not text:
        raise EmptyInput("the input is empty", input=input)
    return RawDocument(input=input, text=text, format=format or "text", url=url)


class FakeExtractor:
    """Reads :func:`write_corpus` reports; ``delay`` seconds per article, to be killed mid-run."""

    def __init__(self, delay: float = 0.0):
        self.delay = delay

    def extract_many(self, raws):
        for raw in raws:
            try:
                yield self.extract_raw(raw)
            except SitrepError as err:
                yield err

    def extract_raw(self, raw):
        time.sleep(self.delay)
        if raw.text.startswith("Bonjour"):
            raise UnsupportedLanguage("article is not in English", input=raw.input)
        if raw.text.startswith("CRASH"):
            raise ZeroDivisionError("fake extractor bug")
        found = _REPORT.match(raw.text)
        if found is None:
            result = report("Unknown", raw.text, claims=())
        else:
            sentence = f"{found['claimant']} said {found['n']} soldiers were killed."
            result = report(found["outlet"], raw.text, date=dt.date(2024, 3, int(found["day"])),
                            place=found["place"].lower(), claims=(killed(int(found["n"]), "mil.af", sentence, claimant=found["claimant"]),))  # fmt: skip
        doc = result.document.model_copy(update={"id": hashlib.sha256(raw.text.encode()).hexdigest()[:16], "url": raw.url})
        return result.model_copy(update={"input": raw.input, "document": doc})


#: columns that differ between runs by nature (clock times, run numbers)
VOLATILE = {"inputs": ["run_id"], "failures": ["time", "run_id"], "fused_events": ["updated"]}
TABLES = ("documents", "inputs", "actors", "places", "quotes", "claims", "events", "fused_events", "event_documents", "failures")


def snapshot(store: Store) -> dict[str, list[tuple]]:
    return {t: store.table(t, exclude=VOLATILE.get(t, ())) for t in TABLES}


def run_local(store, paths, *, extractor=None, **kw):
    processor = LocalProcessor(extractor or FakeExtractor(), ingest_options=INGEST, parse=fake_parse)
    return run([str(p) for p in paths], sink=store, processor=processor, **kw)


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus")


# -- the run ------------------------------------------------------------------------------------
def test_a_run_stores_fuses_and_records_failures(tmp_path, corpus):
    with Store.open(tmp_path / "s.duckdb") as store:
        stats = run_local(store, [corpus], batch_size=4)
        assert (stats.seen, stats.stored, stats.duplicates, stats.failed) == (25, 21, 1, 3)
        failures = {Path(f.input).name: (f.stage, f.reason) for f in store.failures()}
        assert failures["09-french.txt"][0] == "language"
        assert failures["10-crash.txt"] == ("extract", "internal error: ZeroDivisionError: fake extractor bug (please report it)")
        assert failures["11-empty.txt"][0] == "ingest"
        events = store.fused_events()
        assert len(events) == 7 and {e["n_documents"] for e in events} == {3}
        # day d: the outlets say d+2, d+4 and d+3 soldiers; the most conservative is d+2
        assert [(e["date"].day, e["fatalities_best"], e["fatalities_high"]) for e in events] == [(d, d + 2, d + 4) for d in range(1, 8)]
        assert [e["location"] for e in events[:2]] == ["Shindand", "Kandahar"]


def test_a_second_run_changes_nothing(tmp_path, corpus):
    with Store.open(tmp_path / "s.duckdb") as store:
        run_local(store, [corpus], batch_size=4)
        before = snapshot(store)
        stats = run_local(store, [corpus, corpus / "01-kabul.txt"], batch_size=7)
        assert stats.seen == 0 and snapshot(store) == before


def test_retry_failed_processes_failures_again(tmp_path, corpus):
    with Store.open(tmp_path / "s.duckdb") as store:
        run_local(store, [corpus])
        (corpus / "09-french.txt").write_text(
            "Frontier Wire. On 9 March 2024 Taliban fighters attacked an army post in Shindand. "
            "The defence ministry said 2 soldiers were killed."
        )
        assert run_local(store, [corpus]).seen == 0  # failures are done unless retried
        stats = run_local(store, [corpus], retry_failed=True)
        assert (stats.seen, stats.stored, stats.failed) == (3, 1, 2)
        assert sorted(Path(f.input).name for f in store.failures()) == ["10-crash.txt", "11-empty.txt"]


def test_warc_records_go_through_the_run_with_skips_and_truncation_recorded(tmp_path):
    records = [
        ("response", "https://news.example/shindand", "text/html", ARTICLE.encode()),
        ("response", "https://news.example/map.png", "image/png", b"\x89PNG\r\n\x1a\n0000"),
        ("response", "https://news.example/kandahar", "text/html", ARTICLE.replace("Shindand", "Kandahar").encode()),
    ]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc(records, gzip=True)[:-120])
    with Store.open(":memory:") as store:
        stats = run_local(store, [path])
        assert (stats.stored, stats.failed) == (1, 2)
        skipped, truncated = sorted(store.failures(), key=lambda f: "truncated" in f.reason)
        assert "image/png" in skipped.reason and "skipped" in skipped.reason
        assert truncated.reason.startswith("truncated WARC record") and truncated.input.startswith(f"{path}#")
        (doc_id,) = store.document_ids()
        assert store.load_result(doc_id).document.url == "https://news.example/shindand"


def test_the_default_parser_is_sitreps_ingest(tmp_path):
    (tmp_path / "r.txt").write_text(
        "Kabul Ledger. On 3 March 2024 Taliban fighters attacked an army post in Shindand. "
        "The defence ministry said 4 soldiers were killed."
    )
    with Store.open(":memory:") as store:
        processor = LocalProcessor(FakeExtractor(), ingest_options=INGEST)
        assert run([str(tmp_path)], sink=store, processor=processor).stored == 1
        assert store.fused_events()[0]["fatalities_best"] == 4


# -- kill -9 in the middle, then resume --------------------------------------------------------------
def _child(db: str, corpus: str, delay: float) -> None:
    """Run by the kill test in a subprocess: a slow run that reports each stored batch."""
    with Store.open(db) as store:
        run_local(store, [corpus], extractor=FakeExtractor(delay), batch_size=4,
                  on_batch=lambda s: print(f"stored {s.seen}", flush=True))  # fmt: skip


def test_kill_9_mid_run_then_resume_gives_the_same_store(tmp_path, corpus):
    with Store.open(tmp_path / "whole.duckdb") as store:
        run_local(store, [corpus], batch_size=4)
        expected = snapshot(store)
    db = tmp_path / "killed.duckdb"
    code = f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import test_runner; test_runner._child({str(db)!r}, {str(corpus)!r}, 0.05)"
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().startswith("stored 4")
        assert child.stdout.readline().startswith("stored 8")
    finally:
        child.send_signal(signal.SIGKILL)  # in the middle of the third batch
        child.wait()
    assert child.returncode == -signal.SIGKILL
    with Store.open(db) as store:
        assert 8 <= len(store.done_inputs()) < 25  # whole batches only
        run_local(store, [corpus], batch_size=4)
        assert snapshot(store) == expected


def test_a_batch_is_saved_while_the_next_one_is_processed(tmp_path):
    """The writer thread stores batch 1 while batch 2 is extracted; saves stay in order."""
    import threading

    from sitrep.store import Failure, Saved

    second_started = threading.Event()
    saved: list[tuple[list[str], bool]] = []

    class Processor:
        def map(self, batches):
            for batch in batches:
                if batch.number == 2:
                    second_started.set()
                yield batch, [Failure(item.input, "extract", "fake") for item in batch.items]

    class Sink:
        def begin_run(self, paths):
            return 1

        def finish_run(self, run_id, **counts):
            pass

        def done_inputs(self, *, include_failed=True):
            return set()

        def save(self, results, failures=(), *, run_id=None):
            overlapped = second_started.wait(timeout=5)  # only true if batch 2 began meanwhile
            saved.append(([f.input for f in failures], overlapped))
            return Saved(stored=0, duplicates=0, events=0, fused=0, failed=len(failures))

    for name in "abcde":
        (tmp_path / f"{name}.txt").write_text(f"report {name}", encoding="utf-8")
    stats = run([str(tmp_path)], sink=Sink(), processor=Processor(), batch_size=2)
    batches = [[Path(name).name for name in names] for names, _ in saved]
    assert batches == [["a.txt", "b.txt"], ["c.txt", "d.txt"], ["e.txt"]]
    assert saved[0][1], "batch 1 was saved before batch 2 was processed: no overlap"
    assert stats.seen == 5 and stats.failed == 5


# -- Dask and Parquet --------------------------------------------------------------------------------
@pytest.mark.slow
def test_dask_workers_give_the_same_store_as_a_local_run(tmp_path, corpus):
    from sitrep.scale import DaskProcessor, open_client

    with Store.open(":memory:") as local:
        run_local(local, [corpus], batch_size=5)
        expected = snapshot(local)
    with open_client(workers=2) as client, Store.open(":memory:") as store:
        processor = DaskProcessor(client, FakeExtractor, ingest_options=INGEST, parse=fake_parse)
        stats = run([str(corpus)], sink=store, processor=processor, batch_size=5)
        assert (stats.stored, stats.failed) == (21, 3)
        assert snapshot(store) == expected


class _Future:
    def __init__(self, items):
        self.items = items

    def result(self):
        if any(item.input == "broken" for item in self.items):
            raise RuntimeError("worker lost")
        return [f"out:{item.input}" for item in self.items]


class _Client:
    """Just what DaskProcessor asks of a client: every task it submits, recorded."""

    def __init__(self):
        self.submitted: list[list[str]] = []

    def scheduler_info(self):
        return {"workers": {"a": {}, "b": {}}}

    def register_plugin(self, plugin, name):
        pass

    def submit(self, fn, items, *args, pure):
        self.submitted.append([item.input for item in items])
        return _Future(items)


def test_dask_splits_a_batch_into_tasks_and_keeps_the_order():
    from sitrep.ingest.corpus import CorpusItem
    from sitrep.runner import Batch
    from sitrep.scale import DaskProcessor

    def batch(number, names):
        return Batch(number, [CorpusItem(input=n, data=b"x") for n in names], [])

    client = _Client()
    processor = DaskProcessor(client, FakeExtractor, ingest_options=INGEST, task_size=2)
    batches = [batch(1, ["a", "b", "c", "d", "e"]), batch(2, ["f", "broken", "g"]), batch(3, [])]
    done = list(processor.map(batches))
    # a batch of 5 goes out as tasks of 2, 2 and 1; batches come back whole and in order
    assert client.submitted == [["a", "b"], ["c", "d"], ["e"], ["f", "broken"], ["g"]]
    assert [b.number for b, _ in done] == [1, 2, 3]
    assert done[0][1] == ["out:a", "out:b", "out:c", "out:d", "out:e"]
    # a lost task fails its own inputs only, as "scale" failures; the batch's other task stands
    second = done[1][1]
    assert [(f.input, f.stage) for f in second[:2]] == [("f", "scale"), ("broken", "scale")]
    assert second[2] == "out:g"
    assert done[2][1] == []


def test_parquet_output_is_partitioned_and_resumable(tmp_path, corpus):
    out = tmp_path / "parquet"
    sink = ParquetSink(out)
    stats = run_local(sink, [corpus], batch_size=10)
    sink.close()
    assert (stats.stored, stats.failed) == (21, 3)
    assert len(list((out / "documents").glob("*.parquet"))) == 3  # 25 inputs in batches of 10
    assert not list(out.rglob("*.tmp"))

    def count(table):
        return duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/{table}/*.parquet')").fetchall()[0][0]

    assert (count("documents"), count("events"), count("claims"), count("inputs"), count("failures")) == (21, 21, 21, 22, 3)
    again = ParquetSink(out)
    assert run_local(again, [corpus]).seen == 0
    again.close()


# -- the CLI -----------------------------------------------------------------------------------------
def _app() -> typer.Typer:
    app = typer.Typer()
    corpus_cli.register(app)
    return app


@pytest.fixture
def stored(tmp_path, corpus) -> Path:
    db = tmp_path / "cli.duckdb"
    with Store.open(db) as store:
        run_local(store, [corpus])
    return db


def test_failures_lists_input_stage_reason(stored):
    out = CliRunner().invoke(_app(), ["failures", "--db", str(stored)])
    assert out.exit_code == 0
    rows = [line.split("\t") for line in out.stdout.splitlines()]
    assert sorted((Path(r[0]).name, r[1]) for r in rows) == [("09-french.txt", "language"), ("10-crash.txt", "extract"), ("11-empty.txt", "ingest")]


def test_show_lists_the_claims_behind_an_event(stored):
    with Store.open(stored, read_only=True) as store:
        first = store.fused_events()[0]["id"]
    out = CliRunner().invoke(_app(), ["show", first, "--db", str(stored)])
    assert out.exit_code == 0, out.output
    assert "Battles / Armed clash" in out.stdout and "Shindand" in out.stdout
    claims = [line.split("\t") for line in out.stdout.splitlines() if line.startswith("The defence ministry\t")]
    # day 1: the three outlets said 3, 5 and 4 soldiers
    assert sorted((c[1], c[3]) for c in claims) == [("Frontier Wire", "killed 5"), ("Kabul Ledger", "killed 3"), ("Western Province Daily", "killed 4")]
    assert all(c[2] == "2024-03-11" and c[4].endswith("soldiers were killed.") for c in claims)


def test_show_and_export_report_bad_arguments_in_one_line(stored):
    out = CliRunner().invoke(_app(), ["show", "ev000000000000", "--db", str(stored)])
    assert out.exit_code == 2 and "no such event" in out.stderr
    out = CliRunner().invoke(_app(), ["export", "--format", "parquet", "--db", str(stored)])
    assert out.exit_code == 2 and "--out" in out.stderr


def test_export_writes_acled_csv_to_stdout(stored):
    out = CliRunner().invoke(_app(), ["export", "--country", "AF", "--since", "2024-03-06", "--db", str(stored)])
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    assert lines[0].startswith("event_id_cnty,event_date,year,time_precision,disorder_type")
    assert len(lines) == 1 + 2  # 6 and 7 March
    assert "2 events exported" in out.stderr


@pytest.mark.parametrize("command", ["run", "failures", "show", "export"])
def test_every_command_has_help_with_an_example(command):
    out = CliRunner().invoke(_app(), [command, "--help"])
    assert out.exit_code == 0 and "Example" in out.stdout and "sitrep " + command in out.stdout
