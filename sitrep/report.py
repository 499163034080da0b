"""``sitrep report``: a situation report over the store's fused events, as one HTML file or a PDF.

The report, in order: the period and what it holds (events, fatalities best and low–high,
sources), a map, a timeline chart, then the deadliest events, each with every claim behind
its figure (who says so, in which outlet, when, the sentence). Everything is inline (CSS,
SVG; no script, no font or image fetched), and every value from the store is escaped, so
an article containing markup prints as text. The map's outlines are the web page's Natural
Earth countries (``sitrep/serve/static/countries-110m.json``).

A ``.pdf`` is printed from the HTML by headless Chromium (``--print-to-pdf``); without a
Chromium the error says how to install one.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import logging
import math
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path
from typing import Iterable, Optional, Sequence

from .errors import ResourceError, UsageError
from .store import Store

__all__ = ["build_report", "write_report", "find_chromium", "print_pdf", "OUTLINES"]

log = logging.getLogger(__name__)

OUTLINES = Path(__file__).resolve().parent / "serve" / "static" / "countries-110m.json"
_CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: killed claims make the figure; other kinds (injured, abducted…) are listed, not summed
_DEATHS = "killed"
_MAP_W, _MAP_H, _MAP_PAD, _MIN_SPAN = 760.0, 380.0, 16.0, 8.0
_CHART_W, _CHART_H = 760.0, 170.0
_PDF_TIMEOUT = 120

_TYPE_COLOURS = {
    "Battles": "#d55e00",
    "Explosions/Remote violence": "#cc79a7",
    "Violence against civilians": "#0072b2",
    "Protests": "#009e73",
    "Riots": "#e69f00",
    "Strategic developments": "#56b4e9",
}

_CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:12px;color:#1d2329;margin:24px;max-width:800px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:15px;margin:20px 0 6px;border-bottom:1px solid #ccc}
h3{font-size:13px;margin:14px 0 4px}.muted{color:#5b6670}table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:3px 5px;border-bottom:1px solid #e3e6e9}th{color:#5b6670;font-weight:normal}
td.n{text-align:right;white-space:nowrap}.sentence{color:#333;font-style:italic}.dot{display:inline-block;width:9px;
height:9px;border-radius:50%;margin-right:4px}.event{page-break-inside:avoid}.disputed{color:#8a4600}
svg{display:block;max-width:100%;height:auto}.country{fill:#f4f1ea;stroke:#b9b3a6;stroke-width:.5}.sea{fill:#eaf2f8}
"""


# -- the data ------------------------------------------------------------------------------------
def _events(store: Store, since: dt.date, until: Optional[dt.date], country: Optional[str]) -> list[dict]:
    events = store.fused_events(since=since, country=country)
    return [e for e in events if e["date"] is not None and (until is None or e["date"] <= until)]


def _top(events: Sequence[dict], n: int) -> list[dict]:
    """The ``n`` deadliest events (best figure, then the widest claim), newest first among equals."""
    ranked = sorted(events, key=lambda e: (e["fatalities_best"] or 0, e["fatalities_high"] or 0, e["date"]), reverse=True)
    return ranked[:n]


# -- small formatting helpers ---------------------------------------------------------------------
def _e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _figure(claim: dict) -> str:
    if claim["denial"]:
        return "none (denied)"
    low, high = claim["low"], claim["high"]
    if low is None and high is None:
        return "no number"
    if high is None:
        return f"at least {low}"
    if low is None:
        return f"up to {high}"
    return str(low) if low == high else f"{low}–{high}"


def _fatalities(event: dict) -> str:
    best = event["fatalities_best"]
    if best is None:
        return "no figure"
    low, high = event["fatalities_low"] or 0, event["fatalities_high"]
    spread = f"{low} or more" if high is None else (None if low == high else f"{low}–{high}")
    return f"{best} ({spread})" if spread else str(best)


def _place(event: dict) -> str:
    return ", ".join(p for p in (event["location"], event["admin1"], event["country"]) if p) or "place unknown"


def _link(url: Optional[str]) -> str:
    # only http(s) becomes a link: a javascript: or data: URL in a page's metadata stays text
    if url and url.lower().startswith(("http://", "https://")):
        return f'<a href="{_e(url)}">{_e(url)}</a>'
    return _e(url)


# -- the map --------------------------------------------------------------------------------------
def _rings(topology: dict) -> Iterable[list[tuple[float, float]]]:
    """Every polygon ring of a TopoJSON topology's ``countries``, as (lon, lat) lists."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # quantised and delta-encoded (TopoJSON spec, "transforms")
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            for ring in polygon:
                points: list[tuple[float, float]] = []
                for index in ring:
                    arc = arcs[index] if index >= 0 else arcs[~index][::-1]
                    points.extend(arc[1:] if points else arc)
                yield points


class _Projection:
    """Equirectangular, scaled by the cosine of the view's middle latitude, fitted to a box."""

    def __init__(self, west: float, east: float, south: float, north: float):
        self.k_lon = math.cos(math.radians((south + north) / 2))
        width, height = (east - west) * self.k_lon, north - south
        self.scale = min((_MAP_W - 2 * _MAP_PAD) / width, (_MAP_H - 2 * _MAP_PAD) / height)
        self.x0 = _MAP_W / 2 - (west + east) / 2 * self.k_lon * self.scale
        self.y0 = _MAP_H / 2 + (south + north) / 2 * self.scale

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return self.x0 + lon * self.k_lon * self.scale, self.y0 - lat * self.scale


def _view(events: Sequence[dict]) -> tuple[float, float, float, float]:
    located = [(e["longitude"], e["latitude"]) for e in events if e["longitude"] is not None and e["latitude"] is not None]
    if not located:
        return -180.0, 180.0, -60.0, 85.0
    lons, lats = [p[0] for p in located], [p[1] for p in located]
    cx, cy = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    half = max(_MIN_SPAN / 2, (max(lons) - min(lons)) * 0.6, (max(lats) - min(lats)) * 0.6)
    return max(-180.0, cx - half), min(180.0, cx + half), max(-85.0, cy - half), min(85.0, cy + half)


def _unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring crossing the antimeridian made continuous (longitudes past 180), so it draws no streak."""
    out = [ring[0]]
    offset = 0.0
    for (prev, _), (lon, lat) in zip(ring, ring[1:]):
        if lon - prev > 180:
            offset -= 360.0
        elif prev - lon > 180:
            offset += 360.0
        out.append((lon + offset, lat))
    return out


def _radius(event: dict) -> float:
    best = event["fatalities_best"]
    return 3.5 if best is None else min(28.0, 4 + 2.2 * math.sqrt(best))


def _map_svg(events: Sequence[dict], topology: Optional[dict]) -> str:
    project = _Projection(*_view(events))
    paths = []
    for ring in _rings(topology) if topology else ():
        if min(lat for _, lat in ring) < -60:
            continue  # Antarctica circles the pole: no conflict map needs it
        unwrapped = _unwrap(ring)
        for shift in {0.0, -360.0 if max(lon for lon, _ in unwrapped) > 180 else 0.0}:
            points = [project(lon + shift, lat) for lon, lat in unwrapped]
            paths.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    land = f'<path class="country" d="{"".join(paths)}"/>' if paths else ""
    markers = []
    for event in sorted(events, key=_radius, reverse=True):
        if event["longitude"] is None or event["latitude"] is None:
            continue
        x, y = project(event["longitude"], event["latitude"])
        colour = _TYPE_COLOURS.get(event["event_type"], "#777")
        title = f"{event['sub_event_type']} — {_place(event)}, {event['date']}: {_fatalities(event)}"
        markers.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{_radius(event):.1f}" fill="{colour}" fill-opacity="0.72"'
            f' stroke="#fff"><title>{_e(title)}</title></circle>'
        )
    return (
        f'<svg viewBox="0 0 {_MAP_W:.0f} {_MAP_H:.0f}" role="img" aria-label="Map of the events">'
        f'<rect class="sea" width="{_MAP_W:.0f}" height="{_MAP_H:.0f}"/>{land}{"".join(markers)}</svg>'
    )


# -- the timeline ---------------------------------------------------------------------------------
def _bins(events: Sequence[dict], since: dt.date, until: dt.date) -> tuple[str, list[dict]]:
    """Events and fatalities per day (up to four months), week (up to two years) or month."""
    span = (until - since).days
    unit = "day" if span <= 120 else "week" if span <= 730 else "month"

    def start(day: dt.date) -> dt.date:
        if unit == "week":
            return day - dt.timedelta(days=day.weekday())
        return day.replace(day=1) if unit == "month" else day

    bins: dict[dt.date, dict] = {}
    for event in events:
        b = bins.setdefault(start(event["date"]), {"events": 0, "low": 0, "best": 0, "high": 0, "open": False})
        b["events"] += 1
        b["low"] += event["fatalities_low"] or 0
        b["best"] += event["fatalities_best"] or 0
        b["high"] += event["fatalities_high"] if event["fatalities_high"] is not None else event["fatalities_best"] or 0
        b["open"] |= event["fatalities_best"] is not None and event["fatalities_high"] is None
    first, last = start(since), start(until)
    return unit, [{"start": d, **b} for d, b in sorted(bins.items()) if first <= d <= last]


def _chart_svg(events: Sequence[dict], since: dt.date, until: dt.date) -> str:
    unit, bins = _bins(events, since, until)
    left, right, top, bottom, counts_top, counts_bottom = 40.0, 8.0, 10.0, 100.0, 112.0, 150.0
    days = max(1, (until - since).days + 1)
    step = {"day": 1, "week": 7, "month": 30}[unit]
    x = lambda d: left + (d - since).days / (days + step) * (_CHART_W - left - right)  # noqa: E731
    width = max(2.0, step / (days + step) * (_CHART_W - left - right) - 1)
    f_max = max([1] + [max(b["high"], b["best"]) for b in bins])
    c_max = max([1] + [b["events"] for b in bins])
    y_f = lambda v: bottom - v / f_max * (bottom - top)  # noqa: E731
    y_c = lambda v: counts_bottom - v / c_max * (counts_bottom - counts_top)  # noqa: E731
    parts = [
        f'<line x1="{left}" x2="{_CHART_W - right}" y1="{bottom}" y2="{bottom}" stroke="#9aa4ad"/>',
        f'<line x1="{left}" x2="{_CHART_W - right}" y1="{counts_bottom}" y2="{counts_bottom}" stroke="#9aa4ad"/>',
        f'<text x="{left - 4}" y="{top + 4}" font-size="9" text-anchor="end">{f_max}</text>',
        f'<text x="{left - 4}" y="{counts_top + 4}" font-size="9" text-anchor="end">{c_max}</text>',
        f'<text x="{left + 4}" y="{top + 4}" font-size="9" fill="#5b6670">fatalities per {unit}: band low–high, dot best</text>',
        f'<text x="{left + 4}" y="{counts_top - 2}" font-size="9" fill="#5b6670">events per {unit}</text>',
        f'<text x="{left}" y="{_CHART_H - 4}" font-size="9">{since}</text>',
        f'<text x="{_CHART_W - right}" y="{_CHART_H - 4}" font-size="9" text-anchor="end">{until}</text>',
    ]
    for b in bins:
        x0 = x(b["start"]) if b["start"] >= since else left
        band = max(1.5, y_f(b["low"]) - y_f(b["high"]))
        parts.append(f'<rect x="{x0:.1f}" y="{y_f(b["high"]):.1f}" width="{width:.1f}" height="{band:.1f}" fill="#e8a3a3"/>')
        parts.append(f'<circle cx="{x0 + width / 2:.1f}" cy="{y_f(b["best"]):.1f}" r="2.4" fill="#8b0000"/>')
        parts.append(f'<rect x="{x0:.1f}" y="{y_c(b["events"]):.1f}" width="{width:.1f}"'
                     f' height="{counts_bottom - y_c(b["events"]):.1f}" fill="#7f93a6"/>')  # fmt: skip
    return f'<svg viewBox="0 0 {_CHART_W:.0f} {_CHART_H:.0f}" role="img" aria-label="Timeline">{"".join(parts)}</svg>'


# -- the events -----------------------------------------------------------------------------------
def _range_bar(claim: dict, scale: float, best: Optional[int]) -> str:
    """One claim's figure on the event's shared 0…scale axis; the dashed line is the coded best."""
    w, h = 160.0, 12.0
    x = lambda v: 2 + v / scale * (w - 4)  # noqa: E731
    parts = [f'<line x1="2" x2="{w - 2}" y1="{h / 2}" y2="{h / 2}" stroke="#c7cdd3"/>']
    if claim["denial"]:
        parts.append(f'<circle cx="{x(0):.1f}" cy="{h / 2}" r="4" fill="none" stroke="#b2182b"/>')
    elif claim["low"] is not None or claim["high"] is not None:
        low = claim["low"] or 0
        high = scale if claim["high"] is None else claim["high"]
        opacity = "0.35" if claim["high"] is None else "0.85"
        parts.append(f'<rect x="{x(low) - 1:.1f}" y="2" width="{max(3.0, x(high) - x(low)):.1f}" height="{h - 4}"'
                     f' fill="#b2182b" fill-opacity="{opacity}"/>')  # fmt: skip
    if best is not None and claim["kind"] == _DEATHS:
        parts.append(f'<line x1="{x(best):.1f}" x2="{x(best):.1f}" y1="0" y2="{h}" stroke="#000" stroke-dasharray="2 2"/>')
    return f'<svg width="{w:.0f}" height="{h:.0f}" viewBox="0 0 {w:.0f} {h:.0f}">{"".join(parts)}</svg>'


def _event_section(event: dict, claims: list[dict], names: dict) -> str:
    actors = " vs ".join(names.get(a, (a, ""))[0] for a in (event["actor1"], event["actor2"]) if a) or "actors unknown"
    colour = _TYPE_COLOURS.get(event["event_type"], "#777")
    disputed = event["fatalities_best"] is not None and event["fatalities_high"] != event["fatalities_low"]
    scale = max([1] + [v for c in claims for v in (c["low"], c["high"]) if v is not None]) * 1.15
    rows = "".join(
        f"<tr><td>{_e(c['claimant'] or 'the outlet')}</td><td>{_e(c['outlet'] or c['url'] or '?')}</td>"
        f"<td>{_e(c['date'] or c['published'] or '?')}</td><td>{_e(c['kind'])} {_e(_figure(c))}</td>"
        f"<td>{_range_bar(c, scale, event['fatalities_best'])}</td></tr>"
        f"<tr><td></td><td colspan=\"4\" class=\"sentence\">{_e(c['sentence'].strip())}</td></tr>"
        for c in claims
    )
    table = (f"<table><tr><th>claimant</th><th>outlet</th><th>date</th><th>claim</th><th>range</th></tr>{rows}</table>"
             if claims else '<p class="muted">No casualty claim recorded.</p>')  # fmt: skip
    flag = ' <span class="disputed">· sources disagree</span>' if disputed else ""
    return (
        f'<div class="event"><h3><span class="dot" style="background:{colour}"></span>'
        f"{_e(event['date'])} · {_e(event['sub_event_type'])} · {_e(_place(event))}</h3>"
        f'<p>{_e(actors)}. Fatalities: <b>{_e(_fatalities(event))}</b>{flag}. '
        f'<span class="muted">{event["n_documents"]} document(s); id {_e(event["id"])}</span></p>{table}</div>'
    )


def _summary(events: Sequence[dict], sources: int) -> str:
    best = sum(e["fatalities_best"] or 0 for e in events)
    low = sum(e["fatalities_low"] or 0 for e in events)
    open_ended = any(e["fatalities_best"] is not None and e["fatalities_high"] is None for e in events)
    high = sum(e["fatalities_high"] if e["fatalities_high"] is not None else e["fatalities_best"] or 0 for e in events)
    by_type = Counter(e["event_type"] for e in events)
    rows = "".join(
        f'<tr><td><span class="dot" style="background:{_TYPE_COLOURS.get(t, "#777")}"></span>{_e(t)}</td>'
        f'<td class="n">{n}</td></tr>' for t, n in by_type.most_common()
    )
    high_text = f"{high} or more" if open_ended else str(high)
    return (
        f"<p><b>{len(events)}</b> events reported by <b>{sources}</b> source document(s). Fatalities: best "
        f"<b>{best}</b> (claims range from {low} to {high_text}).</p><table><tr><th>event type</th>"
        f'<th class="n">events</th></tr>{rows}</table>'
    )


def build_report(
    store: Store,
    *,
    since: dt.date,
    until: Optional[dt.date] = None,
    country: Optional[str] = None,
    top: int = 10,
    outlines: Optional[dict] = None,
) -> tuple[str, int]:
    """The report as one HTML page, and how many events it covers."""
    events = _events(store, since, until, country)
    until = until or max((e["date"] for e in events), default=since)
    ids = [e["id"] for e in events]
    sources = {s["id"] for found in store.event_sources(ids).values() for s in found}
    chosen = _top(events, top)
    claims = store.event_claims([e["id"] for e in chosen])
    names = store.actors(a for e in chosen for a in (e["actor1"], e["actor2"]) if a)
    where = f" in {country.upper()}" if country else ""
    sections = "".join(_event_section(e, claims[e["id"]], names) for e in chosen) or '<p class="muted">No events.</p>'
    page = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Situation report{_e(where)}, '
        f"{since} to {until}</title><style>{_CSS}</style></head><body>"
        f"<h1>Situation report{_e(where)}</h1><p class=\"muted\">{since} to {until} · generated "
        f"{dt.date.today()} by sitrep from {_e(Path(store.path).name)}. Figures follow ACLED: best is the most "
        f"conservative credible figure; low–high is what the sources claim.</p>"
        f"<h2>Overview</h2>{_summary(events, len(sources))}"
        f"<h2>Map</h2>{_map_svg(events, outlines if outlines is not None else _load_outlines())}"
        f"<h2>Timeline</h2>{_chart_svg(events, since, until)}"
        f"<h2>Top events and the claims behind each figure</h2>{sections}"
        f'<p class="muted">Country outlines: Natural Earth (public domain).</p></body></html>'
    )
    return page, len(events)


def _load_outlines() -> Optional[dict]:
    try:
        return json.loads(OUTLINES.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        log.warning("no country outlines for the map (%s): drawing markers only", err)
        return None


# -- files ----------------------------------------------------------------------------------------
def find_chromium() -> Optional[str]:
    """The path of a Chromium (or Chrome) on PATH, else None."""
    return next((found for name in _CHROMIUM_NAMES if (found := shutil.which(name))), None)


def print_pdf(html_path: Path, pdf_path: Path, *, chromium: str) -> None:
    """Print ``html_path`` to ``pdf_path`` with headless Chromium (a fresh profile, no network)."""
    with tempfile.TemporaryDirectory(prefix="sitrep-chromium-") as profile:
        command = [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}",
            html_path.resolve().as_uri(),
        ]  # fmt: skip
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=_PDF_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise ResourceError(f"Chromium could not print the PDF: {err}", input=str(pdf_path)) from err
    if done.returncode != 0 or not pdf_path.is_file() or pdf_path.stat().st_size == 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise ResourceError(f"Chromium could not print the PDF (exit {done.returncode}: {last})", input=str(pdf_path),
                            hint="write --out report.html and print it from a browser")  # fmt: skip


def write_report(
    store: Store,
    out: str | Path,
    *,
    since: dt.date,
    until: Optional[dt.date] = None,
    country: Optional[str] = None,
    top: int = 10,
    chromium: Optional[str] = None,
) -> int:
    """Write the report to ``out`` (``.html``, or ``.pdf`` through Chromium); returns the event count."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".html", ".htm", ".pdf"):
        raise UsageError(f"cannot tell the report format from {out.name!r}", input=str(out), hint="name it .html or .pdf")
    if suffix == ".pdf":
        chromium = chromium or find_chromium()
        if chromium is None:
            raise ResourceError("a PDF report needs Chromium, and none is installed", input=str(out),
                                hint="run scripts/install_browser.sh (Debian: apt-get install chromium), or write .html")  # fmt: skip
    page, count = build_report(store, since=since, until=until, country=country, top=top)
    try:
        if suffix != ".pdf":
            out.write_text(page, encoding="utf-8")
            return count
        with tempfile.TemporaryDirectory(prefix="sitrep-report-") as tmp:
            source = Path(tmp) / "report.html"
            source.write_text(page, encoding="utf-8")
            print_pdf(source, out, chromium=chromium)
    except OSError as err:
        raise UsageError(f"cannot write the report: {err.strerror}", input=str(out)) from err
    return count
