"""Light and dark themes: one plain QSS file with `$name` variables, one variables file per theme.

The files live in the project's `resources/themes/` (plain files, no .qrc). Custom-painted
widgets (the delivery progress line) read the same variables through `color()`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from string import Template

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import QWidget

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


def apply(widget: QWidget, theme: str) -> str:
    """Style `widget` (and its children) with `theme`; returns the resolved theme name."""
    global _active_name
    name = resolve(theme)
    _active.clear()
    _active.update(read_variables(name))
    _active_name = name
    widget.setStyleSheet(stylesheet(name))
    return name


def active_name() -> str:
    return _active_name


def color(name: str, fallback: str = "#808080") -> QColor:
    if not _active:
        _active.update(read_variables("light"))
    return QColor(_active.get(name, fallback))
