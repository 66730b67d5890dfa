"""The main window: one search box, then a candidate list or the single pane.

All I/O goes through the lookup service from `@asyncSlot`s. One piece of work (a search and
the person it opens) runs at a time: a new search cancels the task still running, and every
section event is checked against the person shown, so a late answer never paints someone else.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import aclosing
from datetime import UTC, datetime
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QTableView, QVBoxLayout, QWidget
from qasync import asyncSlot

from console.domain.model import SystemKind
from console.services.classify import InvalidQuery
from console.services.events import (
    CandidatesChanged,
    SectionFailed,
    SectionLoaded,
    SystemAnswered,
    SystemSearchFailed,
    SystemSlow,
)
from console.services.person import Person
from console.ui import gc_guard
from console.ui import theme as themes
from console.ui.candidates import CandidateList
from console.ui.pane import PersonPane
from console.ui.search_bar import SearchBar
from console.ui.sections.orders import StockLookup
from console.ui.shortcut_sheet import ShortcutSheet
from console.ui.status_chips import ChipState, system_title
from console.ui.tasks import TaskGroup
from console.ui.widgets import plain_label


def _default_stock(lookup: Any) -> StockLookup | None:
    stock = getattr(lookup, "stock", None)
    if callable(stock):
        return stock  # type: ignore[no-any-return]
    connectors = getattr(lookup, "connectors", None)
    orders = getattr(connectors, "orders", None)
    if orders is not None and callable(getattr(orders, "stock", None)):
        return lambda sku, store_id: orders.stock(sku, store_id)
    return None


log = logging.getLogger(__name__)

# A clear person is shown before the search ends only when it is still waiting this long after
# knowing them (a lagging system); answers that come together open the view once, complete.
PREVIEW_GRACE_MS = 40
# "Searching for …" appears this long after Enter: under one frame, after the requests are sent.
SEARCH_FEEDBACK_MS = 12
STATUS_MS = 10_000  # how long a passing message stays in the status bar


class MainWindow(QMainWindow):
    searchStarted = Signal(str)
    candidatesShown = Signal(int)
    personOpened = Signal(str)  # Person.id
    sectionPainted = Signal(str)  # SystemKind value, or "summary"
    viewComplete = Signal()
    linkSaved = Signal(str, str, str)  # ref_a, ref_b, "confirm" | "split" | "undo", once stored
    themeChanged = Signal(str)

    def __init__(
        self,
        lookup: Any,
        *,
        staff_name: str = "",
        theme: str = "system",
        stock_lookup: StockLookup | None = None,
        clock: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.lookup = lookup
        self.staff_name = staff_name
        self._clock: Callable[[], datetime] = (
            clock or getattr(lookup, "clock", None) or (lambda: datetime.now(UTC))
        )
        self._work: asyncio.Task[Any] | None = None
        self._previewed: Person | None = None  # the clear person shown while the search runs
        self._pending_preview: Person | None = None
        self._slow_in_search: set[SystemKind] = set()  # systems the running search found slow
        self._failed_in_search: dict[SystemKind, str] = {}  # systems the running search could not reach
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_GRACE_MS)
        self._preview_timer.timeout.connect(self._show_preview)
        self._searching_text = ""
        self._feedback_timer = QTimer(self)
        self._feedback_timer.setSingleShot(True)
        self._feedback_timer.setInterval(SEARCH_FEEDBACK_MS)
        self._feedback_timer.timeout.connect(self._show_searching)
        self._side_tasks = TaskGroup()
        self._saving = TaskGroup()  # link decisions being stored: a new search does not cancel them
        # Stores an agent's link decision (and its audit entry); set by the app once it has a store.
        self.link_recorder: Callable[[str, str, str], Awaitable[None]] | None = None
        self._last_text = ""
        self._work_count = 0  # searches and opens started: a saved link decision re-searches only if none
        self._chosen = False  # the person shown was picked from the candidate list
        self.setWindowTitle(self.tr("OnePane"))
        self.resize(1600, 1000)

        central = QWidget(self)
        central.setObjectName("Central")
        self.search = SearchBar(central)
        self.candidates = CandidateList(central)
        self.pane = PersonPane(self._clock, stock_lookup or _default_stock(lookup), central)
        self.welcome = plain_label(
            self.tr(
                "Search once: type or scan what the customer gives you — e-mail, phone, order, "
                "receipt, parcel or payment reference, or a name — and press Enter.\n"
                "F1 lists every shortcut."
            ),
            "Muted",
            central,
        )
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome.setWordWrap(True)
        self.stack = QStackedWidget(central)
        for page in (self.welcome, self.candidates, self.pane):
            self.stack.addWidget(page)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.search.submitted.connect(self.run_search)
        self.candidates.personChosen.connect(self.open_person)
        self.candidates.linkDecision.connect(self.decide_link)
        self.pane.linkDecision.connect(self.decide_link)
        self.pane.retryRequested.connect(self.retry_system)
        self.pane.sectionPainted.connect(self.sectionPainted)
        self.pane.viewComplete.connect(self.viewComplete)
        self.pane.viewComplete.connect(gc_guard.note_activity)

        self._shortcuts: list[tuple[str, str]] = []
        self._build_shortcuts()
        self._build_menus(theme)
        # a widget, not a message: passing messages cover it for their while, then it shows again
        self.signed_in = plain_label(
            self.tr("Signed in as %1").replace("%1", staff_name) if staff_name else self.tr("Ready"),
            "",
            self,
        )
        self.statusBar().addWidget(self.signed_in, 1)
        self.theme_choice = theme
        self.theme_name = themes.apply(self, theme)
        hints = QGuiApplication.styleHints()
        if hints is not None:  # "system" follows the desktop when it switches light/dark
            hints.colorSchemeChanged.connect(self._system_scheme_changed)
        self.search.focus_search()

    # -- keyboard ---------------------------------------------------------------------------------

    def _shortcut(self, keys: str | QKeySequence.StandardKey, what: str, slot: Callable[[], Any]) -> None:
        sequence = QKeySequence(keys)
        shortcut = QShortcut(sequence, self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(slot)
        self._shortcuts.append((sequence.toString(QKeySequence.SequenceFormat.NativeText), what))

    def _build_shortcuts(self) -> None:
        self._shortcut("Ctrl+K", self.tr("Search (also F3)"), self.search.focus_search)
        self._shortcut("F3", self.tr("Search"), self.search.focus_search)
        self._shortcuts.append((self.tr("Enter"), self.tr("Run the search / open the selected person")))
        titles = [
            self.tr("Profile"),
            self.tr("Orders"),
            self.tr("Payments"),
            self.tr("Deliveries"),
            self.tr("Cases and notes"),
            self.tr("Timeline"),
        ]
        for number, title in enumerate(titles, start=1):
            self._shortcut(
                f"Alt+{number}",
                self.tr("Go to %1").replace("%1", title),
                partial(self.pane.focus_section, number),
            )
        self._shortcut("Ctrl+Shift+F", self.tr("Filter the timeline by kind"), self.focus_timeline_filter)
        self._shortcut(
            "Ctrl+Shift+S",
            self.tr("Check store stock for the selected order line"),
            self.pane.orders.check_stock,
        )
        self._shortcut(
            "Ctrl+Shift+O",
            self.tr("Sort the table by the current column (again: reversed; a third time: as it came)"),
            self.sort_focused_table,
        )
        self._shortcut("Ctrl+R", self.tr("Retry every system that is down or stale"), self.retry_failed)
        self._shortcut("Escape", self.tr("Back to the search box"), self.search.focus_search)
        self._shortcut("F1", self.tr("This sheet"), self.show_shortcuts)
        self._shortcuts.append((self.tr("Tab / Shift+Tab"), self.tr("Next / previous control")))

    def sort_focused_table(self) -> None:
        """The keyboard's click on a column title: the table with the focus, by its current column."""
        view = QApplication.focusWidget()
        if not isinstance(view, QTableView) or view.model() is None or not view.isSortingEnabled():
            return
        header = view.horizontalHeader()
        column = max(view.currentIndex().column(), 0)
        title = str(view.model().headerData(column, Qt.Orientation.Horizontal) or "")
        if header.sortIndicatorSection() != column:
            view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
            said = self.tr("Sorted by %1, ascending").replace("%1", title)
        elif header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder:
            view.sortByColumn(column, Qt.SortOrder.DescendingOrder)
            said = self.tr("Sorted by %1, descending").replace("%1", title)
        else:
            view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
            said = self.tr("In its own order again")
        self.statusBar().showMessage(said, STATUS_MS)

    def _build_menus(self, theme: str) -> None:
        view = self.menuBar().addMenu(self.tr("&View"))
        group = QActionGroup(self)
        group.setExclusive(True)
        self.theme_actions: dict[str, QAction] = {}
        for name, label in (
            ("light", self.tr("&Light theme")),
            ("dark", self.tr("&Dark theme")),
            ("system", self.tr("&System theme")),
        ):
            action = QAction(label, self)
            action.setCheckable(True)
            action.setChecked(name == theme)
            action.triggered.connect(lambda _checked=False, n=name: self.set_theme(n))
            group.addAction(action)
            view.addAction(action)
            self.theme_actions[name] = action
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        sheet = QAction(self.tr("&Keyboard shortcuts"), self)
        sheet.setShortcut(QKeySequence("F1"))
        sheet.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # F1 itself is a window shortcut
        sheet.triggered.connect(self.show_shortcuts)
        help_menu.addAction(sheet)

    def shortcuts(self) -> list[tuple[str, str]]:
        return list(self._shortcuts)

    def show_shortcuts(self) -> ShortcutSheet:
        sheet = ShortcutSheet(self._shortcuts, self)
        sheet.setStyleSheet(self.styleSheet())
        sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        sheet.open()
        self.shortcut_sheet = sheet
        return sheet

    def focus_timeline_filter(self) -> None:
        if self.stack.currentWidget() is self.pane:
            self.pane.timeline.kind_filter.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _system_scheme_changed(self, _scheme: object = None) -> None:
        if self.theme_choice == "system":
            name = themes.resolve("system")
            if name != self.theme_name:
                self.theme_name = themes.apply(self, "system")
                self.pane.update()
                self.themeChanged.emit("system")

    def set_theme(self, name: str) -> None:
        self.theme_choice = name
        self.theme_name = themes.apply(self, name)
        if name in self.theme_actions:
            self.theme_actions[name].setChecked(True)
        self.pane.update()
        self.themeChanged.emit(name)

    # -- work: one at a time ----------------------------------------------------------------------

    def _take_over(self) -> None:
        """The current task becomes THE work; whatever ran before is cancelled."""
        previous, self._work = self._work, asyncio.current_task()
        self._work_count += 1
        if previous is not None and previous is not self._work and not previous.done():
            previous.cancel()
        self._side_tasks.cancel_all()

    def _is_current(self) -> bool:
        return self._work is not None and self._work is asyncio.current_task()

    def busy(self) -> bool:
        return self._work is not None and not self._work.done()

    @asyncSlot(str)
    async def run_search(self, text: str) -> None:
        try:
            self.lookup.classify(text)
        except InvalidQuery as exc:
            self.search.show_problem(exc.message)  # nothing else changes
            return
        self._take_over()
        gc_guard.note_activity()
        self._preview_timer.stop()
        self._previewed = self._pending_preview = None
        self._slow_in_search = set()
        self._failed_in_search = {}
        self._chosen = False
        self._last_text = text
        # The requests go out first; the window says "Searching…" a frame later (repainting the
        # search bar first would hold up the five requests by that paint).
        self._searching_text = self.tr("Searching for “%1”…").replace("%1", text.strip())
        self._feedback_timer.start()
        self.searchStarted.emit(text)
        answered: dict[SystemKind, str] = {}
        try:
            async with aclosing(self.lookup.search(text)) as events:
                async for event in events:
                    if not self._is_current():
                        return
                    if isinstance(event, SystemAnswered):
                        answered[event.system] = self.tr("%1 found").replace("%1", str(event.hits))
                    elif isinstance(event, SystemSearchFailed):
                        answered[event.system] = self.tr("down: %1").replace("%1", event.error.message)
                        self._failed_in_search[event.system] = event.error.message
                        if self._previewed is not None:
                            self.pane.mark_down(event.system, event.error.message)
                    elif isinstance(event, SystemSlow):
                        answered.setdefault(event.system, self.tr("slow"))
                        self._slow_in_search.add(event.system)
                        if self._previewed is not None:
                            self.pane.mark_slow(event.system)
                    elif isinstance(event, CandidatesChanged) and event.final:
                        await self._decide(event.persons, text)
                        return
                    elif isinstance(event, CandidatesChanged):
                        self._preview(event.persons)
                    self._progress(
                        " · ".join(f"{system_title(s)}: {answered[s]}" for s in SystemKind if s in answered)
                    )
        except InvalidQuery as exc:
            self.search.show_problem(exc.message)
        finally:
            if self._is_current():
                self._work = None

    def _show_searching(self) -> None:
        if self.busy():
            self._progress(self._searching_text)

    def _progress(self, text: str) -> None:
        """The search bar's progress line (and a problem shown before is gone)."""
        self._feedback_timer.stop()
        if self.search.problem_text():
            self.search.show_problem("")
        self.search.set_progress(text)

    def _preview(self, persons: tuple[Person, ...]) -> None:
        """While systems still answer: one clear person so far is remembered, and shown with what
        the search already holds in full if the search is still waiting PREVIEW_GRACE_MS later
        (a lagging system). When all answer together, the view simply opens once, complete."""
        if len(persons) != 1 or not persons[0].clear:
            self._pending_preview = None
            return
        self._pending_preview = persons[0]
        if self._previewed is not None:
            self._show_preview()  # already showing: take in what the new answer brought
        elif not self._preview_timer.isActive():
            self._preview_timer.start()

    def _show_preview(self) -> None:
        person = self._pending_preview
        if person is None or self._work is None or self._work.done():
            return
        ready = self.lookup.ready_sections(person)
        if not ready:
            return
        shown = self._previewed
        if shown is None or not _same_customer(shown, person):
            self.stack.setCurrentWidget(self.pane)
            self.pane.begin(person)
        else:
            self.pane.rebind(person)
        self._previewed = person
        self.pane.apply_all(e for e in ready if e.system not in self.pane.state)
        for system in self._slow_in_search:
            self.pane.mark_slow(system)
        for system, error in self._failed_in_search.items():
            self.pane.mark_down(system, error)

    async def _decide(self, persons: tuple[Person, ...], text: str) -> None:
        self._preview_timer.stop()
        self._pending_preview = None
        previewed, self._previewed = self._previewed, None
        if len(persons) == 1 and persons[0].clear:
            continuing = (
                previewed is not None
                and self.pane.person is previewed
                and _same_customer(previewed, persons[0])
            )
            await self._open(persons[0], continuing=continuing)
            return
        if not persons:
            self._progress(self.tr("No one found for “%1”.").replace("%1", text.strip()))
            self.welcome.setText(
                self.tr(
                    "No customer matches “%1” in any system. Check the spelling, or try an "
                    "e-mail, phone or order number."
                ).replace("%1", text.strip())
            )
            self.stack.setCurrentWidget(self.welcome)
            return
        self.candidates.set_people(persons, text.strip(), final=True)
        self.stack.setCurrentWidget(self.candidates)
        self._progress(self.tr("%1 people found.").replace("%1", str(len(persons))))
        self.candidates.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.candidatesShown.emit(len(persons))

    @asyncSlot(object)
    async def open_person(self, person: Person) -> None:
        self._take_over()
        self._chosen = True
        try:
            await self._open(person)
        finally:
            if self._is_current():
                self._work = None

    async def _open(self, person: Person, *, continuing: bool = False) -> None:
        self.stack.setCurrentWidget(self.pane)
        ready = self.lookup.ready_sections(person)
        if continuing:  # shown while the search ran: keep what is painted
            self.pane.rebind(person)
        else:  # what the search holds in full is rendered in this same tick: no clearing it first
            self.pane.begin(person, filled=frozenset(e.system for e in ready))
        complete = {e.system for e in ready} == set(SystemKind)
        self.pane.apply_all(ready, last=complete)  # drops events for anyone but the person shown
        self.personOpened.emit(person.id)
        self._progress(self.tr("Showing %1").replace("%1", person.name))
        opening = self.lookup.open(person, slow_events=True, ready=ready, yield_ready=False)
        async with aclosing(opening) as events:
            async for event in events:
                if not self._is_current():
                    return
                if isinstance(event, SectionLoaded | SectionFailed):
                    self.pane.apply(event)  # drops events for anyone but the person shown
                elif isinstance(event, SystemSlow):
                    self.pane.mark_slow(event.system, event.person_id)
        if self._is_current() and not complete:
            self.pane.finish()

    # -- link decisions ---------------------------------------------------------------------------

    def decide_link(self, ref_a: str, ref_b: str, decision: str) -> None:
        """The agent confirmed or split a suggested link, or undid such a decision: store it
        (audited), then show the search again with it applied."""
        self._saving.spawn(self._save_link(ref_a, ref_b, decision, self._work_count))

    async def _save_link(self, ref_a: str, ref_b: str, decision: str, work_count: int) -> None:
        error: str | None = None
        if self.link_recorder is None:
            error = self.tr("no local store to keep it in")
        else:
            try:
                await self.link_recorder(ref_a, ref_b, decision)
            except Exception as exc:  # any failure is reported; the row is usable again
                log.warning("link decision not saved: %s", type(exc).__name__)
                error = str(exc) or type(exc).__name__
        for links in (self.candidates.links, self.pane.profile_section.links):
            links.settle(ref_b, decision, error)
        if error is not None:
            self.statusBar().showMessage(
                self.tr("The link decision was not saved: %1").replace("%1", error), STATUS_MS
            )
            return
        self.linkSaved.emit(ref_a, ref_b, decision)
        again = work_count == self._work_count and not self.busy() and not self._chosen and self._last_text
        if again:  # the view still shows that search's answer: show it with the decision applied
            self.statusBar().showMessage(self.tr("Link decision saved; searching again."), STATUS_MS)
            self.run_search(self._last_text)
        else:
            self.statusBar().showMessage(self.tr("Link decision saved; the next search uses it."), STATUS_MS)

    # -- retry ------------------------------------------------------------------------------------------

    def retry_system(self, system_value: str) -> None:
        person = self.pane.person
        if person is None:
            return
        system = SystemKind(system_value)
        self.pane.chips.chip(system).set_state(ChipState.WAITING)
        self._side_tasks.spawn(self._retry(person, system))

    def retry_failed(self) -> None:
        for system, state in list(self.pane.state.items()):
            if state in (ChipState.DOWN, ChipState.STALE):
                self.retry_system(system.value)

    async def _retry(self, person: Person, system: SystemKind) -> None:
        event = await self.lookup.retry(person, system)
        if self.pane.person is person and self.pane.apply(event):
            self.pane.refresh_derived()

    # -- lifecycle -----------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self._preview_timer.stop()
        if self._work is not None and not self._work.done():
            self._work.cancel()
        self._side_tasks.cancel_all()
        self.pane.shutdown()
        super().closeEvent(event)


def _same_customer(a: Person, b: Person) -> bool:
    """Two linkings of one search that share a record are the same customer seen more fully."""
    if a.id == b.id:
        return True
    refs = {getattr(r, "ref", None) for records in a.records.values() for r in records} - {None}
    return any(getattr(r, "ref", None) in refs for records in b.records.values() for r in records)
