"""Place rules of session 8: resolving ambiguous names in local (US) news.

Blank-pipeline Docs (entities set by hand) against a tiny gazetteer of hand-written rows: real
names, invented ids and numbers. Every expectation is written from the text, by hand.
"""

from __future__ import annotations

import pytest

from sitrep.extract._toponyms import Toponym
from sitrep.extract.places import _vote, find_places, resolve_spans
from sitrep.gazetteer import PlaceRow

from _placekit import entity_doc, small_gazetteer

ROWS = [
    PlaceRow("cc:US", "United States", "US", None, "country", 38.0, -97.0, 330_000_000),
    PlaceRow("adm1:US-MS", "Mississippi", "US", "Mississippi", "admin1", 32.7, -89.7, 3_000_000),
    PlaceRow("adm1:US-AL", "Alabama", "US", "Alabama", "admin1", 32.8, -86.8, 5_000_000),
    PlaceRow("fips:91001", "Madison County", "US", "Alabama", "district", 34.73, -86.59, 300_000),
    PlaceRow("fips:91002", "Madison County", "US", "Mississippi", "district", 32.61, -90.04, 70_000),
    PlaceRow("gn:9810001", "Jackson", "US", "Mississippi", "city", 32.30, -90.18, 150_000),
    PlaceRow("gn:9810002", "Jackson", "US", "Tennessee", "city", 35.61, -88.81, 65_000),
    PlaceRow("gn:9810003", "Ridgeland", "US", "Mississippi", "city", 32.43, -90.13, 24_000),
    PlaceRow("gn:9810004", "Ridgeland", "US", "South Carolina", "city", 32.48, -80.98, 4_000),
]


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    with small_gazetteer(tmp_path_factory.mktemp("s8"), ROWS) as gazetteer:
        yield gazetteer


def _resolve(gaz, text: str, *surfaces: str, nth: int = 0) -> list[str]:
    """Ids resolved for ``surfaces`` (GPE entities), the ``nth`` occurrence of each."""
    doc = entity_doc(text, *surfaces)
    spans = []
    for surface in surfaces:
        start = -1
        for _ in range(nth + 1):
            start = text.index(surface, start + 1)
        spans.append((start, start + len(surface)))
    return [c.id if c else None for c in resolve_spans(doc, spans, gazetteer=gaz)]


def test_a_name_named_twice_is_no_evidence_of_its_own_namesake(gaz):
    # both mentions of "Madison County" took the bigger Alabama county in the first pass; each was then
    # "near" the other and outweighed the towns of the story, which lie beside the Mississippi one
    text = ("Two teenagers from Jackson were charged in Madison County. "
            "The Madison County sheriff said the pair lived in Ridgeland.")
    assert _resolve(gaz, text, "Jackson", "Madison County", "Ridgeland") == ["gn:9810001", "fips:91002", "gn:9810003"]


TENNESSEE = [
    PlaceRow("cc:US", "United States", "US", None, "country", 38.0, -97.0, 330_000_000),
    PlaceRow("fips:92001", "Williamson County", "US", "Texas", "district", 30.64, -97.68, 370_000),
    PlaceRow("fips:92002", "Williamson County", "US", "Tennessee", "district", 35.92, -86.87, 130_000),
    PlaceRow("gn:9820001", "Franklin", "US", "Tennessee", "city", 35.93, -86.87, 70_000),
    PlaceRow("gn:9820002", "Franklin", "US", "Texas", "city", 31.03, -96.49, 1_600),
    PlaceRow("gn:9820003", "Spring Hill", "US", "Tennessee", "city", 35.75, -86.93, 36_000),
    PlaceRow("gn:9820004", "Spring Hill", "US", "Florida", "city", 28.48, -82.53, 98_000),
    PlaceRow("gn:9820005", "Columbia", "US", "Tennessee", "city", 35.62, -87.04, 37_000),
    PlaceRow("gn:9820006", "Columbia", "US", "South Carolina", "city", 34.00, -81.03, 140_000),
]


def test_towns_are_placed_near_the_cluster_the_story_forms_not_near_first_guesses(tmp_path):
    # each name's biggest namesake lies in another state; resolved in context, Spring Hill, Columbia and
    # the county cluster in Tennessee, and Franklin is the Tennessee town among them, not a Texas hamlet
    # that happens to lie near the bigger Williamson County
    text = ("A Franklin man was arrested after a chase through Spring Hill. "
            "The Williamson County sheriff said the chase ended near Columbia.")
    with small_gazetteer(tmp_path, TENNESSEE) as gaz:
        ids = _resolve(gaz, text, "Franklin", "Spring Hill", "Williamson County", "Columbia")
    assert ids == ["gn:9820001", "gn:9820003", "fips:92002", "gn:9820005"]


COUNTY_SEAT = [
    PlaceRow("cc:US", "United States", "US", None, "country", 38.0, -97.0, 330_000_000),
    PlaceRow("cc:FR", "France", "FR", None, "country", 46.0, 2.0, 67_000_000),
    PlaceRow("gn:9830001", "Paris", "FR", "Île-de-France", "city", 48.85, 2.35, 2_100_000),
    PlaceRow("gn:9830002", "Paris", "US", "Texas", "city", 33.66, -95.56, 25_000),
    PlaceRow("fips:93001", "Lamar County", "US", "Texas", "district", 33.66, -95.56, 50_000),
]


def test_a_county_the_story_names_settles_its_country(tmp_path):
    # "Lamar County" is a county of one country only: the story is American, and its Paris the Texas
    # town beside the county, not the world city that a bare "Paris" would otherwise vote for
    text = "Police in Paris said the road was closed for hours. The Lamar County sheriff said the driver lived nearby."
    with small_gazetteer(tmp_path, COUNTY_SEAT) as gaz:
        assert _resolve(gaz, text, "Paris", "Lamar County") == ["gn:9830002", "fips:93001"]


def test_a_county_of_a_million_people_is_no_world_city(tmp_path):
    # the bigger Hillsborough County (Florida) is not "known the world over": the story's county is the
    # one beside its Manchester
    rows = [
        PlaceRow("cc:US", "United States", "US", None, "country", 38.0, -97.0, 330_000_000),
        PlaceRow("fips:94001", "Hillsborough County", "US", "Florida", "district", 27.96, -82.38, 1_250_000),
        PlaceRow("fips:94002", "Hillsborough County", "US", "New Hampshire", "district", 42.89, -71.67, 350_000),
        PlaceRow("gn:9840001", "Manchester", "US", "New Hampshire", "city", 43.00, -71.45, 110_000),
        PlaceRow("gn:9840002", "Manchester", "US", "Connecticut", "city", 41.78, -72.52, 30_000),
    ]
    text = "The school board in Manchester voted to close two schools. Hillsborough County officials agreed."
    with small_gazetteer(tmp_path, rows) as gaz:
        assert _resolve(gaz, text, "Manchester", "Hillsborough County") == ["gn:9840001", "fips:94002"]


GEORGIA = [
    PlaceRow("cc:US", "United States", "US", None, "country", 38.0, -97.0, 330_000_000),
    PlaceRow("cc:GE", "Georgia", "GE", None, "country", 42.0, 43.5, 3_700_000),
    PlaceRow("cc:IT", "Italy", "IT", None, "country", 42.8, 12.8, 60_000_000),
    PlaceRow("adm1:US-GA", "Georgia", "US", "Georgia", "admin1", 32.3, -83.1, 10_700_000),
    PlaceRow("gn:9850001", "Rome", "IT", "Lazio", "city", 41.89, 12.51, 2_800_000),
    PlaceRow("gn:9850002", "Rome", "US", "Georgia", "city", 34.26, -85.16, 36_000),
    PlaceRow("fips:95001", "Floyd County", "US", "Georgia", "district", 34.26, -85.16, 98_000),
    PlaceRow("fips:95002", "Floyd County", "US", "Indiana", "district", 38.29, -85.82, 78_000),
    PlaceRow("gn:9850003", "Tbilisi", "GE", "Tbilisi", "city", 41.69, 44.83, 1_100_000),
]


def test_a_country_named_like_a_state_of_the_story_is_the_state(tmp_path):
    # "Georgia" names a country and a US state: a US county settles the story's country, and then the
    # state is meant (and the Rome beside the county)
    text = "The Georgia man was arrested in Rome on Friday after a crash in Floyd County."
    with small_gazetteer(tmp_path, GEORGIA) as gaz:
        assert _resolve(gaz, text, "Georgia", "Rome", "Floyd County") == ["adm1:US-GA", "gn:9850002", "fips:95001"]


def test_the_country_georgia_in_its_own_story_stays_the_country(tmp_path):
    text = "Protesters gathered in Tbilisi on Sunday. Georgia has applied to join the bloc."
    with small_gazetteer(tmp_path, GEORGIA) as gaz:
        assert _resolve(gaz, text, "Tbilisi", "Georgia") == ["gn:9850003", "cc:GE"]


BERLIN = [
    PlaceRow("cc:US", "United States", "US", None, "country", 38.0, -97.0, 330_000_000),
    PlaceRow("cc:DE", "Germany", "DE", None, "country", 51.0, 10.0, 83_000_000),
    PlaceRow("adm1:DE-BE", "Berlin", "DE", "Berlin", "admin1", 52.50, 13.40, 3_600_000),
    PlaceRow("gn:9860001", "Berlin", "DE", "Berlin", "city", 52.52, 13.40, 3_400_000),
    PlaceRow("gn:9860002", "Berlin", "US", "Maryland", "city", 38.32, -75.22, 5_000),
    PlaceRow("gn:9860003", "Berlin", "US", "New Jersey", "city", 39.79, -74.93, 7_500),
    PlaceRow("fips:96001", "Worcester County", "US", "Maryland", "district", 38.17, -75.40, 52_000),
    PlaceRow("gn:9860004", "Ocean City", "US", "Maryland", "city", 38.34, -75.08, 7_000),
    PlaceRow("gn:9860005", "Ocean City", "US", "New Jersey", "city", 39.28, -74.57, 11_000),
]


def test_a_county_the_story_names_places_its_towns_in_that_state(tmp_path):
    # the county, resolved beside the story's Ocean City, puts the story in Maryland as naming the state
    # would: its Berlin is the small Maryland town, not the German city-state's capital (whose region
    # name counts against the US towns called Berlin) nor the New Jersey one
    text = "Officials in Berlin said the Worcester County beach town of Ocean City was ready for the storm."
    with small_gazetteer(tmp_path, BERLIN) as gaz:
        ids = _resolve(gaz, text, "Berlin", "Worcester County", "Ocean City")
    assert ids == ["gn:9860002", "fips:96001", "gn:9860004"]


COUNTIES = [
    PlaceRow("cc:US", "United States", "US", None, "country", 38.0, -97.0, 330_000_000),
    PlaceRow("fips:97001", "Fulton County", "US", "Georgia", "district", 33.79, -84.47, 1_000_000),
    PlaceRow("fips:97002", "DeKalb County", "US", "Georgia", "district", 33.77, -84.23, 750_000),
    PlaceRow("gn:9870001", "Fulton", "US", "Illinois", "city", 41.87, -90.16, 3_500),
    PlaceRow("gn:9870002", "DeKalb", "US", "Illinois", "city", 41.93, -88.75, 43_000),
    PlaceRow("gn:9870003", "Atlanta", "US", "Georgia", "city", 33.75, -84.39, 500_000),
]


def test_names_before_a_plural_counties_are_counties(tmp_path):
    # "Fulton and DeKalb counties": both names are counties, listed as "Fulton County", "DeKalb County"
    text = "Schools in Fulton and DeKalb counties closed Tuesday as ice covered Atlanta roads."
    with small_gazetteer(tmp_path, COUNTIES) as gaz:
        assert _resolve(gaz, text, "Fulton", "DeKalb", "Atlanta") == ["fips:97001", "fips:97002", "gn:9870003"]
        found = find_places(entity_doc(text, "Atlanta"), gazetteer=gaz)
        assert [(m.text, m.place_id) for m in found.mentions] == [
            ("Fulton", "fips:97001"), ("DeKalb", "fips:97002"), ("Atlanta", "gn:9870003")]


def test_a_given_name_followed_by_county_is_the_county(tmp_path):
    text = "The Fulton County jail was full, officials in Atlanta said."
    with small_gazetteer(tmp_path, COUNTIES) as gaz:
        assert _resolve(gaz, text, "Fulton") == ["fips:97001"]


def test_a_drc_territory_is_the_district_not_a_namesake_town(tmp_path):
    # "X territory" asks for the second-level unit (listed as a district at its seat), not a town of
    # that name in another province
    rows = [
        PlaceRow("cc:CD", "DR Congo", "CD", None, "country", -2.9, 23.6, 90_000_000),
        PlaceRow("gn:9880001", "Dungu", "CD", "Mai-Ndombe", "city", -3.62, 18.85, 40_000),
        PlaceRow("adm2:CD.99.01", "Dungu", "CD", "Haut-Uélé", "district", 4.13, 27.40, 0),
    ]
    text = "Hundreds of farmers fled their fields in Dungu territory after rebels raided two villages."
    with small_gazetteer(tmp_path, rows) as gaz:
        found = find_places(entity_doc(text), gazetteer=gaz)
        assert [m.place_id for m in found.mentions] == ["adm2:CD.99.01"]


def test_a_region_abroad_known_by_the_name_only_as_an_alternate_is_no_rival(tmp_path):
    # Reno, Nevada bears the name; a Nicaraguan region lists "Reno" among its other names only: the name
    # still points to the United States
    rows = [
        PlaceRow("gn:9890001", "Reno", "US", "Nevada", "city", 39.53, -119.81, 260_000),
        PlaceRow("adm1:NI-XX", "Boaco", "NI", "Boaco", "admin1", 12.5, -85.5, 60_000, ("Reno",)),
    ]
    with small_gazetteer(tmp_path, rows) as gaz:
        topo = Toponym(0, 1, text="Reno", key="reno", candidates=gaz.lookup("Reno"))
        assert {c.country for c in topo.candidates} == {"US", "NI"}
        assert _vote(topo) == "US"


def test_a_given_name_followed_by_state_is_the_state(tmp_path):
    rows = [
        PlaceRow("cc:US", "United States", "US", None, "country", 38.0, -97.0, 330_000_000),
        PlaceRow("adm1:US-WA", "Washington", "US", "Washington", "admin1", 47.4, -120.5, 7_700_000),
        PlaceRow("gn:9900001", "Washington", "US", "District of Columbia", "city", 38.90, -77.04, 700_000),
    ]
    text = "Smoke from fires across Washington state drifted south, forecasters said."
    with small_gazetteer(tmp_path, rows) as gaz:
        assert _resolve(gaz, text, "Washington") == ["adm1:US-WA"]


def test_a_bare_name_beside_its_county_is_local_not_the_country(tmp_path):
    # "Lebanon" beside "Lebanon County" is the county's seat, not a vote for the country Lebanon (which
    # would make the story's Palmyra the Syrian one)
    rows = [
        PlaceRow("cc:US", "United States", "US", None, "country", 38.0, -97.0, 330_000_000),
        PlaceRow("cc:LB", "Lebanon", "LB", None, "country", 33.9, 35.9, 6_800_000),
        PlaceRow("cc:SY", "Syria", "SY", None, "country", 35.0, 38.0, 18_000_000),
        PlaceRow("fips:98001", "Lebanon County", "US", "Pennsylvania", "district", 40.34, -76.41, 140_000),
        PlaceRow("gn:9910001", "Lebanon", "US", "Pennsylvania", "city", 40.34, -76.41, 25_000),
        PlaceRow("gn:9910002", "Palmyra", "US", "Pennsylvania", "city", 40.31, -76.59, 7_000),
        PlaceRow("gn:9910003", "Palmyra", "SY", "Homs", "city", 34.56, 38.27, 50_000),
    ]
    text = "The Lebanon school board met on Tuesday. Lebanon County officials and Palmyra parents attended."
    with small_gazetteer(tmp_path, rows) as gaz:
        ids = _resolve(gaz, text, "Lebanon", "Lebanon County", "Palmyra")
    assert ids == ["gn:9910001", "fips:98001", "gn:9910002"]
