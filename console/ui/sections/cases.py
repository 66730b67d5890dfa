"""Cases & notes section: every earlier contact, from every channel, with its notes."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from console.domain.model import Case
from console.ui.models.cases import CasesModel, NotesModel, notes_of
from console.ui.sections.base import Section
from console.ui.widgets import plain_label, table_view


class CasesSection(Section):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("5 · Cases && notes"), parent)
        self.setAccessibleName(self.tr("Cases and notes"))
        self.model = CasesModel(self)
        self.notes_model = NotesModel(self)
        self.view = table_view(self.model, self.tr("Cases"), self)
        self.notes_caption = plain_label(self.tr("Notes, newest first"), "Muted", self)
        self.notes_view = table_view(self.notes_model, self.tr("Notes of every case"), self)
        self.body.addWidget(self.view, 2)
        self.body.addWidget(self.notes_caption)
        self.body.addWidget(self.notes_view, 3)

    def focus_target(self) -> QWidget:
        return self.view

    def set_cases(self, cases: Sequence[Case]) -> None:
        self.model.set_cases(cases)
        self.notes_model.set_notes(notes_of(cases))
        count, notes = len(cases), self.notes_model.total()
        contacts_text = (
            self.tr("1 contact") if count == 1 else self.tr("%1 contacts").replace("%1", str(count))
        )
        notes_text = (
            self.tr("1 note, newest first")
            if notes == 1
            else self.tr("%1 notes, newest first").replace("%1", str(notes))
        )
        self.notes_caption.setText(f"{contacts_text} · {notes_text}")

    def clear(self) -> None:
        self.set_cases(())
