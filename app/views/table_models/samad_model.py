"""The lists of the SAMAD reconciliation: plain rows of text (codes and statuses), in memory.

A reconciliation lists at most the rows of one export file, so every row is held at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from app.views.table_models.held_model import HeldRowsModel, Index


class TextRowsModel(HeldRowsModel[tuple[str, ...]]):
    """Rows of strings under fixed headers; row numbers in Persian digits."""

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        """Show these rows."""
        super().set_rows([tuple(r) for r in rows])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text."""
        row = self.row_at(index)
        if role != Qt.ItemDataRole.DisplayRole or row is None:
            return None
        return row[index.column()]
