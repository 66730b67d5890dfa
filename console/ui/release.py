"""Letting go of a big list a slice at a time.

Dropping the last reference to a list of 60,000 timeline entries frees all of them, and their
strings, in one go: tens of ms in which the window cannot paint. A list handed to `later` is
emptied from the end in slices of SLICE between events instead; it must be the caller's own
(nobody else appends to it), and the objects are freed only if nothing else still holds them.
"""

from __future__ import annotations

import time
from collections import deque
from typing import Any

from PySide6.QtCore import QTimer

SLICE = 2000  # references dropped at a time
BUDGET_S = 0.004  # UI-thread time spent per turn
SMALL = SLICE  # shorter lists are simply dropped

_lists: deque[list[Any]] = deque()
_scheduled = False


def later(items: list[Any]) -> None:
    """Take over `items` (the caller's last reference to it) and empty it bit by bit."""
    global _scheduled
    if len(items) < SMALL:
        return
    _lists.append(items)
    if not _scheduled:
        _scheduled = True
        QTimer.singleShot(0, _turn)


def pending() -> int:
    return sum(len(items) for items in _lists)


def _turn() -> None:
    global _scheduled
    deadline = time.perf_counter() + BUDGET_S
    while _lists and time.perf_counter() < deadline:
        items = _lists[0]
        del items[-SLICE:]
        if not items:
            _lists.popleft()
    if _lists:
        QTimer.singleShot(1, _turn)
    else:
        _scheduled = False
