"""The tracking code shown large enough to read out to the citizen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.services.core import persian


class TrackingCodeLabel(QLabel):
    """Big, centred, selectable; Persian digits kept left-to-right inside RTL text."""

    def __init__(self, point_size: int = 28) -> None:
        super().__init__("")
        self.setObjectName("bigTrackingCode")
        self.setStyleSheet(f"font-size: {point_size}pt; font-weight: bold;")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def show_code(self, code: str) -> None:
        """Show a tracking code."""
        self.setText(persian.ltr(persian.to_persian_digits(code)))
