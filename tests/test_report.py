"""``sitrep report``: the situation report over a store, as self-contained HTML or a PDF."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
import typer
from typer.testing import CliRunner

from sitrep import report as rep
from sitrep.cli import serve as serve_cli
from sitrep.errors import ResourceError, UsageError
from sitrep.records import Actor, Claim, Document, Event, Place, Result
from sitrep.store import Store

SINCE = dt.date(2024, 6, 1)
PLACES = {
    "SD": Place(id="gn:379252", name="El Fasher", country="SD", admin1="North Darfur", feature="city",
                lat=13.62793, lon=25.34936, geo_precision=1),
    "SO": Place(id="gn:53654", name="Mogadishu", country="SO", admin1="Banaadir", feature="city",
                lat=2.03711, lon=45.34375, geo_precision=1),
}  # fmt: skip
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")


def article(name, *, outlet, country, day, types, claims, published=None) -> Result:
    """A report whose sentences are its claims: ``(claimant, kind, low, high, sentence)``."""
    text = "\n\n".join(c[4] for c in claims)
    records = []
    for n, (claimant, kind, low, high, sentence) in enumerate(claims, 1):
        start = text.index(sentence)
        records.append(Claim(id=f"c{n}", kind=kind, low=low, high=high, claimant=claimant, event="e1", date=day,
                             sentence=sentence, start=start, end=start + len(sentence)))  # fmt: skip
    event = Event(id="e1", event_type=types[0], sub_event_type=types[1], date=day, date_precision=1, actor1="rsf",
                  place=PLACES[country].id, claims=[c.id for c in records], confidence=0.8)  # fmt: skip
    doc = Document(id=hashlib.sha256(text.encode()).hexdigest()[:16], title=name, source=outlet,
                   published=published or day, language="en", text=text)  # fmt: skip
    return Result(input=name, document=doc, actors=[Actor(id="rsf", name="Rapid Support Forces", kind="Rebel group")],
                  places=[PLACES[country]], claims=records, events=[event])  # fmt: skip


HOSTILE = 'Residents said <script>alert(1)</script> 4 people were killed <img src=x onerror="alert(2)">.'


def results() -> list[Result]:
    return [
        article("dispatch", outlet="Darfur Dispatch", country="SD", day=dt.date(2024, 6, 15), types=SHELLING,
                claims=[("An RSF statement", "killed", 9, 9, "An RSF statement said 9 civilians were killed.")]),
        article("wire", outlet="Sudan Wire", country="SD", day=dt.date(2024, 6, 15), types=SHELLING,
                claims=[("A doctors' union", "killed", 14, 14, "A doctors' union said 14 civilians were killed.")]),
        article("horn", outlet="Horn Post", country="SO", day=dt.date(2024, 6, 20), types=("Battles", "Armed clash"),
                claims=[("Police", "killed", 3, 3, "Police said 3 fighters were killed.")]),
        article("hostile", outlet="<b>Bad Outlet</b>", country="SO", day=dt.date(2024, 6, 25),
                types=("Violence against civilians", "Attack"), claims=[("<i>Residents</i>", "killed", 4, 4, HOSTILE)]),
        article("old", outlet="Horn Post", country="SO", day=dt.date(2024, 5, 2), types=("Battles", "Armed clash"),
                claims=[("Police", "killed", 50, 50, "Police said 50 fighters were killed in May.")]),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.duckdb"
    with Store.open(path) as s:
        s.save(results())
        yield s


def test_report_lists_top_events_deadliest_first_with_their_claims(store):
    page, count = rep.build_report(store, since=SINCE)
    assert count == 3  # the May event is before --since
    assert "50 fighters" not in page
    headings = re.findall(r"<h3>.*?</h3>", page)
    assert [("El Fasher" in h, "Mogadishu" in h) for h in headings] == [(True, False), (False, True), (False, True)]
    assert "Attack" in headings[1] and "Armed clash" in headings[2]  # best 4 before best 3
    fasher = page[page.index(headings[0]):page.index(headings[1])]
    assert "9 (9–14)" in fasher and "sources disagree" in fasher
    for text in ("An RSF statement", "Darfur Dispatch", "A doctors&#x27; union", "Sudan Wire", "2024-06-15",
                 "An RSF statement said 9 civilians were killed."):  # fmt: skip
        assert text in fasher, text


def test_report_overview_counts_and_sums(store):
    page, _ = rep.build_report(store, since=SINCE)
    assert "<b>3</b> events reported by <b>4</b> source document(s)" in page
    assert "best <b>16</b> (claims range from 16 to 21)" in page  # 9 + 3 + 4; high 14 + 3 + 4


def test_report_follows_country_and_until(store):
    page, count = rep.build_report(store, since=SINCE, country="so", until=dt.date(2024, 6, 21))
    assert count == 1
    assert "Mogadishu" in page and "El Fasher" not in page and "Situation report in SO" in page


def test_report_escapes_article_content(store):
    page, _ = rep.build_report(store, since=SINCE)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;i&gt;Residents&lt;/i&gt;" in page and "&lt;b&gt;Bad Outlet&lt;/b&gt;" in page
    assert "<script" not in page.lower()
    assert not re.search(r"<[^>]*\sonerror\s*=", page, re.I)
    assert "<i>" not in page and "<img" not in page


def test_report_is_self_contained(store):
    page, _ = rep.build_report(store, since=SINCE)
    assert not re.search(r"<link|<script|<[^>]*\ssrc=|@import|url\(", page, re.I)
    assert page.count("<svg") >= 2 + 4  # map, timeline, a range bar per claim
    assert len(re.findall(r"<circle[^>]*fill-opacity", page)) == 3  # one marker per located event
    assert 'class="country"' in page


def test_topojson_rings_decode_deltas_and_reversed_arcs():
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 2.0], "translate": [10.0, -5.0]},
        "arcs": [[[0, 0], [2, 0], [0, 1]], [[2, 1], [-2, 0], [0, -1]]],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]]},
            {"type": "MultiPolygon", "arcs": [[[~1, ~0]]]},
        ]}},
    }  # fmt: skip
    square = [(10.0, -5.0), (11.0, -5.0), (11.0, -3.0), (10.0, -3.0), (10.0, -5.0)]
    assert list(rep._rings(topology)) == [square, square[::-1]]


def test_unwrap_keeps_a_ring_continuous_across_the_antimeridian():
    assert rep._unwrap([(179.0, 60.0), (-179.0, 61.0), (-178.0, 62.0)]) == [(179.0, 60.0), (181.0, 61.0), (182.0, 62.0)]


def test_write_html_and_refuse_other_suffixes(store, tmp_path):
    out = tmp_path / "r.html"
    assert rep.write_report(store, out, since=SINCE) == 3
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    with pytest.raises(UsageError, match=r"\.html or \.pdf"):
        rep.write_report(store, tmp_path / "r.docx", since=SINCE)


def test_pdf_without_chromium_says_how_to_install(store, tmp_path, monkeypatch):
    monkeypatch.setattr(rep, "find_chromium", lambda: None)
    with pytest.raises(ResourceError) as err:
        rep.write_report(store, tmp_path / "r.pdf", since=SINCE)
    assert "install_browser.sh" in str(err.value)
    assert not (tmp_path / "r.pdf").exists()


@pytest.mark.skipif(rep.find_chromium() is None, reason="no Chromium installed: run scripts/install_browser.sh")
def test_pdf_is_printed_by_chromium(store, tmp_path):
    out = tmp_path / "r.pdf"
    assert rep.write_report(store, out, since=SINCE) == 3
    assert out.read_bytes().startswith(b"%PDF")


def test_cli_report_writes_the_file_and_rejects_bad_dates(tmp_path):
    app = typer.Typer()
    serve_cli.register(app)
    runner = CliRunner()
    db = tmp_path / "cli.duckdb"
    with Store.open(db) as s:
        s.save(results())
    out = tmp_path / "cli.html"
    done = runner.invoke(app, ["report", "--since", "2024-06-01", "--country", "SD", "--out", str(out), "--db", str(db)])
    assert done.exit_code == 0, done.output
    assert "El Fasher" in out.read_text(encoding="utf-8")
    bad = runner.invoke(app, ["report", "--since", "June", "--out", str(out), "--db", str(db)])
    assert bad.exit_code == 2 and "--since" in bad.stderr and "Traceback" not in bad.output
    for command in ("report", "serve"):
        assert "Example" in runner.invoke(app, [command, "--help"]).output
