"""Python's cyclic garbage collector, run on the GUI thread only.

Python collects cycles in whichever thread happens to allocate when a threshold is crossed:
aiosqlite's worker, the demo backends' server thread, `asyncio.to_thread` workers. When such a
collection frees a cycle that holds a QObject (a widget, a timer, a model), the C++ object is
deleted on that thread; Qt cannot unregister the object's timers from there, so the GUI thread
later fires a timer on freed memory and the process dies (`QTimerInfoList::activateTimers` ->
`QMetaObject::cast`). This was the intermittent crash of the end-to-end tests.

So automatic collection is switched off and a timer on the GUI thread collects instead, each
generation when its threshold is reached — the approach pyqtgraph takes for the same reason.
The timer runs often and the middle generation is collected every MIDDLE_EVERY young
collections (not CPython's 10), so that each collection stays small: while a customer with
50,000 carrier events loads, a middle collection over ten young ones held the window for 44 ms.
The full collection walks every object (a few hundred ms with such a customer open): it runs at
most once a minute, and only when the agent has not searched or opened anyone for IDLE_S. What
exists when the guard is installed (modules, classes: the program itself) is frozen out of it.
"""

from __future__ import annotations

import gc
import time

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 50
MIDDLE_EVERY = 2
FULL_EVERY_S = 60.0
IDLE_S = 5.0

_guard: _Collector | None = None


class _Collector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        self.last_full = self.last_activity = time.monotonic()

    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds (GUI thread)."""
        t0, _, t2 = gc.get_threshold()
        c0, c1, c2 = gc.get_count()
        if c0 > t0:
            gc.collect(0)
            if c1 >= MIDDLE_EVERY:
                gc.collect(1)
        now = time.monotonic()
        if c2 > t2 and now - self.last_full >= FULL_EVERY_S and now - self.last_activity >= IDLE_S:
            gc.collect(2)
            self.last_full = time.monotonic()


def install() -> None:
    """Once per application: automatic collection off, collection on the GUI thread on."""
    global _guard
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the application first")
    if _guard is not None and shiboken6.isValid(_guard):
        return
    gc.disable()
    gc.freeze()  # the program itself: never garbage, never walked again
    _guard = _Collector(app)


def note_activity() -> None:
    """The agent is working (a search, a customer opening): no full collection for IDLE_S.
    (Not an application-wide event filter: one in Python made every Qt event, every paint
    included, call into Python, and start-up ~180 ms slower.)"""
    if _guard is not None and shiboken6.isValid(_guard):
        _guard.last_activity = time.monotonic()
