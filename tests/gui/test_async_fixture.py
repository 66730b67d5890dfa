"""Guard: the qasync fixture really runs @asyncSlot coroutines inside a pytest-qt test."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from qasync import asyncSlot

pytestmark = pytest.mark.gui


class _Button(QPushButton):
    def __init__(self) -> None:
        super().__init__("go")
        self.ran: list[str] = []
        self.clicked.connect(self.go)

    @asyncSlot()
    async def go(self) -> None:
        await asyncio.sleep(0.01)
        self.ran.append("after an await")


def test_an_async_slot_click_really_runs(qtbot, qasync_loop):
    button = _Button()
    qtbot.addWidget(button)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: button.ran == ["after an await"], timeout=2000)
    assert asyncio.get_running_loop() is qasync_loop


def test_the_loop_is_reset_between_tests(qtbot, qasync_loop):
    # A fresh loop per test, running, and it is the one asyncio sees.
    assert qasync_loop.is_running()
    assert asyncio.get_running_loop() is qasync_loop


class _Failing(QPushButton):
    def __init__(self) -> None:
        super().__init__("fail")
        self.clicked.connect(self.go)

    @asyncSlot()
    async def go(self) -> None:
        await asyncio.sleep(0)
        raise RuntimeError("boom in an async slot")


def test_an_exception_in_an_async_slot_reaches_pytest_qt(qtbot, qasync_loop):
    # Outside capture_exceptions() this exception would fail the test.
    button = _Failing()
    qtbot.addWidget(button)
    with qtbot.capture_exceptions() as exceptions:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(exceptions) == 1, timeout=2000)
    assert "boom in an async slot" in str(exceptions[0][1])
