"""The accounts table of the administration dialog (a few dozen rows, all in memory)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.services.core import persian
from app.services.requests.dto import UserInfo
from app.views import palette

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
INACTIVE = QBrush(QColor(palette.INACTIVE_TEXT))
HEADERS = ["نام کاربری", "نام و نام خانوادگی", "نقش", "شهرستان‌ها", "وضعیت"]
WHOLE_PROVINCE = "همهٔ استان"  # a user limited to no county


def counties_text(u: UserInfo) -> str:
    """How a user's county scope reads: the counties, or the whole province."""
    return "، ".join(u.counties) or WHOLE_PROVINCE


class UsersModel(QAbstractTableModel):
    """One row per account."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[UserInfo] = []

    def set_rows(self, rows: list[UserInfo]) -> None:
        """Show the accounts."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Accounts."""
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
        """Cell text; deactivated accounts in grey."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        u = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return [persian.ltr(u.username), u.full_name, u.role_label,
                    counties_text(u),
                    "فعال" if u.active else "غیرفعال"][index.column()]
        if role == ROW_ROLE:
            return u
        if role == Qt.ItemDataRole.ForegroundRole and not u.active:
            return INACTIVE
        return None
