"""Cancel or move a single meeting (or a weekly rule's occurrence), always with a reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from app.services.core.context import Actor
from app.services.meetings.dto import MeetingInfo, Occurrence
from app.views.calendar import words
from app.views.calendar.inputs import save_shortcut, time_edit, time_of
from app.views.formatting import plain
from app.views.widgets.jalali_date_edit import JalaliDateEdit
from app.views.widgets.service_dialog import ServiceDialog
from app.views.widgets.text_edit import PersianTextEdit

if TYPE_CHECKING:
    from app.services.meetings.service import MeetingService

CANCEL, MOVE = "cancel", "move"


class ChangeMeetingDialog(ServiceDialog):
    """mode CANCEL asks for a reason; mode MOVE for the new day, hours and a reason."""

    changed = Signal(object)  # MeetingInfo (the same as `saved`)

    def __init__(self, meetings: MeetingService, actor: Actor, occurrence: Occurrence,
                 mode: str, parent: QWidget | None = None) -> None:
        cancel = mode == CANCEL
        super().__init__(words.CANCEL_TITLE if cancel else words.MOVE_TITLE,
                         words.CANCEL_SAVE if cancel else words.MOVE_SAVE, parent)
        self.setObjectName("changeMeetingDialog")
        self.meetings, self.actor, self.occurrence, self.mode = meetings, actor, occurrence, mode
        o = occurrence
        self.about = plain(QLabel(words.about_meeting(
            o.manager, words.day_long(o.day), o.start)))
        self.about.setWordWrap(True)
        self.layout_.insertWidget(0, self.about)
        self.day = JalaliDateEdit()
        self.day.set_value(o.day)
        self.start = time_edit(o.start)
        self.end = time_edit(o.end)
        self.reason = PersianTextEdit()
        self.reason.setMaximumHeight(90)
        self.reason.setPlaceholderText(words.CANCEL_REASON_HINT if cancel
                                       else words.MOVE_REASON_HINT)
        if not cancel:
            self.add_field(words.NEW_DAY, self.day, "day")
            self.add_field(words.START, self.start, "start_time")
            self.add_field(words.END, self.end, "end_time")
        self.add_field(words.REASON, self.reason, "reason")
        self.saved.connect(self.changed)
        save_shortcut(self)

    @property
    def result_info(self) -> MeetingInfo | None:
        """The meeting as saved (None until then)."""
        return self.result_value

    def call(self) -> Callable[[], MeetingInfo]:
        """A meeting row by its version, a rule's occurrence by its day."""
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

        return job
