"""Working as a team on one shared store: hand a customer off with structured notes, the queue
of handoffs for me and my team (claim is atomic; open shows the notes pinned on top and what
changed since), and — for supervisors — the approvals waiting for a decision. The requester
sees the decision on their own desk. On SQLite the panel polls the store; the same refresh runs
when PostgreSQL notifies."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.domain.model import Case, Role, StaffMember, SystemKind
from console.services.handoff_diff import diff_snapshot, snapshot_of
from console.services.handoffs import HandoffError, HandoffRequest
from console.ui.tasks import TaskGroup
from console.ui.widgets import plain_label

Index = QModelIndex | QPersistentModelIndex
SLA_MINUTES = (30, 120)  # green below the first, amber below the second, red above


def _age_minutes(created_at: str, now: datetime) -> int:
    try:
        at = datetime.fromisoformat(created_at)
    except ValueError:
        return 0
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return max(0, int((now - at).total_seconds() // 60))


def _age_text(minutes: int) -> str:
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 60 * 24:
        return f"{minutes // 60} h {minutes % 60:02d}"
    return f"{minutes // (60 * 24)} d"


class HandoffQueueModel(QAbstractTableModel):
    HEADERS = ("Customer", "From", "To", "Age", "Wants", "Status")

    def __init__(self, now: Callable[[], datetime], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._now = now
        self.items: list[Any] = []

    def set_items(self, items: Sequence[Any]) -> None:
        self.beginResetModel()
        self.items = sorted(items, key=lambda h: h.created_at)  # oldest first
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.items)):
            return None
        h = self.items[index.row()]
        minutes = _age_minutes(h.created_at, self._now())
        if role == Qt.ItemDataRole.DisplayRole:
            to = "supervisors" if h.to_kind == "supervisors" else f"{h.to_kind} {h.to_id}"
            status = h.status + (f" by {h.claimed_by}" if h.claimed_by else "")
            return (h.customer_name, h.from_staff, to, _age_text(minutes), h.wants, status)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 3:
            if minutes < SLA_MINUTES[0]:
                return QColor("#1e7a34")
            return QColor("#8a6d00") if minutes < SLA_MINUTES[1] else QColor("#b3261e")
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(
                x
                for x in (
                    f"Wants: {h.wants}",
                    f"Done: {h.done}" if h.done else "",
                    f"Pending: {h.pending}" if h.pending else "",
                    f"Call-back: {h.callback_at}" if h.callback_at else "",
                )
                if x
            )
        return None


class ApprovalsModel(QAbstractTableModel):
    HEADERS = ("Customer", "Requested by", "Amount", "What", "Note")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items: list[Any] = []

    def set_items(self, items: Sequence[Any]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.items)):
            return None
        a = self.items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            who = a.requester.get("name") or a.requester.get("id", "")
            what = " / ".join(a.summary)
            return (a.customer_key, who, f"{a.amount} {a.currency}", what, a.note)[index.column()]
        return None


class BarChart(QWidget):
    """Horizontal bars that read at a glance: a label, a bar proportional to the value, the
    value in words. Painted with QPainter; the text is also the accessible description."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.setAccessibleName(title)
        self.bars: list[tuple[str, float, str]] = []
        self.setMinimumHeight(60)

    def set_bars(self, bars: Sequence[tuple[str, float, str]]) -> None:
        self.bars = list(bars)
        self.setMinimumHeight(28 + 22 * max(1, len(self.bars)))
        self.setAccessibleDescription("; ".join(f"{label}: {text}" for label, _v, text in self.bars))
        self.update()

    def bar_widths(self, width: int) -> list[int]:
        top = max((v for _l, v, _t in self.bars), default=0.0)
        usable = max(10, width - 250)
        return [int(usable * v / top) if top > 0 else 0 for _l, v, _t in self.bars]

    def paintEvent(self, _event: Any) -> None:
        painter = QPainter(self)
        pal = self.palette()
        painter.setPen(pal.color(QPalette.ColorRole.WindowText))
        painter.drawText(4, 16, self.title)
        if not self.bars:
            painter.drawText(4, 38, self.tr("nothing yet today"))
            painter.end()
            return
        widths = self.bar_widths(self.width())
        for i, ((label, _value, text), w) in enumerate(zip(self.bars, widths, strict=True)):
            y = 26 + 22 * i
            painter.setPen(pal.color(QPalette.ColorRole.WindowText))
            painter.drawText(4, y + 14, label[:22])
            painter.fillRect(150, y + 3, max(w, 2), 14, QColor("#3559b3"))
            painter.drawText(150 + max(w, 2) + 6, y + 14, text)
        painter.end()


class HandoffDialog(QDialog):
    """Who takes over, and the structured notes; OK only when the handoff can be made."""

    def __init__(
        self,
        customer_name: str,
        cases: Sequence[Case],
        staff: Sequence[tuple[str, str]],
        teams: Sequence[str],
        stores: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hand off %1").replace("%1", customer_name))
        self.setAccessibleName(self.windowTitle())
        self._targets = {
            "team": [(t, t) for t in teams],
            "staff": list(staff),
            "store": list(stores),
            "supervisors": [("", self.tr("the supervisors' queue"))],
        }
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Hand off to"))
        for value, label in (
            ("team", self.tr("a team")),
            ("staff", self.tr("a named colleague")),
            ("store", self.tr("a store")),
            ("supervisors", self.tr("the supervisors")),
        ):
            if self._targets[value]:  # no named colleagues known (real systems): not offered
                self.kind.addItem(label, value)
        self.target = QComboBox(self)
        self.target.setAccessibleName(self.tr("Who takes over"))
        self.case = QComboBox(self)
        self.case.setAccessibleName(self.tr("Case that goes along"))
        self.case.addItem(self.tr("— no case —"), None)
        for c in cases:
            if c.status in ("open", "pending"):
                self.case.addItem(f"{c.ref.id} · {c.subject}", c.ref.id)
        if self.case.count() > 1:
            self.case.setCurrentIndex(1)
        self.wants_edit = self._text(self.tr("What the customer wants"))
        self.done_edit = self._text(self.tr("What was done"))
        self.pending_edit = self._text(self.tr("What is pending"))
        self.promise = QCheckBox(self.tr("Call-back promised at"), self)
        self.promise.setAccessibleName(self.tr("A call-back was promised"))
        self.callback = QDateTimeEdit(QDateTime.currentDateTime().addSecs(3600), self)
        self.callback.setAccessibleName(self.tr("Promised call-back time"))
        self.callback.setCalendarPopup(True)
        self.callback.setEnabled(False)
        self.promise.toggled.connect(self.callback.setEnabled)
        self.reason = plain_label("", "Refusal", self)
        self.buttons = QDialogButtonBox(self)
        self.ok = self.buttons.addButton(self.tr("Hand off"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setAccessibleName(self.tr("Hand off now"))
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Close without handing off"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Hand off to"), self.kind)
        form.addRow(self.tr("Who"), self.target)
        form.addRow(self.tr("Case"), self.case)
        form.addRow(self.tr("Customer wants"), self.wants_edit)
        form.addRow(self.tr("Done"), self.done_edit)
        form.addRow(self.tr("Pending"), self.pending_edit)
        row = QHBoxLayout()
        row.addWidget(self.promise)
        row.addWidget(self.callback, 1)
        form.addRow(row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.customer_key = ""
        self.customer_name = customer_name
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.target.currentIndexChanged.connect(self.refresh)
        self.wants_edit.textChanged.connect(self.refresh)
        self._kind_changed()

    def _text(self, name: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setAccessibleName(name)
        edit.setTabChangesFocus(True)
        edit.setMaximumHeight(64)
        return edit

    def _kind_changed(self) -> None:
        self.target.clear()
        for value, label in self._targets[str(self.kind.currentData())]:
            self.target.addItem(label, value)
        self.target.setEnabled(self.kind.currentData() != "supervisors")
        self.refresh()

    def request(self) -> HandoffRequest:
        callback = None
        if self.promise.isChecked():
            callback = self.callback.dateTime().toPython().astimezone().isoformat(timespec="minutes")  # type: ignore[attr-defined]
        return HandoffRequest(
            self.customer_key,
            self.customer_name,
            str(self.kind.currentData()),
            str(self.target.currentData() or ""),
            self.wants_edit.toPlainText()[:2000],
            self.done_edit.toPlainText()[:2000],
            self.pending_edit.toPlainText()[:2000],
            callback,
            self.case.currentData(),
        )

    def refresh(self) -> None:
        problems = self.request().problems()
        self.ok.setEnabled(not problems)
        self.reason.setText("; ".join(problems))

    def _accept(self) -> None:
        self.refresh()
        if self.ok.isEnabled():
            self.accept()


class TeamController(QObject):
    """The hand-off button, the team dock (queue, approvals), and the requester's outcomes."""

    refreshed = Signal()
    handedOff = Signal(str)  # handoff id
    handoffOpened = Signal(str)

    def __init__(
        self,
        window: Any,
        store: Any,
        actions: Any,
        handoffs: Any,
        staff: StaffMember,
        *,
        colleagues: Sequence[tuple[str, str]] = (),
        teams: Sequence[str] = ("service", "sales", "stores"),
        stores: Sequence[tuple[str, str]] = (),
        staff_teams: dict[str, str] | None = None,
        poll_ms: int = 2000,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(window)
        self.window, self.store, self.actions, self.handoffs, self.staff = (
            window,
            store,
            actions,
            handoffs,
            staff,
        )
        self.colleagues, self.teams, self.stores = list(colleagues), list(teams), list(stores)
        self._staff_teams = dict(staff_teams or {})
        self._now = now or (lambda: datetime.now(UTC))
        self._tasks = TaskGroup()
        self.dialog: HandoffDialog | None = None
        self.opened: Any = None  # the handoff being worked on
        self._decided_seen: set[str] = set()
        self.outcomes: list[str] = []

        pane = window.pane
        self.handoff_button = QPushButton(self.tr("Hand off…"), pane)
        self.handoff_button.setAccessibleName(self.tr("Hand off this customer with notes"))
        self.handoff_button.setToolTip(self.tr("Hand off this customer with notes (Ctrl+Alt+H)"))
        self.handoff_button.clicked.connect(self.open_handoff_dialog)
        row = QWidget(pane)
        rl = QHBoxLayout(row)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.handoff_button)
        rl.addStretch(1)
        pane.cases.body.insertWidget(1, row)
        window._shortcut("Ctrl+Alt+H", self.handoff_button.accessibleName(), self.open_handoff_dialog)

        self.banner = plain_label("", "Summary", pane)
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName(self.tr("Handoff notes and what changed since"))
        self.banner.setVisible(False)
        pane.layout().insertWidget(1, self.banner)

        self.queue_model = HandoffQueueModel(self._now, self)
        self.queue_view = QTableView()
        self.queue_view.setModel(self.queue_model)
        self.queue_view.setAccessibleName(self.tr("Handoffs for me and my team, oldest first"))
        self.queue_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queue_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.claim_button = QPushButton(self.tr("Claim"))
        self.claim_button.setAccessibleName(self.tr("Claim the selected handoff"))
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setAccessibleName(self.tr("Open the selected handoff's customer"))
        self.resolve_button = QPushButton(self.tr("Resolve"))
        self.resolve_button.setAccessibleName(self.tr("Resolve the handoff being worked on"))
        self.queue_message = plain_label("", "Muted")
        self.queue_message.setWordWrap(True)
        self.claim_button.clicked.connect(lambda: self._tasks.spawn(self.claim_selected()))
        self.open_button.clicked.connect(lambda: self._tasks.spawn(self.open_selected()))
        self.resolve_button.clicked.connect(lambda: self._tasks.spawn(self.resolve_opened()))
        self.hand_on_button = QPushButton(
            self.tr("Reassign…") if staff.role is Role.SUPERVISOR else self.tr("Hand on…")
        )
        self.hand_on_button.setAccessibleName(
            self.tr("Hand the selected handoff on to someone else, with a comment")
        )
        self.hand_on_button.clicked.connect(self.open_hand_on_dialog)
        queue_page = QWidget()
        ql = QVBoxLayout(queue_page)
        ql.addWidget(self.queue_view, 1)
        qb = QHBoxLayout()
        for b in (self.claim_button, self.open_button, self.resolve_button, self.hand_on_button):
            qb.addWidget(b)
        ql.addLayout(qb)
        ql.addWidget(self.queue_message)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Team"))
        self.tabs.setObjectName("TeamDockContent")
        self.tabs.addTab(queue_page, self.tr("Queue"))
        self.approvals_model = ApprovalsModel(self)
        self.approvals_view = QTableView()
        self.approvals_view.setModel(self.approvals_model)
        self.approvals_view.setAccessibleName(self.tr("Refunds waiting for approval"))
        self.approvals_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.approvals_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.comment = QLineEdit()
        self.comment.setAccessibleName(self.tr("Comment on the decision"))
        self.comment.setPlaceholderText(self.tr("Comment (required to deny)"))
        self.comment.setMaxLength(500)
        self.approve_button = QPushButton(self.tr("Approve"))
        self.approve_button.setAccessibleName(self.tr("Approve the selected refund"))
        self.deny_button = QPushButton(self.tr("Deny"))
        self.deny_button.setAccessibleName(self.tr("Deny the selected refund"))
        self.approve_button.clicked.connect(lambda: self._tasks.spawn(self.decide_selected(True)))
        self.deny_button.clicked.connect(lambda: self._tasks.spawn(self.decide_selected(False)))
        self.approval_detail = plain_label("", "")
        self.approval_detail.setWordWrap(True)
        self.approval_detail.setAccessibleName(self.tr("The selected request in full"))
        self.approvals_view.selectionModel().selectionChanged.connect(self._show_approval)
        self.approval_message = plain_label("", "Muted")
        self.approval_message.setWordWrap(True)
        if staff.role is Role.SUPERVISOR:
            page = QWidget()
            al = QVBoxLayout(page)
            al.addWidget(self.approvals_view, 1)
            al.addWidget(self.approval_detail)
            al.addWidget(self.comment)
            ab = QHBoxLayout()
            ab.addWidget(self.approve_button)
            ab.addWidget(self.deny_button)
            al.addLayout(ab)
            al.addWidget(self.approval_message)
            self.tabs.addTab(page, self.tr("Approvals"))
            today_page = QWidget()
            tl = QVBoxLayout(today_page)
            self.money_chart = BarChart(self.tr("Money refunded today, by staff member"))
            self.failures_chart = BarChart(self.tr("Actions refused or failing today"))
            self.age_chart = BarChart(self.tr("Open handoffs by age"))
            self.pending_label = plain_label("", "")
            for w in (self.money_chart, self.failures_chart, self.age_chart):
                tl.addWidget(w)
            tl.addWidget(self.pending_label)
            tl.addStretch(1)
            self.tabs.addTab(today_page, self.tr("Today"))
        self.dock = QDockWidget(self.tr("Team"), window)
        self.dock.setObjectName("TeamDock")
        self.dock.setWidget(self.tabs)
        self.dock.setMinimumWidth(380)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        window._shortcut("Ctrl+Alt+Q", self.tr("Go to the team queue"), self.focus_queue)

        window.viewComplete.connect(self._view_complete)
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(lambda: self._tasks.spawn(self.refresh()))
        self.timer.start()
        self._tasks.spawn(self.refresh())

    # ---- handing off --------------------------------------------------------------------------

    def _records(self) -> list[object]:
        return [r for values in self.window.pane.data.values() for r in values]

    def open_handoff_dialog(self) -> HandoffDialog | None:
        pane = self.window.pane
        if pane.person is None:
            self.window.statusBar().showMessage(self.tr("Open a customer first"), 6000)
            return None
        cases = [c for c in pane.data.get(SystemKind.CASES, ()) if isinstance(c, Case)]
        name = pane.profile.name if pane.profile else pane.person.name
        dialog = HandoffDialog(name, cases, self.colleagues, self.teams, self.stores, self.window)
        dialog.customer_key = self._customer_key()
        self.dialog = dialog
        dialog.accepted.connect(self._confirmed)
        dialog.finished.connect(lambda _r: self.window.activateWindow())
        dialog.open()
        return dialog

    def open_hand_on_dialog(self) -> HandoffDialog | None:
        """Hand on (or, for a supervisor, reassign) the selected handoff: the chain is kept."""
        h = self.selected_handoff()
        if h is None:
            self.queue_message.setText(self.tr("Select a handoff first"))
            return None
        dialog = HandoffDialog(h.customer_name, [], self.colleagues, self.teams, self.stores, self.window)
        dialog.customer_key = h.customer_key
        dialog.wants_edit.setPlainText(h.wants)
        dialog.done_edit.setPlainText(h.done)
        dialog.pending_edit.setPlainText(h.pending)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._tasks.spawn(self._hand_on(h, dialog.request())))
        dialog.finished.connect(lambda _r: self.window.activateWindow())
        dialog.open()
        return dialog

    async def _hand_on(self, h: Any, request: HandoffRequest) -> str | None:
        problems = request.problems()
        if problems:
            self.queue_message.setText("; ".join(problems))
            return None
        if h.claimed_by not in (None, self.staff.id) and self.staff.role is not Role.SUPERVISOR:
            self.queue_message.setText(
                self.tr("Claimed by %1 — only they or a supervisor can hand it on").replace(
                    "%1", str(h.claimed_by)
                )
            )
            return None
        new = await self.store.handoffs.hand_on(
            h.id,
            self.staff.id if h.claimed_by in (None, self.staff.id) else str(h.claimed_by),
            to_kind=request.to_kind,
            to_id=request.to_id,
            wants=request.wants,
            done=request.done,
            pending=request.pending,
            snapshot=h.snapshot,
            audit=self._audit(
                "handoff.handed_on", h.customer_key, handoff=h.id, to=request.target_words(), by=self.staff.id
            ),
        )
        self.queue_message.setText(
            self.tr("Handed on to %1").replace("%1", request.target_words())
            if new
            else self.tr("Not handed on: it was resolved or claimed by someone else meanwhile")
        )
        await self.refresh()
        return str(new) if new else None

    def _customer_key(self) -> str:
        pane = self.window.pane
        if pane.profile is not None:
            return str(pane.profile.ref)
        return str(pane.person.id) if pane.person is not None else ""

    def _query(self) -> str:
        person = self.window.pane.person
        if person is None:
            return ""
        if person.emails:
            return str(person.emails[0])
        if person.phones:
            return str(person.phones[0])
        return str(person.name)

    def _confirmed(self) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        snapshot = {**snapshot_of(self._records()), "query": self._query()}
        self._tasks.spawn(self._hand_off(dialog.request(), snapshot))

    async def _hand_off(self, request: HandoffRequest, snapshot: dict[str, Any]) -> None:
        try:
            hid, _handle = await self.handoffs.hand_off(
                request, self.staff, snapshot, staff_team=self._staff_teams
            )
        except HandoffError as exc:
            self.window.statusBar().showMessage(str(exc), 8000)
            return
        self.window.statusBar().showMessage(
            self.tr("Handed off to %1").replace("%1", request.target_words()), 8000
        )
        self.handedOff.emit(hid)
        await self.refresh()

    # ---- the queue --------------------------------------------------------------------------------

    def focus_queue(self) -> None:
        self.dock.show()
        self.tabs.setCurrentIndex(0)
        self.queue_view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def selected_handoff(self) -> Any:
        index = self.queue_view.currentIndex()
        if not index.isValid():
            return self.queue_model.items[0] if self.queue_model.items else None
        return self.queue_model.items[index.row()]

    async def refresh(self) -> None:
        s = self.staff
        try:
            if not shiboken6.isValid(self.queue_model):
                return
            if s.role is Role.SUPERVISOR:  # the supervisor reviews every queue
                queue = await self.store.handoffs.all_open()
            else:
                queue = await self.store.handoffs.queue(staff_id=s.id, team=s.team, store_id=s.store_id)
            pending = await self.store.approvals.pending() if s.role is Role.SUPERVISOR else []
            mine = await self.store.approvals.for_requester(s.id)
        except Exception as exc:  # the store went away: say so, keep what is shown
            if shiboken6.isValid(self.queue_message):
                self.queue_message.setText(
                    self.tr("The team store cannot be read: %1").replace("%1", str(exc))
                )
            return
        if not shiboken6.isValid(self.queue_model):
            return  # the window closed while the store answered
        self.queue_model.set_items([h for h in queue if h.status in ("open", "claimed")])
        if s.role is Role.SUPERVISOR:
            await self._refresh_dashboard()
            if not shiboken6.isValid(self.approvals_model):
                return
            self.approvals_model.set_items(pending)
            if pending and not self.approvals_view.currentIndex().isValid():
                self.approvals_view.selectRow(0)
            self._show_approval()
        for a in mine:
            if a.status in ("approved", "denied") and a.id not in self._decided_seen:
                self._decided_seen.add(a.id)
                words = (
                    self.tr("approved by %1").replace("%1", a.decided_by or "")
                    if a.status == "approved"
                    else self.tr("denied by %1: %2")
                    .replace("%1", a.decided_by or "")
                    .replace("%2", a.comment or "")
                )
                text = f"{' / '.join(a.summary[:1])} — {words}"
                self.outcomes.append(text)
                self.window.statusBar().showMessage(text, 15000)
        self.refreshed.emit()

    async def _refresh_dashboard(self) -> None:
        from console.services.dashboard import dashboard_from_store

        now = datetime.now(UTC)
        try:
            d = await dashboard_from_store(self.store, now.date(), now)
        except Exception as exc:  # shown, not raised: the queue still works
            self.pending_label.setText(
                self.tr("The day's figures cannot be read: %1").replace("%1", str(exc))
            )
            return
        if not shiboken6.isValid(self.money_chart):
            return
        self.dashboard = d
        self.money_chart.set_bars([(s, float(a), f"{a} {c}") for s, a, c in d.money_by_staff])
        self.failures_chart.set_bars([(k.replace("_", " "), float(n), str(n)) for k, n in d.failures])
        self.age_chart.set_bars([(label, float(n), str(n)) for label, n in d.handoffs_by_age])
        self.pending_label.setText(self.tr("Approvals waiting: %1").replace("%1", str(d.approvals_pending)))

    def request_refresh(self) -> None:
        """A change on the store (PostgreSQL NOTIFY): refresh now unless one is running."""
        if self._tasks.pending() == 0:
            self._tasks.spawn(self.refresh())

    def _audit(self, action: str, customer_key: str, **details: Any) -> Any:
        from console.store import AuditRecord

        return AuditRecord(self.staff.id, self.staff.role.value, action, customer_key, details)

    async def claim_selected(self) -> bool:
        h = self.selected_handoff()
        if h is None:
            return False
        won = await self.store.handoffs.claim(
            h.id, self.staff.id, self._audit("handoff.claimed", h.customer_key, handoff=h.id)
        )
        if not won:
            fresh = await self.store.handoffs.get(h.id)
            by = fresh.claimed_by if fresh is not None else "someone else"
            self.queue_message.setText(self.tr("Already claimed by %1").replace("%1", str(by)))
        else:
            self.queue_message.setText(self.tr("Claimed — yours now"))
        await self.refresh()
        return bool(won)

    async def open_selected(self) -> None:
        h = self.selected_handoff()
        if h is None:
            return
        if h.claimed_by not in (None, self.staff.id):
            self.queue_message.setText(
                self.tr("Claimed by %1 — open it read-only").replace("%1", str(h.claimed_by))
            )
        self.opened = h
        self.banner.setText(self._pinned(h, []))
        self.banner.setVisible(True)
        query = str(h.snapshot.get("query") or h.customer_name)
        self.window.search.box.setText(query)
        await self.window.run_search(query)

    def _pinned(self, h: Any, changes: list[str]) -> str:
        lines = [
            self.tr("Handoff from %1 (%2):")
            .replace("%1", h.from_staff)
            .replace("%2", h.created_at[:16].replace("T", " ")),
            self.tr("Customer wants: %1").replace("%1", h.wants),
        ]
        if h.done:
            lines.append(self.tr("Done: %1").replace("%1", h.done))
        if h.pending:
            lines.append(self.tr("Pending: %1").replace("%1", h.pending))
        if h.callback_at:
            lines.append(self.tr("Call-back promised: %1").replace("%1", h.callback_at))
        if changes:
            lines.append(self.tr("Changed since the handoff: %1").replace("%1", "; ".join(changes)))
        else:
            lines.append(self.tr("Nothing changed since the handoff."))
        return "\n".join(lines)

    def _view_complete(self) -> None:
        h = self.opened
        if h is None:
            self.banner.setVisible(False)
            return
        key = self._customer_key()
        if key and key != h.customer_key:
            self.opened = None
            self.banner.setVisible(False)
            return
        changes = diff_snapshot(h.snapshot, snapshot_of(self._records()))
        self.banner.setText(self._pinned(h, changes))
        self.banner.setVisible(True)
        self.handoffOpened.emit(h.id)

    async def resolve_opened(self) -> bool:
        h = self.opened or self.selected_handoff()
        if h is None:
            return False
        done = await self.store.handoffs.resolve(
            h.id, self.staff.id, self._audit("handoff.resolved", h.customer_key, handoff=h.id)
        )
        self.queue_message.setText(
            self.tr("Resolved") if done else self.tr("Claimed by someone else — not resolved")
        )
        if done:
            self.opened = None
            self.banner.setVisible(False)
        await self.refresh()
        return bool(done)

    # ---- approvals ----------------------------------------------------------------------------

    def _show_approval(self, *_: object) -> None:
        a = self.selected_approval()
        if a is None:
            self.approval_detail.setText("")
            return
        who = a.requester.get("name") or a.requester.get("id", "")
        lines = [
            *a.summary,
            self.tr("Requested by %1 for %2").replace("%1", who).replace("%2", a.customer_key),
        ]
        if a.note:
            lines.append(self.tr("Note: %1").replace("%1", a.note))
        self.approval_detail.setText("\n".join(lines))

    def selected_approval(self) -> Any:
        index = self.approvals_view.currentIndex()
        if index.isValid():
            return self.approvals_model.items[index.row()]
        return self.approvals_model.items[0] if self.approvals_model.items else None

    async def decide_selected(self, approve: bool) -> Any:
        a = self.selected_approval()
        if a is None:
            return None
        comment = self.comment.text().strip()
        try:
            if approve:
                handle = await self.actions.approve(a.id, self.staff, comment)
                self.approval_message.setText(
                    self.tr("Approved: %1").replace("%1", f"{handle.state.value} {handle.message}".strip())
                )
            else:
                if not comment:
                    self.approval_message.setText(self.tr("Say why the request is denied"))
                    return None
                await self.actions.deny(a.id, self.staff, comment)
                self.approval_message.setText(self.tr("Denied"))
        except Exception as exc:  # ActionError and store errors: in words, nothing else changes
            self.approval_message.setText(str(exc))
            return None
        self.comment.clear()
        await self.refresh()
        return True

    def pending(self) -> int:
        return self._tasks.pending()

    def shutdown(self) -> None:
        """Stop polling; what is in flight finishes (it only reads or records decisions)."""
        try:
            self.timer.stop()
        except RuntimeError:  # the window (and the timer with it) is already gone
            pass
