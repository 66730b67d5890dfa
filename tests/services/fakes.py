"""In-memory connectors implementing the Protocols in console/connectors/base.py.

For fast service and GUI tests: no HTTP, optional latency (asyncio.sleep), failures and hangs
per system, a log of calls and a count of cancelled calls.

    world = golden_world(NOW)             # Maya (S1), Tomás (S2), Aisha (S3) + a namesake
    world.delivery.latency_s = 0.05       # every call waits that long
    world.payments.fail = SystemUnavailable(SystemKind.PAYMENTS, "down")
    world.cases.hang = True               # never answers (until cancelled)
    service = LookupService(world, FakeCache(), clock=lambda: NOW)
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from console.connectors.errors import ConnectorError, NotFound, Refused
from console.domain.model import (
    Address,
    Case,
    Channel,
    CustomerProfile,
    CustomerStub,
    DeliveryAction,
    DeliveryStage,
    LineStatus,
    Note,
    Order,
    OrderLine,
    OrderStatus,
    Page,
    Payment,
    PaymentStatus,
    Refund,
    RefundResult,
    ReturnReceipt,
    Shipment,
    StockLevel,
    Store,
    SystemHealth,
    SystemKind,
    SystemRef,
    Tender,
    TenderKind,
    TrackingEvent,
    Visibility,
)
from console.domain.money import Money
from console.domain.query import QueryKind, SearchQuery
from console.services.classify import normalize_phone
from console.services.names import name_similarity

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)  # a Friday, noon
R = TypeVar("R")


def eur(amount: str) -> Money:
    return Money.of(amount, "EUR")


class FakeSystem:
    system: SystemKind
    supported: frozenset[QueryKind] = frozenset()

    def __init__(self, page_size: int = 50) -> None:
        self.latency_s = 0.0
        self.fail: ConnectorError | None = None
        self.hang = False
        self.page_size = page_size
        self.calls: list[tuple[str, str]] = []
        self.cancelled = 0
        self.completed = 0
        self.in_flight = 0
        self.region = "NL"

    def supports(self, kind: QueryKind) -> bool:
        return kind in self.supported

    async def health(self) -> SystemHealth:
        return SystemHealth(self.system, self.fail is None and not self.hang)

    async def aclose(self) -> None:
        return None

    async def _enter(self, op: str, arg: str = "") -> None:
        self.calls.append((op, arg))
        self.in_flight += 1
        try:
            if self.hang:
                await asyncio.Event().wait()
            if self.latency_s:
                await asyncio.sleep(self.latency_s)
        except asyncio.CancelledError:
            self.cancelled += 1
            raise
        finally:
            self.in_flight -= 1
        if self.fail is not None:
            raise self.fail
        self.completed += 1

    def ops(self, op: str) -> list[str]:
        return [arg for o, arg in self.calls if o == op]

    # matching helpers
    def _phone(self, raw: str | None) -> str | None:
        return normalize_phone(raw, self.region)

    def _stub_matches(self, stub: CustomerStub, q: SearchQuery) -> bool:
        match q.kind:
            case QueryKind.EMAIL:
                return (stub.email or "").lower() == q.value.lower()
            case QueryKind.PHONE:
                return self._phone(stub.phone) == q.value
            case QueryKind.NAME:
                return bool(stub.name) and name_similarity(stub.name, q.value) >= 0.7
            case QueryKind.CUSTOMER_ID:
                return stub.ref.id == q.value
        return False

    def _page(self, items: Sequence[R], cursor: str | None) -> Page[R]:
        start = int(cursor or 0)
        end = start + self.page_size
        nxt = str(end) if end < len(items) else None
        return Page(tuple(items[start:end]), nxt)


class FakeDirectory(FakeSystem):
    system = SystemKind.DIRECTORY
    supported = frozenset({QueryKind.EMAIL, QueryKind.PHONE, QueryKind.NAME, QueryKind.CUSTOMER_ID})

    def __init__(self, profiles: Iterable[CustomerProfile] = ()) -> None:
        super().__init__()
        self.profiles = list(profiles)

    async def search(self, query: SearchQuery) -> list[CustomerProfile]:
        await self._enter("search", f"{query.kind.value}={query.value}")
        out = []
        for p in self.profiles:
            if (
                (query.kind is QueryKind.EMAIL and query.value.lower() in [e.lower() for e in p.emails])
                or (query.kind is QueryKind.PHONE and query.value in [self._phone(x) for x in p.phones])
                or (query.kind is QueryKind.NAME and name_similarity(p.name, query.value) >= 0.7)
                or (
                    query.kind is QueryKind.CUSTOMER_ID
                    and (p.ref.id == query.value or query.value in [e.id for e in p.external_ids])
                )
            ):
                out.append(p)
        return out

    async def customer(self, customer_id: str) -> CustomerProfile:
        await self._enter("customer", customer_id)
        for p in self.profiles:
            if p.ref.id == customer_id:
                return p
        raise NotFound(self.system, f"no customer {customer_id}")


class FakeOrders(FakeSystem):
    system = SystemKind.ORDERS
    supported = frozenset(
        {
            QueryKind.EMAIL,
            QueryKind.PHONE,
            QueryKind.NAME,
            QueryKind.ORDER,
            QueryKind.RECEIPT,
            QueryKind.CUSTOMER_ID,
        }
    )

    def __init__(self, orders: Iterable[Order] = (), stock: Iterable[StockLevel] = ()) -> None:
        super().__init__()
        self.orders = list(orders)
        self.stock_levels = list(stock)
        self.returns: list[ReturnReceipt] = []

    def _find(self, number: str) -> Order:
        for o in self.orders:
            if o.number == number:
                return o
        raise NotFound(self.system, f"no order {number}")

    def _put(self, order: Order) -> Order:
        self.orders = [order if o.number == order.number else o for o in self.orders]
        return order

    async def search(self, query: SearchQuery) -> list[Order]:
        await self._enter("search", f"{query.kind.value}={query.value}")
        if query.kind is QueryKind.ORDER:
            return [o for o in self.orders if o.number == query.value]
        if query.kind is QueryKind.RECEIPT:
            return [o for o in self.orders if query.value in (o.receipt, o.number)]
        return [o for o in self.orders if self._stub_matches(o.customer, query)][: self.page_size]

    async def customer_orders(self, customer_id: str, cursor: str | None = None) -> Page[Order]:
        await self._enter("customer_orders", f"{customer_id}@{cursor}")
        mine = [o for o in self.orders if o.customer.ref.id == customer_id]
        mine.sort(key=lambda o: o.placed_at, reverse=True)
        return self._page(mine, cursor)

    async def order(self, order_number: str) -> Order:
        await self._enter("order", order_number)
        return self._find(order_number)

    async def stock(self, sku: str, store_id: str | None = None) -> list[StockLevel]:
        await self._enter("stock", sku)
        return [s for s in self.stock_levels if s.sku == sku and (store_id is None or s.store.id == store_id)]

    async def cancel(
        self, order_number: str, line_ids: Sequence[str] | None, reason: str, *, key: str
    ) -> Order:
        await self._enter("cancel", order_number)
        o = self._find(order_number)
        if o.status is not OrderStatus.OPEN:
            raise Refused(self.system, "already-dispatched", f"{order_number} is {o.status.value}")
        return self._put(dataclasses.replace(o, status=OrderStatus.CANCELLED))

    async def fulfil_in_store(
        self, order_number: str, store_id: str, line_ids: Sequence[str], *, key: str
    ) -> Order:
        await self._enter("fulfil_in_store", order_number)
        o = self._find(order_number)
        return self._put(dataclasses.replace(o, status=OrderStatus.FULFILLED_IN_STORE))

    async def accept_return(
        self,
        order_number: str,
        lines: Sequence[tuple[str, int]],
        *,
        store_id: str | None,
        reason: str,
        resolution: str,
        exchange_sku: str | None = None,
        key: str,
    ) -> ReturnReceipt:
        await self._enter("accept_return", order_number)
        receipt = ReturnReceipt(
            f"RT-{len(self.returns) + 1}", order_number, tuple(lines), resolution, store_id, NOW
        )
        self.returns.append(receipt)
        return receipt


class FakePayments(FakeSystem):
    system = SystemKind.PAYMENTS
    supported = frozenset(
        {QueryKind.EMAIL, QueryKind.NAME, QueryKind.ORDER, QueryKind.PAYMENT_REF, QueryKind.CUSTOMER_ID}
    )

    def __init__(self, payments: Iterable[Payment] = ()) -> None:
        super().__init__()
        self.payments = list(payments)

    def _find(self, payment_id: str) -> Payment:
        for p in self.payments:
            if p.ref.id == payment_id:
                return p
        raise NotFound(self.system, f"no payment {payment_id}")

    async def search(self, query: SearchQuery) -> list[Payment]:
        await self._enter("search", f"{query.kind.value}={query.value}")
        if query.kind is QueryKind.ORDER:
            return [p for p in self.payments if p.order_number == query.value]
        if query.kind is QueryKind.PAYMENT_REF:
            if query.value.upper().startswith("PAY-"):
                return [p for p in self.payments if p.ref.id == query.value]
            out = []
            for p in self.payments:
                cards = [t for t in p.tenders if t.last4 == query.value]
                if cards and (
                    query.amount is None or any(t.amount.amount == Decimal(query.amount) for t in cards)
                ):
                    out.append(p)
            return out
        return [p for p in self.payments if self._stub_matches(p.customer, query)][: self.page_size]

    async def customer_payments(self, customer_id: str, cursor: str | None = None) -> Page[Payment]:
        await self._enter("customer_payments", f"{customer_id}@{cursor}")
        mine = [p for p in self.payments if p.customer.ref.id == customer_id]
        mine.sort(key=lambda p: p.created_at, reverse=True)
        return self._page(mine, cursor)

    async def payment(self, payment_id: str) -> Payment:
        await self._enter("payment", payment_id)
        return self._find(payment_id)

    async def refund(
        self,
        payment_id: str,
        amount: Money,
        *,
        reason_code: str,
        allocation: Sequence[tuple[str, Money]] | None = None,
        to_store_credit: bool = False,
        approval_token: str | None = None,
        key: str,
    ) -> RefundResult:
        await self._enter("refund", payment_id)
        p = self._find(payment_id)
        if amount > p.refundable:
            raise Refused(self.system, "exceeds-refundable", "more than is refundable")
        tender = p.tenders[0]
        r = Refund(f"RF-{len(p.refunds) + 1}", amount, tender.id, NOW, reason_code)
        new = dataclasses.replace(p, refunds=(*p.refunds, r))
        self.payments = [new if x.ref == p.ref else x for x in self.payments]
        return RefundResult(payment_id, (r,))

    async def request_approval(self, payment_id: str, amount: Money, *, key: str) -> str:
        await self._enter("request_approval", payment_id)
        return f"approval-{payment_id}-{amount.amount}"


class FakeDelivery(FakeSystem):
    system = SystemKind.DELIVERY
    supported = frozenset(
        {QueryKind.EMAIL, QueryKind.PHONE, QueryKind.TRACKING, QueryKind.ORDER, QueryKind.CUSTOMER_ID}
    )

    def __init__(self, shipments: Iterable[Shipment] = ()) -> None:
        super().__init__()
        self.shipments = list(shipments)

    def capabilities(self) -> frozenset[DeliveryAction]:
        return frozenset(DeliveryAction)

    def _find(self, tracking: str) -> Shipment:
        for s in self.shipments:
            if s.tracking_number == tracking:
                return s
        raise NotFound(self.system, f"no parcel {tracking}")

    def _put(self, s: Shipment) -> Shipment:
        self.shipments = [s if x.ref == s.ref else x for x in self.shipments]
        return s

    async def search(self, query: SearchQuery) -> list[Shipment]:
        await self._enter("search", f"{query.kind.value}={query.value}")
        if query.kind is QueryKind.TRACKING:
            return [s for s in self.shipments if s.tracking_number == query.value]
        if query.kind is QueryKind.ORDER:
            return [s for s in self.shipments if s.order_number == query.value]
        return [s for s in self.shipments if self._stub_matches(s.customer, query)][: self.page_size]

    async def customer_shipments(self, customer_id: str, cursor: str | None = None) -> Page[Shipment]:
        await self._enter("customer_shipments", f"{customer_id}@{cursor}")
        mine = [s for s in self.shipments if s.customer.ref.id == customer_id]
        return self._page(mine, cursor)

    async def shipment(self, tracking_number: str) -> Shipment:
        await self._enter("shipment", tracking_number)
        return self._find(tracking_number)

    async def reroute(self, tracking_number: str, address: Address, *, key: str) -> Shipment:
        await self._enter("reroute", tracking_number)
        return self._put(dataclasses.replace(self._find(tracking_number), address=address))

    async def redirect_to_store(self, tracking_number: str, store_id: str, *, key: str) -> Shipment:
        await self._enter("redirect_to_store", tracking_number)
        return self._find(tracking_number)

    async def reschedule(self, tracking_number: str, new_date: date, *, key: str) -> Shipment:
        await self._enter("reschedule", tracking_number)
        return self._put(dataclasses.replace(self._find(tracking_number), estimated_date=new_date))

    async def intercept(self, tracking_number: str, reason: str, *, key: str) -> Shipment:
        await self._enter("intercept", tracking_number)
        return self._put(dataclasses.replace(self._find(tracking_number), stage=DeliveryStage.INTERCEPTED))


class FakeCases(FakeSystem):
    system = SystemKind.CASES
    supported = frozenset(
        {QueryKind.EMAIL, QueryKind.PHONE, QueryKind.NAME, QueryKind.ORDER, QueryKind.CUSTOMER_ID}
    )

    def __init__(self, cases: Iterable[Case] = ()) -> None:
        super().__init__()
        self.cases = list(cases)

    def _find(self, case_id: str) -> Case:
        for c in self.cases:
            if c.ref.id == case_id:
                return c
        raise NotFound(self.system, f"no case {case_id}")

    async def search(self, query: SearchQuery) -> list[Case]:
        await self._enter("search", f"{query.kind.value}={query.value}")
        if query.kind is QueryKind.ORDER:
            return [c for c in self.cases if c.order_number == query.value]
        return [c for c in self.cases if self._stub_matches(c.customer, query)][: self.page_size]

    async def customer_cases(self, customer_id: str, cursor: str | None = None) -> Page[Case]:
        await self._enter("customer_cases", f"{customer_id}@{cursor}")
        mine = [c for c in self.cases if c.customer.ref.id == customer_id]
        return self._page(mine, cursor)

    async def case(self, case_id: str) -> Case:
        await self._enter("case", case_id)
        return self._find(case_id)

    async def add_note(self, case_id: str, body: str, visibility: Visibility, *, key: str) -> Note:
        await self._enter("add_note", case_id)
        c = self._find(case_id)
        note = Note(f"N-{len(c.notes) + 1}", NOW, "agent", body, visibility)
        new = dataclasses.replace(c, notes=(note, *c.notes))
        self.cases = [new if x.ref == c.ref else x for x in self.cases]
        return note

    async def reassign(self, case_id: str, *, team: str, assignee: str | None, key: str) -> Case:
        await self._enter("reassign", case_id)
        c = dataclasses.replace(self._find(case_id), team=team, assignee=assignee or "")
        self.cases = [c if x.ref == c.ref else x for x in self.cases]
        return c


@dataclass
class FakeConnectors:
    directory: FakeDirectory = field(default_factory=FakeDirectory)
    orders: FakeOrders = field(default_factory=FakeOrders)
    payments: FakePayments = field(default_factory=FakePayments)
    delivery: FakeDelivery = field(default_factory=FakeDelivery)
    cases: FakeCases = field(default_factory=FakeCases)

    def by_kind(self, kind: SystemKind) -> FakeSystem:
        return {
            SystemKind.DIRECTORY: self.directory,
            SystemKind.ORDERS: self.orders,
            SystemKind.PAYMENTS: self.payments,
            SystemKind.DELIVERY: self.delivery,
            SystemKind.CASES: self.cases,
        }[kind]

    def all(self) -> list[FakeSystem]:
        return [self.directory, self.orders, self.payments, self.delivery, self.cases]

    def set_latency(self, seconds: float) -> None:
        for s in self.all():
            s.latency_s = seconds

    def total_calls(self) -> int:
        return sum(len(s.calls) for s in self.all())


# ---- the section cache and link decisions (the store implements the real ones) ---------------


@dataclass(frozen=True)
class CachedSection:
    data: object
    fetched_at: datetime


class FakeCache:
    def __init__(self, clock: Any = None) -> None:
        self.items: dict[tuple[str, str], CachedSection] = {}
        self.clock = clock or (lambda: NOW)

    async def get(self, system: str, key: str) -> CachedSection | None:
        return self.items.get((system, key))

    async def put(self, system: str, key: str, data: object) -> None:
        self.items[(system, key)] = CachedSection(data, self.clock())


class FakeLinkDecisions:
    def __init__(self, decisions: Iterable[tuple[SystemRef, SystemRef, str]] = ()) -> None:
        self.decisions = list(decisions)
        self.asked: list[list[SystemRef]] = []

    async def decisions_for(self, refs: Sequence[SystemRef]) -> list[tuple[SystemRef, SystemRef, str]]:
        self.asked.append(list(refs))
        wanted = set(refs)
        return [d for d in self.decisions if d[0] in wanted or d[1] in wanted]


# ---- a small golden world ----------------------------------------------------------------------

STORE_012 = Store("012", "Store 012 Riverside")
STORE_031 = Store("031", "Store 031 Harbour")
EXPRESS = Store("EX1", "Express Central Station", kind="express")


def _ref(kind: SystemKind, id_: str) -> SystemRef:
    return SystemRef(kind, id_)


def _profile(cid: str, name: str, emails: Sequence[str], phones: Sequence[str], n: int) -> CustomerProfile:
    return CustomerProfile(
        ref=_ref(SystemKind.DIRECTORY, cid),
        name=name,
        emails=tuple(emails),
        phones=tuple(phones),
        tier="gold" if n == 1 else "standard",
        language="nl",
        preferred_channel="email",
        external_ids=(
            _ref(SystemKind.ORDERS, f"OC-{n:03d}"),
            _ref(SystemKind.PAYMENTS, f"PC-{n:03d}"),
            _ref(SystemKind.DELIVERY, f"DC-{n:03d}"),
            _ref(SystemKind.CASES, f"ZC-{n:03d}"),
        ),
        created_at=NOW - timedelta(days=400),
    )


def _stub(kind: SystemKind, cid: str, name: str, email: str | None, phone: str | None) -> CustomerStub:
    return CustomerStub(_ref(kind, cid), name, email, phone)


def _card(tid: str, amount: str, last4: str, brand: str = "visa") -> Tender:
    return Tender(tid, TenderKind.CARD, eur(amount), eur("0.00"), brand, last4, "424242"[:6])


def golden_world(now: datetime = NOW) -> FakeConnectors:
    """S1 Maya Okafor, S2 Tomás Reyes, S3 Aisha Karimova, and Tom Reyes (a namesake)."""
    d = SystemKind
    # S1 — Maya: web order Thursday evening, promised Friday, handed to Parcelnet 07:40.
    maya_email, maya_phone = "maya.okafor@example.com", "+31 6 11122233"
    maya = _profile("C-000001", "Maya Okafor", [maya_email], [maya_phone], 1)
    thu_evening = now.replace(hour=19, minute=30) - timedelta(days=1)
    maya_order = Order(
        ref=_ref(d.ORDERS, "W-100123"),
        channel=Channel.WEB,
        status=OrderStatus.DISPATCHED,
        placed_at=thu_evening,
        total=eur("89.00"),
        lines=(
            OrderLine(
                "L1",
                "DRS-4471",
                "Party dress",
                1,
                eur("89.00"),
                LineStatus.SHIPPED,
                attributes=(("size", "38"),),
            ),
        ),
        customer=_stub(d.ORDERS, "OC-001", "Maya Okafor", maya_email, maya_phone),
        payment_refs=("PAY-1001",),
        tracking_numbers=("PN123456789NL",),
        promised_delivery=now.date(),
    )
    maya_pay = Payment(
        _ref(d.PAYMENTS, "PAY-1001"),
        "W-100123",
        PaymentStatus.CAPTURED,
        thu_evening + timedelta(minutes=1),
        eur("89.00"),
        (_card("T1", "89.00", "4242"),),
        (),
        _stub(d.PAYMENTS, "PC-001", "Maya Okafor", maya_email, None),
    )
    maya_ship = Shipment(
        _ref(d.DELIVERY, "PN123456789NL"),
        "Parcelnet",
        DeliveryStage.IN_TRANSIT,
        (
            TrackingEvent(
                now.replace(hour=9, minute=15), DeliveryStage.IN_TRANSIT, "In transit", "Hub Utrecht"
            ),
            TrackingEvent(now.replace(hour=7, minute=40), DeliveryStage.HANDED_TO_CARRIER, "Handed over"),
        ),
        _stub(d.DELIVERY, "DC-001", "Maya Okafor", maya_email, maya_phone),
        order_number="W-100123",
        promised_date=now.date(),
        estimated_date=now.date() + timedelta(days=1),
        handed_over_at=now.replace(hour=7, minute=40),
        allowed_actions=(DeliveryAction.INTERCEPT, DeliveryAction.REROUTE),
    )
    # S2 — Tomás: kiosk sale two months ago; the partner POS has "T. Reyes", "0612 345 678".
    tomas_email = "tomas.reyes@example.com"
    tomas = _profile("C-000002", "Tomás Reyes", [tomas_email], ["+31 6 12345678"], 2)
    kiosk_order = Order(
        ref=_ref(d.ORDERS, "EX-7781-2291"),
        channel=Channel.KIOSK,
        status=OrderStatus.COMPLETED,
        placed_at=now - timedelta(days=60),
        total=eur("349.00"),
        lines=(OrderLine("L1", "PHN-2001", "Phone with contract", 1, eur("349.00"), LineStatus.HANDED_OVER),),
        customer=_stub(d.ORDERS, "KX-0042", "T. Reyes", None, "0612 345 678"),
        store=EXPRESS,
        payment_refs=("PAY-2001",),
        receipt="EX-7781-2291",
        return_window_days=90,
    )
    kiosk_pay = Payment(
        _ref(d.PAYMENTS, "PAY-2001"),
        "EX-7781-2291",
        PaymentStatus.CAPTURED,
        now - timedelta(days=60),
        eur("349.00"),
        (_card("T1", "349.00", "1881", "mastercard"),),
        (),
        _stub(d.PAYMENTS, "PX-0042", "T. Reyes", None, None),
    )
    tomas_web = Order(
        ref=_ref(d.ORDERS, "W-100500"),
        channel=Channel.WEB,
        status=OrderStatus.DELIVERED,
        placed_at=now - timedelta(days=200),
        total=eur("19.95"),
        lines=(OrderLine("L1", "CSE-0101", "Phone case", 1, eur("19.95"), LineStatus.DELIVERED),),
        customer=_stub(d.ORDERS, "OC-002", "Tomás Reyes", tomas_email, "+31612345678"),
    )
    # A namesake: same surname, different person (no shared e-mail or phone).
    tom = _profile("C-000009", "Tom Reyes", ["tom.reyes@example.org"], ["+31 20 555 0199"], 9)
    # S3 — Aisha: W-100877 paid 8 days ago, SwiftRoute exception 4 days ago, 5 contacts.
    aisha_email = "aisha.karimova@example.com"
    aisha = _profile("C-000003", "Aisha Karimova", [aisha_email], ["+31 6 98765432"], 3)
    aisha_order = Order(
        ref=_ref(d.ORDERS, "W-100877"),
        channel=Channel.WEB,
        status=OrderStatus.DISPATCHED,
        placed_at=now - timedelta(days=8, hours=1),
        total=eur("214.50"),
        lines=(OrderLine("L1", "LMP-0877", "Floor lamp", 1, eur("214.50"), LineStatus.SHIPPED),),
        customer=_stub(d.ORDERS, "OC-003", "Aisha Karimova", aisha_email, "+31 6 98765432"),
        payment_refs=("PAY-3001",),
        tracking_numbers=("SR-4411-0877-NL",),
        promised_delivery=(now - timedelta(days=5)).date(),
    )
    aisha_pay = Payment(
        _ref(d.PAYMENTS, "PAY-3001"),
        "W-100877",
        PaymentStatus.CAPTURED,
        now - timedelta(days=8),
        eur("214.50"),
        (_card("T1", "214.50", "5454", "mastercard"),),
        (),
        _stub(d.PAYMENTS, "PC-003", "Aisha Karimova", aisha_email, None),
    )
    aisha_ship = Shipment(
        _ref(d.DELIVERY, "SR-4411-0877-NL"),
        "SwiftRoute",
        DeliveryStage.EXCEPTION,
        (
            TrackingEvent(now - timedelta(days=4), DeliveryStage.EXCEPTION, "address not found"),
            TrackingEvent(now - timedelta(days=5), DeliveryStage.IN_TRANSIT, "in transit"),
            TrackingEvent(now - timedelta(days=6), DeliveryStage.HANDED_TO_CARRIER, "accepted"),
        ),
        _stub(d.DELIVERY, "DC-003", "A. Karimova", aisha_email, None),
        order_number="W-100877",
        promised_date=(now - timedelta(days=5)).date(),
        handed_over_at=now - timedelta(days=6),
        allowed_actions=tuple(DeliveryAction),
    )
    channels = [Channel.EMAIL, Channel.CHAT, Channel.PHONE, Channel.SOCIAL, Channel.PHONE]
    aisha_cases = [
        Case(
            _ref(d.CASES, f"CS-30{i}"),
            "Where is my order?",
            "solved" if i < 4 else "open",
            ch,
            now - timedelta(days=5 - i, hours=2),
            _stub(d.CASES, "ZC-003", "Aisha Karimova", aisha_email, None),
            notes=(
                Note(
                    f"N-30{i}",
                    now - timedelta(days=5 - i, hours=1),
                    "agent",
                    "It will arrive soon.",
                    Visibility.PUBLIC,
                    ch,
                ),
            ),
            order_number="W-100877",
        )
        for i, ch in enumerate(channels)
    ]
    return FakeConnectors(
        directory=FakeDirectory([maya, tomas, aisha, tom]),
        orders=FakeOrders(
            [maya_order, kiosk_order, tomas_web, aisha_order],
            [StockLevel("DRS-4471", STORE_012, 3), StockLevel("DRS-4471", STORE_031, 0)],
        ),
        payments=FakePayments([maya_pay, kiosk_pay, aisha_pay]),
        delivery=FakeDelivery([maya_ship, aisha_ship]),
        cases=FakeCases(aisha_cases),
    )


def many_orders(world: FakeConnectors, customer_id: str, count: int, now: datetime = NOW) -> list[Order]:
    """Give an orders-system customer `count` more store orders (for paging tests)."""
    template = next(o for o in world.orders.orders if o.customer.ref.id == customer_id)
    extra = [
        dataclasses.replace(
            template,
            ref=SystemRef(SystemKind.ORDERS, f"S-012-{9000 + i}"),
            channel=Channel.STORE,
            status=OrderStatus.COMPLETED,
            placed_at=now - timedelta(days=300 + i),
            store=STORE_012,
            payment_refs=(),
            tracking_numbers=(),
        )
        for i in range(count)
    ]
    world.orders.orders.extend(extra)
    return extra
