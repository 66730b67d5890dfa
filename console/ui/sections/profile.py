"""Profile section: the CRM's view of the customer and how the other systems' records were linked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from console.domain.model import CustomerProfile
from console.services.person import Person
from console.ui import formats
from console.ui.link_review import LinkReview
from console.ui.sections.base import Section
from console.ui.widgets import plain_label


def _address(profile: CustomerProfile) -> str:
    a = profile.address
    if a is None:
        return ""
    return ", ".join(x for x in (a.line1, a.line2, f"{a.postal_code} {a.city}".strip(), a.country) if x)


class ProfileSection(Section):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("1 · Profile"), parent)
        self.details = plain_label("", "", self)
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.details.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.details.setAccessibleName(self.tr("Customer profile details"))
        self.links = LinkReview(self)
        self.body.addWidget(self.details, 1)
        self.body.addWidget(self.links)

    def focus_target(self) -> QWidget:
        return self.details

    def show_profile(self, person: Person | None, profile: CustomerProfile | None) -> None:
        lines: list[str] = []
        if profile is not None:
            address = _address(profile)
            if address:
                lines.append(self.tr("Address: %1").replace("%1", address))
            if profile.created_at:
                lines.append(
                    self.tr("Customer since: %1").replace("%1", formats.when(profile.created_at)[:10])
                )
            if profile.external_ids:
                ids = ", ".join(f"{formats.words(r.system)} {r.id}" for r in profile.external_ids)
                lines.append(self.tr("Ids in other systems: %1").replace("%1", ids))
        elif person is not None:
            lines.append(self.tr("No CRM profile linked."))
        if person is not None:
            for system in person.systems:
                matched = ", ".join(map(formats.matched, person.matched_on(system)))
                lines.append(
                    self.tr("Linked in %1 by %2").replace("%1", formats.words(system)).replace("%2", matched)
                )
        self.details.setText("\n".join(lines))
        self.links.set_person(person)

    def clear(self) -> None:
        self.show_profile(None, None)
