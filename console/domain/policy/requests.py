"""What the staff member asks for: one frozen dataclass per action, plain data.

The UI builds these (the helpers in `refunds.py` compute amounts and tender splits), shows
`describe(request)` in the confirmation, and hands the request to `ActionService.request`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from console.domain.model import Address, TenderKind
from console.domain.money import Money
from console.domain.policy.config import ActionKind


class RefundScope(enum.StrEnum):
    FULL = "full"  # everything still refundable on the payment
    PARTIAL = "partial"  # an amount typed by the staff member
    LINES = "lines"  # order lines and quantities
    SHIPPING = "shipping"  # the order's shipping charge


class ReturnResolution(enum.StrEnum):
    REFUND = "refund"
    EXCHANGE = "exchange"


@dataclass(frozen=True, slots=True)
class TenderShare:
    """How much of a refund goes back to one tender. `tender_id` is "" for new store credit."""

    tender_id: str
    kind: TenderKind
    amount: Money
    label: str = ""  # "Visa 411111…4242", "gift card", "store credit"


@dataclass(frozen=True, slots=True)
class CancelOrder:
    kind: ClassVar[ActionKind] = ActionKind.CANCEL
    order_number: str
    line_ids: tuple[str, ...] | None = None  # None = the whole order
    reason: str = "customer_request"


@dataclass(frozen=True, slots=True)
class RefundPayment:
    kind: ClassVar[ActionKind] = ActionKind.REFUND
    payment_id: str
    amount: Money
    reason_code: str
    scope: RefundScope = RefundScope.PARTIAL
    # The split over the payment's tenders (policy order) or one store-credit share. None: the
    # service computes it from the payment before writing the outbox entry.
    allocation: tuple[TenderShare, ...] | None = None
    to_store_credit: bool = False
    order_number: str | None = None
    lines: tuple[tuple[str, int], ...] = ()  # (line id, quantity) for scope LINES
    note: str = ""  # the requester's words, shown to an approving supervisor


@dataclass(frozen=True, slots=True)
class RerouteShipment:
    kind: ClassVar[ActionKind] = ActionKind.REROUTE
    tracking_number: str
    address: Address


@dataclass(frozen=True, slots=True)
class RedirectToStore:
    kind: ClassVar[ActionKind] = ActionKind.REDIRECT_TO_STORE
    tracking_number: str
    store_id: str


@dataclass(frozen=True, slots=True)
class RescheduleDelivery:
    kind: ClassVar[ActionKind] = ActionKind.RESCHEDULE
    tracking_number: str
    new_date: date


@dataclass(frozen=True, slots=True)
class InterceptShipment:
    kind: ClassVar[ActionKind] = ActionKind.INTERCEPT
    tracking_number: str
    reason: str = "customer_request"


@dataclass(frozen=True, slots=True)
class FulfilInStore:
    """S1: hand the items over from store stock; the parcels are intercepted; no new charge."""

    kind: ClassVar[ActionKind] = ActionKind.FULFIL_IN_STORE
    order_number: str
    store_id: str
    line_ids: tuple[str, ...]
    tracking_numbers: tuple[str, ...] = ()  # parcels to intercept (the order's, not yet delivered)


@dataclass(frozen=True, slots=True)
class TakeReturn:
    """S2: take items back from any channel's sale; refund to the original tender or exchange."""

    kind: ClassVar[ActionKind] = ActionKind.TAKE_RETURN
    order_number: str
    lines: tuple[tuple[str, int], ...]  # (line id, quantity)
    store_id: str | None
    reason: str
    resolution: ReturnResolution = ReturnResolution.REFUND
    exchange_sku: str | None = None
    # For a refund: the payment and the refund (amount + split) — see refunds.plan_return_refund.
    refund: RefundPayment | None = None


@dataclass(frozen=True, slots=True)
class UpdateCase:
    """A handoff's part in the cases system: an internal note on the case, and the case
    reassigned to the team (and agent) taking over."""

    kind: ClassVar[ActionKind] = ActionKind.UPDATE_CASE
    case_id: str
    note: str
    team: str
    assignee: str | None = None


ActionRequest = (
    CancelOrder
    | RefundPayment
    | RerouteShipment
    | RedirectToStore
    | RescheduleDelivery
    | InterceptShipment
    | FulfilInStore
    | TakeReturn
    | UpdateCase
)
