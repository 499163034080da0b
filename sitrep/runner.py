"""``sitrep run``: a corpus in, a store out; resumable, idempotent, failures recorded.

The loop, in order:

    1. what is done: inputs stored or recorded as failed are skipped (unless retrying);
    2. walk the corpus (``sitrep.ingest.corpus``) into batches of ``batch_size`` items;
    3. process each batch (parse → extract) here, or on Dask workers (``sitrep.scale``);
    4. save each batch in one transaction: documents, fusion, failures. One writer thread
       saves batch N while batch N+1 is processed (the store's own work, in DuckDB, runs
       without holding the GIL); saves keep the walk's order, one at a time.

A batch is stored whole or not at all, and inputs are walked in a fixed order, so a run
killed at any point and run again ends with the same store as an uninterrupted run.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import Callable, Iterable, Iterator, Optional, Protocol, Sequence, Union

from .errors import SitrepError
from .ingest.corpus import CorpusItem, walk
from .options import IngestOptions, Options
from .records import Result
from .store import Failure, Saved

__all__ = [
    "BATCH_SIZE",
    "Batch",
    "RunStats",
    "Sink",
    "Processor",
    "LocalProcessor",
    "process_items",
    "build_extractor",
    "run",
]

log = logging.getLogger(__name__)

Output = Union[Result, Failure]

#: inputs per batch: one transaction of the store. A save costs ~60 ms whatever its size (ten
#: statements and a commit), so 128 articles spread it four times thinner than 32 did; a killed
#: run redoes at most one batch (~8 s of one process's work).
BATCH_SIZE = 128


@dataclass
class Batch:
    """Items to process, plus the inputs that failed already while walking."""

    number: int
    items: list[CorpusItem]
    failures: list[Failure]


@dataclass
class RunStats:
    """Counts so far; ``rate`` is articles (inputs processed) per second."""

    run_id: Optional[int] = None
    seen: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    events: int = 0
    fused: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def rate(self) -> float:
        return self.seen / self.elapsed if self.elapsed > 0 else 0.0

    def add(self, saved: Saved) -> None:
        self.seen += saved.stored + saved.duplicates + saved.failed
        self.stored += saved.stored
        self.duplicates += saved.duplicates
        self.failed += saved.failed
        self.events += saved.events
        self.fused += saved.fused


class Sink(Protocol):
    """Where a run's results go: :class:`~sitrep.store.Store` or :class:`~sitrep.sink.ParquetSink`."""

    def begin_run(self, paths: Iterable[str]) -> int: ...
    def finish_run(self, run_id: int, *, seen: int, stored: int, duplicates: int, failed: int) -> None: ...
    def done_inputs(self, *, include_failed: bool = True) -> set[str]: ...
    def save(
        self, results: Sequence[Result], failures: Sequence[Failure] = (), *, run_id: Optional[int] = None
    ) -> Saved: ...


class Processor(Protocol):
    """Turns batches into outputs (one per item, in order), yielding batches in the order given."""

    def map(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[Output]]]: ...


def build_extractor(options: Options):
    """The real per-article :class:`~sitrep.pipeline.Extractor` (loads the model once).

    Called once by each process that extracts (``sitrep run``, a Dask worker). The model and
    lexicons are millions of objects that live as long as the process, so they are moved out of
    the garbage collector's sight (:func:`gc.freeze`), and the youngest generation is collected
    less often: each article makes and drops many small objects, and the default 700-allocation
    trigger spent ~1 ms an article walking them (``gc.callbacks``, 400 articles).
    """
    from .pipeline import Extractor  # the spaCy stack is heavy: only processes that extract import it

    extractor = Extractor(options)
    gc.collect()
    gc.freeze()
    gc.set_threshold(_YOUNG_OBJECTS, *gc.get_threshold()[1:])
    return extractor


#: allocations between two collections of the youngest generation (Python's default: 700)
_YOUNG_OBJECTS = 10_000


Parse = Callable[..., object]


def _default_parse() -> Parse:
    from .ingest import parse_bytes  # trafilatura & co.: imported where parsing happens (a Dask worker)

    return parse_bytes


def process_items(
    items: Sequence[CorpusItem], extractor, *, ingest_options: IngestOptions, parse: Optional[Parse] = None
) -> list[Output]:
    """Parse and extract ``items``: one Result or Failure per item, in order."""
    parse = parse or _default_parse()
    outputs: list[Optional[Output]] = [None] * len(items)
    raws = []
    for i, item in enumerate(items):
        try:
            raw = parse(item.data, input=item.input, options=ingest_options, format=item.format, url=item.url)
        except SitrepError as err:
            outputs[i] = Failure.of(err, item.input)
            continue
        if item.published and raw.published is None:  # the feed or JSON line knew the date; the page did not
            raw = dataclasses.replace(raw, published=item.published)
        raws.append((i, raw))
    extracted = _extract_all(extractor, [raw for _, raw in raws])
    for (i, raw), out in zip(raws, extracted):
        outputs[i] = Failure.of(out, items[i].input) if isinstance(out, SitrepError) else out
    return outputs  # type: ignore[return-value]


def _extract_all(extractor, raws: list) -> list:
    """``extract_many`` over ``raws``; if it breaks on a bug, the rest go one by one."""
    done: list = []
    try:
        for out in extractor.extract_many(raws):
            done.append(out)
        return done
    except Exception:  # not a SitrepError (those are yielded): a bug must not sink the batch
        log.exception("batch extraction failed after %d of %d documents; going on one by one", len(done), len(raws))
    for raw in raws[len(done):]:
        try:
            done.append(extractor.extract_raw(raw))
        except SitrepError as err:
            done.append(err)
        except Exception as err:  # a bug in one article: recorded, and the batch goes on
            log.exception("internal error on %s", raw.input)
            reason = f"internal error: {type(err).__name__}: {err} (please report it)"
            done.append(Failure(raw.input, "extract", reason))
    return done


class LocalProcessor:
    """Processes batches in this process with one injected extractor."""

    def __init__(self, extractor, *, ingest_options: IngestOptions, parse: Optional[Parse] = None):
        self.extractor = extractor
        self.ingest_options = ingest_options
        self.parse = parse

    def map(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[Output]]]:
        for batch in batches:
            outputs = process_items(batch.items, self.extractor, ingest_options=self.ingest_options, parse=self.parse)
            yield batch, outputs


def _batches(walked: Iterator, size: int) -> Iterator[Batch]:
    """Group walked items into batches of ``size`` items (walk errors ride along)."""
    number = 0
    while True:
        chunk = list(islice(walked, size))
        if not chunk:
            return
        number += 1
        items = [w for w in chunk if isinstance(w, CorpusItem)]
        failures = [Failure.of(w, w.input or "?") for w in chunk if isinstance(w, SitrepError)]
        yield Batch(number, items, failures)


def _unique(walked: Iterable, seen: set[str]) -> Iterator:
    """Drop inputs already met in this run (a file named twice, a folder and a glob overlapping)."""
    for item in walked:
        name = item.input or ""
        if name not in seen:
            seen.add(name)
            yield item


def run(
    paths: Sequence[str],
    *,
    sink: Sink,
    processor: Processor,
    batch_size: int = BATCH_SIZE,
    retry_failed: bool = False,
    max_bytes: Optional[int] = None,
    on_batch: Optional[Callable[[RunStats], None]] = None,
) -> RunStats:
    """Run the corpus under ``paths`` into ``sink``; returns the counts."""
    stats = RunStats()
    # 1. what is done already
    done = sink.done_inputs(include_failed=not retry_failed)
    stats.run_id = sink.begin_run(paths)
    # 2. walk, skipping what is done, in batches
    walked = _unique(walk(paths, skip=done, max_bytes=max_bytes), set())
    # 3. process (here or on workers) while 4. a writer thread saves the batch before, in one transaction
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sitrep-store") as writer:
        saving: Optional[tuple[Batch, Future]] = None
        for batch, outputs in processor.map(_batches(walked, batch_size)):
            results = [o for o in outputs if isinstance(o, Result)]
            failures = batch.failures + [o for o in outputs if isinstance(o, Failure)]
            if saving is not None:
                _saved(stats, *saving, on_batch)
            saving = (batch, writer.submit(sink.save, results, failures, run_id=stats.run_id))
        if saving is not None:
            _saved(stats, *saving, on_batch)
    counts = dict(seen=stats.seen, stored=stats.stored, duplicates=stats.duplicates, failed=stats.failed)
    sink.finish_run(stats.run_id, **counts)
    return stats


def _saved(stats: RunStats, batch: Batch, saving: Future, on_batch: Optional[Callable[[RunStats], None]]) -> None:
    """Wait for a batch's save (its error, a full disk, is raised here) and count it."""
    saved = saving.result()
    stats.add(saved)
    log.info("batch %d: %d stored, %d failed", batch.number, saved.stored + saved.duplicates, saved.failed)
    if on_batch:
        on_batch(stats)
