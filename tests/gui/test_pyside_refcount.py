"""PySide6 6.12.0's `SignalInstance.emit()` returns True without taking a reference: every emit
costs True one reference, and a console that runs for a day aborts ("bool_dealloc"). qasync
emits a signal for every callback handed over from a worker thread, so this is not academic.
pyproject.toml excludes that release; this test fails loudly if such a build is installed."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal()


def test_emit_does_not_steal_references_to_true(qapp) -> None:
    emitter = _Emitter()
    seen: list[int] = []
    emitter.fired.connect(lambda: seen.append(1))
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.fired.emit()
    after = sys.getrefcount(True)
    assert len(seen) == 200
    assert after >= before - 5, f"Signal.emit() lost {before - after} references to True"
