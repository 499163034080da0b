"""The orchestrator: one article in, one :class:`~sitrep.records.Result` out.

The flow, in order (each step is its own module)::

    1. ingest    sitrep.ingest      bytes → RawDocument (main text + metadata)
    2. clean     sitrep.clean       drop newsletter forms, ads, credits…; keep every report sentence
    3. nlp       sitrep.nlp         the spaCy English pipeline, loaded once
    4. places    extract.places     toponyms → gazetteer places (and the article's country)
    5. actors    extract.actors     lexicon + NER actors, people with roles and affiliations
    6. time      extract.time       date expressions resolved against the publication date
    7. quotes    extract.quotes     direct and reported speech with speakers
    8. claims    extract.claims     casualty figures with claimant, victim, sentence
    9. events    extract.events     ACLED events; claims linked; fatalities fused low/best/high
   10. dyads     extract._dyads     who did what to whom in each sentence (any political event)

Heavy resources (the spaCy ``nlp``, the gazetteer, the actor lexicon) are built once by
:class:`Extractor` or injected by the caller.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from . import clean, language
from .errors import EmptyInput, InputTooLarge, SitrepError, UnsupportedLanguage
from .extract import actors as _actors
from .extract import claims as _claims
from .extract import _dyads
from .extract import events as _events
from .extract import places as _places
from .extract import quotes as _quotes
from .extract import time as _time
from .ingest import RawDocument, read_input
from .options import Options, load_options
from .records import Document, Quote, Result

__all__ = ["Extractor", "extract", "document_id"]

log = logging.getLogger(__name__)


def document_id(text: str) -> str:
    """Content hash of the clean text: the same article stored twice is stored once."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]  # lone surrogates hash too


@dataclass
class _Prepared:
    """A document after steps 1–2, ready for the spaCy pipeline."""

    input: str
    document: Document
    removed: list[str]


class Extractor:
    """Holds the loaded resources and runs the pipeline over articles.

    >>> ex = Extractor()                                  # doctest: +SKIP
    >>> ex.extract("report.html").events[0].sub_event_type  # doctest: +SKIP
    'Armed clash'
    """

    def __init__(self, options: Optional[Options] = None, *, nlp=None, gazetteer=None, lexicon=None):
        self.options = options or load_options()
        if nlp is None:
            from .nlp import load_pipeline

            nlp = load_pipeline(self.options.nlp.model)
        if gazetteer is None:
            from .gazetteer import Gazetteer, ensure_gazetteer

            gazetteer = Gazetteer.open(ensure_gazetteer(self.options.places.gazetteer_path()))
        self.nlp = nlp
        self.gazetteer = gazetteer
        self.lexicon = lexicon or _actors.Lexicon.load(self.options.actors.lexicons)
        self.triggers = nlp.get_pipe("sitrep_triggers").lexicon

    # -- public -----------------------------------------------------------------------------
    def extract(
        self, source: Union[str, Path], *, published: Optional[dt.date] = None, data: Optional[bytes] = None
    ) -> Result:
        """Read ``source`` (a path, or ``"-"`` with ``data``) and extract it."""
        raw = read_input(source, options=self.options.ingest, data=data)
        return self.extract_raw(raw, published=published)

    def extract_raw(self, raw: RawDocument, *, published: Optional[dt.date] = None) -> Result:
        """Extract an already-read document; ``published`` overrides the page's own date."""
        prepared = self._prepare(raw, published)
        return self._analyse(prepared, self.nlp(prepared.document.text))

    def extract_many(
        self, raws: Iterable[RawDocument], *, published: Optional[dt.date] = None
    ) -> Iterator[Union[Result, SitrepError]]:
        """Extract many documents with ``nlp.pipe`` batching; a failing one yields its error, in order."""
        batch: list[Union[_Prepared, SitrepError]] = []
        for raw in raws:
            try:
                batch.append(self._prepare(raw, published))
            except SitrepError as err:
                batch.append(err)
            if len(batch) >= self.options.nlp.batch_size:
                yield from self._run_batch(batch)
                batch = []
        yield from self._run_batch(batch)

    # -- steps ------------------------------------------------------------------------------
    def _run_batch(self, batch: list) -> Iterator[Union[Result, SitrepError]]:
        ready = [item for item in batch if isinstance(item, _Prepared)]
        docs = iter(self.nlp.pipe(p.document.text for p in ready))
        for item in batch:
            if isinstance(item, SitrepError):
                yield item
                continue
            doc = next(docs)
            try:
                yield self._analyse(item, doc)
            except SitrepError as err:
                yield err

    def _prepare(self, raw: RawDocument, published: Optional[dt.date]) -> _Prepared:
        # 2. clean: boilerplate lines are dropped but kept in the result for inspection
        cleaned = clean.clean_text(clean.fold_spaces(raw.text))
        text = cleaned.text.strip()
        if not text:
            raise EmptyInput("no article text left after removing page furniture", input=raw.input)
        if len(text) > self.options.ingest.max_chars:
            raise InputTooLarge(
                f"article text has {len(text):,} characters, over the limit of {self.options.ingest.max_chars:,}",
                input=raw.input,
                hint="raise [ingest] max_chars in a config file if this is really one article",
            )
        score = language.english_score(text)
        if score < self.options.ingest.min_english_score:
            guess = language.detect_language(text)
            found = f"detected {guess!r}, " if guess not in {"en", "und"} else ""
            raise UnsupportedLanguage(
                f"article is not in English ({found}English score {score:.2f}, under "
                f"{self.options.ingest.min_english_score}); sitrep's pipeline is English-only",
                input=raw.input,
            )
        document = Document(
            id=document_id(text),
            title=raw.title,
            url=raw.url,
            source=raw.source,
            published=published or raw.published,
            language="en",
            text=text,
        )
        return _Prepared(input=raw.input, document=document, removed=cleaned.removed)

    def _analyse(self, prepared: _Prepared, doc) -> Result:
        document = prepared.document
        published = document.published
        # 4. places first: the article's country frames generic actor references ("government troops")
        aliases = _actors.alias_matches(doc, self.lexicon)  # read by the country vote and the actors stage
        places = _places.find_places(doc, gazetteer=self.gazetteer,
                                     actor_countries=_actors.named_countries(doc, self.lexicon, aliases))
        # 5. actors
        actors = _actors.find_actors(
            doc,
            lexicon=self.lexicon,
            country=places.country,
            year=published,
            places=[(m.start, m.end) for m in places.mentions],
            aliases=aliases,
        )
        # 6. time
        dates = _time.find_dates(doc, published)
        # 7. quotes
        found_quotes = _quotes.find_quotes(doc)
        quotes = [_quote_record(i, q, actors) for i, q in enumerate(found_quotes, 1)]
        # 8. claims
        context = _claims.Context(
            doc=doc,
            actors=actors,
            places=places,
            dates=dates,
            quotes=list(zip(found_quotes, quotes)),
            triggers=self.triggers,
            lexicon=self.lexicon,
            published=published,
        )
        claims = _claims.find_claims(context)
        # 9. events, with claims linked and fatalities fused
        events = _events.build_events(context, claims, published=published)
        # 10. interactions: the dyad of each sentence, read from the parse already made
        interactions = _dyads.find_interactions(
            doc,
            actor_at=actors.actor_at,
            mentions=[(m.start, m.end, m.generic) for m in actors.mentions],
            country_word=_dyads.country_words(self.lexicon),
        )
        return Result(
            input=prepared.input,
            document=document,
            actors=actors.actors,
            places=places.places,
            quotes=quotes,
            claims=claims,
            events=events,
            interactions=interactions,
            removed=prepared.removed,
        )


def _quote_record(index: int, found, actors) -> Quote:
    speaker_actor = None
    if found.speaker_start is not None:
        speaker_actor = actors.actor_in(found.speaker_start, found.speaker_end)
    if speaker_actor is None and found.antecedent_start is not None:
        speaker_actor = actors.actor_in(found.antecedent_start, found.antecedent_end)
    return Quote(
        id=f"q{index}",
        speaker=found.speaker,
        speaker_actor=speaker_actor,
        text=found.text,
        direct=found.direct,
        channel=found.channel,
        start=found.start,
        end=found.end,
    )


_default: Optional[Extractor] = None


def extract(
    source: Union[str, Path], *, published: Optional[dt.date] = None, options: Optional[Options] = None
) -> Result:
    """Extract one article: ``sitrep.extract("report.html")``. Resources load once per process."""
    global _default
    if options is not None:
        return Extractor(options).extract(source, published=published)
    if _default is None:
        _default = Extractor()
    return _default.extract(source, published=published)
