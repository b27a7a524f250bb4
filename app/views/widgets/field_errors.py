"""Inline validation messages shown under the fields they concern.

A message goes away as soon as the user edits its field, and its room is kept while hidden, so a
form neither keeps a stale red line nor jumps in height when a message comes or goes:

    errors = FieldErrors()
    form.addRow("نام:", name_edit)
    form.addRow("", errors.label_for("full_name", name_edit))   # watched: edits clear it
    errors.show(exc.errors)                                      # from a ValidationError
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QTextEdit,
    QWidget,
)

from app.views import style
from app.views.formatting import plain


def reserved_label(object_name: str) -> QLabel:
    """A red, word-wrapped message label that keeps one line of room while empty or hidden."""
    label = plain(QLabel(""))
    label.setObjectName(object_name)
    label.setProperty("role", "error")
    label.setWordWrap(True)
    font = label.font()  # a size smaller: the reserved line costs little height
    font.setPointSizeF(max(8.0, font.pointSizeF() - 1))
    label.setFont(font)
    label.setContentsMargins(0, 0, 0, 0)
    policy = label.sizePolicy()
    policy.setRetainSizeWhenHidden(True)  # for callers that hide it anyway
    policy.setVerticalPolicy(QSizePolicy.Policy.Minimum)
    label.setSizePolicy(policy)
    # Persian glyphs reach a little past the font's line spacing: reserve that too.
    label.setMinimumHeight(label.fontMetrics().lineSpacing() + 4)
    return label


def general_label() -> QLabel:
    """The dialog-wide message line (errors that belong to no field), with its room reserved."""
    return reserved_label("generalError")


def edited_signal(widget: QWidget) -> Callable[..., object] | None:
    """The signal a widget emits when the user changes its value (None: not an input)."""
    if isinstance(widget, QLineEdit):
        return widget.textEdited
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QAbstractSpinBox):
        for name in ("dateTimeChanged", "valueChanged"):
            if hasattr(widget, name):
                return getattr(widget, name)
        return widget.editingFinished
    if isinstance(widget, QAbstractButton):
        return widget.toggled
    return None


class FieldErrors:
    """Maps field names to red labels; shows a ValidationError's messages next to each field."""

    def __init__(self) -> None:
        self.labels: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}

    def label_for(self, field: str, widget: QWidget | None = None) -> QLabel:
        """The (initially empty) message label of a field; with `widget`, edits clear it."""
        # Never hidden: a form layout drops hidden rows, and the dialog would jump.
        label = reserved_label("fieldError")
        self.labels[field] = label
        if widget is not None:
            self.watch(field, widget)
        return label

    def watch(self, field: str, widget: QWidget) -> None:
        """Clear the field's message as soon as the user edits `widget`."""
        self.fields[field] = widget
        signal = edited_signal(widget)
        if signal is None:  # a composite field: watch its inputs
            for child in widget.findChildren(QWidget):
                child_signal = edited_signal(child)
                if child_signal is not None:
                    child_signal.connect(lambda *_a, f=field: self.clear_field(f))
            return
        signal.connect(lambda *_a: self.clear_field(field))

    def show(self, errors: dict[str, str]) -> list[str]:
        """Show each message under its field; returns messages with no field label."""
        self.clear()
        orphans = []
        for field, message in errors.items():
            label = self.labels.get(field)
            if label is None:
                orphans.append(message)
                continue
            label.setText(message)
            if field in self.fields:
                style.set_property(self.fields[field], "invalid", True)
        return orphans

    def clear_field(self, field: str) -> None:
        """Hide one field's message (the user is correcting it)."""
        label = self.labels.get(field)
        if label is not None and label.text():
            label.setText("")
        if field in self.fields:
            style.set_property(self.fields[field], "invalid", False)

    def clear(self) -> None:
        """Hide every message."""
        for field in self.labels:
            self.clear_field(field)

    def visible(self) -> dict[str, str]:
        """The messages on screen, by field (for tests and screen readers)."""
        return {f: lbl.text() for f, lbl in self.labels.items() if lbl.text()}


def first_error_widget(errors: dict[str, str], widgets: dict[str, QWidget]) -> QWidget | None:
    """The first field widget with an error, to put the cursor there."""
    return next((widgets[f] for f in errors if f in widgets), None)
