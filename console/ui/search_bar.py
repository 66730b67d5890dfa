"""The one search box, with its inline problem message and what the systems answered so far."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QVBoxLayout, QWidget

from console.ui.widgets import plain_label


class SearchBar(QWidget):
    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QLineEdit(self)
        self.box.setObjectName("SearchBox")
        self.box.setAccessibleName(self.tr("Search"))
        self.box.setAccessibleDescription(
            self.tr("E-mail, phone, order, receipt, parcel or payment reference, or a name; Enter searches")
        )
        self.box.setPlaceholderText(
            self.tr("Search: e-mail, phone, order, receipt, parcel, payment or name — Enter (Ctrl+K)")
        )
        self.box.setClearButtonEnabled(True)
        for button in self.box.findChildren(QToolButton):  # Qt's clear button: give it a name
            button.setAccessibleName(self.tr("Clear the search"))
        self.box.setMaxLength(200)
        self.box.returnPressed.connect(lambda: self.submitted.emit(self.box.text()))
        self.box.textEdited.connect(lambda _text: self.show_problem(""))
        self.problem = plain_label("", "InlineMessage", self)
        self.problem.setAccessibleName(self.tr("Search problem"))
        self.problem.hide()
        self.progress = plain_label("", "SearchStatus", self)
        self.progress.setWordWrap(False)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.problem)
        row.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.box)
        layout.addLayout(row)

    def text(self) -> str:
        return self.box.text()

    def focus_search(self) -> None:
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    def problem_text(self) -> str:
        return self.problem.text() if self.problem.isVisibleTo(self) else ""

    def set_progress(self, text: str) -> None:
        self.progress.setText(text)
