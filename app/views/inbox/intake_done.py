"""The intake dialog's success page: the tracking code large, who and what, copy and print."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.requests.dto import RequestDetail
from app.views import words as shared
from app.views.formatting import plain, plain_label
from app.views.inbox import intake_words as words
from app.views.inbox.intake_receipt import print_receipt
from app.views.widgets.tracking_code import TrackingCodeLabel

if TYPE_CHECKING:
    from app.services.requests.service import RequestService


class IntakeDonePage(QWidget):
    """Shown once a request is registered; the code reads out to the citizen over the desk."""

    another_requested = Signal()
    close_requested = Signal()

    def __init__(self, requests: RequestService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.requests = requests  # the receipt's lines and its PDF
        self.setObjectName("intakeDone")
        self.detail: RequestDetail | None = None
        title = QLabel(words.DONE_TITLE)
        title.setObjectName("intakeDoneTitle")
        title.setProperty("role", "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = plain(QLabel(words.DONE_CODE))
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label = TrackingCodeLabel()
        self.summary = QFormLayout()
        self.summary.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.summary.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.note = plain(QLabel(""))
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setProperty("role", "ok")
        self.copy_button = QPushButton(words.COPY)
        self.copy_button.setToolTip(words.COPY_TIP)
        self.print_button = QPushButton(words.PRINT)
        self.print_button.setToolTip(words.PRINT_TIP)
        self.another_button = QPushButton(words.ANOTHER)
        self.close_button = QPushButton(words.CLOSE)
        buttons = QHBoxLayout()
        for b in (self.copy_button, self.print_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.another_button, self.close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addStretch(1)  # the block sits a little above the middle, not at the very top
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.code_label)
        # The summary sits centred under the code, wide enough that a subject rarely wraps.
        summary_box = QWidget()
        summary_box.setObjectName("intakeSummary")
        summary_box.setLayout(self.summary)
        summary_box.setMinimumWidth(440)
        layout.addWidget(summary_box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.note)
        layout.addStretch(2)
        layout.addLayout(buttons)
        self.copy_button.clicked.connect(self.copy_code)
        self.print_button.clicked.connect(self.print_receipt)
        self.another_button.clicked.connect(self.another_requested)
        self.close_button.clicked.connect(self.close_requested)

    def show_detail(self, d: RequestDetail) -> None:
        """Show a registered request: its code large, then the citizen and a summary."""
        self.detail = d
        self.code_label.show_code(d.tracking_code)
        while self.summary.rowCount():
            self.summary.removeRow(0)
        for label, value in self.requests.receipt_rows(d):
            shown = plain_label(value)
            shown.setWordWrap(True)
            self.summary.addRow(plain(QLabel(label)), shown)
        self._say("")
        self.copy_button.setFocus()

    def summary_texts(self) -> list[str]:
        """The summary's values as shown (for tests and the size check)."""
        out = []
        for i in range(self.summary.rowCount()):
            item = self.summary.itemAt(i, QFormLayout.ItemRole.FieldRole)
            if item is not None and isinstance(item.widget(), QLabel):
                out.append(item.widget().text())
        return out

    def copy_code(self) -> None:
        """Put the tracking code (Latin digits, for pasting anywhere) on the clipboard."""
        if self.detail is not None:
            QGuiApplication.clipboard().setText(self.detail.tracking_code)
            self._say(words.COPIED)

    def print_receipt(self) -> None:
        """Ask for a printer; the receipt's PDF is written off the GUI thread and printed."""
        if self.detail is None:
            return
        if print_receipt(self, self.requests, self.detail, self._printed, self._print_failed):
            self.print_button.setEnabled(False)
            self._say(words.PRINTING)

    def _printed(self, _pages: int) -> None:
        self.print_button.setEnabled(True)
        self._say(words.PRINTED)

    def _print_failed(self, exc: Exception) -> None:
        self.print_button.setEnabled(True)
        self._say(shared.error_text(exc), "error")

    def _say(self, text: str, role: str = "ok") -> None:
        """The line under the summary: «ok» (green) or «error» (red)."""
        self.note.setProperty("role", role)
        self.note.style().unpolish(self.note)
        self.note.style().polish(self.note)
        self.note.setText(text)
