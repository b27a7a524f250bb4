"""Lock the window after a configurable idle time; the same user signs in again, work stays open.

Install once per signed-in user:

    lock = SessionLock(window, services.users, actor.username)
    lock.load_minutes()          # the office-wide setting, read in the background
    lock.install()
    lock.sign_out_requested.connect(...)   # the user chose to leave instead of signing in

Nothing of the window is closed or reloaded: its central widget and menu bar are disabled and
covered by an opaque panel until the password is given again, so half-typed forms survive.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStyle,
    QStyleOption,
    QVBoxLayout,
    QWidget,
)

from app.services.core.dto import DEFAULT_LOCK_MINUTES
from app.services.requests.dto import UserInfo
from app.views import background
from app.views.formatting import ltr, plain
from app.views.sign_in_dialog import SignInDialog

if TYPE_CHECKING:
    from app.services.core.users import UserService

CARD_WIDTH = 520
LOCKED_TITLE = "«پل» قفل شد"


def locked_text(username: str) -> str:
    """The cover's message."""
    return (f"پس از مدتی بی‌کاری، صفحه برای حفظ اطلاعات شهروندان قفل شد. کاربر «{ltr(username)}» "
            "با گذرواژهٔ خود دوباره وارد شود؛ کارهای باز سر جای خود می‌ماند.")


class LockCover(QWidget):
    """The opaque panel over the whole window; its colour comes from the style sheet.

    It says it is opaque (WA_OpaquePaintEvent) and paints its style-sheet background itself, so
    Qt knows nothing under it can be seen: the window's content is neither repainted behind it
    nor counted as visible (a style-sheet background alone turns autoFillBackground off).
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("sessionLockCover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        """Fill the whole cover with its style-sheet background (else the window colour)."""
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().window())
        opt = QStyleOption()
        opt.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, opt, painter, self)


# Events that count as the user being present.
INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.ShortcutOverride,
})


class SessionLock(QObject):
    """Watches user input through an application event filter; locks when idle too long."""

    locked = Signal()
    unlocked = Signal(object)  # UserInfo of the user who signed in again
    sign_out_requested = Signal()

    def __init__(self, window: QWidget, users: UserService, username: str,
                 idle_minutes: int = DEFAULT_LOCK_MINUTES) -> None:
        super().__init__(window)
        self.window = window
        self.users = users
        self.username = username
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.overlay: QWidget | None = None
        self.message: QLabel | None = None
        self.dialog: SignInDialog | None = None
        self.is_locked = False
        self.installed = False
        self._idle_ms = 0
        self.set_idle_minutes(idle_minutes)

    # --- configuration ------------------------------------------------------------------------

    def set_idle_minutes(self, minutes: int) -> None:
        """Lock after this many idle minutes (0: never)."""
        self.set_idle_ms(max(0, minutes) * 60_000)

    def set_idle_ms(self, ms: int) -> None:
        """Lock after this many idle milliseconds (0: never)."""
        self._idle_ms = ms
        if ms <= 0:
            self.timer.stop()
            return
        self.timer.setInterval(ms)
        if self.installed and not self.is_locked:
            self.timer.start()

    def load_minutes(self) -> None:
        """Read the office-wide idle time in the background and use it."""
        users = self.users
        background.run(users.lock_minutes, on_done=self.set_idle_minutes, owner=self)

    def install(self) -> None:
        """Start watching the user's input."""
        app = QApplication.instance()
        if app is not None and not self.installed:
            app.installEventFilter(self)
            self.window.installEventFilter(self)
            self.installed = True
        self.set_idle_ms(self._idle_ms)

    def uninstall(self) -> None:
        """Stop watching (e.g. when the user signs out)."""
        app = QApplication.instance()
        if app is not None and self.installed:
            app.removeEventFilter(self)
            self.window.removeEventFilter(self)
        self.installed = False
        self.timer.stop()

    # --- watching -----------------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        """Restart the idle timer on input; keep the cover sized to the window."""
        kind = event.type()
        if kind in INPUT_EVENTS:
            if not self.is_locked and self._idle_ms > 0:
                self.timer.start()
        elif obj is self.window and kind == QEvent.Type.Resize and self.overlay is not None:
            self.overlay.setGeometry(self.window.rect())
        return False

    # --- locking ------------------------------------------------------------------------------

    def _content(self) -> list[QWidget]:
        """What must not take input while locked."""
        if isinstance(self.window, QMainWindow):
            parts = [self.window.centralWidget(), self.window.menuBar()]
            return [w for w in parts if w is not None]
        return [c for c in self.window.findChildren(QWidget, options=Qt.FindChildOption.
                                                    FindDirectChildrenOnly)
                if c is not self.overlay]

    def lock(self) -> None:
        """Cover and disable the window, then ask for the password."""
        if self.is_locked:
            return
        self.is_locked = True
        self.timer.stop()
        for w in self._content():
            w.setEnabled(False)
        self.overlay = self._make_overlay()
        self.overlay.setGeometry(self.window.rect())
        self.overlay.show()
        self.overlay.raise_()
        self.locked.emit()
        self.ask_password()

    def _make_overlay(self) -> QWidget:
        """An opaque cover with one card: the message, then the sign-in form under it.

        The form is part of the card (not a dialog floating over the window), so it can never be
        drawn over the message or the buttons.
        """
        cover = LockCover(self.window)
        card = QFrame()
        card.setObjectName("lockCard")
        card.setFixedWidth(CARD_WIDTH)
        title = QLabel(LOCKED_TITLE)
        title.setObjectName("pageTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = plain(QLabel(locked_text(self.username)))
        self.message.setObjectName("lockMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dialog = SignInDialog(self.users, parent=card, locked_user=self.username)
        self.dialog.setWindowFlags(Qt.WindowType.Widget)  # embedded in the card, not a window
        self.dialog.setObjectName("lockSignIn")
        self.dialog.accepted.connect(self._signed_in)
        self.dialog.leave_requested.connect(self.sign_out_requested)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 20, 24, 16)
        inner.setSpacing(12)
        inner.addWidget(title)
        inner.addWidget(self.message)
        inner.addWidget(self.dialog)
        layout = QVBoxLayout(cover)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        return cover

    def ask_password(self) -> None:
        """Put the cursor in the lock's password field (the form lives in the cover)."""
        if not self.is_locked or self.dialog is None:
            return
        self.dialog.show()
        self.dialog.password.setFocus()

    def _signed_in(self) -> None:
        if self.dialog is not None and self.dialog.user is not None:
            self.unlock(self.dialog.user)

    def unlock(self, user: UserInfo) -> None:
        """Uncover the window exactly as it was and start watching again."""
        if not self.is_locked or user.username != self.username:
            return
        self.is_locked = False
        if self.overlay is not None:
            self.overlay.hide()
            self.overlay.deleteLater()
            self.overlay = None
            self.message = None
        for w in self._content():
            w.setEnabled(True)
        self.dialog = None
        if self._idle_ms > 0:
            self.timer.start()
        self.unlocked.emit(user)
