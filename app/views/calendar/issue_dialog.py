"""An issue a citizen raised in the meeting, and the manager's directive on it.

After the save the same window shows the tracking code to read out or print (it does not close).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models.enums import RequestType
from app.services.core.context import Actor
from app.services.core.dto import RefItem
from app.services.meetings.dto import AttendeeInfo, DirectiveInput, IssueResult
from app.views import words as common
from app.views.calendar import words
from app.views.calendar.inputs import agency_combo, save_shortcut
from app.views.formatting import plain
from app.views.widgets.jalali_date_edit import JalaliDateEdit
from app.views.widgets.ltr_edit import ltr_line_edit
from app.views.widgets.service_dialog import ServiceDialog
from app.views.widgets.text_edit import PersianTextEdit
from app.views.widgets.tracking_code import TrackingCodeLabel

if TYPE_CHECKING:
    from app.services.meetings.meeting_day import MeetingDayService


class IssueDialog(ServiceDialog):
    """The issue becomes a request in the inbox; a directive becomes a referral to an agency."""

    raised = Signal(object)  # IssueResult (the same as `saved`)
    print_requested = Signal(int)  # request id

    def __init__(self, days: MeetingDayService, actor: Actor, attendee: AttendeeInfo,
                 agencies: list[RefItem], default_agency: int | None, meeting_day: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(words.issue_title(attendee.queue_no, attendee.full_name),
                         words.ISSUE_SAVE, parent)
        self.setObjectName("issueDialog")
        self.setMinimumWidth(560)
        self.days, self.actor, self.attendee = days, actor, attendee
        self.result: IssueResult | None = None
        self.subject = QLineEdit(attendee.topic)
        self.body = PersianTextEdit()
        self.body.setMaximumHeight(64)
        self.type = QComboBox()
        for t in RequestType:
            self.type.addItem(t.label, t.value)
        self.type.setCurrentIndex(self.type.findData(RequestType.REQUEST.value))
        self.agency = agency_combo(agencies, default_agency)
        self.add_field(words.SUBJECT, self.subject, "subject")
        self.add_field(words.BODY, self.body, "body")
        # Pick lists get no message line of their own (a message about them shows under the form):
        # the window must fit a 1366×768 screen with the directive open.
        self.add_field(words.TYPE, self.type)
        self.add_field(words.AGENCY, self.agency)
        self.directive = QCheckBox(words.DIRECTIVE)
        self.form.addRow(self.directive)
        self.directive_text = PersianTextEdit()
        self.directive_text.setMaximumHeight(56)
        self.directive_agency = agency_combo(agencies, default_agency)
        self.deadline = JalaliDateEdit()
        self.deadline.set_value(meeting_day + timedelta(days=14))
        self.letter_no = ltr_line_edit(words.AUTOMATIC)
        self._directive_widgets: list[QWidget] = []
        for label, widget, field in (
                (words.DIRECTIVE_TEXT, self.directive_text, "directive.text"),
                (words.DIRECTIVE_AGENCY, self.directive_agency, "directive.agency_id"),
                (words.DEADLINE, self.deadline, "directive.deadline"),
                (words.LETTER_NO, self.letter_no, None)):
            self.add_field(label, widget, field)
            self._directive_widgets.append(widget)
            if field:  # its message line goes and comes with it
                self._directive_widgets.append(self.errors.labels[field])
        self.directive.toggled.connect(self._show_directive)
        self._show_directive(False)
        self.done_page = self._build_done_page()
        self.layout_.insertWidget(1, self.done_page)
        self.done_page.hide()
        self.saved.connect(self._saved)
        save_shortcut(self)

    def _build_done_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(plain(QLabel(words.ISSUE_DONE)))
        self.code_label = TrackingCodeLabel(26)
        self.directive_label = plain(QLabel(""))
        self.directive_label.setWordWrap(True)
        self.print_button = QPushButton(words.PRINT_SLIP)
        self.finish_button = QPushButton(common.CLOSE)
        layout.addWidget(self.code_label)
        layout.addWidget(self.directive_label)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.print_button)
        row.addWidget(self.finish_button)
        layout.addLayout(row)
        self.finish_button.clicked.connect(self.finish)
        self.print_button.clicked.connect(
            lambda: self.result and self.print_requested.emit(self.result.request_id))
        return page

    def _show_directive(self, on: bool) -> None:
        """The directive's fields (and their message lines) appear only while the box is ticked."""
        for widget in self._directive_widgets:
            row, _role = self.form.getWidgetPosition(widget)
            if row >= 0:
                self.form.setRowVisible(row, on)

    def collect_directive(self) -> DirectiveInput | None:
        """The directive typed, when the box is ticked."""
        if not self.directive.isChecked():
            return None
        return DirectiveInput(self.directive_text.toPlainText(),
                              self.directive_agency.currentData(), self.deadline.value(),
                              self.letter_no.text())

    def call(self) -> Callable[[], IssueResult] | None:
        """Register the issue (and the directive) through the one meeting-day path."""
        if self.is_done():
            return None
        days, actor, att_id = self.days, self.actor, self.attendee.id
        subject, body = self.subject.text(), self.body.toPlainText()
        type_, agency = self.type.currentData(), self.agency.currentData()
        directive = self.collect_directive()
        return lambda: days.raise_issue(actor, att_id, subject, body, type_, agency, directive)

    def is_done(self) -> bool:
        """True once the issue is saved and its code is on screen."""
        return self.result is not None

    def _saved(self, result: IssueResult) -> None:
        self.result = result
        self.code_label.show_code(result.tracking_code)
        if result.directive is not None:
            d = result.directive
            self.directive_label.setText(words.directive_done(d.agency,
                                                              words.day(d.deadline)))
        for row in range(self.form.rowCount()):
            self.form.setRowVisible(row, False)
        self.buttons.hide()
        self.done_page.show()
        self.print_button.setFocus()
        self.raised.emit(result)

    def accept(self) -> None:
        """The save does not close the window: the code stays on screen until «بستن»."""
        if not self.is_done():
            super().accept()

    def finish(self) -> None:
        """Close the window after the code was read out or printed."""
        super().accept()
