"""The action service over the REAL store (SQLite file) and the REAL demo backends.

Every test reads the backends' ledger to prove what was applied, and the audit log to prove
what was recorded — nothing here is a fake.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from console.connectors.http import RetryPolicy
from console.demo.server import DemoBackends
from console.domain.model import Address
from console.domain.money import Money
from console.domain.policy import (
    CancelOrder,
    FulfilInStore,
    RefundPayment,
    RerouteShipment,
    ReturnResolution,
    TakeReturn,
)
from console.services.actions import ActionService, ActionState
from console.store import Store, open_store
from tests.actions.harness import STAFF, StaffConnectors
from tests.demo_fixtures import DEMO_NOW, fresh_backends  # noqa: F401 - fixture

pytestmark = pytest.mark.asyncio

FAST = RetryPolicy(max_attempts=1, base_delay_s=0.01, max_delay_s=0.05, max_retry_after_s=0.5)


def eur(x: str) -> Money:
    return Money(Decimal(x), "EUR")


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await open_store(f"sqlite+aiosqlite:///{tmp_path / 'store.db'}")
    yield s
    await s.close()


class Live:
    def __init__(self, demo: DemoBackends, store: Store) -> None:
        self.demo = demo
        self.store = store
        self.conns = StaffConnectors(demo.base_url, timeout_s=1.0, retry=FAST)
        self.services: list[ActionService] = []

    def service(self, *, start: bool = True, **kw: Any) -> ActionService:
        opts: dict[str, Any] = {
            "clock": lambda: DEMO_NOW,
            "lease_s": 5.0,
            "backoff_base_s": 0.02,
            "backoff_cap_s": 0.1,
            "poll_s": 0.05,
            "rng": random.Random(3),
        }
        opts.update(kw)
        svc = ActionService(self.store, self.conns, **opts)
        self.services.append(svc)
        if start:
            svc.start()
        return svc

    def ledger(self, system: str, op: str | None = None) -> list[dict[str, Any]]:
        items = self.demo.ledger(system)
        return [e for e in items if op is None or e.get("op") == op]

    async def aclose(self) -> None:
        for s in self.services:
            await s.aclose()
        await self.conns.aclose()


@pytest_asyncio.fixture
async def live(fresh_backends: DemoBackends, store: Store) -> AsyncIterator[Live]:  # noqa: F811
    lv = Live(fresh_backends, store)
    yield lv
    await lv.aclose()


async def test_s1_fulfil_in_store_intercepts_parcel_and_takes_stock(live: Live) -> None:
    svc = live.service()
    sara = STAFF["store-012-sara"]
    before = await live.conns("store-012-sara").orders.stock("DRS-4471", "012")
    h = await svc.request(FulfilInStore("W-100412", "012", ("L1",)), sara, "C-G000001")
    assert h.state is ActionState.DONE, h.message
    order = await live.conns("agent-ana").orders.order("W-100412")
    assert order.status.value in ("fulfilled_in_store", "completed", "fulfilled")
    ship = await live.conns("agent-ana").delivery.shipment("PN123456789NL")
    assert ship.stage.value == "intercepted"
    after = await live.conns("store-012-sara").orders.stock("DRS-4471", "012")
    assert sum(x.quantity for x in after) == sum(x.quantity for x in before) - 1
    assert live.ledger("payments", "refunds") == []  # the customer is not charged again
    assert len(live.ledger("orders")) == 1
    assert len(live.ledger("delivery")) == 1
    v = await live.store.audit.verify()
    assert v.ok
    actions = [e.record["action"] for e in await live.store.audit.entries()]
    assert "fulfil_in_store.requested" in actions and "fulfil_in_store.done" in actions


async def test_s2_kiosk_return_at_another_store_exchange_and_refund_with_approval(live: Live) -> None:
    svc = live.service()
    omar = STAFF["store-031-omar"]
    exchange = TakeReturn(
        "EX-7781-2291",
        (("L1", 1),),
        "031",
        "faulty",
        resolution=ReturnResolution.EXCHANGE,
        exchange_sku="PHN-X12",
    )
    h = await svc.request(exchange, omar, "C-G000002")
    assert h.state is ActionState.DONE, h.message
    assert len(live.ledger("orders")) == 1
    assert live.ledger("payments", "refunds") == []

    # The refund path of the same sale is above store staff's 250.00 limit: an approval.
    again = TakeReturn(
        "EX-7781-2291",
        (("L1", 1),),
        "031",
        "faulty",
        refund=RefundPayment("PAY-G778122", eur("349.00"), "faulty", note="phone dead on arrival"),
    )
    h2 = await svc.request(again, omar, "C-G000002")
    if h2.state is ActionState.NOT_ALLOWED:
        # the line was already returned by the exchange: the policy says so in words
        assert "return" in h2.message.lower()
        return
    assert h2.state is ActionState.AWAITING_APPROVAL, h2.message
    assert h2.approval_id
    assert live.ledger("payments", "refunds") == []


async def test_refund_above_limit_runs_once_after_approval(live: Live) -> None:
    svc = live.service()
    ana, lena = STAFF["agent-ana"], STAFF["sup-lena"]
    req = RefundPayment("PAY-G5521", eur("210.00"), "damaged", note="one pair worn")
    h = await svc.request(req, ana, "C-G000005")
    assert h.state is ActionState.AWAITING_APPROVAL
    assert live.ledger("payments", "refunds") == []
    assert h.approval_id is not None
    done = await svc.execute_approved(h.approval_id, lena)
    assert done.state is ActionState.DONE, done.message
    again = await svc.execute_approved(h.approval_id, lena)  # a double click on "approve"
    assert again.state is ActionState.DONE
    refunds = live.ledger("payments", "refunds")
    assert len(refunds) == 1
    pay = await live.conns("agent-ana").payments.payment("PAY-G5521")
    assert sum((r.amount.amount for r in pay.refunds), Decimal(0)) == Decimal("210.00")
    entries = [e.record for e in await live.store.audit.entries()]
    done_entries = [e for e in entries if e["action"] == "refund.done"]
    assert done_entries and done_entries[-1]["approver"] == "sup-lena"
    assert done_entries[-1]["staff_id"] == "agent-ana"


async def test_refusal_is_final_and_in_words(live: Live) -> None:
    """W-100412 is dispatched: cancelling it is refused (by policy, or by the backend)."""
    svc = live.service()
    h = await svc.request(CancelOrder("W-100412"), STAFF["agent-ana"], "C-G000001")
    assert h.state in (ActionState.NOT_ALLOWED, ActionState.REFUSED)
    assert "parcelnet" in h.message.lower() or "dispatch" in h.message.lower()
    assert live.ledger("orders") == []


async def test_backend_refusal_without_policy_context(live: Live) -> None:
    """The console's view can be stale: the backend's own refusal is final and shown as such."""
    svc = live.service()
    live.demo.set_faults("orders", outage=True, only_methods="GET")  # no context for the policy
    h = await svc.request(CancelOrder("W-100412"), STAFF["agent-ana"], "C-G000001")
    live.demo.clear_faults()
    assert h.state is ActionState.REFUSED, h.message
    assert "dispatch" in h.message.lower()
    assert live.ledger("orders") == []
    assert (await live.store.outbox.unfinished()) == []


async def test_commit_then_timeout_is_retried_with_the_same_key_and_lands_once(live: Live) -> None:
    svc = live.service()
    addr = Address(
        name="Aisha Karimova", line1="Lindenstr. 5", postal_code="10115", city="Berlin", country="DE"
    )
    live.demo.set_faults("delivery", commit_then_timeout=True, count=1, only_methods="POST")
    h = await svc.request(RerouteShipment("SR-4471-0099-DE", addr), STAFF["agent-ana"], "C-G000003")
    final = h if h.final else await svc.wait(h.action_id, timeout_s=10)
    assert final.state is ActionState.DONE, final.message
    applied = live.ledger("delivery")
    assert len(applied) == 1
    entries = await live.store.outbox.by_customer("C-G000003")
    assert len(entries) == 1 and entries[0].attempts >= 2


async def test_outage_then_restart_resumes_with_original_key(live: Live) -> None:
    first = live.service()
    live.demo.set_faults("payments", outage=True)
    h = await first.request(
        RefundPayment("PAY-G100412", eur("10.00"), "goodwill"), STAFF["agent-ana"], "C-G000001"
    )
    assert h.state is ActionState.FAILED_WILL_RETRY
    (entry,) = await live.store.outbox.unfinished()
    await first.aclose()  # the console goes away with the action unsent
    live.demo.clear_faults()
    second = live.service(start=False)
    assert await second.resume() >= 1
    assert await second.drain(timeout_s=10)
    applied = live.ledger("payments", "refunds")
    assert len(applied) == 1
    assert str(applied[0].get("key") or applied[0].get("idempotency_key")) == entry.idempotency_key
    assert (await live.store.outbox.unfinished()) == []
    assert (await live.store.audit.verify()).ok


@pytest.mark.parametrize("clicks", [2, 5])
async def test_double_click_applies_once(live: Live, clicks: int) -> None:
    import asyncio

    svc = live.service()
    req = RefundPayment("PAY-G100412", eur("5.00"), "goodwill")
    handles = await asyncio.gather(
        *(svc.request(req, STAFF["agent-ana"], "C-G000001") for _ in range(clicks))
    )
    assert len({h.action_id for h in handles}) == 1
    assert len(live.ledger("payments", "refunds")) == 1


async def test_supervisor_approves_once_even_from_two_consoles(live: Live) -> None:
    import asyncio

    ana, lena = STAFF["agent-ana"], STAFF["sup-lena"]
    first, second = live.service(), live.service()
    h = await first.request(RefundPayment("PAY-G5521", eur("150.00"), "damaged"), ana, "C-G000005")
    assert h.approval_id is not None
    a, b = await asyncio.gather(
        first.approve(h.approval_id, lena, "ok"), second.approve(h.approval_id, lena, "ok")
    )
    assert {a.state, b.state} == {ActionState.DONE}
    assert len(live.ledger("payments", "refunds")) == 1
    approval = await live.store.approvals.get(h.approval_id)
    assert approval is not None and approval.status == "approved" and approval.decided_by == "sup-lena"
    assert (await live.store.audit.verify()).ok


async def test_denied_request_sends_nothing_and_keeps_the_reason(live: Live) -> None:
    from console.services.actions import ActionError

    svc = live.service()
    ana, lena = STAFF["agent-ana"], STAFF["sup-lena"]
    h = await svc.request(RefundPayment("PAY-G5521", eur("150.00"), "damaged"), ana, "C-G000005")
    assert h.approval_id is not None
    with pytest.raises(ActionError):
        await svc.deny(h.approval_id, lena, "   ")  # a denial needs a reason
    with pytest.raises(ActionError):
        await svc.approve(h.approval_id, ana)  # an agent cannot approve
    assert await svc.deny(h.approval_id, lena, "goodwill already given in October")
    with pytest.raises(ActionError, match="denied"):
        await svc.approve(h.approval_id, lena)
    assert live.ledger("payments", "refunds") == []
    approval = await live.store.approvals.get(h.approval_id)
    assert approval is not None and approval.comment == "goodwill already given in October"
    actions = [e.record["action"] for e in await live.store.audit.entries()]
    assert "approval.requested" in actions and "approval.denied" in actions


async def test_s4_cancel_then_hand_off_to_sales_with_the_case_note_once(live: Live) -> None:
    import asyncio

    from console.services.handoffs import HandoffError, HandoffRequest, HandoffService
    from console.store import AuditRecord

    svc = live.service()
    ana = STAFF["agent-ana"]
    cancelled = await svc.request(CancelOrder("T-55012", None, "replaced"), ana, "C-G000004")
    assert cancelled.state is ActionState.DONE, cancelled.message
    handoffs = HandoffService(live.store, svc)
    with pytest.raises(HandoffError, match="what the customer wants"):
        await handoffs.hand_off(HandoffRequest("C-G000004", "Jordan Lee", "team", "sales", ""), ana, {})
    request = HandoffRequest(
        "C-G000004",
        "Jordan Lee",
        "team",
        "sales",
        wants="The streaming package instead of TV + set-top box",
        done="Cancelled T-55012 (installer could not wire the box)",
        pending="Offer and set up the streaming package",
        callback_at="2026-11-21T10:00:00+01:00",
        case_id="CS-G55012",
    )
    hid, handle = await handoffs.hand_off(request, ana, {"orders": {"T-55012": "open"}})
    assert handle is not None
    final = handle if handle.final else await svc.wait(handle.action_id, timeout_s=10)
    assert final.state is ActionState.DONE, final.message
    ops = [e["op"] for e in live.demo.ledger("cases")]
    assert sorted(ops) == ["notes", "reassign"] or len(ops) == 2
    case = await live.conns("agent-ben").cases.case("CS-G55012")
    assert case.team == "sales"
    assert any("streaming package" in n.body and n.visibility.value == "internal" for n in case.notes)
    # Ben's queue has it; two claims at once: exactly one wins
    queue = await live.store.handoffs.queue(staff_id="agent-ben", team="sales")
    assert [h.id for h in queue] == [hid]
    audit = AuditRecord("agent-ben", "agent", "handoff.claimed", "C-G000004")
    wins = await asyncio.gather(
        live.store.handoffs.claim(hid, "agent-ben", audit), live.store.handoffs.claim(hid, "agent-ana", audit)
    )
    assert sorted(wins) == [False, True]
    assert (await live.store.audit.verify()).ok
