"""Who is at the desk: picking a demo staff member to sign in as, and the idle lock that hides
customer data after a quiet spell until the same person confirms it is them. Locking hides the
window's content without touching it: a half-typed note, an open dialog's fields and the search
box keep what they had."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.domain.model import StaffMember
from console.ui.widgets import plain_label

_INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


class SignInDialog(QDialog):
    """Demo mode: pick one of the seeded staff members (name, role, store); Enter signs in."""

    def __init__(
        self, staff: Sequence[StaffMember], parent: QWidget | None = None, *, title: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Sign in to OnePane"))
        self.setAccessibleName(self.windowTitle())
        self.staff = list(staff)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Staff members"))
        for s in self.staff:
            where = f" · Store {s.store_id}" if s.store_id else ""
            item = QListWidgetItem(f"{s.name} — {s.role.value.replace('_', ' ')}{where}")
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _i: self.accept())
        self.message = plain_label("", "Refusal", self)
        buttons = QDialogButtonBox(self)
        ok = buttons.addButton(self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setAccessibleName(self.tr("Sign in as the selected staff member"))
        ok.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def chosen(self) -> StaffMember | None:
        item = self.list.currentItem()
        if item is None:
            return None
        sid = item.data(Qt.ItemDataRole.UserRole)
        return next((s for s in self.staff if s.id == sid), None)


class BrowserSignIn(QDialog):
    """Outside demo mode: the sign-in happens in the system browser; this small window says so,
    can open the browser page again, and cancels. `run()` returns the staff member, or None
    when cancelled; a refusal is shown in words and can be tried again."""

    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Sign in to OnePane"))
        self.setAccessibleName(self.windowTitle())
        self.status = plain_label(
            self.tr("Continue in your browser: sign in with your company account."), "", self
        )
        self.status.setWordWrap(True)
        self.message = plain_label("", "Refusal", self)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.retry = buttons.addButton(self.tr("Try again"), QDialogButtonBox.ButtonRole.ActionRole)
        self.retry.setAccessibleName(self.tr("Start the sign-in in the browser again"))
        self.retry.setEnabled(False)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel signing in"))
        buttons.rejected.connect(self.reject)
        self.retry.clicked.connect(self._start)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._task: asyncio.Task[Any] | None = None
        self._result: asyncio.Future[StaffMember | None] | None = None
        self.rejected.connect(self._cancelled)

    async def run(self, timeout_s: float = 300.0) -> StaffMember | None:
        self._timeout_s = timeout_s
        self._result = asyncio.get_running_loop().create_future()
        self.open()
        self._start()
        try:
            return await self._result
        finally:
            self.hide()

    def _start(self) -> None:
        self.retry.setEnabled(False)
        self.message.setText("")
        self._task = asyncio.ensure_future(self.session.sign_in(timeout_s=self._timeout_s))
        self._task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[Any]) -> None:
        if task.cancelled() or self._result is None or self._result.done():
            return
        exc = task.exception()
        if exc is None:
            self._result.set_result(task.result())
            self.accept()
            return
        self.message.setText(getattr(exc, "message", None) or self.tr("The sign-in did not work."))
        self.retry.setEnabled(True)
        self.retry.setFocus()

    def _cancelled(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        if self._result is not None and not self._result.done():
            self._result.set_result(None)


class IdleLock(QObject):
    """An application-wide event filter: any key, click or mouse move is activity. After
    `minutes` without any, the window's content is hidden behind a lock screen; only the same
    staff member unlocks it."""

    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        window: QWidget,
        staff: StaffMember,
        colleagues: Sequence[StaffMember],
        minutes: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        check_ms: int = 5000,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.staff = staff
        self.colleagues = list(colleagues)
        self.limit_s = minutes * 60.0
        self._clock = clock
        self.last_input = clock()
        self.is_locked = False
        self.cover = QWidget(window)
        self.cover.setObjectName("LockScreen")
        self.cover.setAutoFillBackground(True)
        self.cover.setAccessibleName(self.tr("Locked"))
        self.notice = plain_label(
            self.tr("Locked after %1 minutes without activity. Customer data is hidden.").replace(
                "%1", f"{minutes:g}"
            ),
            "",
            self.cover,
        )
        self.unlock_button = QPushButton(
            self.tr("Unlock — it is me, %1").replace("%1", staff.name), self.cover
        )
        self.unlock_button.setAccessibleName(self.tr("Unlock the console"))
        self.unlock_button.clicked.connect(self.ask_unlock)
        self.message = plain_label("", "Refusal", self.cover)
        lay = QVBoxLayout(self.cover)
        lay.addStretch(1)
        for w in (self.notice, self.unlock_button, self.message):
            lay.addWidget(w, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addStretch(2)
        self.cover.hide()
        self.dialog: SignInDialog | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(check_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        # Activity: keys and clicks reach the focused widget (watched, not the whole
        # application), focus moving counts too, and the mouse is polled at each check.
        self._watched: QWidget | None = None
        self._cursor = QCursor.pos()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
            self._focus_changed(None, app.focusWidget())

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._watched is not None and shiboken6.isValid(self._watched):
            self._watched.removeEventFilter(self)
        self._watched = None
        if new is not None:
            new.installEventFilter(self)
            self._watched = new
            self.activity()

    def activity(self) -> None:
        if not self.is_locked:
            self.last_input = self._clock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self.activity()
        return False

    def check(self) -> None:
        pos = QCursor.pos()
        if pos != self._cursor:
            self._cursor = pos
            self.activity()
        if not self.is_locked and self._clock() - self.last_input >= self.limit_s:
            self.lock()

    def lock(self) -> None:
        central = self.window.centralWidget() if hasattr(self.window, "centralWidget") else None
        if central is not None:
            central.setVisible(False)  # hidden, not destroyed: nothing in progress is lost
        for dock in self.window.findChildren(QWidget, "TeamDockContent"):
            dock.setVisible(False)
        self.cover.setGeometry(self.window.rect())
        self.cover.show()
        self.cover.raise_()
        self.unlock_button.setFocus()
        self.is_locked = True
        self.locked.emit()

    def ask_unlock(self) -> SignInDialog:
        dialog = SignInDialog(
            [self.staff, *self.colleagues], self.window, title=self.tr("Who is at the desk?")
        )
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.try_unlock(dialog.chosen()))
        dialog.open()
        return dialog

    def try_unlock(self, who: StaffMember | None) -> bool:
        if who is None or who.id != self.staff.id:
            name = who.name if who is not None else self.tr("nobody")
            self.message.setText(
                self.tr("%1 is signed in here, not %2 — sign out first to change staff member.")
                .replace("%1", self.staff.name)
                .replace("%2", name)
            )
            return False
        central = self.window.centralWidget() if hasattr(self.window, "centralWidget") else None
        if central is not None:
            central.setVisible(True)
        for dock in self.window.findChildren(QWidget, "TeamDockContent"):
            dock.setVisible(True)
        self.cover.hide()
        self.message.setText("")
        self.is_locked = False
        self.last_input = self._clock()
        self.unlocked.emit()
        return True

    def shutdown(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            try:
                app.focusChanged.disconnect(self._focus_changed)
            except (RuntimeError, TypeError):
                pass
        if self._watched is not None and shiboken6.isValid(self._watched):
            self._watched.removeEventFilter(self)
        self._watched = None
