"""A one-off meeting: a provincial trip, a visit from the presidential office, a special meeting."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app.models.enums import MeetingKind
from app.services.core.context import Actor
from app.services.core.dto import RefItem
from app.services.meetings.dto import ManagerInfo, MeetingInfo
from app.views.calendar import words
from app.views.calendar.inputs import manager_combo, save_shortcut, time_edit, time_of
from app.views.widgets.jalali_date_edit import JalaliDateEdit
from app.views.widgets.service_dialog import ServiceDialog

if TYPE_CHECKING:
    from app.services.meetings.service import MeetingService


class MeetingDialog(ServiceDialog):
    """Plan a one-off meeting; the database refuses a time the manager is already booked."""

    def __init__(self, meetings: MeetingService, actor: Actor, managers: list[ManagerInfo],
                 counties: list[RefItem], day: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(words.ONE_OFF_TITLE, words.ONE_OFF_SAVE, parent)
        self.setObjectName("meetingDialog")
        self.meetings, self.actor = meetings, actor
        self.manager = manager_combo(managers, words.CHOOSE_MANAGER)
        self.kind = QComboBox()
        for k in (MeetingKind.TRIP, MeetingKind.PRESIDENTIAL, MeetingKind.ONE_OFF,
                  MeetingKind.WEEKLY):
            self.kind.addItem(k.label if k != MeetingKind.WEEKLY else words.COMPENSATING_WEEKLY,
                              k.value)
        self.title = QLineEdit()
        self.title.setPlaceholderText(words.ONE_OFF_TITLE_HINT)
        self.day = JalaliDateEdit()
        if day is not None:
            self.day.set_value(day)
        self.start = time_edit(time(10))
        self.end = time_edit(time(12))
        self.place = QLineEdit()
        self.county = QComboBox()
        self.county.addItem(words.MANAGERS_COUNTY, None)
        for c in counties:
            self.county.addItem(c.name, c.id)
        self.add_field(words.MANAGER, self.manager, "manager_id")
        self.add_field(words.KIND, self.kind, "kind")
        self.add_field(words.TITLE, self.title)
        self.add_field(words.DATE, self.day, "day")
        self.add_field(words.START, self.start, "start_time")
        self.add_field(words.END, self.end, "end_time")
        self.add_field(words.PLACE_FIELD, self.place)
        self.add_field(words.COUNTY, self.county, "county_id")
        save_shortcut(self)

    @property
    def result_info(self) -> MeetingInfo | None:
        """The meeting saved (None until then)."""
        return self.result_value

    def call(self) -> Callable[[], MeetingInfo]:
        """The service call the fields describe."""
        args = (self.actor, self.manager.currentData(), self.day.value(), time_of(self.start),
                time_of(self.end))
        kw = dict(kind=self.kind.currentData(), place=self.place.text(),
                  county_id=self.county.currentData(), title=self.title.text())
        svc = self.meetings
        return lambda: svc.create_meeting(*args, **kw)
