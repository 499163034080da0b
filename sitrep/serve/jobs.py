"""Submitted articles → the store, in one background writer thread.

While ``sitrep serve`` runs it owns the store: DuckDB allows one writer per file, and
this thread is it. Each submission is a job; the thread takes jobs in order, extracts
them with the same code as ``sitrep run`` (:func:`sitrep.runner.process_items`), and saves
each job in one transaction (documents, fusion, failures), so readers see a job whole or
not at all. The extractor (the spaCy model and the gazetteer) is built on the first job,
so a server that only browses never loads it.
"""

from __future__ import annotations

import dataclasses
import logging
import queue
import threading
import uuid
from typing import Callable, Optional

from ..errors import SitrepError
from ..ingest.corpus import CorpusItem
from ..options import IngestOptions
from ..runner import process_items
from ..store import Failure, Store
from .schemas import ArticleIn, Job

__all__ = ["Writer", "QueueFull"]

log = logging.getLogger(__name__)

#: finished jobs kept for ``GET /api/jobs/{id}``; the oldest are forgotten first
_KEPT_JOBS = 1000


class QueueFull(Exception):
    """More submissions are waiting than the writer accepts; the client should retry later."""


class Writer:
    """The store's one writer: a thread extracting and saving submitted articles."""

    def __init__(
        self,
        store: Store,
        extractor_factory: Callable[[], object],
        *,
        ingest_options: IngestOptions,
        max_queued: int = 100,
    ):
        self._store = store
        self._factory = extractor_factory
        self._extractor = None
        self._ingest = ingest_options
        self._queue: queue.Queue = queue.Queue(maxsize=max_queued)
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        #: how many batches were saved: readers drop their caches when it moves
        self.generation = 0
        self._thread = threading.Thread(target=self._loop, name="sitrep-writer", daemon=True)
        self._thread.start()

    def submit(self, articles: list[ArticleIn]) -> Job:
        """Queue ``articles`` as one job; raises :class:`QueueFull` when the queue is full."""
        job = Job(id=uuid.uuid4().hex[:12], state="queued", submitted=len(articles))
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old()
        try:
            self._queue.put_nowait((job.id, articles))
        except queue.Full:
            with self._lock:
                del self._jobs[job.id]
            raise QueueFull(f"{self._queue.maxsize} submissions are waiting") from None
        return job.model_copy()

    def job(self, job_id: str) -> Optional[Job]:
        with self._lock:
            job = self._jobs.get(job_id)
            return job.model_copy() if job else None

    def wait(self, timeout: Optional[float] = None) -> bool:
        """Block until every queued job is done (for tests and a clean shutdown)."""
        done = threading.Event()
        waiter = threading.Thread(target=lambda: (self._queue.join(), done.set()), daemon=True)
        waiter.start()
        return done.wait(timeout)

    def close(self, timeout: float = 30.0) -> None:
        """Finish the queued jobs (up to ``timeout`` seconds) and stop the thread."""
        self._queue.put(None)
        self._thread.join(timeout)
        if self._thread.is_alive():
            log.warning("the writer still runs after %.0f s; unsaved jobs are lost", timeout)

    # -- the thread --------------------------------------------------------------------------
    def _loop(self) -> None:
        while True:
            task = self._queue.get()
            try:
                if task is None:
                    return
                self._run(*task)
            finally:
                self._queue.task_done()

    def _run(self, job_id: str, articles: list[ArticleIn]) -> None:
        self._update(job_id, state="running")
        try:
            if self._extractor is None:
                self._extractor = self._factory()
            items = [_item(job_id, n, article) for n, article in enumerate(articles, 1)]
            overrides = {item.input: a for item, a in zip(items, articles)}
            run_id = self._store.begin_run([f"api job {job_id}"])
            outputs = process_items(items, self._extractor, ingest_options=self._ingest, parse=_parser(overrides))
            results = [o for o in outputs if not isinstance(o, Failure)]
            failures = [o for o in outputs if isinstance(o, Failure)]
            saved = self._store.save(results, failures, run_id=run_id)
            self.generation += 1
            self._store.finish_run(run_id, seen=len(items), stored=saved.stored, duplicates=saved.duplicates,
                                   failed=saved.failed)  # fmt: skip
        except SitrepError as err:
            log.warning("job %s failed: %s", job_id, err)
            self._update(job_id, state="failed", error=str(err))
            return
        except Exception as err:  # a bug must not kill the writer: the next job still runs
            log.exception("job %s failed", job_id)
            self._update(job_id, state="failed", error=f"internal error: {type(err).__name__}: {err}")
            return
        self._update(
            job_id, state="done", stored=saved.stored, duplicates=saved.duplicates, failed=saved.failed,
            documents=[r.document.id for r in results], failures=[f"{f.input}: {f.reason}" for f in failures],
        )  # fmt: skip

    def _update(self, job_id: str, **changes) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is not None:
                self._jobs[job_id] = job.model_copy(update=changes)

    def _forget_old(self) -> None:
        finished = [j for j in self._jobs.values() if j.state in ("done", "failed")]
        for job in finished[: max(0, len(self._jobs) - _KEPT_JOBS)]:
            del self._jobs[job.id]


def _item(job_id: str, number: int, article: ArticleIn) -> CorpusItem:
    name = article.name or f"api/{job_id}/{number}"
    data = article.content.encode("utf-8")
    return CorpusItem(input=name, data=data, format=article.format, url=article.url, published=article.published)


def _parser(overrides: dict[str, ArticleIn]):
    """``parse_bytes``, then the title, outlet and date the client gave win over what the page says."""
    from ..ingest import parse_bytes

    def parse(data: bytes, *, input: str, **kwargs):
        raw = parse_bytes(data, input=input, **kwargs)
        given = overrides.get(input)
        if given is None:
            return raw
        pairs = (("title", given.title), ("source", given.source), ("published", given.published))
        changes = {k: v for k, v in pairs if v}
        return dataclasses.replace(raw, **changes) if changes else raw

    return parse
