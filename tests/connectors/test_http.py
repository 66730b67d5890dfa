"""The shared HTTP layer's rules, with scripted transports (no network)."""

from __future__ import annotations

import random

import httpx
import pytest

from console.connectors.errors import (
    MalformedPayload,
    NotAuthorized,
    NotFound,
    RateLimited,
    Refused,
    SystemUnavailable,
)
from console.connectors.http import HttpSystem, RetryPolicy, parse_retry_after
from console.connectors.rest.connectors import RestOrders, RestPayments
from console.domain.model import SystemKind
from console.domain.money import Money
from console.domain.query import QueryKind, SearchQuery

PROBLEM = {"content-type": "application/problem+json"}


class Script:
    """Answers requests in order from a list of (status, body, headers) or exceptions."""

    def __init__(self, *answers: object) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        status, body, headers = answer  # type: ignore[misc]
        return httpx.Response(status, json=body, headers=headers)


def system(
    script: Script, *, attempts: int = 4, sleeps: list[float] | None = None, timeout_s: float = 1.0
) -> HttpSystem:
    async def sleep(s: float) -> None:
        if sleeps is not None:
            sleeps.append(s)

    return HttpSystem(
        SystemKind.ORDERS,
        "http://backend.test",
        lambda: "demo.agent-ana",
        timeout_s=timeout_s,
        retry=RetryPolicy(max_attempts=attempts, base_delay_s=0.1, max_delay_s=0.4),
        sleep=sleep,
        transport=httpx.MockTransport(script),
        rng=random.Random(1),
    )


@pytest.mark.asyncio
async def test_get_retries_5xx_then_succeeds_with_bearer() -> None:
    script = Script((500, {}, {}), (502, {}, {}), (200, {"ok": True}, {}))
    http = system(script)
    assert await http.get_json("/x") == {"ok": True}
    assert len(script.requests) == 3
    assert script.requests[0].headers["authorization"] == "Bearer demo.agent-ana"


@pytest.mark.asyncio
async def test_post_retried_with_the_same_key() -> None:
    script = Script(httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("dropped"), (201, {"id": "1"}, {}))
    http = system(script)
    assert await http.post_json("/y", {"a": 1}, key="key-42") == {"id": "1"}
    assert [r.headers["idempotency-key"] for r in script.requests] == ["key-42"] * 3


@pytest.mark.asyncio
async def test_post_without_key_is_never_retried() -> None:
    script = Script((500, {}, {}))
    http = system(script)
    with pytest.raises(SystemUnavailable) as info:
        await http.request("POST", "/y", json={})
    assert len(script.requests) == 1 and info.value.maybe_applied


@pytest.mark.asyncio
async def test_backoff_is_capped_exponential_with_jitter() -> None:
    sleeps: list[float] = []
    script = Script((503, {}, {}))
    http = system(script, attempts=6, sleeps=sleeps)
    with pytest.raises(SystemUnavailable):
        await http.get_json("/x")
    assert len(script.requests) == 6 and len(sleeps) == 5
    caps = [min(0.4, 0.1 * 2**n) for n in range(5)]
    assert all(0 <= s <= cap for s, cap in zip(sleeps, caps, strict=True))
    assert len(set(sleeps)) > 1  # jittered, not a fixed delay


@pytest.mark.asyncio
async def test_retry_after_is_honoured_then_rate_limited() -> None:
    sleeps: list[float] = []
    script = Script((429, {}, {"Retry-After": "2"}))
    http = system(script, attempts=3, sleeps=sleeps, timeout_s=5.0)
    with pytest.raises(RateLimited) as info:
        await http.get_json("/x")
    assert sleeps == [2.0, 2.0] and info.value.retry_after_s == 2.0


def test_retry_after_as_http_date() -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 11, 20, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("Fri, 20 Nov 2026 12:00:30 GMT", now) == 30.0
    assert parse_retry_after("soon") is None


@pytest.mark.asyncio
async def test_business_refusal_is_final_and_typed() -> None:
    body = {
        "type": "urn:onepane:problem:exceeds-refundable",
        "title": "x",
        "status": 409,
        "detail": "At most 89.00",
    }
    script = Script((409, body, PROBLEM))
    payments = RestPayments(system(script), "/payments")
    with pytest.raises(Refused) as info:
        await payments.refund("PAY-1", Money.of("100.00", "EUR"), reason_code="late", key="k")
    assert info.value.kind == "exceeds-refundable" and info.value.message == "At most 89.00"
    assert len(script.requests) == 1


@pytest.mark.parametrize(("status", "error"), [(401, NotAuthorized), (404, NotFound)])
@pytest.mark.asyncio
async def test_auth_and_not_found(status: int, error: type[Exception]) -> None:
    script = Script((status, {"type": "urn:onepane:problem:x", "title": "t", "status": status}, PROBLEM))
    with pytest.raises(error):
        await system(script).get_json("/x")


@pytest.mark.asyncio
async def test_malformed_payloads_name_the_field() -> None:
    order = {
        "number": "W-1",
        "channel": "web",
        "status": "open",
        "placed_at": "2026-11-20T10:00:00+00:00",
        "total": {"amount": 12.5, "currency": "EUR"},
        "customer": {"id": "OC-1", "name": "A"},
        "lines": [],
    }
    orders = RestOrders(system(Script((200, {"items": [order], "next_cursor": None}, {}))), "/orders")
    with pytest.raises(MalformedPayload) as info:
        await orders.search(SearchQuery(QueryKind.ORDER, "W-1"))
    assert info.value.field == "items[0].total.amount" and "decimal string" in info.value.problem
    naive = {**order, "total": {"amount": "12.50", "currency": "EUR"}, "placed_at": "2026-11-20T10:00:00"}
    orders = RestOrders(system(Script((200, {"items": [naive], "next_cursor": None}, {}))), "/orders")
    with pytest.raises(MalformedPayload) as info:
        await orders.search(SearchQuery(QueryKind.ORDER, "W-1"))
    assert info.value.field == "items[0].placed_at"
    orders = RestOrders(system(Script((200, ["not", "an", "object"], {}))), "/orders")
    with pytest.raises(MalformedPayload):
        await orders.search(SearchQuery(QueryKind.ORDER, "W-1"))


@pytest.mark.asyncio
async def test_unknown_fields_are_tolerated() -> None:
    order = {
        "number": "W-1",
        "channel": "web",
        "status": "open",
        "placed_at": "2026-11-20T10:00:00+00:00",
        "total": {"amount": "12.50", "currency": "EUR", "extra": 1},
        "customer": {"id": "OC-1", "name": "A"},
        "lines": [],
        "loyalty_points": 40,
    }
    orders = RestOrders(
        system(Script((200, {"items": [order], "next_cursor": None, "total": 1}, {}))), "/orders"
    )
    found = await orders.search(SearchQuery(QueryKind.ORDER, "W-1"))
    assert found[0].total == Money.of("12.50", "EUR")


def test_systems_verify_tls_against_the_system_certificate_store_with_one_shared_context(monkeypatch) -> None:
    import asyncio
    import ssl

    import httpx
    import truststore

    from console.connectors.http import HttpSystem, tls_verify
    from console.domain.model import SystemKind

    seen: list[object] = []
    real = httpx.AsyncClient

    class Spy(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args: object, **kwargs: object) -> None:
            seen.append(kwargs.get("verify"))
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(httpx, "AsyncClient", Spy)
    secure = HttpSystem(SystemKind.ORDERS, "https://orders.example")
    loopback = HttpSystem(SystemKind.ORDERS, "http://127.0.0.1:9")
    context = tls_verify()
    assert isinstance(context, truststore.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert seen == [context, context]  # one context for every system, built once
    asyncio.run(secure.aclose())
    asyncio.run(loopback.aclose())
