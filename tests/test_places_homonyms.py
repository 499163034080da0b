"""Places: namesakes whose context is weak, resolved from gold spans (:func:`resolve_spans`).

The best-known town of a name wins over a namesake in a region the article merely names;
a name inside a longer one counts when the article also names it on its own. Hand-written
rows and sentences; every expectation is written from the text.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from sitrep.extract.places import find_places, resolve_spans
from sitrep.gazetteer import Gazetteer, PlaceRow

from _placekit import BLANK, entity_doc, small_gazetteer

ROWS = [
    PlaceRow("cc:US", "United States", "US", None, "country", 38.0, -97.0, 330_000_000),
    PlaceRow("cc:CA", "Canada", "CA", None, "country", 60.0, -95.0, 38_000_000),
    PlaceRow("adm1:US-OH", "Ohio", "US", "Ohio", "admin1", 40.4, -82.7, 11_700_000),
    PlaceRow("adm1:US-KY", "Kentucky", "US", "Kentucky", "admin1", 37.5, -85.3, 4_500_000),
    PlaceRow("adm1:US-TX", "Texas", "US", "Texas", "admin1", 31.0, -100.0, 29_000_000),
    PlaceRow("gn:9700001", "Louisville", "US", "Kentucky", "city", 38.25, -85.76, 620_000),
    PlaceRow("gn:9700002", "Louisville", "US", "Ohio", "city", 40.84, -81.26, 9_000),
    PlaceRow("gn:9700003", "Canton", "US", "Ohio", "city", 40.80, -81.38, 70_000),
    PlaceRow("gn:9700004", "Buffalo", "US", "New York", "city", 42.89, -78.88, 258_000),
    PlaceRow("gn:9700005", "Buffalo", "US", "Texas", "city", 31.46, -96.06, 1_900),
    PlaceRow("gn:9700006", "Toronto", "CA", "Ontario", "city", 43.70, -79.42, 2_600_000),
    PlaceRow("gn:9700007", "Springfield", "US", "Illinois", "city", 39.80, -89.64, 115_000),
    PlaceRow("gn:9700008", "Springfield", "US", "Ohio", "city", 39.92, -83.81, 59_000),
    PlaceRow("gn:9700009", "Houston", "US", "Texas", "city", 29.76, -95.37, 2_300_000),
    PlaceRow("gn:9700010", "Dubai", "AE", "Dubai", "city", 25.07, 55.17, 3_800_000),
    PlaceRow("fips:36103", "Suffolk County", "US", "New York", "district", 40.85, -72.97, 1_500_000),
    PlaceRow("gn:9700012", "Suffolk", "US", "Virginia", "city", 36.73, -76.58, 88_000),
    PlaceRow("fips:42071", "Lancaster County", "US", "Pennsylvania", "district", 40.04, -76.25, 550_000),
    PlaceRow("gn:9700013", "Lancaster", "US", "Pennsylvania", "city", 40.04, -76.31, 59_000),
    PlaceRow("gn:9700014", "Lancaster", "US", "California", "city", 34.70, -118.14, 160_000),
    PlaceRow("cc:GB", "United Kingdom", "GB", None, "country", 54.0, -2.0, 67_000_000, ("Britain",)),
    PlaceRow("adm1:GB-MAN", "Manchester", "GB", "Manchester", "admin1", 53.48, -2.24, 0),
    PlaceRow("gn:9700015", "Manchester", "GB", "England", "city", 53.48, -2.24, 550_000),
    PlaceRow("gn:9700016", "Manchester", "US", "New Hampshire", "city", 43.00, -71.45, 110_000),
    PlaceRow("gn:9700017", "New Orleans", "US", "Louisiana", "city", 29.95, -90.07, 390_000),
    PlaceRow("gn:9700018", "Elysian", "US", "Minnesota", "city", 44.20, -93.68, 650),
    PlaceRow("gn:9700019", "Kenner", "US", "Louisiana", "city", 29.99, -90.24, 66_000),
    PlaceRow("cc:ZA", "South Africa", "ZA", None, "country", -29.0, 24.0, 59_000_000),
    PlaceRow("cc:SA", "Saudi Arabia", "SA", None, "country", 25.0, 45.0, 34_000_000),
    PlaceRow("adm1:ZA-LP", "Limpopo", "ZA", "Limpopo", "admin1", -23.9, 29.4, 5_800_000),
    PlaceRow("gn:9700011", "Siá", "CY", "Nicosia", "city", 34.96, 33.39, 550, ("Sa",)),
    PlaceRow("gn:9700020", "Kane", "US", "Pennsylvania", "city", 41.66, -78.81, 3_700),
    PlaceRow("gn:9700021", "Spanish", "CA", "Ontario", "city", 46.20, -82.35, 700),
    PlaceRow("gn:9700022", "Norbury", "GB", "England", "city", 51.42, -0.12, 16_000),
    PlaceRow("cc:TR", "Turkey", "TR", None, "country", 39.0, 35.0, 82_000_000),
    PlaceRow("gn:9700023", "Kilis", "TR", "Kilis", "city", 36.72, 37.12, 90_000),
]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory) -> Gazetteer:
    with small_gazetteer(tmp_path_factory.mktemp("homonyms"), ROWS) as gazetteer:
        yield gazetteer


_doc = entity_doc


def _ids(doc: Doc, gaz: Gazetteer, *surfaces: str, nth: int = 0) -> list:
    """The place id each surface resolves to (its ``nth`` occurrence), None if nothing."""
    spans = []
    for s in surfaces:
        start = -1
        for _ in range(nth + 1):
            start = doc.text.index(s, start + 1)
        spans.append((start, start + len(s)))
    return [c.id if c is not None else None for c in resolve_spans(doc, spans, gazetteer=gaz)]


# ---------------------------------------------------------------- the best-known namesake


def test_a_region_named_elsewhere_does_not_make_a_hamlet_of_a_big_town(gaz):
    doc = _doc("The Bulldogs beat Louisville in overtime. Their coach grew up in Ohio.", "Louisville", "Ohio")
    assert _ids(doc, gaz, "Louisville") == ["gn:9700001"]


def test_the_region_and_a_nearby_town_still_make_the_small_namesake(gaz):
    doc = _doc("A fire closed a school in Louisville, near Canton, in Ohio.", "Louisville", "Canton", "Ohio")
    assert _ids(doc, gaz, "Louisville") == ["gn:9700002"]


def test_the_best_known_namesake_abroad_when_the_article_has_none_at_home(gaz):
    doc = _doc("The Toronto club's farm team, the Buffalo Bisons, signed a pitcher from Texas.",
               "Toronto", "Buffalo", "Texas")  # fmt: skip
    assert _ids(doc, gaz, "Buffalo") == ["gn:9700004"]


def test_namesakes_of_similar_size_are_left_to_the_context(gaz):
    # Springfield, Illinois is bigger, but not ten times: Ohio named in the story decides
    doc = _doc("Protesters marched in Springfield. Ohio lawmakers met them.", "Springfield", "Ohio")
    assert _ids(doc, gaz, "Springfield") == ["gn:9700008"]


# ---------------------------------------------------------------- names inside longer names


def test_a_foreign_town_inside_a_longer_name_counts_when_the_article_names_it_alone(gaz):
    doc = _doc("Trainers from Houston, Texas flew to Dubai. The Dubai World Cup went to a horse from Houston.",
               "Houston", "Texas", "Dubai")  # fmt: skip
    assert _ids(doc, gaz, "Dubai World Cup") == ["gn:9700010"]


def test_a_foreign_town_found_only_inside_a_longer_name_gives_way_to_the_articles_town(gaz):
    doc = _doc("Trainers from Houston, Texas celebrated. The Dubai World Cup went to a horse from Houston.",
               "Houston", "Texas")  # fmt: skip
    assert _ids(doc, gaz, "Dubai World Cup") == ["gn:9700009"]



def test_a_small_far_town_inside_a_longer_name_gives_way_to_the_articles_town(gaz):
    doc = _doc("Bars on Elysian Fields in New Orleans reopened. Police in New Orleans watched.", "New Orleans")
    assert _ids(doc, gaz, "Elysian Fields") == ["gn:9700017"]


def test_a_town_near_the_articles_town_inside_a_longer_name_stands(gaz):
    doc = _doc("Kenner Heights flooded on Monday. Police in New Orleans closed roads.", "New Orleans")
    assert _ids(doc, gaz, "Kenner Heights") == ["gn:9700019"]


# ---------------------------------------------------------------- the article's main town


def test_a_building_lies_in_the_big_town_abroad_the_article_keeps_naming(gaz):
    doc = _doc("Trainers from Texas and Ohio flew to Dubai. Crowds filled Meydan Racecourse. Fans in Dubai cheered.",
               "Texas", "Ohio", "Dubai")  # fmt: skip
    assert _ids(doc, gaz, "Meydan Racecourse") == ["gn:9700010"]


def test_a_building_lies_in_the_cluster_of_towns_the_article_names_not_its_first_town(gaz):
    doc = _doc("Officials from Springfield, Ohio visited. People of Canton and Louisville crowded Memorial Hall.",
               "Springfield", "Ohio", "Canton", "Louisville")  # fmt: skip
    assert _ids(doc, gaz, "Springfield", "Memorial Hall") == ["gn:9700008", "gn:9700003"]


def test_a_town_abroad_named_once_does_not_take_the_buildings_of_the_article(gaz):
    doc = _doc("Trainers from Texas and Ohio flew to Dubai. Crowds filled Meydan Racecourse.", "Texas", "Ohio", "Dubai")
    assert _ids(doc, gaz, "Meydan Racecourse") == ["adm1:US-TX"]


# ---------------------------------------------------------------- abbreviations


def test_initials_of_the_articles_country_are_that_country(gaz):
    doc = _doc("Platinum mines in Limpopo made a few families rich in post-apartheid SA.", "Limpopo")
    assert _ids(doc, gaz, "SA") == ["cc:ZA"]


def test_initials_of_another_country_are_left_alone(gaz):
    # "SA" is Saudi Arabia's initials too, but the article is South African: never the Saudi kingdom
    doc = _doc("Platinum mines in Limpopo made a few families rich in post-apartheid SA.", "Limpopo")
    assert _ids(doc, gaz, "SA") != ["cc:SA"]
    doc = _doc("Oil prices rose in Dubai on Monday; SA traders were cautious.", "Dubai")
    assert _ids(doc, gaz, "SA") != ["cc:ZA"]


@pytest.mark.parametrize("code, initials", [("ZA", "SA"), ("PG", "PNG"), ("CF", "CAR"), ("FR", "")])
def test_country_initials_from_the_packaged_country_names(code, initials):
    from sitrep.extract._placewords import country_initials

    assert country_initials(code) == initials


# ---------------------------------------------------------------- counties named without "County"


def test_a_bare_name_is_the_county_the_article_names_when_no_town_there_bears_it(gaz):
    doc = _doc("Detectives in Suffolk County reopened the case. The Suffolk Times first reported it.", "Suffolk County")
    assert _ids(doc, gaz, "Suffolk", nth=1) == ["fips:36103"]


def test_a_bare_name_is_the_town_of_the_county_that_bears_it(gaz):
    doc = _doc("Farmers in Lancaster County sold out. Shops in Lancaster closed early.", "Lancaster County")
    assert _ids(doc, gaz, "Lancaster", nth=1) == ["gn:9700013"]


# ---------------------------------------------------------------- British towns and their boroughs


def test_a_british_town_is_no_homonym_of_the_borough_of_its_name(gaz):
    # GeoNames gives the town the nation (England) as its region, the borough its own name
    doc = _doc("Britain mourned on Monday. Crowds gathered in Manchester.", "Britain", "Manchester")
    assert _ids(doc, gaz, "Manchester") == ["gn:9700015"]


def test_an_unqualified_korean_is_south_korea_when_a_caller_asks_for_its_place(gaz):
    from sitrep.extract._placewords import demonym_country

    assert demonym_country("Korean") == "KR"
    assert demonym_country("North Korean") == "KP"


def test_a_bare_surname_of_a_person_the_article_names_in_full_is_not_a_hamlet(gaz):
    text = "Kids in Toronto want to shoot like Harry Kane. Kane scored twice in Toronto."
    doc = BLANK(text)
    second = text.index("Kane scored")
    doc.ents = [doc.char_span(text.index("Harry Kane"), text.index("Harry Kane") + 10, label="PERSON"),
                doc.char_span(second, second + 4, label="GPE"),  # the small model's label on the bare name
                doc.char_span(text.index("Toronto"), text.index("Toronto") + 7, label="GPE")]
    found = find_places(doc, gazetteer=gaz)
    assert [m.text for m in found.mentions] == ["Toronto", "Toronto"]


def test_a_demonym_is_no_town_that_shares_its_name(gaz):
    doc = _doc("In Toronto, a man shouted in Spanish at police.", "Toronto")
    # Spanish, Ontario is a real town of the article's country; "in Spanish" is the language
    assert [m.text for m in find_places(doc, gazetteer=gaz).mentions] == ["Toronto"]


def test_a_town_abroad_nothing_else_in_the_article_backs_is_not_found(gaz):
    text = "Builders in Houston offer the Norbury model. Houston families took in refugees from the Turkish town of Kilis."
    doc = BLANK(text)
    doc.ents = [doc.char_span(text.index(s), text.index(s) + len(s), label=label)
                for s, label in (("Houston", "GPE"), ("Norbury", "GPE"), ("Turkish", "NORP"), ("Kilis", "GPE"))]
    # Norbury (London, 16,000 people) is a house model here; Kilis is backed by "Turkish"
    assert [m.text for m in find_places(doc, gazetteer=gaz).mentions] == ["Houston", "Houston", "Kilis"]
