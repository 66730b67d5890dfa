"""Bad input: hypothesis-generated requests from the contract's OpenAPI find no 500s.

Every operation of resources/contract/openapi.yaml is fuzzed against the real demo backends
over loopback HTTP, with valid and invalid data (schemathesis builds the strategies)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from console.demo.server import DemoBackends
from tests.demo_fixtures import DEMO_NOW

SPEC = Path(__file__).resolve().parents[2] / "resources" / "contract" / "openapi.yaml"
schema = schemathesis.openapi.from_path(str(SPEC))
OPERATIONS = [op.ok() for op in schema.get_all_operations()]


@pytest.fixture(scope="module")
def backends() -> Iterator[DemoBackends]:
    with DemoBackends(seed=3, scale=60, now=DEMO_NOW) as demo:
        yield demo


def test_the_document_covers_every_system() -> None:
    prefixes = {op.path.split("/")[1] for op in OPERATIONS}
    assert prefixes == {"crm", "orders", "payments", "delivery", "cases"}
    assert any(op.method.upper() == "POST" for op in OPERATIONS)


@pytest.mark.slow
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op.label)
def test_no_server_errors(backends: DemoBackends, operation: schemathesis.APIOperation) -> None:
    client = httpx.Client(
        base_url=backends.base_url, timeout=10, headers={"Authorization": "Bearer demo.sup-lena"}
    )

    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(case=operation.as_strategy())
    def run(case: schemathesis.Case) -> None:
        url = case.formatted_path
        headers = {k: str(v) for k, v in (case.headers or {}).items()}
        if operation.method.upper() == "POST":
            headers.setdefault("Idempotency-Key", "fuzz")
        kwargs: dict[str, object] = {"params": case.query or None, "headers": headers}
        if case.body is not None and not isinstance(case.body, schemathesis.core.NotSet):
            kwargs["json"] = case.body
        try:
            response = client.request(operation.method.upper(), url, **kwargs)  # type: ignore[arg-type]
        except (httpx.InvalidURL, httpx.LocalProtocolError, UnicodeEncodeError):
            return  # a request the HTTP client itself refuses to send never reaches the server
        assert response.status_code < 500, f"{operation.label}: {response.status_code} {response.text[:300]}"

    try:
        run()
    finally:
        client.close()
