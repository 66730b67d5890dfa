"""Is an action possible now, and if not, why — in words an agent can read to a customer.

Each `can_*` function looks only at the records it is given (as the pane has them) and the
policy thresholds; the backends enforce the same rules server side.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from console.domain.model import (
    Address,
    Channel,
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
)
from console.domain.money import Money
from console.domain.policy.config import PolicyConfig
from console.domain.policy.decision import ALLOWED, Decision
from console.domain.text import noop, tr, word

_SHIPPED_LINES = frozenset({LineStatus.SHIPPED, LineStatus.DELIVERED})
_IN_CUSTOMER_HANDS = frozenset({LineStatus.DELIVERED, LineStatus.HANDED_OVER, LineStatus.FULFILLED_IN_STORE})
_ONLINE = frozenset({Channel.WEB, Channel.APP})
_PAST_CARRIER = frozenset(
    {
        DeliveryStage.HANDED_TO_CARRIER,
        DeliveryStage.IN_TRANSIT,
        DeliveryStage.OUT_FOR_DELIVERY,
        DeliveryStage.EXCEPTION,
        DeliveryStage.READY_FOR_PICKUP,
    }
)


def hhmm(at: datetime) -> str:
    return at.strftime("%H:%M")


def day(at: date | datetime) -> str:
    return at.strftime("%Y-%m-%d")


def _handed_over(s: Shipment) -> datetime | None:
    if s.handed_over_at is not None:
        return s.handed_over_at
    handed = [ev.at for ev in s.events if ev.stage is DeliveryStage.HANDED_TO_CARRIER]
    return min(handed) if handed else None


def _delivered_at(s: Shipment) -> datetime | None:
    for ev in s.events:
        if ev.stage is DeliveryStage.DELIVERED:
            return ev.at
    return None


def _dispatched_reason(
    order: Order, shipments: Sequence[Shipment], instead: str, sku: str | None = None
) -> str:
    for s in shipments:
        if s.order_number not in (None, order.number):
            continue
        at = _handed_over(s)
        if at is not None:
            return tr("policy", "Handed to %1 at %2 — %3", s.carrier, hhmm(at), instead)
        if s.stage in _PAST_CARRIER:
            return tr("policy", "Already with %1 — %2", s.carrier, instead)
    if sku is not None:
        return tr("policy", "%1 already shipped — %2", sku, instead)
    return tr("policy", "Already dispatched — %1", instead)


def _delivered_reason(order: Order, shipments: Sequence[Shipment], instead: str | None = None) -> str:
    instead = instead if instead is not None else tr("policy", "take a return instead")
    for s in shipments:
        at = _delivered_at(s)
        if at is not None:
            return tr("policy", "Delivered by %1 on %2 — %3", s.carrier, day(at), instead)
    return tr("policy", "Already delivered — %1", instead)


# ---- cancel ----------------------------------------------------------------------------------


def can_cancel(
    order: Order,
    line_ids: Sequence[str] | None = None,
    *,
    shipments: Sequence[Shipment] = (),
) -> Decision:
    """Cancel the whole order (line_ids None) or only some of its lines that have not shipped."""
    st = order.status
    if st is OrderStatus.CANCELLED:
        return Decision.no(tr("policy", "Order %1 is already cancelled", order.number))
    if order.channel not in _ONLINE and st is OrderStatus.COMPLETED:
        return Decision.no(
            tr("policy", "A sale handed over at the counter cannot be cancelled — take a return instead")
        )
    if st is OrderStatus.DELIVERED:
        return Decision.no(_delivered_reason(order, shipments))
    if st is OrderStatus.FULFILLED_IN_STORE:
        return Decision.no(tr("policy", "Already handed over in store — take a return instead"))
    if st in (OrderStatus.RETURNED, OrderStatus.PARTIALLY_RETURNED, OrderStatus.COMPLETED):
        return Decision.no(tr("policy", "Order %1 is %2 — take a return instead", order.number, word(st)))
    by_id = {line.id: line for line in order.lines}
    if line_ids is None:
        live = [line for line in order.lines if line.status is not LineStatus.CANCELLED]
        shipped = [line for line in live if line.status in _SHIPPED_LINES]
        if st is OrderStatus.DISPATCHED or (shipped and len(shipped) == len(live)):
            return Decision.no(
                _dispatched_reason(order, shipments, tr("policy", "reroute or intercept instead"))
            )
        if shipped:
            skus = ", ".join(line.sku for line in shipped)
            return Decision.no(
                tr("policy", "%1 already shipped — cancel only the lines not shipped yet", skus)
            )
        if not live:
            return Decision.no(tr("policy", "Order %1 has nothing left to cancel", order.number))
        return ALLOWED
    if not line_ids:
        return Decision.no(tr("policy", "Choose at least one line to cancel"))
    for line_id in line_ids:
        line = by_id.get(line_id)
        if line is None:
            return Decision.no(tr("policy", "Order %1 has no line %2", order.number, line_id))
        if line.status is LineStatus.CANCELLED:
            return Decision.no(tr("policy", "%1 is already cancelled", line.sku))
        if line.status in _SHIPPED_LINES:
            return Decision.no(
                _dispatched_reason(order, shipments, tr("policy", "reroute or intercept instead"), line.sku)
            )
        if line.status is not LineStatus.OPEN:
            return Decision.no(
                tr(
                    "policy",
                    "%1 is %2 — it cannot be cancelled",
                    line.sku,
                    word(line.status),
                )
            )
    return ALLOWED


# ---- refund ----------------------------------------------------------------------------------


def can_refund(
    payment: Payment,
    amount: Money,
    reason_code: str,
    config: PolicyConfig,
) -> Decision:
    """A refund of `amount` on this payment with this reason code (the limit is separate:
    `permissions.within_refund_limit`)."""
    if not reason_code:
        return Decision.no(tr("policy", "Choose a reason code for the refund"))
    if reason_code not in config.refund_reasons:
        return Decision.no(tr("policy", "Unknown reason code %1", repr(reason_code)))
    if payment.status is PaymentStatus.AUTHORIZED:
        return Decision.no(
            tr("policy", "The payment is only authorised, not captured — cancel the order instead")
        )
    if payment.status is PaymentStatus.FAILED:
        return Decision.no(tr("policy", "The payment failed — there is nothing to refund"))
    if amount.currency != payment.amount.currency:
        return Decision.no(
            tr("policy", "The payment is in %1, not %2", payment.amount.currency, amount.currency)
        )
    if amount.amount <= 0:
        return Decision.no(tr("policy", "Enter an amount above zero"))
    left = payment.refundable
    if left.amount <= 0 or payment.status is PaymentStatus.REFUNDED:
        return Decision.no(tr("policy", "Payment %1 is already refunded in full", payment.ref.id))
    if amount.quantized() > left:
        return Decision.no(tr("policy", "Only %1 is left to refund on this payment", left))
    return ALLOWED


def can_refund_lines(order: Order, lines: Sequence[tuple[str, int]]) -> Decision:
    by_id = {line.id: line for line in order.lines}
    if not lines:
        return Decision.no(tr("policy", "Choose at least one line to refund"))
    for line_id, qty in lines:
        line = by_id.get(line_id)
        if line is None:
            return Decision.no(tr("policy", "Order %1 has no line %2", order.number, line_id))
        if qty <= 0 or qty > line.quantity:
            return Decision.no(tr("policy", "%1: choose a quantity from 1 to %2", line.sku, line.quantity))
    return ALLOWED


def can_refund_shipping(order: Order) -> Decision:
    if order.shipping is None or order.shipping.is_zero():
        return Decision.no(tr("policy", "Order %1 has no shipping charge", order.number))
    return ALLOWED


# ---- delivery --------------------------------------------------------------------------------

_ACTION_WORDS: dict[DeliveryAction, str] = {
    DeliveryAction.REROUTE: noop("policy", "a new address"),
    DeliveryAction.REDIRECT_TO_STORE: noop("policy", "a redirect to a store"),
    DeliveryAction.RESCHEDULE: noop("policy", "a new delivery date"),
    DeliveryAction.INTERCEPT: noop("policy", "an interception"),
}


def _carrier_allows(shipment: Shipment, action: DeliveryAction) -> Decision:
    s = shipment
    if s.stage is DeliveryStage.DELIVERED:
        at = _delivered_at(s)
        when = tr("policy", " on %1", day(at)) if at is not None else ""
        return Decision.no(tr("policy", "Delivered by %1%2 — nothing left to change", s.carrier, when))
    if s.stage is DeliveryStage.INTERCEPTED:
        return Decision.no(
            tr("policy", "Already intercepted — %1 is returning it to the warehouse", s.carrier)
        )
    if s.stage is DeliveryStage.RETURNED_TO_SENDER:
        return Decision.no(tr("policy", "Already returned to the warehouse"))
    if action in s.allowed_actions:
        return ALLOWED
    if s.stage is DeliveryStage.OUT_FOR_DELIVERY:
        return Decision.no(
            tr(
                "policy",
                "Out for delivery with %1 — the carrier no longer accepts %2",
                s.carrier,
                tr("policy", _ACTION_WORDS[action]),
            )
        )
    if s.stage in (DeliveryStage.ORDERED, DeliveryStage.PACKED):
        return Decision.no(
            tr(
                "policy",
                "Not handed to the carrier yet — %1 is not possible; cancel instead",
                tr("policy", _ACTION_WORDS[action]),
            )
        )
    return Decision.no(
        tr(
            "policy",
            "%1 does not allow %2 for this parcel now",
            s.carrier,
            tr("policy", _ACTION_WORDS[action]),
        )
    )


_FIELD_WORDS = {
    "name": noop("policy", "a name"),
    "line1": noop("policy", "a street and number"),
    "line2": noop("policy", "a second line"),
    "postal_code": noop("policy", "a postal code"),
    "city": noop("policy", "a city"),
    "country": noop("policy", "a country"),
}


def validate_address(address: Address, config: PolicyConfig) -> Decision:
    """Complete enough for a carrier: the required fields filled, a known postal-code shape."""
    missing = [f for f in config.address_required if not str(getattr(address, f, "")).strip()]
    if missing:
        words = [tr("policy", _FIELD_WORDS[f]) if f in _FIELD_WORDS else f for f in missing]
        joined = words[0] if len(words) == 1 else ", ".join(words[:-1]) + tr("policy", " and ") + words[-1]
        return Decision.no(tr("policy", "The address needs %1", joined))
    country = address.country.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", country):
        return Decision.no(tr("policy", "%1 is not a two-letter country code", repr(address.country)))
    pattern = config.postal_codes.get(country)
    if pattern is not None and not pattern.fullmatch(address.postal_code.strip().upper()):
        return Decision.no(
            tr("policy", "%1 is not a valid postal code in %2", repr(address.postal_code), country)
        )
    if not any(ch.isdigit() for ch in address.line1):
        return Decision.no(tr("policy", "The street line needs a house number"))
    return ALLOWED


def can_reroute(shipment: Shipment, address: Address | None, config: PolicyConfig) -> Decision:
    d = _carrier_allows(shipment, DeliveryAction.REROUTE)
    if not d.allowed or address is None:
        return d
    return validate_address(address, config)


def can_redirect_to_store(shipment: Shipment, store_id: str | None = None) -> Decision:
    d = _carrier_allows(shipment, DeliveryAction.REDIRECT_TO_STORE)
    if d.allowed and store_id is not None and not store_id.strip():
        return Decision.no(tr("policy", "Choose the store to redirect the parcel to"))
    return d


def can_reschedule(shipment: Shipment, new_date: date | None, today: date, config: PolicyConfig) -> Decision:
    d = _carrier_allows(shipment, DeliveryAction.RESCHEDULE)
    if not d.allowed or new_date is None:
        return d
    if new_date <= today:
        return Decision.no(tr("policy", "The new delivery date must be after today"))
    last = today + timedelta(days=config.reschedule_max_days)
    if new_date > last:
        return Decision.no(
            tr(
                "policy",
                "%1 takes new dates up to %2 days ahead (until %3)",
                shipment.carrier,
                config.reschedule_max_days,
                day(last),
            )
        )
    return ALLOWED


def can_intercept(shipment: Shipment) -> Decision:
    return _carrier_allows(shipment, DeliveryAction.INTERCEPT)


# ---- fulfil in store (S1) --------------------------------------------------------------------


def can_fulfil_in_store(
    order: Order,
    store_id: str,
    line_ids: Sequence[str],
    stock: Sequence[StockLevel],
    *,
    shipments: Sequence[Shipment] = (),
) -> Decision:
    """An open online order, not yet delivered, whose items the store has in stock; its parcels
    must still be interceptable so that the customer does not get the items twice."""
    if order.channel not in _ONLINE:
        return Decision.no(tr("policy", "Only web and app orders can be fulfilled in store"))
    st = order.status
    if st is OrderStatus.CANCELLED:
        return Decision.no(tr("policy", "Order %1 is cancelled", order.number))
    if st is OrderStatus.FULFILLED_IN_STORE:
        return Decision.no(tr("policy", "Order %1 was already handed over in store", order.number))
    if st is OrderStatus.DELIVERED or any(s.stage is DeliveryStage.DELIVERED for s in shipments):
        return Decision.no(_delivered_reason(order, shipments, tr("policy", "nothing to hand over")))
    if st not in (OrderStatus.OPEN, OrderStatus.DISPATCHED, OrderStatus.PARTIALLY_CANCELLED):
        return Decision.no(tr("policy", "Order %1 is %2", order.number, word(st)))
    if not line_ids:
        return Decision.no(tr("policy", "Choose the items to hand over"))
    by_id = {line.id: line for line in order.lines}
    wanted: dict[str, int] = {}
    lines: list[OrderLine] = []
    for line_id in line_ids:
        line = by_id.get(line_id)
        if line is None:
            return Decision.no(tr("policy", "Order %1 has no line %2", order.number, line_id))
        if line.status in (LineStatus.CANCELLED, LineStatus.DELIVERED, LineStatus.FULFILLED_IN_STORE):
            return Decision.no(tr("policy", "%1 is %2", line.sku, word(line.status)))
        wanted[line.sku] = wanted.get(line.sku, 0) + line.quantity
        lines.append(line)
    at_store: dict[str, int] = {}
    store_name = tr("policy", "Store %1", store_id)
    for level in stock:
        if level.store.id == store_id:
            at_store[level.sku] = at_store.get(level.sku, 0) + level.quantity
            store_name = level.store.name
    for sku, qty in wanted.items():
        have = at_store.get(sku, 0)
        if have < qty:
            return Decision.no(
                tr("policy", "%1 has no %2 in stock", store_name, sku)
                if have <= 0
                else tr("policy", "%1 has only %2 of %3 in stock", store_name, have, sku)
            )
    for s in shipments:
        if s.stage in _PAST_CARRIER and DeliveryAction.INTERCEPT not in s.allowed_actions:
            return Decision.no(
                tr(
                    "policy",
                    "%1 can no longer intercept %2 — the customer would get it twice",
                    s.carrier,
                    s.tracking_number,
                )
            )
    return ALLOWED


# ---- returns (S2) ----------------------------------------------------------------------------


def return_window_ends(order: Order, config: PolicyConfig) -> date:
    days = order.return_window_days if order.return_window_days > 0 else config.default_return_window_days
    return (order.placed_at + timedelta(days=days)).date()


def can_take_return(
    order: Order,
    lines: Sequence[tuple[str, int]],
    today: date,
    config: PolicyConfig,
    *,
    resolution: str = "refund",
    exchange_sku: str | None = None,
    reason: str | None = None,
) -> Decision:
    """A purchase from any channel (web, app, store, kiosk), within its return window, of items
    the customer has; refund to the original tender or exchange."""
    if order.status is OrderStatus.CANCELLED:
        return Decision.no(tr("policy", "Order %1 was cancelled — nothing to return", order.number))
    if order.status is OrderStatus.RETURNED:
        return Decision.no(tr("policy", "Order %1 was already returned in full", order.number))
    ends = return_window_ends(order, config)
    if today > ends:
        days = order.return_window_days if order.return_window_days > 0 else config.default_return_window_days
        return Decision.no(
            tr(
                "policy",
                "Bought on %1 — the %2-day return window ended on %3",
                day(order.placed_at),
                days,
                day(ends),
            )
        )
    if resolution not in ("refund", "exchange"):
        return Decision.no(tr("policy", "Choose refund or exchange"))
    if resolution == "exchange" and not (exchange_sku or "").strip():
        return Decision.no(tr("policy", "Choose the item to exchange for"))
    if reason is not None and not reason.strip():
        return Decision.no(tr("policy", "Choose a reason for the return"))
    if reason and config.return_reasons and reason not in config.return_reasons:
        return Decision.no(tr("policy", "Unknown return reason %1", repr(reason)))
    if not lines:
        return Decision.no(tr("policy", "Choose the items being returned"))
    by_id = {line.id: line for line in order.lines}
    for line_id, qty in lines:
        line = by_id.get(line_id)
        if line is None:
            return Decision.no(tr("policy", "Order %1 has no line %2", order.number, line_id))
        if line.status not in _IN_CUSTOMER_HANDS and line.status is not LineStatus.RETURNED:
            return Decision.no(
                tr(
                    "policy",
                    "%1 is %2 — the customer does not have it yet",
                    line.sku,
                    word(line.status),
                )
            )
        left = line.quantity - line.returned_quantity
        if left <= 0:
            return Decision.no(tr("policy", "%1 was already returned", line.sku))
        if qty <= 0 or qty > left:
            return Decision.no(tr("policy", "Only %1 of %2 can still be returned", left, line.sku))
    return ALLOWED
