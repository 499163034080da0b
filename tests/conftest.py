"""Shared fixtures. The real spaCy model and the real gazetteer are loaded once per session.

The gazetteer index is built from the installed PyPI data packages on first use into
``$SITREP_HOME`` (default for the tests: ``.sitrep/`` in the repository, git-ignored), so a
fresh machine builds it once and later runs reuse it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("SITREP_HOME", str(ROOT / ".sitrep"))


@pytest.fixture(scope="session")
def nlp():
    """The real English pipeline with sitrep's components."""
    from sitrep.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def gazetteer_path():
    """The real gazetteer index, built once if missing."""
    from sitrep.gazetteer import ensure_gazetteer
    from sitrep.options import load_options

    return ensure_gazetteer(load_options().places.gazetteer_path(), progress=False)


@pytest.fixture(scope="session")
def gazetteer(gazetteer_path):
    from sitrep.gazetteer import Gazetteer

    gaz = Gazetteer.open(gazetteer_path)
    yield gaz
    gaz.close()


@pytest.fixture(scope="session")
def extractor(nlp, gazetteer):
    from sitrep.pipeline import Extractor

    return Extractor(nlp=nlp, gazetteer=gazetteer)
