"""The calendar's two top rows: month/week, previous/today/next, the title, filters, actions."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.services.core.dto import RefItem
from app.services.meetings.dto import CalendarFilter, ManagerInfo
from app.views.calendar import words
from app.views.calendar.colors import agency_color, swatch
from app.views.formatting import plain

MONTH, WEEK = 0, 1


class CalendarToolbar(QWidget):
    """Emits what the user asked for; the page does it."""

    mode_chosen = Signal(int)  # MONTH or WEEK
    step_requested = Signal(int)  # -1 previous, +1 next
    today_requested = Signal()
    filter_changed = Signal(object)  # CalendarFilter
    schedule_requested = Signal()
    one_off_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(words.PAGE_TITLE)
        heading.setObjectName("pageTitle")
        self.month_button = QToolButton(text=words.MONTH, checkable=True, checked=True)
        self.week_button = QToolButton(text=words.WEEK, checkable=True)
        for b in (self.month_button, self.week_button):
            b.setObjectName("calendarMode")
        group = QButtonGroup(self)
        group.addButton(self.month_button, MONTH)
        group.addButton(self.week_button, WEEK)
        group.idClicked.connect(self.mode_chosen)
        self.prev_button = QPushButton(words.PREVIOUS_MONTH)
        self.today_button = QPushButton(words.TODAY)
        self.next_button = QPushButton(words.NEXT_MONTH)
        self.title = plain(QLabel(""))
        self.title.setObjectName("calendarTitle")
        self.title.setProperty("role", "title")
        self.manager_filter = QComboBox()
        self.agency_filter = QComboBox()
        self.county_filter = QComboBox()
        for box, empty in ((self.manager_filter, words.ALL_MANAGERS),
                           (self.agency_filter, words.ALL_AGENCIES),
                           (self.county_filter, words.ALL_COUNTIES)):
            box.addItem(empty, None)
            box.setMinimumContentsLength(14)
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.currentIndexChanged.connect(lambda _i: self.filter_changed.emit(self.filter()))
        self.schedule_button = QPushButton(words.SCHEDULE_BUTTON)
        self.one_off_button = QPushButton(words.ONE_OFF_BUTTON)
        self.status = plain(QLabel(""))
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(12)
        for w in (self.month_button, self.week_button, self.prev_button, self.today_button,
                  self.next_button, self.title):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.schedule_button)
        top.addWidget(self.one_off_button)
        filters = QHBoxLayout()
        for label, box in ((words.MANAGER_FILTER, self.manager_filter),
                           (words.AGENCY_FILTER, self.agency_filter),
                           (words.COUNTY_FILTER, self.county_filter)):
            filters.addWidget(QLabel(label))
            filters.addWidget(box)
        filters.addStretch(1)
        filters.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(filters)
        self.prev_button.clicked.connect(lambda: self.step_requested.emit(-1))
        self.next_button.clicked.connect(lambda: self.step_requested.emit(1))
        self.today_button.clicked.connect(self.today_requested)
        self.schedule_button.clicked.connect(self.schedule_requested)
        self.one_off_button.clicked.connect(self.one_off_requested)

    def filter(self) -> CalendarFilter:
        """The filter chosen."""
        return CalendarFilter(self.manager_filter.currentData(), self.agency_filter.currentData(),
                              self.county_filter.currentData())

    def set_mode(self, mode: int) -> None:
        """Show which view is on (without emitting)."""
        self.month_button.setChecked(mode == MONTH)
        self.week_button.setChecked(mode == WEEK)
        month = mode == MONTH
        self.prev_button.setText(words.PREVIOUS_MONTH if month else words.PREVIOUS_WEEK)
        self.next_button.setText(words.NEXT_MONTH if month else words.NEXT_WEEK)

    def set_enabled(self, browse: bool, write: bool) -> None:
        """Enable browsing (a database is there) and writing (the role may)."""
        for w in (self.prev_button, self.today_button, self.next_button, self.manager_filter,
                  self.agency_filter, self.county_filter, self.month_button, self.week_button):
            w.setEnabled(browse)
        self.schedule_button.setEnabled(write)
        self.one_off_button.setEnabled(write)

    def set_lists(self, managers: list[ManagerInfo], agencies: list[RefItem],
                  counties: list[RefItem]) -> None:
        """Fill the filters (agencies with their colours: the legend), keeping the choices."""
        for box, items in ((self.manager_filter, [(m.label, m.id, None) for m in managers]),
                           (self.agency_filter, [(a.name, a.id, agency_color(a.id))
                                                 for a in agencies]),
                           (self.county_filter, [(c.name, c.id, None) for c in counties])):
            box.blockSignals(True)
            current = box.currentData()
            while box.count() > 1:
                box.removeItem(1)
            for text, value, color in items:
                if color is None:
                    box.addItem(text, value)
                else:
                    box.addItem(swatch(color), text, value)
            box.setCurrentIndex(max(0, box.findData(current)))
            box.blockSignals(False)
