"""Every interactive control of the main window, its dialogs and the supervisor view has a name
a screen reader can speak (accessibleName, a button's own text, or a label's buddy)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from console.ui.signin import BrowserSignIn, IdleLock, SignInDialog
from tests.e2e.test_team_window import demo, make  # noqa: F401 - fixtures
from tests.gui.helpers import search_and_wait

pytestmark = [pytest.mark.e2e, pytest.mark.gui]
INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QPlainTextEdit,
    QTextEdit,
)


def unnamed(root: QWidget) -> list[str]:
    buddies = {id(lbl.buddy()) for lbl in root.findChildren(QLabel) if lbl.buddy() is not None}
    missing = []
    for w in [root, *root.findChildren(QWidget)]:
        if not isinstance(w, INTERACTIVE) or w.objectName().startswith("qt_") or isinstance(w, QHeaderView):
            continue  # Qt's internals; a header is part of its (named) table
        if type(w.window()).__name__ == "QFrame":
            continue  # a combo box's popup list: the combo box carries the name
        if w.parent() is not None and type(w.parent()).__name__ in (
            "QCalendarWidget",
            "QTabBar",
            "QScrollBar",
        ):
            continue
        if type(w).__name__ in ("QToolButton",) and not w.isVisible():
            continue  # Qt's own scroll arrows
        name = w.accessibleName() or (w.text() if isinstance(w, QAbstractButton) else "")
        if not name and id(w) not in buddies:
            chain = []
            parent = w.parentWidget()
            while parent is not None and len(chain) < 4:
                chain.append(type(parent).__name__)
                parent = parent.parentWidget()
            missing.append(f"{type(w).__name__} in {type(w.window()).__name__} ({'/'.join(chain)})")
    return missing


def test_every_control_has_an_accessible_name(make: Any, qtbot: Any) -> None:  # noqa: F811
    lena = make("sup-lena")
    w = lena.window
    search_and_wait(qtbot, w, "W-100412")
    roots: list[QWidget] = [w]
    actions = lena.actions
    for opener in (actions.open_cancel, actions.open_refund, actions.open_delivery, actions.open_return):
        dialog = opener()
        if dialog is not None:
            roots.append(dialog)
    from console.ui.actions.dialogs import FulfilDialog

    order = actions.selected_order()
    assert order is not None
    roots.append(FulfilDialog(order, "012", [], actions.check, w))
    roots.append(lena.team.open_handoff_dialog())
    roots.append(SignInDialog([lena.staff]))
    roots.append(BrowserSignIn(session=None))
    lock = IdleLock(w, lena.staff, [], minutes=15, check_ms=600_000)
    roots.append(lock.cover)
    problems = [p for r in roots if r is not None for p in unnamed(r)]
    lock.shutdown()
    for r in roots[1:]:
        if r is not None and r.isWindow():
            r.close()
    assert problems == [], "\n".join(sorted(set(problems)))
