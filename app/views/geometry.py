"""Remember where the user left windows, dialogs, splitters and table headers (per user).

    geometry.remember(window, "main")          # a top-level window or dialog: size and place
    geometry.remember(splitter, "inbox/split")  # a splitter: its sizes
    geometry.remember(table.horizontalHeader(), "inbox/columns")  # a header: widths and order

Each is restored at once (when a value was saved) and saved when it changes or closes.
`restore_window(window, key)` returns False when nothing was saved (the caller may maximise).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QSize, QTimer
from PySide6.QtWidgets import QHeaderView, QSplitter, QWidget

from app.config import data_dir

GROUP = "geometry"


# A window sized by its own wish keeps this share of the screen's room at most, so its title bar
# and buttons stay on a small logical screen (1920×1080 at 150 %: 1280×720).
SCREEN_SHARE = 0.9
LAYOUT_FILE = "layout.ini"
SAVE_DELAY_MS = 400


def settings() -> QSettings:
    """The per-user layout store: an INI file in Pol's user data folder.

    Kept beside the data (not in the system's settings store) so that POL_DATA_DIR gives tests
    and portable installs their own layouts.
    """
    return QSettings(str(data_dir() / LAYOUT_FILE), QSettings.Format.IniFormat)


def _key(key: str) -> str:
    return f"{GROUP}/{key}"


def load(key: str) -> QByteArray | None:
    """The saved state under a key, or None."""
    value = settings().value(_key(key))
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, (bytes, bytearray)) and value:
        return QByteArray(bytes(value))
    return None


def save(key: str, state: QByteArray) -> None:
    """Keep a state under a key."""
    s = settings()
    s.setValue(_key(key), state)
    s.sync()


def forget(key: str) -> None:
    """Drop a saved state (tests, «reset layout»)."""
    settings().remove(_key(key))


class _Saver(QObject):
    """Saves its target's state when the target is hidden, closed or moved/resized."""

    def __init__(self, target: QWidget, key: str) -> None:
        super().__init__(target)
        self.target = target
        self.key = key
        target.installEventFilter(self)
        # A drag moves a splitter or a section many times a second: write once it settles.
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(SAVE_DELAY_MS)
        self._pending.timeout.connect(self.store)
        if isinstance(target, QSplitter):
            target.splitterMoved.connect(lambda *_: self._pending.start())
        elif isinstance(target, QHeaderView):
            for sig in (target.sectionResized, target.sectionMoved):
                sig.connect(lambda *_: self._pending.start())
            target.sectionCountChanged.connect(lambda *_: self.restore())

    def state(self) -> QByteArray:
        t = self.target
        if isinstance(t, (QSplitter, QHeaderView)):
            return t.saveState()
        return t.saveGeometry()

    def store(self) -> None:
        """Keep the target's current state."""
        self._pending.stop()
        save(self.key, self.state())

    def restore(self) -> bool:
        """Apply the saved state; False when there is none."""
        state = load(self.key)
        if state is None:
            return False
        t = self.target
        if isinstance(t, (QSplitter, QHeaderView)):
            return bool(t.restoreState(state))
        return bool(t.restoreGeometry(state))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Save on close and hide (top-level windows and dialogs)."""
        if obj is self.target and event.type() in (QEvent.Type.Close, QEvent.Type.Hide):
            if self.target.isWindow() or isinstance(self.target, (QSplitter, QHeaderView)):
                self.store()
        return False


def remember(target: QWidget, key: str) -> bool:
    """Restore `target` (window, dialog, splitter or header) from `key` and keep it saved.

    Returns whether a saved state was applied.
    """
    saver = _Saver(target, key)
    return saver.restore()


def fit_size(window: QWidget, wanted: QSize) -> QSize:
    """`wanted`, no taller than SCREEN_SHARE of the room on the window's screen.

    Only the height: every supported logical screen is at least 1280 wide, while 720 of height
    (150 %) is less than a tall dialog asks for.
    """
    screen = window.screen()
    if screen is None:
        return wanted
    room = screen.availableGeometry().height()
    return QSize(wanted.width(), min(wanted.height(), int(room * SCREEN_SHARE)))


def restore_window(window: QWidget, key: str) -> bool:
    """Same as `remember` for a top-level window: False on first use (then open it maximised)."""
    return remember(window, key)
