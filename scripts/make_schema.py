"""Write sitrep/schema/result.schema.json from the pydantic records (the output contract).

Run after changing sitrep/records.py: `python scripts/make_schema.py`. A test checks the
committed file equals what this script generates, so the two cannot drift.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sitrep.records import Result  # noqa: E402

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "sitrep" / "schema" / "result.schema.json"


def schema_text() -> str:
    schema = Result.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://sitrep.invalid/schema/result.schema.json"
    schema["title"] = "sitrep extract result"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
