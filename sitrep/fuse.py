"""Cross-document fusion: one event reported by many outlets becomes one fused event.

Incremental and pure Python: each new document event (an :class:`EventView`) is compared
only with the fused events a :class:`FusionIndex` holds for its country and the weeks its
date could fall in, so the cost per new article stays flat as the store grows (the store
loads just those candidates; see ``sitrep.store``). A view joins the best-matching fused
event when all of these hold:

1. same event-type family (a clash one outlet calls shelling is still the same fight);
2. dates compatible given their precision (ACLED time_precision 1/2/3 = day/week/month);
3. actors overlap, when both sides name any;
4. places within a radius that grows with the coarser geo_precision;
5. not from a document already in the fused event (one article's events are distinct).

A fused event is derived from its members alone (:meth:`FusedEvent.of`), so merging is
"add a member, derive again"; fatalities are re-fused across every member's claims by
:func:`sitrep.fatalities.fuse_fatalities`, the same ACLED rule the per-article stage uses.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import math
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Optional
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict

from .fatalities import fuse_fatalities
from .gazetteer.index import distance_km
from .records import Claim, Fatalities, Result

__all__ = [
    "EventView",
    "FusedEvent",
    "FusionIndex",
    "fuse",
    "score",
    "fused_id",
    "views_from_result",
    "global_id",
    "local_id",
    "date_interval",
]

log = logging.getLogger(__name__)

#: Event types that may describe the same incident. ACLED: explosions reported inside an
#: ongoing battle are part of the battle, so outlets legitimately differ between the two.
_FAMILY = {
    "Battles": "armed",
    "Explosions/Remote violence": "armed",
    "Protests": "demonstration",
    "Riots": "demonstration",
}

#: Where two outlets disagree on the type within a family, the ACLED precedence wins.
_TYPE_RANK = {"Battles": 0, "Explosions/Remote violence": 1}

#: Half-width in days of the interval a date stands for, by ACLED time_precision:
#: 1 the day itself, 2 the week (mid-week date coded), 3 the month (mid-month date coded).
_HALF_WIDTH = {1: 0, 2: 3, 3: 15}

#: Match radius in km by the coarser geo_precision of the two places. 1 = the town or its
#: outskirts; 2 = near a named place or a district; 3 = a province centroid, which sits up to
#: ~150 km from events in a mid-sized province (Helmand's centroid to Garmsir is ~110 km).
_RADIUS_KM = {1: 10.0, 2: 30.0, 3: 150.0}


def global_id(doc_id: str, local: Optional[str]) -> Optional[str]:
    """``q1`` of document ``abc`` → ``abc:q1``: quote, claim and event ids unique in a store."""
    return None if local is None else f"{doc_id}:{local}"


def local_id(doc_id: str, gid: Optional[str]) -> Optional[str]:
    """Inverse of :func:`global_id`."""
    return None if gid is None else gid[len(doc_id) + 1:]


def date_interval(date: Optional[dt.date], precision: int) -> Optional[tuple[dt.date, dt.date]]:
    """The days an event coded ``date`` with ACLED ``precision`` may have happened on."""
    if date is None:
        return None
    half = dt.timedelta(days=_HALF_WIDTH.get(precision, 15))
    return date - half, date + half


class EventView(BaseModel):
    """One document's event with what fusion needs from its document: place, outlet, claims."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    doc_id: str
    outlet: Optional[str] = None
    event_type: str
    sub_event_type: str
    date: Optional[dt.date] = None
    date_precision: int = 1
    actor1: Optional[str] = None
    actor2: Optional[str] = None
    associated_actors: tuple[str, ...] = ()
    place: Optional[str] = None
    location: Optional[str] = None
    country: Optional[str] = None
    admin1: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    geo_precision: int = 3
    confidence: float = 0.0
    claims: tuple[Claim, ...] = ()

    @property
    def actors(self) -> frozenset[str]:
        return frozenset(a for a in (self.actor1, self.actor2, *self.associated_actors) if a)

    @property
    def interval(self) -> Optional[tuple[dt.date, dt.date]]:
        return date_interval(self.date, self.date_precision)


def views_from_result(result: Result) -> list[EventView]:
    """The fusion view of every event in ``result``, with ids made global."""
    doc = result.document
    places = {p.id: p for p in result.places}
    outlet = doc.source or (urlsplit(doc.url).hostname if doc.url else None)
    views = []
    for event in result.events:
        linked = set(event.claims)
        claims = [c for c in result.claims if c.id in linked or c.event == event.id]
        place = places.get(event.place) if event.place else None
        views.append(
            EventView(
                id=global_id(doc.id, event.id),
                doc_id=doc.id,
                outlet=outlet,
                event_type=event.event_type,
                sub_event_type=event.sub_event_type,
                date=event.date,
                date_precision=event.date_precision,
                actor1=event.actor1,
                actor2=event.actor2,
                associated_actors=tuple(event.associated_actors),
                place=event.place,
                location=place.name if place else None,
                country=place.country if place else None,
                admin1=place.admin1 if place else None,
                lat=place.lat if place else None,
                lon=place.lon if place else None,
                geo_precision=place.geo_precision if place else 3,
                confidence=event.confidence,
                claims=tuple(_global_claim(doc.id, c) for c in claims),
            )
        )
    return views


def _global_claim(doc_id: str, claim: Claim) -> Claim:
    ids = {key: global_id(doc_id, getattr(claim, key)) for key in ("id", "quote", "event")}
    return claim.model_copy(update=ids)


@dataclass(frozen=True)
class FusedEvent:
    """An event as all its reports together tell it; every field derives from ``members``."""

    id: str
    members: tuple[EventView, ...]
    event_type: str
    sub_event_type: str
    date: Optional[dt.date]
    date_precision: int
    interval: Optional[tuple[dt.date, dt.date]]
    actor1: Optional[str]
    actor2: Optional[str]
    associated_actors: tuple[str, ...]
    where: EventView
    fatalities: Optional[Fatalities]
    confidence: float

    @classmethod
    def of(cls, members: Iterable[EventView], event_id: Optional[str] = None) -> FusedEvent:
        """Derive the fused event from its members (the first one founded it and names it)."""
        members = tuple(members)
        typed = _event_type(members)
        when = min(members, key=lambda m: (m.date is None, m.date_precision))
        lead = max(members, key=lambda m: (bool(m.actor1) + bool(m.actor2), m.confidence))
        paired = {lead.actor1, lead.actor2}
        associated = sorted({a for m in members for a in m.associated_actors} - paired)
        intervals = [m.interval for m in members if m.interval]
        return cls(
            id=event_id or fused_id(members[0].id),
            members=members,
            event_type=typed.event_type,
            sub_event_type=typed.sub_event_type,
            date=_common_date(members, when.date_precision),
            date_precision=when.date_precision,
            interval=(min(i[0] for i in intervals), max(i[1] for i in intervals)) if intervals else None,
            actor1=lead.actor1,
            actor2=lead.actor2,
            associated_actors=tuple(associated),
            where=min(members, key=lambda m: (m.lat is None, m.geo_precision)),
            fatalities=fuse_fatalities(c for m in members for c in m.claims),
            # independent reports corroborate: 1 - Π(1 - c), the chance not all of them are wrong
            confidence=1.0 - math.prod(1.0 - m.confidence for m in members),
        )

    @property
    def country(self) -> Optional[str]:
        return self.where.country

    @property
    def when(self) -> Optional[tuple[dt.date, dt.date]]:
        """The days the fused event's own (most precise) date allows; ``interval`` spans all members."""
        return date_interval(self.date, self.date_precision)

    @property
    def documents(self) -> frozenset[str]:
        return frozenset(m.doc_id for m in self.members)

    @property
    def actors(self) -> frozenset[str]:
        return frozenset(a for m in self.members for a in m.actors)

    def with_member(self, view: EventView) -> FusedEvent:
        return FusedEvent.of((*self.members, view), event_id=self.id)


def fused_id(founder: str) -> str:
    """A fused event's id, from its founding member's: stable across re-runs and resumes."""
    return "ev" + hashlib.sha256(founder.encode("utf-8")).hexdigest()[:12]


def _event_type(members: tuple[EventView, ...]) -> EventView:
    """The member whose type the fused event takes: ACLED precedence, then the majority."""
    votes = Counter((m.event_type, m.sub_event_type) for m in members)
    return min(
        members,
        key=lambda m: (_TYPE_RANK.get(m.event_type, 9), -votes[(m.event_type, m.sub_event_type)], -m.confidence),
    )


def _common_date(members: tuple[EventView, ...], precision: int) -> Optional[dt.date]:
    dates = Counter(m.date for m in members if m.date and m.date_precision == precision)
    if not dates:
        return None
    # the date most reports give; among equals the earliest (later reports drift to the report day)
    return min(dates, key=lambda d: (-dates[d], d))


def _place_closeness(view: EventView, fused: FusedEvent) -> Optional[float]:
    """1.0 for the same place down to 0.0 at the edge of the radius; None when too far apart."""
    where = fused.where
    if view.place is not None and view.place == where.place:
        return 1.0
    if None in (view.lat, view.lon, where.lat, where.lon):
        return None
    radius = _RADIUS_KM[max(view.geo_precision, where.geo_precision)]
    distance = distance_km(view.lat, view.lon, where.lat, where.lon)
    return None if distance > radius else 1.0 - distance / radius


def score(view: EventView, fused: FusedEvent) -> Optional[float]:
    """How well ``view`` fits ``fused`` (higher is closer), or None when it cannot be the same event."""
    if view.doc_id in fused.documents:
        return None
    if _FAMILY.get(view.event_type, view.event_type) != _FAMILY.get(fused.event_type, fused.event_type):
        return None
    # against the event's own date, not the span of all its reports: one event per day per
    # location (ACLED), so a vague "this week" report must not stretch the event over days
    when = fused.when
    if view.interval is None or when is None:
        return None
    if view.interval[1] < when[0] or when[1] < view.interval[0]:
        return None
    mine, theirs = view.actors, fused.actors
    shared = len(mine & theirs)
    if mine and theirs and not shared:
        return None
    closeness = _place_closeness(view, fused)
    if closeness is None:
        return None
    same_day = view.date_precision == 1 and view.date == fused.date
    return shared + closeness + same_day


class FusionIndex:
    """Fused events by (country, week), so a view meets only events it could match."""

    def __init__(self, events: Iterable[FusedEvent] = ()):
        self._events: dict[str, FusedEvent] = {}
        self._buckets: dict[tuple[str, int], set[str]] = {}
        for event in events:
            self.add(event)

    def __len__(self) -> int:
        return len(self._events)

    def add(self, event: FusedEvent) -> None:
        """Add ``event``, or replace the event with its id."""
        old = self._events.get(event.id)
        if old is not None:
            for key in _keys(old.country, old.interval):
                self._buckets[key].discard(old.id)
        self._events[event.id] = event
        for key in _keys(event.country, event.interval):
            self._buckets.setdefault(key, set()).add(event.id)

    def candidates(self, view: EventView) -> list[FusedEvent]:
        ids = set().union(*(self._buckets.get(key, ()) for key in _keys(view.country, view.interval)))
        return [self._events[i] for i in sorted(ids)]

    def best_match(self, view: EventView) -> Optional[FusedEvent]:
        scored = [(s, e) for e in self.candidates(view) if (s := score(view, e)) is not None]
        return max(scored, key=lambda pair: pair[0])[1] if scored else None


def _keys(country: Optional[str], interval: Optional[tuple[dt.date, dt.date]]) -> list[tuple[str, int]]:
    # no country or no date: nothing can be shown to be the same event, so it is not indexed
    if country is None or interval is None:
        return []
    first, last = interval[0].toordinal() // 7, interval[1].toordinal() // 7
    return [(country, week) for week in range(first, last + 1)]


def fuse(views: Iterable[EventView], index: FusionIndex) -> list[FusedEvent]:
    """Merge each view into its best match in ``index`` or found a new fused event.

    Returns the fused events created or changed, each once, in the order first touched;
    ``index`` is updated, so later views (of the same batch) see earlier ones.
    """
    changed: dict[str, FusedEvent] = {}
    for view in views:
        match = index.best_match(view)
        fused = match.with_member(view) if match else FusedEvent.of([view])
        log.debug("%s → %s (%s)", view.id, fused.id, "merged" if match else "new")
        index.add(fused)
        changed[fused.id] = fused
    return list(changed.values())
