"""A barcode scan anywhere in the window goes to search; typing goes where it was going."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from console.ui.scanner import ScanDetector


def _window(qtbot):
    w = QWidget()
    box = QLineEdit(w)
    note = QPlainTextEdit(w)
    lay = QVBoxLayout(w)
    lay.addWidget(box)
    lay.addWidget(note)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=2000)
    return w, box, note


def test_a_fast_burst_ending_in_enter_is_a_scan_and_does_not_land_in_the_note(qtbot) -> None:
    w, box, note = _window(qtbot)
    now = [0.0]

    def clock() -> float:
        now[0] += 0.008  # 8 ms between keys: a scanner
        return now[0]

    det = ScanDetector(w, box, clock=clock)
    note.setFocus()
    with qtbot.waitSignal(det.scanned, timeout=1000) as sig:
        qtbot.keyClicks(note, "EX-7781-2291")
        qtbot.keyClick(note, Qt.Key.Key_Return)
    assert sig.args == ["EX-7781-2291"]
    assert note.toPlainText() == ""
    det.shutdown()


def test_human_typing_passes_through_unchanged(qtbot) -> None:
    w, box, note = _window(qtbot)
    now = [0.0]

    def clock() -> float:
        now[0] += 0.25  # 250 ms between keys: a person
        return now[0]

    det = ScanDetector(w, box, clock=clock)
    seen: list[str] = []
    det.scanned.connect(seen.append)
    note.setFocus()
    qtbot.keyClicks(note, "Called back")
    qtbot.keyClick(note, Qt.Key.Key_Return)
    qtbot.keyClicks(note, "ok")
    qtbot.waitUntil(lambda: note.toPlainText() == "Called back\nok", timeout=2000)
    assert seen == []
    det.shutdown()


def test_a_prefix_marks_a_scan_even_when_slow(qtbot) -> None:
    w, box, note = _window(qtbot)
    now = [0.0]

    def clock() -> float:
        now[0] += 0.2
        return now[0]

    det = ScanDetector(w, box, prefix="§", clock=clock)
    note.setFocus()
    with qtbot.waitSignal(det.scanned, timeout=1000) as sig:
        qtbot.keyClicks(note, "§PN123")
        qtbot.keyClick(note, Qt.Key.Key_Return)
    assert sig.args == ["PN123"] and note.toPlainText() == ""
    det.shutdown()


def test_the_search_box_itself_is_left_alone(qtbot) -> None:
    w, box, _note = _window(qtbot)
    det = ScanDetector(w, box, clock=lambda: 0.0)
    box.setFocus()
    qtbot.keyClicks(box, "W-100412")
    assert box.text() == "W-100412"
    det.shutdown()
