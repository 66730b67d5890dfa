"""The pane's header: who this is, how to reach them, and the flags an agent must see first."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from console.domain.model import CustomerProfile
from console.services.person import Person
from console.ui import formats
from console.ui.widgets import plain_label, set_property


def _digits(phone: str) -> str:
    return "".join(ch for ch in phone if ch.isdigit())


_BADGES = {"vip": "VIP", "fraud_watch": "FRAUD WATCH"}


class CustomerHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_label = plain_label("", "CustomerName", self)
        self.name_label.setAccessibleName(self.tr("Customer name"))
        self.contacts_label = plain_label("", "ContactPoints", self)
        self.contacts_label.setWordWrap(True)
        self.facts_label = plain_label("", "", self)
        self._badge_row = QHBoxLayout()
        self._badge_row.setSpacing(6)
        self.badges: list[str] = []
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.name_label)
        top.addLayout(self._badge_row)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.contacts_label)
        layout.addWidget(self.facts_label)

    def show_person(self, person: Person | None, profile: CustomerProfile | None) -> None:
        if person is None and profile is None:
            self.name_label.setText("")
            self.contacts_label.setText("")
            self.facts_label.setText("")
            self._set_badges(())
            return
        name = profile.name if profile else (person.name if person else "")
        emails = list(profile.emails if profile else ())
        phones = list(profile.phones if profile else ())
        if person is not None:
            emails += [e for e in person.emails if e.lower() not in {x.lower() for x in emails}]
            seen = {_digits(p) for p in phones}
            phones += [p for p in person.phones if _digits(p) not in seen]
        self.name_label.setText(name)
        self.contacts_label.setText("  ·  ".join([*emails, *phones]))
        facts = []
        if profile is not None:
            if profile.tier:
                facts.append(self.tr("Tier: %1").replace("%1", profile.tier))
            if profile.language:
                facts.append(self.tr("Language: %1").replace("%1", profile.language))
            if profile.preferred_channel:
                facts.append(self.tr("Prefers: %1").replace("%1", formats.channel(profile.preferred_channel)))
            if profile.ref:
                facts.append(self.tr("CRM %1").replace("%1", profile.ref.id))
        else:
            facts.append(self.tr("Not in the CRM (yet): details from the other systems"))
        self.facts_label.setText("   ".join(facts))
        self._set_badges(profile.flags if profile else ())

    def _set_badges(self, flags: tuple[str, ...]) -> None:
        while self._badge_row.count():
            item = self._badge_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.badges = []
        for flag in flags:
            text = self.tr(_BADGES.get(flag, formats.words(flag).upper()))
            badge = plain_label(text, "Badge", self)
            set_property(badge, "badge", flag if flag in _BADGES else "other")
            badge.setAccessibleName(self.tr("Flag: %1").replace("%1", text))
            self._badge_row.addWidget(badge)
            self.badges.append(text)
