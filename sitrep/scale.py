"""Scale-out with Dask: batches extracted on workers, stored by the one writer (the client).

* ``--workers N`` starts a ``LocalCluster`` of N single-threaded worker processes;
  ``--scheduler tcp://HOST:PORT`` connects to a running cluster instead.
* A batch (one transaction of the store) goes out in tasks of at most ``task_size`` articles
  (a task costs ~1.6 ms of scheduling, an article ~50 ms; small tasks keep the workers evenly
  loaded to the end of a run), a bounded number in flight, and comes back in submission
  order, so fusion sees articles in the same order as a local run and resumes stay
  deterministic.
* Each worker builds its extractor once (:class:`ExtractorPlugin`), from a picklable
  factory, e.g. ``functools.partial(sitrep.runner.build_extractor, options)``.
"""

from __future__ import annotations

import logging
from collections import deque
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, Optional

import dask
from distributed import Client, LocalCluster, WorkerPlugin, get_worker

from .errors import UsageError
from .options import IngestOptions
from .runner import Batch, Output, Parse, process_items
from .store import Failure

__all__ = ["ExtractorPlugin", "DaskProcessor", "open_client"]

log = logging.getLogger(__name__)

_PLUGIN = "sitrep-extractor"
#: articles per Dask task
TASK_SIZE = 32
#: Dask's statistical profiler samples each worker's stacks every 10 ms for a dashboard sitrep
#: does not start: off, it saved ~5% of a worker's CPU per article (bench/bench_run.py).
_PROFILER = "distributed.worker.profile.enabled"


class ExtractorPlugin(WorkerPlugin):
    """Builds the extractor once per worker process, when the worker starts (or joins)."""

    name = _PLUGIN

    def __init__(self, factory: Callable[[], object]):
        self.factory = factory
        self.extractor = None

    def setup(self, worker) -> None:
        self.extractor = self.factory()


def _process_on_worker(items, ingest_options: IngestOptions, parse: Optional[Parse]) -> list[Output]:
    extractor = get_worker().plugins[_PLUGIN].extractor
    return process_items(items, extractor, ingest_options=ingest_options, parse=parse)


class DaskProcessor:
    """Processes batches on a Dask cluster; results come back in submission order."""

    def __init__(self, client: Client, factory: Callable[[], object], *, ingest_options: IngestOptions,
                 parse: Optional[Parse] = None, in_flight: Optional[int] = None, task_size: int = TASK_SIZE):
        self.client = client
        self.task_size = task_size
        self.ingest_options = ingest_options
        self.parse = parse
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        # two tasks per worker keep every worker busy while the client stores
        self.in_flight = in_flight or 2 * workers
        client.register_plugin(ExtractorPlugin(factory), name=_PLUGIN)

    def map(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[Output]]]:
        pending: deque = deque()  # (batch, its tasks), in submission order
        in_flight = 0
        for batch in batches:
            size = self.task_size
            tasks = [self._submit(batch.items[i : i + size]) for i in range(0, len(batch.items), size)]
            pending.append((batch, tasks))
            in_flight += len(tasks)
            while len(pending) > 1 and in_flight - len(pending[0][1]) >= self.in_flight:
                done, tasks = pending.popleft()
                in_flight -= len(tasks)
                yield done, self._collect(done, tasks)
        while pending:
            done, tasks = pending.popleft()
            yield done, self._collect(done, tasks)

    def _submit(self, items: list) -> tuple[list, object]:
        return items, self.client.submit(_process_on_worker, items, self.ingest_options, self.parse, pure=False)

    @staticmethod
    def _collect(batch: Batch, tasks: list) -> list[Output]:
        outputs: list[Output] = []
        for items, future in tasks:
            try:
                outputs.extend(future.result())
            except Exception as err:  # a worker died or the task broke: its inputs are recorded, the run goes on
                log.error("a task of batch %d failed on the cluster: %s", batch.number, err)
                reason = f"worker failed: {type(err).__name__}: {err}"
                outputs.extend(Failure(item.input, "scale", reason) for item in items)
        return outputs


@contextmanager
def open_client(*, workers: Optional[int] = None, scheduler: Optional[str] = None) -> Iterator[Client]:
    """A client of a new local cluster (``workers``) or of the cluster at ``scheduler``."""
    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except OSError as err:
            hint = "check the address, e.g. tcp://10.0.0.5:8786, and that the scheduler runs"
            raise UsageError(f"cannot reach the Dask scheduler: {err}", input=scheduler, hint=hint) from err
        with client:
            yield client
        return
    # one thread per worker: spaCy pipelines are not shared between threads, and each
    # process then holds exactly one model (~640 MB)
    with dask.config.set({_PROFILER: False}), LocalCluster(
        n_workers=workers or 2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        with Client(cluster) as client:
            yield client
