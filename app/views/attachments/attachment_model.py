"""The attachments table: one row per file of one record (a handful, all in memory)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from app.services.attachments.dto import AttachmentInfo
from app.services.core import persian
from app.views import formatting, palette
from app.views.attachments import words

Index = QModelIndex | QPersistentModelIndex
ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole + 1
COL_NAME, COL_TYPE, COL_SIZE, COL_DATE, COL_WHO, COL_SHA = range(6)
REMOVED_BRUSH = QBrush(QColor(palette.INACTIVE_TEXT))
SHA_SHOWN = 12  # hex digits in the column; the whole hash is under the table and in the tooltip


class AttachmentModel(QAbstractTableModel):
    """Rows of AttachmentInfo; removed ones greyed and struck through (shown on request)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[AttachmentInfo] = []

    def set_rows(self, rows: list[AttachmentInfo]) -> None:
        """Show these attachments."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_of(self, attachment_id: int) -> int:
        """The row of an attachment, or -1."""
        return next((i for i, a in enumerate(self.rows) if a.id == attachment_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Attachments."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Columns."""
        return 0 if parent.isValid() else len(words.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Persian headers."""
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return words.HEADERS[section] if 0 <= section < len(words.HEADERS) else None

    def _text(self, a: AttachmentInfo, column: int) -> str:
        if column == COL_NAME:
            return (words.REMOVED_MARK if a.removed else "") + a.name
        if column == COL_TYPE:
            return a.kind_label
        if column == COL_SIZE:
            return words.size(a.size)
        if column == COL_DATE:
            return formatting.date_time(a.created_at)
        if column == COL_WHO:
            return a.created_by or "—"
        return persian.ltr(a.sha256[:SHA_SHOWN] + "…")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text, the whole row's object, tooltips and the look of removed rows."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        a = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(a, index.column())
        if role == ATTACHMENT_ROLE:
            return a
        if role == Qt.ItemDataRole.ToolTipRole:
            if a.removed:
                return formatting.literal_html(words.removed_tip(
                    a.removed_by, formatting.date_time(a.removed_at), a.removed_reason))
            if index.column() == COL_SHA:
                return formatting.literal_html(a.sha256)
            return formatting.literal_html(a.name) if index.column() == COL_NAME else None
        if role == Qt.ItemDataRole.ForegroundRole and a.removed:
            return REMOVED_BRUSH
        if role == Qt.ItemDataRole.FontRole and a.removed:
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None


def attachment_table(model: AttachmentModel) -> QTableView:
    """The list's view: whole rows, one at a time, the name taking the room that is left."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.setMaximumHeight(150)
    header = table.horizontalHeader()
    header.setMinimumSectionSize(40)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
    return table
