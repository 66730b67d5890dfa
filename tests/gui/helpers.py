"""Helpers for window tests: the window over the fake connectors, typing like an agent."""

from __future__ import annotations

from PySide6.QtCore import Qt

from console.services.lookup import LookupService
from console.ui.main_window import MainWindow
from tests.services.fakes import NOW, FakeCache, FakeConnectors, golden_world


def make_window(qtbot, world: FakeConnectors | None = None, *, cache: FakeCache | None = None, **kwargs):
    world = world or golden_world(NOW)
    service = LookupService(
        world,
        cache,
        clock=lambda: NOW,
        slow_after_s=kwargs.pop("slow_after_s", 1.0),
        page_hint=kwargs.pop("page_hint", 50),
        max_pages=kwargs.pop("max_pages", 500),
    )
    window = MainWindow(service, staff_name="Ana", theme=kwargs.pop("theme", "light"), **kwargs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window, world


def search(qtbot, window: MainWindow, text: str) -> None:
    """Type into the search box and press Enter, as the agent does."""
    box = window.search.box
    box.setFocus()
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Backspace)
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def search_and_wait(qtbot, window: MainWindow, text: str, timeout: int = 5000) -> None:
    with qtbot.waitSignal(window.viewComplete, timeout=timeout):
        search(qtbot, window, text)
    qtbot.waitUntil(lambda: not window.busy(), timeout=timeout)


def column_texts(model, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def all_texts(model) -> str:
    return "\n".join(
        " | ".join(str(model.index(r, c).data() or "") for c in range(model.columnCount()))
        for r in range(model.rowCount())
    )
