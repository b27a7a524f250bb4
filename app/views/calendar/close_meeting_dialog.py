"""Closing a meeting: the minutes (صورتجلسه), citizens received, agencies present, actions taken."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QSpinBox, QWidget

from app.services.core.context import Actor
from app.services.core.dto import RefItem
from app.services.meetings.dto import MeetingDetail, MeetingInfo
from app.views.calendar import words
from app.views.calendar.inputs import save_shortcut
from app.views.widgets.service_dialog import ServiceDialog
from app.views.widgets.text_edit import PersianTextEdit

if TYPE_CHECKING:
    from app.services.meetings.service import MeetingService


class CloseMeetingDialog(ServiceDialog):
    """Record the minutes; the number received starts at the citizens marked received."""

    closed = Signal(object)  # MeetingInfo (the same as `saved`)

    def __init__(self, meetings: MeetingService, actor: Actor, meeting: MeetingDetail,
                 received: int, agencies: list[RefItem], parent: QWidget | None = None) -> None:
        super().__init__(words.minutes_title(meeting.manager), words.CLOSE_SAVE, parent)
        self.setObjectName("closeMeetingDialog")
        self.setMinimumWidth(560)
        self.meetings, self.actor, self.meeting = meetings, actor, meeting
        self.minutes = PersianTextEdit(meeting.minutes)
        self.minutes.setPlaceholderText(words.MINUTES_HINT)
        self.citizens = QSpinBox()
        self.citizens.setRange(0, 10000)
        self.citizens.setValue(max(received, meeting.citizens_received))
        self.citizens.setToolTip(words.RECEIVED_COUNT_TIP)
        self.agencies = QListWidget()
        self.agencies.setMaximumHeight(150)
        present = {a.strip() for a in meeting.agencies_present.split("،")}
        for a in agencies:
            item = QListWidgetItem(a.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if a.name in present
                               else Qt.CheckState.Unchecked)
            self.agencies.addItem(item)
        self.actions = PersianTextEdit(meeting.actions_taken)
        self.actions.setMaximumHeight(90)
        self.add_field(words.MINUTES, self.minutes, "minutes")
        self.add_field(words.RECEIVED_COUNT, self.citizens, "citizens_received")
        self.add_field(words.AGENCIES_PRESENT, self.agencies, "agencies_present")
        self.add_field(words.ACTIONS_TAKEN, self.actions, "actions_taken")
        self.saved.connect(self.closed)
        save_shortcut(self)

    @property
    def result_info(self) -> MeetingInfo | None:
        """The meeting as closed (None until then)."""
        return self.result_value

    def agencies_present(self) -> str:
        """The ticked agencies, joined with the Persian comma."""
        return "، ".join(self.agencies.item(i).text() for i in range(self.agencies.count())
                         if self.agencies.item(i).checkState() == Qt.CheckState.Checked)

    def call(self) -> Callable[[], MeetingInfo]:
        """Close the meeting by its version (a stale copy gets the conflict message)."""
        svc, actor, m = self.meetings, self.actor, self.meeting
        args = (self.minutes.toPlainText(), self.actions.toPlainText(), self.agencies_present(),
                self.citizens.value())
        return lambda: svc.close_meeting(actor, m.id, m.version, *args)
