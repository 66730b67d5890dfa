"""The candidate list: several people (or one unclear match) — the agent picks one."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from console.services.person import Person
from console.ui.link_review import LinkReview
from console.ui.models.candidates import CandidatesModel
from console.ui.widgets import plain_label, select_first_row, table_view


class CandidateList(QWidget):
    personChosen = Signal(object)  # Person
    linkDecision = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = plain_label("", "", self)
        self.caption.setWordWrap(True)
        self.model = CandidatesModel(self)
        self.view = table_view(self.model, self.tr("People found"), self, column_width=300)
        self.view.doubleClicked.connect(self._activated)
        self.view.installEventFilter(self)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.open_button.setObjectName("Primary")
        self.open_button.setAccessibleName(self.tr("Open the selected person"))
        self.open_button.clicked.connect(self.open_selected)
        self.links = LinkReview(self)
        self.links.linkDecision.connect(self.linkDecision)
        buttons = QHBoxLayout()
        buttons.addWidget(plain_label(self.tr("Enter or double-click opens a person."), "Muted", self), 1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.links)
        layout.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(self._selected)

    def set_people(self, people: Sequence[Person], text: str, *, final: bool) -> None:
        self.model.set_people(people)
        if final:
            caption = self.tr("%1 people match “%2”. Choose one (arrow keys, Enter).")
        else:
            caption = self.tr("%1 people match “%2” so far; still asking…")
        self.caption.setText(caption.replace("%1", str(len(people))).replace("%2", text))
        select_first_row(self.view)

    def people(self) -> list[Person]:
        return self.model.items()

    def selected(self) -> Person | None:
        index = self.view.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def open_selected(self) -> None:
        person = self.selected()
        if person is not None:
            self.personChosen.emit(person)

    def _activated(self, index: QModelIndex) -> None:
        person = self.model.item(index.row())
        if person is not None:
            self.personChosen.emit(person)

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        self.links.set_person(self.model.item(rows[0].row()) if rows else None)
        chain = [self.view, *self.links.buttons, self.open_button]  # Tab goes in reading order
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        is_key = (
            watched is self.view and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
        )
        if is_key and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # type: ignore[attr-defined]
            self.open_selected()
            return True
        return super().eventFilter(watched, event)
