"""ACLED rows from their own ``notes``: per-field agreement with the human-coded row.

Both ACLED files are read: the current schema (``afghanistan-2020-03.*.csv``: 6 event types,
25 sub-event types) and the 2016 schema (``africa-2016-01-to-05.dev.csv``: 9 event types,
no sub-event types, upper-case columns), whose types are mapped onto the current taxonomy
(:data:`OLD_TYPES`).

How a row is scored:

* input: the row's notes as the article text, with the row's event date as the publication
  date (ACLED notes usually open with "On 5 March 2020," so the date also resolves from text),
  without the coder's remarks that state the answer (:func:`strip_coding`: "Fatalities coded
  as 0 (VoJ reported N)." keeps "(VoJ reported N)" at the end of the sentence before it;
  "Fatalities are split across N events (M)." goes);
* each row is one event: sitrep's most confident event is compared (the first in the text on a
  tie); a row where sitrep finds no event, or refuses the text, is wrong on every field;
* fields: event type, sub-event type (only where the gold determines one), actor1 and actor2
  (strict: the name as written; lenient: :func:`~.metrics.lenient_actor`, without ACLED's
  period suffix), admin1 (case- and accent-folded), location within 25 km (haversine between
  the gold latitude/longitude and sitrep's place), fatalities exact (ACLED's imputation for
  deaths without a number applied, as the ACLED export does), date exact;
* the majority baseline answers every row with the best constant for each field, computed on
  the same rows (on the Afghanistan file: "Battles / Armed clash", "Taliban", 0 fatalities).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from ..errors import UsageError
from ..records import Event, Result
from .metrics import Tally, haversine_km, lenient_actor, majority, normalise_name, strict_actor
from .report import Report, Score
from ._common import Item, Timer, gold_path, run, top_event

__all__ = ["AcledGold", "AcledPrediction", "OLD_TYPES", "FILES", "read_acled", "predict", "agreement",
           "baseline", "score_rows", "error_kinds", "evaluate_acled"]  # fmt: skip

log = logging.getLogger(__name__)

#: The gold files of each split, under the evaluation folder.
FILES = {
    "dev": ["events/acled/afghanistan-2020-03.dev.csv", "events/acled/africa-2016-01-to-05.dev.csv"],
    "test": ["events/acled/afghanistan-2020-03.test.csv"],
}

#: ACLED's 2016 event types → (accepted current event types, the sub-event type it fixes or None).
#: "Riots/Protests" was split into Protests and Riots in 2019, so either is right; the old
#: "Remote violence", "Violence against civilians" and "Strategic development" leave the
#: sub-event type open, so those rows are not scored on it.
OLD_TYPES: dict[str, tuple[frozenset[str], Optional[str]]] = {
    "Battle-No change of territory": (frozenset({"Battles"}), "Armed clash"),
    "Battle-Government regains territory": (frozenset({"Battles"}), "Government regains territory"),
    "Battle-Non-state actor overtakes territory": (frozenset({"Battles"}), "Non-state actor overtakes territory"),
    "Remote violence": (frozenset({"Explosions/Remote violence"}), None),
    "Violence against civilians": (frozenset({"Violence against civilians"}), None),
    "Riots/Protests": (frozenset({"Protests", "Riots"}), None),
    "Strategic development": (frozenset({"Strategic developments"}), None),
    "Headquarters or base established": (frozenset({"Strategic developments"}), "Headquarters or base established"),
    "Non-violent transfer of territory": (frozenset({"Strategic developments"}), "Non-violent transfer of territory"),
}

_DATE_FORMATS = ("%d %B %Y", "%d/%m/%Y", "%Y-%m-%d", "%d-%B-%Y", "%d %b %Y")
_WITHIN_KM = 25.0
#: the fields in table order; "sub_event_type" is only scored where the gold fixes one
FIELDS = ("event_type", "sub_event_type", "actor1", "actor1_strict", "actor2", "actor2_strict", "actor_pair",
          "admin1", "location_25km", "fatalities", "date")  # fmt: skip


@dataclass(frozen=True)
class AcledGold:
    """One human-coded ACLED row, in the current taxonomy."""

    id: str
    notes: str
    date: Optional[dt.date]
    event_types: frozenset[str]
    sub_event_type: Optional[str]
    actor1: str
    actor2: str
    admin1: str
    location: str
    lat: Optional[float]
    lon: Optional[float]
    fatalities: Optional[int]
    original_type: str = ""
    #: "2016" for the old 9-type schema (types mapped), "current" otherwise
    taxonomy: str = "current"
    #: the notes as ACLED wrote them; ``notes`` (what sitrep reads) lacks the coder's fatality remarks
    raw_notes: str = ""


@dataclass(frozen=True)
class AcledPrediction:
    """sitrep's answer for one row, in ACLED's terms."""

    event_type: str = ""
    sub_event_type: str = ""
    actor1: str = ""
    actor2: str = ""
    admin1: str = ""
    location: str = ""
    lat: Optional[float] = None
    lon: Optional[float] = None
    fatalities: Optional[int] = None
    date: Optional[dt.date] = None
    #: the gazetteer feature of sitrep's place ("city", "admin1", …), for the failure analysis
    feature: str = ""


# -- reading -------------------------------------------------------------------------------------
def _decode(data: bytes) -> str:
    # the 2016 export is Windows-1252 (curly apostrophes as 0x92); later ones are UTF-8
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _date(value: str) -> Optional[dt.date]:
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _number(value: str, kind: Callable):
    try:
        return kind(value.strip())
    except (ValueError, AttributeError):
        return None


# The coder's own remarks carry the answer: of "Fatalities coded as 0 (VoJ reported N)." only what the
# source reported stays, "(VoJ reported N)"; "Fatalities are split across N events (M)." goes.
_PARENTHESIS = r"\((?P<source>[^()]*(?:\([^()]*\)[^()]*)*)\)"  # one level of nesting: "(… fatalities (10))"
_CODED = re.compile(rf"\bFatalities (?:were |are )?coded as [\w-]+\s*(?:{_PARENTHESIS})?\.?", re.I)
_SPLIT = re.compile(r"\bFatalities (?:are |were )?split (?:across|over|between) [^.]*?\(\d+\)\.?", re.I)


# The 2016 notes word their remarks differently: "(coded as N)", "(N fatalities coded for <day>, M coded for
# <day>)", "N fatalities recorded over K events [M in <town>; …].", "Fatalities divided between
# K events.", "Specific location not detailed - coded to <town>.": the bracket or the sentence goes.
_REMARK_WORDS = (r"\b(?:coded|fatalit\w*\s+(?:were\s+|are\s+)?(?:recorded|divided|split|distributed)"
                 r"|recorded\s+(?:over|across)\s+\d+\s+events)\b")
_REMARK_BRACKET = re.compile(rf"\s*[(\[][^()\[\]]*{_REMARK_WORDS}[^()\[\]]*[)\]]", re.I)
_REMARK_SENTENCE = re.compile(rf"(?:(?<=^)|(?<=[.!?])\s+)[^.!?]*{_REMARK_WORDS}[^.!?]*(?:[.!?]|$)", re.I)


def strip_coding(notes: str) -> str:
    """The notes without the coder's fatality remarks, which state the gold figure itself."""
    # the source's figure joins the sentence it is about: "shot a guard dead, near Bala Buluk (VoJ reported 1)."
    notes = _CODED.sub(lambda m: f"({m.group('source').strip()})." if m.group("source") else "", notes)
    notes = re.sub(r"\.\s+(\([^()]*(?:\([^()]*\)[^()]*)*\)\.)", r" \1", notes)
    notes = _SPLIT.sub("", notes)
    notes = _REMARK_SENTENCE.sub("", _REMARK_BRACKET.sub("", notes))
    notes = re.sub(r"\s*[(\[]\s*[)\]]", "", notes)  # "(fatalities coded as 10)" emptied by _CODED
    return re.sub(r"\s{2,}", " ", notes).strip()


def _row(record: dict[str, str], index: int, *, old: bool) -> AcledGold:
    get = {k.strip().lower(): (v or "") for k, v in record.items() if k}.get
    original = get("event_type", "").strip()
    if old:
        types, sub = OLD_TYPES.get(original, (frozenset({original}), None))
    else:
        types, sub = frozenset({original}), get("sub_event_type", "").strip() or None
    return AcledGold(
        id=get("data_id") or get("event_id_cnty") or str(index),
        notes=strip_coding(get("notes", "").strip()),
        raw_notes=get("notes", "").strip(),
        date=_date(get("event_date", "")),
        event_types=types,
        sub_event_type=sub,
        actor1=strict_actor(get("actor1")),
        actor2=strict_actor(get("actor2")),
        admin1=get("admin1", "").strip(),
        location=get("location", "").strip(),
        lat=_number(get("latitude", ""), float),
        lon=_number(get("longitude", ""), float),
        fatalities=_number(get("fatalities", ""), int),
        original_type=original,
        taxonomy="2016" if old else "current",
    )


def read_acled(path: Path, *, limit: Optional[int] = None) -> list[AcledGold]:
    """The rows of an ACLED CSV (either schema) that have notes; the first ``limit`` only if given."""
    try:
        text = _decode(Path(path).read_bytes())
    except OSError as err:
        raise UsageError(f"cannot read: {err.strerror or err}", input=str(path)) from err
    reader = csv.DictReader(io.StringIO(text))
    names = {(n or "").strip().lower() for n in reader.fieldnames or []}
    if not {"notes", "event_type", "actor1"} <= names:
        raise UsageError("not an ACLED CSV (needs notes, event_type and actor1 columns)", input=str(path),
                         hint="give an ACLED export, either the current or the 2016 schema")  # fmt: skip
    # the 2016 schema has no sub_event_type column: its 9 types are mapped (OLD_TYPES)
    rows = [_row(r, i, old="sub_event_type" not in names) for i, r in enumerate(reader, 1)]
    rows = [r for r in rows if r.notes]
    return rows[:limit] if limit is not None else rows


# -- sitrep's answer -----------------------------------------------------------------------------
def _acled_fatalities(event: Event, result: Result) -> int:
    """The ACLED figure, with the export's imputation for deaths reported without a number."""
    from ..export import _fatalities  # the one implementation of ACLED's imputation rule

    if event.fatalities is None:
        return 0
    claims = [{"kind": c.kind, "vague": c.vague, "sentence": c.sentence} for c in result.claims if c.id in event.claims]
    figure, _ = _fatalities({"fatalities_best": event.fatalities.best, "fatalities_vague": event.fatalities.vague},
                            claims)  # fmt: skip
    return figure


def predict(result: Optional[Result]) -> Optional[AcledPrediction]:
    """sitrep's top event as an ACLED row; None when there is none."""
    event = top_event(result)
    if event is None:
        return None
    actors = {a.id: a.name for a in result.actors}
    place = next((p for p in result.places if p.id == event.place), None)
    return AcledPrediction(
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        actor1=actors.get(event.actor1, event.actor1 or ""),
        actor2=actors.get(event.actor2, event.actor2 or ""),
        admin1=(place.admin1 or "") if place else "",
        location=place.name if place else "",
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        fatalities=_acled_fatalities(event, result),
        date=event.date,
        feature=place.feature if place else "",
    )


# -- scoring -------------------------------------------------------------------------------------
def _near(gold: AcledGold, pred: AcledPrediction) -> bool:
    if None in (gold.lat, gold.lon, pred.lat, pred.lon):
        return False
    return haversine_km(gold.lat, gold.lon, pred.lat, pred.lon) <= _WITHIN_KM


def agreement(gold: AcledGold, pred: Optional[AcledPrediction]) -> dict[str, Optional[bool]]:
    """Each field right (True), wrong (False) or not scored for this row (None)."""
    scored_sub = gold.sub_event_type is not None
    if pred is None:
        return {f: (False if f != "sub_event_type" or scored_sub else None) for f in FIELDS}
    pair = lambda a, b: sorted((lenient_actor(a), lenient_actor(b)))  # noqa: E731
    return {
        "event_type": pred.event_type in gold.event_types,
        "sub_event_type": pred.sub_event_type == gold.sub_event_type if scored_sub else None,
        "actor1": lenient_actor(pred.actor1) == lenient_actor(gold.actor1),
        "actor1_strict": pred.actor1 == gold.actor1,
        "actor2": lenient_actor(pred.actor2) == lenient_actor(gold.actor2),
        "actor2_strict": pred.actor2 == gold.actor2,
        # ACLED's actor1/actor2 carry no direction: the pair right in either order
        "actor_pair": pair(pred.actor1, pred.actor2) == pair(gold.actor1, gold.actor2),
        "admin1": normalise_name(pred.admin1) == normalise_name(gold.admin1) != "",
        "location_25km": _near(gold, pred),
        "fatalities": pred.fatalities == gold.fatalities,
        "date": pred.date is not None and pred.date == gold.date,
    }


def _best_constant(golds: list[AcledGold], candidates, ok: Callable[[AcledGold, object], Optional[bool]]):
    """The candidate answer right on most rows (the first one on a tie)."""
    best, best_hits = None, -1
    for candidate in dict.fromkeys(candidates):
        hits = sum(bool(ok(g, candidate)) for g in golds)
        if hits > best_hits:
            best, best_hits = candidate, hits
    return best


def baseline(golds: list[AcledGold]) -> AcledPrediction:
    """The majority answer: for each field the constant that is right on most of ``golds``."""
    event_type = _best_constant(golds, sorted({t for g in golds for t in g.event_types}),
                                lambda g, c: c in g.event_types)  # fmt: skip
    sub = _best_constant([g for g in golds if g.sub_event_type], [g.sub_event_type for g in golds if g.sub_event_type],
                         lambda g, c: g.sub_event_type == c)  # fmt: skip
    place = majority((g.location, g.admin1, g.lat, g.lon) for g in golds) or ("", "", None, None)
    return AcledPrediction(
        event_type=event_type or "",
        sub_event_type=sub or "",
        actor1=majority(g.actor1 for g in golds) or "",
        actor2=majority(g.actor2 for g in golds) or "",
        admin1=majority(g.admin1 for g in golds) or "",
        location=place[0],
        lat=place[2],
        lon=place[3],
        fatalities=majority(g.fatalities for g in golds),
        date=majority(g.date for g in golds),
    )


_LABELS = {
    "event_type": "event_type",
    "sub_event_type": "sub_event_type",
    "actor1": "actor1 (lenient)",
    "actor1_strict": "actor1 (strict)",
    "actor2": "actor2 (lenient)",
    "actor2_strict": "actor2 (strict)",
    "actor_pair": "actor pair, either order (lenient)",
    "admin1": "admin1",
    "location_25km": "location within 25 km",
    "fatalities": "fatalities exact",
    "date": "date exact",
}


def score_rows(golds: list[AcledGold], preds: list[Optional[AcledPrediction]]) -> tuple[list[Score], dict]:
    """The per-field scores (with the majority baseline) and the error kinds with example row ids."""
    ours = {f: Tally() for f in FIELDS}
    base = {f: Tally() for f in FIELDS}
    constant = baseline(golds)
    errors: dict[str, list[str]] = defaultdict(list)
    for gold, pred in zip(golds, preds):
        for tallies, answer in ((ours, pred), (base, constant)):
            for name, ok in agreement(gold, answer).items():
                if ok is not None:
                    tallies[name].add(ok)
        for kind in error_kinds(gold, pred):
            errors[kind].append(gold.id)
    scores = [Score.of(_LABELS[f], ours[f], baseline=base[f]) for f in FIELDS]
    ranked = sorted(errors.items(), key=lambda kv: -len(kv[1]))
    details = {
        "baseline": {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in constant.__dict__.items()},
        "errors": {k: {"count": len(ids), "examples": ids[:3]} for k, ids in ranked},
        "errors_by_field": dict(Counter(k.split(":")[0].split(" (")[0] for k, ids in ranked for _ in ids)),
    }
    return scores, details


#: ACLED's own note that a party's casualty claim was not counted ("Fatalities coded as 0 (VoJ
#: reported 3)"): it marks the rows where the coders applied their rule on belligerents' claims.
_CODED_AS_ZERO = re.compile(r"\bfatalities coded as 0\b", re.I)


def _fatality_error(gold: AcledGold, pred: AcledPrediction) -> str:
    if gold.fatalities == 0:
        if _CODED_AS_ZERO.search(gold.raw_notes or gold.notes):
            return "fatalities: a party's own claim, which ACLED codes as 0"
        return "fatalities: sitrep counts deaths the gold codes as 0"
    if pred.fatalities == 0:
        return "fatalities: sitrep 0, gold has deaths"
    more = (pred.fatalities or 0) > (gold.fatalities or 0)
    return "fatalities: sitrep more than gold" if more else "fatalities: sitrep fewer than gold"


def _location_error(gold: AcledGold, pred: AcledPrediction) -> str:
    if pred.lat is None:
        return "location: sitrep has no place"
    if pred.feature == "admin1":
        return "location: only the province (admin1 centroid)"
    if normalise_name(pred.admin1) != normalise_name(gold.admin1):
        return "location: a place of that name in another province"
    return "location: more than 25 km off in the right province"


def _actor_errors(gold: AcledGold, pred: AcledPrediction, ok: dict) -> list[str]:
    if ok["actor_pair"] and not ok["actor1"]:
        return ["actors: right pair, reversed order"]
    kinds = []
    for slot, mine, theirs in (("actor1", pred.actor1, gold.actor1), ("actor2", pred.actor2, gold.actor2)):
        if not ok[slot]:
            kinds.append(f"{slot}: {theirs or '(none)'} -> {mine or '(none)'}")
    return kinds


def error_kinds(gold: AcledGold, pred: Optional[AcledPrediction]) -> list[str]:
    """Named kinds of disagreement for the failure analysis (one per wrong field)."""
    if pred is None:
        return [f"no event (gold {gold.original_type or '/'.join(sorted(gold.event_types))})"]
    ok = agreement(gold, pred)
    kinds = []
    if not ok["event_type"]:
        kinds.append(f"event type: {gold.original_type} -> {pred.event_type}")
    elif ok["sub_event_type"] is False:
        kinds.append(f"sub-event type: {gold.sub_event_type} -> {pred.sub_event_type}")
    kinds += _actor_errors(gold, pred, ok)
    if not ok["location_25km"]:
        kinds.append(_location_error(gold, pred))
    if not ok["fatalities"]:
        kinds.append(_fatality_error(gold, pred))
    if not ok["date"]:
        kinds.append("date: none" if pred.date is None else "date: different day")
    return kinds


# -- the run -------------------------------------------------------------------------------------
NOTES = [
    "input: the notes column as article text; publication date = the row's event_date",
    "one event per row: sitrep's most confident event (first in text on a tie); no event = wrong on every field",
    "actor lenient = case/accent-folded, ACLED period suffix like '(2014-)' dropped; strict = exact name",
    "fatalities: ACLED's imputation for deaths without a number (3 or 10) applied, as in the ACLED export",
    "baseline: the best constant answer per field on the same rows",
]


def evaluate_acled(path: Path, *, extractor, split: str = "dev", limit: Optional[int] = None) -> Report:
    """Score sitrep on one ACLED file; ``extractor`` is a :class:`~sitrep.pipeline.Extractor` (or a fake)."""
    golds = read_acled(gold_path(path, ""), limit=limit)
    items = [Item(g.id, g.notes, g.date) for g in golds]
    with Timer() as timer:
        results, failures = run(extractor, items)
    preds = [predict(r) for r in results]
    scores, details = score_rows(golds, preds)
    details["refused"] = dict(failures)
    details["no_event"] = sum(p is None for p in preds)
    details["original_types"] = dict(Counter(g.original_type for g in golds))
    notes = list(NOTES)
    if any(g.taxonomy == "2016" for g in golds):
        notes.append("2016 taxonomy mapped: Riots/Protests accepts Protests or Riots; sub-event type scored only "
                     "where the old type fixes it (Battle-*, HQ established, non-violent transfer)")  # fmt: skip
    return Report(set=f"acled:{Path(path).name}", split=split, gold=str(path), rows=len(golds), scores=scores,
                  notes=notes, details=details, seconds=round(timer.seconds, 2))  # fmt: skip
