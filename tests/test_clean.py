"""Stage 2, clean: page leftovers out, every report sentence kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.clean import Cleaned, clean_text, is_boilerplate

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

LEAD = "At least 11 fighters were killed in two days of fighting near the Durani crossing, a provincial official said."
TAIL = "The wounded were taken to the district hospital in Tarvan, the official added."


def kept_lines(cleaned: Cleaned) -> list[str]:
    return [line for line in cleaned.text.split("\n") if line]


def test_flattened_page_keeps_exactly_the_report():
    cleaned = clean_text((FIXTURES / "flattened.txt").read_text(encoding="utf-8"))
    assert kept_lines(cleaned) == [
        "Militia fighters seize border crossing after two days of clashes",
        "Two days of fighting left at least 11 fighters and three traders dead before the militia took "
        "control of the Durani crossing on Saturday, a provincial official said.",
        "The official, who declined to give his name, said the wounded had been taken to the district "
        'hospital in Tarvan. A statement posted on Telegram by the militia claimed that its fighters had "liberated" '
        "the crossing.",
        "The photo shows smoke rising over the crossing, according to a resident who sent it to reporters.",
        "The group's newsletter, circulated among supporters, said the fighters would hold the crossing \"until the "
        'end".',
        "A spokesman for the border police said by phone that reinforcements had been sent from the provincial "
        "capital.",
    ]


def test_flattened_page_reports_what_it_removed_verbatim_and_in_order():
    cleaned = clean_text((FIXTURES / "flattened.txt").read_text(encoding="utf-8"))
    assert cleaned.removed[:5] == [
        "Home | World | Asia | Opinion | Video",
        "Skip to content",
        "By Farah Nasser",
        "Photo: Residents gather near the damaged customs building / AFP",
        "Advertisement",
    ]
    assert cleaned.removed[-4:] == [
        "12 Comments",
        "Join the discussion",
        "Reader1: They killed far more people than that, at least 50.",
        "Reader2: Where is the army when you need it?",
    ]
    for line in ("First Name", "Last Name", "Email*", "Sign up", "Powered by Mailchimp",
                 "Border trade halted as clashes spread", "Governor calls for calm in Tarvan"):  # fmt: skip
        assert line in cleaned.removed


@pytest.mark.parametrize(
    "line",
    [
        # newsletter forms, their labels and credits
        "Subscribe to our newsletter for the latest updates from the region.",
        "Sign up for The Ledger's free daily briefing",
        "Get the top stories delivered straight to your inbox every morning.",
        "First Name",
        "Email*",
        "Email address",
        "Subscribe",
        "Powered by Mailchimp",
        "Form by Typeform",
        "By signing up, you agree to our terms of service and privacy policy.",
        # course and product ads
        "Enroll now in our OSINT masterclass — 30% off",
        "Register today for our conflict-reporting workshop",
        "Use promo code LEDGER20 at checkout",
        "Sponsored: Dari for humanitarian staff, a ten-week evening course. Book your seat today.",
        "Field Methods in Conflict Mapping — new online workshop, register now",
        "Like this story? Sign up for our free Friday bulletin",
        "Get our weekly Horn of Africa briefing",
        "Conflict Atlas 2025: the print edition is now available in our shop for 20 dollars.",
        "Certificate in Humanitarian Reporting — enrolment is now open, early-bird rates until May.",
        "Follow The Coastal Herald on Telegram and WhatsApp for live updates.",
        # contact lines
        "Contact: newsdesk@ledger.example.com",
        "For tips, email tips@ledger.example.com or call +44 20 7946 0958.",
        "Tel: +93 20 210 1234",
        # image credits
        "Photo: Jane Roe / AFP",
        "Image credit: Ministry of Defence",
        "File photo",
        "Displaced families wait for aid near the camp. (Photo by Omar Ali/Getty Images)",
        "Photograph: Karim Said/Reuters",
        # share and follow
        "Share on Facebook",
        "Share this:",
        "Follow us on X",
        "Facebook | Twitter | WhatsApp | Email",
        "Join our Telegram channel for breaking news",
        # disclaimers
        "The views expressed in this article are the author's own and do not reflect those of the publisher.",
        "This article was written by a staff correspondent and edited by the regional desk.",
        "Disclaimer: this site's editors have not checked the figures given above.",
        "(Reporting by Ali Khan in Kabul; Editing by Jane Roe)",
        "Views expressed in guest columns are not necessarily those of the editors.",
        "The contributor writes in a personal capacity.",
        # copyright
        "© 2024 The Daily Ledger",
        "Copyright 2024 Frontier Wire. All rights reserved.",
        # read more / related
        "Read more: Five dead as gunmen raid a roadblock",
        "Related: Governor vows to rebuild bridge",
        "Related stories",
        "Also read: Curfew lifted in Azri",
        # cookie banners
        "We use cookies to improve your experience. By continuing you accept our cookie policy.",
        "This website uses cookies",
        # ads
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Sponsored content",
        # page furniture
        "Home | World | Asia | Opinion",
        "Tags: Afghanistan, Security",
        "3 min read",
        "By Layla Haddad",
    ],
)
def test_boilerplate_line_is_removed(line):
    cleaned = clean_text(f"{LEAD}\n\n{line}\n\n{TAIL}")
    assert cleaned.removed == [line]
    assert cleaned.text == f"{LEAD}\n\n{TAIL}"


@pytest.mark.parametrize(
    "sentence",
    [
        "A statement posted on Telegram by the group said its fighters had set the fire.",
        "The photo shows at least three burned vehicles at the checkpoint, residents said.",
        "The group's newsletter said its fighters had captured two soldiers.",
        "A spokesman for the governor said by phone that the curfew would be lifted on Monday.",
        "Police told reporters they had received a phone call warning of the attack an hour before it.",
        "Like the attack last week, the assault began with a car bomb at the gate.",
        "Share prices in the capital fell after the blast, traders said.",
        "Related clashes in the south killed three more people, according to the army.",
        "The report was produced by the UN mission and said 12 civilians were killed.",
        "Residents said militants demanded that shopkeepers join the group or pay a tax.",
        "Reporting by local media suggested that 20 people were killed.",
        "Copies of the statement were shared on Facebook and WhatsApp by supporters of the militia.",
        "The militia said in an email to journalists that it had not targeted civilians.",
        "Leaving the area, the convoy came under fire again near the village of Sabz, officials said.",
        "Order was restored after police deployed in the market, officials said, in a deal with elders.",
        "Follow-up raids in the district led to six arrests on Friday.",
        "By late evening the fighting had stopped and residents began to return.",
        "Comments by the minister on state television angered relatives of the dead.",
        "Copyright infringement was not among the charges, the prosecutor said.",
        "Militants forced villagers to attend a religious course and register their weapons, residents said.",
        "The army said it would train recruits in a six-week course starting next month.",
        "Ad hoc militias formed in the villages after the attack, elders said.",
        "Enrolment is open for classes at the reopened schools, the education ministry said.",
        "The minister said the views expressed by the rebel commander were his own.",
        "Follow-up raids were carried out on Telegram's say-so, officials said.",
    ],
)
def test_report_sentence_is_kept(sentence):
    cleaned = clean_text(f"{LEAD}\n\n{sentence}\n\n{TAIL}")
    assert cleaned.removed == []
    assert cleaned.text == f"{LEAD}\n\n{sentence}\n\n{TAIL}"


def test_comment_section_late_in_the_page_takes_the_rest_with_it():
    text = f"{LEAD}\n{TAIL}\n3 Comments\nOmar: They always lie about the numbers, it was fifty dead.\nSara: Stay safe."
    cleaned = clean_text(text)
    assert kept_lines(cleaned) == [LEAD, TAIL]
    assert cleaned.removed == [
        "3 Comments",
        "Omar: They always lie about the numbers, it was fifty dead.",
        "Sara: Stay safe.",
    ]


@pytest.mark.parametrize(
    "header", ["Leave a comment", "12 Comments", "Comments (3)", "Join the discussion", "Leave a Reply"]
)
def test_comment_section_header_at_the_end_is_removed(header):
    cleaned = clean_text(f"{LEAD}\n\n{TAIL}\n\n{header}")
    assert cleaned.removed == [header]
    assert cleaned.text == f"{LEAD}\n\n{TAIL}"


def test_leave_a_comment_link_near_the_top_removes_only_itself():
    text = f"Leave a comment\n{LEAD}\n{TAIL}"
    cleaned = clean_text(text)
    assert cleaned.removed == ["Leave a comment"]
    assert kept_lines(cleaned) == [LEAD, TAIL]


def test_headlines_listed_under_read_more_go_until_the_next_sentence():
    text = f"{LEAD}\nRead more:\nFive killed in Varesh attack\nCurfew lifted in Azri\n{TAIL}"
    cleaned = clean_text(text)
    assert cleaned.removed == ["Read more:", "Five killed in Varesh attack", "Curfew lifted in Azri"]
    assert kept_lines(cleaned) == [LEAD, TAIL]


def test_form_field_label_between_removed_lines_goes_with_them():
    text = f"{LEAD}\nSubscribe to our newsletter\nCompany name\nSign up\n{TAIL}"
    cleaned = clean_text(text)
    assert cleaned.removed == ["Subscribe to our newsletter", "Company name", "Sign up"]


def test_masthead_before_page_furniture_goes_but_a_dateline_stays():
    masthead = clean_text(f"Frontier Wire — English service\nShare on Facebook\n{LEAD}")
    assert masthead.removed == ["Frontier Wire — English service", "Share on Facebook"]
    dateline = clean_text(f"KABUL, Afghanistan\nPhoto: Ali Khan / AFP\n{LEAD}")
    assert dateline.removed == ["Photo: Ali Khan / AFP"]
    assert dateline.text == f"KABUL, Afghanistan\n{LEAD}"


def test_subheading_between_report_paragraphs_is_kept():
    text = f"{LEAD}\n\nCasualties rise\n\n{TAIL}"
    assert clean_text(text).text == text


def test_paragraph_structure_is_kept():
    text = f"{LEAD}\nAdvertisement\n{TAIL}\n\n{TAIL}"
    assert clean_text(text).text == f"{LEAD}\n{TAIL}\n\n{TAIL}"


def test_empty_text():
    assert clean_text("") == Cleaned(text="", removed=[])


def test_is_boilerplate_judges_single_lines():
    assert is_boilerplate("  Share on Facebook ")
    assert not is_boilerplate(LEAD)


# -- invariants ------------------------------------------------------------------------------

_LINES = st.sampled_from(
    [LEAD, TAIL, "Advertisement", "Share on Facebook", "First Name", "Email*", "12 Comments", "Read more:",
     "Five killed in Varesh attack", "© 2024 The Ledger", "", "   ", "Casualties rise", "Photo: A / AFP"]
)  # fmt: skip
_PAGES = st.lists(st.one_of(_LINES, st.text(max_size=60)), max_size=40).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(_PAGES)
def test_clean_never_invents_text(text):
    cleaned = clean_text(text)
    source_lines = [line.strip() for line in text.split("\n") if line.strip()]
    for line in cleaned.text.split("\n"):
        assert line == "" or line in source_lines
    assert set(cleaned.removed) <= set(source_lines)


@settings(max_examples=300, deadline=None)
@given(_PAGES)
def test_clean_partitions_the_lines(text):
    """Every non-blank input line is either kept or removed, once, in order."""
    cleaned = clean_text(text)
    kept = [line for line in cleaned.text.split("\n") if line.strip()]
    source_lines = [line.strip() for line in text.split("\n") if line.strip()]
    assert len(kept) + len(cleaned.removed) == len(source_lines)
    assert sorted(kept + cleaned.removed) == sorted(source_lines)


def test_fixed_width_spaces_become_plain_spaces():
    # "29 882 soldiers" with narrow no-break spaces: spaCy would make each space a token of its own
    from sitrep.clean import fold_spaces

    assert fold_spaces("Officials said 29\u202f882\u00a0soldiers were killed.") == "Officials said 29 882 soldiers were killed."
