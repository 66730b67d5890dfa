"""Keyboard-wedge barcode scanners: a scan "types" a burst of characters ending with Enter. A
scan anywhere in the window — focus in a note, a table, a dialog — goes to search instead of
into whatever had focus.

How a scan is told from typing: by a configurable prefix the scanner sends first (reliable), or
by timing — keys less than `max_gap_ms` apart, at least `min_length` of them, then Enter. While
focus is outside the search box, printable keys are held for `max_gap_ms`; if no burst follows
they are delivered unchanged to where they were going (so typing is delayed by at most that,
never lost or reordered)."""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


class ScanDetector(QObject):
    scanned = Signal(str)

    def __init__(
        self,
        window: QWidget,
        search_box: QWidget,
        *,
        max_gap_ms: float = 35.0,
        min_length: int = 6,
        prefix: str = "",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.search_box = search_box
        self.max_gap_s = max_gap_ms / 1000.0
        self.min_length = min_length
        self.prefix = prefix
        self._clock = clock
        self._held: list[tuple[QObject, int, int, Qt.KeyboardModifier, str]] = []
        self._last = 0.0
        self._replaying = False
        self._in_prefix = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, int(max_gap_ms * 2)))
        self._timer.timeout.connect(self.flush)
        # Only the widget that has the keyboard focus is watched (an application-wide Python
        # event filter would see every event of every object, even ones being destroyed).
        self._watched: QWidget | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
            self._focus_changed(None, app.focusWidget())

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._watched is not None and shiboken6.isValid(self._watched):
            self._watched.removeEventFilter(self)
        self._watched = None
        if new is not None and self._ours(new):
            new.installEventFilter(self)
            self._watched = new

    def _ours(self, obj: QObject) -> bool:
        w = obj if isinstance(obj, QWidget) else None
        return (
            w is not None and (w is self.window or self.window.isAncestorOf(w)) and w is not self.search_box
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if not self._ours(watched):
            return False
        text = event.text()
        key = event.key()
        now = self._clock()
        if self.prefix and text == self.prefix and not self._held:
            self._in_prefix = True
            self._last = now
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            chars = "".join(h[4] for h in self._held)
            fast = self._held and now - self._last <= self.max_gap_s
            if (self._in_prefix and chars) or (fast and len(chars) >= self.min_length):
                self._held.clear()
                self._timer.stop()
                self._in_prefix = False
                self.scanned.emit(chars.strip())
                return True
            self.flush()
            return False
        if (
            not text
            or not text.isprintable()
            or event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            self.flush()
            return False
        if self._held and now - self._last > self.max_gap_s and not self._in_prefix:
            self.flush()  # the gap was too long: what was held was typing
        self._held.append((watched, QEvent.Type.KeyPress.value, key, event.modifiers(), text))
        self._last = now
        self._timer.start()
        return True

    def flush(self) -> None:
        """Deliver held keys to where they were going (typing, not a scan)."""
        held, self._held = self._held, []
        self._in_prefix = False
        self._timer.stop()
        self._replaying = True
        try:
            for target, _type, key, modifiers, text in held:
                if not shiboken6.isValid(target):
                    continue
                QApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyPress, key, modifiers, text))
                QApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyRelease, key, modifiers, text))
        finally:
            self._replaying = False

    def shutdown(self) -> None:
        self.flush()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            try:
                app.focusChanged.disconnect(self._focus_changed)
            except (RuntimeError, TypeError):
                pass
        if self._watched is not None and shiboken6.isValid(self._watched):
            self._watched.removeEventFilter(self)
        self._watched = None
