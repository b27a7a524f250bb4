"""One window of Pol per user: a second start brings the first window forward and leaves.

The first start listens on a local socket (a named pipe on Windows) whose name is a hash of the
user and the data folder, so two users of one PC, the demo (its own key) and the tests (their own
data folders) never meet. A socket left behind by a crashed Pol is removed before listening.
Only the window takes part: the command-line verbs (report, demo, import…) run beside it.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from app.config import data_dir

ACTIVATE = b"activate\n"
ACK = b"ok\n"
CONNECT_MS = 1000
ACK_MS = 3000
log = logging.getLogger(__name__)


def instance_key(demo: bool = False) -> str:
    """The socket name of this user's Pol (with this data folder; the demo has its own)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container): the folder still differs
        user = ""
    seed = f"{user}\0{data_dir()}\0{'demo' if demo else 'work'}"
    return "pol-" + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:24]


def _allow_foreground() -> None:
    """On Windows, let the first Pol take the foreground (the one just started may give it)."""
    if sys.platform != "win32":
        return
    try:
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY
    except (AttributeError, OSError):
        log.debug("AllowSetForegroundWindow unavailable", exc_info=True)


def signal_running(key: str) -> bool:
    """Ask a running Pol to come forward; True when one answered (or at least listened)."""
    socket = QLocalSocket()
    socket.connectToServer(key)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    _allow_foreground()
    socket.write(ACTIVATE)
    socket.flush()
    socket.waitForBytesWritten(CONNECT_MS)
    if not (socket.waitForReadyRead(ACK_MS) and socket.readAll().data().startswith(ACK)):
        log.warning("the running Pol took the call but did not answer (busy?)")
    socket.disconnectFromServer()
    return True


def claim_window(demo: bool = False) -> SingleInstance | None:
    """The QApplication and this user's claim; None when another Pol was asked forward."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        QApplication(sys.argv)  # make_application configures it later
    instance = SingleInstance(demo=demo)
    if instance.claim():
        return instance
    log.info("Pol is already open for this user; it was asked to come forward")
    return None


class SingleInstance(QObject):
    """Claims this user's Pol; `activated` fires when a later start asks the window forward."""

    activated = Signal()

    def __init__(self, demo: bool = False, key: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.key = key or instance_key(demo)
        self.server: QLocalServer | None = None
        self.callers: list[QLocalSocket] = []  # later starts still connected

    def claim(self) -> bool:
        """True: this is the first Pol (now listening). False: another one was asked forward."""
        if signal_running(self.key):
            return False
        server = QLocalServer(self)
        # Only this user may knock (the socket file's mode; the pipe's security on Windows).
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.key):
            if server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
                # Another start may have won the race just now; else a crash left the name behind.
                if signal_running(self.key):
                    return False
                log.info("removing the socket a previous Pol left behind (%s)", self.key)
                QLocalServer.removeServer(self.key)
            if not server.listen(self.key):
                # Pol still opens: one window too many is better than none.
                log.warning("cannot listen on %s (%s); a second start will open another window",
                            self.key, server.errorString())
                return True
        server.newConnection.connect(self._knocked)
        self.server = server
        return True

    def _knocked(self) -> None:
        assert self.server is not None
        while (socket := self.server.nextPendingConnection()) is not None:
            self.callers.append(socket)
            socket.readyRead.connect(self._readable)
            socket.disconnected.connect(self._hung_up)
            if socket.bytesAvailable():
                self._read(socket)

    def _readable(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _hung_up(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket) and socket in self.callers:
            self.callers.remove(socket)
            socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(ACTIVATE):
            socket.write(ACK)
            socket.flush()
            log.info("a second start asked the window forward")
            self.activated.emit()

    def release(self) -> None:
        """Stop listening (the window closed)."""
        for socket in self.callers:
            socket.readyRead.disconnect(self._readable)
            socket.disconnected.disconnect(self._hung_up)
            socket.abort()
        self.callers.clear()
        if self.server is not None:
            self.server.close()
            self.server = None
