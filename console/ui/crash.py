"""One error path: an unexpected exception is logged, shown in plain words, then the console exits.

Actions are safe across such an exit: they were written to the outbox before being sent and are
resumed with their original keys at the next start.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("onepane.crash")


def crash_text(exc: BaseException, log_path: Path) -> str:
    return (
        QCoreApplication.translate(
            "crash",
            "OnePane ran into an unexpected problem and has to close.\n\n"
            "What happened: %1\n\n"
            "Nothing you confirmed is lost: actions are kept and resumed at the next start.\n"
            "The details are in the log: %2",
        )
        .replace("%1", f"{type(exc).__name__}: {exc}"[:300])
        .replace("%2", str(log_path))
    )


def install_error_path(log_path: Path) -> None:
    def hook(et: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(et, KeyboardInterrupt):
            sys.__excepthook__(et, exc, tb)
            return
        log.critical("unexpected error:\n%s", "".join(traceback.format_exception(et, exc, tb)))
        app = QApplication.instance()
        if app is not None and os.environ.get("ONEPANE_CRASH_DIALOG", "1") != "0":
            box = QMessageBox(QMessageBox.Icon.Critical, "OnePane", crash_text(exc, log_path))
            box.setTextFormat(__import__("PySide6.QtCore", fromlist=["Qt"]).Qt.TextFormat.PlainText)
            box.setAccessibleName("Crash report")
            box.exec()
        if app is not None:
            app.exit(70)

    sys.excepthook = hook


def route_qt_messages() -> None:
    """Qt's own warnings and errors go into the same JSON-lines log as everything else."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, context: object, message: str) -> None:
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)
