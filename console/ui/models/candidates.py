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
        parts.append(f"{formats.words(system)}: {', '.join(map(formats.matched, person.matched_on(system)))}")
    return " · ".join(parts)


def suggested(person: Person) -> str:
    """The people weak links suggest, each with what matched and the confidence: `Tom Reyes: name 90%`."""
    return " · ".join(
        f"{links[0].name or links[0].ref}: {formats.matched(links[0].matched_on)} {round(max(ln.confidence for ln in links) * 100)}%"
        for links in person.suggested_people()
    )


class CandidatesModel(PagedTableModel[Person]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(QCoreApplication.translate("CandidatesModel", "Name"), lambda p: p.name),
                Column(
                    QCoreApplication.translate("CandidatesModel", "Confidence"),
                    lambda p: f"{round(p.confidence * 100)}%",
                    key=lambda p: p.confidence,
                    align_right=True,
                    fit="100%",
                ),
                Column(
                    QCoreApplication.translate("CandidatesModel", "Contact"),
                    contact_points,
                    tooltip=contact_points,
                    fit="firstname.lastname@example.com · +31 20 555 0199",
                ),
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
            ],
            parent,
        )

    def set_people(self, people: Sequence[Person]) -> None:
        self.set_items(sorted(people, key=lambda p: (-p.confidence, p.name)))
