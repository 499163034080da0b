"""Faults during ``sitrep run``: a full disk, a read-only store, kill -9 anywhere, a dead Dask worker.

What must hold after each: the batch being written is rolled back whole, every batch
before it is intact, the run says what happened in one line with the store's exit code,
and running the same command again ends with exactly the store an uninterrupted run
gives (compared table by table).

The runs use the fake extractor and corpus of ``test_runner`` (21 reports, one copy, one
French, one crash, one empty): these faults concern the runner and the store, not the model.
"""

from __future__ import annotations

import errno
import functools
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from sitrep.errors import StoreError
from sitrep.store import Store
from test_runner import INGEST, FakeExtractor, fake_parse, run_local, snapshot, write_corpus

TESTS = Path(__file__).resolve().parent
BATCH = 4


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def expected(tmp_path, corpus) -> dict:
    """The store an uninterrupted run gives."""
    with Store.open(tmp_path / "whole.duckdb") as store:
        run_local(store, [corpus], batch_size=BATCH)
        return snapshot(store)


# -- disk full --------------------------------------------------------------------------------------
class _DiskFull:
    """Replaces ``Store._insert``: after ``after`` saves, writing ``table`` fails with ENOSPC."""

    def __init__(self, after: int, table: str = "claims"):
        self.after, self.table, self.saves = after, table, 0
        self.real_save, self.real_insert = Store.save, Store._insert

    def install(self, monkeypatch) -> None:
        fault = self

        def save(store, *args, **kwargs):
            fault.saves += 1
            return fault.real_save(store, *args, **kwargs)

        def insert(store, table, rows, **kwargs):
            if fault.saves > fault.after and table == fault.table:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(store.path))
            return fault.real_insert(store, table, rows, **kwargs)

        monkeypatch.setattr(Store, "save", save)
        monkeypatch.setattr(Store, "_insert", insert)


def test_disk_full_mid_batch_rolls_it_back_and_keeps_the_batches_before(tmp_path, corpus, expected, monkeypatch):
    db = tmp_path / "full.duckdb"
    after_two = {}
    _DiskFull(after=2).install(monkeypatch)
    with Store.open(db) as store:
        def keep(stats):
            after_two["tables"] = snapshot(store)  # the store as the last whole batch left it

        with pytest.raises(StoreError, match="No space left on device"):
            run_local(store, [corpus], batch_size=BATCH, on_batch=keep)
        assert snapshot(store) == after_two["tables"]  # the third batch left no row behind
        assert len(store.done_inputs()) == 2 * BATCH
    monkeypatch.undo()
    with Store.open(db) as store:
        assert snapshot(store) == after_two["tables"]
        run_local(store, [corpus], batch_size=BATCH)
        assert snapshot(store) == expected


def _cli_run(corpus: Path, db: Path):
    from sitrep.cli import app

    return CliRunner().invoke(app, ["run", str(corpus), "--db", str(db), "--batch-size", str(BATCH)])


@pytest.fixture
def fake_cli(monkeypatch):
    """``sitrep run`` in this process with the fake extractor instead of the model."""
    import sitrep.runner

    monkeypatch.setattr(sitrep.runner, "build_extractor", lambda options: FakeExtractor())


def test_disk_full_is_one_clear_line_with_the_store_exit_code(tmp_path, corpus, fake_cli, monkeypatch):
    _DiskFull(after=1).install(monkeypatch)
    out = _cli_run(corpus, tmp_path / "full.duckdb")
    assert out.exit_code == StoreError.exit_code, out.exception
    lines = out.stderr.strip().splitlines()
    assert "No space left on device" in lines[-1] and str(tmp_path / "full.duckdb") in lines[-1]


class _FailingConnection:
    """A DuckDB connection whose INSERT into ``table`` (or whose commit) fails once armed, as on a full disk."""

    def __init__(self, con, table: str = ""):
        self._con, self._table, self.armed = con, table, False

    def execute(self, sql, *args):
        if self.armed and self._table and sql.lstrip().startswith("INSERT") and f" {self._table} " in sql:
            raise duckdb.IOException("Could not write file: No space left on device")
        return self._con.execute(sql, *args)

    def commit(self):
        if self.armed and not self._table:
            self._con.rollback()  # as DuckDB does: a commit that fails aborts the transaction
            raise duckdb.TransactionException("Failed to commit: could not write to the WAL: No space left on device")
        return self._con.commit()

    def __getattr__(self, name):
        return getattr(self._con, name)


def test_duckdb_write_error_is_a_store_error_and_the_batch_rolls_back(tmp_path, corpus, expected):
    with Store.open(tmp_path / "io.duckdb") as store:
        failing = store._con = _FailingConnection(store._con, "events")
        seen = {}

        def arm(stats):
            seen.setdefault("tables", snapshot(store))
            failing.armed = True

        with pytest.raises(StoreError) as raised:
            run_local(store, [corpus], batch_size=BATCH, on_batch=arm)
        assert "No space left on device" in str(raised.value) and "rolled back" in str(raised.value)
        assert snapshot(store) == seen["tables"]
        failing.armed = False
        run_local(store, [corpus], batch_size=BATCH)
        assert snapshot(store) == expected


def test_a_failing_commit_is_a_store_error_and_the_batch_rolls_back(tmp_path, corpus, expected):
    with Store.open(tmp_path / "commit.duckdb") as store:
        failing = store._con = _FailingConnection(store._con)
        seen = {}

        def arm(stats):
            seen.setdefault("tables", snapshot(store))
            failing.armed = True

        with pytest.raises(StoreError):
            run_local(store, [corpus], batch_size=BATCH, on_batch=arm)
        failing.armed = False
        assert snapshot(store) == seen["tables"]
        run_local(store, [corpus], batch_size=BATCH)
        assert snapshot(store) == expected


# -- a read-only store ------------------------------------------------------------------------------
#: root ignores file modes; without these two capabilities the modes bind it too
_DROP_DAC = ["setpriv", "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]


def _without_root_powers(args: list[str]) -> subprocess.CompletedProcess:
    """``sitrep ARGS`` in a subprocess for which file permissions hold, even when we are root."""
    prefix = []
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root and setpriv (util-linux) is missing: cannot make a file read-only for root")
        prefix = _DROP_DAC
    command = [*prefix, sys.executable, "-m", "sitrep", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.fixture
def stored(tmp_path) -> tuple[Path, Path]:
    corpus = write_corpus(tmp_path / "corpus")
    db = tmp_path / "store" / "store.duckdb"
    db.parent.mkdir()
    with Store.open(db) as store:
        run_local(store, [corpus / "01-kabul.txt"])
    return corpus, db


def _store_line(done: subprocess.CompletedProcess, db: Path) -> str:
    """The run's last stderr line (after any progress line) is the error, naming the store."""
    lines = done.stderr.strip().splitlines()
    assert "Traceback" not in done.stderr and lines, done.stderr
    assert lines[-1].startswith(f"sitrep: {db}: "), lines
    return lines[-1]


def test_a_read_only_store_file_is_a_clear_store_error(stored):
    corpus, db = stored
    db.chmod(0o444)
    done = _without_root_powers(["run", str(corpus), "--db", str(db)])
    assert done.returncode == StoreError.exit_code, done.stderr
    assert "cannot open the store" in _store_line(done, db)
    listed = _without_root_powers(["failures", "--db", str(db)])  # reading still works
    assert listed.returncode == 0, listed.stderr


def test_a_store_in_a_read_only_folder_is_a_clear_store_error(stored):
    corpus, db = stored
    db.chmod(0o666)
    db.parent.chmod(0o555)  # the file is writable, but DuckDB cannot create its write-ahead log
    try:
        done = _without_root_powers(["run", str(corpus), "--db", str(db)])
    finally:
        db.parent.chmod(0o755)
    assert done.returncode == StoreError.exit_code, done.stderr
    _store_line(done, db)


# -- kill -9 at many points -------------------------------------------------------------------------
class _KillingExtractor(FakeExtractor):
    """Kills its own process (SIGKILL, no cleanup) when it reaches the ``at``-th document."""

    def __init__(self, at: int):
        super().__init__()
        self.at, self.done = at, 0

    def extract_raw(self, raw):
        self.done += 1
        if self.done == self.at:
            os.kill(os.getpid(), signal.SIGKILL)
        return super().extract_raw(raw)


def _killed_child(db: str, corpus: str, where: str, at: int) -> None:
    """Run by the kill test in a subprocess: a run that SIGKILLs itself at document or write ``at``."""
    extractor = FakeExtractor()
    if where == "extract":
        extractor = _KillingExtractor(at)
    else:
        real, writes = Store._insert, [0]

        def insert(store, *args, **kwargs):  # the at-th bulk write: inside a batch's transaction
            writes[0] += 1
            if writes[0] == at:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(store, *args, **kwargs)

        Store._insert = insert
    with Store.open(db) as store:
        run_local(store, [corpus], extractor=extractor, batch_size=BATCH)


#: (where, at): before the k-th document is extracted, or at the j-th bulk write of a transaction
KILL_POINTS = [("extract", 1), ("extract", 6), ("extract", 12), ("extract", 19), ("extract", 24),
               ("write", 1), ("write", 4), ("write", 11), ("write", 23), ("write", 40)]  # fmt: skip


def test_kill_9_at_many_points_then_resume_gives_the_uninterrupted_store(tmp_path, corpus, expected):
    for where, at in KILL_POINTS:
        db = tmp_path / f"killed-{where}-{at}.duckdb"
        code = (f"import sys; sys.path.insert(0, {str(TESTS)!r}); import test_faults; "
                f"test_faults._killed_child({str(db)!r}, {str(corpus)!r}, {where!r}, {at})")  # fmt: skip
        child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
        assert child.returncode == -signal.SIGKILL, (where, at, child.stderr[-2000:])
        with Store.open(db) as store:
            assert len(store.done_inputs()) % BATCH == 0, (where, at)  # whole batches or nothing
            run_local(store, [corpus], batch_size=BATCH)
            assert snapshot(store) == expected, (where, at)


# -- a Dask worker dies ------------------------------------------------------------------------------
class _WorkerKiller(FakeExtractor):
    """On a Dask worker: the first worker to meet ``victim`` kills its own process."""

    def __init__(self, marker: str, victim: str):
        super().__init__()
        self.marker, self.victim = marker, victim

    def extract_raw(self, raw):
        if raw.input.endswith(self.victim):
            try:
                os.close(os.open(self.marker, os.O_CREAT | os.O_EXCL))  # exactly one worker dies, once
            except FileExistsError:
                pass
            else:
                os.kill(os.getpid(), signal.SIGKILL)
        return super().extract_raw(raw)


@pytest.mark.slow
def test_a_dask_worker_killed_mid_run_loses_and_doubles_nothing(tmp_path, corpus):
    from sitrep.runner import run
    from sitrep.scale import DaskProcessor, open_client

    with Store.open(":memory:") as local:
        run_local(local, [corpus], batch_size=5)
        expected = snapshot(local)
    marker = tmp_path / "worker-killed"
    factory = functools.partial(_WorkerKiller, str(marker), "03-frontier.txt")
    with open_client(workers=2) as client, Store.open(":memory:") as store:
        processor = DaskProcessor(client, factory, ingest_options=INGEST, parse=fake_parse)
        stats = run([str(corpus)], sink=store, processor=processor, batch_size=5)
        assert marker.exists(), "no worker was killed: the test proved nothing"
        assert (stats.seen, stats.stored, stats.duplicates, stats.failed) == (25, 21, 1, 3)
        assert not [f for f in store.failures() if f.stage == "scale"]
        assert snapshot(store) == expected
