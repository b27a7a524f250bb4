"""Left-to-right input fields (national ID, phone, user name, path, host) inside the RTL forms.

The alignment is absolute: QLineEdit mirrors a plain AlignLeft when it draws a Persian placeholder
(«کد ملی ده‌رقمی») and would put it at the right edge of a field typed from the left.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

LTR_ALIGNMENT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter


def make_ltr(edit: QLineEdit) -> QLineEdit:
    """Turn an existing line edit left to right, placeholder included."""
    edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    edit.setAlignment(LTR_ALIGNMENT)
    return edit


def ltr_line_edit(placeholder: str = "", text: str = "", parent: QWidget | None = None) -> QLineEdit:
    """A new left-to-right line edit."""
    edit = make_ltr(QLineEdit(text, parent))
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


class PathEdit(QLineEdit):
    """A file path: left to right, its end (the file name) in view, the whole path as a tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        make_ltr(self)
        self.textChanged.connect(self._follow)
        self.setText(text)

    def _follow(self, text: str) -> None:
        self.setToolTip(text)
        if not self.hasFocus():
            self.setCursorPosition(len(text))

    def focusOutEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        """Back to showing the file name when the user leaves the field."""
        super().focusOutEvent(event)
        self.setCursorPosition(len(self.text()))
