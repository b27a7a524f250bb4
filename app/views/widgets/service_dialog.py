"""THE base of every form dialog: fields with their own error lines, one service call off the GUI
thread, a busy state, Persian messages, and no jump in height when a message comes or goes.

    class RenameDialog(ServiceDialog):
        def __init__(self, parent=None):
            super().__init__("تغییر نام", "ذخیره", parent)
            self.name = self.add_field("نام:", QLineEdit(), "name")   # edits clear its error
        def call(self):
            name = self.name.text()
            return lambda: services.things.rename(name)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from app.errors import ConflictError, ValidationError
from app.views import background, style, words
from app.views.widgets.field_errors import FieldErrors, first_error_widget, general_label

BUSY_TEXT = "در حال ثبت…"


class ServiceDialog(QDialog):
    """Subclasses add fields and return the service call from `call()`."""

    # The ids a successful write touched, by kind, when the returned DTO does not name them
    # itself (see app.views.framework.bus.changes_of); every page hears of them on the bus.
    changes: background.Changes | None = None

    saved = Signal(object)  # the service's result
    conflicted = Signal(str)  # another desktop saved first; the Persian message
    busy_changed = Signal(bool)

    def __init__(self, title: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.result_value: Any = None
        self.busy = False
        self.errors = FieldErrors()
        self.widgets: dict[str, QWidget] = {}
        self.form = QFormLayout()
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(4)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.general = general_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        style.set_role(self.ok_button, "primary")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(words.CANCEL)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(16, 16, 16, 12)
        self.layout_.setSpacing(8)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.general)
        self.layout_.addWidget(self.buttons)

    def add_field(self, label: str, widget: QWidget, field: str | None = None) -> QWidget:
        """A labelled field, with its message line under it (cleared when the user edits it)."""
        self.form.addRow(label, widget)
        if field:
            self.widgets[field] = widget
            self.form.addRow("", self.errors.label_for(field, widget))
        return widget

    def call(self) -> Callable[[], Any] | None:
        """The service call the fields describe (None: nothing to do)."""
        raise NotImplementedError

    def set_busy(self, busy: bool) -> None:
        """While the call runs: OK disabled, a busy cursor, a note in the message line."""
        self.busy = busy
        self.ok_button.setEnabled(not busy)
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
            style.set_role(self.general, "hint")
            self.general.setText(BUSY_TEXT)
        else:
            self.unsetCursor()
            style.set_role(self.general, "error")
            if self.general.text() == BUSY_TEXT:
                self.general.setText("")
        self.busy_changed.emit(busy)

    def submit(self) -> None:
        """Run the write in the background, announced on the change bus; stay open until it succeeds."""
        if self.busy:
            return
        call = self.call()
        if call is None:
            return
        self.general.setText("")
        self.set_busy(True)
        background.write(self, call, on_done=self._done, on_error=self._failed,
                         changes=self.changes)

    def _done(self, result: Any) -> None:
        self.result_value = result
        self.set_busy(False)
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.set_busy(False)
        if isinstance(exc, ValidationError):
            self.general.setText("؛ ".join(self.errors.show(exc.errors)))
            target = first_error_widget(exc.errors, self.widgets)
            if target is not None:
                target.setFocus()
            return
        self.errors.clear()
        message = words.error_text(exc)
        self.general.setText(message)
        if isinstance(exc, ConflictError):
            self.conflicted.emit(message)
