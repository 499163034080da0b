"""Typed records: the output contract of ``sitrep extract``.

Every stage returns these (or builds them from its own small intermediate
types); the JSON output is their serialisation and ``schema/result.schema.json``
is generated from :class:`Result`. All ``start``/``end`` offsets are character
offsets into :attr:`Document.text` (the cleaned article text), end exclusive.

Identifier conventions:

* actors: the lexicon id (``"taliban"``, ``"mil.af"``) when the lexicon knows the
  actor, otherwise ``"ner:<slug>"``: stable across documents, so fusion can join.
* places: ``"gn:<geonameid>"``, ``"adm1:<ISO 3166-2>"``, ``"cc:<ISO alpha-2>"``.
* quotes, claims, events, interactions: document-local, ``q1``, ``c1``, ``e1``, ``i1``…
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ActorKind",
    "ClaimKind",
    "Mention",
    "Document",
    "Actor",
    "Place",
    "Quote",
    "Claim",
    "Fatalities",
    "Event",
    "Party",
    "Interaction",
    "Result",
]

#: ACLED "inter" kinds (1–8) plus the non-combatant kinds sitrep also tracks.
ActorKind = Literal[
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
    "person",
    "organization",
    "media",
]

#: What a casualty figure counts. ``casualties`` is "killed or wounded" left unsplit.
ClaimKind = Literal[
    "killed", "injured", "casualties", "captured", "abducted", "arrested", "missing", "displaced"
]

#: ACLED's inter codes, used by the ACLED export.
INTER_CODES: dict[str, int] = {
    "State forces": 1,
    "Rebel group": 2,
    "Political militia": 3,
    "Identity militia": 4,
    "Rioters": 5,
    "Protesters": 6,
    "Civilians": 7,
    "External/Other forces": 8,
}


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Mention(_Record):
    """A stretch of :attr:`Document.text`: ``text[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Document(_Record):
    id: str = Field(description="sha256 of the clean text, hex, first 16 characters")
    title: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = Field(None, description="outlet / site name")
    published: Optional[dt.date] = None
    language: Optional[str] = None
    text: str


class Actor(_Record):
    id: str
    name: str
    kind: ActorKind
    aliases: list[str] = Field(default_factory=list, description="names seen in this text")
    affiliation: Optional[str] = Field(None, description="actor id of the group a person or an outlet speaks for")
    role: Optional[str] = Field(None, description="a person's title, e.g. 'spokesman'")
    country: Optional[str] = None
    mentions: list[Mention] = Field(default_factory=list)


class Place(_Record):
    id: str
    name: str
    country: Optional[str] = Field(None, description="ISO 3166-1 alpha-2")
    admin1: Optional[str] = None
    feature: str = Field(description="country, admin1, city, district, pass, valley, …")
    lat: Optional[float] = None
    lon: Optional[float] = None
    geo_precision: int = Field(ge=1, le=3)
    mentions: list[Mention] = Field(default_factory=list)


class Quote(_Record):
    id: str
    speaker: Optional[str] = Field(None, description="the speaker as written")
    speaker_actor: Optional[str] = None
    text: str
    direct: bool = True
    channel: Optional[str] = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Claim(_Record):
    id: str
    kind: ClaimKind
    low: Optional[int] = Field(None, ge=0)
    high: Optional[int] = Field(None, ge=0)
    vague: bool = False
    denial: bool = False
    partisan: bool = Field(
        False,
        description="the figure is a non-state armed group's own claim about others' losses (its enemy's, or "
        "civilians'); kept, with low/high, but not made the conservative best unless another source gives it",
    )
    victim: Optional[str] = Field(None, description="actor id of the victims")
    victims: list[str] = Field(
        default_factory=list, description="every group the figure counts together ('20 soldiers and VDP members')"
    )
    victim_text: Optional[str] = None
    claimant: Optional[str] = Field(
        None,
        description="who says so, as written; null = the outlet. A figure the outlet gives whose only source the "
        "text names is a party's report of the same figure carries that party",
    )
    claimant_actor: Optional[str] = None
    quote: Optional[str] = Field(None, description="id of the quote the figure stands in")
    event: Optional[str] = None
    date: Optional[dt.date] = None
    place: Optional[str] = None
    sentence: str
    start: int = Field(ge=0, description="start of the sentence")
    end: int = Field(ge=0)


class Fatalities(_Record):
    low: int = Field(ge=0)
    best: int = Field(ge=0, description="ACLED's most conservative credible figure")
    high: Optional[int] = Field(None, ge=0, description="null when some claim is open-ended")
    vague: bool = False


class Event(_Record):
    id: str
    event_type: str
    sub_event_type: str
    date: Optional[dt.date] = None
    date_precision: int = Field(ge=1, le=3, description="ACLED time_precision: 1 day, 2 week, 3 month")
    actor1: Optional[str] = None
    actor2: Optional[str] = None
    associated_actors: list[str] = Field(default_factory=list)
    place: Optional[str] = None
    fatalities: Optional[Fatalities] = None
    claims: list[str] = Field(default_factory=list)
    evidence: list[Mention] = Field(default_factory=list)
    confidence: float = Field(ge=0.0, le=1.0)
    cameo: Optional[str] = Field(None, description="CAMEO root code")
    plover: Optional[str] = Field(None, description="PLOVER event type")


class Party(_Record):
    """One side of an :class:`Interaction`: the phrase as written, and sitrep's actor when it has one."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    actor: Optional[str] = Field(None, description="actor id of sitrep's actor named in the phrase")


class Interaction(_Record):
    """Who did what to whom in one sentence, read from its main predicate (event coders' dyad).

    Any political sentence has one ("Chile agreed to send aid to Peru"), not only ACLED events.
    """

    id: str
    predicate: str = Field(description="lemma of the main predicate, e.g. 'agree'")
    plover: Optional[str] = Field(None, description="PLOVER type the predicate's verb lexicon gives")
    sources: list[Party] = Field(default_factory=list, description="who acts: subject(s), or a passive's agent")
    targets: list[Party] = Field(default_factory=list, description="who is acted on: object, recipient, partner")
    start: int = Field(ge=0, description="start of the sentence")
    end: int = Field(ge=0)


class Result(_Record):
    input: str
    document: Document
    actors: list[Actor] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    interactions: list[Interaction] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)

    def to_json(self, **kwargs) -> str:
        return self.model_dump_json(**kwargs)
