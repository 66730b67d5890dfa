"""Actions in the pane: buttons where they belong (order, payment, parcel), keyboard shortcuts,
enabled only when the policy says the action is possible now (otherwise the reason in words),
a confirmation dialog, and the action's progress — pending / done / refused / failed-will-retry
/ awaiting approval — in the pane's action list and its timeline. After an action the affected
sections reload."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QWidget

from console.domain.model import (
    DeliveryAction,
    LineStatus,
    Order,
    Payment,
    Shipment,
    StaffMember,
    StockLevel,
    SystemKind,
)
from console.domain.policy import (
    ActionKind,
    ActionRequest,
    CancelOrder,
    Decision,
    FulfilInStore,
    PolicyConfig,
    PolicyContext,
    RefundPayment,
    TakeReturn,
    can_cancel,
    can_fulfil_in_store,
    can_intercept,
    can_redirect_to_store,
    can_refund,
    can_reroute,
    can_reschedule,
    can_take_return,
    describe,
    first_refusal,
    may,
    within_refund_limit,
)
from console.domain.timeline import TimelineEntry, TimelineKind
from console.ui.actions.dialogs import (
    ActionDialog,
    CancelDialog,
    DeliveryDialog,
    FulfilDialog,
    RefundDialog,
    ReturnDialog,
)
from console.ui.tasks import TaskGroup
from console.ui.widgets import plain_label

StockLookup = Callable[[str, str | None], Awaitable[Sequence[StockLevel]]]

SHORTCUTS = {
    "cancel": "Ctrl+Alt+C",
    "refund": "Ctrl+Alt+R",
    "delivery": "Ctrl+Alt+D",
    "fulfil": "Ctrl+Alt+S",
    "return": "Ctrl+Alt+T",
}

_AFFECTS: dict[ActionKind, tuple[SystemKind, ...]] = {
    ActionKind.CANCEL: (SystemKind.ORDERS, SystemKind.PAYMENTS, SystemKind.DELIVERY),
    ActionKind.REFUND: (SystemKind.PAYMENTS, SystemKind.ORDERS),
    ActionKind.REROUTE: (SystemKind.DELIVERY,),
    ActionKind.REDIRECT_TO_STORE: (SystemKind.DELIVERY,),
    ActionKind.RESCHEDULE: (SystemKind.DELIVERY,),
    ActionKind.INTERCEPT: (SystemKind.DELIVERY,),
    ActionKind.FULFIL_IN_STORE: (SystemKind.ORDERS, SystemKind.DELIVERY),
    ActionKind.TAKE_RETURN: (SystemKind.ORDERS, SystemKind.PAYMENTS),
}

_STATE_COLOURS = {
    "pending": "#8a6d00",
    "done": "#1e7a34",
    "refused": "#b3261e",
    "not_allowed": "#b3261e",
    "denied": "#b3261e",
    "failed_will_retry": "#b35c00",
    "awaiting_approval": "#3559b3",
}


_ACTION_ID = Qt.ItemDataRole.UserRole + 1


def _button(parent: QWidget, text: str, name: str, keys: str) -> QPushButton:
    b = QPushButton(text, parent)
    b.setAccessibleName(name)
    b.setToolTip(f"{name} ({keys})")
    return b


class ActionController(QObject):
    """Owns the action buttons of one window's pane and runs what they ask through the
    ActionService (`service.request`, `service.subscribe`, `service.policy`)."""

    actionFinished = Signal(str, str, str)  # action id, state, message
    dialogOpened = Signal(object)  # the ActionDialog, for tests and the accessibility walk

    def __init__(
        self,
        window: Any,
        service: Any,
        staff: StaffMember,
        *,
        stores: Sequence[tuple[str, str]] = (),
        delivery_capabilities: frozenset[DeliveryAction] | None = None,
        delivery_vendor: str = "",
    ) -> None:
        super().__init__(window)
        self.window = window
        self.pane = window.pane
        self.service = service
        self.policy: PolicyConfig = service.policy
        self.staff = staff
        self.stores = list(stores)
        self.capabilities = delivery_capabilities
        self.delivery_vendor = delivery_vendor
        self.dialog: ActionDialog | None = None
        self._tasks = TaskGroup()
        self._meta: dict[str, tuple[ActionRequest, str, Any]] = {}
        self._finished: set[str] = set()
        self._stock: list[StockLevel] = []
        self.reasons: dict[str, str] = {}

        pane = self.pane
        self.cancel_button = _button(
            pane, self.tr("Cancel…"), self.tr("Cancel the order or its lines"), SHORTCUTS["cancel"]
        )
        self.fulfil_button = _button(
            pane,
            self.tr("Fulfil in store…"),
            self.tr("Hand the order over from store stock"),
            SHORTCUTS["fulfil"],
        )
        self.return_button = _button(
            pane, self.tr("Take return…"), self.tr("Take a return of this purchase"), SHORTCUTS["return"]
        )
        self.refund_button = _button(
            pane, self.tr("Refund…"), self.tr("Refund this payment"), SHORTCUTS["refund"]
        )
        self.delivery_button = _button(
            pane,
            self.tr("Change delivery…"),
            self.tr("Reroute, redirect, reschedule or intercept the parcel"),
            SHORTCUTS["delivery"],
        )
        self.buttons = {
            "cancel": self.cancel_button,
            "fulfil": self.fulfil_button,
            "return": self.return_button,
            "refund": self.refund_button,
            "delivery": self.delivery_button,
        }
        self.why = {key: plain_label("", "Muted", pane) for key in ("orders", "payments", "delivery")}
        for label in self.why.values():
            label.setWordWrap(True)
        self._row(
            pane.orders, [self.cancel_button, self.fulfil_button, self.return_button], self.why["orders"]
        )
        self._row(pane.payments, [self.refund_button], self.why["payments"])
        self._row(pane.deliveries, [self.delivery_button], self.why["delivery"])
        self.cancel_button.clicked.connect(self.open_cancel)
        self.fulfil_button.clicked.connect(self.open_fulfil)
        self.return_button.clicked.connect(self.open_return)
        self.refund_button.clicked.connect(self.open_refund)
        self.delivery_button.clicked.connect(self.open_delivery)

        self.list = QListWidget(pane)
        self.list.setAccessibleName(self.tr("Actions and their state"))
        self.list.setMaximumHeight(84)
        self.list.setVisible(False)
        pane.layout().addWidget(self.list)

        for key, keys in SHORTCUTS.items():
            slot = {
                "cancel": self.open_cancel,
                "refund": self.open_refund,
                "delivery": self.open_delivery,
                "fulfil": self.open_fulfil,
                "return": self.open_return,
            }[key]
            window._shortcut(keys, self.buttons[key].accessibleName(), slot)

        for view in (pane.orders.view, pane.payments.view, pane.deliveries.view):
            view.selectionModel().selectionChanged.connect(self.update_enabled)
        pane.sectionPainted.connect(self.update_enabled)
        self._unsubscribe = service.subscribe(self._progress)
        self.update_enabled()

    def _row(self, section: Any, buttons: list[QPushButton], why: QWidget) -> None:
        row = QWidget(section)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        for b in buttons:
            layout.addWidget(b)
        layout.addStretch(1)
        section.body.insertWidget(1, row)
        section.body.insertWidget(2, why)

    # ---- what is selected, and the context the policy judges on ----------------------------

    def _records(self, system: SystemKind, kind: type) -> list[Any]:
        return [r for r in self.pane.data.get(system, ()) if isinstance(r, kind)]

    def selected_order(self) -> Order | None:
        o = self.pane.orders.selected_order()
        return o if isinstance(o, Order) else None

    def selected_payment(self) -> Payment | None:
        view = self.pane.payments.view
        index = view.currentIndex()
        if index.isValid():
            p = self.pane.payments.model.item(index.row())
            if isinstance(p, Payment):
                return p
        order = self.selected_order()
        if order is not None:
            return self.payment_of(order)
        return None

    def payment_of(self, order: Order) -> Payment | None:
        found: list[Payment] = self._records(SystemKind.PAYMENTS, Payment)
        for p in found:
            if p.ref.id in order.payment_refs or p.order_number == order.number:
                return p
        return None

    def selected_shipment(self) -> Shipment | None:
        s = self.pane.deliveries.selected_shipment()
        return s if isinstance(s, Shipment) else None

    def context(self) -> PolicyContext:
        return PolicyContext(
            {o.number: o for o in self._records(SystemKind.ORDERS, Order)},
            {p.ref.id: p for p in self._records(SystemKind.PAYMENTS, Payment)},
            {s.tracking_number: s for s in self._records(SystemKind.DELIVERY, Shipment)},
            tuple(self._stock),
        )

    def _today(self) -> Any:
        now: datetime = self.pane._now()
        return now.date()

    def check(self, request: ActionRequest) -> Decision:
        return self.service.check(request, self.staff, self.context())  # type: ignore[no-any-return]

    def limit_note(self, request: ActionRequest) -> str:
        refund = request if isinstance(request, RefundPayment) else getattr(request, "refund", None)
        if not isinstance(refund, RefundPayment):
            return ""
        d = within_refund_limit(self.policy, self.staff, refund.amount)
        if d.allowed:
            return ""
        return self.tr("Above your refund limit: this goes to a supervisor for approval first (%1).").replace(
            "%1", d.reason
        )

    # ---- enabling ---------------------------------------------------------------------------

    def _decisions(self) -> dict[str, Decision]:
        nothing = Decision.no(self.tr("Open a customer first"))
        order, payment, shipment = self.selected_order(), self.selected_payment(), self.selected_shipment()
        ctx = self.context()
        out: dict[str, Decision] = {}
        if order is None:
            out["cancel"] = out["fulfil"] = out["return"] = Decision.no(self.tr("Select an order"))
        else:
            ships = ctx.shipments_of(order.number)
            whole = can_cancel(order, None, shipments=ships)
            open_lines = tuple(line.id for line in order.lines if line.status is LineStatus.OPEN)
            lines = can_cancel(order, open_lines, shipments=ships) if open_lines else whole
            out["cancel"] = first_refusal(
                may(self.policy, self.staff, ActionKind.CANCEL),
                whole if not whole.allowed and not lines.allowed else Decision.yes(),
            )
            if self.staff.store_id is None:
                fulfil = Decision.no(self.tr("Only store staff at a store can hand over from stock"))
            else:
                ids = tuple(
                    line.id for line in order.lines if line.status in (LineStatus.OPEN, LineStatus.SHIPPED)
                )
                probe = can_fulfil_in_store(order, self.staff.store_id, ids, [], shipments=ships)
                # stock is looked up when the dialog opens: a "no stock" answer here is not final
                fulfil = probe if not probe.allowed and "stock" not in probe.reason else Decision.yes()
            out["fulfil"] = first_refusal(may(self.policy, self.staff, ActionKind.FULFIL_IN_STORE), fulfil)
            left = tuple(
                (line.id, line.quantity - line.returned_quantity)
                for line in order.lines
                if line.quantity - line.returned_quantity > 0
            )
            ret = (
                can_take_return(order, left, self._today(), self.policy)
                if left
                else Decision.no(self.tr("Everything on this order was already returned"))
            )
            out["return"] = first_refusal(may(self.policy, self.staff, ActionKind.TAKE_RETURN), ret)
        if payment is None:
            out["refund"] = Decision.no(self.tr("Select a payment"))
        else:
            reason = self.policy.refund_reasons[0] if self.policy.refund_reasons else "goodwill"
            probe_amount = payment.refundable if payment.refundable.amount > 0 else payment.amount
            out["refund"] = first_refusal(
                may(self.policy, self.staff, ActionKind.REFUND),
                can_refund(payment, probe_amount, reason, self.policy),
            )
        if shipment is None:
            out["delivery"] = Decision.no(self.tr("Select a parcel"))
        else:
            modes = self.delivery_modes(shipment)
            if len(modes) < 4:
                out["delivery"] = Decision.yes()
            else:
                out["delivery"] = Decision.no(modes.get("reroute", "")) if modes else Decision.yes()
        if self.pane.person is None:
            out = dict.fromkeys(out, nothing)
        return out

    def delivery_modes(self, shipment: Shipment) -> dict[str, str]:
        """Modes that are NOT possible, with the reason in words."""
        today = self._today()
        checks: dict[str, tuple[DeliveryAction, Decision]] = {
            "reroute": (DeliveryAction.REROUTE, can_reroute(shipment, None, self.policy)),
            "redirect": (DeliveryAction.REDIRECT_TO_STORE, can_redirect_to_store(shipment)),
            "reschedule": (DeliveryAction.RESCHEDULE, can_reschedule(shipment, None, today, self.policy)),
            "intercept": (DeliveryAction.INTERCEPT, can_intercept(shipment)),
        }
        kinds = {
            "reroute": ActionKind.REROUTE,
            "redirect": ActionKind.REDIRECT_TO_STORE,
            "reschedule": ActionKind.RESCHEDULE,
            "intercept": ActionKind.INTERCEPT,
        }
        out: dict[str, str] = {}
        for mode, (capability, decision) in checks.items():
            if self.capabilities is not None and capability not in self.capabilities:
                vendor = self.delivery_vendor or self.tr("The delivery system")
                out[mode] = self.tr("%1 cannot do this — ask the carrier directly").replace("%1", vendor)
                continue
            d = first_refusal(may(self.policy, self.staff, kinds[mode]), decision)
            if not d.allowed:
                out[mode] = d.reason
        return out

    def update_enabled(self, *_: object) -> None:
        decisions = self._decisions()
        self.reasons = {k: d.reason for k, d in decisions.items() if not d.allowed}
        for key, d in decisions.items():
            b = self.buttons[key]
            b.setEnabled(d.allowed)
            keys = SHORTCUTS[key]
            b.setToolTip(f"{b.accessibleName()} ({keys})" if d.allowed else d.reason)
            b.setAccessibleDescription("" if d.allowed else d.reason)
        groups: dict[str, tuple[str, ...]] = {
            "orders": ("cancel", "fulfil", "return"),
            "payments": ("refund",),
            "delivery": ("delivery",),
        }
        for group, members in groups.items():
            why = [
                f"{self.buttons[k].text().rstrip('…')}: {self.reasons[k]}"
                for k in members
                if k in self.reasons
            ]
            self.why[group].setText(" · ".join(why) if self.pane.person is not None else "")

    # ---- opening a dialog -------------------------------------------------------------------

    def _refused_now(self, key: str) -> bool:
        self.update_enabled()
        if key in self.reasons:
            self.window.statusBar().showMessage(self.reasons[key], 8000)
            return True
        return False

    def _open(self, dialog: ActionDialog) -> ActionDialog:
        self.dialog = dialog
        dialog.accepted.connect(self._confirmed)
        dialog.finished.connect(self._dialog_closed)
        dialog.open()
        self.dialogOpened.emit(dialog)
        return dialog

    def open_cancel(self) -> ActionDialog | None:
        order = self.selected_order()
        if self._refused_now("cancel") or order is None:
            return None
        whole = can_cancel(order, None, shipments=self.context().shipments_of(order.number))
        return self._open(
            CancelDialog(order, self.policy, self.check, self.window, lines_only=not whole.allowed)
        )

    def open_refund(self) -> ActionDialog | None:
        payment = self.selected_payment()
        if self._refused_now("refund") or payment is None:
            return None
        order = next(
            (o for o in self._records(SystemKind.ORDERS, Order) if o.number == payment.order_number), None
        )
        return self._open(RefundDialog(payment, order, self.policy, self.check, self.limit_note, self.window))

    def open_delivery(self) -> ActionDialog | None:
        shipment = self.selected_shipment()
        if self._refused_now("delivery") or shipment is None:
            return None
        stores = self.stores or [(s, s) for s in sorted({lv.store.id for lv in self._stock})]
        return self._open(
            DeliveryDialog(
                shipment, stores, self._today(), self.check, self.delivery_modes(shipment), self.window
            )
        )

    def open_fulfil(self) -> ActionDialog | None:
        order = self.selected_order()
        if self._refused_now("fulfil") or order is None or self.staff.store_id is None:
            return None
        self._tasks.spawn(self._open_fulfil(order, self.staff.store_id))
        return None

    async def _open_fulfil(self, order: Order, store_id: str) -> None:
        lookup: StockLookup | None = getattr(self.pane.orders, "_stock_lookup", None)
        levels: list[StockLevel] = []
        if lookup is not None:
            self.window.statusBar().showMessage(
                self.tr("Checking stock at Store %1…").replace("%1", store_id)
            )
            skus = sorted({line.sku for line in order.lines})
            got = await asyncio.gather(*(lookup(sku, store_id) for sku in skus), return_exceptions=True)
            for g in got:
                if isinstance(g, BaseException):
                    self.window.statusBar().showMessage(
                        self.tr("Stock could not be checked: %1").replace("%1", str(g)), 8000
                    )
                    continue
                levels.extend(g)
        self._stock = levels
        known = {s.tracking_number: s for s in self.context().shipments_of(order.number)}
        live = [
            t
            for t in order.tracking_numbers
            if t not in known or known[t].stage.value not in ("delivered", "intercepted")
        ]
        self._open(FulfilDialog(order, store_id, levels, self.check, self.window, tracking_numbers=live))

    def open_return(self) -> ActionDialog | None:
        order = self.selected_order()
        if self._refused_now("return") or order is None:
            return None
        return self._open(
            ReturnDialog(
                order,
                self.payment_of(order),
                self.staff.store_id,
                self.policy,
                self.check,
                self.limit_note,
                self.window,
            )
        )

    # ---- running it -------------------------------------------------------------------------

    def customer_key(self) -> str:
        person = self.pane.person
        if person is None:
            return ""
        if person.profile is not None:
            return str(person.profile.ref)
        return str(person.id)

    def _dialog_closed(self) -> None:
        """Back to the window, where the agent was, ready for the next key."""
        self.window.activateWindow()

    def _confirmed(self) -> None:
        dialog = self.sender()
        request = dialog.request if isinstance(dialog, ActionDialog) else None
        if request is None:
            return
        self._tasks.spawn(self.run(request))

    async def run(self, request: ActionRequest) -> Any:
        person = self.pane.person
        title = describe(request).title
        item = QListWidgetItem(self.tr("%1 — sending…").replace("%1", title))
        self.list.insertItem(0, item)
        self.list.setVisible(True)
        try:
            handle = await self.service.request(
                request, self.staff, self.customer_key(), context=self.context()
            )
        except Exception as exc:  # the service could not even take it: say so, lose nothing else
            self._set_item(item, "refused", title, str(exc))
            return None
        item.setData(_ACTION_ID, handle.action_id)
        self._meta[handle.action_id] = (request, title, person)
        self._set_item(item, str(handle.state), title, handle.message)
        if handle.final:
            self._finish(handle.action_id, str(handle.state), handle.message)
        return handle

    def _item(self, action_id: str) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(_ACTION_ID) == action_id:
                return item
        return None

    def _set_item(self, item: QListWidgetItem, state: str, title: str, message: str) -> None:
        words = {
            "pending": self.tr("sending…"),
            "done": self.tr("done"),
            "refused": self.tr("refused"),
            "not_allowed": self.tr("not possible"),
            "denied": self.tr("denied by a supervisor"),
            "failed_will_retry": self.tr("not sent yet — will retry"),
            "awaiting_approval": self.tr("waiting for a supervisor's approval"),
        }.get(state, state)
        text = f"{title} — {words}" + (f": {message}" if message and state != "done" else "")
        item.setText(text)
        item.setData(Qt.ItemDataRole.UserRole, state)
        item.setForeground(QColor(_STATE_COLOURS.get(state, "#444444")))
        item.setToolTip(message)

    def _progress(self, ev: Any) -> None:
        item = self._item(ev.action_id)
        if item is None:
            return
        meta = self._meta.get(ev.action_id)
        title = meta[1] if meta else item.text().split(" — ", 1)[0]
        self._set_item(item, ev.state, title, ev.message)
        if ev.state in ("done", "refused", "denied", "not_allowed"):
            self._finish(ev.action_id, ev.state, ev.message)

    def _finish(self, action_id: str, state: str, message: str) -> None:
        if action_id in self._finished or action_id not in self._meta:
            return
        self._finished.add(action_id)
        request, title, person = self._meta[action_id]
        self._after(request, state, title, message, person)
        self.actionFinished.emit(action_id, state, message)

    def _after(self, request: ActionRequest, state: str, title: str, message: str, person: Any) -> None:
        """The timeline shows the action with its result; the affected sections reload."""
        if person is None or self.pane.person is not person:
            return  # the agent moved on to someone else: nothing of theirs is touched
        entry = TimelineEntry(
            self.pane._now(),
            TimelineKind.ACTION,
            None,
            f"{title}: {state.replace('_', ' ')}",
            message if state != "done" else f"by {self.staff.name}",
        )
        self.pane.add_timeline_entry(entry)
        if state == "done":
            systems = set(_AFFECTS.get(request.kind, ()))
            if isinstance(request, TakeReturn | FulfilInStore | CancelOrder):
                systems.add(SystemKind.ORDERS)
            for system in systems:
                self.window.retry_system(system.value)
        self.update_enabled()

    def shutdown(self) -> None:
        self._unsubscribe()
        self._tasks.cancel_all()
