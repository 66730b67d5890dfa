"""The customer's story as plain typed data, whatever system it came from.

Every record carries a `SystemRef` (which system, which id in that system) because the five
systems are silos with their own id spaces; linking them into one person is the lookup
service's work, not theirs.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar

from console.domain.money import Money


class SystemKind(enum.StrEnum):
    DIRECTORY = "directory"
    ORDERS = "orders"
    PAYMENTS = "payments"
    DELIVERY = "delivery"
    CASES = "cases"


@dataclass(frozen=True, slots=True)
class SystemRef:
    system: SystemKind
    id: str

    def __str__(self) -> str:
        return f"{self.system.value}:{self.id}"


@dataclass(frozen=True, slots=True)
class Address:
    name: str
    line1: str
    postal_code: str
    city: str
    country: str  # ISO 3166-1 alpha-2
    line2: str = ""


@dataclass(frozen=True, slots=True)
class Store:
    id: str  # e.g. "012"
    name: str  # e.g. "Store 012 Riverside"
    kind: str = "flagship"  # flagship | express (partner kiosk)


@dataclass(frozen=True, slots=True)
class CustomerStub:
    """A system's own, often partial, idea of who a record belongs to."""

    ref: SystemRef
    name: str = ""
    email: str | None = None
    phone: str | None = None  # as that system stored it: messy, maybe without country code


# ---- directory / CRM -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CustomerProfile:
    ref: SystemRef
    name: str
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    tier: str = ""
    language: str = ""
    preferred_channel: str = ""
    flags: tuple[str, ...] = ()  # "vip", "fraud_watch"
    external_ids: tuple[SystemRef, ...] = ()  # ids this CRM holds for the other systems
    address: Address | None = None
    created_at: datetime | None = None


# ---- orders ----------------------------------------------------------------------------------


class Channel(enum.StrEnum):
    WEB = "web"
    APP = "app"
    STORE = "store"
    KIOSK = "kiosk"  # partner express kiosk, its own POS
    PHONE = "phone"
    EMAIL = "email"
    CHAT = "chat"
    SOCIAL = "social"
    SELF_SERVICE = "self_service"


class OrderStatus(enum.StrEnum):
    OPEN = "open"
    DISPATCHED = "dispatched"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    PARTIALLY_CANCELLED = "partially_cancelled"
    FULFILLED_IN_STORE = "fulfilled_in_store"
    COMPLETED = "completed"  # a store or kiosk sale handed over at the counter
    RETURNED = "returned"
    PARTIALLY_RETURNED = "partially_returned"


class LineStatus(enum.StrEnum):
    OPEN = "open"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    FULFILLED_IN_STORE = "fulfilled_in_store"
    HANDED_OVER = "handed_over"
    RETURNED = "returned"


@dataclass(frozen=True, slots=True)
class OrderLine:
    id: str
    sku: str
    description: str
    quantity: int
    unit_price: Money
    status: LineStatus
    returned_quantity: int = 0
    attributes: tuple[tuple[str, str], ...] = ()  # ("size", "38")

    @property
    def total(self) -> Money:
        return self.unit_price * self.quantity


@dataclass(frozen=True, slots=True)
class Order:
    ref: SystemRef  # id is the order number the customer sees: W-100877, EX-7781-2291 ...
    channel: Channel
    status: OrderStatus
    placed_at: datetime
    total: Money
    lines: tuple[OrderLine, ...]
    customer: CustomerStub
    store: Store | None = None
    shipping: Money | None = None
    payment_refs: tuple[str, ...] = ()
    tracking_numbers: tuple[str, ...] = ()
    receipt: str | None = None
    promised_delivery: date | None = None
    return_window_days: int = 30
    updated_at: datetime | None = None

    @property
    def number(self) -> str:
        return self.ref.id


@dataclass(frozen=True, slots=True)
class StockLevel:
    sku: str
    store: Store
    quantity: int


@dataclass(frozen=True, slots=True)
class ReturnReceipt:
    id: str
    order_number: str
    lines: tuple[tuple[str, int], ...]  # (line id, quantity)
    resolution: str  # "refund" | "exchange"
    store_id: str | None
    created_at: datetime
    exchange_order: str | None = None


# ---- payments --------------------------------------------------------------------------------


class TenderKind(enum.StrEnum):
    CARD = "card"
    GIFT_CARD = "gift_card"
    CASH = "cash"
    STORE_CREDIT = "store_credit"


@dataclass(frozen=True, slots=True)
class Tender:
    id: str
    kind: TenderKind
    amount: Money
    refunded: Money
    brand: str = ""  # "visa", "mastercard"
    last4: str = ""  # never more than the last four digits
    bin: str = ""  # at most the first six digits, when a system gives them

    @property
    def refundable(self) -> Money:
        return self.amount - self.refunded

    @property
    def masked(self) -> str:
        if self.kind is not TenderKind.CARD:
            return self.kind.value.replace("_", " ")
        head = self.bin[:6] if self.bin else ""
        return f"{self.brand.title()} {head}…{self.last4}".replace("  ", " ").strip()


class PaymentStatus(enum.StrEnum):
    AUTHORIZED = "authorized"
    CAPTURED = "captured"
    PARTIALLY_REFUNDED = "partially_refunded"
    REFUNDED = "refunded"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Refund:
    id: str
    amount: Money
    tender_id: str
    created_at: datetime
    reason: str = ""
    staff_id: str = ""
    approved_by: str = ""


@dataclass(frozen=True, slots=True)
class Payment:
    ref: SystemRef
    order_number: str | None
    status: PaymentStatus
    created_at: datetime
    amount: Money
    tenders: tuple[Tender, ...]
    refunds: tuple[Refund, ...]
    customer: CustomerStub

    @property
    def refunded(self) -> Money:
        total = Money.zero(self.amount.currency)
        for r in self.refunds:
            total = total + r.amount
        return total

    @property
    def refundable(self) -> Money:
        return self.amount - self.refunded


@dataclass(frozen=True, slots=True)
class RefundResult:
    payment_id: str
    refunds: tuple[Refund, ...]


# ---- delivery --------------------------------------------------------------------------------


class DeliveryStage(enum.StrEnum):
    """The progress line, in order; EXCEPTION and the end states hang off it."""

    ORDERED = "ordered"
    PACKED = "packed"
    HANDED_TO_CARRIER = "handed_to_carrier"
    IN_TRANSIT = "in_transit"
    OUT_FOR_DELIVERY = "out_for_delivery"
    DELIVERED = "delivered"
    EXCEPTION = "exception"
    INTERCEPTED = "intercepted"
    RETURNED_TO_SENDER = "returned_to_sender"
    READY_FOR_PICKUP = "ready_for_pickup"


PROGRESS_LINE: tuple[DeliveryStage, ...] = (
    DeliveryStage.ORDERED,
    DeliveryStage.PACKED,
    DeliveryStage.HANDED_TO_CARRIER,
    DeliveryStage.IN_TRANSIT,
    DeliveryStage.OUT_FOR_DELIVERY,
    DeliveryStage.DELIVERED,
)


@dataclass(frozen=True, slots=True)
class TrackingEvent:
    at: datetime
    stage: DeliveryStage
    description: str
    location: str = ""


class DeliveryAction(enum.StrEnum):
    REROUTE = "reroute"
    REDIRECT_TO_STORE = "redirect_to_store"
    RESCHEDULE = "reschedule"
    INTERCEPT = "intercept"


@dataclass(frozen=True, slots=True)
class Shipment:
    ref: SystemRef  # id is the tracking number
    carrier: str
    stage: DeliveryStage
    events: tuple[TrackingEvent, ...]  # newest first
    customer: CustomerStub
    order_number: str | None = None
    promised_date: date | None = None
    estimated_date: date | None = None
    handed_over_at: datetime | None = None
    address: Address | None = None
    allowed_actions: tuple[DeliveryAction, ...] = ()  # what the carrier still allows now

    @property
    def tracking_number(self) -> str:
        return self.ref.id


# ---- cases -----------------------------------------------------------------------------------


class Visibility(enum.StrEnum):
    INTERNAL = "internal"
    PUBLIC = "public"


@dataclass(frozen=True, slots=True)
class Note:
    id: str
    at: datetime
    author: str
    body: str
    visibility: Visibility
    channel: Channel | None = None


@dataclass(frozen=True, slots=True)
class Case:
    ref: SystemRef
    subject: str
    status: str  # open | pending | solved | closed
    channel: Channel
    opened_at: datetime
    customer: CustomerStub
    notes: tuple[Note, ...] = ()
    team: str = ""
    assignee: str = ""
    order_number: str | None = None
    updated_at: datetime | None = None


# ---- staff -----------------------------------------------------------------------------------


class Role(enum.StrEnum):
    AGENT = "agent"
    STORE_STAFF = "store_staff"
    SUPERVISOR = "supervisor"


@dataclass(frozen=True, slots=True)
class StaffMember:
    id: str
    name: str
    role: Role
    store_id: str | None = None
    team: str = ""


@dataclass(frozen=True, slots=True)
class SystemHealth:
    system: SystemKind
    ok: bool
    detail: str = ""
    latency_ms: float = 0.0


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    next_cursor: str | None = None


__all__ = [
    "PROGRESS_LINE",
    "Address",
    "Case",
    "Channel",
    "CustomerProfile",
    "CustomerStub",
    "DeliveryAction",
    "DeliveryStage",
    "LineStatus",
    "Money",
    "Note",
    "Order",
    "OrderLine",
    "OrderStatus",
    "Page",
    "Payment",
    "PaymentStatus",
    "Refund",
    "RefundResult",
    "ReturnReceipt",
    "Role",
    "Shipment",
    "StaffMember",
    "StockLevel",
    "Store",
    "SystemHealth",
    "SystemKind",
    "SystemRef",
    "Tender",
    "TenderKind",
    "TrackingEvent",
    "Visibility",
]
