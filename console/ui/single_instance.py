"""One console per user session. A second start (a softphone's screen pop, a onepane:// link)
hands its arguments to the running console over a local socket (a named pipe on Windows) and
exits; the running console comes to the front and does what was asked."""

from __future__ import annotations

import getpass
import hashlib
import json
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

MAX_MESSAGE = 8192


def server_name(suffix: str = "") -> str:
    user = getpass.getuser()
    digest = hashlib.sha256(f"onepane:{user}:{suffix}".encode()).hexdigest()[:16]
    return f"onepane-{digest}"


def hand_over(args: list[str], name: str | None = None, timeout_ms: int = 1500) -> bool:
    """True if a running console took the arguments (the caller then exits)."""
    sock = QLocalSocket()
    sock.connectToServer(name or server_name())
    if not sock.waitForConnected(timeout_ms):
        return False
    payload = json.dumps([str(a) for a in args][:16]).encode("utf-8")[:MAX_MESSAGE]
    sock.write(payload + b"\n")
    sock.flush()
    if sock.bytesToWrite():
        sock.waitForBytesWritten(timeout_ms)
    ok = sock.bytesAvailable() > 0 or sock.waitForReadyRead(timeout_ms)
    answer = bytes(sock.readAll().data()).strip() if ok else b""
    sock.disconnectFromServer()
    return answer == b"ok"


class SingleInstance(QObject):
    """The running console's end: listens and calls `on_message(args)` for each hand-over."""

    def __init__(self, on_message: Callable[[list[str]], None], name: str | None = None) -> None:
        super().__init__()
        self.name = name or server_name()
        self._on_message = on_message
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        if self.server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)  # a stale socket left by a crashed console
        return self.server.listen(self.name)

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            sock.readyRead.connect(lambda s=sock: self._read(s))
            if sock.bytesAvailable():
                self._read(sock)

    def _read(self, sock: QLocalSocket) -> None:
        if not sock.canReadLine() and sock.bytesAvailable() <= MAX_MESSAGE:
            return  # wait for the whole line
        data = bytes(sock.readAll().data())
        if len(data) > MAX_MESSAGE:
            sock.write(b"refused\n")
            sock.disconnectFromServer()
            return
        try:
            args = json.loads(data.decode("utf-8"))
            if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
                raise ValueError("not a list of strings")
        except (ValueError, UnicodeDecodeError):
            sock.write(b"refused\n")
            sock.flush()
            sock.disconnectFromServer()
            return
        sock.write(b"ok\n")
        sock.flush()
        sock.disconnectFromServer()
        self._on_message(args)

    def close(self) -> None:
        self.server.close()


def bring_to_front(window: QWidget) -> None:
    window.setWindowState(
        (window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
    )
    window.show()
    window.raise_()
    window.activateWindow()
