"""Shared kit of the fatality tests: run a hand-written report through the whole pipeline and read
its death claims and figure."""

from __future__ import annotations

import datetime as dt

from sitrep.ingest import RawDocument


def run_on(extractor, text: str, published: dt.date):
    return extractor.extract_raw(RawDocument(input="test", text=text, format="text", published=published))


def deaths(result):
    return [c for c in result.claims if c.kind == "killed"]


def best(result):
    return max((e.fatalities.best if e.fatalities else 0 for e in result.events), default=0)
