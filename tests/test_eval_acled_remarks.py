"""The 2016 ACLED notes' coder remarks (synthetic notes in their style): they state the gold figure, the
number of events a report was split into, or the coded location, so sitrep must not read them."""

from __future__ import annotations

import pytest

from sitrep.evaluate import acled


@pytest.mark.parametrize("notes, read", [
    ("Rebels attacked a village; deaths were reported (coded as 10).", "Rebels attacked a village; deaths were reported."),
    ("Seven died during four days of raids (3 fatalities coded for Mar 2, 4 coded for Mar 4).",
     "Seven died during four days of raids."),
    ("Police shot 14 smugglers near Gao and Ansongo. 14 fatalities recorded over 2 events [7 in Gao; 7 in Ansongo].",
     "Police shot 14 smugglers near Gao and Ansongo."),
    ("A drone strike hit 11 fighters. Fatalities divided among the three events. Strikes went on.",
     "A drone strike hit 11 fighters. Strikes went on."),
    ("Herders blame the militia for raids on three hamlets last month (fatalities coded as 6).",
     "Herders blame the militia for raids on three hamlets last month."),
    ("Shelling hit the hills. Exact place unknown, so coded to Gao.", "Shelling hit the hills."),
    ("8 bandits died (the 8 fatalities are split over both events).", "8 bandits died."),
    # news wording that only looks alike stays
    ("A second march was also recorded on video.", "A second march was also recorded on video."),
    ("A third victim was recorded in a hospital register.", "A third victim was recorded in a hospital register."),
])  # fmt: skip
def test_2016_coder_remarks_are_not_read(notes, read):
    assert acled.strip_coding(notes) == read
