"""Cancel or move a single meeting (or a weekly rule's occurrence), always with a reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.core import jalali, persian
from app.services.core.context import Actor
from app.services.meetings.dto import MeetingInfo, Occurrence
from app.views.calendar.fields import (
    add_rows,
    error_label,
    run_for,
    show_failure,
    time_edit,
    time_of,
)
from app.views.formatting import plain
from app.views.widgets.field_errors import FieldErrors
from app.views.widgets.jalali_date_edit import JalaliDateEdit

if TYPE_CHECKING:
    from app.services.meetings.service import MeetingService

CANCEL, MOVE = "cancel", "move"


class ChangeMeetingDialog(QDialog):
    """mode CANCEL asks for a reason; mode MOVE for the new day, hours and a reason."""

    changed = Signal(object)  # MeetingInfo

    def __init__(self, meetings: MeetingService, actor: Actor, occurrence: Occurrence,
                 mode: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.meetings, self.actor, self.occurrence, self.mode = meetings, actor, occurrence, mode
        self.setWindowTitle("لغو دیدار" if mode == CANCEL else "جابه‌جایی دیدار")
        self.setMinimumWidth(480)
        self.result_info: MeetingInfo | None = None
        self.errors = FieldErrors()
        o = occurrence
        about = plain(QLabel(f"{o.manager} — {jalali.format_jalali_long(o.day, with_weekday=True)}، "
                       f"ساعت {persian.to_persian_digits(f'{o.start:%H:%M}')}"))
        about.setWordWrap(True)
        self.day = JalaliDateEdit()
        self.day.set_value(o.day)
        self.start = time_edit(o.start)
        self.end = time_edit(o.end)
        self.reason = QPlainTextEdit()
        self.reason.setMaximumHeight(90)
        self.reason.setPlaceholderText("دلیل لغو" if mode == CANCEL else "دلیل جابه‌جایی")
        form = QFormLayout()
        rows = [("دلیل:", self.reason, "reason")]
        if mode == MOVE:
            rows = [("روز تازه:", self.day, "day"), ("ساعت شروع:", self.start, "start_time"),
                    ("ساعت پایان:", self.end, "end_time")] + rows
        self.widgets = add_rows(form, self.errors, rows)
        self.general = error_label()
        self.save_button = QPushButton("لغو دیدار" if mode == CANCEL else "جابه‌جا کن")
        self.save_button.setDefault(True)
        close = QPushButton("انصراف")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.submit)
        close.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.submit)

    def submit(self) -> None:
        """Save off the GUI thread: a meeting row by its version, a rule's occurrence by its day."""
        if not self.save_button.isEnabled():
            return
        o, svc, actor = self.occurrence, self.meetings, self.actor
        reason = self.reason.toPlainText()
        day, start, end = self.day.value(), time_of(self.start), time_of(self.end)
        mode = self.mode

        def job() -> MeetingInfo:
            if mode == CANCEL:
                if o.meeting_id is not None:
                    return svc.cancel_meeting(actor, o.meeting_id, o.version, reason)
                return svc.cancel_occurrence(actor, o.schedule_id, o.day, reason)
            if o.meeting_id is not None:
                return svc.move_meeting(actor, o.meeting_id, o.version, day, start, end, reason)
            return svc.move_occurrence(actor, o.schedule_id, o.day, day, start, end, reason)

        self.save_button.setEnabled(False)
        self.general.setText("در حال ذخیره…")
        run_for(self, job, on_done=self._saved, on_error=self._failed)

    def _saved(self, info: MeetingInfo) -> None:
        self.save_button.setEnabled(True)
        self.result_info = info
        self.general.setText("")
        self.changed.emit(info)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        show_failure(exc, self.errors, self.general, self.widgets)
