"""Python's garbage collector never runs on a worker thread once a window exists: a cycle freed
there would delete Qt objects off the GUI thread (the old intermittent crash, console/ui/gc_guard.py)."""

from __future__ import annotations

import gc
import threading

from console.ui import gc_guard


def test_cycles_made_on_a_worker_thread_are_collected_on_the_gui_thread(qtbot) -> None:
    gc_guard.install()
    assert not gc.isenabled()
    collected_on: list[int] = []

    def seen(phase: str, info: dict) -> None:
        if phase == "start":
            collected_on.append(threading.get_ident())

    gc.callbacks.append(seen)
    try:

        def make_cycles() -> None:
            for _ in range(20_000):  # far past the first generation's threshold
                cycle: list[object] = []
                cycle.append(cycle)

        worker = threading.Thread(target=make_cycles)
        worker.start()
        worker.join()
        assert collected_on == []  # nothing was collected on the worker
        qtbot.waitUntil(lambda: bool(collected_on), timeout=3000)
        assert set(collected_on) == {threading.main_thread().ident}
    finally:
        gc.callbacks.remove(seen)


def test_the_full_collection_waits_until_the_agent_is_idle(qtbot, monkeypatch) -> None:
    gc_guard.install()
    guard = gc_guard._guard
    assert guard is not None
    monkeypatch.setattr(gc_guard, "FULL_EVERY_S", 0.0)
    generations: list[int] = []

    def seen(phase: str, info: dict) -> None:
        if phase == "start":
            generations.append(info["generation"])

    monkeypatch.setattr(gc, "get_count", lambda: (0, 0, 10**6))  # the full one is due
    gc.callbacks.append(seen)
    try:
        gc_guard.note_activity()  # a search just started
        guard.check()
        assert 2 not in generations
        guard.last_activity -= gc_guard.IDLE_S + 1
        guard.check()
        assert 2 in generations
    finally:
        gc.callbacks.remove(seen)
