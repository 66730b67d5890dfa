"""The ActionService's own logic over an in-memory port and idempotent fake backends."""

from __future__ import annotations

import asyncio
import random
from datetime import date

import pytest

from console.domain.policy import (
    CancelOrder,
    FulfilInStore,
    RefundPayment,
    RescheduleDelivery,
    ReturnResolution,
    TakeReturn,
)
from console.services.actions import ActionService, ActionState, SimulatedCrash
from tests.actions.builders import NOW, eur
from tests.actions.fakes import FakeBackends, FakeConnectorsFor, MemoryPort, staff

ANA = staff("agent-ana")
SARA = staff("store-012-sara")
LENA = staff("sup-lena")


def make(port: MemoryPort, b: FakeBackends, **kw: object) -> ActionService:
    opts: dict[str, object] = dict(
        clock=lambda: NOW,
        lease_s=0.2,
        backoff_base_s=0.01,
        backoff_cap_s=0.05,
        poll_s=0.02,
        rng=random.Random(1),
    )
    opts.update(kw)
    return ActionService(port, FakeConnectorsFor(b), **opts)  # type: ignore[arg-type]


@pytest.mark.asyncio
async def test_refund_done_with_audit_before_and_after() -> None:
    port, b = MemoryPort(), FakeBackends()
    svc = make(port, b)
    events: list[str] = []
    svc.subscribe(lambda ev: events.append(ev.state))
    h = await svc.request(RefundPayment("PAY-1", eur("20.00"), "goodwill"), ANA, "C-1")
    assert h.state is ActionState.DONE, h
    assert h.backend_ids and h.backend_ids[0].startswith("RF-")
    assert events == ["pending", "done"]
    assert [a["action"] for a in port.audit] == ["refund.requested", "refund.done"]
    assert port.audit[0]["details"]["amount"] == "20.00" and port.audit[0]["details"]["currency"] == "EUR"
    assert port.audit[1]["backend_ids"] == list(h.backend_ids)
    assert b.count("payments.refund") == 1
    await svc.aclose()


@pytest.mark.asyncio
async def test_double_click_creates_one_entry() -> None:
    port, b = MemoryPort(), FakeBackends()
    b.faults.latency_s = 0.05
    svc = make(port, b)
    req = CancelOrder("T-55012")
    h1, h2 = await asyncio.gather(svc.request(req, ANA, "C-4"), svc.request(req, ANA, "C-4"))
    h3 = await svc.request(req, ANA, "C-4")
    assert h1.action_id == h2.action_id == h3.action_id
    assert len(port.entries) == 1 and b.count() == 1
    await svc.aclose()


@pytest.mark.asyncio
async def test_failure_is_retried_with_the_same_key_until_done() -> None:
    port, b = MemoryPort(), FakeBackends()
    b.faults.script = ["down", "commit_then_down", "down"]
    svc = make(port, b)
    svc.start()
    h = await svc.request(RescheduleDelivery("PN1", date(2026, 11, 24)), ANA, "C-3")
    assert h.state is ActionState.FAILED_WILL_RETRY
    final = await svc.wait(h.action_id, timeout_s=5)
    assert final.state is ActionState.DONE
    keys = {k for _, _, k in b.calls}
    assert len(keys) == 1 and len(b.calls) == 4
    assert b.count() == 1
    await svc.aclose()


@pytest.mark.asyncio
async def test_refusal_is_final_and_audited() -> None:
    port, b = MemoryPort(), FakeBackends()
    b.faults.script = ["refuse"]
    svc = make(port, b)
    svc.start()
    h = await svc.request(CancelOrder("W-100412"), ANA, "C-1")
    assert h.state is ActionState.REFUSED
    assert "already-dispatched" in h.message
    await asyncio.sleep(0.1)
    assert len(b.calls) == 1
    assert port.audit[-1]["action"] == "cancel.refused"
    assert port.audit[-1]["details"]["refusal"] == "already-dispatched"
    await svc.aclose()


@pytest.mark.asyncio
async def test_compound_steps_run_in_order_and_refusal_stops_the_rest() -> None:
    port, b = MemoryPort(), FakeBackends()
    svc = make(port, b)
    h = await svc.request(FulfilInStore("W-100412", "012", ("L1",), ("PN1",)), SARA, "C-1")
    assert h.state is ActionState.DONE
    assert [op for op, _, _ in b.ledger.order] == ["orders.fulfil_in_store", "delivery.intercept"]
    assert len({s.key for s in h.steps}) == 2
    b.refuse_kind = "outside-return-window"
    b.faults.script = ["refuse"]
    ret = TakeReturn(
        "EX-7781-2291",
        (("L1", 1),),
        "012",
        "faulty",
        ReturnResolution.REFUND,
        refund=RefundPayment("PAY-2", eur("20.00"), "returned"),
    )
    h2 = await svc.request(ret, SARA, "C-2")
    assert h2.state is ActionState.REFUSED
    assert h2.steps[1].state is ActionState.REFUSED and h2.steps[1].message.startswith("Not sent")
    assert b.count("payments.refund") == 0
    await svc.aclose()


@pytest.mark.asyncio
async def test_crash_after_enqueue_is_resumed_by_a_new_console() -> None:
    port, b = MemoryPort(), FakeBackends()

    def crash(point: str, action_id: str) -> None:
        if point == "after_enqueue":
            raise SimulatedCrash(point)

    svc = make(port, b, crash=crash)
    with pytest.raises(SimulatedCrash):
        await svc.request(FulfilInStore("W-1", "012", ("L1",), ("PN1", "PN2")), SARA, "C-1")
    await svc.aclose()
    assert b.count() == 0 and len(port.entries) == 3
    svc2 = make(port, b)
    assert await svc2.resume() == 1
    assert await svc2.drain(timeout_s=5)
    assert b.count() == 3
    assert all(e["status"] == "done" for e in port.entries.values())
    await svc2.aclose()


@pytest.mark.asyncio
async def test_crash_after_send_before_outcome_is_not_doubled() -> None:
    port, b = MemoryPort(), FakeBackends()

    def crash(point: str, action_id: str) -> None:
        if point == "after_send":
            raise SimulatedCrash(point)

    svc = make(port, b, crash=crash)
    with pytest.raises(SimulatedCrash):
        await svc.request(RefundPayment("PAY-1", eur("5.00"), "goodwill"), ANA, "C-1")
    await svc.aclose()
    assert b.count() == 1
    svc2 = make(port, b)
    await svc2.resume()
    assert await svc2.drain(timeout_s=5)
    assert b.count() == 1 and len(b.calls) == 2
    assert [a["action"] for a in port.audit] == ["refund.requested", "refund.done"]
    await svc2.aclose()


@pytest.mark.asyncio
async def test_plan_cut_short_by_a_crash_is_completed_with_planned_keys() -> None:
    port, b = MemoryPort(), FakeBackends()
    svc = make(port, b)
    real = port.enqueue
    calls = 0

    async def enqueue_then_die(**kw: object) -> str:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise SimulatedCrash("between steps")
        return await real(**kw)  # type: ignore[arg-type]

    port.enqueue = enqueue_then_die  # type: ignore[method-assign]
    with pytest.raises(SimulatedCrash):
        await svc.request(FulfilInStore("W-1", "012", ("L1",), ("PN1",)), SARA, "C-1")
    await svc.aclose()
    port.enqueue = real  # type: ignore[method-assign]
    assert len(port.entries) == 1
    planned = port.entries["1"]["payload"]["plan"][1]["key"]
    svc2 = make(port, b)
    await svc2.resume()
    assert await svc2.drain(timeout_s=5)
    assert [op for op, _, _ in b.ledger.order] == ["orders.fulfil_in_store", "delivery.intercept"]
    assert b.ledger.order[1][2] == planned
    await svc2.aclose()


@pytest.mark.asyncio
async def test_refund_above_limit_becomes_approval_then_runs_once() -> None:
    port, b = MemoryPort(), FakeBackends()
    svc = make(port, b)
    req = RefundPayment("PAY-5", eur("210.00"), "damaged", note="one pair worn")
    h = await svc.request(req, ANA, "C-5")
    assert h.state is ActionState.AWAITING_APPROVAL and h.approval_id
    assert "above your refund limit of 100.00 EUR" in h.message
    assert b.count() == 0 and not port.entries
    with pytest.raises(Exception, match="cannot approve"):
        await svc.execute_approved(h.approval_id, staff("agent-ben"))
    done = await svc.execute_approved(h.approval_id, LENA)
    assert done.state is ActionState.DONE
    again = await svc.execute_approved(h.approval_id, LENA)
    assert again.action_id == done.action_id
    assert b.count("payments.refund") == 1
    sent = next(k for k in b.ledger.applied if k[1] == "payments.refund")
    assert sent[0] == "sup-lena"
    audit = [a for a in port.audit if a["action"].startswith("refund.")]
    assert {a["staff_id"] for a in audit} == {"agent-ana"}
    assert {a["approver"] for a in audit} == {"sup-lena"}
    await svc.aclose()


@pytest.mark.asyncio
async def test_not_allowed_writes_nothing() -> None:
    port, b = MemoryPort(), FakeBackends()
    svc = make(port, b)
    h = await svc.request(FulfilInStore("W-1", "012", ("L1",)), ANA, "C-1")
    assert h.state is ActionState.NOT_ALLOWED
    assert h.message == "Service agents cannot fulfil orders in store"
    assert not port.entries and not port.audit
    await svc.aclose()
