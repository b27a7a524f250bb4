"""The outbox table model: at most the newest few hundred messages the service returns."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.services.core import persian
from app.services.sms.dto import OutboxRow
from app.views import formatting
from app.views.sms import words as w

HEADERS = [w.COL_CREATED, w.COL_KIND, w.COL_CITIZEN, w.COL_MOBILE, w.COL_CODE, w.COL_STATUS,
           w.COL_PARTS, w.COL_TEXT]
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


def _cell(r: OutboxRow, col: int) -> str:
    return [formatting.date_time(r.created_at), r.kind_label, r.citizen, formatting.phone(r.mobile),
            formatting.tracking_code(r.tracking_code) if r.tracking_code else "",
            r.status_label, persian.to_persian_digits(r.parts),
            # Qt would turn «1405-0000064-5» around in a right-to-left line; isolate it.
            persian.ltr_digit_runs(r.text)][col]


class OutboxModel(QAbstractTableModel):
    """Messages newest first; the object role gives the OutboxRow."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[OutboxRow] = []
        self.headers = HEADERS

    def set_rows(self, rows: list[OutboxRow]) -> None:
        """Show a new list."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Rows shown."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        """Columns shown."""
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles."""
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(HEADERS)):
            return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text, the whole text and the gateway's reply as tooltip, the row object."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(r, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{r.text}\n\n{r.gateway_reply}".strip()
        if role == OBJECT_ROLE:
            return r
        return None
