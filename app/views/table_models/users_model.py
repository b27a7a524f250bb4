"""The accounts table of the administration dialog (a few dozen rows, all in memory)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from app.services.core import persian
from app.services.requests.dto import UserInfo
from app.views import palette
from app.views.table_models.held_model import HeldRowsModel, Index

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
INACTIVE = QBrush(QColor(palette.INACTIVE_TEXT))
HEADERS = ["نام کاربری", "نام و نام خانوادگی", "نقش", "شهرستان‌ها", "وضعیت"]
WHOLE_PROVINCE = "همهٔ استان"  # a user limited to no county


def counties_text(u: UserInfo) -> str:
    """How a user's county scope reads: the counties, or the whole province."""
    return "، ".join(u.counties) or WHOLE_PROVINCE


class UsersModel(HeldRowsModel[UserInfo]):
    """One row per account."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(HEADERS, parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text; deactivated accounts in grey."""
        u = self.row_at(index)
        if u is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return [persian.ltr(u.username), u.full_name, u.role_label,
                    counties_text(u),
                    "فعال" if u.active else "غیرفعال"][index.column()]
        if role == ROW_ROLE:
            return u
        if role == Qt.ItemDataRole.ForegroundRole and not u.active:
            return INACTIVE
        return None
