"""A one-off meeting: a provincial trip, a visit from the presidential office, a special meeting."""

from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models.enums import MeetingKind
from app.services.core.context import Actor
from app.services.core.dto import RefItem
from app.services.meetings.dto import ManagerInfo, MeetingInfo
from app.views.calendar.fields import (
    add_rows,
    error_label,
    manager_combo,
    run_for,
    show_failure,
    time_edit,
    time_of,
)
from app.views.widgets.field_errors import FieldErrors
from app.views.widgets.jalali_date_edit import JalaliDateEdit

if TYPE_CHECKING:
    from app.services.meetings.service import MeetingService


class MeetingDialog(QDialog):
    """Plan a one-off meeting; the database refuses a time the manager is already booked."""

    saved = Signal(object)  # MeetingInfo

    def __init__(self, meetings: MeetingService, actor: Actor, managers: list[ManagerInfo],
                 counties: list[RefItem], day: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("دیدار ویژه (سفر استانی، دیدار نهاد ریاست جمهوری)")
        self.setMinimumWidth(520)
        self.meetings, self.actor = meetings, actor
        self.result_info: MeetingInfo | None = None
        self.errors = FieldErrors()
        self.manager = manager_combo(managers, "— مدیر را انتخاب کنید —")
        self.kind = QComboBox()
        for k in (MeetingKind.TRIP, MeetingKind.PRESIDENTIAL, MeetingKind.ONE_OFF,
                  MeetingKind.WEEKLY):
            self.kind.addItem(k.label if k != MeetingKind.WEEKLY else "روز ملاقات هفتگی (جبرانی)",
                              k.value)
        self.title = QLineEdit()
        self.title.setPlaceholderText("مثلاً «سفر استانی به شهرستان اهر»")
        self.day = JalaliDateEdit()
        if day is not None:
            self.day.set_value(day)
        self.start = time_edit(time(10))
        self.end = time_edit(time(12))
        self.place = QLineEdit()
        self.county = QComboBox()
        self.county.addItem("— شهرستان مدیر —", None)
        for c in counties:
            self.county.addItem(c.name, c.id)
        form = QFormLayout()
        self.widgets = add_rows(form, self.errors, [
            ("مدیر:", self.manager, "manager_id"), ("نوع دیدار:", self.kind, "kind"),
            ("عنوان:", self.title, None), ("تاریخ:", self.day, "day"),
            ("ساعت شروع:", self.start, "start_time"), ("ساعت پایان:", self.end, "end_time"),
            ("محل:", self.place, None), ("شهرستان:", self.county, "county_id"),
        ])
        self.general = error_label()
        self.save_button = QPushButton("ثبت دیدار (Ctrl+S)")
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
        self.save_button.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.submit)

    def submit(self) -> None:
        """Save off the GUI thread; errors appear beside the fields, the input stays."""
        if not self.save_button.isEnabled():
            return
        args = (self.actor, self.manager.currentData(), self.day.value(), time_of(self.start),
                time_of(self.end))
        kw = dict(kind=self.kind.currentData(), place=self.place.text(),
                  county_id=self.county.currentData(), title=self.title.text())
        svc = self.meetings
        self.save_button.setEnabled(False)
        self.general.setText("در حال ثبت…")
        run_for(self, lambda: svc.create_meeting(*args, **kw), on_done=self._saved,
                       on_error=self._failed)

    def _saved(self, info: MeetingInfo) -> None:
        self.save_button.setEnabled(True)
        self.result_info = info
        self.errors.clear()
        self.general.setText("")
        self.saved.emit(info)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        show_failure(exc, self.errors, self.general, self.widgets)
