"""The quick form that puts a citizen in the queue: national ID first, the rest filled if known."""

from __future__ import annotations

import logging
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

from app.errors import PolError, ValidationError
from app.services.core import persian
from app.services.meetings.dto import CitizenLookup
from app.services.requests.dto import CitizenInput
from app.views import background
from app.views import words as common
from app.views.calendar import words
from app.views.formatting import plain
from app.views.widgets.field_errors import FieldErrors, first_error_widget
from app.views.widgets.ltr_edit import ltr_line_edit

log = logging.getLogger(__name__)

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
        self.national_id = ltr_line_edit(words.NATIONAL_ID_HINT)
        self.known = plain(QLabel(""))
        self.known.setWordWrap(True)
        self.earlier = QListWidget()
        self.earlier.setMaximumHeight(110)
        self.earlier.setWordWrap(True)
        self.earlier.setVisible(False)
        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        self.mobile = ltr_line_edit(words.MOBILE_HINT)
        self.topic = QLineEdit()
        self.topic.setPlaceholderText(words.TOPIC_HINT)
        form = QFormLayout()
        self.widgets: dict[str, QWidget] = {}
        for label, widget, field in (
                (words.NATIONAL_ID, self.national_id, "citizen.national_id"),
                ("", self.known, None), ("", self.earlier, None),
                (words.FIRST_NAME, self.first_name, "citizen.first_name"),
                (words.LAST_NAME, self.last_name, "citizen.last_name"),
                (words.MOBILE, self.mobile, "citizen.mobile"),
                (words.TOPIC, self.topic, "topic")):
            form.addRow(label, widget)
            if field:
                self.widgets[field] = widget
                form.addRow("", self.errors.label_for(field))
        self.general = plain(QLabel(""))
        self.general.setObjectName("generalError")
        self.general.setProperty("role", "error")
        self.general.setWordWrap(True)
        self.add_button = QPushButton(words.ADD_TO_QUEUE)
        self.add_button.setToolTip(words.ENTER_KEY_TIP)
        self.add_button.setDefault(True)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addLayout(row)
        layout.addStretch(1)  # the button stays under the fields, not at the bottom of the box
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
        background.run(lambda: days.look_up_citizen(nid, meeting_id), on_done=self._show_known,
                       owner=self)

    def _show_known(self, found: CitizenLookup | None) -> None:
        self.earlier.clear()
        if found is None:
            self.known.setText(words.NEW_CITIZEN)
            self.earlier.setVisible(False)
            self.looked_up.emit(None)
            return
        c = found.citizen
        self.known.setText(words.known_citizen(c.full_name, c.request_count, found.queue_no))
        for e in found.earlier:
            self.earlier.addItem(f"{words.code(e.tracking_code)} — "
                                 f"{words.day_of(e.received_at)}"
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
        self.general.setText(words.SAVING if busy else self.general.text())
        if not busy and self.general.text() == words.SAVING:
            self.general.setText("")

    def show_failure(self, exc: Exception) -> None:
        """A failed save: messages beside the fields (cursor to the first), or one line below."""
        if isinstance(exc, ValidationError):
            orphans = self.errors.show(exc.errors)
            self.general.setText("؛ ".join(orphans) or words.FIX_MARKED)
            first = first_error_widget(exc.errors, self.widgets)
            if first is not None:
                first.setFocus()
            return
        self.errors.clear()
        if not isinstance(exc, PolError):
            log.error("saving a citizen in the queue failed", exc_info=exc)
        self.general.setText(exc.message if isinstance(exc, PolError)
                             else common.UNEXPECTED_ERROR)

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
