"""The batch intake grid's model: one row per letter, a blank row always last.

A row's state: being typed, being saved, saved (its tracking code shown, no longer editable) or
refused (the Persian messages per cell, shown as tooltips and in colour).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.services.core.persian import ltr_code
from app.services.events.dto import BatchRow
from app.views import formatting as fmt
from app.views import palette
from app.views.inbox import batch_words as w

KEYS = [f.name for f in fields(BatchRow)]  # the editable columns, in grid order
COL_NID, COL_COUNTY, COL_AGENCY, COL_SUBJECT = 0, 4, 5, 6
COL_CODE = len(KEYS)
Index = QModelIndex | QPersistentModelIndex


@dataclass
class GridRow:
    """One row: what was typed and what became of it."""

    data: BatchRow = field(default_factory=BatchRow)
    saving: bool = False
    request_id: int | None = None
    tracking_code: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def blank(self) -> bool:
        """Nothing typed yet."""
        return not any(getattr(self.data, k).strip() for k in KEYS)


class BatchGridModel(QAbstractTableModel):
    """The rows of one batch."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[GridRow] = [GridRow()]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        """Rows typed, plus the blank one."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        """The fields and the tracking code."""
        return 0 if parent.isValid() else COL_CODE + 1

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column names; rows numbered."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return w.COLUMNS[section]
        return fmt.number(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Fields are editable until the row is saved; the code column is never reached."""
        if index.column() == COL_CODE:
            return Qt.ItemFlag.NoItemFlags
        row = self.rows[index.row()]
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if row.request_id is None and not row.saving:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Typed text, the code or the state; errors as tooltips and a background."""
        row = self.rows[index.row()]
        col = index.column()
        key = KEYS[col] if col < COL_CODE else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if key is not None:
                return getattr(row.data, key)
            if row.tracking_code:  # one left-to-right isolate, as every screen shows a code
                return ltr_code(row.tracking_code) if role == Qt.ItemDataRole.DisplayRole \
                    else row.tracking_code
            return w.SAVING if row.saving else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if key is not None and key in row.errors:
                return row.errors[key]
            if key is None and row.errors:
                return "\n".join(row.errors.values())
        if role == Qt.ItemDataRole.BackgroundRole:
            if key is not None and key in row.errors:
                return QColor(palette.OVERDUE_BACKGROUND)
            if row.request_id is not None:
                return QColor(palette.ACCENT_SOFT)
        if role == Qt.ItemDataRole.ForegroundRole and key is None:
            return QColor(palette.INK)  # the code reads as text, though no cursor stops there
        if role == Qt.ItemDataRole.TextAlignmentRole and (col in (COL_NID, 3, COL_CODE)):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Store a typed value; typing in the last row adds a new blank row below it."""
        if role != Qt.ItemDataRole.EditRole or index.column() >= COL_CODE:
            return False
        row = self.rows[index.row()]
        key = KEYS[index.column()]
        setattr(row.data, key, str(value or "").strip())
        row.errors.pop(key, None)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), COL_CODE))
        if index.row() == len(self.rows) - 1 and not row.blank:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
            self.rows.append(GridRow())
            self.endInsertRows()
        return True

    def set_state(self, r: int, *, saving: bool | None = None, request_id: int | None = None,
                  tracking_code: str = "", errors: dict[str, str] | None = None) -> None:
        """A row's save started, succeeded or was refused."""
        row = self.rows[r]
        if saving is not None:
            row.saving = saving
        if request_id is not None:
            row.request_id, row.tracking_code = request_id, tracking_code
        if errors is not None:
            row.errors = dict(errors)
        self.dataChanged.emit(self.index(r, 0), self.index(r, COL_CODE))

    def set_error(self, r: int, key: str, message: str | None) -> None:
        """Show (or clear) one cell's message."""
        if message:
            self.rows[r].errors[key] = message
        else:
            self.rows[r].errors.pop(key, None)
        self.dataChanged.emit(self.index(r, 0), self.index(r, COL_CODE))

    def saved_ids(self) -> list[int]:
        """The requests saved in this batch, in grid order."""
        return [r.request_id for r in self.rows if r.request_id is not None]
