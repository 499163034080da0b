"""Parquet output for ``sitrep run --output parquet DIR``: the store's batches as files.

The same document-level rows as :class:`sitrep.store.Store` writes, one Parquet file per
table and batch; fusion needs the store, so it is not done here.
"""

from __future__ import annotations

import json
import logging
import os
import uuid
from pathlib import Path
from typing import Iterable, Optional, Sequence

import duckdb

from .errors import StoreError
from .fuse import views_from_result
from .records import Result
from .store import _DOC_TABLES, _READ_JSON, Failure, Saved, _failure_row, _result_rows

__all__ = ["ParquetSink"]

log = logging.getLogger(__name__)


class ParquetSink:
    """Writes each batch as Parquet files under ``root``: ``<table>/part-<run>-<batch>.parquet``.

    Document-level tables only (fusion needs the store). Each file is written under a
    temporary name and renamed, and ``inputs/`` is written last, so a killed run leaves no
    half file and re-processes exactly the batch it was in.
    """

    _TABLES = ("documents", *_DOC_TABLES)

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self._con = duckdb.connect()
        self._batch = 0
        self._run = uuid.uuid4().hex[:8]
        try:
            for table in (*self._TABLES, "inputs", "failures"):
                (self.root / table).mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(f"cannot create the output folder: {err.strerror}", input=str(root)) from err
        self._docs = self._column("documents", "id")

    def begin_run(self, paths: Iterable[str]) -> int:
        return 0

    def close(self) -> None:
        self._con.close()

    def finish_run(self, run_id: int, **counts: int) -> None:
        log.info("parquet run %s finished: %s", self._run, counts)

    def done_inputs(self, *, include_failed: bool = True) -> set[str]:
        done = self._column("inputs", "input")
        return done | self._column("failures", "input") if include_failed else done

    def save(
        self, results: Sequence[Result], failures: Sequence[Failure] = (), *, run_id: Optional[int] = None
    ) -> Saved:
        self._batch += 1
        fresh = []
        for result in results:
            if result.document.id not in self._docs:
                self._docs.add(result.document.id)
                fresh.append(result)
        rows: dict[str, list[dict]] = {table: [] for table in self._TABLES}
        for result in fresh:
            for table, table_rows in _result_rows(result).items():
                rows[table].extend(table_rows)
        rows["failures"] = [_failure_row(f, run_id) for f in failures]
        rows["inputs"] = [{"input": r.input, "doc_id": r.document.id, "run_id": run_id} for r in results]
        for table, table_rows in rows.items():  # dicts keep order: inputs/ last
            self._write(table, table_rows)
        events = sum(len(views_from_result(r)) for r in fresh)
        duplicates = len(results) - len(fresh)
        return Saved(stored=len(fresh), duplicates=duplicates, events=events, fused=0, failed=len(failures))

    def _write(self, table: str, rows: list[dict]) -> None:
        if not rows:
            return
        final = self.root / table / f"part-{self._run}-{self._batch:06d}.parquet"
        staging = final.with_suffix(".jsonl.tmp")
        with staging.open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(row, ensure_ascii=False, default=str) + "\n" for row in rows)
        partial = final.with_suffix(".parquet.tmp")
        target = str(partial).replace("'", "''")  # COPY takes no parameter for its target
        self._con.execute(f"COPY (SELECT * FROM {_READ_JSON[table]}) TO '{target}' (FORMAT parquet)", [str(staging)])
        os.replace(partial, final)
        staging.unlink()

    def _column(self, table: str, column: str) -> set[str]:
        files = sorted(str(p) for p in (self.root / table).glob("*.parquet"))
        if not files:
            return set()
        sql = f'SELECT DISTINCT "{column}" FROM read_parquet(?::VARCHAR[])'
        return {row[0] for row in self._con.execute(sql, [files]).fetchall()}
