"""Light and dark following the desktop, and a clean picture at high DPI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from console.ui import theme as themes
from tests.gui.helpers import make_window

ROOT = Path(__file__).resolve().parents[2]


def test_the_system_theme_follows_the_desktop_switching_to_dark_and_back(qtbot, monkeypatch) -> None:
    following, _ = make_window(qtbot, theme="system")
    fixed, _ = make_window(qtbot, theme="light")
    scheme = {"now": Qt.ColorScheme.Light}
    monkeypatch.setattr(themes, "system_scheme", lambda: scheme["now"])
    hints = QGuiApplication.styleHints()
    scheme["now"] = Qt.ColorScheme.Dark
    with qtbot.waitSignal(following.themeChanged, timeout=2000):
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert following.theme_name == "dark"
    assert fixed.theme_name == "light"  # a theme the agent chose stays chosen
    background = QPalette.ColorRole.Window
    assert QApplication.palette().color(background).name() == themes.read_variables("dark")["bg"]
    scheme["now"] = Qt.ColorScheme.Light
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert following.theme_name == "light"
    assert QApplication.palette().color(background).name() == themes.read_variables("light")["bg"]


_DPI_PROBE = r"""
import asyncio, json, sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from console.ui.main_window import MainWindow
from console.services.lookup import LookupService
from tests.services.fakes import NOW, golden_world
w = MainWindow(LookupService(golden_world(NOW), None, clock=lambda: NOW), staff_name="Ana", theme="light")
w.resize(1200, 800)
w.show()
app.processEvents()
pix = w.grab()
pix.save(sys.argv[1])
print(json.dumps({"dpr": pix.devicePixelRatio(), "w": pix.width(), "h": pix.height(),
                  "logical": [w.width(), w.height()]}))
"""


@pytest.mark.parametrize("scale", ["1", "2", "1.5"])
def test_the_window_renders_crisp_at_high_dpi(tmp_path: Path, scale: str) -> None:
    """QT_SCALE_FACTOR stands in for a 100/150/200 % display: the window paints at device
    resolution (not a blurry upscale of a 1x picture)."""
    out = tmp_path / f"window@{scale}x.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=scale, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", _DPI_PROBE, str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    factor = float(scale)
    assert figures["dpr"] == pytest.approx(factor)
    lw, lh = figures["logical"]
    assert figures["w"] == pytest.approx(lw * factor, abs=2) and figures["h"] == pytest.approx(
        lh * factor, abs=2
    )
    assert out.stat().st_size > 10_000


def test_date_columns_show_their_whole_text_and_short_ones_leave_room(qtbot) -> None:
    from console.ui import formats

    window, _ = make_window(qtbot)
    pane = window.pane
    for view in (pane.timeline.view, pane.orders.view, pane.cases.notes_view):
        when = view.horizontalHeader().sectionSize(view.model().column_fits().index(formats.when_fit()))
        assert when >= view.fontMetrics().horizontalAdvance(formats.when_fit()) + 14  # + the cell margins
    header = pane.orders.lines_view.horizontalHeader()
    qty = pane.orders.lines_model.column_fits().index("99")
    assert header.sectionSize(qty) < header.defaultSectionSize()
    assert header.sectionSize(qty) > header.fontMetrics().horizontalAdvance("Qty")
