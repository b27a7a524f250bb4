"""Each agency's own answer period, edited in place as text (blank: the office default)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.services.core import persian
from app.services.core.working_week.dto import AgencyPeriod, AgencyPeriodEdit
from app.views import palette
from app.views.admin import words
from app.views.formatting import literal_html

COL_AGENCY, COL_DAYS = range(2)
_Index = QModelIndex


def _shown(days: int | None) -> str:
    return persian.to_persian_digits(days) if days is not None else ""


class AgencyPeriodModel(QAbstractTableModel):
    """Agencies × (name, answer period); the period column is editable."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.agencies: list[AgencyPeriod] = []
        self.texts: list[str] = []  # what the admin typed, kept through a refused save
        self.errors: dict[int, str] = {}  # agency id -> the service's message
        self.default_days = 0

    def set_agencies(self, agencies: tuple[AgencyPeriod, ...], default_days: int) -> None:
        """Show what was read; typed text is dropped."""
        self.beginResetModel()
        self.agencies = list(agencies)
        self.texts = [_shown(a.answer_days) for a in agencies]
        self.errors, self.default_days = {}, default_days
        self.endResetModel()

    def changed(self, row: int) -> bool:
        """True when the typed period differs from the stored one."""
        typed = persian.to_latin_digits(self.texts[row]).strip()
        stored = self.agencies[row].answer_days
        return typed != ("" if stored is None else str(stored))

    def pending(self) -> list[AgencyPeriodEdit]:
        """The periods a save sends."""
        return [AgencyPeriodEdit(a.id, a.version, self.texts[i])
                for i, a in enumerate(self.agencies) if self.changed(i)]

    def set_errors(self, errors: dict[int, str]) -> None:
        """Mark the agencies the service refused (agency id -> message)."""
        self.errors = dict(errors)
        if self.agencies:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.agencies) - 1, COL_DAYS))

    def row_of(self, agency_id: int) -> int:
        """The row of an agency."""
        return next(i for i, a in enumerate(self.agencies) if a.id == agency_id)

    def rowCount(self, parent: _Index = _Index()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.agencies)

    def columnCount(self, parent: _Index = _Index()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(words.AGENCY_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return words.AGENCY_COLUMNS[section]
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == COL_DAYS else base

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a, row, col = self.agencies[index.row()], index.row(), index.column()
        text = self.texts[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_AGENCY:
                return a.name
            # Typed text in its own left-to-right isolate: «-۲» keeps its sign in front.
            return f"\u2066{persian.to_persian_digits(text)}\u2069" if text.strip() \
                else words.default_days(self.default_days)
        if role == Qt.ItemDataRole.EditRole:
            return a.name if col == COL_AGENCY else text
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_DAYS:
            if a.id in self.errors:
                return QBrush(QColor(palette.ERROR))
            if not text.strip():
                return QBrush(QColor(palette.PLACEHOLDER))
        if role == Qt.ItemDataRole.ToolTipRole and a.id in self.errors:
            return literal_html(self.errors[a.id])
        if role == Qt.ItemDataRole.FontRole and self.changed(row):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index: QModelIndex, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != COL_DAYS or role != Qt.ItemDataRole.EditRole:
            return False
        self.texts[index.row()] = str(value or "").strip()
        self.errors.pop(self.agencies[index.row()].id, None)
        self.dataChanged.emit(index.siblingAtColumn(COL_AGENCY), index)
        return True
