"""The confirmation dialogs: the staff member fills in what the action needs, and the dialog
states exactly what will happen — amounts per tender with currency, lines, the new address or
date — and that it cannot be undone. The policy is asked on every change: Confirm is enabled
only when the action is possible, otherwise the reason is shown in words."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.domain.model import Address, LineStatus, Order, Payment, Shipment, StockLevel
from console.domain.money import Money, MoneyError
from console.domain.policy import (
    ActionRequest,
    AllocationError,
    CancelOrder,
    Decision,
    FulfilInStore,
    InterceptShipment,
    PolicyConfig,
    RedirectToStore,
    RefundScope,
    RerouteShipment,
    RescheduleDelivery,
    ReturnResolution,
    TakeReturn,
    describe,
    plan_refund,
)
from console.ui.widgets import plain_label

Check = Callable[[ActionRequest], Decision]
LimitNote = Callable[[ActionRequest], str]


class InputProblem(ValueError):
    """What the staff member typed cannot make a request yet (shown as the reason)."""


def _words(code: str) -> str:
    return code.replace("_", " ")


def _combo(parent: QWidget, name: str, values: Sequence[str]) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(name)
    for v in values:
        combo.addItem(_words(v), v)
    return combo


def parse_amount(text: str, currency: str) -> Money:
    raw = text.strip().replace(" ", "")
    if raw.count(",") == 1 and "." not in raw:
        raw = raw.replace(",", ".")
    if not raw:
        raise InputProblem("Enter an amount")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise InputProblem(f"{text.strip()!r} is not an amount") from None
    try:
        return Money(value, currency).quantized()
    except (MoneyError, InvalidOperation):
        raise InputProblem(f"{text.strip()!r} is not an amount in {currency}") from None


class ActionDialog(QDialog):
    """Base: a form, the live confirmation text, the reason when not possible, Confirm/Cancel."""

    def __init__(
        self, title: str, check: Check, limit_note: LimitNote | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setModal(True)
        # gone when closed: a hidden dialog kept alive under the window holds Python callbacks
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self._check = check
        self._limit_note = limit_note
        self.request: ActionRequest | None = None
        self.form_host = QWidget(self)
        self.form = QFormLayout(self.form_host)
        self.preview = plain_label("", "Confirmation", self)
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName(self.tr("What will happen"))
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.preview.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.reason = plain_label("", "Refusal", self)
        self.reason.setWordWrap(True)
        self.reason.setAccessibleName(self.tr("Why this cannot be done"))
        self.final_note = plain_label(self.tr("This cannot be undone."), "Muted", self)
        self.buttons = QDialogButtonBox(self)
        self.confirm = self.buttons.addButton(self.tr("Confirm"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm.setAccessibleName(self.tr("Confirm the action"))
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Close without doing anything"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_host)
        layout.addWidget(self.preview)
        layout.addWidget(self.reason)
        layout.addWidget(self.final_note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    # subclasses build the request from their fields
    def build_request(self) -> ActionRequest:
        raise NotImplementedError

    def refresh(self) -> None:
        try:
            request = self.build_request()
        except (InputProblem, AllocationError) as exc:
            self._show(None, str(exc))
            return
        decision = self._check(request)
        self._show(request if decision.allowed else None, "" if decision.allowed else decision.reason)
        confirmation = describe(request)
        lines = [confirmation.title, *confirmation.lines]
        if decision.allowed and self._limit_note is not None:
            note = self._limit_note(request)
            if note:
                lines.append(note)
        self.preview.setText("\n".join(lines))

    def _show(self, request: ActionRequest | None, reason: str) -> None:
        self.request = request
        self.confirm.setEnabled(request is not None)
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))
        if request is None:
            self.preview.setText("")

    def _accept(self) -> None:
        self.refresh()
        if self.request is not None:
            self.accept()


# ---- cancel ------------------------------------------------------------------------------------


def _lines_table(parent: QWidget, name: str, order: Order, *, with_quantity: bool) -> QTableWidget:
    table = QTableWidget(len(order.lines), 4 if with_quantity else 3, parent)
    headers = [parent.tr("Line"), parent.tr("Item"), parent.tr("Status")]
    if with_quantity:
        headers.append(parent.tr("Quantity"))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.verticalHeader().setVisible(False)
    for row, line in enumerate(order.lines):
        check = QTableWidgetItem(line.id)
        check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        check.setCheckState(Qt.CheckState.Unchecked)
        table.setItem(row, 0, check)
        table.setItem(row, 1, QTableWidgetItem(f"{line.sku} · {line.description} · {line.unit_price}"))
        table.setItem(row, 2, QTableWidgetItem(_words(line.status.value)))
        if with_quantity:
            spin = QSpinBox(table)
            left = max(0, line.quantity - line.returned_quantity)
            spin.setRange(1 if left else 0, max(left, 1) if left else 0)
            spin.setValue(left)
            spin.setAccessibleName(parent.tr("Quantity of %1").replace("%1", line.sku))
            table.setCellWidget(row, 3, spin)
    table.resizeColumnsToContents()
    table.setMinimumHeight(60 + 28 * min(len(order.lines), 5))
    return table


def _checked(table: QTableWidget, order: Order) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for row, line in enumerate(order.lines):
        item = table.item(row, 0)
        if item is not None and item.checkState() == Qt.CheckState.Checked:
            spin = table.cellWidget(row, 3)
            qty = spin.value() if isinstance(spin, QSpinBox) else line.quantity
            out.append((line.id, qty))
    return out


class CancelDialog(ActionDialog):
    def __init__(
        self,
        order: Order,
        config: PolicyConfig,
        check: Check,
        parent: QWidget | None = None,
        *,
        lines_only: bool = False,
    ) -> None:
        super().__init__(self.tr("Cancel order %1").replace("%1", order.number), check, None, parent)
        self.order = order
        self.whole = QRadioButton(self.tr("The whole order"), self)
        self.whole.setAccessibleName(self.tr("Cancel the whole order"))
        self.some = QRadioButton(self.tr("Only the lines ticked below (not shipped yet)"), self)
        self.some.setAccessibleName(self.tr("Cancel only some lines"))
        (self.some if lines_only else self.whole).setChecked(True)
        self.lines = _lines_table(self, self.tr("Order lines to cancel"), order, with_quantity=False)
        for row, line in enumerate(order.lines):
            if line.status is LineStatus.OPEN and lines_only:
                item = self.lines.item(row, 0)
                if item is not None:
                    item.setCheckState(Qt.CheckState.Checked)
        self.reason_box = _combo(self, self.tr("Reason for cancelling"), config.cancel_reasons)
        self.form.addRow(self.whole)
        self.form.addRow(self.some)
        self.form.addRow(self.lines)
        self.form.addRow(self.tr("Reason"), self.reason_box)
        for w in (self.whole, self.some):
            w.toggled.connect(self.refresh)
        self.lines.itemChanged.connect(self.refresh)
        self.reason_box.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def build_request(self) -> ActionRequest:
        reason = str(self.reason_box.currentData() or "customer_request")
        if self.whole.isChecked():
            return CancelOrder(self.order.number, None, reason)
        ids = tuple(line_id for line_id, _ in _checked(self.lines, self.order))
        if not ids:
            raise InputProblem(self.tr("Tick at least one line to cancel"))
        return CancelOrder(self.order.number, ids, reason)


# ---- refund ------------------------------------------------------------------------------------


class RefundDialog(ActionDialog):
    def __init__(
        self,
        payment: Payment,
        order: Order | None,
        config: PolicyConfig,
        check: Check,
        limit_note: LimitNote | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("Refund on payment %1").replace("%1", payment.ref.id), check, limit_note, parent
        )
        self.payment, self.order, self.config = payment, order, config
        tenders = ", ".join(f"{t.masked} {t.amount}" for t in payment.tenders)
        left = self.tr("%1 left to refund").replace("%1", str(payment.refundable))
        self.form.addRow(self.tr("Payment"), plain_label(f"{payment.amount} · {tenders} · {left}", "", self))
        self.scope = QComboBox(self)
        self.scope.setAccessibleName(self.tr("What to refund"))
        self.scope.addItem(self.tr("Everything left (%1)").replace("%1", str(payment.refundable)), "full")
        self.scope.addItem(self.tr("An amount"), "partial")
        if order is not None:
            self.scope.addItem(self.tr("Order lines"), "lines")
            if order.shipping is not None and not order.shipping.is_zero():
                self.scope.addItem(self.tr("Shipping (%1)").replace("%1", str(order.shipping)), "shipping")
        self.amount = QLineEdit(self)
        self.amount.setAccessibleName(
            self.tr("Amount to refund in %1").replace("%1", payment.amount.currency)
        )
        self.amount.setPlaceholderText(f"0.00 {payment.amount.currency}")
        self.amount.setMaxLength(20)
        self.lines = (
            _lines_table(self, self.tr("Order lines to refund"), order, with_quantity=True)
            if order is not None
            else None
        )
        self.reason_box = _combo(self, self.tr("Reason code for the refund"), ("", *config.refund_reasons))
        self.reason_box.setItemText(0, self.tr("— choose a reason —"))
        self.store_credit = QCheckBox(self.tr("As store credit instead of the original tenders"), self)
        self.store_credit.setAccessibleName(self.tr("Refund as store credit"))
        self.note = QPlainTextEdit(self)
        self.note.setAccessibleName(self.tr("Note for an approving supervisor"))
        self.note.setPlaceholderText(self.tr("Why (shown to a supervisor if approval is needed)"))
        self.note.setMaximumHeight(70)
        self.note.setTabChangesFocus(True)
        self.form.addRow(self.tr("Refund"), self.scope)
        self.form.addRow(self.tr("Amount"), self.amount)
        if self.lines is not None:
            self.form.addRow(self.lines)
            self.lines.itemChanged.connect(self.refresh)
            for row in range(self.lines.rowCount()):
                spin = self.lines.cellWidget(row, 3)
                if isinstance(spin, QSpinBox):
                    spin.valueChanged.connect(self.refresh)
        self.form.addRow(self.tr("Reason"), self.reason_box)
        self.form.addRow(self.store_credit)
        self.form.addRow(self.tr("Note"), self.note)
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.amount.textChanged.connect(self.refresh)
        self.reason_box.currentIndexChanged.connect(self.refresh)
        self.store_credit.toggled.connect(self.refresh)
        self.note.textChanged.connect(self.refresh)
        self._scope_changed()

    def _scope_changed(self) -> None:
        scope = self.scope.currentData()
        self.amount.setEnabled(scope == "partial")
        if self.lines is not None:
            self.lines.setEnabled(scope == "lines")
        self.refresh()

    def build_request(self) -> ActionRequest:
        scope = RefundScope(str(self.scope.currentData()))
        amount = None
        lines: list[tuple[str, int]] = []
        if scope is RefundScope.PARTIAL:
            amount = parse_amount(self.amount.text(), self.payment.amount.currency)
        if scope is RefundScope.LINES and self.lines is not None and self.order is not None:
            lines = _checked(self.lines, self.order)
            if not lines:
                raise InputProblem(self.tr("Tick the lines to refund"))
        reason = str(self.reason_box.currentData() or "")
        if not reason:
            raise InputProblem(self.tr("Choose a reason code for the refund"))
        return plan_refund(
            self.payment,
            self.config,
            reason_code=reason,
            scope=scope,
            amount=amount,
            order=self.order,
            lines=lines,
            to_store_credit=self.store_credit.isChecked(),
            note=self.note.toPlainText().strip()[:1000],
        )


# ---- delivery ----------------------------------------------------------------------------------


class DeliveryDialog(ActionDialog):
    """Reroute to a corrected address, redirect to pick-up at a store, reschedule, or intercept.
    Modes the carrier no longer allows are disabled with the carrier's reason."""

    MODES = ("reroute", "redirect", "reschedule", "intercept")

    def __init__(
        self,
        shipment: Shipment,
        stores: Sequence[tuple[str, str]],
        today: date,
        check: Check,
        unavailable: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("Change delivery of parcel %1").replace("%1", shipment.tracking_number),
            check,
            None,
            parent,
        )
        self.shipment = shipment
        self.mode = QComboBox(self)
        self.mode.setAccessibleName(self.tr("What to change"))
        labels = {
            "reroute": self.tr("Deliver to a corrected address"),
            "redirect": self.tr("Redirect to pick-up at a store"),
            "reschedule": self.tr("Deliver on a new date"),
            "intercept": self.tr("Intercept (back to the warehouse)"),
        }
        for m in self.MODES:
            text = labels[m] + (f" — {unavailable[m]}" if m in unavailable else "")
            self.mode.addItem(text, m)
        self.pages = QStackedWidget(self)
        a = shipment.address or Address("", "", "", "", "")
        address_page = QWidget(self)
        af = QFormLayout(address_page)
        self.fields: dict[str, QLineEdit] = {}
        for key, label, value in (
            ("name", self.tr("Name"), a.name),
            ("line1", self.tr("Street and number"), a.line1),
            ("line2", self.tr("Address line 2"), a.line2),
            ("postal_code", self.tr("Postal code"), a.postal_code),
            ("city", self.tr("City"), a.city),
            ("country", self.tr("Country (2 letters)"), a.country),
        ):
            edit = QLineEdit(value, address_page)
            edit.setAccessibleName(label)
            edit.setMaxLength(120)
            edit.textChanged.connect(self.refresh)
            af.addRow(label, edit)
            self.fields[key] = edit
        self.store_box = QComboBox(self)
        self.store_box.setAccessibleName(self.tr("Pick-up store"))
        for store_id, name in stores:
            self.store_box.addItem(name, store_id)
        self.store_box.currentIndexChanged.connect(self.refresh)
        self.date = QDateEdit(self)
        self.date.setAccessibleName(self.tr("New delivery date"))
        self.date.setCalendarPopup(True)
        self.date.setDate(QDate(today.year, today.month, today.day).addDays(2))
        self.date.dateChanged.connect(self.refresh)
        intercept_page = plain_label(
            self.tr("The carrier returns the parcel to the warehouse."), "Muted", self
        )
        for page in (address_page, self.store_box, self.date, intercept_page):
            self.pages.addWidget(page)
        self.form.addRow(self.tr("Change"), self.mode)
        self.form.addRow(self.pages)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        first = next((i for i, m in enumerate(self.MODES) if m not in unavailable), 0)
        self.mode.setCurrentIndex(first)
        self._mode_changed()

    def _mode_changed(self) -> None:
        self.pages.setCurrentIndex(max(0, self.mode.currentIndex()))
        self.refresh()

    def build_request(self) -> ActionRequest:
        mode = str(self.mode.currentData())
        t = self.shipment.tracking_number
        if mode == "reroute":
            f = {k: e.text().strip() for k, e in self.fields.items()}
            return RerouteShipment(
                t,
                Address(
                    f["name"],
                    f["line1"],
                    f["postal_code"].upper(),
                    f["city"],
                    f["country"].upper(),
                    f["line2"],
                ),
            )
        if mode == "redirect":
            store_id = self.store_box.currentData()
            if not store_id:
                raise InputProblem(self.tr("Choose a store"))
            return RedirectToStore(t, str(store_id))
        if mode == "reschedule":
            d = self.date.date()
            return RescheduleDelivery(t, date(d.year(), d.month(), d.day()))
        return InterceptShipment(t)


# ---- fulfil in store (S1) ------------------------------------------------------------------------


class FulfilDialog(ActionDialog):
    def __init__(
        self,
        order: Order,
        store_id: str,
        stock: Sequence[StockLevel],
        check: Check,
        parent: QWidget | None = None,
        *,
        tracking_numbers: Sequence[str] = (),
    ) -> None:
        super().__init__(self.tr("Fulfil order %1 in store").replace("%1", order.number), check, None, parent)
        self.order, self.store_id = order, store_id
        self.tracking_numbers = tuple(tracking_numbers)
        here = {lv.sku: lv.quantity for lv in stock if lv.store.id == store_id}
        stock_text = ", ".join(f"{sku}: {qty}" for sku, qty in sorted(here.items())) or self.tr("unknown")
        self.form.addRow(self.tr("Stock here"), plain_label(stock_text, "", self))
        self.lines = _lines_table(self, self.tr("Items to hand over"), order, with_quantity=False)
        for row, line in enumerate(order.lines):
            item = self.lines.item(row, 0)
            if item is not None and line.status in (LineStatus.OPEN, LineStatus.SHIPPED):
                item.setCheckState(Qt.CheckState.Checked)
        self.lines.itemChanged.connect(self.refresh)
        self.form.addRow(self.lines)
        self.refresh()

    def build_request(self) -> ActionRequest:
        ids = tuple(line_id for line_id, _ in _checked(self.lines, self.order))
        if not ids:
            raise InputProblem(self.tr("Tick the items to hand over"))
        return FulfilInStore(self.order.number, self.store_id, ids, self.tracking_numbers)


# ---- returns (S2) ------------------------------------------------------------------------------


class ReturnDialog(ActionDialog):
    def __init__(
        self,
        order: Order,
        payment: Payment | None,
        store_id: str | None,
        config: PolicyConfig,
        check: Check,
        limit_note: LimitNote | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("Take a return from order %1").replace("%1", order.number), check, limit_note, parent
        )
        self.order, self.payment, self.store_id, self.config = order, payment, store_id, config
        where = order.store.name if order.store else _words(order.channel.value)
        self.form.addRow(
            self.tr("Bought"), plain_label(f"{order.placed_at:%Y-%m-%d} · {where} · {order.total}", "", self)
        )
        self.lines = _lines_table(self, self.tr("Items being returned"), order, with_quantity=True)
        self.lines.itemChanged.connect(self.refresh)
        for row in range(self.lines.rowCount()):
            spin = self.lines.cellWidget(row, 3)
            if isinstance(spin, QSpinBox):
                spin.valueChanged.connect(self.refresh)
        self.reason_box = _combo(self, self.tr("Reason for the return"), ("", *config.return_reasons))
        self.reason_box.setItemText(0, self.tr("— choose a reason —"))
        self.refund = QRadioButton(self.tr("Refund to the original tender"), self)
        self.refund.setAccessibleName(self.tr("Refund to the original tender"))
        self.exchange = QRadioButton(self.tr("Exchange for another item"), self)
        self.exchange.setAccessibleName(self.tr("Exchange for another item"))
        (self.refund if payment is not None else self.exchange).setChecked(True)
        self.refund.setEnabled(payment is not None)
        self.exchange_sku = QLineEdit(order.lines[0].sku if order.lines else "", self)
        self.exchange_sku.setAccessibleName(self.tr("Item to exchange for (SKU)"))
        self.exchange_sku.setMaxLength(40)
        self.form.addRow(self.lines)
        self.form.addRow(self.tr("Reason"), self.reason_box)
        self.form.addRow(self.refund)
        self.form.addRow(self.exchange)
        self.form.addRow(self.tr("Exchange for"), self.exchange_sku)
        if payment is None:
            self.form.addRow(
                plain_label(self.tr("The payment is not loaded: only an exchange is offered."), "Muted", self)
            )
        for w in (self.refund, self.exchange):
            w.toggled.connect(self.refresh)
        self.reason_box.currentIndexChanged.connect(self.refresh)
        self.exchange_sku.textChanged.connect(self.refresh)
        self.refresh()

    def build_request(self) -> ActionRequest:
        lines = tuple(_checked(self.lines, self.order))
        if not lines:
            raise InputProblem(self.tr("Tick the items being returned"))
        reason = str(self.reason_box.currentData() or "")
        if not reason:
            raise InputProblem(self.tr("Choose a reason for the return"))
        self.exchange_sku.setEnabled(self.exchange.isChecked())
        if self.exchange.isChecked():
            return TakeReturn(
                self.order.number,
                lines,
                self.store_id,
                reason,
                resolution=ReturnResolution.EXCHANGE,
                exchange_sku=self.exchange_sku.text().strip() or None,
            )
        assert self.payment is not None
        refund_reason = reason if reason in self.config.refund_reasons else "returned"
        refund = plan_refund(
            self.payment,
            self.config,
            reason_code=refund_reason,
            scope=RefundScope.LINES,
            order=self.order,
            lines=lines,
        )
        return TakeReturn(self.order.number, lines, self.store_id, reason, refund=refund)


__all__ = [
    "ActionDialog",
    "CancelDialog",
    "DeliveryDialog",
    "FulfilDialog",
    "InputProblem",
    "QLabel",
    "RefundDialog",
    "ReturnDialog",
    "parse_amount",
]
