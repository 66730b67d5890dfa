"""Every action of the contract over real HTTP: effects, idempotent replays, business refusals."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from console.connectors.errors import Refused
from console.connectors.registry import Connectors
from console.demo.server import DemoBackends
from console.domain.model import Address, DeliveryStage, LineStatus, OrderStatus, Visibility
from console.domain.money import Money
from tests.contract.conftest import connect
from tests.demo_fixtures import DEMO_NOW

pytestmark = pytest.mark.asyncio
EUR = "EUR"


async def test_cancel_and_replay_applies_once(fresh_backends: DemoBackends, agent: Connectors) -> None:
    first = await agent.orders.cancel("T-55012", None, "customer switches to streaming", key="cancel-1")
    again = await agent.orders.cancel("T-55012", None, "customer switches to streaming", key="cancel-1")
    assert first.status is OrderStatus.CANCELLED and again == first
    assert [e["key"] for e in fresh_backends.ledger("orders")] == ["cancel-1"]


async def test_cancel_only_unshipped_lines(agent: Connectors) -> None:
    order = await agent.orders.cancel("T-55012", ["L2"], "installation not needed", key="c-line")
    assert order.status is OrderStatus.PARTIALLY_CANCELLED
    assert [ln.status for ln in order.lines] == [LineStatus.OPEN, LineStatus.CANCELLED]


async def test_cancel_after_dispatch_is_refused(fresh_backends: DemoBackends, agent: Connectors) -> None:
    with pytest.raises(Refused) as info:
        await agent.orders.cancel("W-100412", None, "late", key="c-2")
    assert info.value.kind == "already-dispatched"
    assert fresh_backends.ledger("orders") == []


async def test_fulfil_in_store_decrements_stock(fresh_backends: DemoBackends) -> None:
    sara = connect(fresh_backends, "store-012-sara")
    try:
        before = (await sara.orders.stock("DRS-4471", "012"))[0].quantity
        order = await sara.orders.fulfil_in_store("W-100412", "012", ["L1"], key="f-1")
        after = (await sara.orders.stock("DRS-4471", "012"))[0].quantity
        with pytest.raises(Refused) as info:
            await sara.orders.fulfil_in_store("T-55012", "031", ["L1"], key="f-2")
    finally:
        await sara.aclose()
    assert order.status is OrderStatus.FULFILLED_IN_STORE and after == before - 1
    assert info.value.kind == "forbidden"


async def test_fulfil_out_of_stock(fresh_backends: DemoBackends) -> None:
    lena = connect(fresh_backends, "sup-lena")
    try:
        with pytest.raises(Refused) as info:
            await lena.orders.fulfil_in_store("W-100412", "031", ["L1"], key="f-3")
        assert info.value.kind == "out-of-stock"
    finally:
        await lena.aclose()


async def test_a_role_may_not_do_what_it_may_not(agent: Connectors) -> None:
    """Agents do not hand over from store stock: the backend refuses it, like the console."""
    with pytest.raises(Refused) as info:
        await agent.orders.fulfil_in_store("W-100412", "012", ["L1"], key="f-4")
    assert info.value.kind == "forbidden" and "fulfil in store" in info.value.message


async def test_return_from_kiosk_sale_at_another_store(agent: Connectors) -> None:
    receipt = await agent.orders.accept_return(
        "EX-7781-2291", [("L1", 1)], store_id="031", reason="faulty", resolution="refund", key="r-1"
    )
    assert receipt.order_number == "EX-7781-2291" and receipt.lines == (("L1", 1),)
    with pytest.raises(Refused) as info:  # nothing left to return
        await agent.orders.accept_return(
            "EX-7781-2291", [("L1", 1)], store_id="031", reason="faulty", resolution="refund", key="r-2"
        )
    assert info.value.kind == "validation"


async def test_return_outside_window(fresh_backends: DemoBackends, agent: Connectors) -> None:
    fresh_backends.state.orders["S-012-5521"]["return_window_days"] = 2
    with pytest.raises(Refused) as info:
        await agent.orders.accept_return(
            "S-012-5521", [("L1", 1)], store_id="012", reason="worn", resolution="refund", key="r-3"
        )
    assert info.value.kind == "outside-return-window"


async def test_refund_policy_order_card_before_gift_card(fresh_backends: DemoBackends) -> None:
    sara = connect(fresh_backends, "store-012-sara")  # limit 250.00
    try:
        result = await sara.payments.refund(
            "PAY-G5521", Money.of("210.00", EUR), reason_code="worn", key="rf-1"
        )
        payment = await sara.payments.payment("PAY-G5521")
    finally:
        await sara.aclose()
    assert [(r.tender_id, r.amount.amount) for r in result.refunds] == [("T2", Decimal("210.00"))]
    assert payment.refundable == Money.of("210.00", EUR)


async def test_refund_above_limit_needs_approval_then_runs_once(
    fresh_backends: DemoBackends, agent: Connectors
) -> None:
    with pytest.raises(Refused) as info:
        await agent.payments.refund("PAY-G5521", Money.of("210.00", EUR), reason_code="worn", key="rf-2")
    assert info.value.kind == "needs-approval"
    with pytest.raises(Refused) as forbidden:
        await agent.payments.request_approval("PAY-G5521", Money.of("210.00", EUR), key="ap-0")
    assert forbidden.value.kind == "forbidden"
    lena = connect(fresh_backends, "sup-lena")
    try:
        token = await lena.payments.request_approval("PAY-G5521", Money.of("210.00", EUR), key="ap-1")
    finally:
        await lena.aclose()
    ok = await agent.payments.refund(
        "PAY-G5521", Money.of("210.00", EUR), reason_code="worn", approval_token=token, key="rf-3"
    )
    replay = await agent.payments.refund(
        "PAY-G5521", Money.of("210.00", EUR), reason_code="worn", approval_token=token, key="rf-3"
    )
    assert ok == replay and ok.refunds[0].approved_by == "sup-lena"
    refunds = [e for e in fresh_backends.ledger("payments") if e["op"] == "refunds"]
    assert [e["key"] for e in refunds] == ["rf-3"]


async def test_refund_more_than_refundable(agent: Connectors) -> None:
    with pytest.raises(Refused) as info:
        await agent.payments.refund("PAY-G100412", Money.of("90.00", EUR), reason_code="late", key="rf-4")
    assert info.value.kind == "exceeds-refundable"


async def test_refund_to_store_credit_and_explicit_allocation(fresh_backends: DemoBackends) -> None:
    lena = connect(fresh_backends, "sup-lena")
    try:
        credit = await lena.payments.refund(
            "PAY-G5521", Money.of("20.00", EUR), reason_code="goodwill", to_store_credit=True, key="rf-5"
        )
        split = await lena.payments.refund(
            "PAY-G5521",
            Money.of("150.00", EUR),
            reason_code="worn",
            allocation=[("T1", Money.of("100.00", EUR)), ("T2", Money.of("50.00", EUR))],
            key="rf-6",
        )
    finally:
        await lena.aclose()
    assert credit.refunds[0].tender_id == "SC"
    assert [(r.tender_id, str(r.amount)) for r in split.refunds] == [
        ("T1", "100.00 EUR"),
        ("T2", "50.00 EUR"),
    ]


async def test_same_key_different_body_is_refused(agent: Connectors) -> None:
    await agent.cases.add_note("CS-G5521", "first", Visibility.INTERNAL, key="n-1")
    with pytest.raises(Refused) as info:
        await agent.cases.add_note("CS-G5521", "second", Visibility.INTERNAL, key="n-1")
    assert info.value.kind == "idempotency-key-reused"


async def test_delivery_actions(fresh_backends: DemoBackends, agent: Connectors) -> None:
    addr = Address("Aisha Karimova", "Hafenstraße 9", "20457", "Hamburg", "DE")
    rerouted = await agent.delivery.reroute("SR-4471-0099-DE", addr, key="d-1")
    assert rerouted.address == addr and rerouted.stage is DeliveryStage.IN_TRANSIT
    later = await agent.delivery.reschedule("SR-4471-0099-DE", DEMO_NOW.date() + timedelta(days=2), key="d-2")
    assert later.estimated_date == date(2026, 11, 22)
    with pytest.raises(Refused) as bad_date:
        await agent.delivery.reschedule("SR-4471-0099-DE", DEMO_NOW.date(), key="d-3")
    assert bad_date.value.kind == "invalid-date"
    with pytest.raises(Refused) as bad_addr:
        await agent.delivery.reroute("SR-4471-0099-DE", Address("A", "", "", "", ""), key="d-4")
    assert bad_addr.value.kind == "invalid-address"
    redirected = await agent.delivery.redirect_to_store("PN123456789NL", "012", key="d-5")
    assert "Store 012 Riverside" in redirected.events[0].description
    with pytest.raises(Refused) as disallowed:
        await agent.delivery.reroute("PN123456789NL", addr, key="d-6")
    assert disallowed.value.kind == "carrier-disallows"
    stopped = await agent.delivery.intercept("PN123456789NL", "fulfilled in store", key="d-7")
    assert stopped.stage is DeliveryStage.INTERCEPTED
    assert len(fresh_backends.ledger("delivery")) == 4


async def test_redirect_after_delivery_refused(fresh_backends: DemoBackends, agent: Connectors) -> None:
    fresh_backends.state.shipments["PN123456789NL"]["stage"] = "delivered"
    with pytest.raises(Refused) as info:
        await agent.delivery.redirect_to_store("PN123456789NL", "012", key="d-8")
    assert info.value.kind == "already-delivered"


async def test_case_note_and_reassign(fresh_backends: DemoBackends, agent: Connectors) -> None:
    note = await agent.cases.add_note(
        "CS-G55014", "Wants streaming; T-55012 cancelled.", Visibility.INTERNAL, key="n-2"
    )
    case = await agent.cases.reassign("CS-G55014", team="sales", assignee="agent-ben", key="n-3")
    assert note.body.startswith("Wants streaming") and note.author == "Ana Berg"
    assert case.team == "sales" and case.assignee == "agent-ben" and case.notes[0].id == note.id
    with pytest.raises(Refused) as info:
        await agent.cases.add_note("CS-G55014", "   ", Visibility.PUBLIC, key="n-4")
    assert info.value.kind == "validation"
