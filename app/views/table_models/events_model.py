"""The events screen's list: one row per event with its letters so far (issue 14 §1).

An office records a few events a month, so every row is held at once; the service already
orders them newest first.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.services.core import jalali, persian
from app.services.events.dto import EventSummary
from app.views.inbox.batch_words import WHOLE_PROVINCE
from app.views.inbox.events_words import HEADERS

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's EventSummary

(COL_NAME, COL_KIND, COL_STARTS, COL_ENDS, COL_COUNTY, COL_MANAGER, COL_RECEIVED, COL_DIRECT,
 COL_REFERRED, COL_OPEN) = range(10)
NUMERIC = (COL_RECEIVED, COL_DIRECT, COL_REFERRED, COL_OPEN)


def cell(row: EventSummary, column: int) -> str:
    """A cell's text: dates in Jalali, numbers in Persian digits."""
    e = row.event
    values = (e.name, e.kind_label, jalali.format_jalali(e.starts_on),
              jalali.format_jalali(e.ends_on), e.county or WHOLE_PROVINCE, e.manager or "—",
              row.received, row.answered_directly, row.referred, row.open)
    value = values[column]
    return persian.to_persian_digits(value) if isinstance(value, int) else value


class EventsTableModel(QAbstractTableModel):
    """Events under fixed Persian headers."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[EventSummary] = []

    def set_rows(self, rows: list[EventSummary]) -> None:
        """Show these events."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_of(self, event_id: int) -> int:
        """The row showing an event, or -1."""
        return next((i for i, r in enumerate(self.rows) if r.event.id == event_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Rows."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Columns."""
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Persian headers and row numbers."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return persian.to_persian_digits(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text, the row's summary under ROW_ROLE."""
        if (not index.isValid() or not 0 <= index.row() < len(self.rows)
                or not 0 <= index.column() < len(HEADERS)):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (COL_NAME, COL_MANAGER):
            return cell(row, index.column())  # a long name is cut in its column
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in NUMERIC:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
