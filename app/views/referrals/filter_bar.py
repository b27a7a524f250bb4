"""The referral tracker's filters; emits filter_changed with a TrackerFilter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.models.enums import ReferralStatus
from app.services.referrals.dto import TrackerFilter
from app.views.referrals import words as w
from app.views.widgets.jalali_date_edit import JalaliDateEdit

if TYPE_CHECKING:
    from app.services.core.reference import RefItem

TEXT_DEBOUNCE_MS = 400
DEADLINE_ANY, DEADLINE_OVERDUE, DEADLINE_SOON = "any", "overdue", "soon"


class TrackerFilterBar(QWidget):
    """Status, agency, county, deadline (overdue / due within N days), letter dates, code."""

    filter_changed = Signal(object)  # TrackerFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = QComboBox()
        self.status.addItem(w.ANY, None)
        for s in ReferralStatus:
            self.status.addItem(s.label, s.value)
        self.status.setCurrentIndex(self.status.findData(ReferralStatus.OPEN.value))
        self.agency = QComboBox()
        self.agency.addItem(w.ANY, None)
        self.agency.setMinimumContentsLength(16)
        self.county = QComboBox()
        self.county.addItem(w.ANY, None)
        self.deadline = QComboBox()
        self.deadline.addItem(w.ANY, DEADLINE_ANY)
        self.deadline.addItem(w.OVERDUE_ONLY, DEADLINE_OVERDUE)
        self.deadline.addItem(w.DUE_WITHIN, DEADLINE_SOON)
        self.within = QSpinBox()
        self.within.setRange(0, 60)
        self.within.setValue(5)
        self.within.setSuffix(w.WORKING_DAYS_SUFFIX)
        self.within.setEnabled(False)
        self.date_from = JalaliDateEdit(optional=True, empty_text=w.FROM_START)
        self.date_to = JalaliDateEdit(optional=True, empty_text=w.TO_TODAY)
        self.escalated = QCheckBox(w.ESCALATED_ONLY)
        self.text = QLineEdit()
        self.text.setPlaceholderText(w.TEXT_PLACEHOLDER)
        self.text.setClearButtonEnabled(True)
        self.clear_button = QPushButton(w.CLEAR_FILTERS)
        for box in (self.status, self.agency, self.county, self.deadline):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(10)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        rows = [
            [(w.STATUS, self.status), (w.AGENCY, self.agency), (w.COUNTY, self.county)],
            [(w.DEADLINE, self.deadline), ("", self.within), (w.LETTER_FROM, self.date_from),
             (w.LETTER_TO, self.date_to)],
            [("", self.text), ("", self.escalated), ("", self.clear_button)],
        ]
        for pairs in rows:
            line = QHBoxLayout()
            for label, widget in pairs:
                if label:
                    line.addWidget(QLabel(label))
                line.addWidget(widget, 1 if widget is not self.within else 0)
            layout.addLayout(line)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(TEXT_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit)
        self.text.textChanged.connect(lambda _t: self._debounce.start())
        for box in (self.status, self.agency, self.county, self.deadline):
            box.currentIndexChanged.connect(lambda _i: self._emit())
        self.within.valueChanged.connect(lambda _v: self._emit())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self._emit())
        self.escalated.toggled.connect(lambda _c: self._emit())
        self.clear_button.clicked.connect(self.clear)

    def set_reference(self, counties: list[RefItem], agencies: list[RefItem]) -> None:
        """Fill the county and agency lists (the governorate itself is never referred to)."""
        for box, items in ((self.county, counties),
                           (self.agency, [a for a in agencies if not a.is_governorate])):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(w.ANY, None)
            for item in items:
                box.addItem(item.name, item.id)
            box.setCurrentIndex(max(0, box.findData(current)) if current else 0)
            box.blockSignals(False)

    def current(self) -> TrackerFilter:
        """The filter the widgets describe."""
        deadline = self.deadline.currentData()
        self.within.setEnabled(deadline == DEADLINE_SOON)
        return TrackerFilter(
            status=self.status.currentData(), agency_id=self.agency.currentData(),
            county_id=self.county.currentData(), overdue_only=deadline == DEADLINE_OVERDUE,
            due_within=self.within.value() if deadline == DEADLINE_SOON else None,
            date_from=self.date_from.value(), date_to=self.date_to.value(),
            escalated_only=self.escalated.isChecked(), text=self.text.text(),
        )

    def show_agency_overdue(self, agency_id: int) -> None:
        """One agency's overdue referrals (from the performance panel)."""
        widgets = [self.status, self.agency, self.deadline]
        for widget in widgets:
            widget.blockSignals(True)
        self.status.setCurrentIndex(self.status.findData(ReferralStatus.OPEN.value))
        self.agency.setCurrentIndex(max(0, self.agency.findData(agency_id)))
        self.deadline.setCurrentIndex(self.deadline.findData(DEADLINE_OVERDUE))
        for widget in widgets:
            widget.blockSignals(False)
        self._emit()

    def show_status(self, status: str, text: str = "") -> None:
        """One status (and, with a tracking code, one request's referrals), other filters cleared."""
        self.clear(emit=False)
        self.status.blockSignals(True)
        self.text.blockSignals(True)
        self.status.setCurrentIndex(max(0, self.status.findData(status)))
        self.text.setText(text)
        self.status.blockSignals(False)
        self.text.blockSignals(False)
        self._emit()

    def clear(self, emit: bool = True) -> None:
        """Back to the open referrals of every agency."""
        widgets = [self.status, self.agency, self.county, self.deadline, self.within, self.text,
                   self.date_from, self.date_to, self.escalated]
        for widget in widgets:
            widget.blockSignals(True)
        self.status.setCurrentIndex(self.status.findData(ReferralStatus.OPEN.value))
        for box in (self.agency, self.county, self.deadline):
            box.setCurrentIndex(0)
        self.text.clear()
        self.date_from.clear_value()
        self.date_to.clear_value()
        self.escalated.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        if emit:
            self._emit()

    def _emit(self) -> None:
        self._debounce.stop()
        self.filter_changed.emit(self.current())
