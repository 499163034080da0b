"""Figures of one report that count different people of one group add up (fatalities.fuse_fatalities)."""

from __future__ import annotations

from sitrep.fatalities import fuse_fatalities
from sitrep.records import Claim


def _claim(low, victim_text, *, start=0, claimant=None, victim="mil.ml"):
    return Claim(id="c", kind="killed", low=low, high=low, victim=victim, victim_text=victim_text, claimant=claimant,
                 sentence="s", start=start, end=1)


def test_differently_named_people_of_one_group_in_one_report_add_up():
    f = fuse_fatalities([_claim(1, "senior army officer"), _claim(1, "soldier")])
    assert (f.low, f.best, f.high) == (2, 2, 2)


def test_other_reports_of_the_group_still_conflict():
    f = fuse_fatalities([_claim(3, "soldiers"), _claim(5, "soldiers", start=40)])
    assert (f.low, f.best, f.high) == (3, 3, 5)
    f = fuse_fatalities([_claim(3, "soldiers"), _claim(5, "soldiers", claimant="the army")])
    assert f.best == 3
