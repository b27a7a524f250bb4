"""A manager's weekly meeting day (روز ملاقات مردمی هفتگی): weekday, hours, place, from when."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from app.services.core import jalali
from app.services.core.context import Actor
from app.services.meetings.dto import ManagerInfo, ScheduleInfo
from app.views.calendar import words
from app.views.calendar.inputs import manager_combo, save_shortcut, time_edit, time_of
from app.views.formatting import plain
from app.views.widgets.jalali_date_edit import JalaliDateEdit
from app.views.widgets.service_dialog import ServiceDialog

if TYPE_CHECKING:
    from app.services.meetings.service import MeetingService


class ScheduleDialog(ServiceDialog):
    """Set (or replace from a date) the weekly rule of a manager."""

    def __init__(self, meetings: MeetingService, actor: Actor, managers: list[ManagerInfo],
                 manager_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(words.SCHEDULE_TITLE, words.SCHEDULE_SAVE, parent)
        self.setObjectName("scheduleDialog")
        self.meetings, self.actor, self.managers = meetings, actor, managers
        self.manager = manager_combo(managers, words.CHOOSE_MANAGER)
        if manager_id is not None:
            self.manager.setCurrentIndex(max(0, self.manager.findData(manager_id)))
        self.current = plain(QLabel(""))
        self.current.setProperty("role", "hint")
        self.current.setWordWrap(True)
        self.weekday = QComboBox()
        self.weekday.addItem(words.CHOOSE_WEEKDAY, None)
        for i, name in enumerate(jalali.WEEKDAY_NAMES):
            self.weekday.addItem(name, i)
        self.start = time_edit(time(9))
        self.end = time_edit(time(12))
        self.place = QLineEdit()
        self.valid_from = JalaliDateEdit()
        self.add_field(words.MANAGER, self.manager, "manager_id")
        self.form.addRow("", self.current)
        self.add_field(words.WEEKDAY, self.weekday, "weekday")
        self.add_field(words.START, self.start, "start_time")
        self.add_field(words.END, self.end, "end_time")
        self.add_field(words.PLACE_FIELD, self.place)
        self.add_field(words.VALID_FROM, self.valid_from)
        self.manager.currentIndexChanged.connect(lambda _i: self._show_current())
        save_shortcut(self)
        self._show_current()

    @property
    def result_info(self) -> ScheduleInfo | None:
        """The rule saved (None until then)."""
        return self.result_value

    def _show_current(self) -> None:
        m = next((m for m in self.managers if m.id == self.manager.currentData()), None)
        if m is None:
            self.current.setText("")
        elif m.weekday is None:
            self.current.setText(words.NO_WEEKLY_DAY)
        else:
            self.current.setText(words.current_weekly_day(jalali.WEEKDAY_NAMES[m.weekday]))

    def call(self) -> Callable[[], ScheduleInfo]:
        """The service call the fields describe."""
        args = (self.actor, self.manager.currentData(), self.weekday.currentData(),
                time_of(self.start), time_of(self.end), self.place.text(),
                self.valid_from.value())
        svc = self.meetings
        return lambda: svc.schedule_weekly_day(*args)
