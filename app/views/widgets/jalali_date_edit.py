"""A date field in the Jalali calendar (Qt's own), with an optional empty value."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCalendar, QDate, Qt
from PySide6.QtWidgets import QDateEdit, QWidget

from app.services.core import jalali

JALALI = QCalendar(QCalendar.System.Jalali)
_EMPTY = QDate(1900, 1, 1)  # the minimum; shown as the "no date" text


class JalaliDateEdit(QDateEdit):
    """Shows and edits a date as ۱۴۰۵/۰۹/۰۷; its calendar popup is the Jalali one.

    Year/month/day order is kept left-to-right (the digits read the same in any direction).
    With `optional`, the minimum date means "no date" and is shown as `empty_text`.
    """

    def __init__(self, parent: QWidget | None = None, optional: bool = False,
                 empty_text: str = "—") -> None:
        super().__init__(parent)
        self.setCalendar(JALALI)
        self.setCalendarPopup(True)
        # Direction first: Qt lays out the date sections when the format is set.
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.setDisplayFormat("yyyy/MM/dd")
        self.calendarWidget().setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.calendarWidget().setFirstDayOfWeek(Qt.DayOfWeek.Saturday)
        self._optional = optional
        if optional:
            self.setMinimumDate(_EMPTY)
            self.setSpecialValueText(empty_text)
            self.setDate(_EMPTY)
        else:
            self.set_value(jalali.tehran_today())

    def value(self) -> date | None:
        """The chosen date (Gregorian), or None when optional and empty."""
        d = self.date()
        if self._optional and d == _EMPTY:
            return None
        return date(d.year(), d.month(), d.day())

    def set_value(self, value: date | None) -> None:
        """Show a date (or empty when optional)."""
        if value is None:
            # Today is the office's (Tehran, by the services' clock), not the machine's local day.
            value = None if self._optional else jalali.tehran_today()
        self.setDate(_EMPTY if value is None else QDate(value.year, value.month, value.day))

    def clear_value(self) -> None:
        """Empty the field (optional fields only)."""
        if self._optional:
            self.setDate(_EMPTY)
