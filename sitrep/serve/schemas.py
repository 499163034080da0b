"""The API's request and response models: what the OpenAPI spec shows and clients rely on.

Events are the store's *fused* events (``ev…`` ids): one row per real-world event, with
every claim behind it. Dates are ISO ``YYYY-MM-DD``; fatalities keep ACLED's conservative
``best`` with the ``low``–``high`` range of what claimants said (``high`` null = open-ended).
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from ..records import ActorKind, ClaimKind, Interaction

__all__ = [
    "EventType",
    "ActorRef",
    "FatalityRange",
    "EventSummary",
    "EventPage",
    "ClaimOut",
    "QuoteOut",
    "SourceOut",
    "EventDetail",
    "TimelineDay",
    "ActorOut",
    "ActorPage",
    "PlaceOut",
    "PlacePage",
    "DocumentSummary",
    "DocumentPage",
    "Annotation",
    "DocumentOut",
    "ArticleIn",
    "SubmissionIn",
    "Job",
    "Meta",
    "Problem",
]


class EventType(str, Enum):
    """ACLED's six event types, spelled as ACLED spells them (see ACLED-CODING.md)."""

    battles = "Battles"
    explosions = "Explosions/Remote violence"
    violence_against_civilians = "Violence against civilians"
    protests = "Protests"
    riots = "Riots"
    strategic_developments = "Strategic developments"


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActorRef(_Out):
    id: str
    name: str = Field(description="ACLED-style name; the id when the store has no name for it")
    kind: Optional[str] = None


class FatalityRange(_Out):
    low: int
    best: int = Field(description="ACLED's most conservative credible figure")
    high: Optional[int] = Field(None, description="null when some claim is open-ended ('at least 12')")
    vague: bool = False


class EventSummary(_Out):
    id: str
    event_type: str
    sub_event_type: str
    date: Optional[dt.date] = None
    date_precision: int
    actor1: Optional[ActorRef] = None
    actor2: Optional[ActorRef] = None
    associated_actors: list[ActorRef] = Field(default_factory=list)
    location: Optional[str] = None
    admin1: Optional[str] = None
    country: Optional[str] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    geo_precision: Optional[int] = None
    fatalities: Optional[FatalityRange] = None
    confidence: float
    n_documents: int


class EventPage(_Out):
    total: int = Field(description="events matching the filter, all pages together")
    limit: int
    offset: int
    next_cursor: Optional[str] = Field(None, description="pass as ?cursor= for the next page; null on the last")
    events: list[EventSummary]


class ClaimOut(_Out):
    id: str
    kind: ClaimKind
    low: Optional[int] = None
    high: Optional[int] = None
    vague: bool = False
    denial: bool = False
    victim: Optional[str] = None
    victim_text: Optional[str] = None
    claimant: Optional[str] = Field(None, description="who says so, as written; null = the outlet itself")
    claimant_actor: Optional[str] = None
    outlet: Optional[str] = None
    url: Optional[str] = None
    date: Optional[dt.date] = Field(None, description="the day the figure refers to, else null")
    published: Optional[dt.date] = None
    quote: Optional[str] = None
    doc_id: str
    sentence: str
    start: int = Field(description="sentence offsets in the document's text")
    end: int


class QuoteOut(_Out):
    id: str
    doc_id: str
    speaker: Optional[str] = None
    speaker_actor: Optional[str] = None
    text: str
    direct: bool
    channel: Optional[str] = None
    start: int
    end: int


class SourceOut(_Out):
    id: str
    outlet: Optional[str] = None
    url: Optional[str] = None
    title: Optional[str] = None
    published: Optional[dt.date] = None


class EventDetail(EventSummary):
    claims: list[ClaimOut]
    quotes: list[QuoteOut]
    sources: list[SourceOut]


class TimelineDay(_Out):
    date: dt.date
    events: int
    low: int = Field(description="sum of the events' low figures")
    best: int = Field(description="sum of the events' best (conservative) figures")
    high: int = Field(description="sum of the events' high figures; an open-ended one counts at its best")
    open_ended: bool = Field(description="some event's high is open-ended ('at least …'): the day's high is a floor")


class ActorOut(_Out):
    id: str
    name: str
    kind: str
    documents: int
    events: int


class ActorPage(_Out):
    total: int
    limit: int
    offset: int
    actors: list[ActorOut]


class PlaceOut(_Out):
    id: str
    name: str
    country: Optional[str] = None
    admin1: Optional[str] = None
    feature: str
    lat: Optional[float] = None
    lon: Optional[float] = None
    geo_precision: int
    documents: int


class PlacePage(_Out):
    total: int
    limit: int
    offset: int
    places: list[PlaceOut]


class DocumentSummary(_Out):
    id: str
    title: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    published: Optional[dt.date] = None
    events: int


class DocumentPage(_Out):
    total: int
    limit: int
    offset: int
    documents: list[DocumentSummary]


class Annotation(_Out):
    """A stretch of the document's text and what sitrep found there."""

    layer: Literal["actor", "place", "quote", "claim", "event"]
    id: str
    label: str
    start: int
    end: int


class DocumentOut(_Out):
    id: str
    input: str
    title: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    published: Optional[dt.date] = None
    text: str
    annotations: list[Annotation] = Field(description="sorted by start; offsets into text, end exclusive")
    events: list[str] = Field(description="the fused events this document reports")
    interactions: list[Interaction] = Field(default_factory=list,
                                            description="who did what to whom in each sentence (offsets into text)")


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    content: str = Field(min_length=1, max_length=5_000_000, description="the article: HTML, text or markdown")
    format: Optional[Literal["html", "text", "markdown"]] = Field(None, description="null = sniffed")
    name: Optional[str] = Field(None, max_length=300, description="how failures and the store name this input")
    url: Optional[str] = Field(None, max_length=2000)
    title: Optional[str] = Field(None, max_length=1000)
    source: Optional[str] = Field(None, max_length=300, description="the outlet")
    published: Optional[dt.date] = None


class SubmissionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(min_length=1, max_length=100)


class Job(_Out):
    id: str
    state: Literal["queued", "running", "done", "failed"]
    submitted: int
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    documents: list[str] = Field(default_factory=list, description="document ids stored or already there")
    failures: list[str] = Field(default_factory=list, description="'<input>: <reason>' per failed article")
    error: Optional[str] = None


class Meta(_Out):
    events: int
    documents: int
    first_date: Optional[dt.date] = None
    last_date: Optional[dt.date] = None
    event_types: list[str]
    countries: dict[str, int] = Field(description="ISO alpha-2 → number of events")
    writable: bool = Field(description="whether this server accepts submissions")
    token_required: bool


class Problem(_Out):
    """Every 4xx/5xx body: one readable line, and the parameter it concerns when there is one."""

    error: str
    parameter: Optional[str] = None
    detail: Optional[list[dict]] = Field(None, description="every validation error, as FastAPI reports them")
