"""The single pane: one person's header, summary, system chips, five sections and the timeline.

Sections render the moment their system answers (`apply`), stale copies are marked as such,
and every event is checked against the person shown: a late answer for someone else is dropped.
Paged answers arrive as repeated `SectionLoaded`s with everything so far; after the first one
they are coalesced (at most one model reset per system per `COALESCE_MS`) so that a customer
with 5,000 orders does not reset a model a hundred times.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QVBoxLayout, QWidget

from console.domain import steps
from console.domain.model import Case, CustomerProfile, Shipment, SystemKind
from console.domain.timeline import TimelineEntry
from console.services.events import SectionFailed, SectionLoaded
from console.services.person import Person
from console.ui import formats
from console.ui.derive import Derived, derive, derive_steps
from console.ui.header import CustomerHeader
from console.ui.sections.base import Section
from console.ui.sections.cases import CasesSection
from console.ui.sections.deliveries import DeliveriesSection
from console.ui.sections.orders import OrdersSection, StockLookup
from console.ui.sections.payments import PaymentsSection
from console.ui.sections.profile import ProfileSection
from console.ui.sections.timeline import TimelineSection
from console.ui.status_chips import ChipBar, ChipState, system_title
from console.ui.tasks import TaskGroup
from console.ui.widgets import plain_label

COALESCE_MS = 120
SUMMARY_LINES = 3  # the summary box's steady height
NEXT_SECTION_MS = 25  # between two coalesced sections rendered one after the other
SMALL_VIEW = 400  # timeline entries: up to this many, summary and timeline are derived at once
SLICE_S = 0.004  # larger ones in slices of this much UI-thread time, the window breathing between
BIG_DERIVE_EVERY_S = 1.5  # and, while pages still stream in, at most this often


def _weight(data: dict[SystemKind, tuple[object, ...]]) -> int:
    """Timeline entries the data makes (records, carrier events, notes), counted up to just past
    SMALL_VIEW: a few shipments can carry thousands of carrier events."""
    n = 0
    for records in data.values():
        n += len(records)
        for r in records:
            if isinstance(r, Shipment):
                n += len(r.events)
            elif isinstance(r, Case):
                n += len(r.notes)
            if n > SMALL_VIEW:
                return n
    return n


def _records(data: object) -> tuple[object, ...]:
    if data is None:
        return ()
    if isinstance(data, tuple | list):
        return tuple(data)
    return (data,)


class PersonPane(QWidget):
    sectionPainted = Signal(str)  # SystemKind value, or "summary" when summary + timeline are in
    viewComplete = Signal()  # every system answered (or failed) and the summary is computed
    retryRequested = Signal(str)  # SystemKind value
    linkDecision = Signal(str, str, str)

    def __init__(
        self,
        now: Callable[[], datetime],
        stock_lookup: StockLookup | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._now = now
        self.person: Person | None = None
        self.profile: CustomerProfile | None = None
        self.data: dict[SystemKind, tuple[object, ...]] = {}
        self.state: dict[SystemKind, ChipState] = {}
        self._stale_since: dict[SystemKind, datetime | None] = {}
        self._capped: set[SystemKind] = set()  # shown only in part: the page limit was reached
        self._pending: dict[SystemKind, tuple[object, ...]] = {}
        self._painted: set[SystemKind] = set()
        self._finished = False
        self._batching = False
        self._derive_owed = False
        self._last_big_derive = 0.0
        self._generation = 0
        self._tasks = TaskGroup()
        self.derived: Derived | None = None
        self.extra_timeline: list[TimelineEntry] = []  # this session's actions on this person
        self.derive_ms = 0.0

        self.header = CustomerHeader(self)
        self.chips = ChipBar(self)
        self.chips.retryRequested.connect(self.retryRequested)
        self.summary = plain_label("", "Summary", self)
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.summary.setAccessibleName(self.tr("Situation summary"))
        self.summary.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.summary.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.profile_section = ProfileSection(self)
        self.profile_section.links.linkDecision.connect(self.linkDecision)
        self.orders = OrdersSection(stock_lookup, self)
        self.payments = PaymentsSection(self)
        self.deliveries = DeliveriesSection(now, self)
        self.cases = CasesSection(self)
        self.timeline = TimelineSection(self)
        self.sections: dict[SystemKind, Section] = {
            SystemKind.DIRECTORY: self.profile_section,
            SystemKind.ORDERS: self.orders,
            SystemKind.PAYMENTS: self.payments,
            SystemKind.DELIVERY: self.deliveries,
            SystemKind.CASES: self.cases,
        }

        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.chips, 0, Qt.AlignmentFlag.AlignTop)
        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(self.profile_section)
        left.addWidget(self.orders)
        left.addWidget(self.payments)
        left.setSizes([120, 420, 300])
        middle = QSplitter(Qt.Orientation.Vertical, self)
        middle.addWidget(self.deliveries)
        middle.addWidget(self.cases)
        middle.setSizes([460, 380])
        columns = QSplitter(Qt.Orientation.Horizontal, self)
        columns.addWidget(left)
        columns.addWidget(middle)
        columns.addWidget(self.timeline)
        columns.setSizes([510, 550, 520])
        for splitter in (left, middle, columns):
            splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(columns, 1)
        self.columns = columns

        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.timeout.connect(self._flush_one)

    # -- one person's lifecycle -----------------------------------------------------------------

    def begin(self, person: Person, *, filled: frozenset[SystemKind] = frozenset()) -> None:
        """Show `person` from what the search already knows; every section is loading. Sections
        in `filled` are about to be rendered in this same tick: they are not cleared first."""
        self._tasks.cancel_all()
        if SystemKind.ORDERS not in filled:
            self.orders.clear()
        self._generation += 1
        if self.person is None or self.person.id != person.id:
            self.extra_timeline = []
            self._paint_columns_next_turn()
        self.person = person
        self.profile = person.profile
        self.data = {}
        self.state = {}
        self._stale_since = {}
        self._capped = set()
        self._pending = {}
        self._painted = set()
        self._finished = False
        self.derived = None
        self._flush_timer.stop()
        if SystemKind.DIRECTORY not in filled:  # else the directory's answer shows them now
            self.header.show_person(person, person.profile)
            self.profile_section.show_profile(person, person.profile)
        self.summary.setText(self.tr("Asking every system about %1…").replace("%1", person.name))
        self._steady_summary()
        self.chips.reset(ChipState.WAITING, keep=filled)  # a filled one turns "ok" in this tick
        for system, section in self.sections.items():
            if system not in filled:
                section.show_loading()
        if SystemKind.PAYMENTS not in filled:
            self.payments.clear()
        if SystemKind.DELIVERY not in filled:
            self.deliveries.clear()
        if SystemKind.CASES not in filled:
            self.cases.clear()
        self.timeline.clear()

    def _steady_summary(self) -> None:
        """The summary box keeps room for SUMMARY_LINES lines: its text changes several times
        while systems answer, and each change of its height moved every section below it (a
        relayout and a repaint of the whole pane, 40-50 ms, for a sentence)."""
        self.summary.ensurePolished()
        frame = self.summary.height() - self.summary.contentsRect().height()
        frame = max(frame, 18)  # before the first layout: the stylesheet's padding and border
        height = self.summary.fontMetrics().lineSpacing() * SUMMARY_LINES + frame + 4  # + leading
        if self.summary.minimumHeight() != height:
            self.summary.setMinimumHeight(height)

    def _paint_columns_next_turn(self) -> None:
        """A customer opening repaints the whole pane (40-50 ms here): the header, summary and
        chips go first, the five sections and the timeline in the next turn of the event loop,
        so that the window takes a key between the two instead of after both."""
        if not self.isVisible() or not self.columns.updatesEnabled():
            return
        self.columns.setUpdatesEnabled(False)
        QTimer.singleShot(0, self._columns_back)

    def _columns_back(self) -> None:
        if shiboken6.isValid(self.columns):
            self.columns.setUpdatesEnabled(True)  # repaints them

    def rebind(self, person: Person) -> None:
        """The same customer, now with more of their records known (later answers of the search):
        keep what is painted, show the fuller header, and take the sections that follow."""
        self.person = person
        if person.profile is not None:
            self.profile = person.profile
        self.header.show_person(person, self.profile)
        if self.derived is None:  # else the summary of what is shown stands until the next one
            self.summary.setText(self.tr("Asking every system about %1…").replace("%1", person.name))

    def apply_all(self, events: Iterable[SectionLoaded | SectionFailed], *, last: bool = False) -> None:
        """Render several answers that are here together; the summary and timeline once, after.
        `last`: these were the last answers — the view is complete (see `finish`)."""
        with self._one_derive():
            for event in events:
                self.apply(event)
            if last:
                self._finished = True  # no partial summary first: the final one comes next
        if last:
            self.finish()

    @contextlib.contextmanager
    def _one_derive(self) -> Iterator[None]:
        self._batching, self._derive_owed = True, False
        try:
            yield
        finally:
            self._batching = False
            if self._derive_owed and not self._finished:
                self._schedule_derive(final=False)

    def apply(self, event: SectionLoaded | SectionFailed) -> bool:
        """Render one system's answer. False (and nothing changes) if it is for someone else."""
        if self.person is None or event.person_id != self.person.id:
            return False
        system = event.system
        if isinstance(event, SectionLoaded):
            self._stale_since.pop(system, None)
            records = _records(event.data)
            count = len(records)
            if event.more:
                self.state[system] = ChipState.MORE
                self.chips.chip(system).set_state(
                    ChipState.MORE,
                    detail=self.tr("%1 so far; more pages coming").replace("%1", formats.number(count)),
                )
                self.sections[system].show_more(count)
            else:
                self.state[system] = ChipState.OK
                self.chips.chip(system).set_state(
                    ChipState.OK, detail=self.tr("answered in %1 ms").replace("%1", f"{event.elapsed_ms:.0f}")
                )
                if event.capped:
                    self._capped.add(system)
                    self.sections[system].show_capped(count)
                else:
                    self._capped.discard(system)
                    self.sections[system].show_fresh()
            if system in self._painted and not self._finished:
                self._pending[system] = records
                if not self._flush_timer.isActive():
                    self._flush_timer.start(COALESCE_MS)
                return True
            self._render(system, records)
            return True
        error = event.error.message
        self._pending.pop(system, None)
        self._capped.discard(system)
        if event.stale is not None:
            self.state[system] = ChipState.STALE
            self._stale_since[system] = event.stale_since
            self.chips.chip(system).set_state(ChipState.STALE, detail=error, since=event.stale_since)
            self._render(system, event.stale)
            self.sections[system].show_stale(event.stale_since, error)
        else:
            self.state[system] = ChipState.DOWN
            self.chips.chip(system).set_state(ChipState.DOWN, detail=error)
            self._render(system, None)
            self.sections[system].show_down(error)
        return True

    def mark_slow(self, system: SystemKind, person_id: str | None = None) -> None:
        if person_id is not None and (self.person is None or person_id != self.person.id):
            return
        if self.state.get(system) is None:
            self.state[system] = ChipState.SLOW
            self.chips.chip(system).set_state(
                ChipState.SLOW, detail=self.tr("no answer yet; the rest of the pane works")
            )

    def mark_down(self, system: SystemKind, error: str) -> None:
        """The search could not reach `system` (it is asked again when the person opens): until
        then its chip says so instead of "waiting"; its section keeps its loading state."""
        if self.person is not None and self.state.get(system) in (None, ChipState.SLOW):
            self.state[system] = ChipState.DOWN
            self.chips.chip(system).set_state(
                ChipState.DOWN, detail=self.tr("%1 — asking again").replace("%1", error)
            )
            if self.derived is not None:  # the summary says what it is not based on
                self._schedule_derive(final=self._finished)

    def finish(self) -> None:
        """Every system has answered or failed: flush coalesced pages, compute the final summary."""
        self._finished = True
        self._flush()
        self._schedule_derive(final=True)

    def refresh_derived(self) -> None:
        """A section changed after the view was complete (a retry): recompute summary and timeline."""
        self._schedule_derive(final=self._finished)

    def is_complete(self) -> bool:
        return self._finished and self.derived is not None

    # -- rendering --------------------------------------------------------------------------------

    def _flush(self) -> None:
        """Everything coalesced, now (the view is complete)."""
        self._flush_timer.stop()
        pending, self._pending = self._pending, {}
        for system, records in pending.items():
            self._render(system, records)

    def _flush_one(self) -> None:
        """One coalesced section per turn: the repaint that follows covers one section, not four
        (with a customer's thousands of records streaming into four sections at once, one paint of
        all of them held the window for 50-70 ms)."""
        if not self._pending:
            return
        system = next(iter(self._pending))
        self._render(system, self._pending.pop(system))
        if self._pending:
            self._flush_timer.start(NEXT_SECTION_MS)

    def _render(self, system: SystemKind, data: object) -> None:
        records = _records(data)
        if system is SystemKind.DIRECTORY:
            profile = next((r for r in records if isinstance(r, CustomerProfile)), None)
            self.profile = profile or (self.person.profile if self.person else None)
            self.header.show_person(self.person, self.profile)
            self.profile_section.show_profile(self.person, self.profile)
            self.data[system] = records
        else:
            self.data[system] = records
            if system is SystemKind.ORDERS:
                self.orders.set_orders(records)  # type: ignore[arg-type]
            elif system is SystemKind.PAYMENTS:
                self.payments.set_payments(records)  # type: ignore[arg-type]
            elif system is SystemKind.DELIVERY:
                self.deliveries.set_shipments(records)  # type: ignore[arg-type]
            elif system is SystemKind.CASES:
                self.cases.set_cases(records)  # type: ignore[arg-type]
        self._painted.add(system)
        self.sections[system].update()
        self.sectionPainted.emit(system.value)
        if self._batching:
            self._derive_owed = True
        elif not self._finished:
            self._schedule_derive(final=False)

    def _schedule_derive(self, *, final: bool) -> None:
        if final:
            self._tasks.cancel_all()
        elif self._tasks.pending():
            return  # one is running; the final one (or the next section) will catch up
        if _weight(self.data) <= SMALL_VIEW:
            self._derive_now(final)  # a few ms: at once
            return
        if not final and time.monotonic() - self._last_big_derive < BIG_DERIVE_EVERY_S:
            return  # pages still streaming in: the summary follows at this pace, then once at the end
        self._last_big_derive = time.monotonic()
        self._tasks.spawn(self._derive(self._generation, final))

    def _derive_now(self, final: bool) -> None:
        person = self.person
        if person is None:
            return
        name = self.profile.name if self.profile else person.name
        started = time.perf_counter()
        derived = derive(
            name, dict(self.data), self._now(), tuple(self.extra_timeline), complete=self._answered()
        )
        self._show_derived(derived, started, final)

    async def _derive(self, generation: int, final: bool) -> None:
        person = self.person
        if person is None:
            return
        name = self.profile.name if self.profile else person.name
        started = time.perf_counter()
        derived = await steps.run_sliced(
            derive_steps(
                name, dict(self.data), self._now(), tuple(self.extra_timeline), complete=self._answered()
            ),
            SLICE_S,
        )
        if generation != self._generation:
            return
        self._show_derived(derived, started, final)

    def _answered(self) -> bool:
        """Records of every system the summary reads are here (fresh, or a last good copy)."""
        return all(
            self.state.get(s) in (ChipState.OK, ChipState.STALE)
            for s in SystemKind
            if s is not SystemKind.DIRECTORY
        )

    def _show_derived(self, derived: Derived, started: float, final: bool) -> None:
        self.derived = derived
        summary = derived.summary or self.tr("Nothing needs attention right now.")
        self.summary.setText(" ".join([summary, *self._caveats()]))
        self.timeline.set_entries(derived.timeline)
        self.timeline.show_fresh()
        self.derive_ms = (time.perf_counter() - started) * 1000.0
        self.sectionPainted.emit("summary")
        if final:
            self.viewComplete.emit()

    def _caveats(self) -> list[str]:
        """What the summary is not based on: systems still silent, down, or shown from a copy."""
        state = self.state
        out = []
        silent = (ChipState.WAITING, ChipState.SLOW)
        waiting = [s for s in SystemKind if state.get(s, ChipState.WAITING) in silent]
        if waiting and not self._finished:
            out.append(self.tr("Still asking: %1.").replace("%1", ", ".join(map(system_title, waiting))))
        loading = [s for s in SystemKind if state.get(s) is ChipState.MORE]
        if loading:
            out.append(self.tr("Still loading: %1.").replace("%1", ", ".join(map(system_title, loading))))
        if self._capped:
            capped = ", ".join(system_title(s) for s in SystemKind if s in self._capped)
            out.append(self.tr("Only part shown (too many records): %1.").replace("%1", capped))
        down = [s for s in SystemKind if state.get(s) is ChipState.DOWN]
        if down:
            out.append(self.tr("Not available: %1.").replace("%1", ", ".join(map(system_title, down))))
        stale = [self._copy_of(s) for s in SystemKind if state.get(s) is ChipState.STALE]
        if stale:
            out.append(self.tr("From the last good copy: %1.").replace("%1", ", ".join(stale)))
        return out

    def _copy_of(self, system: SystemKind) -> str:
        since = self._stale_since.get(system)
        if since is None:
            return system_title(system)
        return self.tr("%1 as of %2").replace("%1", system_title(system)).replace("%2", formats.hhmm(since))

    def add_timeline_entry(self, entry: TimelineEntry) -> None:
        """An action taken from this pane: shown in the timeline at once, with its result."""
        self.extra_timeline.append(entry)
        self._schedule_derive(final=False)

    # -- keyboard -----------------------------------------------------------------------------------

    def focus_section(self, number: int) -> None:
        """Alt+1…5: profile, orders, payments, deliveries, cases; 6: timeline."""
        order = [*self.sections.values(), self.timeline]
        if 1 <= number <= len(order):
            order[number - 1].focus_target().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def shutdown(self) -> None:
        self._tasks.cancel_all()
        self.orders.clear()
