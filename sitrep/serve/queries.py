"""Read queries of the API: filtered, paginated views of a sitrep store.

Every value travels as a SQL parameter; the SQL text is assembled only from this
module's constant fragments, chosen by which filters are set. A :class:`Reader` wraps one
DuckDB cursor (one per server thread), so readers never share a connection with the
writer's open transaction.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import logging
from dataclasses import dataclass, fields
from typing import Any, Iterable, Optional, Sequence

import duckdb

from ..errors import StoreError, UsageError
from ..fuse import global_id
from ..store import Store
from . import schemas as s

__all__ = ["EventFilter", "Reader", "encode_cursor", "decode_cursor", "like_pattern"]

log = logging.getLogger(__name__)

#: a fused event's actors, for actor counts
_EVENT_ACTORS = "(list_value(actor1, actor2) || associated_actors)"
#: the actors a filter names: by id, or by part of the name (``?`` twice)
_NAMED = "(SELECT id FROM actors WHERE id = ? OR name ILIKE ? ESCAPE '\\')"
#: the actors whose name contains a text (``?`` once)
_NAME_HAS = "(SELECT id FROM actors WHERE name ILIKE ? ESCAPE '\\')"


def _has_actor(named: str) -> str:
    # IN on the two actor columns, a list test only where there are associated actors:
    # measured 5 ms on 50k events, against 10 ms for one list_has_any over all actors
    return (f"(actor1 IN {named} OR actor2 IN {named}"
            f" OR (len(associated_actors) > 0 AND list_has_any(associated_actors, (SELECT list(id) FROM {named}))))")  # fmt: skip


#: filter name → SQL condition over fused_events; each ``?`` takes the filter's value once
_CONDITIONS = {
    "since": "date >= ?",
    "until": "date <= ?",
    "country": "country = ?",
    "admin1": "lower(admin1) = lower(?)",
    "event_type": "event_type = ?",
    "min_fatalities": "coalesce(fatalities_best, 0) >= ?",
    "actor": _has_actor(_NAMED),
    "q": (
        "(location ILIKE ? ESCAPE '\\' OR admin1 ILIKE ? ESCAPE '\\' OR sub_event_type ILIKE ? ESCAPE '\\'"
        f" OR {_has_actor(_NAME_HAS)}"
        " OR id IN (SELECT l.fused_id FROM event_documents l JOIN documents d ON d.id = l.doc_id"
        " WHERE d.title ILIKE ? ESCAPE '\\' OR d.text ILIKE ? ESCAPE '\\'))"
    ),
}
#: how many times each condition's ``?`` repeats its value
_ARITY = {"actor": 6, "q": 8}

# Newest first, undated events last, then by id: a total order, so a cursor is exact.
_ORDER = "ORDER BY date DESC NULLS LAST, id"
_AFTER_DATED = "(date IS NULL OR date < ? OR (date = ? AND id > ?))"
_AFTER_UNDATED = "(date IS NULL AND id > ?)"

_SUMMARY_COLUMNS = (
    "id, event_type, sub_event_type, date, date_precision, actor1, actor2, associated_actors, location,"
    " admin1, country, latitude, longitude, geo_precision, fatalities_low, fatalities_best, fatalities_high,"
    " fatalities_vague, confidence, n_documents"
)

_TIMELINE = """
    SELECT date, count(*), sum(coalesce(fatalities_low, 0)), sum(coalesce(fatalities_best, 0)),
           sum(coalesce(fatalities_high, fatalities_best, 0)),
           bool_or(fatalities_best IS NOT NULL AND fatalities_high IS NULL)
    FROM fused_events WHERE date IS NOT NULL AND {where} GROUP BY date ORDER BY date"""

_ACTORS = """
    WITH counts AS (
        SELECT a AS id, count(*) AS n FROM (SELECT unnest({actors}) AS a FROM fused_events)
        WHERE a IS NOT NULL GROUP BY a),
    named AS (
        SELECT id, arg_min(name, doc_id) AS name, arg_min(kind, doc_id) AS kind,
               count(DISTINCT doc_id) AS documents FROM actors GROUP BY id)
    SELECT named.*, coalesce(counts.n, 0) AS events FROM named LEFT JOIN counts USING (id)
    WHERE (?::VARCHAR IS NULL OR kind = ?) AND (?::VARCHAR IS NULL OR id = ? OR name ILIKE ? ESCAPE '\\')"""

_PLACES = """
    SELECT id, arg_min(name, doc_id) AS name, arg_min(country, doc_id) AS country,
           arg_min(admin1, doc_id) AS admin1, arg_min(feature, doc_id) AS feature, arg_min(lat, doc_id) AS lat,
           arg_min(lon, doc_id) AS lon, arg_min(geo_precision, doc_id) AS geo_precision,
           count(DISTINCT doc_id) AS documents
    FROM places GROUP BY id
    HAVING (?::VARCHAR IS NULL OR arg_min(country, doc_id) = ?)
       AND (?::VARCHAR IS NULL OR id = ? OR arg_min(name, doc_id) ILIKE ? ESCAPE '\\')"""

_DOCUMENTS = """
    SELECT d.id, d.title, d.source, d.url, d.published,
           (SELECT count(DISTINCT l.fused_id) FROM event_documents l WHERE l.doc_id = d.id) AS events
    FROM documents d
    WHERE (?::VARCHAR IS NULL OR d.title ILIKE ? ESCAPE '\\' OR d.source ILIKE ? ESCAPE '\\')"""


@dataclass(frozen=True)
class EventFilter:
    """What the event list, the timeline and the exports select. ``None`` = no condition."""

    since: Optional[dt.date] = None
    until: Optional[dt.date] = None
    country: Optional[str] = None
    admin1: Optional[str] = None
    event_type: Optional[str] = None
    actor: Optional[str] = None
    min_fatalities: Optional[int] = None
    q: Optional[str] = None

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition (``TRUE`` when nothing is set) and its parameters, in order."""
        parts, params = [], []
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None or value == "":
                continue
            parts.append(_CONDITIONS[f.name])
            params.extend([self._param(f.name, value, i) for i in range(_ARITY.get(f.name, 1))])
        return (" AND ".join(parts) or "TRUE"), params

    @staticmethod
    def _param(name: str, value: Any, index: int) -> Any:
        if name == "country":
            return value.upper()
        if name == "q" or (name == "actor" and index % 2 == 1):
            return like_pattern(value)
        return value


def like_pattern(text: str) -> str:
    """``%text%`` for ILIKE, with the user's own ``%``, ``_`` and ``\\`` taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def encode_cursor(date: Optional[dt.date], event_id: str) -> str:
    """An opaque cursor for the page after the event (``date``, ``event_id``)."""
    raw = json.dumps([date.isoformat() if date else None, event_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[Optional[dt.date], str]:
    """Inverse of :func:`encode_cursor`; a UsageError naming ``cursor`` if it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        date, event_id = json.loads(raw)
        if not isinstance(event_id, str):
            raise ValueError("id is not a string")
        return (dt.date.fromisoformat(date) if date else None), event_id
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as err:
        raise UsageError(f"not a cursor from this API ({err})", input="cursor",
                         hint="pass next_cursor from the previous page unchanged") from None  # fmt: skip


class Reader:
    """Read queries over one cursor of the store's database."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str):
        self.con = con
        self.store = Store(con, path)
        #: actor id → (name, kind), or None when the store has no such actor; see forget()
        self._names: dict[str, Optional[tuple[str, str]]] = {}
        self.generation = 0

    def forget(self, generation: int) -> None:
        """Drop cached actor names: the writer has saved documents since ``self.generation``."""
        self._names.clear()
        self.generation = generation

    def actor_names(self, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """Actor id → (name, kind), from the cache, asking the store only for ids not seen yet."""
        wanted = set(ids)
        missing = wanted - self._names.keys()
        if missing:
            found = self.store.actors(missing)
            self._names.update({i: found.get(i) for i in missing})
        return {i: self._names[i] for i in wanted if self._names[i] is not None}

    def close(self) -> None:
        self.store.close()

    # -- events -------------------------------------------------------------------------------
    def events(
        self, flt: EventFilter, *, limit: int, offset: int = 0, cursor: Optional[str] = None
    ) -> s.EventPage:
        """One page of fused events matching ``flt``, newest first."""
        where, params = flt.where()
        (total,) = self.con.execute(f"SELECT count(*) FROM fused_events WHERE {where}", params).fetchone()
        page_where, page_params = where, list(params)
        if cursor:
            date, last_id = decode_cursor(cursor)
            page_where += " AND " + (_AFTER_DATED if date else _AFTER_UNDATED)
            page_params += [date, date, last_id] if date else [last_id]
            offset = 0  # a cursor says where the page starts
        sql = f"SELECT {_SUMMARY_COLUMNS} FROM fused_events WHERE {page_where} {_ORDER} LIMIT ? OFFSET ?"
        rows = self._dicts(sql, [*page_params, limit + 1, offset])
        more, rows = len(rows) > limit, rows[:limit]
        events = self.summaries(rows)
        next_cursor = encode_cursor(rows[-1]["date"], rows[-1]["id"]) if more else None
        return s.EventPage(total=total, limit=limit, offset=offset, next_cursor=next_cursor, events=events)

    def event_ids(self, flt: EventFilter, *, limit: int) -> list[str]:
        """The ids of up to ``limit`` fused events matching ``flt``, in list order."""
        where, params = flt.where()
        sql = f"SELECT id FROM fused_events WHERE {where} {_ORDER} LIMIT ?"
        return [row[0] for row in self.con.execute(sql, [*params, limit]).fetchall()]

    def summaries(self, rows: Sequence[dict]) -> list[s.EventSummary]:
        """API summaries of fused event rows, with actor names looked up once for all."""
        names = self.actor_names(a for r in rows for a in (r["actor1"], r["actor2"], *r["associated_actors"]) if a)
        return [_summary(row, names) for row in rows]

    def event(self, name: str) -> Optional[s.EventDetail]:
        """One fused event (by ``ev…`` id, ``event_id_cnty`` or document event id) with its claims."""
        fused_id = self.store.resolve_event(name)
        row = self.store.fused_event(fused_id) if fused_id else None
        if row is None:
            return None
        claims = self.store.event_claims([fused_id])[fused_id]
        quote_ids = sorted({c["quote"] for c in claims if c["quote"]})
        quotes = self._dicts("SELECT * EXCLUDE (pos) FROM quotes WHERE id IN (SELECT unnest(?::VARCHAR[]))"
                             " ORDER BY doc_id, start", [quote_ids])  # fmt: skip
        sources = self.store.event_sources([fused_id])[fused_id]
        summary = self.summaries([row])[0]
        return s.EventDetail(
            **summary.model_dump(),
            claims=[s.ClaimOut(**_pick(c, s.ClaimOut)) for c in claims],
            quotes=[s.QuoteOut(**q) for q in quotes],
            sources=[s.SourceOut(**src) for src in sources],
        )

    def timeline(self, flt: EventFilter) -> list[s.TimelineDay]:
        """Events and fatalities (low, best, high) per day, for the dated events matching ``flt``."""
        where, params = flt.where()
        rows = self.con.execute(_TIMELINE.format(where=where), params).fetchall()
        return [
            s.TimelineDay(date=d, events=n, low=low, best=best, high=high, open_ended=bool(open_))
            for d, n, low, best, high, open_ in rows
        ]

    # -- actors, places, documents -----------------------------------------------------------
    def actors(self, *, q: Optional[str], kind: Optional[str], limit: int, offset: int) -> s.ActorPage:
        sql = _ACTORS.format(actors=_EVENT_ACTORS)
        params = [kind, kind, q, q, like_pattern(q) if q else None]
        total = self._count(sql, params)
        rows = self._dicts(f"{sql} ORDER BY events DESC, documents DESC, name, id LIMIT ? OFFSET ?",
                           [*params, limit, offset])  # fmt: skip
        return s.ActorPage(total=total, limit=limit, offset=offset, actors=[s.ActorOut(**r) for r in rows])

    def places(self, *, q: Optional[str], country: Optional[str], limit: int, offset: int) -> s.PlacePage:
        country = country.upper() if country else None
        params = [country, country, q, q, like_pattern(q) if q else None]
        total = self._count(_PLACES, params)
        rows = self._dicts(f"{_PLACES} ORDER BY documents DESC, name, id LIMIT ? OFFSET ?", [*params, limit, offset])
        return s.PlacePage(total=total, limit=limit, offset=offset, places=[s.PlaceOut(**r) for r in rows])

    def documents(self, *, q: Optional[str], limit: int, offset: int) -> s.DocumentPage:
        pattern = like_pattern(q) if q else None
        params = [q, pattern, pattern]
        total = self._count(_DOCUMENTS, params)
        sql = f"{_DOCUMENTS} ORDER BY d.published DESC NULLS LAST, d.id LIMIT ? OFFSET ?"
        rows = self._dicts(sql, [*params, limit, offset])
        return s.DocumentPage(total=total, limit=limit, offset=offset, documents=[s.DocumentSummary(**r) for r in rows])

    def document(self, doc_id: str) -> Optional[s.DocumentOut]:
        """A stored document with everything found in its text, as annotations."""
        try:
            result = self.store.load_result(doc_id)
        except StoreError:
            return None
        sql = "SELECT DISTINCT fused_id FROM event_documents WHERE doc_id = ? ORDER BY fused_id"
        fused = [row[0] for row in self.con.execute(sql, [doc_id]).fetchall()]
        doc = result.document
        return s.DocumentOut(
            id=doc.id, input=result.input, title=doc.title, source=doc.source, url=doc.url,
            published=doc.published, text=doc.text, annotations=_annotations(result), events=fused,
            interactions=result.interactions,
        )  # fmt: skip

    def meta(self, *, writable: bool, token_required: bool) -> s.Meta:
        (events, first, last) = self.con.execute("SELECT count(*), min(date), max(date) FROM fused_events").fetchone()
        (documents,) = self.con.execute("SELECT count(*) FROM documents").fetchone()
        sql = "SELECT country, count(*) FROM fused_events WHERE country IS NOT NULL GROUP BY country ORDER BY country"
        countries = dict(self.con.execute(sql).fetchall())
        return s.Meta(
            events=events, documents=documents, first_date=first, last_date=last,
            event_types=[t.value for t in s.EventType], countries=countries,
            writable=writable, token_required=token_required,
        )  # fmt: skip

    # -- internals ----------------------------------------------------------------------------
    def _count(self, sql: str, params: list) -> int:
        return self.con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]

    def _dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict]:
        cursor = self.con.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def _pick(row: dict, model: type) -> dict:
    return {k: row[k] for k in model.model_fields if k in row}


def _actor_ref(actor_id: Optional[str], names: dict[str, tuple[str, str]]) -> Optional[s.ActorRef]:
    if not actor_id:
        return None
    name, kind = names.get(actor_id, (actor_id, None))
    return s.ActorRef(id=actor_id, name=name, kind=kind)


def _summary(row: dict, names: dict[str, tuple[str, str]]) -> s.EventSummary:
    fatalities = None
    if row["fatalities_best"] is not None:
        fatalities = s.FatalityRange(
            low=row["fatalities_low"] or 0, best=row["fatalities_best"], high=row["fatalities_high"],
            vague=bool(row["fatalities_vague"]),
        )  # fmt: skip
    base = _pick(row, s.EventSummary)
    base.update(
        actor1=_actor_ref(row["actor1"], names),
        actor2=_actor_ref(row["actor2"], names),
        associated_actors=[_actor_ref(a, names) for a in row["associated_actors"] or ()],
        fatalities=fatalities,
    )
    return s.EventSummary(**base)


def _annotations(result) -> list[s.Annotation]:
    """Every span sitrep found in the document, sorted by where it starts; ids as the API gives them."""
    doc_id = result.document.id
    out = []
    for actor in result.actors:
        out += [s.Annotation(layer="actor", id=actor.id, label=actor.name, start=m.start, end=m.end)
                for m in actor.mentions]  # fmt: skip
    for place in result.places:
        out += [s.Annotation(layer="place", id=place.id, label=place.name, start=m.start, end=m.end)
                for m in place.mentions]  # fmt: skip
    for quote in result.quotes:
        label = quote.speaker or ""
        out.append(s.Annotation(layer="quote", id=global_id(doc_id, quote.id), label=label, start=quote.start, end=quote.end))
    for claim in result.claims:
        label = f"{claim.kind} {claim.low if claim.low is not None else '?'}"
        out.append(s.Annotation(layer="claim", id=global_id(doc_id, claim.id), label=label, start=claim.start, end=claim.end))
    for event in result.events:
        event_id = global_id(doc_id, event.id)
        out += [s.Annotation(layer="event", id=event_id, label=event.sub_event_type, start=m.start, end=m.end)
                for m in event.evidence]  # fmt: skip
    return sorted(out, key=lambda a: (a.start, a.end, a.layer))
