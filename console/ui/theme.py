"""Light and dark themes: one plain QSS file with `$name` variables, one variables file per theme.

The files live in the project's `resources/themes/` (plain files, no .qrc). Custom-painted
widgets (the delivery progress line) read the same variables through `color()`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from string import Template
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

THEMES = ("light", "dark", "system")


def resources_dir() -> Path:
    """The project's resources folder, also inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent.parent / "resources"


def _themes_dir() -> Path:
    return resources_dir() / "themes"


def read_variables(name: str) -> dict[str, str]:
    """Parse `<name>.vars`: `key = value` lines, `#` comments."""
    variables: dict[str, str] = {}
    text = (_themes_dir() / f"{name}.vars").read_text(encoding="utf-8")
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition("=")
        variables[key.strip()] = value.strip()
    return variables


def system_scheme() -> Qt.ColorScheme:
    """The desktop's colour scheme as Qt reports it (Windows: the app mode setting)."""
    hints = QGuiApplication.styleHints() if QGuiApplication.instance() else None
    return hints.colorScheme() if hints is not None else Qt.ColorScheme.Unknown


def resolve(theme: str) -> str:
    """ "system" follows the desktop's colour scheme; anything unknown falls back to light."""
    if theme == "system":
        return "dark" if system_scheme() == Qt.ColorScheme.Dark else "light"
    return theme if theme in ("light", "dark") else "light"


def stylesheet(theme: str) -> str:
    template = Template((_themes_dir() / "onepane.qss").read_text(encoding="utf-8"))
    return template.substitute(read_variables(resolve(theme)))


_active: dict[str, str] = {}
_active_name = "light"


# Palette roles and the theme variables that colour them (Fusion draws with the palette).
_ROLES: tuple[tuple[QPalette.ColorRole, str], ...] = (
    (QPalette.ColorRole.Window, "bg"),
    (QPalette.ColorRole.WindowText, "text"),
    (QPalette.ColorRole.Base, "surface"),
    (QPalette.ColorRole.AlternateBase, "surface_alt"),
    (QPalette.ColorRole.Text, "text"),
    (QPalette.ColorRole.Button, "surface_alt"),
    (QPalette.ColorRole.ButtonText, "text"),
    (QPalette.ColorRole.Highlight, "selection"),
    (QPalette.ColorRole.HighlightedText, "selection_text"),
    (QPalette.ColorRole.PlaceholderText, "text_muted"),
    (QPalette.ColorRole.ToolTipBase, "surface"),
    (QPalette.ColorRole.ToolTipText, "text"),
    (QPalette.ColorRole.Link, "accent"),
    (QPalette.ColorRole.Mid, "border"),
    (QPalette.ColorRole.Midlight, "surface_alt"),
)


def palette(variables: dict[str, str]) -> QPalette:
    pal = QPalette()
    for role, key in _ROLES:
        pal.setColor(role, QColor(variables[key]))
    muted = QColor(variables["text_muted"])
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, muted)
    return pal


def apply(widget: QWidget, theme: str) -> str:
    """Style `widget` (and its children) with `theme`; returns the resolved theme name.

    Colours go into the palette, drawn by Qt's Fusion style on every platform (native styles
    ignore parts of a dark palette); the small stylesheet adds what a palette cannot say. One
    console has one window, so the palette is the application's."""
    global _active_name
    name = resolve(theme)
    _active.clear()
    _active.update(read_variables(name))
    _active_name = name
    app = cast("QApplication", QApplication.instance())  # a widget exists: so does the application
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    # Application-wide: Qt's style-sheet engine starts from the application's palette, not the
    # parent's, and the console's dialogs take the theme this way too.
    app.setPalette(palette(_active))
    widget.setStyleSheet(stylesheet(name))
    return name


def active_name() -> str:
    return _active_name


def color(name: str, fallback: str = "#808080") -> QColor:
    if not _active:
        _active.update(read_variables("light"))
    return QColor(_active.get(name, fallback))
