"""Every REST connector against the real demo backends over HTTP on 127.0.0.1: reads."""

from __future__ import annotations

from decimal import Decimal

import pytest

from console.connectors.errors import NotAuthorized, NotFound
from console.demo.server import DemoBackends
from console.domain.model import DeliveryStage, OrderStatus, SystemKind, TenderKind
from console.domain.query import QueryKind, SearchQuery
from tests.contract.conftest import connect

pytestmark = pytest.mark.asyncio


async def test_health_of_all_five(demo_backends: DemoBackends) -> None:
    c = connect(demo_backends)
    try:
        healths = [await x.health() for x in c.all()]
    finally:
        await c.aclose()
    assert [h.system for h in healths] == list(SystemKind)
    assert all(h.ok for h in healths)


@pytest.mark.parametrize(
    ("system", "kind", "value", "expect"),
    [
        (SystemKind.DIRECTORY, QueryKind.EMAIL, "maya.okafor@example.com", "C-G000001"),
        (SystemKind.DIRECTORY, QueryKind.PHONE, "+31612345678", "C-G000002"),
        (SystemKind.DIRECTORY, QueryKind.NAME, "karimova aisha", "C-G000003"),
        (SystemKind.DIRECTORY, QueryKind.CUSTOMER_ID, "C-G000004", "C-G000004"),
        (SystemKind.ORDERS, QueryKind.PHONE, "+31612345678", "EX-7781-2291"),
        (SystemKind.ORDERS, QueryKind.RECEIPT, "EX-7781-2291", "EX-7781-2291"),
        (SystemKind.ORDERS, QueryKind.ORDER, "W-100877", "W-100877"),
        (SystemKind.ORDERS, QueryKind.EMAIL, "jordan.lee@example.com", "T-55012"),
        (SystemKind.ORDERS, QueryKind.NAME, "T. Reyes", "EX-7781-2291"),
        (SystemKind.PAYMENTS, QueryKind.ORDER, "S-012-5521", "PAY-G5521"),
        (SystemKind.PAYMENTS, QueryKind.PAYMENT_REF, "PAY-G100877", "PAY-G100877"),
        (SystemKind.DELIVERY, QueryKind.TRACKING, "PN123456789NL", "PN123456789NL"),
        (SystemKind.DELIVERY, QueryKind.EMAIL, "aisha.karimova@example.com", "SR-4471-0099-DE"),
        (SystemKind.CASES, QueryKind.ORDER, "T-55012", "CS-G55012"),
        (SystemKind.CASES, QueryKind.EMAIL, "priya.natarajan@example.com", "CS-G5521"),
    ],
)
async def test_search_by_each_key(
    demo_backends: DemoBackends, system: SystemKind, kind: QueryKind, value: str, expect: str
) -> None:
    c = connect(demo_backends)
    try:
        found = await c.by_kind(system).search(SearchQuery(kind, value))  # type: ignore[attr-defined]
    finally:
        await c.aclose()
    assert expect in [r.ref.id for r in found]


async def test_card_last4_and_amount(demo_backends: DemoBackends) -> None:
    c = connect(demo_backends)
    try:
        hit = await c.payments.search(SearchQuery(QueryKind.PAYMENT_REF, "1881", amount="214.50"))
        miss = await c.payments.search(SearchQuery(QueryKind.PAYMENT_REF, "1881", amount="1.00"))
    finally:
        await c.aclose()
    assert [p.ref.id for p in hit] == ["PAY-G100877"]
    assert miss == []


async def test_unsupported_key_asks_nothing(demo_backends: DemoBackends) -> None:
    c = connect(demo_backends)
    try:
        assert not c.payments.supports(QueryKind.TRACKING)
        assert await c.payments.search(SearchQuery(QueryKind.TRACKING, "PN123456789NL")) == []
    finally:
        await c.aclose()


async def test_fetch_everything_for_one_customer(demo_backends: DemoBackends) -> None:
    c = connect(demo_backends)
    try:
        profile = await c.directory.customer("C-G000003")
        orders = await c.orders.customer_orders("OC-G000003")
        payments = await c.payments.customer_payments("PC-G000003")
        shipments = await c.delivery.customer_shipments("DC-G000003")
        cases = await c.cases.customer_cases("ZC-G000003")
        order = await c.orders.order("W-100877")
        payment = await c.payments.payment("PAY-G100877")
        shipment = await c.delivery.shipment("SR-4471-0099-DE")
        case = await c.cases.case("CS-G10085")
        stock = await c.orders.stock("DRS-4471", "012")
    finally:
        await c.aclose()
    assert profile.name == "Aisha Karimova"
    assert [o.number for o in orders.items] == ["W-100877"]
    assert order.total.amount == Decimal("214.50") and order.total.currency == "EUR"
    assert order.status is OrderStatus.DISPATCHED
    assert payments.items[0].tenders[0].kind is TenderKind.CARD and payment.tenders[0].last4 == "1881"
    assert shipments.items[0].stage is DeliveryStage.EXCEPTION
    assert shipment.events[0].description == "address not found"
    assert len(cases.items) == 5 and case.channel.value == "phone"
    assert stock[0].store.name == "Store 012 Riverside" and stock[0].quantity == 3


async def test_paging_with_cursor(demo_backends: DemoBackends) -> None:
    c = connect(demo_backends)
    try:
        body = await c.orders.http.get_json("/orders/customers/ZC-G000003/orders", {"limit": "1"})  # type: ignore[attr-defined]
        cases = await c.cases.http.get_json("/cases/customers/ZC-G000003/cases", {"limit": "2"})  # type: ignore[attr-defined]
        rest = await c.cases.http.get_json(  # type: ignore[attr-defined]
            "/cases/customers/ZC-G000003/cases", {"limit": "2", "cursor": cases["next_cursor"]}
        )
    finally:
        await c.aclose()
    assert body["items"] == []
    assert len(cases["items"]) == 2 and cases["next_cursor"]
    assert {x["id"] for x in rest["items"]}.isdisjoint({x["id"] for x in cases["items"]})


async def test_unknown_record_and_bad_token(demo_backends: DemoBackends) -> None:
    c = connect(demo_backends)
    bad = connect(demo_backends, staff="nobody")
    try:
        with pytest.raises(NotFound):
            await c.orders.order("W-000000")
        with pytest.raises(NotAuthorized):
            await bad.orders.order("W-100877")
    finally:
        await c.aclose()
        await bad.aclose()


async def test_store_staff_do_not_see_internal_notes(demo_backends: DemoBackends) -> None:
    agent, store = connect(demo_backends), connect(demo_backends, staff="store-031-omar")
    try:
        as_agent = await agent.cases.case("CS-G55012")
        as_store = await store.cases.case("CS-G55012")
    finally:
        await agent.aclose()
        await store.aclose()
    assert any(n.visibility.value == "internal" for n in as_agent.notes)
    assert all(n.visibility.value == "public" for n in as_store.notes)
