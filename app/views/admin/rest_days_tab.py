"""The weekly rest days: one box per weekday, Saturday first (the Iranian week)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from app.services.core import jalali
from app.views import style
from app.views.admin import words
from app.views.formatting import plain_label


def python_weekday(iranian_index: int) -> int:
    """Python's weekday number (Monday 0) of an Iranian weekday index (Saturday 0)."""
    return (iranian_index + jalali.SATURDAY) % 7


class RestDaysTab(QWidget):
    """Seven checkboxes; at least one day must stay a working day."""

    rest_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        hint = plain_label(words.WEEK_HINT)
        hint.setWordWrap(True)
        style.set_role(hint, "hint")
        self.boxes: list[QCheckBox] = []
        row = QHBoxLayout()
        for name in jalali.WEEKDAY_NAMES:  # Saturday … Friday; drawn right to left
            box = QCheckBox(name)
            box.toggled.connect(self._toggled)
            self.boxes.append(box)
            row.addWidget(box)
        row.addStretch(1)
        self.warning = plain_label("")
        self.warning.setObjectName("noWorkingDay")
        style.set_role(self.warning, "error")
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addWidget(self.warning)
        layout.addStretch(1)

    def set_rest(self, days: frozenset[int]) -> None:
        """Check the rest days (Python weekday numbers)."""
        for i, box in enumerate(self.boxes):
            box.blockSignals(True)
            box.setChecked(python_weekday(i) in days)
            box.blockSignals(False)
        self._toggled()

    def rest(self) -> frozenset[int]:
        """The checked days as Python weekday numbers."""
        return frozenset(python_weekday(i) for i, b in enumerate(self.boxes) if b.isChecked())

    def _toggled(self, *_args: object) -> None:
        self.warning.setText(words.NO_WORKING_DAY if len(self.rest()) == 7 else "")
        self.rest_changed.emit()
