"""Every action end to end through the real window: keyboard shortcut -> confirmation dialog ->
ActionService -> outbox in a real SQLite store -> the demo backends (ledger) -> the pane reloads
and the timeline shows the action. Includes S1 (fulfil in store) and S2 (the kiosk sale returned
at Store 031), and refusals shown in words."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from console.connectors.registry import build_rest_connectors
from console.demo.server import DemoBackends
from console.domain.model import Role, StaffMember
from console.services.actions import ActionService
from console.services.lookup import LookupService
from console.store import open_store
from console.ui.actions.controller import ActionController
from console.ui.actions.dialogs import (
    CancelDialog,
    DeliveryDialog,
    FulfilDialog,
    RefundDialog,
    ReturnDialog,
)
from console.ui.main_window import MainWindow
from tests.actions.harness import StaffConnectors
from tests.demo_fixtures import DEMO_NOW
from tests.gui.helpers import all_texts, search_and_wait

pytestmark = [pytest.mark.e2e, pytest.mark.gui]

STAFF = {
    "agent-ana": StaffMember("agent-ana", "Ana Berg", Role.AGENT),
    "store-012-sara": StaffMember("store-012-sara", "Sara Lind", Role.STORE_STAFF, store_id="012"),
    "store-031-omar": StaffMember("store-031-omar", "Omar Haddad", Role.STORE_STAFF, store_id="031"),
}
CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


class ActingConsole:
    def __init__(self, qtbot: Any, demo: DemoBackends, staff_id: str, db: Path) -> None:
        self.qtbot, self.demo = qtbot, demo
        self.staff = STAFF[staff_id]
        self.connectors = build_rest_connectors(demo.base_url, lambda: f"demo.{staff_id}", timeout_s=2.0)
        self.lookup = LookupService(self.connectors, None, clock=lambda: DEMO_NOW, timeout_s=3.0)
        self.window = MainWindow(
            self.lookup, staff_name=self.staff.name, theme="light", clock=lambda: DEMO_NOW
        )
        qtbot.addWidget(self.window)
        self.window.show()
        qtbot.waitExposed(self.window)
        self.window.activateWindow()
        qtbot.waitUntil(self.window.isActiveWindow, timeout=2000)
        opening = asyncio.ensure_future(open_store(f"sqlite+aiosqlite:///{db}"))
        qtbot.waitUntil(opening.done, timeout=5000)
        self.store = opening.result()
        self.acting = StaffConnectors(demo.base_url, timeout_s=2.0)
        self.service = ActionService(
            self.store,
            self.acting,
            clock=lambda: DEMO_NOW,
            backoff_base_s=0.05,
            backoff_cap_s=0.2,
            poll_s=0.05,
        )
        self.service.start()
        self.actions = ActionController(
            self.window,
            self.service,
            self.staff,
            stores=[("012", "Store 012 Riverside"), ("031", "Store 031 Harbour")],
        )

    def press(self, key: Qt.Key) -> None:
        self.qtbot.waitUntil(self.window.isActiveWindow, timeout=2000)
        self.qtbot.keyClick(self.window, key, CTRL_ALT)

    def wait_dialog(self, kind: type) -> Any:
        self.qtbot.waitUntil(lambda: isinstance(self.actions.dialog, kind), timeout=5000)
        return self.actions.dialog

    def confirm_and_wait(self, dialog: Any, state: str = "done") -> None:
        assert dialog.confirm.isEnabled(), dialog.reason.text()
        with self.qtbot.waitSignal(self.actions.actionFinished, timeout=10000) as sig:
            dialog.confirm.click()
        assert sig.args[1] == state, sig.args

    def states(self) -> list[str]:
        lst = self.actions.list
        return [lst.item(i).data(Qt.ItemDataRole.UserRole) for i in range(lst.count())]

    def ledger(self, system: str, op: str) -> list[dict[str, Any]]:
        return [e for e in self.demo.ledger(system) if e.get("op") == op]

    def close(self) -> None:
        self.actions.shutdown()
        try:
            self.window.close()
        except RuntimeError:  # pytest-qt already closed and deleted it
            pass
        done = asyncio.ensure_future(self._aclose())
        self.qtbot.waitUntil(done.done, timeout=5000)

    async def _aclose(self) -> None:
        await self.service.aclose()
        await self.acting.aclose()
        await self.connectors.aclose()
        await self.store.close()


@pytest.fixture
def demo() -> Iterator[DemoBackends]:
    with DemoBackends(seed=5, scale=40, now=DEMO_NOW) as d:
        yield d


@pytest.fixture
def make(qtbot: Any, qasync_loop: Any, demo: DemoBackends, tmp_path: Path) -> Iterator[Any]:
    made: list[ActingConsole] = []

    def factory(staff_id: str) -> ActingConsole:
        c = ActingConsole(qtbot, demo, staff_id, tmp_path / "store.db")
        made.append(c)
        return c

    yield factory
    for c in made:
        c.close()


def test_s1_store_staff_fulfils_the_online_order_from_store_stock(make: Any, qtbot: Any) -> None:
    c = make("store-012-sara")
    search_and_wait(qtbot, c.window, "W-100412")
    assert c.actions.fulfil_button.isEnabled(), c.actions.reasons
    c.press(Qt.Key.Key_S)
    dialog = c.wait_dialog(FulfilDialog)
    text = dialog.preview.text()
    assert "PN123456789NL" in text and "No new charge" in text and "DRS-4471: 3" in all_dialog_text(dialog)
    assert dialog.final_note.text() == "This cannot be undone."
    c.confirm_and_wait(dialog)
    assert len(c.ledger("orders", "fulfil_in_store")) + len(c.ledger("orders", "fulfil")) >= 1
    assert len(c.demo.ledger("orders")) == 1 and len(c.demo.ledger("delivery")) == 1
    assert c.demo.ledger("payments") == []  # not charged twice
    pane = c.window.pane
    qtbot.waitUntil(lambda: "fulfilled in store" in all_texts(pane.orders.model).lower(), timeout=5000)
    qtbot.waitUntil(lambda: "Fulfil order W-100412 in store" in all_texts(pane.timeline.model), timeout=5000)


def test_s2_kiosk_sale_exchanged_at_store_031_and_refund_goes_to_approval(make: Any, qtbot: Any) -> None:
    c = make("store-031-omar")
    search_and_wait(qtbot, c.window, "EX-7781-2291")
    c.press(Qt.Key.Key_T)
    dialog = c.wait_dialog(ReturnDialog)
    dialog.lines.item(0, 0).setCheckState(Qt.CheckState.Checked)
    dialog.reason_box.setCurrentIndex(dialog.reason_box.findData("faulty"))
    assert dialog.confirm.isEnabled(), dialog.reason.text()
    assert "349.00 EUR" in dialog.preview.text() and "Mastercard" in dialog.preview.text()
    assert "supervisor" in dialog.preview.text()  # above store staff's 250.00 limit
    dialog.exchange.setChecked(True)
    assert "Exchange for PHN-X12" in dialog.preview.text()
    c.confirm_and_wait(dialog)
    assert len(c.demo.ledger("orders")) == 1
    assert [e for e in c.demo.ledger("payments") if e.get("op") == "refunds"] == []


def test_refund_partial_split_and_above_limit_waits_for_approval(make: Any, qtbot: Any) -> None:
    c = make("agent-ana")
    search_and_wait(qtbot, c.window, "S-012-5521")
    c.window.pane.payments.view.setFocus()
    c.press(Qt.Key.Key_R)
    dialog = c.wait_dialog(RefundDialog)
    dialog.scope.setCurrentIndex(dialog.scope.findData("partial"))
    qtbot.keyClicks(dialog.amount, "abc")
    assert not dialog.confirm.isEnabled() and "not an amount" in dialog.reason.text()
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "20,00")
    assert not dialog.confirm.isEnabled() and "reason" in dialog.reason.text().lower()
    dialog.reason_box.setCurrentIndex(dialog.reason_box.findData("damaged"))
    preview = dialog.preview.text()
    assert "Refund 20.00 EUR" in preview and "0005" in preview
    c.confirm_and_wait(dialog)
    refunds = c.ledger("payments", "refunds")
    assert len(refunds) == 1

    c.press(Qt.Key.Key_R)
    qtbot.waitUntil(lambda: c.actions.dialog is not dialog, timeout=3000)
    big = c.actions.dialog
    assert isinstance(big, RefundDialog)
    big.scope.setCurrentIndex(big.scope.findData("partial"))
    qtbot.keyClicks(big.amount, "150.00")
    big.reason_box.setCurrentIndex(big.reason_box.findData("damaged"))
    assert "supervisor" in big.preview.text()
    big.confirm.click()
    qtbot.waitUntil(lambda: "awaiting_approval" in c.states(), timeout=5000)
    assert len(c.ledger("payments", "refunds")) == 1  # nothing moved without the approval


def test_s3_reroute_to_a_corrected_address(make: Any, qtbot: Any) -> None:
    c = make("agent-ana")
    search_and_wait(qtbot, c.window, "W-100877")
    c.press(Qt.Key.Key_D)
    dialog = c.wait_dialog(DeliveryDialog)
    dialog.mode.setCurrentIndex(0)
    dialog.fields["postal_code"].setText("1")
    assert not dialog.confirm.isEnabled() and dialog.reason.text()
    for key, value in {
        "name": "Aisha Karimova",
        "line1": "Lindenstr. 5",
        "postal_code": "10115",
        "city": "Berlin",
        "country": "DE",
    }.items():
        dialog.fields[key].setText(value)
    assert "Lindenstr. 5" in dialog.preview.text()
    c.confirm_and_wait(dialog)
    assert len(c.demo.ledger("delivery")) == 1


def test_refusals_are_shown_in_words_and_nothing_is_sent(make: Any, qtbot: Any) -> None:
    c = make("agent-ana")
    search_and_wait(qtbot, c.window, "W-100412")
    assert not c.actions.fulfil_button.isEnabled()
    assert "cannot fulfil orders in store" in c.actions.fulfil_button.toolTip()
    c.press(Qt.Key.Key_S)
    assert "cannot fulfil orders in store" in c.window.statusBar().currentMessage()
    assert c.actions.dialog is None
    # the dispatched order: only its open lines could be cancelled, and it has none
    c.press(Qt.Key.Key_C)
    if c.actions.dialog is not None:
        dialog = c.actions.dialog
        assert isinstance(dialog, CancelDialog)
        dialog.whole.setChecked(True)
        assert not dialog.confirm.isEnabled()
        assert "Parcelnet" in dialog.reason.text()
        dialog.reject()
    else:
        assert "Parcelnet" in c.window.statusBar().currentMessage()
    assert c.demo.ledger("orders") == []


def all_dialog_text(dialog: Any) -> str:
    from PySide6.QtWidgets import QLabel

    return "\n".join(w.text() for w in dialog.findChildren(QLabel))


def test_redirect_to_a_store_and_reschedule_from_the_delivery_dialog(make: Any, qtbot: Any) -> None:
    c = make("agent-ana")
    search_and_wait(qtbot, c.window, "W-100877")
    c.press(Qt.Key.Key_D)
    dialog = c.wait_dialog(DeliveryDialog)
    dialog.mode.setCurrentIndex(dialog.mode.findData("redirect"))
    dialog.store_box.setCurrentIndex(dialog.store_box.findData("031"))
    assert "pick-up at Store 031" in dialog.preview.text()
    c.confirm_and_wait(dialog)
    assert [e["op"] for e in c.demo.ledger("delivery")] == ["redirect"]

    search_and_wait(qtbot, c.window, "W-100412")
    c.press(Qt.Key.Key_D)
    qtbot.waitUntil(lambda: c.actions.dialog is not dialog, timeout=3000)
    again = c.actions.dialog
    assert isinstance(again, DeliveryDialog)
    again.mode.setCurrentIndex(again.mode.findData("reschedule"))
    again.date.setDate(again.date.date().addDays(30))
    assert not again.confirm.isEnabled() and again.reason.text()  # too far ahead
    again.date.setDate(again.date.date().addDays(-29))
    assert "New delivery date" in again.preview.text()
    c.confirm_and_wait(again)
    assert [e["op"] for e in c.demo.ledger("delivery")] == ["redirect", "reschedule"]
