"""Small view helpers shared by pages: plain-text labels and Jalali/Persian display."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def plain_label(text: str) -> QLabel:
    """A label that never interprets citizen-supplied text as HTML."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    # Absolute right: text made only of digits or codes would otherwise be judged
    # left-to-right and drawn at the far left of a right-to-left form.
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                       | Qt.AlignmentFlag.AlignVCenter)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
