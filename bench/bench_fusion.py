"""Benchmark fusion: quality against known clusters, and time per new article as the store grows.

Two measurements, both on records generated here (no NLP), through the real ``Store.save``:

* **quality** — incidents from ``make_corpus`` are reported by one to five outlets; each report
  becomes the :class:`~sitrep.records.Result` an extractor could have produced, with the noise
  real reports carry (another event type of the same family, a day off, week or month
  precision, a nearby village or the province instead of the town, one actor or none named,
  different tolls). Pairwise precision / recall / F1 of the fused events against the incidents,
  over pairs of document events. Siblings (same sides, same town next day; same day, another
  town) are in the data, so precision is tested, not assumed.
* **curve** — a store grown to 100k fused events at a constant rate of incidents per day (a
  long-running dataset, not one month crammed with 100k events: the events a new report can
  match are those of its country and days, and their number is set by the news, not by the
  store's age), copied at 1k, 3k, 10k, 30k and 100k. On each copy, new articles at its
  frontier (half new reports of recent incidents, half new incidents, the same sample at
  every size) are saved one at a time and in batches of 32, the sizes taking turns so that
  the machine's load falls on all alike; wall clock and this process's CPU time are kept.

``store_quality`` scores a store built by ``sitrep run`` over a ``make_corpus`` corpus against
its ``truth.json`` (``bench_run.py`` calls it). Writes ``bench/results/fusion.json``, then
``run.md``.

Usage: ``python bench/bench_fusion.py [--sizes 1000,3000,10000,30000,100000] [--probes 60]
[--store DB --truth truth.json]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import math
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from make_corpus import (  # noqa: E402
    KINDS, THEATRES, Incident, make_incidents, new_incident, outlet_count, plan_reports, truth_actors,
)  # fmt: skip
from sitrep.records import Actor, Claim, Document, Event, Place, Result  # noqa: E402

__all__ = ["pairwise", "why_apart", "store_quality", "report_result", "records_quality", "fusion_curve", "main"]

_FAMILY_SWAP = {"Battles": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
                "Explosions/Remote violence": ("Battles", "Armed clash")}  # fmt: skip


# -- scoring ---------------------------------------------------------------------------------
def _pairs(groups: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    return {pair for group in groups for pair in itertools.combinations(sorted(set(group)), 2)}


def pairwise(truth: Iterable[Iterable[str]], predicted: Iterable[Iterable[str]]) -> dict:
    """Pairwise precision, recall and F1 of ``predicted`` clusters against ``truth`` clusters."""
    true, found = _pairs(truth), _pairs(predicted)
    hits = len(true & found)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(true) if true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "true_pairs": len(true), "predicted_pairs": len(found), "correct_pairs": hits}  # fmt: skip


#: What a view needs from another to match it, in the order fusion checks them (``sitrep.fuse.score``).
_CRITERIA = (
    ("event type family", ("event_type", "sub_event_type")),
    ("date", ("date", "date_precision")),
    ("actors", ("actor1", "actor2", "associated_actors")),
    ("place", ("place", "lat", "lon", "geo_precision", "country")),
)


def why_apart(a, b) -> str:
    """The first fusion criterion that keeps view ``a`` out of an event founded by view ``b``.

    Found by giving ``a`` the values of ``b`` one criterion at a time until ``score`` accepts
    it; "merge order" when it accepts them as they are (another event won ``a``, or ``b`` joined
    an event whose combined date or place ``a`` does not fit).
    """
    from sitrep.fuse import FusedEvent, score

    if a.date is None or a.country is None or b.date is None or b.country is None:
        return "no date or country"
    event = FusedEvent.of([b])
    if score(a, event) is not None:
        return "merge order"
    for name, fields in _CRITERIA:
        a = a.model_copy(update={f: getattr(b, f) for f in fields})
        if score(a, event) is not None:
            return name
    return "other"


def _closest_reason(views_a: list, views_b: list) -> str:
    """Over every pair of views of two articles, the reason of the pair closest to merging."""
    if not views_a or not views_b:
        return "no event extracted"
    order = ["merge order"] + [name for name, _ in reversed(_CRITERIA)] + ["no date or country", "other"]
    reasons = [why_apart(a, b) for a in views_a for b in views_b]
    return min(reasons, key=order.index)


def _missed(true_groups: Iterable[Iterable[str]], found_groups: Iterable[Iterable[str]], views: dict, *,
            limit: int = 2000) -> dict[str, int]:  # fmt: skip
    """Missed pairs counted by why they stayed apart; ``views`` maps an item to its fusion views."""
    missed = sorted(_pairs(true_groups) - _pairs(found_groups))[:limit]
    counts: dict[str, int] = {}
    for x, y in missed:
        reason = _closest_reason(views.get(x, []), views.get(y, []))
        counts[reason] = counts.get(reason, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1]))


def store_quality(db: Path | str, truth: dict) -> dict:
    """Article-pair scores of a store built over a ``make_corpus`` corpus: same incident ↔ same fused event."""
    from sitrep.fuse import views_from_result
    from sitrep.store import Store

    with Store.open(db, read_only=True) as store:
        names = {doc: Path(path).name for path, doc, _ in store.table("inputs")}
        links = store.table("event_documents")
        views = {names[d]: views_from_result(store.load_result(d)) for d in store.document_ids()}
    fused: dict[str, set[str]] = {}
    for fused_id, _, _, doc_id in links:
        fused.setdefault(fused_id, set()).add(names[doc_id])
    with_events = set().union(*fused.values()) if fused else set()
    incidents = [set(i["articles"]) for i in truth["incidents"]]
    scores = pairwise(incidents, fused.values())
    reachable = pairwise([g & with_events for g in incidents], fused.values())
    return {
        **scores,
        "articles_with_events": len(with_events),
        "articles": len(truth["articles"]),
        "recall_among_articles_with_events": reachable["recall"],
        "fused_events": len(fused),
        "incidents": len(incidents),
        "missed_pairs_by_reason": _missed(incidents, fused.values(), views),
        "note": "article pairs; end to end (extraction + fusion) over the generated corpus",
    }


# -- records an extractor could have produced --------------------------------------------------
def _stable(text: str) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16)


def _offset(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    dlat = km / 111.0 * math.cos(bearing)
    dlon = km / (111.0 * max(0.2, math.cos(math.radians(lat)))) * math.sin(bearing)
    return round(lat + dlat, 4), round(lon + dlon, 4)


def _place(incident: Incident, rng: random.Random) -> Place:
    """The town (70%), a village near it (15%) or its province (15%), as a geoparser returns them."""
    name, lat, lon = incident.town
    country = incident.theatre.country
    draw = rng.random()
    if draw < 0.70:
        return Place(id=f"gn:{_stable(name)}", name=name, country=country, feature="city", lat=lat, lon=lon,
                     geo_precision=1)  # fmt: skip
    if draw < 0.85:
        # one of three villages 4–12 km out, fixed per town: outlets name the same ones
        village = rng.randrange(3)
        seed = _stable(f"{name}/{village}")
        vlat, vlon = _offset(lat, lon, 4 + seed % 9, (seed % 360) * math.pi / 180)
        return Place(id=f"gn:{seed}", name=f"{name} village {village}", country=country, feature="city",
                     lat=vlat, lon=vlon, geo_precision=2)  # fmt: skip
    seed = _stable(f"{name}/province")
    plat, plon = _offset(lat, lon, 30 + seed % 60, (seed % 360) * math.pi / 180)
    return Place(id=f"adm1:{country}-{seed % 1000}", name=f"{name} province", country=country, feature="admin1",
                 lat=plat, lon=plon, geo_precision=3)  # fmt: skip


def _date(incident: Incident, rng: random.Random) -> tuple[dt.date, int]:
    """The date a report gives: mostly the day (1 in 20 a day off), else the week or the month."""
    draw = rng.random()
    if draw < 0.85:
        off = rng.choice((-1, 1)) if rng.random() < 0.05 else 0
        return incident.date + dt.timedelta(days=off), 1
    if draw < 0.95:
        monday = incident.date - dt.timedelta(days=incident.date.weekday())
        return monday + dt.timedelta(days=3), 2  # ACLED: mid-week date, time_precision 2
    return incident.date.replace(day=15), 3


def _actors(incident: Incident, rng: random.Random) -> list[Actor]:
    ids = truth_actors(incident)
    draw = rng.random()
    if draw >= 0.9:
        ids = []
    elif draw >= 0.7 and ids:
        ids = [rng.choice(ids)]
    return [Actor(id=a, name=a, kind="State forces" if a == incident.state.id else "Rebel group") for a in ids]


def _claims(incident: Incident, event_id: str, rng: random.Random, start: int) -> list[Claim]:
    if not incident.killed:
        return []
    figures = [max(0, incident.killed + rng.randint(-2, 4)) for _ in range(rng.randint(1, 3))]
    return [Claim(id=f"c{start + i}", kind="killed", low=f, high=f, event=event_id, sentence=f"{f} were killed.",
                  start=0, end=10) for i, f in enumerate(figures)]  # fmt: skip


def report_result(name: str, outlet: str, published: dt.date, incidents: list[Incident], rng: random.Random) -> Result:
    """One article's Result: an event per incident it reports, with realistic noise."""
    text = f"{name}: {outlet} reports " + "; ".join(f"{i.kind} in {i.town[0]} ({i.id})" for i in incidents)
    actors: dict[str, Actor] = {}
    places: dict[str, Place] = {}
    claims: list[Claim] = []
    events = []
    for number, incident in enumerate(incidents, 1):
        event_type, sub_event_type = KINDS[incident.kind]
        if event_type in _FAMILY_SWAP and rng.random() < 0.15:  # a clash one outlet calls shelling
            event_type, sub_event_type = _FAMILY_SWAP[event_type]
        date, precision = _date(incident, rng)
        place = _place(incident, rng)
        named = _actors(incident, rng)
        mine = _claims(incident, f"e{number}", rng, len(claims) + 1)
        places[place.id], claims = place, claims + mine
        actors.update((a.id, a) for a in named)
        events.append(Event(
            id=f"e{number}", event_type=event_type, sub_event_type=sub_event_type, date=date,
            date_precision=precision, actor1=named[0].id if named else None,
            actor2=named[1].id if len(named) > 1 else None, place=place.id,
            claims=[c.id for c in mine], confidence=round(rng.uniform(0.4, 0.9), 2),
        ))  # fmt: skip
    doc_id = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    document = Document(id=doc_id, title=text[:60], source=outlet, published=published, language="en", text=text)
    return Result(input=name, document=document, actors=list(actors.values()), places=list(places.values()),
                  claims=claims, events=events)  # fmt: skip


# -- quality on records ----------------------------------------------------------------------
def _vague(view) -> bool:
    return view.date_precision > 1 or view.geo_precision > 2


def _noisy_records(articles: int, seed: int) -> tuple[list[Result], dict[str, str]]:
    """Results for ``make_corpus``'s reports, and each document event's incident (``<doc>:e1`` → ``T…``)."""
    rng = random.Random(seed)
    truth: dict[str, str] = {}
    results = []
    for report in plan_reports(make_incidents(articles, rng), rng):
        incidents = [report.incident] + ([report.extra] if report.extra else [])
        result = report_result(report.name, report.outlet, report.published, incidents, rng)
        results.append(result)
        truth.update((f"{result.document.id}:e{n}", i.id) for n, i in enumerate(incidents, 1))
    return results, truth


def _group(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """``(key, item)`` pairs → key: items."""
    groups: dict[str, list[str]] = {}
    for key, item in pairs:
        groups.setdefault(key, []).append(item)
    return groups


def records_quality(articles: int, seed: int, *, batch_size: int = 32) -> dict:
    """Fuse noisy records of ``make_corpus``'s incidents through a store; pairwise scores over events."""
    from sitrep.fuse import views_from_result
    from sitrep.store import Store

    results, truth = _noisy_records(articles, seed)
    with Store.open(":memory:") as store:
        for i in range(0, len(results), batch_size):
            store.save(results[i:i + batch_size])
        predicted = _group((fused_id, event_id) for fused_id, _, event_id, _ in store.table("event_documents"))
    clusters = _group((incident, event) for event, incident in truth.items())
    views = {v.id: [v] for r in results for v in views_from_result(r)}
    scores = pairwise(clusters.values(), predicted.values())
    false = _pairs(predicted.values()) - _pairs(clusters.values())
    vague = sum(any(_vague(views[e][0]) for e in pair) for pair in false)
    scores["missed_pairs_by_reason"] = _missed(clusters.values(), predicted.values(), views)
    scores["false_pairs_with_a_vague_report"] = f"{vague} of {len(false)} (week/month date or province)"
    note = ("document-event pairs; records with 15% type swaps in family, 5% day-off dates, 15% week/month "
            "precision, 30% places as village or province, 30% one or no actor named")  # fmt: skip
    return {**scores, "events": len(truth), "fused_events": len(predicted), "incidents": len(clusters),
            "articles": len(results), "note": note}  # fmt: skip


# -- the curve -------------------------------------------------------------------------------
class _Growth:
    """An endless stream of reports: ``per_day`` incidents a day, each reported by 1–5 outlets."""

    def __init__(self, rng: random.Random, *, per_day: float, start: dt.date = dt.date(2015, 1, 1)):
        self.rng, self.per_day, self.start = rng, per_day, start
        self.count = 0
        self.recent: list[Incident] = []
        self.frontier = start

    def incident(self, date: Optional[dt.date] = None) -> Incident:
        """The next incident: on ``date``, or on the day the stream's rate has reached."""
        self.count += 1
        theatre = self.rng.choices(THEATRES, weights=[t.weight for t in THEATRES])[0]
        date = date or self.start + dt.timedelta(days=int(self.count / self.per_day))
        incident = new_incident(self.count, theatre, self.rng, date=date)
        self.frontier = max(self.frontier, date)
        self.recent = [i for i in self.recent[-500:] if (date - i.date).days <= 3] + [incident]
        return incident

    def report(self, incident: Incident, tag: str = "") -> Result:
        """A new outlet's report of ``incident``, published on the day or up to two days later."""
        published = incident.date + dt.timedelta(days=self.rng.choice((0, 1, 1, 2)))
        name = f"{tag}r{self.count}-{self.rng.getrandbits(40):x}"
        return report_result(name, f"Outlet {self.rng.randrange(40)}", published, [incident], self.rng)

    def batch(self, size: int) -> list[Result]:
        """At least ``size`` reports of the next incidents, all reports of an incident together."""
        results: list[Result] = []
        while len(results) < size:
            incident = self.incident()
            results += [self.report(incident) for _ in range(outlet_count(self.rng))]
        return results

    def probes(self, count: int, seed: int) -> list[Result]:
        """New articles at the frontier: half on recent incidents, half on new ones.

        The same ``seed`` gives the same countries, kinds and day offsets at every store size,
        so that what changes between two checkpoints is the store, not the sample.
        """
        rng, self.rng = self.rng, random.Random(seed)
        try:
            out = []
            for n in range(count):
                if n % 2 and self.recent:
                    incident = self.recent[-1 - self.rng.randrange(min(len(self.recent), 50))]
                else:
                    incident = self.incident(self.frontier - dt.timedelta(days=self.rng.randrange(3)))
                out.append(self.report(incident, tag=f"probe{seed}-"))
            return out
        finally:
            self.rng = rng


class _Meter:
    """Times a store's fusion step (``Store._fuse``: candidates, ``fuse()``, fused rows) and its parts."""

    def __init__(self, store):
        import sitrep.store as store_module

        self.store, self.module, self.original_fuse = store, store_module, store_module.fuse
        self.seconds = {"fusion": 0.0, "candidates": 0.0, "fuse": 0.0}
        self.views = self.candidates = 0
        store._fuse = self._timed("fusion", store._fuse)
        store._candidates = self._timed("candidates", store._candidates, count=True)
        store_module.fuse = self._timed("fuse", store_module.fuse)

    def _timed(self, name: str, fn, *, count: bool = False):
        def timed(views, *args):
            start = time.perf_counter()
            try:
                found = fn(views, *args)
            finally:
                self.seconds[name] += time.perf_counter() - start
            if count:
                self.views, self.candidates = self.views + len(views), self.candidates + len(found)
            return found

        return timed

    def close(self) -> None:
        self.module.fuse = self.original_fuse
        del self.store._fuse, self.store._candidates  # the class's methods again


def _count(store) -> tuple[int, int]:
    con = store._con
    return (con.execute("SELECT count(*) FROM fused_events").fetchone()[0],
            con.execute("SELECT count(*) FROM documents").fetchone()[0])  # fmt: skip


@dataclass
class _Point:
    """A store grown to one size, the generator as it was then, and what was measured on it."""

    path: Path
    growth: _Growth
    events: int = 0
    documents: int = 0
    single: list[tuple[float, float]] = field(default_factory=list)
    batch: list[tuple[float, float]] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=lambda: {"fusion": 0.0, "candidates": 0.0, "fuse": 0.0})
    views: int = 0
    candidates: int = 0
    loads: list[float] = field(default_factory=list)


def _grow(sizes: list[int], folder: Path, *, per_day: float, seed: int, grow_batch: int) -> tuple[list[_Point], float]:
    """One store grown through ``sizes``, copied at each: a file per size, with its generator state."""
    from sitrep.store import Store

    growth = _Growth(random.Random(seed), per_day=per_day)
    path, points, grow_s = folder / "growing.duckdb", [], 0.0
    store = Store.open(path)
    try:
        for size in sorted(sizes):
            while _count(store)[0] < size:
                start = time.perf_counter()
                store.save(growth.batch(grow_batch))
                grow_s += time.perf_counter() - start
            store.close()  # closing checkpoints the WAL into the file, so a copy is whole
            copy = folder / f"at-{size}.duckdb"
            shutil.copyfile(path, copy)
            points.append(_Point(copy, deepcopy(growth)))
            print(f"  grown to {size:,} fused events ({grow_s:.0f} s)", file=sys.stderr)
            store = Store.open(path)
    finally:
        store.close()
    return points, grow_s


def _timed_save(store, results: list[Result]) -> tuple[float, float]:
    """Seconds per article of one ``save``: wall clock, and CPU of this process (all its threads).

    CPU time is what the store's size can change; wall time adds the commit's fsync and
    whatever else the machine runs, which no store size explains.
    """
    wall, cpu = time.perf_counter(), time.process_time()
    store.save(results)
    return (time.perf_counter() - wall) / len(results), (time.process_time() - cpu) / len(results)


def _measure(point: _Point, store, *, singles: int, round_: int, record: bool = True) -> None:
    """One round on one store: ``singles`` articles saved one at a time, then one batch of 32."""
    meter = _Meter(store)
    try:
        single = [_timed_save(store, [r]) for r in point.growth.probes(singles, seed=round_)]
        batch = _timed_save(store, point.growth.probes(32, seed=1000 + round_))
    finally:
        meter.close()
    if not record:  # a warm-up round: the first saves on a reopened file read its tables from disk
        return
    point.single += single
    point.batch.append(batch)
    for name, seconds in meter.seconds.items():
        point.seconds[name] += seconds
    point.views, point.candidates = point.views + meter.views, point.candidates + meter.candidates
    point.loads.append(os.getloadavg()[0])


def _summary(point: _Point) -> dict:
    ms = sorted(1000 * wall for wall, _ in point.single)

    def median(pairs: list[tuple[float, float]], which: int) -> float:
        return round(1000 * statistics.median(p[which] for p in pairs), 2)

    return {
        "events": point.events, "documents": point.documents,
        "ms_per_article": median(point.single, 0),
        "cpu_ms_per_article": median(point.single, 1),
        "mean_ms": round(statistics.fmean(ms), 2),
        "p90_ms": round(ms[int(0.9 * (len(ms) - 1))], 2),
        "batch_ms_per_article": median(point.batch, 0),
        "batch_cpu_ms_per_article": median(point.batch, 1),
        "fusion_ms_per_article": round(1000 * point.seconds["fusion"] / len(ms), 2),
        "candidates_load_ms_per_article": round(1000 * point.seconds["candidates"] / len(ms), 2),
        "fuse_only_ms_per_article": round(1000 * point.seconds["fuse"] / len(ms), 3),
        "candidates_per_view": round(point.candidates / max(1, point.views), 1),
        "load": round(statistics.fmean(point.loads), 2),
    }  # fmt: skip


def fusion_curve(sizes: list[int], *, probes: int, per_day: float, seed: int, rounds: int = 6,
                 grow_batch: int = 500) -> dict:  # fmt: skip
    """Time new articles on stores of each size; sizes take turns, so load falls on all alike."""
    from sitrep.store import Store

    with tempfile.TemporaryDirectory(prefix="sitrep-fusion-") as tmp:
        points, grow_s = _grow(sizes, Path(tmp), per_day=per_day, seed=seed, grow_batch=grow_batch)
        stores = [Store.open(p.path) for p in points]
        try:
            for point, store in zip(points, stores):
                point.events, point.documents = _count(store)
                _measure(point, store, singles=2, round_=-1, record=False)
            for round_ in range(rounds):
                for point, store in zip(points, stores):
                    _measure(point, store, singles=max(1, probes // rounds), round_=round_)
        finally:
            for store in stores:
                store.close()
    summaries = [_summary(p) for p in points]
    first, last = summaries[0], summaries[-1]
    def ratio(key: str) -> str:
        return f"{last[key] / first[key]:.2f}×"

    flatness = (f"at {last['events']:,} fused events as against {first['events']:,}, an article costs "
                f"{ratio('cpu_ms_per_article')} the CPU time saved alone and {ratio('batch_cpu_ms_per_article')} "
                f"in a batch of 32 (wall clock {ratio('ms_per_article')} and {ratio('batch_ms_per_article')})")
    model = (f"{per_day:g} incidents/day across {len(THEATRES)} countries, 1–5 reports each; per store size "
             f"{len(points[0].single)} articles saved one at a time and {rounds} batches of 32, at the store's "
             f"newest dates; sizes measured in turn, {rounds} rounds")  # fmt: skip
    return {"points": summaries, "flatness": flatness, "model": model, "per_day": per_day, "grow_s": round(grow_s, 1)}


# -- main ------------------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,3000,10000,30000,100000", help="fused-event counts to measure at")
    parser.add_argument("--probes", type=int, default=60, help="new articles timed at each size")
    parser.add_argument("--per-day", type=float, default=60.0, help="incidents per day in the grown store")
    parser.add_argument("--articles", type=int, default=2000, help="articles in the quality corpus")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--store", type=Path, help="also score this store, built by `sitrep run` over --truth")
    parser.add_argument("--truth", type=Path, help="the truth.json of the corpus --store was built from")
    args = parser.parse_args()
    from bench_run import RESULTS, write_markdown

    quality = {"records": records_quality(args.articles, args.seed)}
    if args.store and args.truth:
        quality["end to end"] = store_quality(args.store, json.loads(args.truth.read_text(encoding="utf-8")))
    print(f"quality: {json.dumps(quality)}", file=sys.stderr)
    sizes = [int(s) for s in args.sizes.split(",")]
    curve = fusion_curve(sizes, probes=args.probes, per_day=args.per_day, seed=args.seed)
    result = {"quality": quality, "curve": curve, "load": " ".join(f"{x:.2f}" for x in os.getloadavg())}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "fusion.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    write_markdown()
    print(json.dumps({"quality": quality, "flatness": curve["flatness"]}, indent=2))


if __name__ == "__main__":
    main()
