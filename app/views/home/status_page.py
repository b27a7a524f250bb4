"""The start page: where the data lives and how much of it there is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QVBoxLayout, QWidget

from app.services.core.persian import format_number
from app.views.formatting import plain_label


class StatusPage(QWidget):
    """Shows the database, its schema state and the counts of the main records."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        title = QLabel("پل — سامانهٔ پاسخگویی به درخواست‌های مردمی")
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        self.form = QFormLayout(box)
        self.db_label = plain_label("")
        self.state_label = plain_label("در حال اتصال…")
        self.form.addRow("پایگاه داده:", self.db_label)
        self.form.addRow("وضعیت:", self.state_label)
        self.counts: dict[str, QLabel] = {}
        for key, label in (("requests", "درخواست‌ها"), ("open", "درخواست‌های باز"),
                           ("referrals", "ارجاعات"), ("meetings", "دیدارهای مردمی"),
                           ("citizens", "شهروندان")):
            value = plain_label("—")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.counts[key] = value
            self.form.addRow(label + ":", value)
        layout.addWidget(box)
        layout.addStretch(1)

    def show_database(self, description: str, state: str) -> None:
        """Show where the data lives and whether it is usable."""
        self.db_label.setText(description)
        self.state_label.setText(state)

    def show_counts(self, counts: dict[str, int]) -> None:
        """Show the record counts (Persian digits)."""
        for key, value in counts.items():
            if key in self.counts:
                self.counts[key].setText(format_number(value))
