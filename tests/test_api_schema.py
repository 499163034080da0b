"""schemathesis against the API's own OpenAPI spec: generated requests never get a 5xx.

The store is the same hand-specified synthetic one tests/test_api.py uses; writes need the
token, so generated POSTs exercise the 401/422 paths as well.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402

from sitrep.serve import create_app  # noqa: E402
from sitrep.store import Store  # noqa: E402

from test_api import SPECS, TOKEN, FakeExtractor, synthetic_result  # noqa: E402


def _spec() -> dict:
    path = Path(tempfile.mkdtemp(prefix="sitrep-spec-")) / "spec.duckdb"
    with Store.open(path) as store:
        store.save([synthetic_result(SPECS[0])])
    return create_app(path, read_only=False).openapi()


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from fastapi.testclient import TestClient

    path = tmp_path_factory.mktemp("schema") / "synthetic.duckdb"
    with Store.open(path) as store:
        store.save([synthetic_result(s) for s in SPECS])
    with TestClient(create_app(path, extractor_factory=FakeExtractor, token=TOKEN)) as c:
        yield c


# the spec as the app publishes it (an app made only to read it: no store is opened by it)
schema = schemathesis.openapi.from_dict(_spec())


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_the_spec_allows_gets_a_server_error(case, client):
    kwargs = case.as_transport_kwargs(base_url="http://testserver")
    response = client.request(**{k: v for k, v in kwargs.items() if k in _REQUEST_ARGS})
    assert response.status_code < 500, (case.method, case.formatted_path, response.text[:300])


_REQUEST_ARGS = {"method", "url", "params", "headers", "json", "content", "data", "cookies"}
