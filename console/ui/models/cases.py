"""Cases from every channel and their notes, each marked internal or public."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from console.domain.model import Case, Note, Visibility
from console.ui import formats
from console.ui.models.paged import Column, PagedTableModel


def visibility_text(note: Note) -> str:
    return (
        QCoreApplication.translate("CasesModel", "internal")
        if note.visibility is Visibility.INTERNAL
        else QCoreApplication.translate("CasesModel", "public")
    )


def _last_activity(case: Case) -> Any:
    if case.notes:
        return max(case.notes[0].at, case.updated_at or case.opened_at)
    return case.updated_at or case.opened_at


class CasesModel(PagedTableModel[Case]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(QCoreApplication.translate("CasesModel", "Case"), lambda c: c.ref.id),
                Column(
                    QCoreApplication.translate("CasesModel", "Opened"),
                    lambda c: formats.when(c.opened_at),
                    key=lambda c: c.opened_at,
                    fit=formats.when_fit(),
                ),
                Column(
                    QCoreApplication.translate("CasesModel", "Channel"),
                    lambda c: formats.channel(c.channel),
                    fit=formats.channel_fit(),
                ),
                Column(
                    QCoreApplication.translate("CasesModel", "Subject"),
                    lambda c: c.subject,
                    tooltip=lambda c: c.subject,
                ),
                Column(QCoreApplication.translate("CasesModel", "Status"), lambda c: formats.words(c.status)),
                Column(
                    QCoreApplication.translate("CasesModel", "Order"),
                    lambda c: c.order_number or "",
                    fit="EX-7781-2291",
                ),
                Column(
                    QCoreApplication.translate("CasesModel", "Team"),
                    lambda c: " / ".join(x for x in (c.team, c.assignee) if x),
                ),
                Column(
                    QCoreApplication.translate("CasesModel", "Notes"),
                    lambda c: str(len(c.notes)),
                    align_right=True,
                ),
            ],
            parent,
        )

    def set_cases(self, cases: Sequence[Case]) -> None:
        self.set_items(sorted(cases, key=_last_activity, reverse=True))


class NotesModel(PagedTableModel[tuple[Case, Note]]):
    """Notes of every case, newest first; each row knows its case."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("CasesModel", "When"),
                    lambda cn: formats.when(cn[1].at),
                    key=lambda cn: cn[1].at,
                    fit=formats.when_fit(),
                ),
                Column(
                    QCoreApplication.translate("CasesModel", "Channel"),
                    lambda cn: formats.channel(cn[1].channel or cn[0].channel),
                    fit=formats.channel_fit(),
                ),
                Column(
                    QCoreApplication.translate("CasesModel", "Visibility"), lambda cn: visibility_text(cn[1])
                ),
                Column(QCoreApplication.translate("CasesModel", "Author"), lambda cn: cn[1].author),
                Column(QCoreApplication.translate("CasesModel", "Case"), lambda cn: cn[0].ref.id),
                Column(
                    QCoreApplication.translate("CasesModel", "Note"),
                    lambda cn: " ".join(cn[1].body.split()),
                    tooltip=lambda cn: cn[1].body,
                ),
            ],
            parent,
        )

    def set_notes(self, rows: Sequence[tuple[Case, Note]]) -> None:
        self.set_items(sorted(rows, key=lambda cn: cn[1].at, reverse=True))


def notes_of(cases: Sequence[Case]) -> list[tuple[Case, Note]]:
    return [(case, note) for case in cases for note in case.notes]
