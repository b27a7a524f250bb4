"""The lists of the SAMAD reconciliation: plain rows of text (codes and statuses), in memory.

A reconciliation lists at most the rows of one export file, so every row is held at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.services.core import persian

Index = QModelIndex | QPersistentModelIndex


class TextRowsModel(QAbstractTableModel):
    """Rows of strings under fixed headers; row numbers in Persian digits."""

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[tuple[str, ...]] = []

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        """Show these rows."""
        self.beginResetModel()
        self.rows = [tuple(r) for r in rows]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Rows."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Columns."""
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Persian headers and row numbers."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return persian.to_persian_digits(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text."""
        if (role != Qt.ItemDataRole.DisplayRole or not index.isValid()
                or not 0 <= index.row() < len(self.rows)
                or not 0 <= index.column() < len(self.headers)):
            return None
        return self.rows[index.row()][index.column()]
