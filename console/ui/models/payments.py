"""Payments with their tenders (cards masked: brand, at most the first six and the last four)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from console.domain.model import Payment, Tender
from console.ui import formats
from console.ui.models.paged import Column, PagedTableModel


def tender_label(tender: Tender) -> str:
    """What a tender is, masked: `Visa …4242`, `gift card`."""
    return tender.masked if tender.masked else formats.words(tender.kind)


def tenders_summary(payment: Payment) -> str:
    return " + ".join(f"{tender_label(t)} {formats.money(t.amount)}" for t in payment.tenders)


class PaymentsModel(PagedTableModel[Payment]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(QCoreApplication.translate("PaymentsModel", "Payment"), lambda p: p.ref.id),
                Column(
                    QCoreApplication.translate("PaymentsModel", "Order"),
                    lambda p: p.order_number or "",
                    fit="EX-7781-2291",
                ),
                Column(
                    QCoreApplication.translate("PaymentsModel", "Status"), lambda p: formats.words(p.status)
                ),
                Column(
                    QCoreApplication.translate("PaymentsModel", "Captured"),
                    lambda p: formats.money(p.amount),
                    key=lambda p: p.amount.amount if p.amount is not None else None,
                    align_right=True,
                ),
                Column(
                    QCoreApplication.translate("PaymentsModel", "Refunded"),
                    lambda p: formats.money(p.refunded) if p.refunds else "",
                    key=lambda p: p.refunded.amount if p.refunds else None,
                    align_right=True,
                ),
                Column(
                    QCoreApplication.translate("PaymentsModel", "Date"),
                    lambda p: formats.when(p.created_at),
                    key=lambda p: p.created_at,
                    fit=formats.when_fit(),
                ),
                Column(QCoreApplication.translate("PaymentsModel", "Tenders"), tenders_summary),
            ],
            parent,
        )

    def set_payments(self, payments: Sequence[Payment]) -> None:
        self.set_items(sorted(payments, key=lambda p: p.created_at, reverse=True))


class TendersModel(PagedTableModel[Tender]):
    """The tenders of one payment: how it was split, what each has left to refund."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("PaymentsModel", "Tender"),
                    tender_label,
                    tooltip=tender_label,
                    fit="Mastercard 555555…4444",
                ),
                Column(QCoreApplication.translate("PaymentsModel", "Kind"), lambda t: formats.words(t.kind)),
                Column(
                    QCoreApplication.translate("PaymentsModel", "Amount"),
                    lambda t: formats.money(t.amount),
                    key=lambda t: t.amount.amount if t.amount is not None else None,
                    align_right=True,
                ),
                Column(
                    QCoreApplication.translate("PaymentsModel", "Refunded"),
                    lambda t: formats.money(t.refunded),
                    key=lambda t: t.refunded.amount if t.refunded is not None else None,
                    align_right=True,
                ),
                Column(
                    QCoreApplication.translate("PaymentsModel", "Refundable"),
                    lambda t: formats.money(t.refundable),
                    key=lambda t: t.refundable.amount if t.refundable is not None else None,
                    align_right=True,
                ),
            ],
            parent,
        )

    def set_payment(self, payment: Payment | None) -> None:
        self.set_items(payment.tenders if payment else ())
