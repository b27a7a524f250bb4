"""Inline validation messages shown under the fields they concern."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from app.views.formatting import plain


class FieldErrors:
    """Maps field names to red labels; shows a ValidationError's messages next to each field."""

    def __init__(self) -> None:
        self.labels: dict[str, QLabel] = {}

    def label_for(self, field: str) -> QLabel:
        """The (initially hidden) message label of a field."""
        label = plain(QLabel(""))
        label.setObjectName("fieldError")
        label.setStyleSheet("color: #b91c1c;")
        label.setWordWrap(True)
        label.setVisible(False)
        self.labels[field] = label
        return label

    def show(self, errors: dict[str, str]) -> list[str]:
        """Show each message under its field; returns messages with no field label."""
        self.clear()
        orphans = []
        for field, message in errors.items():
            label = self.labels.get(field)
            if label is None:
                orphans.append(message)
            else:
                label.setText(message)
                label.setVisible(True)
        return orphans

    def clear(self) -> None:
        """Hide every message."""
        for label in self.labels.values():
            label.setText("")
            label.setVisible(False)

    def visible(self) -> dict[str, str]:
        """The messages on screen, by field (for tests and screen readers)."""
        return {f: lbl.text() for f, lbl in self.labels.items() if lbl.isVisible() or lbl.text()}


def first_error_widget(errors: dict[str, str], widgets: dict[str, QWidget]) -> QWidget | None:
    """The first field widget with an error, to put the cursor there."""
    return next((widgets[f] for f in errors if f in widgets), None)
