"""The meeting day: the queue of citizens, walk-ins in seconds, issues, directives, the minutes."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import PolError
from app.services.core import jalali
from app.services.core.context import Actor, can
from app.services.core.dto import RefItem
from app.services.meetings.dto import AttendeeInfo, IssueResult, MeetingDay, Slip
from app.services.requests.dto import CitizenInput
from app.views import background, geometry
from app.views import words as common
from app.views.calendar import words
from app.views.calendar.attendee_form import AttendeeForm
from app.views.calendar.attendee_model import (
    ATTENDEE_ROLE,
    COL_ISSUES,
    COL_TOPIC,
    AttendeeTableModel,
)
from app.views.calendar.close_meeting_dialog import CloseMeetingDialog
from app.views.calendar.issue_dialog import IssueDialog
from app.views.calendar.slip import print_slip
from app.views.formatting import plain
from app.views.framework.bus import bus

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from app.services.meetings.meeting_day import MeetingDayService
    from app.services.meetings.service import MeetingService


class MeetingDayDialog(QDialog):
    """Run one meeting: queue, received, issues (→ inbox), directives (→ referrals), minutes."""

    loaded = Signal(object)  # MeetingDay, after every (re)load
    changed = Signal(int)  # meeting id, after anything was saved
    slip_ready = Signal(object)  # Slip, just before the print dialog opens

    def __init__(self, meetings: MeetingService, days: MeetingDayService, actor: Actor,
                 meeting_id: int, agencies: list[RefItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(words.MEETING_DAY_TITLE)
        self.setObjectName("meetingDayDialog")
        self.resize(geometry.fit_size(self, QSize(1100, 680)))
        self.meetings, self.days, self.actor = meetings, days, actor
        self.meeting_id, self.agencies = meeting_id, agencies
        self.current: MeetingDay | None = None
        self.writable = can(actor, "meeting.write")
        self._select_after: int | None = None
        self.issue_dialog: IssueDialog | None = None  # the last one opened (tests look at it)
        self.header = plain(QLabel(words.LOADING))
        self.header.setObjectName("pageTitle")
        self.header.setWordWrap(True)
        self.sub = plain(QLabel(""))
        self.sub.setObjectName("meetingDaySub")
        self.sub.setProperty("role", "subtitle")
        self.sub.setWordWrap(True)
        self.form = AttendeeForm(days, meeting_id)
        self.form_box = QGroupBox(words.ADD_TO_QUEUE_BOX)
        # On a short screen (150 % scaling) the form scrolls rather than push the dialog off it.
        form_scroll = QScrollArea()
        form_scroll.setObjectName("attendeeFormScroll")
        form_scroll.setWidgetResizable(True)
        form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        form_scroll.setWidget(self.form)
        form_scroll.viewport().setAutoFillBackground(False)  # the group box shows through
        self.form.setAutoFillBackground(False)
        form_scroll.setMinimumWidth(self.form.minimumSizeHint().width()
                                    + form_scroll.verticalScrollBar().sizeHint().width())
        QVBoxLayout(self.form_box).addWidget(form_scroll)
        self.model = AttendeeTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # Short columns take their content's width; the topic and the issues share the rest
        # (a long one is elided, whole in its tooltip): no horizontal scroll bar.
        header.setMinimumSectionSize(40)  # Qt's default (~130 px here) would force one
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TOPIC, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_ISSUES, QHeaderView.ResizeMode.Stretch)
        self.count = plain(QLabel(""))
        self.received_button = QPushButton(words.RECEIVED)
        self.issue_button = QPushButton(words.RAISE_ISSUE)
        self.print_button = QPushButton(words.PRINT_RECEIPT)
        self.close_button = QPushButton(words.CLOSE_MEETING)
        actions = QHBoxLayout()
        for b in (self.received_button, self.issue_button, self.print_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.close_button)
        self.actions_row = actions  # the minutes' attachments add their button here
        queue = QWidget()
        ql = QVBoxLayout(queue)
        ql.setContentsMargins(0, 0, 0, 0)
        ql.addWidget(self.count)
        ql.addWidget(self.table, 1)
        ql.addLayout(actions)
        splitter = QSplitter()
        splitter.addWidget(self.form_box)
        splitter.addWidget(queue)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([400, 700])  # the queue gets the room: its table has six columns
        self.general = plain(QLabel(""))
        self.general.setObjectName("meetingDayMessage")
        self.general.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.sub)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.general)
        self.form.submitted.connect(self.add_citizen)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda _i: self.raise_issue())
        self.received_button.clicked.connect(self.toggle_received)
        self.issue_button.clicked.connect(self.raise_issue)
        self.print_button.clicked.connect(self.print_selected)
        self.close_button.clicked.connect(self.close_meeting)
        self._update_buttons()
        self.reload()
        self.form.national_id.setFocus()

    # --- loading ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the meeting and its queue again (off the GUI thread)."""
        days, mid = self.days, self.meeting_id
        background.run(lambda: days.day(mid), on_done=self._loaded, on_error=self._failed_quietly,
                       owner=self)

    def _loaded(self, day: MeetingDay) -> None:
        self.current = day
        m = day.meeting
        title = m.title or (m.kind_label if m.kind != "weekly" else words.WEEKLY_DAY)
        self.header.setText(f"{m.manager} — {title}")
        when = words.meeting_when(words.day_long(m.day), m.start,
                                  m.end)
        parts = [m.agency, when, m.place, f"{words.STATUS}: {m.status_label}"]
        if m.move_reason:
            parts.append(f"{words.MOVED_BECAUSE}: {m.move_reason}")
        self.sub.setText(" · ".join(p for p in parts if p))
        future = m.day > jalali.tehran_today()
        self.form_box.setTitle(words.PRE_REGISTER_BOX if future else words.ADD_TO_QUEUE_BOX)
        self.form_box.setEnabled(m.is_open and self.writable)
        self.model.set_rows(day.attendees)
        self.count.setText(words.queue_count(len(day.attendees), day.received_count))
        if self._select_after is not None:
            row = self.model.row_of(self._select_after)
            if row >= 0:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
            self._select_after = None
        self._update_buttons()
        self.loaded.emit(day)

    def selected(self) -> AttendeeInfo | None:
        """The selected citizen in the queue."""
        index = self.table.currentIndex()
        return self.model.data(index, ATTENDEE_ROLE) if index.isValid() else None

    def _update_buttons(self) -> None:
        a, m = self.selected(), self.current.meeting if self.current else None
        on_day = (self.writable and m is not None and m.status != "cancelled"
                  and m.day <= jalali.tehran_today())
        self.received_button.setEnabled(a is not None and on_day and m.is_open)
        self.received_button.setText(words.BACK_TO_QUEUE if a and a.received else words.RECEIVED)
        self.issue_button.setEnabled(a is not None and on_day)
        self.print_button.setEnabled(a is not None and bool(a.issues))
        self.close_button.setEnabled(on_day)

    # --- actions ------------------------------------------------------------------------------

    def add_citizen(self, citizen: CitizenInput, topic: str) -> None:
        """Queue a walk-in (or pre-register for a coming meeting); errors stay in the form."""
        if self.current is None:
            return
        days, actor, mid = self.days, self.actor, self.meeting_id
        future = self.current.meeting.day > jalali.tehran_today()
        self.form.set_busy(True)
        job = (lambda: days.pre_register(actor, mid, citizen, topic)) if future else \
            (lambda: days.add_walk_in(actor, mid, citizen, topic))
        background.run(job, on_done=self._added, on_error=self._add_failed, owner=self)

    def _added(self, a: AttendeeInfo) -> None:
        self.form.set_busy(False)
        self.form.clear_for_next()
        self._say(words.queued(a.queue_no, a.full_name), "ok")
        self._select_after = a.id
        self.changed.emit(self.meeting_id)
        self.reload()

    def _add_failed(self, exc: Exception) -> None:
        self.form.set_busy(False)
        self.form.show_failure(exc)

    def toggle_received(self) -> None:
        """Mark the selected citizen received (or back in the queue)."""
        a = self.selected()
        if a is None:
            return
        days, actor = self.days, self.actor
        self._select_after = a.id
        background.run(lambda: days.mark_received(actor, a.id, a.version, not a.received),
                       on_done=lambda _r: (self.changed.emit(self.meeting_id), self.reload()),
                       on_error=self._failed, owner=self)

    def raise_issue(self) -> None:
        """Open the issue form for the selected citizen."""
        a, day = self.selected(), self.current
        if a is None or day is None or not self.issue_button.isEnabled():
            return
        dialog = IssueDialog(self.days, self.actor, a, self.agencies, day.meeting.agency_id,
                             day.meeting.day, self)
        dialog.raised.connect(self._issue_raised)
        self.issue_dialog = dialog
        dialog.print_requested.connect(self.print_slip)
        self._select_after = a.id
        dialog.exec()

    def _issue_raised(self, result: IssueResult) -> None:
        """The issue is a request in the inbox (and its directive a referral): say so on the bus."""
        bus().requests_changed.emit([result.request_id])
        if result.directive is not None:
            bus().referrals_changed.emit([result.directive.referral_id])
        self.changed.emit(self.meeting_id)
        self.reload()

    def print_selected(self) -> None:
        """Print the slip of the selected citizen's latest issue."""
        a = self.selected()
        if a is not None and a.issues:
            self.print_slip(a.issues[-1].request_id)

    def print_slip(self, request_id: int) -> None:
        """Fetch the slip off the GUI thread, then let the user choose a printer."""
        days = self.days
        background.run(lambda: days.slip(request_id), on_done=self._print, on_error=self._failed,
                       owner=self)

    def _print(self, slip: Slip) -> None:
        self.slip_ready.emit(slip)
        if print_slip(self, self.days, slip, lambda _n: self._say(words.SLIP_PRINTED, "ok"),
                      self._failed_quietly):
            self._say(words.SLIP_PRINTING, "ok")

    def close_meeting(self) -> None:
        """Open the minutes form."""
        if self.current is None:
            return
        dialog = CloseMeetingDialog(self.meetings, self.actor, self.current.meeting,
                                    self.current.received_count, self.agencies, self)
        dialog.closed.connect(lambda _i: (self.changed.emit(self.meeting_id), self.reload()))
        dialog.exec()

    def _failed(self, exc: Exception) -> None:
        self._failed_quietly(exc)
        self.reload()

    def _failed_quietly(self, exc: Exception) -> None:
        if not isinstance(exc, PolError):
            log.error("meeting-day job failed", exc_info=exc)
        self._say(exc.message if isinstance(exc, PolError) else common.UNEXPECTED_ERROR, "error")

    def _say(self, text: str, role: str) -> None:
        """A line under the queue: `role` «ok» (green) or «error» (red)."""
        self.general.setProperty("role", role)
        self.general.style().unpolish(self.general)
        self.general.style().polish(self.general)
        self.general.setText(text)

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        """Enter in the form adds the citizen; it never closes the dialog."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return
        super().keyPressEvent(event)
