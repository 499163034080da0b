"""Places in local reporting: "Town, State" pairs and "the X area" / "X territory" phrases.

Blank-pipeline Docs (entities set by hand) against a tiny gazetteer of hand-written rows: real
names, invented ids and numbers. Every expectation is written from the text, by hand.
"""

from __future__ import annotations

import pytest

from sitrep.extract.places import PlacesFound, find_places, resolve_spans
from sitrep.gazetteer import Gazetteer, PlaceRow

from _placekit import BLANK, entity_doc, small_gazetteer

ROWS = [
    PlaceRow("cc:US", "United States", "US", None, "country", 38.0, -97.0, 330_000_000),
    PlaceRow("cc:FR", "France", "FR", None, "country", 46.0, 2.0, 67_000_000),
    PlaceRow("cc:IT", "Italy", "IT", None, "country", 42.8, 12.8, 60_000_000),
    PlaceRow("cc:GE", "Georgia", "GE", None, "country", 42.0, 43.5, 3_700_000),
    PlaceRow("cc:GR", "Greece", "GR", None, "country", 39.0, 22.0, 10_700_000),
    PlaceRow("adm1:US-TN", "Tennessee", "US", "Tennessee", "admin1", 35.8, -86.3, 6_900_000),
    PlaceRow("adm1:US-GA", "Georgia", "US", "Georgia", "admin1", 32.3, -83.1, 10_700_000),
    PlaceRow("gn:9800001", "Paris", "FR", "Île-de-France", "city", 48.85, 2.35, 2_100_000),
    PlaceRow("gn:9800002", "Paris", "US", "Tennessee", "city", 36.30, -88.33, 10_000),
    PlaceRow("gn:9800003", "Rome", "IT", "Lazio", "city", 41.89, 12.51, 2_800_000),
    PlaceRow("gn:9800004", "Rome", "US", "Georgia", "city", 34.26, -85.16, 36_000),
    PlaceRow("gn:9800005", "Athens", "GR", "Attica", "city", 37.98, 23.73, 660_000),
    PlaceRow("gn:9800006", "Athens", "US", "Georgia", "city", 33.96, -83.38, 127_000),
    PlaceRow("gn:9800007", "Tbilisi", "GE", "Tbilisi", "city", 41.69, 44.83, 1_100_000),
    PlaceRow("adm1:US-OH", "Ohio", "US", "Ohio", "admin1", 40.4, -82.7, 11_700_000),
    PlaceRow("adm1:US-NY", "New York", "US", "New York", "admin1", 42.9, -75.5, 19_500_000),
    PlaceRow("gn:9800010", "Atlanta", "US", "Georgia", "city", 33.75, -84.39, 500_000),
    PlaceRow("gn:9800011", "Atlanta", "US", "Texas", "city", 33.11, -94.16, 5_600),
    PlaceRow("gn:9800012", "Columbus", "US", "Ohio", "city", 39.96, -83.00, 910_000),
    PlaceRow("gn:9800013", "Columbus", "US", "Georgia", "city", 32.46, -84.99, 200_000),
    PlaceRow("gn:9800014", "Columbus", "US", "New York", "city", 42.69, -75.37, 950),
    PlaceRow("gn:9800015", "Albany", "US", "New York", "city", 42.65, -73.76, 100_000),
    PlaceRow("gn:9800016", "Albany", "US", "Georgia", "city", 31.58, -84.16, 75_000),
    PlaceRow("gn:9800017", "Albany", "US", "Ohio", "city", 39.22, -82.20, 800),
    PlaceRow("gn:9800018", "Tolga", "DZ", "Biskra", "city", 34.72, 5.38, 50_000),
    PlaceRow("gn:9800019", "Tolga", "NO", "Innlandet", "city", 62.41, 11.0, 650),
    PlaceRow("gn:9800020", "Ambo", "ET", "Oromia", "city", 8.98, 37.85, 99_000),
    PlaceRow("gn:9800021", "Ambo", "PE", "Huanuco", "city", -10.13, -76.2, 6_900),
    PlaceRow("gn:9800022", "Goma", "CD", "Nord-Kivu", "city", -1.68, 29.23, 670_000),
    PlaceRow("gn:9800023", "Lere", "NG", "Kaduna", "city", 10.39, 8.57, 90_000),
    PlaceRow("gn:9800024", "Lere", "TD", "Mayo-Kebbi Ouest", "city", 9.66, 14.23, 33_000),
    PlaceRow("cc:ET", "Ethiopia", "ET", None, "country", 9.0, 39.0, 110_000_000),
    PlaceRow("cc:CN", "China", "CN", None, "country", 35.0, 105.0, 1_400_000_000),
    PlaceRow("gn:9800025", "Addis Ababa", "ET", "Addis Ababa", "city", 9.02, 38.75, 3_000_000),
    PlaceRow("gn:9800026", "Bole", "CN", "Xinjiang", "city", 44.9, 82.07, 120_000),
    PlaceRow("gn:9800027", "Kinshasa", "CD", "Kinshasa", "city", -4.33, 15.31, 7_800_000),
    PlaceRow("adm1:BO-B", "Beni", "BO", "Beni", "admin1", -14.0, -65.5, 300_000),
    PlaceRow("gn:9800028", "Beni", "CD", "Nord-Kivu", "city", 0.49, 29.47, 140_000),
    PlaceRow("cc:EG", "Egypt", "EG", None, "country", 27.0, 30.0, 100_000_000),
    PlaceRow("adm1:EG-GZ", "Giza", "EG", "Giza", "admin1", 29.3, 30.0, 5_500_000),
    PlaceRow("gn:9800029", "Giza", "EG", "Giza", "city", 30.01, 31.21, 4_300_000),
    PlaceRow("cc:KE", "Kenya", "KE", None, "country", 0.5, 38.0, 53_000_000),
    PlaceRow("gn:9800031", "Nekemte", "ET", "Oromia", "city", 9.08, 36.55, 60_000, ("Lekemt",)),
    PlaceRow("gn:9800032", "Lekemt", "KE", "Nakuru", "city", -0.3, 36.1, 900),
    PlaceRow("adm1:EG-ALX", "Alexandria", "EG", "Alexandria", "admin1", 31.0, 29.9, 5_200_000),
    PlaceRow("gn:9800033", "Alexandria", "EG", "Alexandria", "city", 31.2, 29.92, 3_800_000),
    PlaceRow("cc:AF", "Afghanistan", "AF", None, "country", 33.0, 65.0, 37_000_000),
    PlaceRow("gn:9800034", "Shewa", "AF", "Nangarhar", "city", 34.57, 70.59, 0),
    PlaceRow("adm1:AF-KHO", "Khost", "AF", "Khost", "admin1", 33.34, 69.92, 600_000),
    PlaceRow("gn:9800035", "Dwah Manday", "AF", "Khost", "city", 33.28, 69.59, 0, ("Domandi",)),
    PlaceRow("cc:CD", "DR Congo", "CD", None, "country", -2.9, 23.6, 90_000_000),
    PlaceRow("gn:9800008", "Bodo", "CD", "Nord-Kivu", "city", -0.9, 29.2, 3_000),
    PlaceRow("gn:9800009", "Lukala", "CD", "Sud-Kivu", "city", -2.5, 28.8, 4_000),
]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory) -> Gazetteer:
    with small_gazetteer(tmp_path_factory.mktemp("local"), ROWS) as gazetteer:
        yield gazetteer


_doc = entity_doc


def _ids(found: PlacesFound) -> list[tuple[str, str]]:
    return [(m.text, m.place_id) for m in found.mentions]


# ---------------------------------------------------------------- "Town, State"


def test_town_followed_by_its_state_abbreviation_is_the_town_in_that_state(gaz):
    found = find_places(_doc("The mayor of Paris, Tenn., said the plant would close.", "Paris", "Tenn."), gazetteer=gaz)
    assert _ids(found) == [("Paris", "gn:9800002"), ("Tenn.", "adm1:US-TN")]
    assert found.country == "US"


def test_town_followed_by_a_state_that_shares_a_countrys_name(gaz):
    # "Georgia" after a Georgian-American town is the US state, not the country
    found = find_places(_doc("Police in Athens, Georgia, arrested two men.", "Athens", "Georgia"), gazetteer=gaz)
    assert _ids(found) == [("Athens", "gn:9800006"), ("Georgia", "adm1:US-GA")]


def test_town_state_pair_from_gold_spans(gaz):
    text = "A fire destroyed a barn near Rome, Ga., on Sunday."
    doc = _doc(text, "Rome", "Ga.")
    start = text.index("Rome")
    (rome,) = resolve_spans(doc, [(start, start + 4)], gazetteer=gaz)
    assert rome.id == "gn:9800004"


def test_comma_in_a_list_does_not_pin_a_town_to_the_next_name(gaz):
    # a list of equals: "Tbilisi, Georgia and Greece" puts Tbilisi in no US state (nor would a namesake there)
    found = find_places(_doc("Talks were held in Tbilisi, Georgia and Greece.", "Tbilisi", "Georgia", "Greece"),
                        gazetteer=gaz)  # fmt: skip
    assert ("Tbilisi", "gn:9800007") in _ids(found)
    assert ("Georgia", "cc:GE") in _ids(found)


def test_town_followed_by_a_country_is_left_to_the_country_vote(gaz):
    found = find_places(_doc("Protesters gathered in Paris, France.", "Paris", "France"), gazetteer=gaz)
    assert _ids(found) == [("Paris", "gn:9800001"), ("France", "cc:FR")]


def test_town_in_its_state_after_in(gaz):
    found = find_places(_doc("A fire was reported in Rome in Georgia on Sunday.", "Rome", "Georgia"), gazetteer=gaz)
    assert _ids(found) == [("Rome", "gn:9800004"), ("Georgia", "adm1:US-GA")]


def test_a_part_of_a_town_the_index_lacks_resolves_to_the_town(gaz):
    # Bole, a district of Addis Ababa, is not in the index; its namesake in China is not meant
    text = "Police cleared street stalls in Bole in Addis Ababa on Friday."
    found = find_places(_doc(text, "Bole", "Addis Ababa"), gazetteer=gaz)
    assert _ids(found) == [("Bole", "gn:9800025"), ("Addis Ababa", "gn:9800025")]
    assert found.country == "ET"


def test_a_part_a_town_owns_resolves_to_the_town(gaz):
    found = find_places(_doc("Police cleared street stalls in Addis Ababa's Bole on Friday.", "Addis Ababa", "Bole"),
                        gazetteer=gaz)  # fmt: skip
    assert _ids(found) == [("Addis Ababa", "gn:9800025"), ("Bole", "gn:9800025")]


def test_an_epithet_before_in_is_no_part_of_the_town(gaz):
    # "Anne of Bole" names a saint after her home town: "in Addis Ababa" says where the statue is, not Bole
    text = "A statue of Saint Anne of Bole in Addis Ababa was unveiled on Monday."
    found = find_places(_doc(text, "Bole", "Addis Ababa"), gazetteer=gaz)
    assert ("Bole", "gn:9800025") not in _ids(found)


def test_a_place_a_country_owns_lies_in_it(gaz):
    found = find_places(_doc("Arsonists burned a church hall in Egypt's Giza.", "Egypt"), gazetteer=gaz)
    assert _ids(found) == [("Egypt", "cc:EG"), ("Giza", "gn:9800029")]
    found = find_places(_doc("Arsonists burned a church hall in Egypt's Giza governorate on Sunday.", "Egypt"), gazetteer=gaz)
    assert _ids(found) == [("Egypt", "cc:EG"), ("Giza", "adm1:EG-GZ")]


# ---------------------------------------------------------------- the story's state


def test_bare_towns_of_a_local_story_lie_in_the_state_of_its_known_town(gaz):
    # Atlanta places the story in Georgia: its bare "Columbus" and "Albany" are the Georgia towns, not the
    # bigger Ohio and New York ones, nor hamlets beside those
    text = "The governor spoke in Atlanta on Monday. Later he toured Columbus and Albany to see storm damage."
    found = find_places(_doc(text, "Atlanta", "Columbus", "Albany"), gazetteer=gaz)
    assert _ids(found) == [("Atlanta", "gn:9800010"), ("Columbus", "gn:9800013"), ("Albany", "gn:9800016")]


def test_bare_town_without_a_local_anchor_is_the_biggest(gaz):
    found = find_places(_doc("The governor toured Columbus on Monday.", "Columbus"), gazetteer=gaz)
    assert _ids(found) == [("Columbus", "gn:9800012")]


# ---------------------------------------------------------------- "the X area", "X territory"


@pytest.mark.parametrize("text, name, place_id", [
    ("Herders and farmers fought in the Bodo area on Monday.", "Bodo", "gn:9800008"),
    ("Rebels looted a village in Lukala territory.", "Lukala", "gn:9800009"),
    ("A grenade wounded six people in Lukala commune.", "Lukala", "gn:9800009"),
])  # fmt: skip
def test_area_territory_and_commune_make_a_small_town_a_place(gaz, text, name, place_id):
    # no country named, a town under 10,000 people that NER did not tag: the phrase says it is a place
    found = find_places(_doc(text), gazetteer=gaz)
    assert _ids(found) == [(name, place_id)]
    assert found.mentions[0].geo_precision == 2  # around the town, or a unit of which it is the chief town


def test_area_as_a_common_noun_needs_the_article(gaz):
    # "Bodo area commanders" without "the": no feature phrase, and no preposition before it
    assert _ids(find_places(_doc("Bodo area commanders met on Monday."), gazetteer=gaz)) == []


# ---------------------------------------------------------------- no country to judge by


def test_a_town_after_in_that_ner_called_a_person_stands_when_it_dwarfs_its_namesakes(gaz):
    # a short report naming no country: "in Tolga" is where the youths were, not who they were
    found = find_places(_doc("Dozens of youths marched in Tolga on Tuesday.", "Tolga", label="PERSON"), gazetteer=gaz)
    assert _ids(found) == [("Tolga", "gn:9800018")]


def test_a_town_ner_called_a_person_stands_a_few_km_from_it(gaz):
    found = find_places(_doc("Two men were killed a few km from Tolga.", "Tolga", label="PERSON"), gazetteer=gaz)
    assert [(m.text, m.place_id, m.geo_precision) for m in found.mentions] == [("Tolga", "gn:9800018", 2)]


def test_a_person_after_from_is_still_no_town(gaz):
    found = find_places(_doc("The money came from Tolga on Monday.", "Tolga", label="PERSON"), gazetteer=gaz)
    assert _ids(found) == []


def test_an_untagged_town_that_dwarfs_its_namesakes_abroad_stands_without_a_country(gaz):
    assert _ids(find_places(_doc("Youths marched in Tolga on Tuesday."), gazetteer=gaz)) == [("Tolga", "gn:9800018")]


def test_namesakes_of_similar_size_abroad_still_need_a_country(gaz):
    assert _ids(find_places(_doc("Students marched in Lere on Monday."), gazetteer=gaz)) == []


def test_a_city_abroad_is_no_mere_namesake_of_a_region(gaz):
    # Beni, a Congolese city of 140,000, is not penalised as a town named after Bolivia's Beni department
    found = find_places(_doc("Shops stayed shut in Beni on Friday after the killings.", "Beni"), gazetteer=gaz)
    assert _ids(found) == [("Beni", "gn:9800028")]


def test_a_village_named_like_a_towns_other_name_gives_way_without_a_country(gaz):
    # "Lekemt" is the Ethiopian town's other name, and a Kenyan village's own: a short report naming no
    # country means the town ten times the village's size
    assert _ids(find_places(_doc("Students protested in Lekemt on Monday."), gazetteer=gaz)) == [("Lekemt", "gn:9800031")]


def test_a_village_named_like_a_towns_other_name_stands_in_its_own_country(gaz):
    found = find_places(_doc("Kenyan police said youths protested in Lekemt.", "Kenyan", label="NORP"), gazetteer=gaz)
    assert _ids(found) == [("Lekemt", "gn:9800032")]


# ---------------------------------------------------------------- a town in a facility's name


def test_a_facility_named_after_its_town_puts_the_event_in_the_town(gaz):
    found = find_places(_doc("Lecturers at Ambo University went on strike on Friday."), gazetteer=gaz)
    assert _ids(found) == [("Ambo", "gn:9800020")]


def test_a_university_is_no_group_that_hides_its_town(gaz):
    doc = _doc("Police fired tear gas at students on the University of Goma grounds.", "the University of Goma", label="ORG")
    assert _ids(find_places(doc, gazetteer=gaz)) == [("Goma", "gn:9800022")]


def test_an_english_word_among_the_particles_joins_a_name_only_when_hyphenated():
    from sitrep.extract._toponyms import recognise

    doc = BLANK("Fighting near Ras at-Tin continued. Lecturers at Ambo University walked out.")
    names = [doc[t.start:t.end].text for t in recognise(doc)]
    assert "Ras at-Tin" in names
    assert "Ambo University" in names and not any(n.startswith("Lecturers") for n in names)


def test_the_capital_a_demonym_names_is_that_countrys_capital(gaz):
    found = find_places(_doc("Lawyers marched through the Congolese capital on Monday.", "Congolese", label="NORP"),
                        gazetteer=gaz)  # fmt: skip
    assert _ids(found) == [("the Congolese capital", "gn:9800027")]


# ---------------------------------------------------------------- feature words that reach further


def test_a_plural_feature_word_before_of_covers_the_names_after(gaz):
    found = find_places(_doc("Protests were held in the governorates of Alexandria and Giza."), gazetteer=gaz)
    assert _ids(found) == [("Alexandria", "adm1:EG-ALX"), ("Giza", "adm1:EG-GZ")]


def test_a_region_the_index_lacks_is_no_hamlet_abroad(gaz):
    # "West Shewa" is a zone the index does not list; a hamlet called Shewa in Afghanistan is not meant,
    # nor does it make the report Afghan
    found = find_places(_doc("A farmer was shot dead in Bodo district, West Shewa, on Friday.", "West Shewa"), gazetteer=gaz)
    assert "gn:9800034" not in [m.place_id for m in found.mentions]
    assert found.country != "AF"


def test_the_alternate_name_in_brackets_stands_in_for_an_unknown_first_name(gaz):
    # "Shamal" is not in the index; "Do Mando", the district's other name, is a spelling of Domandi in Khost
    found = find_places(_doc("A roadside mine hurt two policemen in Shamal (Do Mando) district in Khost on Friday.", "Khost"), gazetteer=gaz)
    assert _ids(found) == [("Do Mando", "gn:9800035"), ("Khost", "adm1:AF-KHO")]
