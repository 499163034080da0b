"""The output contract: the committed JSON Schema is current, and real outputs validate against it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from make_schema import SCHEMA_PATH, schema_text  # noqa: E402

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def test_committed_schema_is_generated_from_records():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), "run `make schema` and commit the result"


def test_top_level_keys_are_the_contract():
    assert set(SCHEMA["properties"]) == {"input", "document", "actors", "places", "quotes", "claims", "events",
                                         "interactions", "removed"}


def test_schema_rejects_a_broken_output():
    bad = {"input": "x", "document": {"id": "1", "text": "t"}, "events": [{"id": "e1"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


@pytest.mark.model
@pytest.mark.gazetteer
def test_every_example_output_validates(extractor):
    from sitrep.cli.extract import expand_inputs

    for path in expand_inputs([str(ROOT / "examples")]):
        result = extractor.extract(path)
        jsonschema.validate(json.loads(result.model_dump_json()), SCHEMA)
