"""`sitrep eval geoparsing`: reading the three corpus formats and scoring, on tiny synthetic gold.

The pipeline is spaCy's blank English (no NER: toponyms come from the preposition rules) and
a gazetteer of a few hand-written rows, so every expected count is worked out by hand from
``tests/fixtures/eval/gwn/GWN.xml`` and ``lgl-tiny.xml``.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
import spacy

from sitrep.errors import UsageError
from sitrep.evaluate import geoparsing
from sitrep.gazetteer import Gazetteer, PlaceRow, Sources, build_gazetteer

FIXTURES = Path(__file__).parent / "fixtures" / "eval"
GWN = FIXTURES / "gwn" / "GWN.xml"  # named as the corpus: its dev/test halves apply
ROWS = [
    PlaceRow("cc:US", "United States", "US", None, "country", 38.0, -97.0, 330_000_000),
    PlaceRow("cc:SY", "Syria", "SY", None, "country", 35.0, 38.0, 22_000_000),
    PlaceRow("adm1:US-OR", "Oregon", "US", "Oregon", "admin1", 44.0, -120.5, 4_200_000),
    PlaceRow("gn:9300001", "London", "GB", None, "city", 51.51, -0.13, 8_900_000),
    PlaceRow("gn:9300003", "Houston", "US", "Texas", "city", 29.76, -95.37, 2_300_000),
    PlaceRow("gn:9300005", "Raleigh", "US", "North Carolina", "city", 35.77, -78.64, 470_000),
    PlaceRow("gn:9300006", "Trenton", "US", "New Jersey", "city", 40.22, -74.76, 90_000),
]


@pytest.fixture(scope="module")
def extractor(tmp_path_factory):
    path = tmp_path_factory.mktemp("geo") / "tiny.sqlite"
    build_gazetteer(path, sources=Sources(places=ROWS))
    with Gazetteer.open(path) as gazetteer:
        yield SimpleNamespace(nlp=spacy.blank("en"), gazetteer=gazetteer)


def test_gwn_halves_and_what_counts_as_gold():
    dev = geoparsing.read_articles(GWN, split="dev")
    test = geoparsing.read_articles(GWN, split="test")
    assert [a.id for a in dev] == ["1", "2"] and [a.id for a in test] == ["3", "4"]
    # "officials" (Non_Lit_Expression, no coordinates) is neither gold nor an ignored place name
    assert [t.phrase for t in dev[1].toponyms] == ["London", "Oregon"] and dev[1].ignored == []
    assert dev[0].toponyms[1].kind == "Non_Literal_Modifier" and dev[0].toponyms[1].geonames_id == "163843"


def test_lgl_offsets_moved_onto_the_phrase_and_unlocated_names_ignored():
    [article] = geoparsing.read_articles(FIXTURES / "lgl-tiny.xml")
    assert [(t.start, t.end, t.phrase) for t in article.toponyms] == [(10, 17, "Raleigh")]
    assert article.ignored == [(37, 44)]


def test_gwn_dev_scores_by_hand(extractor):
    report = geoparsing.evaluate_geoparsing(GWN, extractor=extractor, split="dev")
    # found: Houston, London, Oregon (after in/to); Syrian is no place for the rules (gold has 4)
    rec = report.score("recognition F1 (exact offsets)")
    assert (rec.correct, rec.total) == (3, 4) and rec.value == pytest.approx(2 * 1.0 * 0.75 / 1.75)
    # gold spans: Houston (same id), Syrian (Syria's GeoNames id), Oregon (the state's id) right;
    # London is London, Ontario in this gold: the world city is ~5,700 km off
    acc = report.score("resolution acc@161km (gold spans with a GeoNames id)")
    assert (acc.correct, acc.total) == (3, 4)
    assert report.score("resolution exact GeoNames id (same spans)").correct == 3
    assert report.score("median error km (resolved)").value == pytest.approx(0.0)
    assert 5_500 < max(m["km"] for m in report.details["misses"]) < 6_000
    end = report.score("end-to-end acc@161km (found gold)")
    assert (end.correct, end.total) == (2, 3)
    literal = report.score("recall without adjectival modifiers")
    assert (literal.correct, literal.total) == (3, 3)


def test_gwn_test_half_counts_an_unknown_name_as_wrong(extractor):
    report = geoparsing.evaluate_geoparsing(GWN, extractor=extractor, split="test")
    # Trenton resolves; "Zzyzx Market" (no GeoNames id) is not known at all
    assert report.score("resolution acc@161km (all gold spans)").correct == 1
    assert report.score("resolution acc@161km (all gold spans)").total == 2
    assert report.score("resolved at all (gold spans)").value == pytest.approx(0.5)
    assert report.score("resolution acc@161km (gold spans with a GeoNames id)").total == 1
    rec = report.score("recognition F1 (exact offsets)")
    assert (rec.correct, rec.total) == (1, 2)


def test_lgl_prediction_on_an_unlocated_name_is_no_false_positive(extractor):
    report = geoparsing.evaluate_geoparsing(FIXTURES / "lgl-tiny.xml", extractor=extractor, split="test")
    assert report.set == "geoparsing:lgl-tiny"
    assert report.score("recognition F1 (exact offsets)").value == pytest.approx(1.0)
    assert report.details["predicted"] == 1


def test_not_a_geoparsing_file(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<articles><article>", encoding="utf-8")
    with pytest.raises(UsageError, match="cannot read geoparsing gold"):
        geoparsing.read_articles(bad)
