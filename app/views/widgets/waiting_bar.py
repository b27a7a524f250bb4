"""A thin non-modal bar along the bottom of a window: «waiting for the server…» and a give-up button."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMainWindow, QPushButton, QWidget

from app.views import words

WAITING_TEXT = "در انتظار پاسخ سرور…"


class WaitingBar(QFrame):
    """Shown by views/background.py over the window whose job waits; never blocks the window."""

    gave_up = Signal()  # the user stopped waiting for every slow job of this window

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("waitingBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.label = QLabel(WAITING_TEXT)
        self.button = QPushButton(words.CANCEL)
        self.button.setToolTip("منتظر این پاسخ نمانید؛ آنچه نوشته‌اید در فرم می‌ماند.")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.button.clicked.connect(self.gave_up)
        window.installEventFilter(self)
        self.hide()

    @classmethod
    def of(cls, window: QWidget) -> WaitingBar:
        """The window's bar, made on first use."""
        bar = window.findChild(WaitingBar, options=Qt.FindChildOption.FindDirectChildrenOnly)
        return bar if bar is not None else cls(window)

    def show_waiting(self) -> None:
        """Show the bar above the window's content (and above a main window's status bar)."""
        self._place()
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Follow the window's size while shown."""
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def _place(self) -> None:
        window = self.parentWidget()
        if window is None:
            return
        bottom = window.height()
        if isinstance(window, QMainWindow) and window.statusBar().isVisible():
            bottom -= window.statusBar().height()
        height = self.sizeHint().height()
        self.setGeometry(0, max(0, bottom - height), window.width(), height)

