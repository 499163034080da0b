"""Zyte's article-extraction benchmark: does sitrep keep the article body, and only it?

For each page (``html/<sha256>.html.gz``, gold ``ground-truth.json`` → ``articleBody``),
two texts are scored in the same run, from the same bytes:

* sitrep: stage 1 (:func:`sitrep.ingest.parse_bytes`, format html) then stage 2
  (:func:`sitrep.clean.clean_text`): the text sitrep hands to spaCy;
* trafilatura: ``trafilatura.extract(html)`` with its defaults, the baseline.

The score is token precision/recall/F1 per page (case-folded word tokens, a bag: each gold
token matched once), averaged over pages. A page sitrep refuses (no text, not a page) scores
0, as does a page trafilatura returns nothing for. The set has no split: it is all dev.
"""

from __future__ import annotations

import gzip
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import trafilatura

from ..clean import clean_text
from ..errors import SitrepError, UsageError
from ..ingest import parse_bytes
from ..options import IngestOptions
from .metrics import PRF, Tally, token_prf
from .report import Report, Score
from ._common import Timer, gold_path

__all__ = ["FILES", "Page", "read_pages", "sitrep_body", "trafilatura_body", "score_pages", "evaluate_extraction"]

log = logging.getLogger(__name__)

FILES = {"dev": "extraction/zyte-article-benchmark"}


@dataclass(frozen=True)
class Page:
    id: str
    html: bytes
    body: str
    url: Optional[str] = None


def read_pages(folder: Path, *, limit: Optional[int] = None) -> list[Page]:
    """The benchmark's pages that have both gold and HTML, in gold order."""
    try:
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise UsageError(f"cannot read ground-truth.json: {err}", input=str(folder),
                         hint="give the benchmark folder holding ground-truth.json and html/") from err  # fmt: skip
    pages = []
    for key, gold in truth.items():
        path = folder / "html" / f"{key}.html.gz"
        if not path.exists():
            log.warning("%s: no HTML for this gold entry", path)
            continue
        pages.append(Page(key, gzip.decompress(path.read_bytes()), gold.get("articleBody") or "", gold.get("url")))
        if limit is not None and len(pages) >= limit:
            break
    return pages


def sitrep_body(page: Page, options: IngestOptions) -> str:
    """The clean text sitrep would analyse; "" when it refuses the page."""
    try:
        raw = parse_bytes(page.html, input=page.id, options=options, format="html", url=page.url)
    except SitrepError as err:
        log.debug("%s", err)
        return ""
    return clean_text(raw.text).text


def trafilatura_body(page: Page) -> str:
    """trafilatura's default extraction (comments included, as by default)."""
    return trafilatura.extract(page.html, url=page.url) or ""


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def score_pages(pages: list[Page], texts: list[str]) -> dict[str, float]:
    """Mean per-page token precision, recall and F1."""
    scores: list[PRF] = [token_prf(p.body, t) for p, t in zip(pages, texts)]
    return {"precision": _mean([s.precision for s in scores]), "recall": _mean([s.recall for s in scores]),
            "f1": _mean([s.f1 for s in scores])}  # fmt: skip


def evaluate_extraction(folder: Path, *, options: IngestOptions, split: str = "dev", limit: Optional[int] = None) -> Report:
    """Score sitrep's clean article text and trafilatura's default on the benchmark, in one run."""
    pages = read_pages(gold_path(folder, ""), limit=limit)
    with Timer() as ours_timer:
        ours = [sitrep_body(p, options) for p in pages]
    with Timer() as theirs_timer:
        theirs = [trafilatura_body(p) for p in pages]
    mine, base = score_pages(pages, ours), score_pages(pages, theirs)
    per_page = [(token_prf(p.body, a).f1, token_prf(p.body, b).f1) for p, a, b in zip(pages, ours, theirs)]
    at_least = Tally(sum(a >= b - 1e-9 for a, b in per_page), len(per_page))
    scores = [Score(f"token {k}", mine[k], None, len(pages), base[k]) for k in ("precision", "recall", "f1")]
    scores[0].note = "baseline = trafilatura.extract() with its defaults"
    scores.append(Score.of("pages where sitrep F1 >= trafilatura's", at_least))
    worst = sorted(zip(pages, per_page), key=lambda pp: pp[1][0] - pp[1][1])[:5]
    return Report(
        set="extraction:zyte", split=split, gold=str(folder), rows=len(pages), scores=scores,
        notes=["sitrep = ingest (html) + clean; trafilatura = extract(html) with defaults; same bytes, same run",
               "token P/R/F1: case-folded word tokens as a bag, per page, averaged over pages",
               f"time: sitrep {ours_timer.seconds:.1f} s, trafilatura {theirs_timer.seconds:.1f} s"],
        details={"sitrep_seconds": round(ours_timer.seconds, 2), "trafilatura_seconds": round(theirs_timer.seconds, 2),
                 "worst_vs_trafilatura": [{"page": p.id, "sitrep_f1": a, "trafilatura_f1": b} for p, (a, b) in worst]},
        seconds=round(ours_timer.seconds + theirs_timer.seconds, 2),
    )  # fmt: skip
