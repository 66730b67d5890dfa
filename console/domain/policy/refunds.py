"""Refund amounts and their split over the tenders that paid."""

from __future__ import annotations

from collections.abc import Sequence

from console.domain.model import Order, Payment, Tender, TenderKind
from console.domain.money import Money
from console.domain.policy.config import PolicyConfig
from console.domain.policy.requests import RefundPayment, RefundScope, TenderShare


class AllocationError(ValueError):
    """The amount cannot be split over the tenders (more than they have left, wrong currency)."""


def _label(t: Tender) -> str:
    return t.masked if t.kind is TenderKind.CARD else t.kind.value.replace("_", " ")


def allocate_refund(
    payment: Payment,
    amount: Money,
    tender_order: Sequence[TenderKind],
    *,
    to_store_credit: bool = False,
) -> tuple[TenderShare, ...]:
    """Which tender gets how much: tenders in policy order (card before gift card ...), each up
    to what it has left; kinds not named in the order come last, in the payment's order.
    `to_store_credit` issues the whole amount as new store credit instead."""
    if amount.currency != payment.amount.currency:
        raise AllocationError(f"the payment is in {payment.amount.currency}, the refund in {amount.currency}")
    if amount.amount <= 0:
        raise AllocationError("a refund must be more than zero")
    amount = amount.quantized()
    if to_store_credit:
        if amount > payment.refundable:
            raise AllocationError(f"only {payment.refundable} is left to refund on this payment")
        return (TenderShare("", TenderKind.STORE_CREDIT, amount, "store credit"),)
    rank = {kind: i for i, kind in enumerate(tender_order)}
    ordered = sorted(enumerate(payment.tenders), key=lambda it: (rank.get(it[1].kind, len(rank)), it[0]))
    left = amount
    shares: list[TenderShare] = []
    for _, tender in ordered:
        if left.is_zero():
            break
        available = tender.refundable
        if available.amount <= 0:
            continue
        take = left if left <= available else available
        shares.append(TenderShare(tender.id, tender.kind, take.quantized(), _label(tender)))
        left = left - take
    if not left.is_zero():
        have = sum((t.refundable.amount for t in payment.tenders if t.refundable.amount > 0), start=0)
        raise AllocationError(f"only {Money.of(have, amount.currency)} is left to refund on this payment")
    return tuple(shares)


def lines_amount(order: Order, lines: Sequence[tuple[str, int]]) -> Money:
    """What the given lines and quantities cost on the order."""
    by_id = {line.id: line for line in order.lines}
    total = Money.zero(order.total.currency)
    for line_id, qty in lines:
        line = by_id.get(line_id)
        if line is None:
            raise AllocationError(f"order {order.number} has no line {line_id}")
        if qty <= 0 or qty > line.quantity:
            raise AllocationError(f"{line.sku}: quantity {qty} of {line.quantity}")
        total = total + line.unit_price * qty
    return total.quantized()


def plan_refund(
    payment: Payment,
    config: PolicyConfig,
    *,
    reason_code: str,
    scope: RefundScope = RefundScope.PARTIAL,
    amount: Money | None = None,
    order: Order | None = None,
    lines: Sequence[tuple[str, int]] = (),
    to_store_credit: bool = False,
    note: str = "",
) -> RefundPayment:
    """Build a RefundPayment with its amount and tender split, ready for the confirmation.

    FULL: what is left on the payment; PARTIAL: `amount`; LINES: the lines' prices (needs
    `order`); SHIPPING: the order's shipping charge."""
    if scope is RefundScope.FULL:
        value = payment.refundable
    elif scope is RefundScope.PARTIAL:
        if amount is None:
            raise AllocationError("a partial refund needs an amount")
        value = amount
    elif scope is RefundScope.LINES:
        if order is None:
            raise AllocationError("a refund per line needs the order")
        value = lines_amount(order, lines)
    else:
        if order is None or order.shipping is None or order.shipping.is_zero():
            raise AllocationError("this order has no shipping charge to refund")
        value = order.shipping
    value = value.quantized()
    allocation = allocate_refund(payment, value, config.tender_order, to_store_credit=to_store_credit)
    return RefundPayment(
        payment_id=payment.ref.id,
        amount=value,
        reason_code=reason_code,
        scope=scope,
        allocation=allocation,
        to_store_credit=to_store_credit,
        order_number=order.number if order is not None else payment.order_number,
        lines=tuple(lines),
        note=note,
    )
