"""Which review queue to show: its kind and the few settings each kind has."""

from __future__ import annotations

import random

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.models.review import ReviewReason
from app.services.core import jalali
from app.services.referrals.dto import QueueFilter
from app.services.review.dto import default_seed
from app.views.review import words as w
from app.views.widgets.quarter_picker import QuarterPicker


class QueueBar(QWidget):
    """Kind of queue, threshold, satisfaction, period, sample size and seed; emits a QueueFilter."""

    filter_changed = Signal(object)  # QueueFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reason = QComboBox()
        for r in ReviewReason:
            self.reason.addItem(r.label, r.value)
        self.overdue_days = QSpinBox()
        self.overdue_days.setRange(0, 365)
        self.overdue_days.setValue(10)
        self.overdue_days.setPrefix(w.MORE_THAN)
        self.overdue_days.setSuffix(w.WORKING_DAYS_SUFFIX)
        self.satisfaction = QSpinBox()
        self.satisfaction.setRange(1, 4)
        self.satisfaction.setValue(2)
        self.satisfaction.setPrefix(w.SATISFACTION_UP_TO)
        self.satisfaction.setSuffix(w.OUT_OF_FIVE)
        # The last finished quarter by default: its set of closed requests no longer grows,
        # so its sample stays the same from one day to the next.
        self.period = QuarterPicker()
        self.sample_size = QSpinBox()
        self.sample_size.setRange(1, 500)
        self.sample_size.setValue(30)
        self.sample_size.setSuffix(w.CASES_SUFFIX)
        self.seed_label = QLabel("")
        self.new_sample = QPushButton(w.NEW_SAMPLE)
        self.unreviewed = QCheckBox(w.UNREVIEWED_ONLY)
        self.seed: int | None = None
        first = QHBoxLayout()
        first.addWidget(QLabel(w.QUEUE))
        first.addWidget(self.reason)
        first.addWidget(self.overdue_days)
        first.addWidget(self.satisfaction)
        first.addWidget(self.unreviewed)
        first.addStretch(1)
        second = QHBoxLayout()
        second.addWidget(self.period)
        second.addWidget(self.sample_size)
        second.addWidget(self.seed_label)
        second.addWidget(self.new_sample)
        second.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(first)
        layout.addLayout(second)
        self.reason.currentIndexChanged.connect(lambda _i: self._changed())
        for spin in (self.overdue_days, self.satisfaction, self.sample_size):
            spin.valueChanged.connect(lambda _v: self._changed())
        self.period.quarter_changed.connect(lambda _y, _q: self._period_changed())
        self.unreviewed.toggled.connect(lambda _c: self._changed())
        self.new_sample.clicked.connect(self.draw_new_sample)
        self._update_visibility()

    def current(self) -> QueueFilter:
        """The queue the widgets describe."""
        start, end = jalali.quarter_bounds(*self.period.value())
        seed = self.seed if self.seed is not None else default_seed(start, end)
        self.seed_label.setText(w.seed(seed))
        return QueueFilter(
            reason=self.reason.currentData(), date_from=start, date_to=end,
            overdue_days=self.overdue_days.value(), max_satisfaction=self.satisfaction.value(),
            sample_size=self.sample_size.value(), seed=seed,
            unreviewed_only=self.unreviewed.isChecked(),
        )

    def set_reason(self, reason: str) -> None:
        """Show another kind of queue."""
        self.reason.setCurrentIndex(self.reason.findData(str(reason)))

    def draw_new_sample(self) -> None:
        """Draw another sample of the period (its seed is shown, so it can be drawn again)."""
        self.seed = random.SystemRandom().randrange(1, 10**6)
        self._changed()

    def _period_changed(self) -> None:
        self.seed = None  # each period has its own default sample
        self._changed()

    def _update_visibility(self) -> None:
        reason = self.reason.currentData()
        self.overdue_days.setVisible(reason == ReviewReason.OVERDUE)
        self.satisfaction.setVisible(reason == ReviewReason.LOW_SATISFACTION)
        by_period = reason in (ReviewReason.LOW_SATISFACTION, ReviewReason.SAMPLE)
        self.period.setVisible(by_period)
        for widget in (self.sample_size, self.seed_label, self.new_sample):
            widget.setVisible(reason == ReviewReason.SAMPLE)

    def _changed(self) -> None:
        self._update_visibility()
        self.filter_changed.emit(self.current())
