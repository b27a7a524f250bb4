"""The tracking code shown large enough to read out to the citizen, and copyable.

Latin digits in a monospace font, grouped, in an LTR isolate (formatting.tracking_code): the
Persian zero is a dot that vanishes beside a hyphen. Copying gives the plain code («1405-0001234-7»).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLabel, QWidget

from app.services.core import persian
from app.views import formatting
from app.views.icons import icon

COPY_TEXT = "رونوشت کد رهگیری"


class TrackingCodeLabel(QLabel):
    """Big, centred, selectable; right-click or Ctrl+C copies the plain code."""

    def __init__(self, point_size: int = 26, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setObjectName("bigTrackingCode")
        self.setProperty("role", "code")
        if point_size != 26:  # the style sheet's size is the default
            font = self.font()
            font.setPointSize(point_size)
            self.setFont(font)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.code = ""
        self.copy_action = QAction(icon("copy"), COPY_TEXT, self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.triggered.connect(self.copy)
        self.addAction(self.copy_action)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.setToolTip(COPY_TEXT + " (Ctrl+C)")

    def show_code(self, code: str) -> None:
        """Show a tracking code."""
        self.code = persian.canonical_code(code)
        self.setText(formatting.tracking_code(code))

    def copy(self) -> None:
        """Put the plain code (no isolates, no grouping spaces) on the clipboard."""
        if self.code:
            QGuiApplication.clipboard().setText(self.code)
