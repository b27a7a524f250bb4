"""A manager's weekly meeting day (روز ملاقات مردمی هفتگی): weekday, hours, place, from when."""

from __future__ import annotations

from datetime import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.core import jalali, persian
from app.services.core.context import Actor
from app.services.meetings.dto import ManagerInfo, ScheduleInfo
from app.views.calendar.fields import (
    add_rows,
    error_label,
    manager_combo,
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


class ScheduleDialog(QDialog):
    """Set (or replace from a date) the weekly rule of a manager."""

    saved = Signal(object)  # ScheduleInfo

    def __init__(self, meetings: MeetingService, actor: Actor, managers: list[ManagerInfo],
                 manager_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("روز ملاقات مردمی هفتگی")
        self.setMinimumWidth(480)
        self.meetings, self.actor, self.managers = meetings, actor, managers
        self.result_info: ScheduleInfo | None = None
        self.errors = FieldErrors()
        self.manager = manager_combo(managers, "— مدیر را انتخاب کنید —")
        if manager_id is not None:
            self.manager.setCurrentIndex(max(0, self.manager.findData(manager_id)))
        self.current = plain(QLabel(""))
        self.current.setWordWrap(True)
        self.weekday = QComboBox()
        self.weekday.addItem("— روز هفته —", None)
        for i, name in enumerate(jalali.WEEKDAY_NAMES):
            self.weekday.addItem(name, i)
        self.start = time_edit(time(9))
        self.end = time_edit(time(12))
        self.place = QLineEdit()
        self.valid_from = JalaliDateEdit()
        form = QFormLayout()
        self.widgets = add_rows(form, self.errors, [
            ("مدیر:", self.manager, "manager_id"), ("", self.current, None),
            ("روز هفته:", self.weekday, "weekday"), ("ساعت شروع:", self.start, "start_time"),
            ("ساعت پایان:", self.end, "end_time"), ("محل:", self.place, None),
            ("از تاریخ:", self.valid_from, None),
        ])
        self.general = error_label()
        self.save_button = QPushButton("ثبت روز ملاقات (Ctrl+S)")
        self.save_button.setDefault(True)
        cancel = QPushButton("انصراف")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addLayout(buttons)
        self.manager.currentIndexChanged.connect(lambda _i: self._show_current())
        self.save_button.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.submit)
        self._show_current()

    def _show_current(self) -> None:
        m = next((m for m in self.managers if m.id == self.manager.currentData()), None)
        if m is None:
            self.current.setText("")
        elif m.weekday is None:
            self.current.setText("این مدیر هنوز روز ملاقات هفتگی ندارد.")
        else:
            self.current.setText(f"روز کنونی: {jalali.WEEKDAY_NAMES[m.weekday]}؛ "
                                 f"قاعدهٔ تازه از تاریخ انتخاب‌شده جای آن را می‌گیرد.")

    def submit(self) -> None:
        """Save off the GUI thread; a missing weekday or bad hours are shown beside the fields."""
        if not self.save_button.isEnabled():
            return
        svc, actor = self.meetings, self.actor
        args = (actor, self.manager.currentData(), self.weekday.currentData(),
                time_of(self.start), time_of(self.end), self.place.text(),
                self.valid_from.value())
        self.save_button.setEnabled(False)
        self.general.setText("در حال ثبت…")
        run_for(self, lambda: svc.schedule_weekly_day(*args), on_done=self._saved,
                       on_error=self._failed)

    def _saved(self, info: ScheduleInfo) -> None:
        self.save_button.setEnabled(True)
        self.result_info = info
        self.errors.clear()
        self.general.setText(f"ثبت شد: {info.manager}، {info.weekday_label}‌ها، ساعت "
                             f"{persian.to_persian_digits(f'{info.start_time:%H:%M}')}")
        self.saved.emit(info)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        show_failure(exc, self.errors, self.general, self.widgets)
