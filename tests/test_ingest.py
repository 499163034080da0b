"""Stage 1, ingest: bytes → RawDocument. Fixtures are synthetic pages in tests/fixtures/ingest."""

from __future__ import annotations

import codecs
import datetime as dt
import gzip
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.errors import (
    BinaryInput,
    EmptyInput,
    EncodingError,
    InputError,
    InputTooLarge,
    SitrepError,
    UsageError,
)
from sitrep.ingest import RawDocument, parse_bytes, read_input
from sitrep.ingest import html as html_reader
from sitrep.options import IngestOptions

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
OPTIONS = IngestOptions(max_bytes=2_000_000, max_chars=1_000_000, min_english_score=0.5)


def parse(data: bytes, **kwargs) -> RawDocument:
    return parse_bytes(data, input="test-input", options=OPTIONS, **kwargs)


def paragraphs(doc: RawDocument) -> list[str]:
    return doc.text.split("\n\n")


# -- HTML --------------------------------------------------------------------------------------


def test_html_article_keeps_the_report_paragraphs_in_order():
    doc = read_input(FIXTURES / "article.html", options=OPTIONS)
    assert doc.format == "html"
    assert paragraphs(doc) == [
        "A drone strike set a fuel depot ablaze near the port of Marsa early on Thursday, killing two workers "
        "and wounding at least seven others, the port authority said.",
        "Witnesses said the blast shook buildings across the harbour district and that fire crews fought the "
        "flames for most of the morning before bringing them under control.",
        "The Coastal Defence Front, an armed group active in the hills east of the city, wrote on its Telegram "
        'channel that it had targeted "military supply lines". The port authority denied that the '
        "depot served the army.",
        "A health ministry spokesman, speaking by phone, said the wounded were taken to Marsa General Hospital "
        "and that three of them were in a critical condition.",
    ]


def test_html_article_drops_scripts_comments_navigation_and_tables():
    text = read_input(FIXTURES / "article.html", options=OPTIONS).text
    for leftover in ("SCRIPT_PAYLOAD", "STYLE_PAYLOAD", "COMMENT_PAYLOAD", "Dockworkers end strike", "Economy",
                     "We use cookies", "Wounded", "newsdesk@"):  # fmt: skip
        assert leftover not in text


def test_html_article_metadata():
    doc = read_input(FIXTURES / "article.html", options=OPTIONS)
    assert doc.title == "Drone strike hits fuel depot near Marsa port"
    assert doc.url == "https://coastalherald.example.org/2024/03/14/drone-strike-marsa-port"
    assert doc.source == "The Coastal Herald"
    assert doc.published == dt.date(2024, 3, 14)
    assert doc.input == str(FIXTURES / "article.html")
    assert not doc.text.startswith("Drone strike hits"), "the headline is metadata, not body text"


def test_broken_html_with_unclosed_tags_still_gives_its_paragraphs():
    doc = read_input(FIXTURES / "broken.html", options=OPTIONS)
    assert doc.title == "Shelling reported in Kerem valley"
    assert paragraphs(doc)[:3] == [
        "Artillery shells struck two villages in the Kerem valley overnight, killing a shepherd and injuring "
        "his son, local officials said on Sunday.",
        "Residents of Upper Kerem said the shelling began shortly after midnight and continued for about an hour.",
        "The district council appealed for ambulances to be sent from the town of Azri, some 40 kilometres to "
        "the south.",
    ]


def test_html_source_falls_back_to_the_hostname_of_the_given_url():
    page = (
        b"<html><head><title>Checkpoint attacked</title></head><body><article>"
        b"<p>Gunmen raided a roadblock outside Varesh late on Monday and shot dead a police officer, the "
        b"district governor's office said on Tuesday morning.</p></article></body></html>"
    )
    doc = parse(page, url="https://www.varesh-daily.example.com/a/1")
    assert doc.url == "https://www.varesh-daily.example.com/a/1"
    assert doc.source == "varesh-daily.example.com"


def test_html_where_trafilatura_finds_nothing_falls_back_to_visible_text(monkeypatch):
    monkeypatch.setattr(html_reader.trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    page = (
        "<html><head><title>Market shelled</title><script>var s = 'SCRIPT_PAYLOAD';</script></head><body>"
        "<nav><a href='/'>Home</a><a href='/news'>News</a></nav>"
        "<div class='cookie-notice'>We use cookies.</div>"
        "<div><span>Residents said the central market in Tarvan was shelled on Monday.</span>"
        "<p>The army blamed the militia for the attack.</p></div>"
        "<footer>Copyright Tarvan Times</footer></body></html>"
    )
    doc = parse(page.encode(), format="html")
    assert paragraphs(doc) == [
        "Residents said the central market in Tarvan was shelled on Monday.",
        "The army blamed the militia for the attack.",
    ]
    assert doc.title == "Market shelled"


def test_html_with_only_scripts_is_empty_and_never_yields_script_text():
    page = b"<html><head><script>var a = 'SCRIPT_PAYLOAD';</script></head><body><script>x()</script></body></html>"
    with pytest.raises(EmptyInput) as err:
        parse(page)
    assert err.value.input == "test-input"


def test_html_nested_ten_thousand_levels_does_not_crash():
    sentence = "Gunmen stormed a roadblock on Thursday and left at least five people dead, officials said."
    page = "<html><body>" + "<div>" * 10_000 + f"<p>{sentence}</p>" + "</div>" * 10_000 + "</body></html>"
    doc = parse(page.encode())
    assert doc.text == sentence


def test_html_with_xml_declaration_naming_an_encoding():
    page = (
        '<?xml version="1.0" encoding="iso-8859-1"?>\n<html><head><title>Raid in Azri</title></head><body><article>'
        "<p>Security forces raided a house in Azri on Friday and arrested four men, the interior ministry "
        "said, adding that rifles and detonators had been found.</p></article></body></html>"
    ).encode("latin-1")
    doc = parse(page)
    assert doc.format == "html"
    assert "arrested four men" in doc.text


# -- text and markdown -----------------------------------------------------------------------


def test_text_header_lines_become_metadata_and_hard_wraps_are_joined():
    doc = read_input(FIXTURES / "wire.txt", options=OPTIONS)
    assert doc.format == "text"
    assert doc.title == "Convoy ambushed on mountain road, six soldiers killed"
    assert doc.published == dt.date(2024, 5, 10)
    assert doc.source == "Frontier Wire"
    assert doc.url == "https://frontierwire.example.net/stories/2024/05/10/ambush"
    assert paragraphs(doc) == [
        "GAZAR, May 10 (Frontier Wire) - Insurgents ambushed an army convoy on the mountain road north of Gazar "
        "on Thursday evening, leaving six soldiers dead and four hurt, an officer who reached the scene said.",
        "The convoy was carrying supplies to an outpost near the Sabz pass, one of the officials said, adding "
        "that the attackers fled towards the border after a firefight that lasted nearly an hour.",
        "A spokesman for the insurgents told reporters in a message that the group had carried out the ambush. "
        "A commander of the "
        "local pro-government self-defence militia, which is allied with the army, said it had sent fifty "
        "pro-government fighters to secure the road.",
    ]


def test_header_lines_in_other_date_formats_and_a_declared_title():
    data = (
        b"Title: Curfew imposed in Azri after riots\nDate: 10 May 2024, 08:15 GMT\n\n"
        b"Authorities imposed a curfew in Azri on Friday after two nights of rioting, police said.\n"
    )
    doc = parse(data, url="https://www.azri-news.example.com/curfew")
    assert doc.title == "Curfew imposed in Azri after riots"
    assert doc.published == dt.date(2024, 5, 10)
    assert doc.source == "azri-news.example.com"
    assert doc.text == "Authorities imposed a curfew in Azri on Friday after two nights of rioting, police said."


def test_relative_header_dates_are_not_resolved_against_today():
    doc = parse(b"Date: yesterday\n\nTwo people were killed in Azri, police said.")
    assert doc.published is None
    assert doc.text == "Two people were killed in Azri, police said."


def test_a_sentence_that_starts_like_a_header_stays_in_the_text():
    sentence = (
        "Source: a senior police officer in the district, who asked not to be named because he was not "
        "authorised to speak to the media, said that eleven people had been detained."
    )
    doc = parse(sentence.encode())
    assert doc.source is None
    assert doc.text == sentence


def test_path_with_data_already_read_uses_the_extension_for_the_format():
    doc = read_input("notes/report.md", options=OPTIONS, data=b"Police said *two* people were hurt in Azri.")
    assert doc.format == "markdown"
    assert doc.text == "Police said two people were hurt in Azri."
    assert doc.input == "notes/report.md"


def test_flattened_text_keeps_one_paragraph_per_line_and_finds_the_headline_after_the_menu():
    doc = read_input(FIXTURES / "flattened.txt", options=OPTIONS)
    assert doc.title == "Militia fighters seize border crossing after two days of clashes"
    paras = paragraphs(doc)
    assert paras[:2] == ["Home | World | Asia | Opinion | Video", "Skip to content"]
    assert "Advertisement" in paras
    assert "Militia fighters seize border crossing after two days of clashes" not in paras


def test_first_line_that_is_a_sentence_is_not_a_title():
    data = b"Two people were killed in Azri on Monday.\n\nPolice said the attackers fled on motorbikes."
    doc = parse(data)
    assert doc.title is None
    assert paragraphs(doc) == ["Two people were killed in Azri on Monday.", "Police said the attackers fled on motorbikes."]


def test_a_single_line_is_text_not_a_title():
    doc = parse(b"Gunmen kill six in Azri")
    assert doc.title is None
    assert doc.text == "Gunmen kill six in Azri"


def test_headline_followed_directly_by_body_lines():
    data = (
        b"Bridge destroyed in overnight blast\n"
        b"A bridge linking Azri to the provincial capital was destroyed by an explosion overnight, cutting\n"
        b"the only road to the south, police said on Wednesday.\n"
    )
    doc = parse(data)
    assert doc.title == "Bridge destroyed in overnight blast"
    assert doc.text == (
        "A bridge linking Azri to the provincial capital was destroyed by an explosion overnight, cutting the "
        "only road to the south, police said on Wednesday."
    )


def test_markdown_headers_emphasis_links_images_and_lists():
    doc = read_input(FIXTURES / "report.md", options=OPTIONS)
    assert doc.format == "markdown"
    assert doc.title == "Two killed as protest turns violent in Orun"
    assert doc.published == dt.date(2024, 6, 2)
    assert doc.source == "Lakeside Monitor"
    assert paragraphs(doc) == [
        "Orun, June 2 — Police fired live ammunition at protesters in the market town of Orun on Saturday, "
        "killing two people, according to a local rights group.",
        "What happened",
        "Protesters filled the square by the district office at noon.",
        "Police used tear gas and then live rounds, witnesses said.",
        "The police said officers acted in self-defence.",
    ]


def test_markdown_is_sniffed_from_content_on_stdin():
    data = b"# Curfew declared in Azri\n\nAuthorities declared a **curfew** after [clashes](http://x.example/1).\n"
    doc = read_input("-", options=OPTIONS, data=data)
    assert doc.format == "markdown"
    assert doc.title == "Curfew declared in Azri"
    assert doc.text == "Authorities declared a curfew after clashes."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<!DOCTYPE html><html><body><p>Clashes in Azri left three dead.</p></body></html>", "html"),
        (b"  <html><p>Clashes in Azri left three dead.</p></html>", "html"),
        (b"Clashes in Azri left three dead.\n\nPolice said the toll may rise.", "text"),
        (b"## Clashes\n\nClashes in Azri left three dead.", "markdown"),
    ],
)
def test_format_is_sniffed_from_content(data, expected):
    assert read_input("-", options=OPTIONS, data=data).format == expected


def test_explicit_format_wins_over_sniffing():
    doc = parse(b"<p>Clashes in Azri left three dead.</p>", format="text")
    assert doc.format == "text"
    assert doc.text == "<p>Clashes in Azri left three dead.</p>"


def test_unknown_format_is_a_usage_error():
    with pytest.raises(UsageError):
        parse(b"Clashes in Azri left three dead.", format="pdf")


def test_stdin_without_data_is_a_usage_error():
    with pytest.raises(UsageError):
        read_input("-", options=OPTIONS)


# -- bad input -------------------------------------------------------------------------------


def test_empty_file_is_empty_input(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(EmptyInput) as err:
        read_input(path, options=OPTIONS)
    assert err.value.input == str(path)


@pytest.mark.parametrize("data", [b"   \n\t\r\n  ", "  \n ".encode("utf-16")])
def test_whitespace_only_is_empty_input(data):
    with pytest.raises(EmptyInput):
        parse(data)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (gzip.compress(b"Clashes in Azri left three dead."), "gzip"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP"),
        (bytes(range(0, 32)) * 50, "control bytes"),
    ],
)
def test_binary_input_names_its_kind(data, kind):
    with pytest.raises(BinaryInput) as err:
        parse(data)
    assert kind in err.value.reason
    assert err.value.input == "test-input"


def test_fifty_megabyte_file_is_refused_by_size_before_reading(tmp_path):
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB of NULs, which would be BinaryInput if read
    start = time.perf_counter()
    with pytest.raises(InputTooLarge) as err:
        read_input(path, options=OPTIONS)
    assert time.perf_counter() - start < 0.5
    assert err.value.input == str(path)


def test_bytes_over_the_limit_are_refused():
    small = IngestOptions(max_bytes=100, max_chars=1000, min_english_score=0.5)
    with pytest.raises(InputTooLarge):
        parse_bytes(b"x" * 101, input="big", options=small)


def test_missing_file_and_directory_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_input(tmp_path / "nope.txt", options=OPTIONS)
    with pytest.raises(InputError, match="directory"):
        read_input(tmp_path, options=OPTIONS)


# -- encodings -------------------------------------------------------------------------------

REPORT = "Gardaí said the café in Zürich was hit; “five were killed” — officials in Málaga said."


def test_latin1_bytes_without_declaration_are_read_as_cp1252():
    assert parse(REPORT.encode("cp1252")).text == REPORT


def test_declared_utf8_with_latin1_bytes_still_reads():
    page = f'<html><head><meta charset="utf-8"><title>t</title></head><body><p>{REPORT}</p></body></html>'
    assert REPORT in parse(page.encode("cp1252")).text


def test_declared_iso_8859_1_but_utf8_bytes_reads_as_utf8():
    page = f'<html><head><meta charset="iso-8859-1"><title>t</title></head><body><p>{REPORT}</p></body></html>'
    assert REPORT in parse(page.encode("utf-8")).text


def test_declared_cp1251_is_used():
    text = "Пять человек погибли в четверг, сообщили власти."
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body><p>{text}</p></body></html>'
    assert text in parse(page.encode("cp1251")).text


def test_undeclared_cp1251_is_an_encoding_error():
    with pytest.raises(EncodingError) as err:
        parse("Пять человек погибли в четверг, сообщили местные власти.".encode("cp1251"))
    assert err.value.input == "test-input"


def test_mixed_utf8_with_a_stray_latin1_byte():
    data = "Troops entered Zürich Street, ".encode() + "said Gardaí".encode("latin-1")
    assert parse(data).text == "Troops entered Zürich Street, said Gardaí"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_encodings_without_bom(codec):
    assert parse(REPORT.encode(codec)).text == REPORT


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
     (codecs.BOM_UTF32_LE, "utf-32-le")],
)  # fmt: skip
def test_byte_order_marks_are_honoured_and_stripped(bom, codec):
    assert parse(bom + REPORT.encode(codec)).text == REPORT


def test_arabic_in_utf16_without_bom():
    text = "قتل خمسة أشخاص على الأقل يوم الخميس في هجوم على نقطة تفتيش."
    assert parse(text.encode("utf-16-le")).text == text


def test_nul_bytes_are_stripped():
    assert parse(b"Five killed\x00 in Azri.").text == "Five killed in Azri."


def test_high_byte_garbage_is_an_encoding_error():
    with pytest.raises(EncodingError):
        parse(bytes(range(0x80, 0x100)) * 20)


# -- invariants ------------------------------------------------------------------------------

_MARKUP = st.sampled_from(
    ["<html>", "<p>", "</p>", "<div>", "<script>", "</script>", "<meta charset='utf-8'>", "<?xml encoding='x'?>",
     "# ", "**", "[a](b)", "\n", "\n\n", "Published: 2024-01-01\n", "Date: yesterday\n", "\x00", "\x0c", "\x0b",
     "\x85", "é", "Ω", "\ufeff", "<nav>", "<footer>", "<!--", "-->", "&amp;", "&#0;"]
)  # fmt: skip
_TEXTY = st.lists(st.one_of(_MARKUP, st.text(max_size=20)), max_size=30).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_random_bytes_give_a_document_or_a_sitrep_error(data):
    try:
        doc = parse(data)
    except SitrepError as err:
        assert err.input == "test-input"
    else:
        assert isinstance(doc, RawDocument) and doc.text.strip()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTY, st.sampled_from(["utf-8", "utf-16-le", "cp1252"]), st.sampled_from([None, "html", "text", "markdown"]))
def test_random_markup_gives_a_document_or_a_sitrep_error(text, codec, fmt):
    try:
        doc = parse(text.encode(codec, errors="replace"), format=fmt)
    except SitrepError as err:
        assert err.input == "test-input"
    else:
        assert doc.text.strip() and "\x00" not in doc.text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(_TEXTY)
def test_random_markup_through_the_visible_text_fallback(monkeypatch, text):
    monkeypatch.setattr(html_reader.trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    try:
        doc = parse(text.encode("utf-8", errors="replace"), format="html")
    except SitrepError as err:
        assert err.input == "test-input"
    else:
        assert doc.text.strip()


def test_form_feed_in_html_text_does_not_break_lxml(monkeypatch):
    monkeypatch.setattr(html_reader.trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    doc = parse(b"<html><body><p>Five killed in Azri.\x0c</p><p>Police said so.</p></body></html>")
    assert paragraphs(doc) == ["Five killed in Azri.", "Police said so."]
