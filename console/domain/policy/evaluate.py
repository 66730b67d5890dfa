"""One entry point over the rules: may this staff member do this request now, given the
records the pane holds? And what exactly will happen (the confirmation's words)?"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from console.domain.model import Order, Payment, Role, Shipment, StaffMember, StockLevel
from console.domain.money import Money
from console.domain.policy.config import PolicyConfig
from console.domain.policy.decision import ALLOWED, Decision
from console.domain.policy.eligibility import (
    can_cancel,
    can_fulfil_in_store,
    can_intercept,
    can_redirect_to_store,
    can_refund,
    can_refund_lines,
    can_refund_shipping,
    can_reroute,
    can_reschedule,
    can_take_return,
    day,
    validate_address,
)
from console.domain.policy.permissions import may
from console.domain.policy.requests import (
    ActionRequest,
    CancelOrder,
    FulfilInStore,
    InterceptShipment,
    RedirectToStore,
    RefundPayment,
    RefundScope,
    RerouteShipment,
    RescheduleDelivery,
    ReturnResolution,
    UpdateCase,
)
from console.domain.text import tr, word


@dataclass(frozen=True, slots=True)
class PolicyContext:
    """The records an action is judged on, keyed by order number / payment id / tracking
    number. A record that is missing (its system is down) is not checked here: the backend
    still enforces the rule when the action is sent."""

    orders: Mapping[str, Order] = field(default_factory=dict)
    payments: Mapping[str, Payment] = field(default_factory=dict)
    shipments: Mapping[str, Shipment] = field(default_factory=dict)
    stock: tuple[StockLevel, ...] = ()

    def shipments_of(self, order_number: str) -> tuple[Shipment, ...]:
        return tuple(s for s in self.shipments.values() if s.order_number == order_number)


@dataclass(frozen=True, slots=True)
class ContextNeeds:
    """Which records `evaluate` wants for a request (the service fetches what the UI did not give)."""

    order_numbers: tuple[str, ...] = ()
    payment_ids: tuple[str, ...] = ()
    tracking_numbers: tuple[str, ...] = ()
    stock_for_order: str | None = None  # the skus of this order's lines, at `stock_store`
    stock_store: str | None = None


def needs(request: ActionRequest) -> ContextNeeds:
    if isinstance(request, UpdateCase):
        return ContextNeeds()
    if isinstance(request, CancelOrder):
        return ContextNeeds(order_numbers=(request.order_number,))
    if isinstance(request, RefundPayment):
        orders = (
            (request.order_number,)
            if request.order_number
            and request.scope
            in (
                RefundScope.LINES,
                RefundScope.SHIPPING,
            )
            else ()
        )
        return ContextNeeds(order_numbers=orders, payment_ids=(request.payment_id,))
    if isinstance(request, RerouteShipment | RedirectToStore | RescheduleDelivery | InterceptShipment):
        return ContextNeeds(tracking_numbers=(request.tracking_number,))
    if isinstance(request, FulfilInStore):
        return ContextNeeds(
            order_numbers=(request.order_number,),
            tracking_numbers=request.tracking_numbers,
            stock_for_order=request.order_number,
            stock_store=request.store_id,
        )
    refund = request.refund
    return ContextNeeds(
        order_numbers=(request.order_number,),
        payment_ids=(refund.payment_id,) if refund is not None else (),
    )


def _check_refund(r: RefundPayment, ctx: PolicyContext, config: PolicyConfig) -> Decision:
    if not r.reason_code:
        return Decision.no(tr("policy", "Choose a reason code for the refund"))
    if r.reason_code not in config.refund_reasons:
        return Decision.no(tr("policy", "Unknown reason code %1", repr(r.reason_code)))
    if r.allocation is not None:
        total = Money.zero(r.amount.currency)
        for share in r.allocation:
            if share.amount.currency != r.amount.currency:
                return Decision.no(tr("policy", "The split over the tenders mixes currencies"))
            total = total + share.amount
        if total.quantized() != r.amount.quantized():
            return Decision.no(
                tr("policy", "The split over the tenders adds up to %1, not %2", total, r.amount)
            )
    payment = ctx.payments.get(r.payment_id)
    if payment is not None:
        d = can_refund(payment, r.amount, r.reason_code, config)
        if not d.allowed:
            return d
        if r.allocation is not None and not r.to_store_credit:
            left = {t.id: t.refundable for t in payment.tenders}
            for share in r.allocation:
                have = left.get(share.tender_id)
                if have is None:
                    return Decision.no(
                        tr("policy", "Payment %1 has no tender %2", payment.ref.id, share.tender_id)
                    )
                if share.amount > have:
                    return Decision.no(
                        tr("policy", "Only %1 is left on the %2", have, share.label or share.kind.value)
                    )
    order = ctx.orders.get(r.order_number or "")
    if order is not None:
        if r.scope is RefundScope.LINES:
            return can_refund_lines(order, r.lines)
        if r.scope is RefundScope.SHIPPING:
            return can_refund_shipping(order)
    return ALLOWED


def evaluate(
    request: ActionRequest,
    staff: StaffMember,
    ctx: PolicyContext,
    config: PolicyConfig,
    now: datetime,
) -> Decision:
    """Permission first, then the rule for the action on the records in `ctx`. The refund
    limit is not part of this: above it the refund becomes an approval request
    (`permissions.within_refund_limit`)."""
    d = may(config, staff, request.kind)
    if not d.allowed:
        return d
    today = now.date()
    if isinstance(request, UpdateCase):
        if not request.note.strip():
            return Decision.no(tr("policy", "Write the note for the case"))
        if not request.team.strip():
            return Decision.no(tr("policy", "Choose the team taking over the case"))
        return ALLOWED
    if isinstance(request, CancelOrder):
        order = ctx.orders.get(request.order_number)
        if order is None:
            return ALLOWED
        return can_cancel(order, request.line_ids, shipments=ctx.shipments_of(order.number))
    if isinstance(request, RefundPayment):
        return _check_refund(request, ctx, config)
    if isinstance(request, RerouteShipment | RedirectToStore | RescheduleDelivery | InterceptShipment):
        shipment = ctx.shipments.get(request.tracking_number)
        if isinstance(request, RerouteShipment):
            if shipment is None:
                return validate_address(request.address, config)
            return can_reroute(shipment, request.address, config)
        if shipment is None:
            return ALLOWED
        if isinstance(request, RedirectToStore):
            return can_redirect_to_store(shipment, request.store_id)
        if isinstance(request, RescheduleDelivery):
            return can_reschedule(shipment, request.new_date, today, config)
        return can_intercept(shipment)
    if isinstance(request, FulfilInStore):
        if staff.role is Role.STORE_STAFF and staff.store_id != request.store_id:
            return Decision.no(
                tr("policy", "You work in Store %1, not Store %2", staff.store_id, request.store_id)
            )
        order = ctx.orders.get(request.order_number)
        if order is None:
            return ALLOWED
        shipments = tuple(ctx.shipments.values()) or ctx.shipments_of(order.number)
        return can_fulfil_in_store(order, request.store_id, request.line_ids, ctx.stock, shipments=shipments)
    order = ctx.orders.get(request.order_number)
    if order is not None:
        d = can_take_return(
            order,
            request.lines,
            today,
            config,
            resolution=request.resolution.value,
            exchange_sku=request.exchange_sku,
            reason=request.reason,
        )
        if not d.allowed:
            return d
    if request.resolution is ReturnResolution.REFUND:
        if request.refund is None:
            return Decision.no(tr("policy", "A return with a refund needs the payment to refund"))
        return _check_refund(request.refund, ctx, config)
    return ALLOWED


# ---- the confirmation ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Confirmation:
    """What the confirmation dialog states: a title, one line per effect, the money moved."""

    title: str
    lines: tuple[str, ...]
    amount: Money | None = None
    irreversible: bool = True


def _refund_lines(r: RefundPayment) -> list[str]:
    out = [
        tr(
            "policy",
            "Refund %1 on payment %2 (reason: %3)",
            r.amount,
            r.payment_id,
            r.reason_code.replace("_", " "),
        )
    ]
    if r.to_store_credit:
        out.append(tr("policy", "  %1 as store credit", r.amount))
    elif r.allocation is None:
        out.append(tr("policy", "  to the original tenders in policy order"))
    else:
        out.extend(tr("policy", "  %1 to %2", s.amount, s.label or word(s.kind)) for s in r.allocation)
    return out


def describe(request: ActionRequest) -> Confirmation:
    """Exactly what will happen, in words (amounts per tender with currency, lines, address,
    date), for the confirmation dialog."""
    r = request
    if isinstance(r, UpdateCase):
        to = r.team + (f" ({r.assignee})" if r.assignee else "")
        return Confirmation(
            tr("policy", "Hand case %1 to %2", r.case_id, to),
            (
                tr("policy", "Add an internal note to case %1", r.case_id),
                tr("policy", "Reassign the case to %1", to),
            ),
        )
    if isinstance(r, CancelOrder):
        what = (
            tr("policy", "the whole order")
            if r.line_ids is None
            else tr("policy", "lines %1", ", ".join(r.line_ids))
        )
        return Confirmation(
            tr("policy", "Cancel order %1", r.order_number),
            (tr("policy", "Cancel %1", what), tr("policy", "Reason: %1", r.reason.replace("_", " "))),
        )
    if isinstance(r, RefundPayment):
        return Confirmation(tr("policy", "Refund %1", r.amount), tuple(_refund_lines(r)), r.amount)
    if isinstance(r, RerouteShipment):
        a = r.address
        addr = ", ".join(
            p for p in (a.name, a.line1, a.line2, f"{a.postal_code} {a.city}", a.country) if p.strip()
        )
        return Confirmation(
            tr("policy", "Reroute parcel %1", r.tracking_number), (tr("policy", "Deliver to: %1", addr),)
        )
    if isinstance(r, RedirectToStore):
        return Confirmation(
            tr("policy", "Redirect parcel %1", r.tracking_number),
            (tr("policy", "Redirect to pick-up at Store %1", r.store_id),),
        )
    if isinstance(r, RescheduleDelivery):
        return Confirmation(
            tr("policy", "Reschedule parcel %1", r.tracking_number),
            (tr("policy", "New delivery date: %1", day(r.new_date)),),
        )
    if isinstance(r, InterceptShipment):
        return Confirmation(
            tr("policy", "Intercept parcel %1", r.tracking_number),
            (tr("policy", "The carrier returns the parcel to the warehouse"),),
        )
    if isinstance(r, FulfilInStore):
        lines = [
            tr(
                "policy",
                "Hand over lines %1 of order %2 from Store %3 stock",
                ", ".join(r.line_ids),
                r.order_number,
                r.store_id,
            ),
            tr("policy", "Mark the order fulfilled in store; the store's stock goes down"),
        ]
        lines.extend(
            tr("policy", "Intercept parcel %1 (back to the warehouse)", t) for t in r.tracking_numbers
        )
        lines.append(tr("policy", "No new charge: the order is already paid"))
        return Confirmation(tr("policy", "Fulfil order %1 in store", r.order_number), tuple(lines))
    items = ", ".join(f"{qty} × line {line_id}" for line_id, qty in r.lines)
    lines = [
        tr("policy", "Take back %1 of order %2", items, r.order_number)
        + (tr("policy", " at Store %1", r.store_id) if r.store_id else "")
    ]
    lines.append(tr("policy", "Reason: %1", r.reason.replace("_", " ")))
    if r.resolution is ReturnResolution.EXCHANGE:
        lines.append(tr("policy", "Exchange for %1", r.exchange_sku))
        return Confirmation(tr("policy", "Return from order %1", r.order_number), tuple(lines))
    if r.refund is not None:
        lines.extend(_refund_lines(r.refund))
    return Confirmation(
        tr("policy", "Return from order %1", r.order_number),
        tuple(lines),
        r.refund.amount if r.refund else None,
    )
