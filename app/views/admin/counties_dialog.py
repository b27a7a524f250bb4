"""Pick the counties a user is limited to (a فرمانداری's staff); none checked = the province."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.core.dto import RefItem
from app.views import words
from app.views.formatting import plain_label

HINT = ("کاربر فقط درخواست‌ها، ارجاع‌ها و دیدارهای شهرستان‌های تیک‌خورده را می‌بیند. "
        "اگر هیچ شهرستانی انتخاب نشود، همهٔ استان را می‌بیند.")


class CountiesDialog(QDialog):
    """A checkable list of the province's counties."""

    def __init__(self, username: str, counties: list[RefItem], chosen: tuple[int, ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"شهرستان‌های {username}")
        self.setObjectName("countiesDialog")
        self.list = QListWidget()
        for c in counties:
            item = QListWidgetItem(c.name)
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if c.id in chosen
                               else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        hint = plain_label(HINT)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(words.SAVE)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(words.CANCEL)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(360, 460)

    def set_checked(self, county_ids: set[int]) -> None:
        """Check exactly these counties."""
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setCheckState(Qt.CheckState.Checked
                               if item.data(Qt.ItemDataRole.UserRole) in county_ids
                               else Qt.CheckState.Unchecked)

    def chosen(self) -> list[int]:
        """The ids of the checked counties."""
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]
