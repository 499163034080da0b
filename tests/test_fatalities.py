"""ACLED's fatality rule, on hand-built claims (no model needed)."""

from sitrep.fatalities import TOTAL, fuse_fatalities, victim_key
from sitrep.records import Claim


def claim(kind="killed", low=None, high=None, *, victim=None, victim_text=None, claimant=None, vague=False, denial=False,
          partisan=False):
    return Claim(id="c", kind=kind, low=low, high=high, vague=vague, denial=denial, victim=victim,
                 victim_text=victim_text, claimant=claimant, partisan=partisan, sentence="s", start=0, end=1)


def test_no_claims_means_unknown():
    assert fuse_fatalities([]) is None


def test_injuries_only_code_zero_deaths():
    # ACLED: casualties reported without deaths → 0
    f = fuse_fatalities([claim("injured", 30, 30)])
    assert (f.low, f.best, f.high) == (0, 0, 0)


def test_conflicting_claimants_take_the_most_conservative():
    # the governor says 40 attackers died, the attackers' spokesman admits 3
    f = fuse_fatalities([
        claim(low=40, high=40, victim="taliban", claimant="governor"),
        claim(low=3, high=3, victim="taliban", claimant="spokesman"),
    ])
    assert (f.low, f.best, f.high) == (3, 3, 40)


def test_distinct_victim_groups_add_up():
    f = fuse_fatalities([
        claim(low=5, high=5, victim="mil.af"),
        claim(low=3, high=3, victim="civ.af"),
    ])
    assert (f.low, f.best, f.high) == (8, 8, 8)


def test_open_ended_claim_leaves_high_unknown():
    f = fuse_fatalities([claim(low=24, high=None, vague=True, victim="taliban"), claim(low=12, high=12, victim="taliban")])
    assert (f.low, f.best, f.high, f.vague) == (12, 12, None, True)


def test_total_is_never_below_its_parts_nor_parts_below_total():
    parts = [claim(low=5, high=5, victim="mil.af"), claim(low=7, high=7, victim="civ.af")]
    assert fuse_fatalities(parts + [claim(low=10, high=10, victim_text="people")]).best == 12
    assert fuse_fatalities(parts + [claim(low=20, high=20, victim_text="people")]).best == 20


def test_denial_lowers_low_but_not_best():
    f = fuse_fatalities([
        claim(low=0, high=0, denial=True, victim="civ.af", claimant="army"),
        claim(low=4, high=4, victim="civ.af", claimant="residents"),
    ])
    assert (f.low, f.best, f.high) == (0, 4, 4)


def test_range_claim_gives_low_and_high():
    f = fuse_fatalities([claim(low=2, high=3, victim_text="policemen")])
    assert (f.low, f.best, f.high) == (2, 2, 3)


def test_victim_key_groups_people_as_total():
    assert victim_key(claim(victim_text="people")) == TOTAL
    assert victim_key(claim()) == TOTAL
    assert victim_key(claim(victim_text="Afghan soldiers")) == "soldier"
    assert victim_key(claim(victim="taliban", victim_text="attackers")) == "taliban"


def test_people_are_the_single_named_group():
    # police: one protester killed; Amnesty: at least three people shot dead -> the same victims
    f = fuse_fatalities([
        claim(low=1, high=1, victim="prot.ng", claimant="police"),
        claim(low=3, high=None, victim_text="people", claimant="Amnesty"),
    ])
    assert (f.low, f.best, f.high) == (1, 1, None)


def test_one_figure_for_two_groups_is_fused_against_their_sum():
    # army: 6 soldiers + 4 militiamen; the insurgents: "20 soldiers and militia members"
    union = claim(low=20, high=20, victim="mil.bf", claimant="JNIM").model_copy(update={"victims": ["mil.bf", "vdp"]})
    f = fuse_fatalities([
        claim(low=6, high=6, victim="mil.bf", claimant="army"),
        claim(low=4, high=4, victim="vdp", claimant="army"),
        union,
        claim(low=32, high=32, victim="jnim", claimant="army"),
    ])
    assert (f.low, f.best, f.high) == (42, 42, 52)


# -- belligerents' claims (Claim.partisan) -----------------------------------------------------
def test_a_partisan_figure_alone_codes_zero_but_keeps_the_range():
    # "Taliban fighters killed 4 soldiers, the group's spokesman said": ACLED codes 0; the claim
    # still shows as the top of the range (low never exceeds best)
    f = fuse_fatalities([claim(low=4, high=4, victim="mil.af", claimant="spokesman", partisan=True)])
    assert (f.low, f.best, f.high) == (0, 0, 4)


def test_a_credible_figure_beside_a_partisan_one_is_best():
    # the ministry says 2 soldiers died, the Taliban say 14: best 2, range up to 14
    f = fuse_fatalities([
        claim(low=14, high=14, victim="mil.af", claimant="Nasim", partisan=True),
        claim(low=2, high=2, victim="mil.af", claimant="Zaki"),
    ])
    assert (f.low, f.best, f.high) == (2, 2, 14)


def test_a_larger_credible_figure_is_not_lowered_by_a_partisan_one():
    # only credible figures compete for the conservative best
    f = fuse_fatalities([
        claim(low=1, high=1, victim="mil.af", claimant="VoJ", partisan=True),
        claim(low=5, high=5, victim="mil.af", claimant="police"),
    ])
    assert (f.low, f.best, f.high) == (1, 5, 5)


def test_partisan_losses_of_one_group_do_not_hide_credible_losses_of_another():
    # an admitted loss (credible) and a claim about the enemy (partisan) in one clash
    f = fuse_fatalities([
        claim(low=2, high=2, victim="taliban", claimant="Nasim"),
        claim(low=9, high=9, victim="mil.af", claimant="Nasim", partisan=True),
    ])
    assert (f.low, f.best, f.high) == (2, 2, 11)


def test_a_vague_partisan_claim_asks_for_no_imputation():
    f = fuse_fatalities([claim(low=None, high=None, vague=True, victim="mil.af", claimant="VoJ", partisan=True)])
    assert f.best == 0 and not f.vague


def test_a_partisan_union_does_not_pull_best_down():
    union = Claim(id="u", kind="killed", low=1, high=1, victims=["mil.af", "pol.af"], partisan=True, sentence="s",
                  start=0, end=1)
    f = fuse_fatalities([union, claim(low=3, high=3, victim="mil.af"), claim(low=2, high=2, victim="pol.af")])
    assert f.best == 5
