"""Exactly once under faults: hypothesis drives random sequences of actions against the REAL demo
backends with random injected faults ("commit then time out", 500, 429 + Retry-After, dropped
connections, outages) and random console restarts between the outbox write and the send (a new
console — new service, new store connection — on the same store resumes). At the end the
backends' ledger holds each intended action exactly once and the audit log verifies."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from console.connectors.http import RetryPolicy
from console.demo.server import DemoBackends
from console.domain.money import Money
from console.domain.policy import RefundPayment, RescheduleDelivery
from console.services.actions import ActionService, SimulatedCrash
from console.store import open_store
from tests.actions.harness import STAFF, StaffConnectors
from tests.demo_fixtures import DEMO_NOW

NO_RETRY = RetryPolicy(max_attempts=1, base_delay_s=0.01, max_delay_s=0.02, max_retry_after_s=0.3)
PAYMENTS = ["PAY-G100412", "PAY-G778122", "PAY-G5521"]
FAULTS = {
    "none": {},
    "commit_then_timeout": {"commit_then_timeout": True, "only_methods": "POST"},
    "error_500": {"error_rate": 1.0, "only_methods": "POST"},
    "rate_limited": {"rate_limit_s": 0.2, "only_methods": "POST"},
    "dropped": {"drop_connection": True, "only_methods": "POST"},
    "outage": {"outage": True},
}
_unique = count(1)


@pytest.fixture(scope="module")
def backends() -> Iterator[DemoBackends]:
    with DemoBackends(seed=11, scale=50, now=DEMO_NOW) as demo:
        yield demo


action = st.tuples(st.sampled_from(["refund", "reschedule"]), st.integers(0, 2))
fault = st.tuples(st.sampled_from(sorted(FAULTS)), st.integers(1, 3))
scenario = st.lists(st.tuples(action, fault, st.booleans()), min_size=1, max_size=5)


def _request(kind: str, which: int) -> tuple[Any, str]:
    n = next(_unique)
    if kind == "refund":
        # a unique amount per intended action: never mistaken for a double click
        amount = Money(Decimal("0.01") * n, "EUR")
        return RefundPayment(PAYMENTS[which], amount, "goodwill"), "payments"
    day = DEMO_NOW.date() + timedelta(days=1 + (n % 13))
    return RescheduleDelivery("PN123456789NL", day), "delivery"


def _applied(demo: DemoBackends, system: str) -> list[dict[str, Any]]:
    return [e for e in demo.ledger(system) if e.get("op") != "approvals"]


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=scenario)
def test_each_intended_action_lands_exactly_once(
    backends: DemoBackends, tmp_path_factory: pytest.TempPathFactory, steps: list[Any]
) -> None:
    demo = backends
    db = Path(tmp_path_factory.mktemp("eo")) / "store.db"
    url = f"sqlite+aiosqlite:///{db}"
    before = {s: len(_applied(demo, s)) for s in ("payments", "delivery")}

    async def run() -> tuple[list[str], bool, int]:
        conns = StaffConnectors(demo.base_url, timeout_s=0.4, retry=NO_RETRY)
        store = await open_store(url)
        restarts = 0
        crash_next = False

        def crash(point: str, _action_id: str) -> None:
            if point == "after_enqueue" and crash_next:
                raise SimulatedCrash(point)

        def new_console() -> ActionService:
            return ActionService(
                store,
                conns,
                clock=lambda: DEMO_NOW,
                lease_s=0.5,
                backoff_base_s=0.02,
                backoff_cap_s=0.1,
                poll_s=0.02,
                crash=crash,
                rng=random.Random(5),
            )

        svc = new_console()
        svc.start()
        try:
            for (kind, which), (fault_name, times), restart in steps:
                req, system = _request(kind, which)
                if fault_name != "none":
                    demo.set_faults(system, count=times, **FAULTS[fault_name])
                crash_next = restart
                try:
                    await svc.request(req, STAFF["sup-lena"], "eo-customer", wait=True)
                except SimulatedCrash:
                    # the console dies between the outbox write and the send; a new one starts
                    await svc.aclose()
                    await store.close()
                    store = await open_store(url)
                    restarts += 1
                    crash_next = False
                    svc = new_console()
                    await svc.resume()
                    svc.start()
            demo.clear_faults()
            assert await svc.drain(timeout_s=30)
        finally:
            demo.clear_faults()
            await svc.aclose()
        keys = [e.idempotency_key for e in await store.outbox.by_customer("eo-customer")]
        verified = (await store.audit.verify()).ok
        await store.close()
        await conns.aclose()
        return keys, verified, restarts

    keys, verified, _restarts = asyncio.run(run())
    assert len(keys) == len(steps)  # every intended action was written once
    new = [e for s in ("payments", "delivery") for e in _applied(demo, s)[before[s] :]]
    assert sorted(str(e["key"]) for e in new) == sorted(keys)  # ...and applied exactly once
    assert verified
