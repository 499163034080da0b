"""Places: resolving toponyms a caller vouches for (gold spans), :func:`resolve_spans`.

Streets and buildings lie in the town the article names for them; oceans and world regions
resolve to their own points, not to towns that share their names; a national capital outside
the region of its name is what the news means by it. Hand-written rows and sentences; every
expectation is written from the text.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from sitrep.extract.places import find_places, resolve_spans
from sitrep.gazetteer import Gazetteer, PlaceRow

from _placekit import BLANK, small_gazetteer

ROWS = [
    PlaceRow("cc:US", "United States", "US", None, "country", 38.0, -97.0, 330_000_000, ("America",)),
    PlaceRow("cc:GB", "United Kingdom", "GB", None, "country", 54.0, -2.0, 67_000_000),
    PlaceRow("cc:RU", "Russia", "RU", None, "country", 60.0, 100.0, 144_000_000),
    PlaceRow("adm1:US-WA", "Washington", "US", "Washington", "admin1", 47.4, -120.5, 7_000_000),
    PlaceRow("adm1:US-TX", "Texas", "US", "Texas", "admin1", 31.0, -100.0, 29_000_000),
    PlaceRow("adm1:US-LA", "Louisiana", "US", "Louisiana", "admin1", 31.0, -92.0, 4_600_000),
    PlaceRow("adm1:US-CA", "California", "US", "California", "admin1", 37.0, -120.0, 39_000_000),
    PlaceRow("gn:9600001", "Washington", "US", "District of Columbia", "city", 38.90, -77.04, 690_000),
    PlaceRow("gn:9600002", "New Orleans", "US", "Louisiana", "city", 29.95, -90.07, 390_000),
    PlaceRow("gn:9600003", "Street", "GB", None, "city", 51.13, -2.74, 11_000),
    PlaceRow("gn:9600004", "Royal City", "US", "Washington", "city", 46.90, -119.63, 2_000, ("Royal",)),
    PlaceRow("gn:9600005", "Houston", "US", "Texas", "city", 29.76, -95.37, 2_300_000),
    PlaceRow("gn:9600006", "Colchester", "GB", None, "city", 51.89, 0.90, 120_000),
    PlaceRow("gn:9600007", "Atlantic", "US", None, "city", 41.40, -95.01, 7_000),
    PlaceRow("gn:9600008", "Harare", "ZW", None, "city", -17.83, 31.05, 1_500_000, ("Salisbury",)),
    PlaceRow("gn:9600009", "Salisbury", "GB", None, "city", 51.07, -1.79, 45_000),
    PlaceRow("gn:9600010", "Saint Louis", "US", None, "city", 38.63, -90.20, 300_000),
    PlaceRow("gn:9600011", "Faubourg Blanchot", "FR", None, "city", 46.0, 2.0, 600, ("Faubourg",)),
    PlaceRow("gn:9600012", "Middle", "GB", None, "city", 52.80, -2.80, 600),
    PlaceRow("cc:FR", "France", "FR", None, "country", 46.0, 2.0, 67_000_000),
    PlaceRow("gn:9600013", "Marigny", "FR", None, "city", 49.10, -1.24, 2_000),
    PlaceRow("gn:9600014", "Marigny", "US", "Louisiana", "city", 29.96, -90.05, 3_000),
    PlaceRow("gn:9600015", "White House", "US", "Tennessee", "city", 36.47, -86.65, 11_000),
    PlaceRow("cc:IS", "Iceland", "IS", None, "country", 65.0, -18.0, 360_000, ("Island",)),
    PlaceRow("cc:CA", "Canada", "CA", None, "country", 60.0, -100.0, 38_000_000),
    PlaceRow("cc:IM", "Isle of Man", "IM", None, "country", 54.2, -4.5, 85_000),
    PlaceRow("gn:9600016", "Peel", "IM", None, "city", 54.22, -4.69, 5_400),
    PlaceRow("gn:9600017", "Mississauga", "CA", "Ontario", "city", 43.58, -79.66, 720_000),
]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory) -> Gazetteer:
    with small_gazetteer(tmp_path_factory.mktemp("gold"), ROWS) as gazetteer:
        yield gazetteer




def _doc(text: str, **ents: str) -> Doc:
    """A blank-pipeline Doc; ``ents`` maps an exact substring to the NER label it should carry."""
    doc = BLANK(text)
    spans = []
    for surface, label in ents.items():
        start = text.index(surface.replace("_", " "))
        spans.append(doc.char_span(start, start + len(surface), label=label))
    doc.ents = spans
    return doc


def _ids(doc: Doc, gaz: Gazetteer, *surfaces: str) -> list:
    """The place id each surface (its first occurrence in the text) resolves to, None if nothing."""
    spans = [(doc.text.index(s), doc.text.index(s) + len(s)) for s in surfaces]
    return [c.id if c is not None else None for c in resolve_spans(doc, spans, gazetteer=gaz)]


# ---------------------------------------------------------------- streets, buildings, local names


def test_a_street_lies_in_the_town_the_article_names(gaz):
    doc = _doc("Police closed Royal Street in New Orleans on Monday. Residents of New Orleans were angry.",
               New_Orleans="GPE")  # fmt: skip
    # not Street (a town in England), not Royal City: the street is in New Orleans
    assert _ids(doc, gaz, "Royal Street") == ["gn:9600002"]


def test_a_building_named_after_a_town_the_article_names_lies_there(gaz):
    doc = _doc("In Colchester, cleaners at Colchester Royal Infirmary walked out. "
               "Others marched in New Orleans and New Orleans again.", Colchester="GPE", New_Orleans="GPE")
    assert _ids(doc, gaz, "Colchester Royal Infirmary") == ["gn:9600006"]


def test_an_embassy_or_university_lies_in_the_articles_town_not_its_country_or_region(gaz):
    doc = _doc("A crowd rallied at the Russian Embassy in Houston, and staff from the University of "
               "Texas joined them in Houston.", Houston="GPE", Texas="GPE")
    assert _ids(doc, gaz, "Russian Embassy", "University of Texas") == ["gn:9600005", "gn:9600005"]


def test_a_building_lies_in_the_town_named_right_after_it(gaz):
    doc = _doc("Houston doctors flew to the Saint Jude Hospital in New Orleans. Houston is proud.",
               Houston="GPE", New_Orleans="GPE")  # fmt: skip
    # the article's main town is Houston (named twice), but the hospital is the one in New Orleans
    assert _ids(doc, gaz, "Saint Jude Hospital") == ["gn:9600002"]


def test_a_building_after_a_possessive_lies_in_that_town(gaz):
    doc = _doc("Houston vets praised New Orleans's Royal Animal Centre. Houston will copy it.",
               Houston="GPE", New_Orleans="GPE")  # fmt: skip
    # not Royal City (Washington), not Houston (the article's main town)
    assert _ids(doc, gaz, "Royal Animal Centre") == ["gn:9600002"]


def test_a_building_lies_in_the_town_its_name_ends_in(gaz):
    doc = _doc("Staff of the French Embassy Houston met at the Hotel Colchester in the heart of New Orleans. "
               "New Orleans was warm.", New_Orleans="GPE")  # fmt: skip
    # the embassy's name ends in a town; the hotel's name opens with its building word: the name is its own
    assert _ids(doc, gaz, "French Embassy Houston", "Hotel Colchester") == ["gn:9600005", "gn:9600002"]


def test_a_local_name_the_gazetteer_lacks_is_in_the_articles_town(gaz):
    doc = _doc("Flooding hit Bywater overnight. New Orleans officials said Bywater would recover.",
               New_Orleans="GPE")  # fmt: skip
    assert _ids(doc, gaz, "Bywater") == ["gn:9600002"]


def test_a_piece_of_a_name_does_not_take_a_foreign_hamlet_when_the_article_has_a_town(gaz):
    doc = _doc("Bars in Faubourg Marigny, downriver from the centre of New Orleans, reopened.", New_Orleans="GPE")
    assert _ids(doc, gaz, "Faubourg Marigny") == ["gn:9600002"]


def test_the_head_noun_of_a_name_is_not_a_place_of_its_own(gaz):
    doc = _doc("Houston families took the ferry to Fire Island. Houston was hot.", Houston="GPE")
    # "Island" is an alternate name of Iceland: a piece like that must not stand for "Fire Island"
    assert _ids(doc, gaz, "Fire Island") == ["gn:9600005"]


def test_a_hamlet_abroad_whose_country_the_article_never_names_gives_way_to_its_town(gaz):
    doc = _doc("Peel Regional Police searched Dubonet Drive on Monday. Mississauga residents stayed inside.",
               Mississauga="GPE")  # fmt: skip
    # Peel (Isle of Man, 5,400 people) outvotes nothing: the story is Canadian, its town Mississauga
    assert _ids(doc, gaz, "Peel", "Dubonet Drive") == ["gn:9600017", "gn:9600017"]


def test_a_hamlet_abroad_stands_when_the_article_names_its_country(gaz):
    doc = _doc("Peel, on the Isle of Man, flooded. Mississauga sent pumps.", Mississauga="GPE", Isle_of_Man="GPE")
    assert _ids(doc, gaz, "Peel") == ["gn:9600016"]


def test_an_unknown_name_in_an_article_with_a_country_but_no_town_lies_in_that_country(gaz):
    doc = _doc("France mourned. Across the Hexagon, flags flew at half mast.", France="GPE")
    assert _ids(doc, gaz, "Hexagon") == ["cc:FR"]


def test_a_building_with_no_town_in_the_article_stays_unresolved(gaz):
    doc = _doc("They met at the Zzyzx Market.")
    assert _ids(doc, gaz, "Zzyzx Market") == [None]


def test_demonyms_given_as_spans_do_not_outvote_the_places_of_the_article(gaz):
    doc = _doc("French settlers built Marigny, near New Orleans. French and French-speaking families stayed.",
               New_Orleans="GPE")  # fmt: skip
    start = doc.text.index("French and")
    spans = [(0, 6), (start, start + 6), (doc.text.index("Marigny"), doc.text.index("Marigny") + 7)]
    assert [c.id for c in resolve_spans(doc, spans, gazetteer=gaz)] == ["cc:FR", "cc:FR", "gn:9600014"]


# ---------------------------------------------------------------- world features, capitals, spellings


def test_oceans_and_world_regions_are_not_their_namesake_towns(gaz):
    doc = _doc("Storms over the Atlantic delayed flights to Houston. Middle Eastern envoys met in the Middle East.",
               Houston="GPE")  # fmt: skip
    # "Middle" is an English hamlet and "Atlantic" a US town; the article's country (US) must not pull them in
    assert _ids(doc, gaz, "Atlantic", "Middle Eastern", "Middle East") == ["gn:3373405", "gn:6269133",
                                                                          "gn:6269133"]  # fmt: skip


def test_the_coasts_and_regions_of_the_us_resolve_to_their_own_points(gaz):
    doc = _doc("Snow hit the East Coast while the West Coast and the Midwest stayed dry, Houston forecasters said.",
               Houston="GPE")  # fmt: skip
    assert _ids(doc, gaz, "East Coast", "West Coast", "Midwest") == ["world:east-coast", "gn:9881904", "world:midwest"]


def test_seats_of_government_are_their_own_points_not_towns_or_buildings_of_the_article(gaz):
    doc = _doc("The White House and the Kremlin traded barbs at the United Nations as talks in Houston stalled.",
               Houston="GPE")  # fmt: skip
    # not White House, Tennessee, and not Houston (a building's default home: the article's town)
    assert _ids(doc, gaz, "White House", "Kremlin", "United Nations") == ["gn:9675434", "world:kremlin", "gn:5141947"]


def test_a_lowercase_compass_word_before_an_ocean_names_its_part(gaz):
    doc = _doc("The north Atlantic is cooler than the Atlantic near Houston.", Houston="GPE")
    assert _ids(doc, gaz, "Atlantic") == ["gn:3411923"]  # its first mention: the North Atlantic
    start = doc.text.index("Atlantic near")
    assert [c.id for c in resolve_spans(doc, [(start, start + 8)], gazetteer=gaz)] == ["gn:3373405"]


def test_arab_names_the_arab_world_not_a_town(gaz):
    doc = _doc("Arab leaders and Arab states met envoys in Houston.", Houston="GPE")
    assert _ids(doc, gaz, "Arab", "Arab states") == ["gn:6957698", "gn:6957698"]


def test_world_regions_never_become_event_locations(gaz):
    found = find_places(_doc("Envoys from the Middle East met in Houston.", Middle_East="LOC", Houston="GPE"),
                        gazetteer=gaz)  # fmt: skip
    assert [m.text for m in found.mentions] == ["Houston"]


def test_no_part_of_a_world_region_is_found_either(gaz):
    found = find_places(_doc("Migrants from South America reached Houston.", South_America="LOC", Houston="GPE"),
                        gazetteer=gaz)  # fmt: skip
    assert [m.text for m in found.mentions] == ["Houston"]  # not "America" (the United States)


def test_a_national_capital_beats_the_region_it_shares_a_name_with(gaz):
    doc = _doc("Officials in Washington said talks in Texas would resume.", Washington="GPE", Texas="GPE")
    assert _ids(doc, gaz, "Washington") == ["gn:9600001"]


def test_an_old_name_of_a_world_city_does_not_beat_a_town_called_so(gaz):
    # no country to go by (Houston and Harare vote alike); Harare's old name must not count as its name
    doc = _doc("Flights from Houston to Salisbury were cancelled.", Houston="GPE", Salisbury="GPE")
    assert _ids(doc, gaz, "Salisbury") == ["gn:9600009"]  # not Harare, once Salisbury


def test_st_is_saint_and_a_state_abbreviation_may_lose_its_period(gaz):
    doc = _doc("Fans in St. Louis cheered. A fire near Fresno, Calif destroyed homes.")
    assert _ids(doc, gaz, "St. Louis", "Calif") == ["gn:9600010", "adm1:US-CA"]


def test_a_span_that_ends_inside_a_token_is_looked_up_as_given(gaz):
    # the tokenizer keeps "U.S.-led" and "Calif.--" whole; the annotation is only "U.S." and "Calif."
    doc = _doc("Partners of the U.S.-led alliance met. FRESNO, Calif.--(Wire)--Growers said prices fell.")
    assert _ids(doc, gaz, "U.S.", "Calif.") == ["cc:US", "adm1:US-CA"]


@pytest.mark.gazetteer
@pytest.mark.parametrize("name, place_id", [("Holy See", "cc:VA"), ("Soviet Union", "cc:RU"),
                                             ("Democratic People's Republic of Korea", "cc:KP")])  # fmt: skip
def test_real_index_knows_country_names_of_diplomacy_and_history(gazetteer, name, place_id):
    assert gazetteer.lookup(name, limit=1)[0].id == place_id


# ---------------------------------------------------------------- US counties

COUNTIES = [
    PlaceRow("cc:US", "United States", "US", None, "country", 38.0, -97.0, 330_000_000, ("America",)),
    PlaceRow("adm1:US-MD", "Maryland", "US", "Maryland", "admin1", 39.0, -76.8, 6_000_000),
    PlaceRow("adm1:US-TN", "Tennessee", "US", "Tennessee", "admin1", 35.9, -86.4, 7_000_000),
    PlaceRow("fips:90001", "Montgomery County", "US", "Maryland", "district", 39.1, -77.2, 900_000),
    PlaceRow("fips:90002", "Montgomery County", "US", "Tennessee", "district", 36.5, -87.4, 200_000),
    PlaceRow("gn:9700001", "Rockville", "US", "Maryland", "city", 39.08, -77.15, 68_000),
    PlaceRow("gn:9700002", "Clarksville", "US", "Tennessee", "city", 36.53, -87.36, 150_000),
    PlaceRow("gn:9700003", "Montgomery", "US", "Alabama", "city", 32.37, -86.30, 200_000),
]


@pytest.fixture(scope="module")
def counties(tmp_path_factory) -> Gazetteer:
    with small_gazetteer(tmp_path_factory.mktemp("counties"), COUNTIES) as gazetteer:
        yield gazetteer


def test_a_county_is_the_one_near_the_articles_towns(counties):
    doc = _doc("Schools in Montgomery County closed after a storm hit Clarksville.", Clarksville="GPE")
    # not the town of Montgomery (Alabama), not the bigger Maryland county: the one around Clarksville
    assert _ids(doc, counties, "Montgomery County") == ["fips:90002"]


def test_a_county_found_as_a_place_in_an_article(counties):
    found = find_places(_doc("Police in Rockville said the fire in Montgomery County was out.", Rockville="GPE"),
                        gazetteer=counties)  # fmt: skip
    assert [(m.text, m.place_id) for m in found.mentions] == [("Rockville", "gn:9700001"),
                                                            ("Montgomery County", "fips:90001")]  # fmt: skip
