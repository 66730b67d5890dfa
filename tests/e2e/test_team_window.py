"""S4 and S5 through real windows: two consoles (two staff members) on one shared store, over
the demo backends. S4: the agent cancels and hands Jordan over to sales; the sales agent claims
it (a second claim loses), opens it and sees the notes pinned on top and what changed since.
S5: a refund above the agent's limit waits for the supervisor; the supervisor approves it in
their console; it is applied once; the agent sees the outcome."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from console.demo.server import DemoBackends
from console.domain.model import Role, StaffMember
from console.services.handoffs import HandoffService
from console.ui.actions.dialogs import CancelDialog, RefundDialog
from console.ui.team import HandoffDialog, TeamController
from tests.demo_fixtures import DEMO_NOW
from tests.e2e import test_actions_window as base
from tests.gui.helpers import search_and_wait

pytestmark = [pytest.mark.e2e, pytest.mark.gui]

base.STAFF.update(
    {
        "agent-ana": StaffMember("agent-ana", "Ana Berg", Role.AGENT, None, "service"),
        "agent-ben": StaffMember("agent-ben", "Ben Ortiz", Role.AGENT, None, "sales"),
        "sup-lena": StaffMember("sup-lena", "Lena Vogt", Role.SUPERVISOR, None, "service"),
    }
)
COLLEAGUES = [("agent-ana", "Ana Berg"), ("agent-ben", "Ben Ortiz"), ("sup-lena", "Lena Vogt")]


class TeamConsole(base.ActingConsole):
    def __init__(self, qtbot: Any, demo: DemoBackends, staff_id: str, db: Path) -> None:
        super().__init__(qtbot, demo, staff_id, db)
        self.team = TeamController(
            self.window,
            self.store,
            self.service,
            HandoffService(self.store, self.service),
            self.staff,
            colleagues=COLLEAGUES,
            staff_teams={"agent-ana": "service", "agent-ben": "sales", "sup-lena": "service"},
            poll_ms=200,
            now=lambda: DEMO_NOW,
        )

    def close(self) -> None:
        self.team.shutdown()
        self.qtbot.waitUntil(lambda: self.team.pending() == 0, timeout=5000)
        super().close()


@pytest.fixture
def demo() -> Iterator[DemoBackends]:
    with DemoBackends(seed=5, scale=40, now=DEMO_NOW) as d:
        yield d


@pytest.fixture
def make(qtbot: Any, qasync_loop: Any, demo: DemoBackends, tmp_path: Path) -> Iterator[Any]:
    made: list[TeamConsole] = []

    def factory(staff_id: str) -> TeamConsole:
        c = TeamConsole(qtbot, demo, staff_id, tmp_path / "shared.db")
        made.append(c)
        return c

    yield factory
    for c in made:
        c.close()


def test_s4_cancel_and_hand_off_then_the_sales_agent_takes_over(make: Any, qtbot: Any) -> None:
    ana = make("agent-ana")
    search_and_wait(qtbot, ana.window, "jordan.lee@example.com")
    ana.press(Qt.Key.Key_C)
    cancel = ana.wait_dialog(CancelDialog)
    cancel.reason_box.setCurrentIndex(cancel.reason_box.findData("replaced"))
    ana.confirm_and_wait(cancel)

    ana.press(Qt.Key.Key_H)
    qtbot.waitUntil(lambda: isinstance(ana.team.dialog, HandoffDialog), timeout=3000)
    dialog = ana.team.dialog
    assert dialog is not None
    assert not dialog.ok.isEnabled() and "wants" in dialog.reason.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData("team"))
    dialog.target.setCurrentIndex(dialog.target.findData("sales"))
    dialog.case.setCurrentIndex(dialog.case.findData("CS-G55012"))
    assert dialog.case.currentData() == "CS-G55012"
    qtbot.keyClicks(dialog.wants_edit, "The streaming package instead of TV + set-top box")
    qtbot.keyClicks(dialog.done_edit, "Cancelled T-55012")
    qtbot.keyClicks(dialog.pending_edit, "Offer the streaming package")
    with qtbot.waitSignal(ana.team.handedOff, timeout=5000):
        dialog.ok.click()
    qtbot.waitUntil(
        lambda: len([e for e in ana.demo.ledger("cases") if e.get("op") != "approvals"]) >= 2, timeout=8000
    )

    ben = make("agent-ben")
    qtbot.waitUntil(lambda: ben.team.queue_model.rowCount() == 1, timeout=5000)
    assert "streaming" in ben.team.queue_model.items[0].wants
    assert ana.team.queue_model.rowCount() == 0  # not Ana's team's queue
    ben.team.queue_view.selectRow(0)
    won = ben.team._tasks.spawn(ben.team.claim_selected())
    qtbot.waitUntil(won.done, timeout=5000)
    assert won.result() is True
    # a second claim on the same handoff loses and says who has it
    ana.team.queue_model.set_items(ben.team.queue_model.items)
    lost = ana.team._tasks.spawn(ana.team.claim_selected())
    qtbot.waitUntil(lost.done, timeout=5000)
    assert lost.result() is False and "agent-ben" in ana.team.queue_message.text()

    with qtbot.waitSignal(ben.team.handoffOpened, timeout=10000):
        ben.team.open_button.click()
    banner = ben.team.banner.text()
    assert ben.window.pane.header.name_label.text() == "Jordan Lee"
    assert "streaming package" in banner and "Cancelled T-55012" in banner
    assert "CS-G55012" in banner  # the internal note and the move to sales landed after the handoff


def test_s5_refund_above_limit_approved_by_the_supervisor_once(make: Any, qtbot: Any) -> None:
    ana = make("agent-ana")
    search_and_wait(qtbot, ana.window, "S-012-5521")
    ana.window.pane.payments.view.setFocus()
    ana.press(Qt.Key.Key_R)
    dialog = ana.wait_dialog(RefundDialog)
    dialog.scope.setCurrentIndex(dialog.scope.findData("partial"))
    qtbot.keyClicks(dialog.amount, "210.00")
    dialog.reason_box.setCurrentIndex(dialog.reason_box.findData("damaged"))
    qtbot.keyClicks(dialog.note, "One pair worn; customer keeps the other")
    assert "supervisor" in dialog.preview.text()
    dialog.confirm.click()
    qtbot.waitUntil(lambda: "awaiting_approval" in ana.states(), timeout=5000)

    lena = make("sup-lena")
    qtbot.waitUntil(lambda: lena.team.approvals_model.rowCount() == 1, timeout=5000)
    row = " ".join(str(lena.team.approvals_model.index(0, c).data()) for c in range(5))
    assert "210.00 EUR" in row and "One pair worn" in row and "Ana" in row
    qtbot.keyClicks(lena.team.comment, "ok, goodwill")
    done = lena.team._tasks.spawn(lena.team.decide_selected(True))
    qtbot.waitUntil(done.done, timeout=10000)
    assert done.result() is True, lena.team.approval_message.text()
    assert "done" in lena.team.approval_message.text()
    assert len([e for e in lena.demo.ledger("payments") if e.get("op") == "refunds"]) == 1
    # approving again (another click) changes nothing
    again = lena.team._tasks.spawn(lena.team.decide_selected(True))
    qtbot.waitUntil(again.done, timeout=5000)
    assert len([e for e in lena.demo.ledger("payments") if e.get("op") == "refunds"]) == 1
    # the supervisor's day at a glance: the money moved, by staff member
    qtbot.waitUntil(lambda: bool(lena.team.money_chart.bars), timeout=5000)
    label, value, text = lena.team.money_chart.bars[0]
    assert label == "agent-ana" and text == "210.00 EUR" and value == 210.0
    assert lena.team.money_chart.bar_widths(800)[0] > 0
    assert not lena.team.money_chart.grab().isNull()
    # the requester sees the outcome on their own desk
    qtbot.waitUntil(lambda: any("approved by sup-lena" in o for o in ana.team.outcomes), timeout=5000)


def test_supervisor_sees_every_queue_and_reassigns_with_the_chain_kept(make: Any, qtbot: Any) -> None:
    import asyncio

    from console.services.handoffs import HandoffRequest

    ana = make("agent-ana")
    request = HandoffRequest("C-G000004", "Jordan Lee", "team", "sales", wants="streaming package")
    made = asyncio.ensure_future(
        ana.team.handoffs.hand_off(request, ana.staff, {"query": "jordan.lee@example.com"})
    )
    qtbot.waitUntil(made.done, timeout=5000)
    first_id, _ = made.result()
    lena = make("sup-lena")
    qtbot.waitUntil(
        lambda: lena.team.queue_model.rowCount() == 1, timeout=5000
    )  # not her team's, still shown
    assert ana.team.queue_model.rowCount() == 0
    lena.team.queue_view.selectRow(0)
    dialog = lena.team.open_hand_on_dialog()
    assert dialog is not None and dialog.wants_edit.toPlainText() == "streaming package"
    dialog.kind.setCurrentIndex(dialog.kind.findData("team"))
    dialog.target.setCurrentIndex(dialog.target.findData("service"))
    dialog.pending_edit.setPlainText("Sales is full today: service, please call back")
    dialog.ok.click()
    qtbot.waitUntil(lambda: "Handed on" in lena.team.queue_message.text(), timeout=5000)
    qtbot.waitUntil(lambda: ana.team.queue_model.rowCount() == 1, timeout=5000)
    new = ana.team.queue_model.items[0]
    assert new.parent_id == first_id and new.to_id == "service" and "call back" in new.pending
    chain = asyncio.ensure_future(ana.store.handoffs.chain(new.id))
    qtbot.waitUntil(chain.done, timeout=5000)
    assert [h.id for h in chain.result()] == [first_id, new.id]
