"""Sign-in (demo staff picker) and the idle lock: data hidden after the quiet spell, nothing in
progress lost, only the same staff member unlocks."""

from __future__ import annotations

from PySide6.QtCore import Qt

from console.domain.model import Role, StaffMember
from console.ui.signin import IdleLock, SignInDialog
from tests.gui.helpers import make_window

ANA = StaffMember("agent-ana", "Ana Berg", Role.AGENT)
BEN = StaffMember("agent-ben", "Ben Ortiz", Role.AGENT)
SARA = StaffMember("store-012-sara", "Sara Lind", Role.STORE_STAFF, "012")


def test_sign_in_picks_a_staff_member_with_the_keyboard(qtbot) -> None:
    dialog = SignInDialog([ANA, BEN, SARA])
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Store 012" in dialog.list.item(2).text()
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    assert dialog.chosen() == SARA


def test_idle_lock_hides_data_and_only_the_same_person_unlocks(qtbot) -> None:
    window, _world = make_window(qtbot)
    now = [1000.0]
    lock = IdleLock(window, ANA, [BEN], minutes=15, clock=lambda: now[0], check_ms=60_000)
    window.search.box.setText("half-typed search")
    now[0] += 14 * 60
    lock.check()
    assert not lock.is_locked
    qtbot.keyClick(window.search.box, Qt.Key.Key_End)  # activity resets the clock
    now[0] += 14 * 60
    lock.check()
    assert not lock.is_locked
    now[0] += 60
    with qtbot.waitSignal(lock.locked, timeout=1000):
        lock.check()
    assert not window.centralWidget().isVisible() and lock.cover.isVisible()
    assert not lock.try_unlock(BEN)
    assert "Ana Berg is signed in here" in lock.message.text() and lock.is_locked
    assert lock.try_unlock(ANA)
    assert window.centralWidget().isVisible() and not lock.cover.isVisible()
    assert window.search.box.text() == "half-typed search"  # nothing lost
    lock.shutdown()
