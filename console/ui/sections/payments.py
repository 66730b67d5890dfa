"""Payments section: payments with captured and refunded amounts; the selected one's tenders."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection
from PySide6.QtWidgets import QWidget

from console.domain.model import Payment
from console.ui import formats
from console.ui.models.payments import PaymentsModel, TendersModel, tender_label
from console.ui.sections.base import Section
from console.ui.widgets import plain_label, select_first_row, table_view


class PaymentsSection(Section):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("3 · Payments"), parent)
        self.model = PaymentsModel(self)
        self.tenders_model = TendersModel(self)
        self.view = table_view(self.model, self.tr("Payments"), self)
        self.tenders_caption = plain_label("", "Muted", self)
        self.tenders_caption.setWordWrap(True)
        self.tenders_view = table_view(self.tenders_model, self.tr("Tenders of the selected payment"), self)
        self.body.addWidget(self.view, 3)
        self.body.addWidget(self.tenders_caption)
        self.body.addWidget(self.tenders_view, 2)
        self.view.selectionModel().selectionChanged.connect(self._payment_selected)

    def focus_target(self) -> QWidget:
        return self.view

    def set_payments(self, payments: Sequence[Payment]) -> None:
        self.model.set_payments(payments)
        self.tenders_model.set_payment(None)
        self.tenders_caption.setText("")
        select_first_row(self.view)

    def clear(self) -> None:
        self.set_payments(())

    def _payment_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        payment = self.model.item(rows[0].row()) if rows else None
        self.tenders_model.set_payment(payment)
        if payment is None:
            self.tenders_caption.setText("")
            return
        parts = [self.tr("Tenders of %1").replace("%1", payment.ref.id)]
        if payment.order_number:
            parts.append(self.tr("order %1").replace("%1", payment.order_number))
        for refund in payment.refunds:
            tender = next((t for t in payment.tenders if t.id == refund.tender_id), None)
            to = tender_label(tender) if tender else refund.tender_id
            parts.append(
                self.tr("refunded %1 to %2 on %3")
                .replace("%1", formats.money(refund.amount))
                .replace("%2", to)
                .replace("%3", formats.when(refund.created_at))
            )
        self.tenders_caption.setText(" · ".join(parts))
        select_first_row(self.tenders_view)
