"""Shared test fixtures.

`qasync_loop`: pytest-qt drives the Qt event loop (qtbot.waitSignal / waitUntil), and a
`qasync.QEventLoop(qapp, already_running=True)` makes that loop asyncio's running loop, so that
`@asyncSlot` coroutines really run inside the test. Without it, an `@asyncSlot` button does
nothing and a test passes for the wrong reason (tests/gui/test_async_fixture.py guards this).
An exception in an async slot reaches sys.excepthook, which pytest-qt turns into a failure;
an exception in any other task reaches the loop's exception handler, which fails the test too.
Tasks still pending at teardown fail the test.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture
def qasync_loop(qapp: Any) -> Iterator[asyncio.AbstractEventLoop]:
    import qasync

    from console.ui import gc_guard

    gc_guard.install()
    loop = qasync.QEventLoop(qapp, already_running=True)
    errors: list[dict[str, Any]] = []
    loop.set_exception_handler(lambda _loop, context: errors.append(context))
    try:
        yield loop
        # Let cancellations that the code under test requested finish unwinding.
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        if pending:
            deadline = 50
            while pending and deadline:
                qapp.processEvents()
                pending = [t for t in pending if not t.done()]
                deadline -= 1
    finally:
        leftover = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in leftover:
            task.cancel()
        for _ in range(20):
            if all(t.done() for t in leftover):
                break
            qapp.processEvents()
        # Do NOT loop.stop(): it calls app.exit() and breaks the next test. Mark the loop as
        # no longer running instead, then close it so that its selector and timers go away.
        asyncio.events._set_running_loop(None)
        try:
            qapp.aboutToQuit.disconnect(loop._after_run_forever)
        except (RuntimeError, TypeError):
            pass
        loop._after_run_forever()
        loop._QEventLoop__is_running = False
        loop.close()
    if errors:
        pytest.fail(
            f"unhandled error in an asyncio task: {errors[0].get('message')}: {errors[0].get('exception')!r}"
        )
    if leftover:
        pytest.fail(f"tasks left pending at teardown: {leftover!r}")


def pytest_sessionstart(session: Any) -> None:
    # Python's cyclic GC must never free Qt objects on another thread (console/ui/gc_guard.py):
    # the window installs the GUI-thread collector; until then nothing collects off-thread.
    import gc

    gc.disable()


def pytest_runtest_teardown(item: Any, nextitem: Any) -> None:
    import gc

    gc.collect()  # between tests, on the main thread
