"""Strict mapping of contract payloads into domain objects.

Unknown fields are ignored (systems add fields); a missing or ill-typed required field raises
`MalformedPayload` naming where it is (`items[3].total.amount`). Money must be a decimal
string: a JSON number is refused, because floats are not money.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from console.connectors.errors import MalformedPayload
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
    Payment,
    PaymentStatus,
    Refund,
    RefundResult,
    ReturnReceipt,
    Shipment,
    StockLevel,
    Store,
    SystemKind,
    SystemRef,
    Tender,
    TenderKind,
    TrackingEvent,
    Visibility,
)
from console.domain.money import Money, MoneyError

E = TypeVar("E", bound=enum.Enum)


class Obj:
    """A JSON object being read, with its path for error messages."""

    def __init__(self, system: SystemKind, data: Any, path: str = "") -> None:
        if not isinstance(data, dict):
            raise MalformedPayload(system, path or "(body)", "expected an object")
        self.system = system
        self.data: dict[str, Any] = data
        self.path = path

    def _p(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def bad(self, key: str, problem: str) -> MalformedPayload:
        return MalformedPayload(self.system, self._p(key), problem)

    def raw(self, key: str) -> Any:
        if key not in self.data:
            raise self.bad(key, "missing")
        return self.data[key]

    def string(self, key: str) -> str:
        value = self.raw(key)
        if not isinstance(value, str):
            raise self.bad(key, "expected a string")
        return value

    def opt_str(self, key: str, default: str | None = None) -> str | None:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.bad(key, "expected a string or null")
        return value

    def text(self, key: str) -> str:
        """An optional string that defaults to empty."""
        return self.opt_str(key) or ""

    def integer(self, key: str, default: int | None = None) -> int:
        if default is not None and self.data.get(key) is None:
            return default
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.bad(key, "expected an integer")
        return value

    def money(self, key: str) -> Money:
        return parse_money(self.obj(key))

    def opt_money(self, key: str) -> Money | None:
        return None if self.data.get(key) is None else self.money(key)

    def dt(self, key: str) -> datetime:
        value = self.string(key)
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError as exc:
            raise self.bad(key, "not an ISO 8601 timestamp") from exc
        if parsed.tzinfo is None:
            raise self.bad(key, "timestamp without a UTC offset")
        return parsed

    def opt_dt(self, key: str) -> datetime | None:
        return None if self.data.get(key) is None else self.dt(key)

    def opt_date(self, key: str) -> date | None:
        if self.data.get(key) is None:
            return None
        try:
            return date.fromisoformat(self.string(key))
        except ValueError as exc:
            raise self.bad(key, "not a YYYY-MM-DD date") from exc

    def enum(self, key: str, cls: type[E]) -> E:
        value = self.string(key)
        try:
            return cls(value)
        except ValueError as exc:
            raise self.bad(key, f"unknown value {value!r}") from exc

    def obj(self, key: str) -> Obj:
        return Obj(self.system, self.raw(key), self._p(key))

    def opt_obj(self, key: str) -> Obj | None:
        return None if self.data.get(key) is None else self.obj(key)

    def objects(self, key: str, default_empty: bool = False) -> list[Obj]:
        return [
            Obj(self.system, item, f"{self._p(key)}[{i}]")
            for i, item in enumerate(self._list(key, default_empty))
        ]

    def strs(self, key: str) -> tuple[str, ...]:
        items = self._list(key, True)
        if not all(isinstance(i, str) for i in items):
            raise self.bad(key, "expected a list of strings")
        return tuple(items)

    def _list(self, key: str, default_empty: bool) -> list[Any]:
        if default_empty and self.data.get(key) is None:
            return []
        value = self.raw(key)
        if not isinstance(value, list):
            raise self.bad(key, "expected a list")
        return value


def parse_money(o: Obj) -> Money:
    amount = o.raw("amount")
    if not isinstance(amount, str):
        raise o.bad("amount", "money must be a decimal string, not a number")
    try:
        return Money(Decimal(amount), o.string("currency"))
    except (InvalidOperation, MoneyError) as exc:
        raise o.bad("amount", str(exc) or "not a decimal amount") from exc


def address(o: Obj | None) -> Address | None:
    if o is None:
        return None
    return Address(
        name=o.text("name"),
        line1=o.string("line1"),
        postal_code=o.text("postal_code"),
        city=o.text("city"),
        country=o.text("country"),
        line2=o.text("line2"),
    )


def store(o: Obj | None) -> Store | None:
    if o is None:
        return None
    return Store(id=o.string("id"), name=o.string("name"), kind=o.text("kind") or "flagship")


def stub(system: SystemKind, o: Obj) -> CustomerStub:
    return CustomerStub(
        SystemRef(system, o.string("id")),
        name=o.text("name"),
        email=o.opt_str("email"),
        phone=o.opt_str("phone"),
    )


def profile(o: Obj) -> CustomerProfile:
    ext = o.opt_obj("external_ids")
    refs: list[SystemRef] = []
    if ext is not None:
        for key, value in ext.data.items():
            try:
                kind = SystemKind(key)
            except ValueError:
                continue  # a system we don't know: tolerated
            if isinstance(value, str) and value:
                refs.append(SystemRef(kind, value))
    return CustomerProfile(
        ref=SystemRef(SystemKind.DIRECTORY, o.string("id")),
        name=o.string("name"),
        emails=o.strs("emails"),
        phones=o.strs("phones"),
        tier=o.text("tier"),
        language=o.text("language"),
        preferred_channel=o.text("preferred_channel"),
        flags=o.strs("flags"),
        external_ids=tuple(refs),
        address=address(o.opt_obj("address")),
        created_at=o.opt_dt("created_at"),
    )


def order_line(o: Obj) -> OrderLine:
    attrs = o.opt_obj("attributes")
    pairs = tuple((str(k), str(v)) for k, v in (attrs.data.items() if attrs else ()))
    qty = o.integer("quantity")
    if qty < 0:
        raise o.bad("quantity", "negative")
    return OrderLine(
        id=o.string("id"),
        sku=o.string("sku"),
        description=o.text("description"),
        quantity=qty,
        unit_price=o.money("unit_price"),
        status=o.enum("status", LineStatus),
        returned_quantity=o.integer("returned_quantity", 0),
        attributes=pairs,
    )


def order(o: Obj) -> Order:
    sys = SystemKind.ORDERS
    return Order(
        ref=SystemRef(sys, o.string("number")),
        channel=o.enum("channel", Channel),
        status=o.enum("status", OrderStatus),
        placed_at=o.dt("placed_at"),
        total=o.money("total"),
        lines=tuple(order_line(x) for x in o.objects("lines")),
        customer=stub(sys, o.obj("customer")),
        store=store(o.opt_obj("store")),
        shipping=o.opt_money("shipping"),
        payment_refs=o.strs("payment_ids"),
        tracking_numbers=o.strs("tracking_numbers"),
        receipt=o.opt_str("receipt"),
        promised_delivery=o.opt_date("promised_delivery"),
        return_window_days=o.integer("return_window_days", 30),
        updated_at=o.opt_dt("updated_at"),
    )


def stock_level(o: Obj) -> StockLevel:
    st = store(o.obj("store"))
    assert st is not None
    return StockLevel(sku=o.string("sku"), store=st, quantity=o.integer("quantity"))


def tender(o: Obj) -> Tender:
    last4 = o.text("last4")
    if len(last4) > 4 or (last4 and not last4.isdigit()):
        raise o.bad("last4", "at most the last four digits")
    return Tender(
        id=o.string("id"),
        kind=o.enum("kind", TenderKind),
        amount=o.money("amount"),
        refunded=o.money("refunded"),
        brand=o.text("brand"),
        last4=last4,
        bin=o.text("bin")[:6],
    )


def refund(o: Obj) -> Refund:
    return Refund(
        id=o.string("id"),
        amount=o.money("amount"),
        tender_id=o.string("tender_id"),
        created_at=o.dt("created_at"),
        reason=o.text("reason"),
        staff_id=o.text("staff_id"),
        approved_by=o.text("approved_by"),
    )


def payment(o: Obj) -> Payment:
    sys = SystemKind.PAYMENTS
    return Payment(
        ref=SystemRef(sys, o.string("id")),
        order_number=o.opt_str("order_number"),
        status=o.enum("status", PaymentStatus),
        created_at=o.dt("created_at"),
        amount=o.money("amount"),
        tenders=tuple(tender(t) for t in o.objects("tenders")),
        refunds=tuple(refund(r) for r in o.objects("refunds", True)),
        customer=stub(sys, o.obj("customer")),
    )


def refund_result(o: Obj) -> RefundResult:
    return RefundResult(
        payment_id=o.string("payment_id"), refunds=tuple(refund(r) for r in o.objects("refunds"))
    )


def tracking_event(o: Obj) -> TrackingEvent:
    return TrackingEvent(
        at=o.dt("at"),
        stage=o.enum("stage", DeliveryStage),
        description=o.text("description"),
        location=o.text("location"),
    )


def shipment(o: Obj) -> Shipment:
    sys = SystemKind.DELIVERY
    actions = []
    for i, a in enumerate(o.strs("allowed_actions")):
        try:
            actions.append(DeliveryAction(a))
        except ValueError:
            raise o.bad(f"allowed_actions[{i}]", f"unknown action {a!r}") from None
    return Shipment(
        ref=SystemRef(sys, o.string("tracking_number")),
        carrier=o.string("carrier"),
        stage=o.enum("stage", DeliveryStage),
        events=tuple(tracking_event(e) for e in o.objects("events", True)),
        customer=stub(sys, o.obj("customer")),
        order_number=o.opt_str("order_number"),
        promised_date=o.opt_date("promised_date"),
        estimated_date=o.opt_date("estimated_date"),
        handed_over_at=o.opt_dt("handed_over_at"),
        address=address(o.opt_obj("address")),
        allowed_actions=tuple(actions),
    )


def note(o: Obj) -> Note:
    channel = o.opt_str("channel")
    ch: Channel | None = None
    if channel:
        try:
            ch = Channel(channel)
        except ValueError:
            ch = None  # a channel we don't know: shown without one
    return Note(
        id=o.string("id"),
        at=o.dt("at"),
        author=o.text("author"),
        body=o.string("body"),
        visibility=o.enum("visibility", Visibility),
        channel=ch,
    )


def case(o: Obj) -> Case:
    sys = SystemKind.CASES
    return Case(
        ref=SystemRef(sys, o.string("id")),
        subject=o.text("subject"),
        status=o.string("status"),
        channel=o.enum("channel", Channel),
        opened_at=o.dt("opened_at"),
        customer=stub(sys, o.obj("customer")),
        notes=tuple(note(n) for n in o.objects("notes", True)),
        team=o.text("team"),
        assignee=o.text("assignee"),
        order_number=o.opt_str("order_number"),
        updated_at=o.opt_dt("updated_at"),
    )


def return_receipt(o: Obj) -> ReturnReceipt:
    lines = tuple((x.string("line_id"), x.integer("quantity")) for x in o.objects("lines"))
    return ReturnReceipt(
        id=o.string("id"),
        order_number=o.string("order_number"),
        lines=lines,
        resolution=o.string("resolution"),
        store_id=o.opt_str("store_id"),
        created_at=o.dt("created_at"),
        exchange_order=o.opt_str("exchange_order"),
    )
