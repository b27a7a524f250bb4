"""The meeting day's queue: one row per citizen, in queue order."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from app.services.core import persian
from app.services.meetings.dto import AttendeeInfo
from app.views.calendar import words
from app.views.calendar.colors import RECEIVED_ROW
from app.views.formatting import literal_html

ATTENDEE_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex
COL_QUEUE, COL_NAME, COL_NID, COL_TOPIC, COL_STATE, COL_ISSUES = range(6)


def _code(tracking_code: str) -> str:
    """A tracking code in Persian digits, kept left to right inside Persian text."""
    return words.code(tracking_code)


class AttendeeTableModel(QAbstractTableModel):
    """Queue number, name, national ID, topic, pre-registered/received, issues with codes."""

    COLUMNS = words.ATTENDEE_COLUMNS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[AttendeeInfo] = []

    def set_rows(self, rows: list[AttendeeInfo]) -> None:
        """Replace the queue."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_of(self, attendee_id: int) -> int:
        """Row of an attendee, or -1."""
        return next((i for i, a in enumerate(self.rows) if a.id == attendee_id), -1)

    def rowCount(self, parent: _Index = _Index()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = _Index()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole
                and section == COL_ISSUES):
            return words.ATTENDEE_ISSUES_TIP
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_QUEUE:
                return persian.to_persian_digits(a.queue_no)
            if col == COL_NAME:
                return a.full_name or "—"
            if col == COL_NID:
                return persian.to_persian_digits(a.national_id or "—")
            if col == COL_TOPIC:
                return a.topic or "—"
            if col == COL_STATE:
                return words.attendee_state(a.received, a.pre_registered)
            return "، ".join(f"{i.subject} ({_code(i.tracking_code)})"
                             + (words.DIRECTIVE_MARK if i.directives else "")
                             for i in a.issues) or "—"
        if role == Qt.ItemDataRole.BackgroundRole and a.received:
            return RECEIVED_ROW
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_TOPIC and a.topic:
            return literal_html(a.topic)  # the column may be too narrow for a long topic
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_ISSUES and a.issues:
            lines = []
            for i in a.issues:
                lines.append(f"{i.tracking_code}: {i.subject} ({i.status_label})")
                lines += [words.directive_line(d.agency, words.day(d.deadline), d.text)
                          for d in i.directives]
            return literal_html("\n".join(lines))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_QUEUE, COL_NID):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == ATTENDEE_ROLE:
            return a
        return None
