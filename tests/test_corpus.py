"""Walking a corpus: files, folders, globs, WARC (built here with warcio), feeds, JSON Lines."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.errors import BinaryInput, EmptyInput, InputError, InputTooLarge, MalformedInput, SitrepError
from sitrep.ingest.corpus import CorpusItem, walk

ARTICLE = (
    "<html><head><title>Checkpoint attacked near Shindand</title></head><body><p>Taliban fighters "
    "attacked an army checkpoint outside Shindand on Sunday, officials said.</p></body></html>"
)


def items(paths, **kw) -> list:
    return list(walk([str(p) for p in paths], **kw))


def test_a_folder_gives_its_article_files_sorted_with_formats(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "report.htm").write_text(ARTICLE)
    (tmp_path / "a.txt").write_text("Five soldiers were killed in Shindand, the ministry said.")
    (tmp_path / "c.md").write_text("# Clash\n\nSeven soldiers were killed.")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    found = items([tmp_path])
    assert [(i.input, i.format) for i in found] == [
        (str(tmp_path / "a.txt"), "text"),
        (str(tmp_path / "b" / "report.htm"), "html"),
        (str(tmp_path / "c.md"), "markdown"),
    ]
    assert found[0].data == b"Five soldiers were killed in Shindand, the ministry said."


def test_globs_missing_paths_skip_and_size_limit(tmp_path):
    for name in ("one.html", "two.html", "three.txt"):
        (tmp_path / name).write_text(ARTICLE)
    found = items([tmp_path / "*.html", tmp_path / "nothing-here.html"], skip={str(tmp_path / "one.html")})
    assert isinstance(found[0], CorpusItem) and found[0].input == str(tmp_path / "two.html")
    assert isinstance(found[1], InputError) and "no such file" in found[1].reason
    (too_big,) = items([tmp_path / "three.txt"], max_bytes=10)
    assert isinstance(too_big, InputTooLarge) and too_big.input == str(tmp_path / "three.txt")


# -- WARC ---------------------------------------------------------------------------------------
def _warc(records: list[tuple[str, str, str, bytes]], *, gzip: bool) -> bytes:
    """(record type, url, content type, body) → WARC bytes."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    for rec_type, url, ctype, body in records:
        if rec_type == "response":
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
        else:
            record = writer.create_warc_record(url, rec_type, payload=io.BytesIO(body), warc_content_type=ctype)
        writer.write_record(record)
    return buf.getvalue()


RECORDS = [
    ("request", "https://news.example/shindand", "application/http; msgtype=request", b"GET /shindand HTTP/1.1\r\n\r\n"),
    ("response", "https://news.example/shindand", "text/html; charset=utf-8", ARTICLE.encode()),
    ("response", "https://news.example/map.png", "image/png", b"\x89PNG\r\n\x1a\n0000"),
    ("response", "https://news.example/kandahar", "text/html", ARTICLE.replace("Shindand", "Kandahar").encode()),
]


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_warc_html_responses_become_items_and_other_records_are_skipped_with_a_reason(tmp_path, gzip):
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    path.write_bytes(_warc(RECORDS, gzip=gzip))
    found = items([path])
    assert len(found) == 3  # the request record is not an article and is not reported
    first, image, last = found
    assert first.url == "https://news.example/shindand" and first.format == "html" and first.data == ARTICLE.encode()
    assert first.input.startswith(f"{path}#")
    assert isinstance(image, BinaryInput) and "image/png" in image.reason and "skipped" in image.reason
    assert image.input.startswith(f"{path}#") and image.input != first.input
    assert b"Kandahar" in last.data


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_a_truncated_final_warc_record_is_an_error_and_the_rest_is_kept(tmp_path, gzip):
    whole = _warc(RECORDS, gzip=gzip)
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    path.write_bytes(whole[:-150])  # the last record loses its end, as in an interrupted download
    found = items([path])
    assert [type(f) for f in found] == [CorpusItem, BinaryInput, MalformedInput]
    assert "truncated" in found[-1].reason and found[-1].input.startswith(f"{path}#")
    assert found[0].url == "https://news.example/shindand"


def test_the_same_record_keeps_its_name_across_walks(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc(RECORDS, gzip=True))
    names = [f.input for f in items([path])]
    assert [f.input for f in items([path], skip={names[0]})] == names[1:]


def test_a_file_that_is_not_a_warc_is_malformed(tmp_path):
    path = tmp_path / "notes.warc"
    path.write_text("this is a shopping list, not a web archive\n")
    (err,) = items([path])
    assert isinstance(err, MalformedInput)


# -- feeds and JSON Lines -------------------------------------------------------------------------
RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Frontier Wire</title>
<item><title>Checkpoint attacked near Shindand</title><link>https://wire.example/1</link><guid>wire-1</guid>
<pubDate>Mon, 11 Mar 2024 06:00:00 GMT</pubDate>
<description>&lt;p&gt;Seven soldiers were killed, local officials said.&lt;/p&gt;</description></item>
<item><title>No body here</title><link>https://wire.example/2</link><guid>wire-2</guid></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Kabul Ledger</title><id>urn:ledger</id>
<entry><title>Clash in Herat</title><id>urn:ledger:7</id><link href="https://ledger.example/7"/>
<updated>2024-03-12T08:00:00Z</updated>
<content type="html">&lt;p&gt;At least four soldiers were killed.&lt;/p&gt;</content></entry></feed>"""


def test_rss_and_atom_entries_become_html_items_with_url_and_date(tmp_path):
    (tmp_path / "wire.rss").write_text(RSS)
    (tmp_path / "ledger.atom").write_text(ATOM)
    atom, rss, empty = items([tmp_path / "ledger.atom", tmp_path / "wire.rss"])
    assert (atom.url, atom.published, atom.format) == ("https://ledger.example/7", dt.date(2024, 3, 12), "html")
    assert atom.input == f"{tmp_path / 'ledger.atom'}#urn:ledger:7"
    assert b"At least four soldiers were killed." in atom.data and b"<title>Clash in Herat</title>" in atom.data
    assert (rss.url, rss.published) == ("https://wire.example/1", dt.date(2024, 3, 11))
    assert b"Seven soldiers were killed" in rss.data
    assert isinstance(empty, EmptyInput) and empty.input.endswith("#wire-2")


def test_an_xml_file_that_is_no_feed_is_reported(tmp_path):
    (tmp_path / "sitemap.xml").write_text("<notafeed><x>1</x></notafeed>")
    (err,) = items([tmp_path / "sitemap.xml"])
    assert isinstance(err, SitrepError) and err.input == str(tmp_path / "sitemap.xml")


def test_json_lines_give_one_item_per_line_and_bad_lines_are_errors(tmp_path):
    lines = [
        json.dumps({"url": "https://wire.example/1", "html": ARTICLE, "published": "2024-03-11T06:00:00Z"}),
        "",
        json.dumps({"url": "https://wire.example/2", "text": "Three herders were killed.", "published": None}),
        "{not json",
        json.dumps({"url": "https://wire.example/3"}),
        json.dumps({"text": "Two were hurt.", "published": "last Tuesday"}),
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(lines) + "\n")
    found = items([path])
    assert [f.input.rsplit("#", 1)[1] for f in found] == ["L1", "L3", "L4", "L5", "L6"]
    html, text, bad, empty, bad_date = found
    assert (html.format, html.url, html.published) == ("html", "https://wire.example/1", dt.date(2024, 3, 11))
    assert (text.format, text.data, text.published) == ("text", b"Three herders were killed.", None)
    assert isinstance(bad, MalformedInput) and isinstance(empty, MalformedInput) and isinstance(bad_date, MalformedInput)
