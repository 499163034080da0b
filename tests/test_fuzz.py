"""Fuzzing the extraction stages: random bytes, text, HTML, numbers and dates.

The properties, for every input:

* nothing but a :class:`~sitrep.errors.SitrepError` ever leaves a stage (a bug would be
  any other exception);
* a result is valid: it validates against the published JSON Schema, every offset slices
  to its text (claims' sentences, quotes, actor and place mentions, event evidence) and
  every id it refers to exists;
* counts stay in range (0 ≤ low ≤ high ≤ ``numbers.CAP``), and relative date expressions
  never land after the publication date.

Example counts are modest (CI has 2 cores); ``bench/fuzz.py`` runs the same strategies
at scale. The strategies live here so that the benchmark uses exactly these.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.errors import InputError, SitrepError
from sitrep.extract import numbers
from sitrep.extract.time import resolve_expression
from sitrep.ingest import RawDocument, parse_bytes
from sitrep.options import load_options
from sitrep.records import Result

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "sitrep" / "schema" / "result.schema.json").read_text(encoding="utf-8"))
INGEST = load_options().ingest
PIPELINE = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CHEAP = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# -- invariants of a result ----------------------------------------------------------------------
def _span_ok(text: str, start: int, end: int) -> bool:
    return 0 <= start < end <= len(text) and text[start:end].strip() == text[start:end]


def check_result(result: Result) -> None:
    """Assert that ``result`` keeps the output contract (schema, offsets, references)."""
    jsonschema.validate(json.loads(result.to_json()), SCHEMA)
    text = result.document.text
    for claim in result.claims:
        assert text[claim.start : claim.end] == claim.sentence, claim
        assert claim.low is None or claim.high is None or claim.low <= claim.high, claim
    for quote in result.quotes:
        assert text[quote.start : quote.end] == quote.text, quote
    for owner in (*result.actors, *result.places):
        assert all(_span_ok(text, m.start, m.end) for m in owner.mentions), owner
    for event in result.events:
        assert all(0 <= m.start < m.end <= len(text) for m in event.evidence), event
    _check_references(result)


def _check_references(result: Result) -> None:
    actors = {a.id for a in result.actors}
    places = {p.id for p in result.places}
    claims = {c.id for c in result.claims}
    events = {e.id for e in result.events}
    quotes = {q.id for q in result.quotes}
    for event in result.events:
        assert set(event.claims) <= claims and (event.place is None or event.place in places), event
        assert {a for a in (event.actor1, event.actor2, *event.associated_actors) if a} <= actors, event
    for claim in result.claims:
        assert claim.event is None or claim.event in events, claim
        assert claim.quote is None or claim.quote in quotes, claim
        assert {a for a in (claim.victim, claim.claimant_actor) if a} <= actors, claim
    assert all(q.speaker_actor is None or q.speaker_actor in actors for q in result.quotes)


def extract_or_error(extractor, raw: RawDocument, published):
    """A checked Result, or the SitrepError the pipeline raised; anything else propagates."""
    try:
        result = extractor.extract_raw(raw, published=published)
    except SitrepError as err:
        assert str(err) and "\n" not in str(err)
        return err
    check_result(result)
    return result


# -- strategies ----------------------------------------------------------------------------------
PLACES = ("Kunduz", "Baghlan", "Kabul", "Mogadishu", "Djibo", "Goma", "Marib", "Kharkiv", "Tibu", "Lubero")
ACTORS = ("Taliban fighters", "government troops", "al-Shabaab militants", "the army", "protesters", "police",
          "Houthi forces", "unidentified gunmen", "ADF rebels", "a drone")  # fmt: skip
VERBS = ("attacked", "shelled", "clashed with", "ambushed", "fired on", "stormed", "struck", "marched against")
VICTIMS = ("soldiers", "civilians", "people", "fighters", "police officers", "children", "protesters")
OUTCOMES = ("killed", "wounded", "injured", "abducted", "arrested", "captured", "missing", "displaced", "shot dead")
CLAIMANTS = ("officials said", "the army said", "a spokesman told reporters", "according to witnesses",
             "the group said in a statement on Telegram", "one resident said", "")  # fmt: skip
RELATIVE_DATES = ("on Friday", "late Monday", "early Sunday", "on Tuesday night", "yesterday", "last week",
                  "last month", "two days ago", "overnight", "earlier this month", "this week", "at the weekend",
                  "on Wednesday morning", "last Friday", "overnight into Sunday", "the past three days")  # fmt: skip
ANY_DATES = RELATIVE_DATES + ("on 3 March", "on 3 March 2091", "in 1900", "on 2024-05-10", "on 31/12/1999",
                              "on 30 February", "between 3 and 5 May", "in 10000", "tomorrow", "next week")  # fmt: skip
PREFIXES = ("", "at least ", "more than ", "nearly ", "up to ", "some ", "about ", "no fewer than ", "fewer than ")
ENTITIES = ("&amp;", "&#0;", "&#xD800;", "&nbsp;", "&bogus;", "&#1114112;", "&lt;script&gt;", "&#x202E;")


@st.composite
def counts(draw) -> str:
    """A count written as reporters write them: separators, words, ranges, vague words."""
    n = draw(st.one_of(st.integers(0, 30), st.integers(0, 10**6), st.integers(0, 10**13)))
    style = draw(st.sampled_from(("plain", "comma", "dot", "space", "apostrophe", "words", "range", "between", "or", "dozens")))
    if style == "words":
        return draw(st.sampled_from(("two", "three", "a dozen", "twenty-five", "one hundred and twelve", "a few", "several")))
    if style == "dozens":
        return draw(st.sampled_from(("dozens of", "scores of", "hundreds of", "tens of thousands of", "many")))
    if style in ("range", "between", "or"):
        m = n + draw(st.integers(0, 50))
        dash = draw(st.sampled_from(("-", "–", " to ", "—")))
        return {"range": f"{n}{dash}{m}", "between": f"between {n} and {m}", "or": f"{n} or {m}"}[style]
    separator = {"plain": "", "comma": ",", "dot": ".", "space": " ", "apostrophe": "'"}[style]
    return f"{n:,}".replace(",", separator) if n >= 1000 else str(n)


@st.composite
def sentences(draw, dates=ANY_DATES) -> str:
    actor, other = draw(st.sampled_from(ACTORS)), draw(st.sampled_from(ACTORS))
    place, date = draw(st.sampled_from(PLACES)), draw(st.sampled_from(dates))
    figure = draw(st.sampled_from(PREFIXES)) + draw(counts())
    outcome = f"{figure} {draw(st.sampled_from(VICTIMS))} were {draw(st.sampled_from(OUTCOMES))}"
    claimant = draw(st.sampled_from(CLAIMANTS))
    sentence = f"{actor.capitalize()} {draw(st.sampled_from(VERBS))} {other} in {place} {date}, and {outcome}"
    if draw(st.booleans()):
        return f'"{sentence}," {claimant or "a witness said"}.'
    return f"{sentence}{', ' + claimant if claimant else ''}."


#: unicode noise: any code point but surrogates (text files cannot hold them), plus controls
noise = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@st.composite
def articles(draw, dates=ANY_DATES, noisy: bool = True) -> str:
    """A headline and paragraphs of report sentences, with noise between some of them."""
    parts_of = st.one_of(sentences(dates), noise) if noisy else sentences(dates)
    paragraphs = []
    for _ in range(draw(st.integers(1, 4))):
        parts = draw(st.lists(parts_of, min_size=1, max_size=4))
        paragraphs.append(" ".join(parts))
    return f"{draw(st.sampled_from(ACTORS)).capitalize()} attack near {draw(st.sampled_from(PLACES))}\n\n" + "\n\n".join(paragraphs)


_TAGS = ("p", "div", "span", "a", "b", "table", "td", "li", "h1", "article", "nav", "footer", "section", "blockquote")
_RAW_TAGS = ("script", "style", "iframe", "svg", "noscript", "template", "textarea", "title")
_ATTRIBUTES = ('class="comment"', 'class="share"', 'id="newsletter"', 'onerror="alert(1)"', 'onclick="x()"',
               'href="javascript:alert(1)"', 'src="http://tracker.example/p.gif"', 'style="display:none"',
               'class="story"', 'dir="rtl"', 'lang="ar"', 'x="unterminated')  # fmt: skip


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    @st.composite
    def build(draw) -> str:
        tag = draw(st.sampled_from(_TAGS + _RAW_TAGS))
        attributes = " ".join(draw(st.lists(st.sampled_from(_ATTRIBUTES), max_size=2)))
        inner = "".join(draw(st.lists(children, max_size=4)))
        close = draw(st.sampled_from((f"</{tag}>", f"</{tag}>", "", "</p>", "</div></div>")))
        return f"<{tag} {attributes}>{inner}{close}"

    return build()


_leaves = st.one_of(sentences(), noise, st.sampled_from(ENTITIES), st.just("<!-- comment -->"), st.just("<![CDATA[x]]>"))
html_bodies = st.recursive(_leaves, _element, max_leaves=25)


@st.composite
def pages(draw) -> str:
    """A random web page: doctype or not, head or not, a random body, maybe cut short."""
    head = draw(st.sampled_from(("", "<head><title>Clashes</title></head>", '<head><meta charset="utf-8"></head>')))
    page = f"{draw(st.sampled_from(('', '<!DOCTYPE html>')))}<html>{head}<body>{draw(html_bodies)}</body></html>"
    return page[: draw(st.integers(len(page) // 2, len(page)))] if draw(st.booleans()) else page


publication_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


# -- no model: ingest and the pure stages -------------------------------------------------------
@CHEAP
@given(data=st.one_of(st.binary(max_size=2000), st.text(max_size=500).map(lambda t: t.encode("utf-8", "replace"))),
       format=st.sampled_from((None, "html", "text", "markdown")))  # fmt: skip
def test_random_bytes_become_a_document_or_an_input_error(data, format):
    try:
        raw = parse_bytes(data, input="fuzz.bin", options=INGEST, format=format)
    except InputError as err:
        assert err.input == "fuzz.bin" and "\n" not in str(err)
        return
    assert raw.text.strip() and "\x00" not in raw.text


@CHEAP
@given(text=st.one_of(st.text(max_size=200), sentences()))
def test_quantities_slice_their_text_and_stay_in_range(text):
    for quantity in numbers.find_quantities(text):
        assert text[quantity.start : quantity.end] == quantity.text
        for bound in (quantity.low, quantity.high):
            assert bound is None or 0 <= bound <= numbers.CAP
        assert quantity.low is None or quantity.high is None or quantity.low <= quantity.high


@CHEAP
@given(expression=st.one_of(st.sampled_from(RELATIVE_DATES), st.text(max_size=40)), published=publication_dates)
def test_date_expressions_resolve_or_give_none(expression, published):
    resolved = resolve_expression(expression, published)
    if resolved is not None:
        first, last, _ = resolved
        assert first <= last


@CHEAP
@given(expression=st.sampled_from(RELATIVE_DATES), published=publication_dates)
def test_past_tense_relative_dates_never_pass_publication(expression, published):
    resolved = resolve_expression(expression, published)
    assert resolved is not None, expression
    assert resolved[0] <= published


# -- the whole pipeline (real model) -------------------------------------------------------------
@pytest.mark.model
@pytest.mark.gazetteer
@PIPELINE
@given(text=st.one_of(articles(), st.text(min_size=1, max_size=300)), published=st.one_of(st.none(), publication_dates))
def test_random_text_extracts_or_fails_cleanly(extractor, text, published):
    try:
        raw = parse_bytes(text.encode("utf-8"), input="fuzz.txt", options=INGEST, format="text")
    except InputError:
        return
    extract_or_error(extractor, raw, published)


@pytest.mark.model
@pytest.mark.gazetteer
@PIPELINE
@given(page=pages(), published=st.one_of(st.none(), publication_dates))
def test_random_html_extracts_or_fails_cleanly(extractor, page, published):
    try:
        raw = parse_bytes(page.encode("utf-8"), input="fuzz.html", options=INGEST, format="html")
    except InputError:
        return
    extract_or_error(extractor, raw, published)


@pytest.mark.model
@pytest.mark.gazetteer
@PIPELINE
@given(n=st.integers(2, 10**12), separator=st.sampled_from((",", ".", " ", "'", "\u202f")))
def test_thousands_separators_give_the_number(extractor, n, separator):
    figure = f"{n:,}".replace(",", separator)
    text = f"Clashes near Kunduz\n\nOfficials said {figure} soldiers were killed in fighting around Kunduz on Friday."
    result = extract_or_error(extractor, RawDocument(input="n.txt", text=text, format="text"), dt.date(2024, 5, 11))
    assert isinstance(result, Result), result
    assert [(c.kind, c.low, c.high) for c in result.claims] == [("killed", min(n, numbers.CAP), min(n, numbers.CAP))]


@pytest.mark.model
@pytest.mark.gazetteer
@PIPELINE
@given(low=st.integers(2, 500), width=st.integers(1, 500), style=st.sampled_from(("{a}-{b}", "{a}–{b}", "{a} to {b}", "between {a} and {b}")))
def test_ranges_give_low_and_high(extractor, low, width, style):
    figure = style.format(a=low, b=low + width)
    text = f"Clashes near Kunduz\n\nOfficials said {figure} soldiers were killed in fighting around Kunduz on Friday."
    result = extract_or_error(extractor, RawDocument(input="r.txt", text=text, format="text"), dt.date(2024, 5, 11))
    assert isinstance(result, Result), result
    assert [(c.kind, c.low, c.high) for c in result.claims] == [("killed", low, low + width)]


@pytest.mark.model
@pytest.mark.gazetteer
@PIPELINE
@given(text=articles(dates=RELATIVE_DATES, noisy=False), published=publication_dates)
def test_relative_dates_in_articles_never_pass_publication(extractor, text, published):
    raw = RawDocument(input="d.txt", text=text, format="text")
    result = extract_or_error(extractor, raw, published)
    if isinstance(result, Result):
        dates = [e.date for e in result.events] + [c.date for c in result.claims]
        assert all(d is None or d <= published for d in dates), (dates, published)


@pytest.mark.model
@pytest.mark.gazetteer
def test_a_place_ending_a_paragraph_is_mentioned_without_the_break(extractor):
    text = "Houthi forces attack near Baghlan\n\nThe army attacked Taliban fighters in Djibo last week."
    result = extract_or_error(extractor, RawDocument(input="p.txt", text=text, format="text"), dt.date(2024, 5, 11))
    assert isinstance(result, Result)
