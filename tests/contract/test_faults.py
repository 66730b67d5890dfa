"""Each injected fault gives the right typed outcome within the configured time."""

from __future__ import annotations

import time

import pytest

from console.connectors.errors import MalformedPayload, RateLimited, SystemUnavailable
from console.connectors.http import RetryPolicy
from console.connectors.registry import build_rest_connectors
from console.demo.server import DemoBackends
from console.domain.model import OrderStatus, Visibility
from console.domain.query import QueryKind, SearchQuery
from tests.contract.conftest import connect

pytestmark = pytest.mark.asyncio
Q = SearchQuery(QueryKind.ORDER, "W-100877")


async def test_latency_is_only_slower(fresh_backends: DemoBackends) -> None:
    fresh_backends.set_faults("orders", latency_ms=150, jitter_ms=20)
    c = connect(fresh_backends)
    try:
        started = time.perf_counter()
        found = await c.orders.search(Q)
        elapsed = time.perf_counter() - started
    finally:
        await c.aclose()
    assert [o.number for o in found] == ["W-100877"]
    assert elapsed >= 0.12  # the injected delay happened (a lower bound, not a speed target)


async def test_transient_errors_are_retried(fresh_backends: DemoBackends) -> None:
    fresh_backends.set_faults("orders", error_rate=1.0, count=2)  # the next two requests fail
    c = connect(fresh_backends)
    try:
        found = await c.orders.search(Q)
    finally:
        await c.aclose()
    assert [o.number for o in found] == ["W-100877"]


async def test_outage_becomes_unavailable(fresh_backends: DemoBackends) -> None:
    fresh_backends.set_faults("payments", outage=True)
    c = connect(fresh_backends)
    try:
        with pytest.raises(SystemUnavailable) as info:
            await c.payments.payment("PAY-G100877")
        health = await c.payments.health()
    finally:
        await c.aclose()
    assert "503" in info.value.message
    assert health.ok is False


async def test_rate_limit_honours_retry_after(fresh_backends: DemoBackends) -> None:
    fresh_backends.set_faults("cases", rate_limit_s=1, count=1)
    c = connect(fresh_backends)
    try:
        started = time.perf_counter()
        case = await c.cases.case("CS-G5521")
        waited = time.perf_counter() - started
    finally:
        await c.aclose()
    assert case.ref.id == "CS-G5521" and waited >= 0.9


async def test_rate_limit_that_persists(fresh_backends: DemoBackends) -> None:
    fresh_backends.set_faults("cases", rate_limit_s=1)
    c = build_rest_connectors(
        fresh_backends.base_url,
        lambda: "demo.agent-ana",
        timeout_s=1.0,
        retry=RetryPolicy(max_attempts=2, base_delay_s=0.01, max_retry_after_s=0.05),
    )
    try:
        with pytest.raises(RateLimited) as info:
            await c.cases.case("CS-G5521")
    finally:
        await c.aclose()
    assert info.value.retry_after_s == 1


async def test_hang_past_timeout_returns_within_deadline(fresh_backends: DemoBackends) -> None:
    fresh_backends.set_faults("delivery", hang_s=5)
    c = build_rest_connectors(
        fresh_backends.base_url, lambda: "demo.agent-ana", timeout_s=0.3, deadline_s=0.8
    )
    try:
        started = time.perf_counter()
        with pytest.raises(SystemUnavailable):
            await c.delivery.shipment("PN123456789NL")
        elapsed = time.perf_counter() - started
    finally:
        await c.aclose()
    assert elapsed < 2.0  # bounded by the configured deadline, not by the backend's hang


async def test_malformed_body_is_typed(fresh_backends: DemoBackends) -> None:
    fresh_backends.set_faults("orders", malformed=True, count=2)
    c = connect(fresh_backends)
    try:
        with pytest.raises(MalformedPayload) as many:
            await c.orders.search(Q)
        with pytest.raises(MalformedPayload) as one:
            await c.orders.order("W-100877")
    finally:
        await c.aclose()
    assert many.value.field == "items[0].number"
    assert one.value.field == "number"


async def test_dropped_connection_is_retried(fresh_backends: DemoBackends) -> None:
    fresh_backends.set_faults("orders", drop_connection=True, count=1)
    c = connect(fresh_backends)
    try:
        order = await c.orders.order("W-100877")
    finally:
        await c.aclose()
    assert order.number == "W-100877"


async def test_commit_then_timeout_retried_with_same_key_applies_once(fresh_backends: DemoBackends) -> None:
    fresh_backends.set_faults("orders", commit_then_timeout=True, count=1, only_methods="POST")
    c = build_rest_connectors(
        fresh_backends.base_url,
        lambda: "demo.agent-ana",
        timeout_s=0.5,
        retry=RetryPolicy(max_attempts=3, base_delay_s=0.01),
    )
    try:
        order = await c.orders.cancel("T-55012", None, "streaming instead", key="once-1")
    finally:
        await c.aclose()
    assert order.status is OrderStatus.CANCELLED
    assert [e["key"] for e in fresh_backends.ledger("orders")] == ["once-1"]


async def test_commit_then_timeout_without_retries_is_maybe_applied(fresh_backends: DemoBackends) -> None:
    fresh_backends.set_faults("cases", commit_then_timeout=True, count=1, only_methods="POST")
    c = build_rest_connectors(
        fresh_backends.base_url, lambda: "demo.agent-ana", timeout_s=0.3, retry=RetryPolicy(max_attempts=1)
    )
    try:
        with pytest.raises(SystemUnavailable) as info:
            await c.cases.add_note("CS-G5521", "called back", Visibility.INTERNAL, key="once-2")
        # the console resumes later with the same key: the backend replays, nothing is doubled
        note = await c.cases.add_note("CS-G5521", "called back", Visibility.INTERNAL, key="once-2")
    finally:
        await c.aclose()
    assert info.value.maybe_applied is True
    assert note.body == "called back"
    assert [e["key"] for e in fresh_backends.ledger("cases")] == ["once-2"]
