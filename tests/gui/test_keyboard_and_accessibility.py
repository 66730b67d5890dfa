"""Keyboard first: shortcuts, the F1 sheet, accessible names on every control; themes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTextEdit,
    QWidget,
)

from console.domain.timeline import TimelineKind
from console.ui import theme
from tests.gui.helpers import make_window, search, search_and_wait

pytestmark = pytest.mark.gui

INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QTextEdit,
    QPlainTextEdit,
)


def _is_interactive(widget: QWidget) -> bool:
    if isinstance(widget, QScrollBar):
        return False
    if isinstance(widget, INTERACTIVE):
        return True
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def _qt_internal(widget: QWidget) -> bool:
    """Parts Qt builds inside its own widgets (a table's corner button, a line edit's clear button)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView | QComboBox) and widget is not parent:
            return True
        parent = parent.parentWidget()
    return widget.objectName().startswith("qt_") or isinstance(widget.parentWidget(), QLineEdit)


def _unnamed(window: QWidget) -> list[str]:
    missing = []
    for widget in window.findChildren(QWidget):
        if _is_interactive(widget) and not _qt_internal(widget) and not widget.accessibleName().strip():
            missing.append(
                f"{type(widget).__name__} {widget.objectName()!r} text={getattr(widget, 'text', lambda: '')()!r}"
            )
    return missing


def test_every_interactive_control_has_an_accessible_name(qtbot, qasync_loop):
    window, _ = make_window(qtbot)
    assert _unnamed(window) == []
    search_and_wait(qtbot, window, "maya.okafor@example.com")  # the pane's dynamic controls too
    with qtbot.waitSignal(window.candidatesShown, timeout=3000):
        search(qtbot, window, "Reyes")  # link confirm / split buttons
    assert window.candidates.links.buttons
    assert _unnamed(window) == []
    sheet = window.show_shortcuts()
    assert _unnamed(sheet) == []
    sheet.close()


def test_the_walker_would_catch_a_nameless_control(qtbot, qasync_loop):
    from PySide6.QtWidgets import QPushButton

    window, _ = make_window(qtbot)
    QPushButton("unnamed", window.centralWidget())
    assert len(_unnamed(window)) == 1


def test_every_label_is_plain_text(qtbot, qasync_loop):
    window, _ = make_window(qtbot)
    search_and_wait(qtbot, window, "aisha.karimova@example.com")
    rich = [lab.text() for lab in window.findChildren(QLabel) if lab.textFormat() != Qt.TextFormat.PlainText]
    assert rich == []


def test_alt_numbers_focus_the_sections(qtbot, qasync_loop):
    window, _ = make_window(qtbot)
    search_and_wait(qtbot, window, "maya.okafor@example.com")
    pane = window.pane
    targets = {
        Qt.Key.Key_1: pane.profile_section.details,
        Qt.Key.Key_2: pane.orders.view,
        Qt.Key.Key_3: pane.payments.view,
        Qt.Key.Key_4: pane.deliveries.view,
        Qt.Key.Key_5: pane.cases.view,
        Qt.Key.Key_6: pane.timeline.view,
    }
    for key, target in targets.items():
        qtbot.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda t=target: QApplication.focusWidget() is t, timeout=1000)


def test_timeline_filter_shortcut_and_filter(qtbot, qasync_loop):
    window, _ = make_window(qtbot)
    search_and_wait(qtbot, window, "aisha.karimova@example.com")
    timeline = window.pane.timeline
    qtbot.keyClick(
        QApplication.focusWidget(),
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: QApplication.focusWidget() is timeline.kind_filter, timeout=1000)
    # The arrow keys pick a kind; the list is filtered in Python and the model reset.
    while timeline.current_filter()[0] is not TimelineKind.NOTE:
        index = timeline.kind_filter.currentIndex()
        qtbot.keyClick(timeline.kind_filter, Qt.Key.Key_Down)
        assert timeline.kind_filter.currentIndex() == index + 1
    assert timeline.model.total() == 5
    assert "5 of" in timeline.count_label.text()
    timeline.set_filter(None)
    assert timeline.model.total() == len(timeline.model.all_entries())


def test_f1_shows_the_shortcut_sheet(qtbot, qasync_loop):
    window, _ = make_window(qtbot)
    qtbot.keyClick(window.search.box, Qt.Key.Key_F1)
    qtbot.waitUntil(
        lambda: getattr(window, "shortcut_sheet", None) is not None and window.shortcut_sheet.isVisible()
    )
    keys = [k for k, _what in window.shortcut_sheet.shortcuts]
    for expected in ("Ctrl+K", "F3", "Alt+1", "Alt+5", "Ctrl+Shift+F", "F1"):
        assert expected in keys
    window.shortcut_sheet.close()


def test_themes_light_dark_and_system(qtbot, qasync_loop):
    window, _ = make_window(qtbot)
    light = theme.read_variables("light")
    dark = theme.read_variables("dark")
    assert set(light) == set(dark)  # every variable in both themes
    background = QPalette.ColorRole.Window
    assert QApplication.palette().color(background).name() == light["bg"]
    with qtbot.waitSignal(window.themeChanged):
        window.set_theme("dark")
    assert window.theme_name == "dark"
    assert QApplication.palette().color(background).name() == dark["bg"]
    assert dark["ok_bg"] in window.styleSheet() and "$" not in window.styleSheet()
    window.set_theme("system")
    assert window.theme_name in ("light", "dark")
    assert theme.resolve("nonsense") == "light"
