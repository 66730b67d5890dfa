"""Python's cyclic garbage collector, run on the GUI thread only.

Python collects cycles in whichever thread happens to allocate when a threshold is crossed:
aiosqlite's worker, the demo backends' server thread, `asyncio.to_thread` workers. When such a
collection frees a cycle that holds a QObject (a widget, a timer, a model), the C++ object is
deleted on that thread; Qt cannot unregister the object's timers from there, so the GUI thread
later fires a timer on freed memory and the process dies (`QTimerInfoList::activateTimers` ->
`QMetaObject::cast`). This was the intermittent crash of the end-to-end tests.

So automatic collection is switched off and a timer on the GUI thread collects instead, each
generation when its threshold is reached — the approach pyqtgraph takes for the same reason.
The timer runs often (young collections stay small: a collection over half a second of a large
customer's allocations held the window for 10-20 ms) and the full collection, which walks every
object, at most once a minute (CPython itself defers it by a heuristic this guard cannot see).
"""

from __future__ import annotations

import gc
import time

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 50
FULL_EVERY_S = 60.0

_guard: _Collector | None = None


class _Collector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        self.last_full = time.monotonic()

    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds (GUI thread)."""
        t0, t1, t2 = gc.get_threshold()
        c0, c1, c2 = gc.get_count()
        if c0 > t0:
            gc.collect(0)
            if c1 > t1:
                gc.collect(1)
                if c2 > t2 and time.monotonic() - self.last_full >= FULL_EVERY_S:
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
    _guard = _Collector(app)
