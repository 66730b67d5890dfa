"""Background coroutines started by the UI: kept referenced, cancellable, errors reported.

An exception in one goes to sys.excepthook (the app's one crash path, and a test failure under
pytest-qt), exactly like an exception in an `@asyncSlot`.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Coroutine
from typing import Any


def _report(task: asyncio.Task[Any]) -> None:
    if task.cancelled():
        return
    exc = task.exception()
    if exc is not None:
        sys.excepthook(type(exc), exc, exc.__traceback__)


class TaskGroup:
    """The tasks one widget started; `cancel_all()` when what they were for is gone."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(_report)
        return task

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    def pending(self) -> int:
        return sum(1 for t in self._tasks if not t.done())
