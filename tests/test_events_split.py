"""One report over several places, and the place an event takes, on hand-written reports.

ACLED codes one event per day per location: a figure given for several listed districts is split
across their events (the first places take the remainder), while the areas of one district, or an
area between two provinces, are one place. A place the gazetteer resolves outside the province the
phrase names (or outside the article's country) is a namesake, not the event's place."""

from __future__ import annotations

import pytest

from sitrep.extract._event_places import listed_places as _listed_places
from test_partisan import run


def _place(result, event):
    return next(p for p in result.places if p.id == event.place)


@pytest.mark.parametrize("text, count", [
    ("killed in Surkh Rod, Chaparhar, and Achin (Mamand) districts, Nangarhar.", 3),
    ("in Andar (Sheikhabad), Giro and Qarabagh districts", 3),
    ("fighting in Sarkani and Marawara districts, Kunar", 2),
    ("in Helmand and Nimroz provinces", 2),
    ("in the area between Kunduz and Baghlan provinces", 1),
    ("in the Kalakan and Shirin areas of Andar district", 1),
    ("in the two districts of Ghazni", 1),
    ("in Zurmat district, Paktia", 1),
])  # fmt: skip
def test_listed_places_are_counted_from_the_text(text, count):
    assert _listed_places(text) == count


def test_listed_places_stay_cheap_on_long_runs_of_capitalised_words():
    import time

    text = ("Aa Bb Cc Dd, " * 400) + "and Ee districts"
    start = time.perf_counter()
    _listed_places(text * 10)
    assert time.perf_counter() - start < 0.5


@pytest.mark.model
def test_a_figure_over_listed_districts_is_split_across_them(extractor):
    r = run(extractor, "On 12 May 2021, Afghan commandos fought the Taliban in Jaghatu, Deh Yak and Waghaz "
                       "districts, Ghazni, and 8 Taliban fighters were killed.")
    assert [c.low for c in r.claims if c.kind == "killed"] == [8]  # the claim keeps the reported total
    assert r.events[0].fatalities.best == 3  # 8 over 3 districts: 3, 3, 2


@pytest.mark.model
def test_two_provinces_each_get_their_share(extractor):
    r = run(extractor, "On 12 May 2021, Taliban fighters attacked army positions in Faryab and Jowzjan provinces, "
                       "killing 7 soldiers.")
    assert sorted(e.fatalities.best for e in r.events) == [3, 4]


@pytest.mark.model
def test_an_area_between_two_provinces_is_one_place(extractor):
    r = run(extractor, "On 12 May 2021, Taliban fighters raided police posts in an area between Samangan and Balkh "
                       "provinces, killing 5 policemen.")
    assert len(r.events) == 1 and r.events[0].fatalities.best == 5


@pytest.mark.model
def test_areas_of_one_district_do_not_split_the_figure(extractor):
    r = run(extractor, "On 12 May 2021, Taliban fighters killed 6 soldiers in raids on the Kalakan and Paghman "
                       "areas of Nerkh district, Wardak.")
    assert r.events[0].fatalities.best == 6


@pytest.mark.model
def test_a_namesake_abroad_is_not_the_events_place(extractor):
    # "Ashkhabad" alone is Turkmenistan's capital; here it is an area of a Kandahar district
    r = run(extractor, "On 12 May 2021, 2 soldiers died when Taliban fighters raided an outpost in the Ashkhabad "
                       "area of Spin Boldak district, Kandahar.")
    place = _place(r, r.events[0])
    assert (place.country, place.admin1) == ("AF", "Kandahar")


@pytest.mark.model
def test_a_province_named_before_the_place_does_not_move_it(extractor):
    r = run(extractor, "On 12 May 2021, unknown attackers shot dead Wardak's deputy police chief in Kabul city.")
    place = _place(r, r.events[0])
    assert (place.admin1, place.feature) == ("Kabul", "city")


@pytest.mark.model
def test_a_namesake_in_another_province_is_not_the_events_place(extractor):
    r = run(extractor, "On 12 May 2021, a roadside bomb killed 2 soldiers in the Bagrami area of Ghazni city, Ghazni.")
    # the gazetteer's Bagrami lies in Kabul: "area of Ghazni city, Ghazni" keeps it out of the places
    assert not any(p.admin1 == "Kabul" for p in r.places)
    assert _place(r, r.events[0]).admin1 == "Ghazni"


@pytest.mark.model
def test_places_listed_with_a_province_are_not_its_namesakes(extractor):
    r = run(extractor, "On 12 May 2021, thousands of people protested in Kinshasa and Ituri against the violence.")
    assert _place(r, r.events[0]).name == "Kinshasa"
    r = run(extractor, "On 12 May 2021, Taliban fighters attacked police posts in Kabul, Logar and Wardak, killing "
                       "3 policemen.")
    assert [_place(r, e).name for e in r.events][:1] == ["Kabul"]


@pytest.mark.model
def test_the_place_a_distance_is_measured_from_is_a_landmark(extractor):
    r = run(extractor, "On 12 May 2021, two clan militias clashed over grazing land near Ceeldheer village (55km E "
                       "of Ceelbuur), leaving 4 fighters dead.")
    assert _place(r, r.events[0]).name == "Ceeldheer"
