"""F1: every keyboard shortcut of the window on one sheet."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QVBoxLayout, QWidget

from console.ui.widgets import plain_label


class ShortcutSheet(QDialog):
    def __init__(self, shortcuts: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.shortcuts = list(shortcuts)
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        for row, (keys, what) in enumerate(self.shortcuts):
            key_label = plain_label(keys, "", self)
            key_label.setStyleSheet("font-weight: bold;")
            grid.addWidget(key_label, row, 0)
            grid.addWidget(plain_label(what, "", self), row, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close the shortcut sheet"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(buttons)
