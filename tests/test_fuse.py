"""Cross-document fusion: one clash told by three outlets becomes one event; other clashes stay apart.

The reports are synthetic, written for these tests; every expected figure is worked out
by hand from the claims written here (see the comments next to each expectation).
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

import pytest

from sitrep.fuse import (
    FusedEvent, FusionIndex, date_interval, fuse, fused_id, global_id, local_id, score, views_from_result,
)  # fmt: skip
from sitrep.records import Actor, Claim, Document, Event, Place, Result

MARCH_10 = dt.date(2024, 3, 10)

ACTORS = {
    "taliban": Actor(id="taliban", name="Taliban", kind="Rebel group"),
    "mil.af": Actor(id="mil.af", name="Military Forces of Afghanistan (2021-)", kind="State forces"),
    "civ.af": Actor(id="civ.af", name="Civilians (Afghanistan)", kind="Civilians"),
    "iskp": Actor(id="iskp", name="Islamic State Khorasan Province", kind="Rebel group"),
    "protesters.af": Actor(id="protesters.af", name="Protesters (Afghanistan)", kind="Protesters"),
}
PLACES = {
    "shindand": Place(id="gn:1135689", name="Shindand", country="AF", admin1="Herat", feature="city",
                      lat=33.3030, lon=62.1410, geo_precision=1),
    "shindand-district": Place(id="gn:1135690", name="Shindand District", country="AF", admin1="Herat",
                               feature="district", lat=33.2500, lon=62.1000, geo_precision=2),
    "herat-province": Place(id="adm1:AF-HER", name="Herat", country="AF", admin1="Herat", feature="admin1",
                            lat=34.3000, lon=62.2000, geo_precision=3),
    "kandahar": Place(id="gn:1138336", name="Kandahar", country="AF", admin1="Kandahar", feature="city",
                      lat=31.6100, lon=65.7100, geo_precision=1),
    "quetta": Place(id="gn:1167528", name="Quetta", country="PK", admin1="Balochistan", feature="city",
                    lat=30.1900, lon=67.0100, geo_precision=1),
}  # fmt: skip


def killed(figure: Optional[int], victim: Optional[str], sentence: str, *, claimant: Optional[str] = None,
           high: Optional[int] = -1, vague: bool = False) -> Claim:
    """A death claim; ``high=-1`` means "the same as the figure"."""
    return Claim(id="c0", kind="killed", low=figure, high=figure if high == -1 else high, vague=vague,
                 victim=victim, claimant=claimant, sentence=sentence, start=0, end=len(sentence))  # fmt: skip


def report(outlet: str, text: str, *, event_type: str = "Battles", sub_event_type: str = "Armed clash",
           date: Optional[dt.date] = MARCH_10, precision: int = 1, place: str = "shindand",
           actors: tuple = ("taliban", "mil.af"), claims: tuple[Claim, ...] = (), confidence: float = 0.6,
           published: dt.date = dt.date(2024, 3, 11)) -> Result:
    """A one-event synthetic report; its document id is derived from ``outlet`` and ``text``."""
    import hashlib

    doc_id = hashlib.sha256(f"{outlet}|{text}".encode()).hexdigest()[:16]
    numbered = [c.model_copy(update={"id": f"c{i}", "event": "e1"}) for i, c in enumerate(claims, 1)]
    used = {a for a in actors if a} | {c.victim for c in claims if c.victim}
    event = Event(id="e1", event_type=event_type, sub_event_type=sub_event_type, date=date,
                  date_precision=precision, actor1=actors[0], actor2=actors[1] if len(actors) > 1 else None,
                  place=PLACES[place].id, claims=[c.id for c in numbered], confidence=confidence)  # fmt: skip
    return Result(
        input=f"{outlet.lower().replace(' ', '-')}/{doc_id}.html",
        document=Document(id=doc_id, source=outlet, published=published, text=text, title=text[:40]),
        actors=[ACTORS[a] for a in sorted(used)],
        places=[PLACES[place]],
        claims=numbered,
        events=[event],
    )


def three_outlets() -> list[Result]:
    """One clash near Shindand on 10 March 2024, as three outlets reported it."""
    a = report(
        "Kabul Ledger",
        "Taliban fighters attacked an army checkpoint outside Shindand on Sunday night. The defence "
        "ministry said five soldiers were killed; a Taliban spokesman claimed 12 soldiers died.",
        claims=(
            killed(5, "mil.af", "The defence ministry said five soldiers were killed.", claimant="the defence ministry"),
            killed(12, "mil.af", "A Taliban spokesman claimed 12 soldiers died.", claimant="a Taliban spokesman"),
        ),
    )
    b = report(
        "Frontier Wire",
        "Local officials said seven soldiers and three villagers died as Taliban militants overran a "
        "checkpoint in Shindand district.",
        place="shindand-district",
        actors=("mil.af", "taliban"),
        claims=(
            killed(7, "mil.af", "Seven soldiers and three villagers died.", claimant="local officials"),
            killed(3, "civ.af", "Seven soldiers and three villagers died.", claimant="local officials"),
        ),
    )
    c = report(
        "Western Province Daily",
        "At least four soldiers lost their lives in a Taliban raid in Herat province earlier this week.",
        date=dt.date(2024, 3, 11),
        precision=2,
        place="herat-province",
        claims=(killed(4, "mil.af", "At least four soldiers lost their lives.", high=None),),
    )
    return [a, b, c]


def test_three_outlets_merge_into_one_event_with_every_claim():
    a, b, c = three_outlets()
    index = FusionIndex()
    changed = [fuse(views_from_result(r), index) for r in (a, b, c)]
    assert len(index) == 1
    (event,) = changed[-1]
    assert event.id == fused_id(global_id(a.document.id, "e1"))  # named by its founding report
    assert event.documents == {a.document.id, b.document.id, c.document.id}
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    # the day-precise reports give 10 March; the week-precise one does not override them
    assert (event.date, event.date_precision) == (MARCH_10, 1)
    assert event.where.place == "gn:1135689" and event.where.geo_precision == 1
    assert {event.actor1, event.actor2} == {"taliban", "mil.af"}
    claims = [c.id for m in event.members for c in m.claims]
    assert len(claims) == 5 and all(":" in c for c in claims)
    # soldiers: 5, 12, 7 and "at least 4" → lowest figure 4, open-ended high; civilians: 3.
    # best = 4 + 3 = 7, low = 7, high open (the "at least" claim).
    assert (event.fatalities.low, event.fatalities.best, event.fatalities.high) == (7, 7, None)


def test_merge_order_does_not_matter_for_the_figures():
    a, b, c = three_outlets()
    index = FusionIndex()
    changed = [fuse(views_from_result(r), index) for r in (c, b, a)]
    (event,) = changed[-1]
    assert len(index) == 1 and event.id == fused_id(global_id(c.document.id, "e1"))
    assert (event.fatalities.best, event.date, event.where.place) == (7, MARCH_10, "gn:1135689")


@pytest.mark.parametrize(
    "other, why",
    [
        (dict(place="kandahar"), "same day and actors but 560 km away"),
        (dict(date=dt.date(2024, 3, 15)), "same place and actors, five days later"),
        (dict(event_type="Protests", sub_event_type="Peaceful protest", actors=("protesters.af",)), "a protest, not a fight"),
        (dict(actors=("iskp", "civ.af")), "ISKP attacking civilians: no actor in common with Taliban vs army"),
    ],
)
def test_different_clashes_stay_apart(other, why):
    a = three_outlets()[0]
    b = report("Frontier Wire", f"A different incident: {why}.", **other)
    index = FusionIndex()
    fuse(views_from_result(a), index)
    fuse(views_from_result(b), index)
    assert len(index) == 2, why


def test_a_week_precise_report_does_not_stretch_an_event_over_days():
    a, _, c = three_outlets()  # 10 March (day) and "earlier this week" (week of 11 March)
    next_day = report("Frontier Wire", "Another attack on the Shindand checkpoint on Tuesday.", date=dt.date(2024, 3, 12))
    index = FusionIndex()
    for r in (a, c, next_day):
        fuse(views_from_result(r), index)
    # the event is dated 10 March (day precision); the 12 March report is a new event, even
    # though the week-precise report alone would allow 8–14 March
    assert len(index) == 2


def test_two_clashes_on_one_day_in_one_article_are_not_merged():
    first = report("Kabul Ledger", "Two separate attacks hit Shindand on Sunday.")
    second_event = first.events[0].model_copy(update={"id": "e2"})
    both = first.model_copy(update={"events": [first.events[0], second_event]})
    index = FusionIndex()
    assert len(fuse(views_from_result(both), index)) == 2


def test_the_index_offers_only_events_of_the_same_country_and_weeks():
    index = FusionIndex()
    fuse(views_from_result(report("Kabul Ledger", "Clash at Shindand.")), index)
    fuse(views_from_result(report("Kabul Ledger", "Clash at Shindand in May.", date=dt.date(2024, 5, 20))), index)
    fuse(views_from_result(report("Quetta Times", "Clash at Quetta.", place="quetta")), index)
    (view,) = views_from_result(report("Frontier Wire", "Another report of the Shindand clash."))
    assert [e.date for e in index.candidates(view)] == [MARCH_10]


def test_events_without_a_date_or_place_never_merge():
    a = report("Kabul Ledger", "A clash at Shindand, date unknown.", date=None)
    b = report("Frontier Wire", "A clash at Shindand, date unknown, another outlet.", date=None)
    index = FusionIndex()
    fuse(views_from_result(a), index)
    fuse(views_from_result(b), index)
    assert len(index) == 2
    (view_b,) = views_from_result(b)
    assert index.candidates(view_b) == []  # not indexed: nothing shows they are the same event
    assert score(view_b, FusedEvent.of(views_from_result(a))) is None


def test_battle_wins_over_shelling_for_the_same_fight():
    fight = report("Kabul Ledger", "Clashes in Shindand.", confidence=0.5)
    shelling = report("Frontier Wire", "Mortar fire in Shindand.", event_type="Explosions/Remote violence",
                      sub_event_type="Shelling/artillery/missile attack", confidence=0.9)  # fmt: skip
    index = FusionIndex()
    fuse(views_from_result(shelling), index)
    (event,) = fuse(views_from_result(fight), index)
    # ACLED: explosions reported inside an ongoing battle are part of the battle
    assert (event.event_type, len(event.members)) == ("Battles", 2)
    # two reports at 0.5 and 0.9: 1 - 0.5 × 0.1 = 0.95
    assert event.confidence == pytest.approx(0.95)


def test_date_intervals_follow_acled_time_precision():
    assert date_interval(MARCH_10, 1) == (MARCH_10, MARCH_10)
    assert date_interval(MARCH_10, 2) == (dt.date(2024, 3, 7), dt.date(2024, 3, 13))
    assert date_interval(MARCH_10, 3) == (dt.date(2024, 2, 24), dt.date(2024, 3, 25))
    assert date_interval(None, 1) is None


def test_global_and_local_ids_round_trip():
    assert global_id("0123456789abcdef", "c12") == "0123456789abcdef:c12"
    assert local_id("0123456789abcdef", "0123456789abcdef:c12") == "c12"
    assert global_id("0123456789abcdef", None) is None


def test_views_keep_claim_links_with_global_ids():
    a = three_outlets()[0]
    (view,) = views_from_result(a)
    doc = a.document.id
    assert view.id == f"{doc}:e1"
    assert [c.id for c in view.claims] == [f"{doc}:c1", f"{doc}:c2"]
    assert {c.event for c in view.claims} == {f"{doc}:e1"}
    assert (view.country, view.location, view.outlet) == ("AF", "Shindand", "Kabul Ledger")
