"""The holiday table as the settings screen edits it: the rows read, plus the unsaved drafts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.services.core import jalali
from app.services.core.working_week.dto import HolidayEdit, HolidayInfo
from app.views import palette
from app.views.admin import words
from app.views.formatting import literal_html, persian_digits

DRAFT_ROLE = Qt.ItemDataRole.UserRole + 1
COL_DAY, COL_WEEKDAY, COL_NAME, COL_ESTIMATED = range(4)
_Index = QModelIndex


@dataclass(frozen=True)
class HolidayDraft:
    """One row: what was read (`original`, None for a new row) and what the admin made of it."""

    day: date | None
    name: str
    estimated: bool
    original: HolidayInfo | None = None

    @property
    def changed(self) -> bool:
        """True for a new row or one whose date, name or flag differs from what was read."""
        o = self.original
        return o is None or (self.day, self.name, self.estimated) != (o.day, o.name, o.estimated)

    def edit(self) -> HolidayEdit:
        """The change this row asks the service for."""
        o = self.original
        return HolidayEdit(o.id if o else None, o.version if o else None, self.day, self.name,
                           self.estimated)


class HolidayModel(QAbstractTableModel):
    """Holidays by date; removed rows leave the list but are remembered until saved."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[HolidayDraft] = []
        self.removed: list[HolidayInfo] = []
        self.errors: dict[int, str] = {}  # row -> the service's message

    # --- the drafts ---------------------------------------------------------------------------

    def set_holidays(self, holidays: tuple[HolidayInfo, ...]) -> None:
        """Show what was read; every draft is dropped."""
        self.beginResetModel()
        self.rows = [HolidayDraft(h.day, h.name, h.estimated, h) for h in holidays]
        self.removed, self.errors = [], {}
        self.endResetModel()

    def add(self, day: date, name: str, estimated: bool) -> int:
        """Add a new row in date order; returns its row."""
        row = next((i for i, r in enumerate(self.rows) if r.day is not None and r.day > day),
                   len(self.rows))
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.insert(row, HolidayDraft(day, name, estimated))
        self.errors = {(i + 1 if i >= row else i): m for i, m in self.errors.items()}
        self.endInsertRows()
        return row

    def change(self, row: int, day: date, name: str, estimated: bool) -> None:
        """Change a row's date, name and flag (its place stays until the next read)."""
        self.rows[row] = replace(self.rows[row], day=day, name=name, estimated=estimated)
        self.errors.pop(row, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, COL_ESTIMATED))

    def remove(self, row: int) -> None:
        """Take a row off the list; a row that was read is removed from the table on save."""
        self.beginRemoveRows(QModelIndex(), row, row)
        draft = self.rows.pop(row)
        if draft.original is not None:
            self.removed.append(draft.original)
        self.errors = {(i - 1 if i > row else i): m for i, m in self.errors.items() if i != row}
        self.endRemoveRows()

    def pending(self) -> tuple[list[HolidayEdit], list[int]]:
        """The edits a save sends, and for each the row it came from (-1: a removed row)."""
        edits = [HolidayEdit(h.id, h.version, h.day, h.name, h.estimated, remove=True)
                 for h in self.removed]
        rows = [-1] * len(edits)
        for i, r in enumerate(self.rows):
            if r.changed:
                edits.append(r.edit())
                rows.append(i)
        return edits, rows

    def set_errors(self, errors: dict[int, str]) -> None:
        """Mark rows the service refused (row -> message)."""
        self.errors = dict(errors)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, COL_ESTIMATED))

    # --- Qt ---------------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = _Index()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = _Index()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(words.HOLIDAY_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return words.HOLIDAY_COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_DAY:
                return jalali.format_jalali(r.day) if r.day else ""
            if col == COL_WEEKDAY:
                return jalali.weekday_name(r.day) if r.day else ""
            if col == COL_NAME:
                # Stored with Latin digits («قیام 15 خرداد»); shown, like every number, in Persian.
                name = persian_digits(r.name)
                return name + (f" ({words.NEW_MARK})" if r.original is None else "")
            return None
        if role == Qt.ItemDataRole.CheckStateRole and col == COL_ESTIMATED:
            return Qt.CheckState.Checked if r.estimated else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            message = self.errors.get(index.row())
            return literal_html(message) if message else None
        if role == Qt.ItemDataRole.ForegroundRole and index.row() in self.errors:
            return QBrush(QColor(palette.ERROR))
        if role == Qt.ItemDataRole.FontRole and r.changed:
            font = QFont()
            font.setBold(True)  # an unsaved row reads as such
            return font
        if role == DRAFT_ROLE:
            return r
        return None
