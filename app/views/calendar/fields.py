"""Small field helpers shared by the calendar's dialogs (no top-level widget here)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from typing import Any

from PySide6.QtCore import QObject, Qt, QTime
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QTimeEdit, QWidget

from app.errors import ConflictError, PolError, ValidationError
from app.services.meetings.dto import ManagerInfo
from app.views import background
from app.views.formatting import plain
from app.views.widgets.field_errors import FieldErrors


def run_for(owner: QObject, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[Exception], None] | None = None) -> None:
    """background.run with the callbacks dropped once `owner` is gone."""
    background.run(fn, on_done=on_done, on_error=on_error, owner=owner)


def time_edit(value: time | None = None) -> QTimeEdit:
    """A 24-hour «HH:mm» field, laid out left to right like every clock."""
    edit = QTimeEdit()
    edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    edit.setDisplayFormat("HH:mm")
    if value is not None:
        edit.setTime(QTime(value.hour, value.minute))
    return edit


def time_of(edit: QTimeEdit) -> time:
    """The time a QTimeEdit shows."""
    t = edit.time()
    return time(t.hour(), t.minute())


def ltr_line_edit(placeholder: str) -> QLineEdit:
    """A left-to-right field for digits (national ID, mobile, letter number)."""
    edit = QLineEdit()
    edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    edit.setAlignment(Qt.AlignmentFlag.AlignLeft)
    edit.setPlaceholderText(placeholder)
    return edit


def manager_combo(managers: list[ManagerInfo], empty: str | None = None) -> QComboBox:
    """A pick list of managers (optionally starting with an empty choice)."""
    box = QComboBox()
    if empty is not None:
        box.addItem(empty, None)
    for m in managers:
        if m.active:
            box.addItem(m.label, m.id)
    return box


def add_rows(form: QFormLayout, errors: FieldErrors,
             rows: list[tuple[str, QWidget, str | None]]) -> dict[str, QWidget]:
    """Add labelled fields, each followed by its (hidden) error label; returns field -> widget."""
    widgets: dict[str, QWidget] = {}
    for label, widget, field in rows:
        form.addRow(label, widget)
        if field:
            widgets[field] = widget
            form.addRow("", errors.label_for(field))
    return widgets


def show_failure(exc: Exception, errors: FieldErrors, general: QLabel,
                 widgets: dict[str, QWidget]) -> None:
    """Show a failed save: messages beside the fields, or the conflict/other message below.

    Nothing the user typed is touched.
    """
    if isinstance(exc, ValidationError):
        orphans = errors.show(exc.errors)
        general.setText("لطفاً موارد مشخص‌شده را اصلاح کنید. " + "؛ ".join(orphans))
        first = next((widgets[f] for f in exc.errors if f in widgets), None)
        if first is not None:
            first.setFocus()
    elif isinstance(exc, ConflictError):
        errors.clear()
        general.setText(exc.message)
    elif isinstance(exc, PolError):
        general.setText(exc.message)
    else:
        general.setText(f"ذخیره ناموفق بود؛ اطلاعات واردشده حفظ شده است. ({exc})")


def error_label() -> QLabel:
    """The red label under a form for general and conflict messages."""
    label = plain(QLabel(""))
    label.setObjectName("generalError")
    label.setStyleSheet("color: #b91c1c;")
    label.setWordWrap(True)
    return label
