"""The API's endpoints, under ``/api``: events, timeline, export, actors, places, documents, jobs.

Parameters are validated by FastAPI against their declared types and bounds (a bad one
is a 422 naming it, see ``app.py``); what types cannot say (``until`` before ``since``, a
cursor that is not ours) is a 400 naming the parameter. Handlers are plain ``def``: DuckDB
calls block, so they run on the server's thread pool, each thread with its own cursor.
"""

from __future__ import annotations

import datetime as dt
import hmac
import io
import json
import logging
from enum import Enum
from typing import Iterator, Optional

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..errors import UsageError
from .jobs import QueueFull
from .queries import EventFilter, Reader
from . import schemas as s

__all__ = ["router", "ApiError", "MAX_LIMIT"]

log = logging.getLogger(__name__)

#: the most rows one page returns: bounds the work and the response of any one request
MAX_LIMIT = 500
_MAX_OFFSET = 10_000_000
_MAX_TEXT = 200
_ID = r"^[A-Za-z0-9:._-]+$"
_DOC_ID = r"^[0-9a-f]{16}$"

router = APIRouter(prefix="/api")
_bearer = HTTPBearer(auto_error=False, description="the server's API token (--token or SITREP_API_TOKEN)")


class ApiError(Exception):
    """An error with its HTTP status, the message and the parameter it concerns."""

    def __init__(self, status: int, message: str, *, parameter: Optional[str] = None, headers=None):
        super().__init__(message)
        self.status, self.message, self.parameter, self.headers = status, message, parameter, headers


class ExportFormat(str, Enum):
    csv = "csv"
    geojson = "geojson"


# -- dependencies ------------------------------------------------------------------------------
def reader(request: Request) -> Iterator[Reader]:
    """A reader of the store, this request's alone until it ends."""
    with request.app.state.sitrep.reader() as found:
        yield found


def event_filter(
    since: Optional[dt.date] = Query(None, description="events on or after this day (YYYY-MM-DD)"),
    until: Optional[dt.date] = Query(None, description="events on or before this day (YYYY-MM-DD)"),
    country: Optional[str] = Query(None, pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2, e.g. AF"),
    admin1: Optional[str] = Query(None, max_length=_MAX_TEXT, description="first-level region, as named"),
    event_type: Optional[s.EventType] = Query(None, description="one of ACLED's six event types"),
    actor: Optional[str] = Query(None, max_length=_MAX_TEXT, description="an actor id, or part of an actor's name"),
    min_fatalities: Optional[int] = Query(None, ge=0, le=1_000_000, description="best fatality figure at least"),
    q: Optional[str] = Query(None, max_length=_MAX_TEXT, description="free text: place, actor, article title or text"),
) -> EventFilter:
    if since and until and until < since:
        raise ApiError(400, f"until ({until}) is before since ({since})", parameter="until")
    return EventFilter(
        since=since, until=until, country=country, admin1=admin1, event_type=event_type.value if event_type else None,
        actor=actor, min_fatalities=min_fatalities, q=q,
    )  # fmt: skip


def require_token(request: Request, credentials: Optional[HTTPAuthorizationCredentials] = Depends(_bearer)) -> None:
    """Write endpoints need ``Authorization: Bearer <token>`` when the server has a token."""
    expected = request.app.state.sitrep.token
    if expected is None:
        return
    given = credentials.credentials if credentials else ""
    if not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise ApiError(401, "this endpoint needs the server's API token as 'Authorization: Bearer <token>'",
                       parameter="Authorization", headers={"WWW-Authenticate": "Bearer"})  # fmt: skip


def _limit(default: int = 100):
    return Query(default, ge=1, le=MAX_LIMIT, description=f"rows per page, 1–{MAX_LIMIT}")


def _offset():
    return Query(0, ge=0, le=_MAX_OFFSET, description="rows to skip (a cursor is faster for deep pages)")


# -- events --------------------------------------------------------------------------------------
@router.get("/events", response_model=s.EventPage, tags=["events"])
def list_events(
    flt: EventFilter = Depends(event_filter),
    limit: int = _limit(),
    offset: int = _offset(),
    cursor: Optional[str] = Query(None, max_length=500, description="next_cursor of the previous page"),
    db: Reader = Depends(reader),
) -> s.EventPage:
    """Fused events matching the filter, newest first (undated last)."""
    try:
        return db.events(flt, limit=limit, offset=offset, cursor=cursor)
    except UsageError as err:
        raise ApiError(400, err.reason, parameter=err.input) from None


@router.get("/events/{event_id}", response_model=s.EventDetail, tags=["events"],
            responses={404: {"model": s.Problem}})  # fmt: skip
def get_event(
    event_id: str = Path(max_length=100, pattern=_ID, description="ev… id, event_id_cnty, or a document event id"),
    db: Reader = Depends(reader),
) -> s.EventDetail:
    """One event with every claim behind it (claimant, outlet, sentence, date), quotes and sources."""
    event = db.event(event_id)
    if event is None:
        raise ApiError(404, f"no event {event_id!r} in the store", parameter="event_id")
    return event


@router.get("/timeline", response_model=list[s.TimelineDay], tags=["events"])
def timeline(flt: EventFilter = Depends(event_filter), db: Reader = Depends(reader)) -> list[s.TimelineDay]:
    """Per day: dated events matching the filter, and their fatalities (low, best, high)."""
    return db.timeline(flt)


@router.get("/export", tags=["events"], response_class=Response,
            responses={200: {"content": {"text/csv": {}, "application/geo+json": {}}}})  # fmt: skip
def export_events(
    flt: EventFilter = Depends(event_filter),
    format: ExportFormat = Query(ExportFormat.csv, description="csv (ACLED columns) or geojson"),
    db: Reader = Depends(reader),
) -> Response:
    """The events matching the filter as ACLED-style CSV or GeoJSON (as ``sitrep export`` writes them)."""
    from ..export import acled_rows, export, write_acled_csv

    wanted = set(db.event_ids(flt, limit=2**31 - 1))
    out = io.StringIO()
    if format is ExportFormat.csv:
        rows = acled_rows(db.store, since=flt.since, country=flt.country)
        write_acled_csv((r for r in rows if _fused_id(r.event_id_cnty) in wanted), out)
        media, suffix = "text/csv; charset=utf-8", "csv"
    else:
        export(db.store, "geojson", out, since=flt.since, country=flt.country)
        collection = json.loads(out.getvalue())
        collection["features"] = [f for f in collection["features"] if _fused_id(f["id"]) in wanted]
        out = io.StringIO(json.dumps(collection, ensure_ascii=False))
        media, suffix = "application/geo+json", "geojson"
    headers = {"Content-Disposition": f'attachment; filename="sitrep-events.{suffix}"'}
    return Response(out.getvalue(), media_type=media, headers=headers)


def _fused_id(event_id_cnty: str) -> str:
    # the export names events ISO3-ev…; the store's id is the part after the dash
    return event_id_cnty.rsplit("-", 1)[-1]


# -- actors, places, documents ---------------------------------------------------------------------
@router.get("/actors", response_model=s.ActorPage, tags=["actors and places"])
def list_actors(
    q: Optional[str] = Query(None, max_length=_MAX_TEXT, description="an actor id, or part of a name"),
    kind: Optional[str] = Query(None, max_length=50, description="e.g. 'State forces', 'Rebel group'"),
    limit: int = _limit(),
    offset: int = _offset(),
    db: Reader = Depends(reader),
) -> s.ActorPage:
    """Actors named in the stored documents, most events first."""
    return db.actors(q=q, kind=kind, limit=limit, offset=offset)


@router.get("/places", response_model=s.PlacePage, tags=["actors and places"])
def list_places(
    q: Optional[str] = Query(None, max_length=_MAX_TEXT, description="a place id, or part of a name"),
    country: Optional[str] = Query(None, pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2"),
    limit: int = _limit(),
    offset: int = _offset(),
    db: Reader = Depends(reader),
) -> s.PlacePage:
    """Places found in the stored documents, most documents first."""
    return db.places(q=q, country=country, limit=limit, offset=offset)


@router.get("/documents", response_model=s.DocumentPage, tags=["documents"])
def list_documents(
    q: Optional[str] = Query(None, max_length=_MAX_TEXT, description="part of the title or outlet"),
    limit: int = _limit(),
    offset: int = _offset(),
    db: Reader = Depends(reader),
) -> s.DocumentPage:
    """Stored documents, newest first."""
    return db.documents(q=q, limit=limit, offset=offset)


@router.get("/documents/{doc_id}", response_model=s.DocumentOut, tags=["documents"],
            responses={404: {"model": s.Problem}})  # fmt: skip
def get_document(
    doc_id: str = Path(pattern=_DOC_ID, description="Document.id: 16 hex digits"),
    db: Reader = Depends(reader),
) -> s.DocumentOut:
    """A document's clean text and every span sitrep found in it (actors, places, quotes, claims, events)."""
    document = db.document(doc_id)
    if document is None:
        raise ApiError(404, f"no document {doc_id!r} in the store", parameter="doc_id")
    return document


@router.post("/documents", response_model=s.Job, status_code=202, tags=["documents"],
             dependencies=[Depends(require_token)],
             responses={401: {"model": s.Problem}, 503: {"model": s.Problem}})  # fmt: skip
def submit_documents(submission: s.SubmissionIn, request: Request) -> s.Job:
    """Queue articles for extraction into the store; poll ``GET /api/jobs/{id}`` for the outcome."""
    writer = request.app.state.sitrep.writer
    if writer is None:
        raise ApiError(503, "this server opened the store read-only and takes no submissions")
    try:
        return writer.submit(submission.articles)
    except QueueFull as err:
        raise ApiError(503, f"too many submissions waiting ({err}); retry later", headers={"Retry-After": "10"}) from None


@router.get("/jobs/{job_id}", response_model=s.Job, tags=["documents"], responses={404: {"model": s.Problem}})
def get_job(request: Request, job_id: str = Path(pattern=r"^[0-9a-f]{12}$")) -> s.Job:
    """A submission's state and, once done, the documents stored and the articles that failed."""
    writer = request.app.state.sitrep.writer
    job = writer.job(job_id) if writer else None
    if job is None:
        raise ApiError(404, f"no job {job_id!r} (finished jobs are forgotten after a while)", parameter="job_id")
    return job


# -- the server --------------------------------------------------------------------------------------
@router.get("/meta", response_model=s.Meta, tags=["server"])
def meta(request: Request, db: Reader = Depends(reader)) -> s.Meta:
    """What the store holds (counts, date range, countries) and what this server allows."""
    state = request.app.state.sitrep
    return db.meta(writable=state.writer is not None, token_required=state.token is not None)


@router.get("/health", tags=["server"])
def health() -> dict:
    return {"status": "ok"}
