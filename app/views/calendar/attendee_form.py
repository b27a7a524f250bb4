"""The quick form that puts a citizen in the queue: national ID first, the rest filled if known."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.core import jalali, persian
from app.services.meetings.dto import CitizenLookup
from app.services.requests.dto import CitizenInput
from app.views.calendar.fields import add_rows, error_label, ltr_line_edit, run_for
from app.views.formatting import plain
from app.views.widgets.field_errors import FieldErrors

if TYPE_CHECKING:
    from app.services.meetings.meeting_day import MeetingDayService


class AttendeeForm(QWidget):
    """National ID, name, mobile, short topic; Enter adds the citizen to the queue."""

    submitted = Signal(object, str)  # CitizenInput, topic
    looked_up = Signal(object)  # CitizenLookup | None

    def __init__(self, days: MeetingDayService, meeting_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days, self.meeting_id = days, meeting_id
        self.errors = FieldErrors()
        self.national_id = ltr_line_edit("کد ملی ده‌رقمی")
        self.known = plain(QLabel(""))
        self.known.setWordWrap(True)
        self.earlier = QListWidget()
        self.earlier.setMaximumHeight(110)
        self.earlier.setWordWrap(True)
        self.earlier.setVisible(False)
        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        self.mobile = ltr_line_edit("۰۹۱۲۱۲۳۴۵۶۷")
        self.topic = QLineEdit()
        self.topic.setPlaceholderText("موضوع کوتاه")
        form = QFormLayout()
        self.widgets = add_rows(form, self.errors, [
            ("کد ملی:", self.national_id, "citizen.national_id"), ("", self.known, None),
            ("", self.earlier, None), ("نام:", self.first_name, "citizen.first_name"),
            ("نام خانوادگی:", self.last_name, "citizen.last_name"),
            ("تلفن همراه:", self.mobile, "citizen.mobile"), ("موضوع:", self.topic, "topic"),
        ])
        self.general = error_label()
        self.add_button = QPushButton("افزودن به نوبت (Enter)")
        self.add_button.setDefault(True)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addLayout(row)
        self.national_id.editingFinished.connect(self.look_up)
        self.add_button.clicked.connect(self.submit)
        for edit in (self.first_name, self.last_name, self.mobile, self.topic):
            edit.returnPressed.connect(self.submit)

    def look_up(self) -> None:
        """Find a known citizen by national ID (off the GUI thread)."""
        nid = persian.clean_national_id(self.national_id.text())
        if not persian.is_valid_national_id(nid):
            self.known.setText("")
            self.earlier.setVisible(False)
            return
        days, meeting_id = self.days, self.meeting_id
        run_for(self, lambda: days.look_up_citizen(nid, meeting_id), on_done=self._show_known)

    def _show_known(self, found: CitizenLookup | None) -> None:
        self.earlier.clear()
        if found is None:
            self.known.setText("شهروند تازه: نام و نام خانوادگی را وارد کنید.")
            self.earlier.setVisible(False)
            self.looked_up.emit(None)
            return
        c = found.citizen
        text = (f"مراجعه‌کنندهٔ پیشین: {c.full_name} — "
                f"{persian.to_persian_digits(c.request_count)} درخواست پیشین")
        if found.queue_no is not None:
            text += f"؛ هم‌اکنون نوبت {persian.to_persian_digits(found.queue_no)} این دیدار است"
        self.known.setText(text)
        for e in found.earlier:
            self.earlier.addItem(f"{persian.ltr(persian.to_persian_digits(e.tracking_code))} — "
                                 f"{jalali.format_jalali(jalali.to_tehran(e.received_at).date())}"
                                 f" — {e.subject} ({e.status_label})")
        self.earlier.setVisible(bool(found.earlier))
        # Fill only what the clerk has not typed: their input is never overwritten.
        if not self.first_name.text():
            self.first_name.setText(c.first_name)
        if not self.last_name.text():
            self.last_name.setText(c.last_name)
        if not self.mobile.text() and c.mobile:
            self.mobile.setText(c.mobile)
        self.looked_up.emit(found)

    def submit(self) -> None:
        """Hand the citizen to the dialog, which saves it."""
        if not self.add_button.isEnabled():
            return
        self.submitted.emit(CitizenInput(national_id=self.national_id.text(),
                                         first_name=self.first_name.text(),
                                         last_name=self.last_name.text(),
                                         mobile=self.mobile.text()), self.topic.text())

    def set_busy(self, busy: bool) -> None:
        """Disable the button while a save runs."""
        self.add_button.setEnabled(not busy)
        self.general.setText("در حال ثبت…" if busy else self.general.text())

    def clear_for_next(self) -> None:
        """Empty the form for the next citizen; the cursor goes back to the national ID."""
        for edit in (self.national_id, self.first_name, self.last_name, self.mobile, self.topic):
            edit.clear()
        self.known.setText("")
        self.earlier.clear()
        self.earlier.setVisible(False)
        self.errors.clear()
        self.general.setText("")
        self.national_id.setFocus()
