"""A short human-readable situation report of one :class:`~sitrep.records.Result`."""

from __future__ import annotations

from .records import Claim, Event, Result

__all__ = ["situation_report"]


def _figure(claim: Claim) -> str:
    if claim.denial:
        return "none"
    if claim.low is not None and claim.high is not None and claim.low != claim.high:
        return f"{claim.low}–{claim.high}"
    if claim.low is not None and claim.high is None:
        return f"{claim.low}+" if claim.vague or claim.low else str(claim.low)
    if claim.low is None and claim.high is not None:
        return f"up to {claim.high}"
    return "?" if claim.low is None else str(claim.low)


def _event_lines(result: Result, event: Event) -> list[str]:
    actors = {a.id: a.name for a in result.actors}
    places = {p.id: p for p in result.places}
    claims = {c.id: c for c in result.claims}
    place = places.get(event.place) if event.place else None
    where = f"{place.name}, {place.admin1 or ''} {place.country or ''}".replace(" ,", ",").strip(", ") if place else "place unknown"
    who = " vs ".join(actors.get(a, a) for a in (event.actor1, event.actor2) if a) or "actors unknown"
    precision = {1: "", 2: " (week)", 3: " (month)"}[event.date_precision]
    lines = [f"[{event.id}] {event.date or 'date unknown'}{precision} · {where} · {event.event_type} / {event.sub_event_type}",
             f"     {who}"]
    if event.fatalities:
        f = event.fatalities
        high = "?" if f.high is None else f.high
        lines.append(f"     fatalities: best {f.best} (range {f.low}–{high}){' · vague reports' if f.vague else ''}")
    for claim_id in event.claims:
        claim = claims[claim_id]
        who_says = claim.claimant or result.document.source or "the report"
        victims = f" {claim.victim_text}" if claim.victim_text else ""
        lines.append(f"     - {claim.kind} {_figure(claim)}{victims}, according to {who_says}")
    return lines


def situation_report(result: Result) -> str:
    """Title line, then each event with date, place, actors, figures and who claims them."""
    doc = result.document
    head = f"{doc.title or result.input} — {doc.source or 'unknown outlet'}, published {doc.published or 'date unknown'}"
    lines = [head, "=" * min(len(head), 100)]
    if not result.events:
        lines.append("No ACLED event found.")
    for event in result.events:
        lines.extend(_event_lines(result, event))
    unlinked = [c for c in result.claims if c.event is None]
    if unlinked:
        lines.append(f"{len(unlinked)} casualty claim(s) not linked to an event.")
    if result.quotes:
        lines.append(f"{len(result.quotes)} quote(s); {len(result.removed)} boilerplate line(s) removed.")
    return "\n".join(lines)
