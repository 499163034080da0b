"""Belligerents' own casualty figures (Claim.partisan) and the side that acts in a battle, on
hand-written reports run through the whole pipeline. Expectations follow ACLED's practice: a
non-state armed group's uncorroborated claim about its enemy's losses is not coded."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.ingest import RawDocument

pytestmark = pytest.mark.model

DAY = dt.date(2020, 3, 10)


def run(extractor, text, *, published=DAY):
    return extractor.extract_raw(RawDocument(input="test", text=text, format="text", published=published))


def deaths(result):
    return [c for c in result.claims if c.kind == "killed"]


def test_a_spokesman_claim_about_enemy_losses_is_partisan(extractor):
    r = run(extractor, "A Taliban spokesman, Qari Yusuf Ahmadi, said on Tuesday that the group's fighters had "
                       "killed 7 Afghan soldiers at a roadblock in Baghlan province.")
    (claim,) = deaths(r)
    assert claim.low == 7 and claim.partisan
    event = r.events[0]
    assert (event.fatalities.best, event.fatalities.high) == (0, 7)


def test_a_groups_admission_of_its_own_losses_is_credible(extractor):
    r = run(extractor, "A Taliban spokesman, Qari Yusuf Ahmadi, said on Tuesday that 2 Taliban fighters had been "
                       "killed in a firefight with Afghan troops in Baghlan province.")
    (claim,) = deaths(r)
    assert claim.low == 2 and not claim.partisan
    assert r.events[0].fatalities.best == 2


def test_an_official_figure_is_not_partisan(extractor):
    # ACLED counts state and official figures ("according to local authorities")
    r = run(extractor, "Baghlan police chief Safar Mohammad told reporters that 5 Taliban insurgents died in a "
                       "gunfight with his officers on Tuesday.")
    (claim,) = deaths(r)
    assert not claim.partisan
    assert r.events[0].fatalities.best == 5


def test_an_outlet_relaying_the_only_source_a_party_takes_its_figure(extractor):
    r = run(extractor, "On 10 March 2020, Taliban fighters ambushed an army convoy in Baghlan province and killed "
                       "3 Afghan soldiers. Voice of Jihad said 3 soldiers died.")
    killed = deaths(r)
    assert killed and all(c.partisan for c in killed)
    assert any(c.claimant is None or c.claimant_actor == "media.voice-of-jihad" for c in killed)
    assert r.events[0].fatalities.best == 0


def test_a_party_that_also_reports_the_figure_corroborates_it(extractor):
    r = run(extractor, "On 10 March 2020, Taliban fighters ambushed an army convoy in Baghlan province and killed "
                       "3 Afghan soldiers. Voice of Jihad also said 3 soldiers died.")
    assert r.events[0].fatalities.best == 3


def test_a_different_figure_from_the_outlet_is_its_own(extractor):
    # the party gives 15, the outlet 4: the 4 does not come from the party
    r = run(extractor, "On 10 March 2020, 4 Afghan soldiers died in a Taliban assault on an outpost in Baghlan "
                       "province. Voice of Jihad said 15 soldiers were killed.")
    assert r.events[0].fatalities.best == 4


def test_a_parenthetical_source_speaks_only_for_its_figure(extractor):
    r = run(extractor, "On 4 March 2020, 2 officers (7 according to Voice of Jihad) were killed in a Taliban raid "
                       "on a police post in Baghlan province.")
    figures = {(c.low, c.claimant_actor, c.partisan) for c in deaths(r)}
    assert (2, None, False) in figures
    assert (7, "media.voice-of-jihad", True) in figures
    assert r.events[0].fatalities.best == 2


def test_the_side_that_lost_men_in_clashes_is_actor2(extractor):
    r = run(extractor, "On 3 March 2020, in Baghlan province, 4 policemen were killed in a long gunfight "
                       "with Taliban insurgents.")
    names = {a.id: a.name for a in r.actors}
    event = r.events[0]
    assert names[event.actor1] == "Taliban"
    assert names[event.actor2].startswith("Police Forces of Afghanistan")


def test_an_attacker_that_lost_men_stays_actor1(extractor):
    r = run(extractor, "On 8 March 2020, Taliban insurgents assaulted two army bases in Uruzgan province, and 6 "
                       "Taliban insurgents died in the attempt.")
    names = {a.id: a.name for a in r.actors}
    assert names[r.events[0].actor1] == "Taliban"
