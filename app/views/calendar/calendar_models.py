"""Table models of the calendar: the Jalali month grid, the week's hour grid and the day's list.

The month grid is laid out with Qt's own Jalali calendar (QCalendar.System.Jalali): the first of
the month comes from `dateFromParts`, day numbers from `partsFromDate`; no QDate is ever built
from Jalali numbers. Column 0 is Saturday; in the right-to-left application it is drawn rightmost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCalendar, QDate, QLocale, QModelIndex, Qt

from app.services.core import jalali, persian
from app.services.meetings.dto import CalendarRange, Occurrence
from app.views.calendar import words
from app.views.calendar.colors import WEEKEND_TEXT, agency_color, light
from app.views.formatting import literal_html

JALALI = QCalendar(QCalendar.System.Jalali)
CELL_ROLE = Qt.ItemDataRole.UserRole + 1  # a DayCell
OCCURRENCE_ROLE = Qt.ItemDataRole.UserRole + 2  # an Occurrence
_Index = QModelIndex


def to_date(q: QDate) -> date:
    """A QDate (always Gregorian inside) as a Python date."""
    return date(q.year(), q.month(), q.day())


def to_qdate(d: date) -> QDate:
    """A Python date as a QDate."""
    return QDate(d.year, d.month, d.day)


def saturday_index(q: QDate) -> int:
    """Column of a day: Saturday 0 … Friday 6 (QDate.dayOfWeek: Monday 1 … Sunday 7)."""
    return (q.dayOfWeek() + 1) % 7


def month_title(year: int, month: int) -> str:
    """«آذر ۱۴۰۵» from Qt's Jalali month names in the Persian locale."""
    name = JALALI.standaloneMonthName(QLocale(QLocale.Language.Persian, QLocale.Country.Iran),
                                      month, year)
    return f"{name} {persian.to_persian_digits(year)}"


def last_hour(o: Occurrence) -> int:
    """The last hour row a meeting reaches (09:00–12:00 reaches the 11 o'clock row)."""
    end = o.end.hour if o.end.minute else o.end.hour - 1
    return max(o.start.hour, end)


def short_day(d: date) -> str:
    """«۷ آذر» for a column header."""
    p = JALALI.partsFromDate(to_qdate(d))
    return f"{persian.to_persian_digits(p.day)} {jalali.MONTH_NAMES[p.month - 1]}"


@dataclass
class DayCell:
    """One day of a grid (or one hour of a day in the week grid) and its meetings."""

    day: date
    jalali_day: int
    in_month: bool
    rest: bool  # one of the office's weekly rest days (the «rest_weekdays» setting)
    holiday: str | None = None
    today: bool = False
    hour: int | None = None  # set in the week grid
    occurrences: list[Occurrence] = field(default_factory=list)

    @property
    def off(self) -> bool:
        """A weekly rest day or an official holiday."""
        return self.rest or self.holiday is not None


def _tooltip(cell: DayCell) -> str:
    lines = [words.day_long(cell.day)]
    if cell.holiday:
        lines.append(f"{words.HOLIDAY}: {cell.holiday}")
    for o in cell.occurrences:
        lines.append(f"{words.time_range(o.start, o.end)} {o.manager} — "
                     f"{o.agency} ({o.state_label})")
    return "\n".join(lines)


class MonthModel(QAbstractTableModel):
    """Weeks of a Jalali month × Saturday..Friday; each cell a DayCell."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.year, self.month = 1405, 1
        self.cells: list[DayCell] = []
        self.today = jalali.tehran_today()
        # Until the first range arrives from the service: the default rest day.
        self.rest_weekdays: frozenset[int] = frozenset({jalali.FRIDAY})

    def set_month(self, year: int, month: int, today: date | None = None) -> None:
        """Lay out the grid of a Jalali month (no meetings yet)."""
        self.beginResetModel()
        self.year, self.month = year, month
        self.today = today or jalali.tehran_today()
        first = JALALI.dateFromParts(year, month, 1)
        n_days = JALALI.daysInMonth(month, year)
        start = first.addDays(-saturday_index(first))
        weeks = (saturday_index(first) + n_days + 6) // 7
        self.cells = []
        for i in range(weeks * 7):
            q = start.addDays(i)
            parts = JALALI.partsFromDate(q)
            d = to_date(q)
            self.cells.append(DayCell(d, parts.day, parts.month == month and parts.year == year,
                                      d.weekday() in self.rest_weekdays, today=d == self.today))
        self.endResetModel()

    def set_range(self, data: CalendarRange) -> None:
        """Put a range's holidays and meetings into the cells (one dataChanged)."""
        by_day = data.by_day()
        self.rest_weekdays = data.rest_weekdays
        for c in self.cells:
            c.rest = c.day.weekday() in data.rest_weekdays
            c.holiday = data.holidays.get(c.day)
            c.occurrences = by_day.get(c.day, [])
        if self.cells:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 6))

    def first_day(self) -> date:
        """The first day shown."""
        return self.cells[0].day

    def last_day(self) -> date:
        """The last day shown."""
        return self.cells[-1].day

    def index_of(self, d: date) -> QModelIndex:
        """The cell of a day (invalid when not shown)."""
        if not self.cells or not self.first_day() <= d <= self.last_day():
            return QModelIndex()
        i = (d - self.first_day()).days
        return self.index(i // 7, i % 7)

    def rowCount(self, parent: _Index = _Index()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.cells) // 7

    def columnCount(self, parent: _Index = _Index()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return jalali.WEEKDAY_NAMES[section]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return persian.to_persian_digits(section + 1)
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cell = self.cells[index.row() * 7 + index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return persian.to_persian_digits(cell.jalali_day)
        if role == CELL_ROLE:
            return cell
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal_html(_tooltip(cell))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return _tooltip(cell)
        return None


class WeekModel(QAbstractTableModel):
    """Hours × Saturday..Friday of one week; each cell holds the meetings starting that hour."""

    FIRST_HOUR, LAST_HOUR = 8, 16

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.saturday = jalali.week_start(jalali.tehran_today())
        self.hours = list(range(self.FIRST_HOUR, self.LAST_HOUR + 1))
        self.days: list[DayCell] = []
        self.cells: dict[tuple[int, int], DayCell] = {}
        self.rest_weekdays: frozenset[int] = frozenset({jalali.FRIDAY})
        self.set_week(self.saturday)

    def set_week(self, day: date, today: date | None = None) -> None:
        """Show the Saturday-to-Friday week containing a day (no meetings yet)."""
        self.beginResetModel()
        today = today or jalali.tehran_today()
        self.saturday = jalali.week_start(day)
        self.days = []
        for i in range(7):
            d = self.saturday + timedelta(days=i)
            parts = JALALI.partsFromDate(to_qdate(d))
            self.days.append(DayCell(d, parts.day, True, d.weekday() in self.rest_weekdays,
                                     today=d == today))
        self.hours = list(range(self.FIRST_HOUR, self.LAST_HOUR + 1))
        self.cells = {}
        self.endResetModel()

    def set_range(self, data: CalendarRange) -> None:
        """Take the week's meetings; rows grow to cover early starts and late ends."""
        self.beginResetModel()
        by_day = data.by_day()
        occs = [o for d in self.days for o in by_day.get(d.day, [])]
        lo = min([self.FIRST_HOUR, *(o.start.hour for o in occs)])
        hi = max([self.LAST_HOUR, *(last_hour(o) for o in occs)])
        self.hours = list(range(lo, hi + 1))
        self.cells = {}
        self.rest_weekdays = data.rest_weekdays
        for col, d in enumerate(self.days):
            d.rest = d.day.weekday() in data.rest_weekdays
            d.holiday = data.holidays.get(d.day)
            d.occurrences = by_day.get(d.day, [])
            for row, h in enumerate(self.hours):
                self.cells[(row, col)] = DayCell(
                    d.day, d.jalali_day, True, d.rest, d.holiday, d.today, hour=h,
                    occurrences=[o for o in d.occurrences if o.start.hour <= h <= last_hour(o)])
        self.endResetModel()

    def rowCount(self, parent: _Index = _Index()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.hours)

    def columnCount(self, parent: _Index = _Index()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            d = self.days[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{jalali.WEEKDAY_NAMES[section]}\n{short_day(d.day)}"
            if role == Qt.ItemDataRole.ToolTipRole and d.holiday:
                return literal_html(f"{words.HOLIDAY}: {d.holiday}")
            if role == Qt.ItemDataRole.ForegroundRole and d.off:
                return WEEKEND_TEXT
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return words.hour_label(self.hours[section])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cell = self.cells.get((index.row(), index.column()))
        if cell is None:
            d = self.days[index.column()]
            cell = DayCell(d.day, d.jalali_day, True, d.rest, d.holiday, d.today,
                           hour=self.hours[index.row()])
        if role == CELL_ROLE:
            return cell
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal_html(_tooltip(cell))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return _tooltip(cell)
        return None


class DayListModel(QAbstractTableModel):
    """The side panel's list of one day's meetings."""

    COLUMNS = words.DAY_COLUMNS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Occurrence] = []

    def set_rows(self, rows: list[Occurrence]) -> None:
        """Show a day's occurrences."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = _Index()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = _Index()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        o = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return words.time_range(o.start, o.end)
            if col == 1:
                # Two lines in one column: the side panel is narrow at 1366 pixels.
                return f"{o.manager}\n{o.agency}"
            label = o.state_label
            if o.kind != "weekly":
                label = f"{o.kind_label} · {label}"
            if o.moved_to is not None:
                label += words.moved_to(words.day(o.moved_to))
            return words.rtl(label)
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal_html("\n".join(
                t for t in (o.manager_title and f"{o.manager} ({o.manager_title})", o.title,
                            o.place and f"{words.PLACE}: {o.place}", o.reason) if t)) or None
        if role == Qt.ItemDataRole.DecorationRole and col == 1:
            return agency_color(o.agency_id)
        if role == Qt.ItemDataRole.BackgroundRole and col == 1:
            return light(agency_color(o.agency_id))
        if role == OCCURRENCE_ROLE:
            return o
        return None
