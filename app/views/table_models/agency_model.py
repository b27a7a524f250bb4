"""The agency-performance table: a row per agency, sorted in memory (twenty rows at most)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app.services.core import persian
from app.services.reports.dto import AgencyPerformance
from app.views import palette
from app.views.referrals import words as w

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
LATE_FOREGROUND = QBrush(QColor(palette.OVERDUE_TEXT))


def _days(value: float | None) -> str:
    return persian.format_number(value, 1) if value is not None else "—"


def _count(value: int) -> str:
    return persian.format_number(value)


# (header, cell text, sort value)
COLUMNS: list[tuple[str, Callable[[AgencyPerformance], str], Callable[[AgencyPerformance], Any]]] = [
    (w.AGENCY_HEADERS[0], lambda a: a.agency, lambda a: a.agency),
    (w.AGENCY_HEADERS[1], lambda a: _count(a.referred), lambda a: a.referred),
    (w.AGENCY_HEADERS[2], lambda a: _count(a.answered), lambda a: a.answered),
    (w.AGENCY_HEADERS[3], lambda a: persian.format_percent(a.on_time_share) if a.answered else "—",
     lambda a: a.on_time_share if a.answered else -1.0),
    (w.AGENCY_HEADERS[4], lambda a: _days(a.median_working_days),
     lambda a: a.median_working_days if a.median_working_days is not None else -1.0),
    (w.AGENCY_HEADERS[5], lambda a: _days(a.mean_working_days),
     lambda a: a.mean_working_days if a.mean_working_days is not None else -1.0),
    (w.AGENCY_HEADERS[6], lambda a: _count(a.overdue_now), lambda a: a.overdue_now),
    (w.AGENCY_HEADERS[7], lambda a: _count(a.inadequate), lambda a: a.inadequate),
    (w.AGENCY_HEADERS[8], lambda a: _count(a.extensions), lambda a: a.extensions),
    (w.AGENCY_HEADERS[9], lambda a: _count(a.follow_ups), lambda a: a.follow_ups),
    (w.AGENCY_HEADERS[10], lambda a: _count(a.escalated), lambda a: a.escalated),
]
COL_AGENCY, COL_REFERRED, COL_ANSWERED, COL_ON_TIME, COL_MEDIAN, COL_MEAN, COL_OVERDUE, \
    COL_INADEQUATE, COL_EXTENSIONS, COL_FOLLOW_UPS, COL_ESCALATED = range(len(COLUMNS))


class AgencyPerformanceModel(QAbstractTableModel):
    """Rows of StatisticsService.agency_performance; names sorted in Persian order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[AgencyPerformance] = []
        self._collator = QCollator(QLocale(QLocale.Language.Persian, QLocale.Country.Iran))
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: list[AgencyPerformance]) -> None:
        """Show a new period's rows (in the current sort order)."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()
        if self._sort is not None:
            self.sort(*self._sort)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """One row per agency."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """The figures."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Persian headers; row numbers in Persian digits."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][0] if 0 <= section < len(COLUMNS) else None
        return persian.to_persian_digits(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text, sort value, the row, and red for agencies late now."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        _header, text, key = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text(row)
        if role == SORT_ROLE:
            return key(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == COL_OVERDUE \
                and row.overdue_now:
            return LATE_FOREGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() != COL_AGENCY:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows; agency names with a Persian collator."""
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = (column, order)
        key = COLUMNS[column][2]
        if column == COL_AGENCY:
            sort_key: Callable[[AgencyPerformance], Any] = \
                lambda a: self._collator.sortKey(a.agency)  # noqa: E731
        else:
            sort_key = key
        self.beginResetModel()
        self.rows.sort(key=sort_key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.endResetModel()
