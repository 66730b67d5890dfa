"""The short list of people a search found when it is not one clear person."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from console.services.person import Person
from console.ui import formats
from console.ui.models.paged import Column, PagedTableModel


def contact_points(person: Person) -> str:
    return " · ".join((*person.emails, *person.phones))


def matched_in(person: Person) -> str:
    """`directory: email · orders: phone, receipt EX-7781-2291`."""
    parts = []
    for system in person.systems:
        parts.append(f"{formats.words(system)}: {', '.join(person.matched_on(system))}")
    return " · ".join(parts)


def suggested(person: Person) -> str:
    """Weak links, each with its confidence: `orders: name 72%`."""
    return " · ".join(
        f"{formats.words(link.ref.system)} {link.ref.id}: {link.matched_on} {round(link.confidence * 100)}%"
        for link in person.weak_links
    )


class CandidatesModel(PagedTableModel[Person]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(QCoreApplication.translate("CandidatesModel", "Name"), lambda p: p.name),
                Column(QCoreApplication.translate("CandidatesModel", "Contact"), contact_points),
                Column(
                    QCoreApplication.translate("CandidatesModel", "Matched in"),
                    matched_in,
                    tooltip=matched_in,
                ),
                Column(
                    QCoreApplication.translate("CandidatesModel", "Suggested links (weak)"),
                    suggested,
                    tooltip=suggested,
                ),
                Column(
                    QCoreApplication.translate("CandidatesModel", "Confidence"),
                    lambda p: f"{round(p.confidence * 100)}%",
                    align_right=True,
                ),
            ],
            parent,
        )

    def set_people(self, people: Sequence[Person]) -> None:
        self.set_items(sorted(people, key=lambda p: (-p.confidence, p.name)))
