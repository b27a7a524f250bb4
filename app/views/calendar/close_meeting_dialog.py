"""Closing a meeting: the minutes (صورتجلسه), citizens received, agencies present, actions taken."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.services.core.context import Actor
from app.services.core.dto import RefItem
from app.services.meetings.dto import MeetingDetail, MeetingInfo
from app.views.calendar.fields import add_rows, error_label, run_for, show_failure
from app.views.widgets.field_errors import FieldErrors

if TYPE_CHECKING:
    from app.services.meetings.service import MeetingService


class CloseMeetingDialog(QDialog):
    """Record the minutes; the number received starts at the citizens marked received."""

    closed = Signal(object)  # MeetingInfo

    def __init__(self, meetings: MeetingService, actor: Actor, meeting: MeetingDetail,
                 received: int, agencies: list[RefItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"صورتجلسهٔ دیدار — {meeting.manager}")
        self.setMinimumWidth(560)
        self.meetings, self.actor, self.meeting = meetings, actor, meeting
        self.result_info: MeetingInfo | None = None
        self.errors = FieldErrors()
        self.minutes = QPlainTextEdit(meeting.minutes)
        self.minutes.setPlaceholderText("خلاصهٔ دیدار، موضوعات مطرح‌شده و تصمیم‌ها")
        self.citizens = QSpinBox()
        self.citizens.setRange(0, 10000)
        self.citizens.setValue(max(received, meeting.citizens_received))
        self.citizens.setToolTip("شمار شهروندانی که پذیرفته شدند (کمتر از فهرست نوبت نمی‌شود)")
        self.agencies = QListWidget()
        self.agencies.setMaximumHeight(150)
        present = {a.strip() for a in meeting.agencies_present.split("،")}
        for a in agencies:
            item = QListWidgetItem(a.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if a.name in present
                               else Qt.CheckState.Unchecked)
            self.agencies.addItem(item)
        self.actions = QPlainTextEdit(meeting.actions_taken)
        self.actions.setMaximumHeight(90)
        form = QFormLayout()
        self.widgets = add_rows(form, self.errors, [
            ("صورتجلسه:", self.minutes, "minutes"),
            ("شمار پذیرفته‌شدگان:", self.citizens, "citizens_received"),
            ("دستگاه‌های حاضر:", self.agencies, "agencies_present"),
            ("اقدامات انجام‌شده:", self.actions, "actions_taken"),
        ])
        self.general = error_label()
        self.save_button = QPushButton("بستن دیدار (Ctrl+S)")
        self.save_button.setDefault(True)
        cancel = QPushButton("انصراف")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.submit)

    def agencies_present(self) -> str:
        """The ticked agencies, joined with the Persian comma."""
        return "، ".join(self.agencies.item(i).text() for i in range(self.agencies.count())
                         if self.agencies.item(i).checkState() == Qt.CheckState.Checked)

    def submit(self) -> None:
        """Close off the GUI thread; a stale copy gives the conflict message, the text stays."""
        if not self.save_button.isEnabled():
            return
        svc, actor, m = self.meetings, self.actor, self.meeting
        args = (self.minutes.toPlainText(), self.actions.toPlainText(), self.agencies_present(),
                self.citizens.value())
        self.save_button.setEnabled(False)
        self.general.setText("در حال ذخیره…")
        run_for(self, lambda: svc.close_meeting(actor, m.id, m.version, args[0], args[1],
                                                 args[2], args[3]),
                       on_done=self._saved, on_error=self._failed)

    def _saved(self, info: MeetingInfo) -> None:
        self.save_button.setEnabled(True)
        self.result_info = info
        self.general.setText("")
        self.closed.emit(info)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        show_failure(exc, self.errors, self.general, self.widgets)
