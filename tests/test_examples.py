"""Golden cases: each bundled example against its hand-written expectations file.

``examples/expected/NAME.yaml`` was written by reading the article, before any program
output existed (format: ``examples/README.md``). Each section (text, places, quotes,
claims, events) is its own test, so a failure says which stage fell short.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = sorted((ROOT / "examples" / "expected").glob("*.yaml"))
SECTIONS = ["text", "places", "quotes", "claims", "events"]

pytestmark = [pytest.mark.model, pytest.mark.gazetteer]


def fold(text) -> str:
    text = unicodedata.normalize("NFKD", str(text or ""))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


@pytest.fixture(scope="module")
def results(extractor):
    out = {}
    for path in EXPECTED:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        published = spec.get("published")
        if isinstance(published, str):
            published = dt.date.fromisoformat(published)
        out[path.stem] = (spec, extractor.extract(ROOT / "examples" / spec["input"], published=published))
    return out


def test_there_are_enough_examples():
    assert len(EXPECTED) >= 12


@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("name", [p.stem for p in EXPECTED])
def test_example(results, name, section):
    spec, result = results[name]
    problems = CHECKS[section](spec, result)
    assert not problems, f"{name} / {section}:\n  " + "\n  ".join(problems)


# -- section checks: each returns a list of human-readable problems ---------------------------
def check_text(spec, result) -> list[str]:
    text = fold(result.document.text)
    section = spec.get("text") or {}
    problems = [f"missing from text: {s!r}" for s in section.get("must_contain", []) if fold(s) not in text]
    problems += [f"leftover in text: {s!r}" for s in section.get("must_not_contain", []) if fold(s) in text]
    if spec.get("title") and fold(spec["title"]) != fold(result.document.title):
        problems.append(f"title {result.document.title!r} != {spec['title']!r}")
    if spec.get("published") and str(result.document.published) != str(spec["published"]):
        problems.append(f"published {result.document.published} != {spec['published']}")
    return problems


def check_places(spec, result) -> list[str]:
    problems = []
    for want in spec.get("places", []):
        names = lambda p: {fold(p.name)} | {fold(result.document.text[m.start:m.end]) for m in p.mentions}
        if not any(fold(want["name"]) in names(p) and p.country == want.get("country", p.country) for p in result.places):
            got = [(p.name, p.country) for p in result.places]
            problems.append(f"place {want} not resolved; got {got}")
    return problems


def _actor_names(result, actor_id) -> str:
    actor = next((a for a in result.actors if a.id == actor_id), None)
    return fold(" | ".join([actor.name, *actor.aliases])) if actor else ""


def check_quotes(spec, result) -> list[str]:
    problems, used = [], set()
    for want in spec.get("quotes", []):
        def ok(q):
            speaker = fold(q.speaker) + " | " + _actor_names(result, q.speaker_actor)
            return (fold(want["speaker"]) in speaker and fold(want.get("contains", "")) in fold(q.text)
                    and ("channel" not in want or fold(want["channel"]) == fold(q.channel)))
        match = next((q for q in result.quotes if q.id not in used and ok(q)), None)
        if match is None:
            got = [(q.speaker, q.text[:50], q.channel) for q in result.quotes]
            problems.append(f"quote {want} not found; got {got}")
        else:
            used.add(match.id)
    return problems


def _claim_ok(result, claim, want) -> bool:
    if want.get("kind") and claim.kind != want["kind"]:
        return False
    if fold(want.get("sentence", "")) not in fold(claim.sentence):
        return False
    for key in ("low", "high", "vague", "denial"):
        if key in want and getattr(claim, key) != want[key]:
            return False
    if "claimant" in want:
        if want["claimant"] is None:
            return claim.claimant is None
        said = fold(claim.claimant) + " | " + _actor_names(result, claim.claimant_actor)
        return fold(want["claimant"]) in said
    return True


def check_claims(spec, result) -> list[str]:
    section = spec.get("claims") or []
    wanted = section if isinstance(section, list) else section.get("items", [])
    must_not = [] if isinstance(section, list) else section.get("must_not", [])
    must_not += spec.get("claims_must_not", [])
    problems, used = [], set()
    for want in wanted:
        match = next((c for c in result.claims if c.id not in used and _claim_ok(result, c, want)), None)
        if match is None:
            got = [(c.kind, c.low, c.high, c.vague, c.claimant, c.sentence[:60]) for c in result.claims]
            problems.append(f"claim {want} not found; got {got}")
        else:
            used.add(match.id)
    for bad in must_not:
        hits = [c for c in result.claims if fold(bad["sentence"]) in fold(c.sentence)]
        if hits:
            problems.append(f"unwanted claim from {bad['sentence']!r}")
    return problems


def _event_ok(result, event, want) -> bool:
    places = {p.id: p for p in result.places}
    claims = {c.id: c for c in result.claims}
    if event.event_type != want["event_type"] or event.sub_event_type != want["sub_event_type"]:
        return False
    if "date" in want and str(event.date) != str(want["date"]):
        return False
    if "date_precision" in want and event.date_precision != want["date_precision"]:
        return False
    if "place" in want:
        place = places.get(event.place)
        if place is None or fold(want["place"]) not in {fold(place.name)} | {
            fold(result.document.text[m.start:m.end]) for m in place.mentions
        }:
            return False
    names = " || ".join(_actor_names(result, a) for a in [event.actor1, event.actor2, *event.associated_actors] if a)
    if any(fold(a) not in names for a in want.get("actors", [])):
        return False
    if want.get("fatalities"):
        f = event.fatalities
        if f is None or any(getattr(f, k) != v for k, v in want["fatalities"].items()):
            return False
    sentences = [fold(claims[c].sentence) for c in event.claims]
    return all(any(fold(s) in x for x in sentences) for s in want.get("claims", []))


def check_events(spec, result) -> list[str]:
    section = spec.get("events") or {}
    problems, used = [], set()
    got = [
        (e.event_type, e.sub_event_type, str(e.date), e.date_precision, e.place, e.actor1, e.actor2,
         e.fatalities.model_dump() if e.fatalities else None, len(e.claims))
        for e in result.events
    ]
    if "count" in section and len(result.events) != section["count"]:
        problems.append(f"{len(result.events)} events, expected {section['count']}: {got}")
    for want in section.get("items", []):
        match = next((e for e in result.events if e.id not in used and _event_ok(result, e, want)), None)
        if match is None:
            problems.append(f"event {want} not found; got {got}")
        else:
            used.add(match.id)
    return problems


CHECKS = {"text": check_text, "places": check_places, "quotes": check_quotes, "claims": check_claims,
          "events": check_events}
