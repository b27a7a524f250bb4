"""Multi-line Persian text: right-aligned, the cursor on the right, even while the box is empty."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget


def right_to_left(edit: QPlainTextEdit) -> QPlainTextEdit:
    """Make an existing plain-text box lay out Persian from the right (Qt follows the text, not the widget)."""
    option = edit.document().defaultTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    edit.document().setDefaultTextOption(option)
    return edit


class PersianTextEdit(QPlainTextEdit):
    """A QPlainTextEdit for Persian prose (request bodies, answers, minutes, notes)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        right_to_left(self)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
