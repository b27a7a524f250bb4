"""A Jalali quarter chooser: a year and one of the four seasons."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from app.services.core import jalali


class QuarterPicker(QWidget):
    """Year spin box and quarter combo; emits quarter_changed(year, quarter)."""

    quarter_changed = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.year = QSpinBox()
        self.year.setRange(1390, 1450)
        self.quarter = QComboBox()
        for q in range(1, 5):
            self.quarter.addItem(
                f"سه‌ماهه {jalali.QUARTER_ORDINALS[q - 1]} ({jalali.QUARTER_SEASONS[q - 1]})", q)
        layout.addWidget(QLabel("سال:"))
        layout.addWidget(self.year)
        layout.addWidget(QLabel("دوره:"))
        layout.addWidget(self.quarter)
        year, quarter = jalali.last_finished_quarter(jalali.tehran_today())
        self.set_quarter(year, quarter)
        self.year.valueChanged.connect(lambda _v: self.quarter_changed.emit(*self.value()))
        self.quarter.currentIndexChanged.connect(
            lambda _i: self.quarter_changed.emit(*self.value()))

    def value(self) -> tuple[int, int]:
        """The chosen (Jalali year, quarter)."""
        return self.year.value(), int(self.quarter.currentData())

    def set_quarter(self, year: int, quarter: int) -> None:
        """Show a quarter."""
        self.year.setValue(year)
        self.quarter.setCurrentIndex(quarter - 1)
