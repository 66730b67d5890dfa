"""One status chip per system: waiting / ok / loading (more pages coming) / slow / down / stale
since HH:MM, with a retry."""

from __future__ import annotations

import enum
from collections.abc import Collection
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from console.domain.model import SystemKind
from console.ui import formats
from console.ui.widgets import plain_label, set_property


class ChipState(enum.StrEnum):
    IDLE = "idle"
    WAITING = "waiting"
    OK = "ok"
    SLOW = "slow"
    DOWN = "down"
    STALE = "stale"
    MORE = "more"  # answered; more pages still coming


def system_title(system: SystemKind) -> str:
    names = {
        SystemKind.DIRECTORY: QCoreApplication.translate("SystemChip", "CRM"),
        SystemKind.ORDERS: QCoreApplication.translate("SystemChip", "Orders"),
        SystemKind.PAYMENTS: QCoreApplication.translate("SystemChip", "Payments"),
        SystemKind.DELIVERY: QCoreApplication.translate("SystemChip", "Delivery"),
        SystemKind.CASES: QCoreApplication.translate("SystemChip", "Cases"),
    }
    return names[system]


class SystemChip(QWidget):
    retryRequested = Signal(str)  # SystemKind value

    def __init__(self, system: SystemKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.system = system
        self.state = ChipState.IDLE
        self.detail = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.label = plain_label("", "Chip", self)
        self.retry = QToolButton(self)
        self.retry.setText("↻")
        self.retry.setAccessibleName(self.tr("Retry %1").replace("%1", system_title(system)))
        self.retry.setToolTip(self.tr("Ask %1 again").replace("%1", system_title(system)))
        self.retry.clicked.connect(lambda: self.retryRequested.emit(self.system.value))
        layout.addWidget(self.label)
        layout.addWidget(self.retry)
        self.set_state(ChipState.IDLE)

    def set_state(self, state: ChipState, *, detail: str = "", since: datetime | None = None) -> None:
        self.state = state
        self.detail = detail
        title = system_title(self.system)
        words = {
            ChipState.IDLE: title,
            ChipState.WAITING: self.tr("%1 …").replace("%1", title),
            ChipState.OK: self.tr("%1 ok").replace("%1", title),
            ChipState.SLOW: self.tr("%1 slow").replace("%1", title),
            ChipState.DOWN: self.tr("%1 down").replace("%1", title),
            ChipState.MORE: self.tr("%1 loading…").replace("%1", title),
            ChipState.STALE: self.tr("%1 stale since %2")
            .replace("%1", title)
            .replace("%2", formats.hhmm(since)),
        }
        text = words[state]
        self.label.setText(text)
        look = "waiting" if state in (ChipState.IDLE, ChipState.MORE) else state.value
        set_property(self.label, "state", look)
        tooltip = text if not detail else f"{text}\n{detail}"
        self.label.setToolTip(tooltip)
        self.setToolTip(tooltip)
        self.label.setAccessibleName(tooltip)
        self.retry.setVisible(state in (ChipState.DOWN, ChipState.STALE, ChipState.SLOW))
        self.retry.setEnabled(state in (ChipState.DOWN, ChipState.STALE, ChipState.SLOW))


class ChipBar(QWidget):
    retryRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.chips: dict[SystemKind, SystemChip] = {}
        for system in SystemKind:
            chip = SystemChip(system, self)
            chip.retryRequested.connect(self.retryRequested)
            self.chips[system] = chip
            layout.addWidget(chip)
        layout.addStretch(1)

    def chip(self, system: SystemKind) -> SystemChip:
        return self.chips[system]

    def reset(self, state: ChipState = ChipState.IDLE, *, keep: Collection[SystemKind] = ()) -> None:
        """Every chip to `state`, but those in `keep` (their answer is being shown right now)."""
        for system, chip in self.chips.items():
            if system not in keep:
                chip.set_state(state)
