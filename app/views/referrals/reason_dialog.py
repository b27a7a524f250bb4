"""Ask for the words an action needs (the reason to withdraw, the note to escalate) and run it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from app.views.formatting import plain_label
from app.views.widgets.service_dialog import ServiceDialog
from app.views.widgets.text_edit import PersianTextEdit


class ReasonDialog(ServiceDialog):
    """One text box; OK runs `action(text)` in the background."""

    def __init__(self, title: str, intro: str, label: str, field: str, ok_text: str,
                 action: Callable[[str], Any], parent: QWidget | None = None,
                 placeholder: str = "") -> None:
        super().__init__(title, ok_text, parent)
        self.action = action
        about = plain_label(intro)
        about.setWordWrap(True)
        self.form.addRow(about)
        self.text = PersianTextEdit()
        self.text.setPlaceholderText(placeholder)
        self.text.setMaximumHeight(110)
        self.add_field(label, self.text, field)
        self.errors.label_for("status")
        self.form.addRow("", self.errors.labels["status"])

    def call(self) -> Callable[[], Any]:
        """The action with the typed text."""
        action, text = self.action, self.text.toPlainText()
        return lambda: action(text)
