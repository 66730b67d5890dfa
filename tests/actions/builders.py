"""Small builders of domain records for the policy unit tests (no I/O)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from console.domain.model import (
    Address,
    Channel,
    CustomerStub,
    DeliveryAction,
    DeliveryStage,
    LineStatus,
    Order,
    OrderLine,
    OrderStatus,
    Payment,
    PaymentStatus,
    Shipment,
    StockLevel,
    Store,
    SystemKind,
    SystemRef,
    Tender,
    TenderKind,
    TrackingEvent,
)
from console.domain.money import Money
from console.domain.policy import PolicyConfig, load_policy

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
CET = timezone(timedelta(hours=1))
POLICY_TEXT = (Path(__file__).resolve().parents[2] / "resources" / "policy.toml").read_text(encoding="utf-8")


def policy() -> PolicyConfig:
    return load_policy(POLICY_TEXT)


def eur(amount: str) -> Money:
    return Money.of(amount, "EUR")


def stub(name: str = "Maya Okafor") -> CustomerStub:
    return CustomerStub(SystemRef(SystemKind.ORDERS, "OC-1"), name, "maya@example.com")


def line(
    line_id: str = "L1",
    sku: str = "DRS-4471",
    price: str = "89.00",
    status: LineStatus = LineStatus.OPEN,
    qty: int = 1,
    returned: int = 0,
) -> OrderLine:
    return OrderLine(line_id, sku, "Party dress", qty, eur(price), status, returned, (("size", "38"),))


def order(
    number: str = "W-100412",
    status: OrderStatus = OrderStatus.OPEN,
    lines: tuple[OrderLine, ...] | None = None,
    channel: Channel = Channel.WEB,
    placed_at: datetime | None = None,
    window: int = 30,
    shipping: str | None = "4.95",
    store: Store | None = None,
) -> Order:
    lines = lines if lines is not None else (line(),)
    total = eur("0")
    for ln in lines:
        total = total + ln.total
    return Order(
        SystemRef(SystemKind.ORDERS, number),
        channel,
        status,
        placed_at or NOW - timedelta(hours=17),
        total,
        lines,
        stub(),
        store=store,
        shipping=eur(shipping) if shipping else None,
        payment_refs=("PAY-1",),
        tracking_numbers=("PN123456789NL",),
        return_window_days=window,
    )


def shipment(
    stage: DeliveryStage = DeliveryStage.IN_TRANSIT,
    allowed: tuple[DeliveryAction, ...] = (DeliveryAction.REROUTE, DeliveryAction.INTERCEPT),
    handed: datetime | None = datetime(2026, 11, 20, 7, 40, tzinfo=CET),
    carrier: str = "Parcelnet",
    order_number: str = "W-100412",
) -> Shipment:
    events = [
        TrackingEvent(datetime(2026, 11, 20, 9, 15, tzinfo=CET), DeliveryStage.IN_TRANSIT, "In transit")
    ]
    if stage is DeliveryStage.DELIVERED:
        events.insert(0, TrackingEvent(datetime(2026, 11, 21, 10, 0, tzinfo=CET), stage, "Delivered"))
    return Shipment(
        SystemRef(SystemKind.DELIVERY, "PN123456789NL"),
        carrier,
        stage,
        tuple(events),
        stub(),
        order_number=order_number,
        promised_date=date(2026, 11, 20),
        handed_over_at=handed,
        allowed_actions=allowed,
    )


def tender(tid: str, kind: TenderKind, amount: str, refunded: str = "0.00") -> Tender:
    if kind is TenderKind.CARD:
        return Tender(tid, kind, eur(amount), eur(refunded), brand="visa", last4="4242")
    return Tender(tid, kind, eur(amount), eur(refunded))


def payment(*tenders: Tender, status: PaymentStatus = PaymentStatus.CAPTURED, pid: str = "PAY-1") -> Payment:
    total = eur("0")
    for t in tenders:
        total = total + t.amount
    from console.domain.model import Refund

    refunds = tuple(Refund(f"R-{t.id}", t.refunded, t.id, NOW) for t in tenders if not t.refunded.is_zero())
    return Payment(
        SystemRef(SystemKind.PAYMENTS, pid), "S-012-5521", status, NOW, total, tenders, refunds, stub()
    )


def address(**kw: str) -> Address:
    base = {
        "name": "Aisha Karimova",
        "line1": "Hauptstraße 12",
        "postal_code": "10115",
        "city": "Berlin",
        "country": "DE",
    }
    base.update(kw)
    return Address(**base)


def stock(sku: str = "DRS-4471", store_id: str = "012", qty: int = 2) -> StockLevel:
    return StockLevel(sku, Store(store_id, f"Store {store_id} Riverside"), qty)
