"""The start page: where the data lives and how much of it there is."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QVBoxLayout, QWidget

from app.views import words
from app.views.formatting import number, plain_label
from app.views.framework.bus import bus

CARD_WIDTH = 720


class StatusPage(QWidget):
    """Shows the database, its schema state and the counts of the main records."""

    counts_stale = Signal()  # a write changed what the counts count (a burst of writes: once)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stale_timer = QTimer(self)
        self._stale_timer.setSingleShot(True)
        self._stale_timer.setInterval(300)
        self._stale_timer.timeout.connect(self.counts_stale)
        for signal in (bus().requests_changed, bus().referrals_changed, bus().meetings_changed):
            signal.connect(self._heard_change)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        title = QLabel(words.APP_FULL_NAME)
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        box = QFrame()
        box.setProperty("role", "card")
        self.form = QFormLayout(box)
        self.form.setContentsMargins(16, 12, 16, 12)
        self.form.setHorizontalSpacing(16)
        self.form.setVerticalSpacing(8)
        self.db_label = plain_label("")
        self.state_label = plain_label(words.CONNECTING)
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
        box.setMaximumWidth(CARD_WIDTH)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignLeading)  # the right edge in RTL
        layout.addStretch(1)

    def _heard_change(self, _ids: list) -> None:
        self._stale_timer.start()

    def show_database(self, description: str, state: str) -> None:
        """Show where the data lives (paths already isolated, see formatting.database_location)."""
        self.db_label.setText(description)
        self.state_label.setText(state)

    def show_counts(self, counts: dict[str, int]) -> None:
        """Show the record counts (Persian digits)."""
        for key, value in counts.items():
            if key in self.counts:
                self.counts[key].setText(number(value))
