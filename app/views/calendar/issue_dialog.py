"""An issue a citizen raised in the meeting, and the manager's directive on it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.enums import RequestType
from app.services.core import jalali, persian
from app.services.core.context import Actor
from app.services.core.dto import RefItem
from app.services.meetings.dto import AttendeeInfo, DirectiveInput, IssueResult
from app.views.calendar.fields import add_rows, error_label, ltr_line_edit, run_for, show_failure
from app.views.formatting import plain
from app.views.widgets.field_errors import FieldErrors
from app.views.widgets.jalali_date_edit import JalaliDateEdit
from app.views.widgets.tracking_code import TrackingCodeLabel

if TYPE_CHECKING:
    from app.services.meetings.meeting_day import MeetingDayService


class IssueDialog(QDialog):
    """The issue becomes a request in the inbox; a directive becomes a referral to an agency."""

    raised = Signal(object)  # IssueResult
    print_requested = Signal(int)  # request id

    def __init__(self, days: MeetingDayService, actor: Actor, attendee: AttendeeInfo,
                 agencies: list[RefItem], default_agency: int | None, meeting_day: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"موضوع مطرح‌شده — نوبت {persian.to_persian_digits(attendee.queue_no)}"
                            f"، {attendee.full_name}")
        self.setMinimumWidth(560)
        self.days, self.actor, self.attendee = days, actor, attendee
        self.result: IssueResult | None = None
        self.errors = FieldErrors()
        self.subject = QLineEdit(attendee.topic)
        self.body = QPlainTextEdit()
        self.body.setMaximumHeight(100)
        self.type = QComboBox()
        for t in RequestType:
            self.type.addItem(t.label, t.value)
        self.type.setCurrentIndex(self.type.findData(RequestType.REQUEST.value))
        self.agency = self._agency_box(agencies, default_agency)
        form = QFormLayout()
        widgets = add_rows(form, self.errors, [
            ("موضوع:", self.subject, "subject"), ("شرح:", self.body, "body"),
            ("نوع:", self.type, "type"), ("دستگاه مربوط:", self.agency, "agency_id"),
        ])
        self.directive = QGroupBox("دستور مدیر (به ارجاع در پیگیری ارجاعات تبدیل می‌شود)")
        self.directive.setCheckable(True)
        self.directive.setChecked(False)
        self.directive_text = QPlainTextEdit()
        self.directive_text.setMaximumHeight(70)
        self.directive_agency = self._agency_box(agencies, default_agency)
        self.deadline = JalaliDateEdit()
        self.deadline.set_value(meeting_day + timedelta(days=14))
        self.letter_no = ltr_line_edit("خودکار")
        dform = QFormLayout(self.directive)
        widgets.update(add_rows(dform, self.errors, [
            ("متن دستور:", self.directive_text, "directive.text"),
            ("دستگاه مسئول:", self.directive_agency, "directive.agency_id"),
            ("مهلت:", self.deadline, "directive.deadline"),
            ("شماره نامه:", self.letter_no, "directive.letter_no"),
        ]))
        self.widgets = widgets
        self.general = error_label()
        self.save_button = QPushButton("ثبت در صندوق (Ctrl+S)")
        self.save_button.setDefault(True)
        cancel = QPushButton("انصراف")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        form_page = QWidget()
        fl = QVBoxLayout(form_page)
        fl.addLayout(form)
        fl.addWidget(self.directive)
        fl.addWidget(self.general)
        fl.addLayout(buttons)
        done_page = QWidget()
        dl = QVBoxLayout(done_page)
        dl.addWidget(QLabel("موضوع در صندوق درخواست‌ها ثبت شد. کد رهگیری:"))
        self.code_label = TrackingCodeLabel(26)
        self.directive_label = plain(QLabel(""))
        self.directive_label.setWordWrap(True)
        self.print_button = QPushButton("چاپ رسید شهروند…")
        finish = QPushButton("بستن")
        dl.addWidget(self.code_label)
        dl.addWidget(self.directive_label)
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addWidget(finish)
        dl.addLayout(row)
        self.pages = QStackedWidget()
        self.pages.addWidget(form_page)
        self.pages.addWidget(done_page)
        QVBoxLayout(self).addWidget(self.pages)
        self.save_button.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)
        finish.clicked.connect(self.accept)
        self.print_button.clicked.connect(
            lambda: self.result and self.print_requested.emit(self.result.request_id))
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.submit)

    @staticmethod
    def _agency_box(agencies: list[RefItem], current: int | None) -> QComboBox:
        box = QComboBox()
        box.addItem("—", None)
        for a in agencies:
            box.addItem(a.name, a.id)
        if current is not None:
            box.setCurrentIndex(max(0, box.findData(current)))
        return box

    def collect_directive(self) -> DirectiveInput | None:
        """The directive typed, when the group is ticked."""
        if not self.directive.isChecked():
            return None
        return DirectiveInput(self.directive_text.toPlainText(),
                              self.directive_agency.currentData(), self.deadline.value(),
                              self.letter_no.text())

    def submit(self) -> None:
        """Register off the GUI thread; errors appear beside the fields and the input stays."""
        if self.pages.currentIndex() != 0 or not self.save_button.isEnabled():
            return
        days, actor, att_id = self.days, self.actor, self.attendee.id
        subject, body = self.subject.text(), self.body.toPlainText()
        type_, agency = self.type.currentData(), self.agency.currentData()
        directive = self.collect_directive()
        self.save_button.setEnabled(False)
        self.general.setText("در حال ثبت…")
        run_for(self, lambda: days.raise_issue(actor, att_id, subject, body, type_, agency,
                                                directive),
                       on_done=self._saved, on_error=self._failed)

    def _saved(self, result: IssueResult) -> None:
        self.save_button.setEnabled(True)
        self.result = result
        self.errors.clear()
        self.general.setText("")
        self.code_label.show_code(result.tracking_code)
        if result.directive is not None:
            d = result.directive
            self.directive_label.setText(f"دستور به «{d.agency}» ارجاع شد؛ مهلت پاسخ: "
                                         f"{jalali.format_jalali(d.deadline)}")
        self.pages.setCurrentIndex(1)
        self.print_button.setFocus()
        self.raised.emit(result)

    def _failed(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        show_failure(exc, self.errors, self.general, self.widgets)
