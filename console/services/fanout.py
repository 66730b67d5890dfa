"""Run coroutines in parallel and read what they report, in the order they report it.

The reader is an async generator; when it stops (the agent searched again and the UI closed
the iterator), `aclose()` cancels every task still running, so that no late answer for one
customer is ever delivered, or even computed, for another.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import AsyncIterator, Coroutine
from typing import Any

log = logging.getLogger(__name__)


class FanOut:
    def __init__(self) -> None:
        self._items: deque[object] = deque()
        self._wake = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()

    def spawn(self, coro: Coroutine[Any, Any, None], *, name: str | None = None) -> None:
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def emit(self, item: object) -> None:
        self._items.append(item)
        self._wake.set()

    def emit_later(self, delay_s: float, item: object) -> asyncio.TimerHandle:
        """Emit `item` after `delay_s` unless the returned handle is cancelled first."""
        return asyncio.get_running_loop().call_later(delay_s, self.emit, item)

    @property
    def running(self) -> int:
        return len(self._tasks)

    def waiting(self, kind: type) -> bool:
        """Whether an item of `kind` was emitted and not read yet (answers that came together)."""
        return any(isinstance(item, kind) for item in self._items)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("lookup worker failed", exc_info=task.exception())
        self._wake.set()

    async def items(self) -> AsyncIterator[object]:
        """Everything emitted, until every task (including ones spawned meanwhile) is done."""
        while True:
            while self._items:
                yield self._items.popleft()
            if not self._tasks:
                return
            self._wake.clear()
            await self._wake.wait()

    async def aclose(self) -> None:
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)


__all__ = ["FanOut"]
