"""`sitrep eval case` names the sub-event typer it ran with ($SITREP_TYPER), so a report of the
default words typer cannot be mistaken for one of the opt-in embedding typer."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import ResourceError, UsageError
from sitrep.evaluate import case
from sitrep.extract import subtype

CASE_TSV = Path(__file__).parent / "fixtures" / "eval" / "case.tsv"


class RefusingExtractor:
    """Refuses every text: no event anywhere, which is all these tests need."""

    def extract_many(self, raws, *, published=None):
        for raw in raws:
            yield UsageError("refused for the test", input=raw.input)


@pytest.mark.parametrize("env, expected", [(None, "words"), ("words", "words"), ("embed", "embed"), (" Embed ", "embed")])
def test_report_names_the_typer(monkeypatch, env, expected):
    if env is None:
        monkeypatch.delenv(subtype.TYPER_ENV, raising=False)
    else:
        monkeypatch.setenv(subtype.TYPER_ENV, env)
    report = case.evaluate_case(CASE_TSV, extractor=RefusingExtractor())
    assert report.details["typer"] == expected
    assert report.notes[0].startswith(f"sub-event typer: {expected} ")


def test_an_override_is_named_too(monkeypatch):
    monkeypatch.delenv(subtype.TYPER_ENV, raising=False)
    with subtype.using_model(None):
        report = case.evaluate_case(CASE_TSV, extractor=RefusingExtractor())
    assert report.details["typer"] == "rules only"


def test_an_unknown_typer_is_an_error_that_names_the_variable(monkeypatch):
    monkeypatch.setenv(subtype.TYPER_ENV, "bert-large")
    with pytest.raises(ResourceError) as err:
        subtype.default_model()
    assert subtype.TYPER_ENV in str(err.value) or err.value.input == subtype.TYPER_ENV
