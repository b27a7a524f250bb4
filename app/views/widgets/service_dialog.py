"""A small form whose OK runs one service call off the GUI thread, keeping the input on errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.errors import ConflictError, PolError, ValidationError
from app.views import background
from app.views.formatting import plain
from app.views.widgets.field_errors import FieldErrors


class ServiceDialog(QDialog):
    """Subclasses add fields and return the service call from `call()`."""

    saved = Signal(object)  # the service's result
    conflicted = Signal(str)  # another desktop saved first; the Persian message

    def __init__(self, title: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.result_value: Any = None
        self.errors = FieldErrors()
        self.form = QFormLayout()
        self.general = plain(QLabel(""))
        self.general.setObjectName("generalError")
        self.general.setStyleSheet("color: #b91c1c;")
        self.general.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("انصراف")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.general)
        self.layout_.addWidget(self.buttons)

    def add_field(self, label: str, widget: QWidget, field: str | None = None) -> QWidget:
        """A labelled field, with its (hidden) validation message under it."""
        self.form.addRow(label, widget)
        if field:
            self.form.addRow("", self.errors.label_for(field))
        return widget

    def call(self) -> Callable[[], Any] | None:
        """The service call the fields describe (None: nothing to do)."""
        raise NotImplementedError

    def submit(self) -> None:
        """Run the call in the background; the dialog stays open until it succeeds."""
        call = self.call()
        if call is None:
            return
        self.ok_button.setEnabled(False)
        self.general.setText("")
        background.run(call, on_done=self._done, on_error=self._failed, owner=self)

    def _done(self, result: Any) -> None:
        self.result_value = result
        self.ok_button.setEnabled(True)
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.general.setText("؛ ".join(self.errors.show(exc.errors)))
            return
        self.errors.clear()
        message = exc.message if isinstance(exc, PolError) else f"خطای پیش‌بینی‌نشده: {exc}"
        self.general.setText(message)
        if isinstance(exc, ConflictError):
            self.conflicted.emit(message)
