"""A section of the pane: a titled box with a state line (loading, stale since HH:MM, down)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from console.ui import formats
from console.ui.widgets import plain_label, set_property


class Section(QGroupBox):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setAccessibleName(title)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(6, 10, 6, 6)
        self.body.setSpacing(4)
        self.state_label = plain_label("", "SectionState", self)
        self.state_label.setWordWrap(True)
        self.state_label.hide()
        self.body.addWidget(self.state_label)
        self.stale_since: datetime | None = None

    def focus_target(self) -> QWidget:
        """The control Alt+N puts the keyboard focus on."""
        return self

    def show_loading(self) -> None:
        self.stale_since = None
        self._state(self.tr("Loading…"), "loading")

    def show_fresh(self) -> None:
        self.stale_since = None
        self.state_label.hide()
        self.state_label.setText("")

    def show_more(self, count: int) -> None:
        """Records shown so far while the system's further pages still come in."""
        self.stale_since = None
        self._state(self.tr("Loading more… %1 so far").replace("%1", formats.number(count)), "loading")

    def show_capped(self, count: int) -> None:
        """The console stopped reading at its page limit: the system holds more than is shown."""
        self.stale_since = None
        self._state(
            self.tr("Showing the first %1 — the system holds more").replace("%1", formats.number(count)),
            "stale",
        )

    def show_stale(self, since: datetime | None, error: str) -> None:
        self.stale_since = since
        when = formats.hhmm(since) if since else self.tr("an earlier session")
        self._state(
            self.tr("Stale since %1 — the system did not answer: %2")
            .replace("%1", when)
            .replace("%2", error),
            "stale",
        )

    def show_down(self, error: str) -> None:
        self.stale_since = None
        self._state(self.tr("Not available: %1").replace("%1", error), "down")

    def state_text(self) -> str:
        return self.state_label.text() if self.state_label.isVisibleTo(self) else ""

    def _state(self, text: str, state: str) -> None:
        self.state_label.setText(text)
        set_property(self.state_label, "state", state)
        self.state_label.show()
