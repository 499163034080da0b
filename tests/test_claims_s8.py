"""Session 8 claimants: words that only look like a source (sitrep/extract/quotes.py, _claimants.py).
Reports written for this test. A group "claiming to be" someone, or "alleged to be" someone, reports
nothing; an accusation that does not hold the figure is not its source; the writer gives the toll,
which ACLED codes."""

from __future__ import annotations

import datetime as dt

import pytest

from _fatalkit import best, deaths, run_on

pytestmark = pytest.mark.model

DAY = dt.date(2021, 5, 14)


@pytest.mark.parametrize(("text", "dead"), [
    ("Two gunmen falsely claiming to be Ras Kamboni fighters beheaded a herder near Jamaame on Monday.", 1),
    ("Clashes between raiders alleged to be members of a Sabaot militia and the police in Cheptais killed "
     "three people on Monday.", 3),
    ("A widow was hacked to death by taxi drivers near Lusikisiki after the drivers accused her of sorcery.", 1),
])
def test_words_that_only_look_like_a_source_give_no_claimant(extractor, text, dead):
    assert [(c.low, c.claimant) for c in deaths(run_on(extractor, text, DAY))] == [(dead, None)]


def test_the_writers_toll_beside_them_is_coded(extractor):
    text = "Two gunmen falsely claiming to be Ras Kamboni fighters beheaded a herder near Jamaame on Monday."
    assert best(run_on(extractor, text, DAY)) == 1


def test_an_accusation_holding_the_figure_is_its_source(extractor):
    result = run_on(extractor, "Police accused the rebels of killing five villagers in Beni on Monday.", DAY)
    assert [(c.low, c.claimant) for c in deaths(result)] == [(5, "Police")]
