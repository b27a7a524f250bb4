"""Paints a calendar cell: the Jalali day number, Friday and holiday tints, a chip per meeting.

A chip carries the agency's colour on its leading edge, the start time and the manager; a
cancelled, holiday or moved occurrence is drawn struck through and pale, a missed day in red.
Text is handed to QPainter as it is (Qt shapes Persian itself) and laid out right-to-left.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.services.core import persian
from app.services.meetings.dto import Occurrence, OccurrenceState
from app.views.calendar.calendar_models import CELL_ROLE, DayCell
from app.views.calendar.colors import (
    FRIDAY_TINT,
    HOLIDAY_TINT,
    MUTED_TEXT,
    OTHER_MONTH_TINT,
    TODAY_BORDER,
    WEEKEND_TEXT,
    agency_color,
    light,
)

CHIP_GAP = 1
PALE_STATES = (OccurrenceState.CANCELLED, OccurrenceState.HOLIDAY, OccurrenceState.MOVED)
STATE_MARKS = {OccurrenceState.HELD: "✓ ", OccurrenceState.MISSED: "! ",
               OccurrenceState.UNCLOSED: "… "}


def chip_text(o: Occurrence, with_time: bool = True) -> str:
    """«۰۹:۰۰ name» with a mark for held (✓), missed (!) and unclosed (…) meetings."""
    who = o.manager if o.kind == "weekly" else f"{o.kind_label}: {o.manager}"
    when = persian.to_persian_digits(f"{o.start:%H:%M}") + " " if with_time else ""
    return STATE_MARKS.get(o.state, "") + when + who


class DayDelegate(QStyledItemDelegate):
    """Draws DayCells; `show_number` is off for the week grid's hour cells."""

    def __init__(self, parent: object = None, show_number: bool = True) -> None:
        super().__init__(parent)
        self.show_number = show_number

    def chip_height(self, option: QStyleOptionViewItem) -> int:
        """Height of one meeting chip for the view's font."""
        return QFontMetrics(self._small(option.font)).height() + 2

    @staticmethod
    def _small(font: QFont) -> QFont:
        f = QFont(font)
        f.setPointSizeF(max(7.0, f.pointSizeF() - 1))
        return f

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        cell: DayCell | None = index.data(CELL_ROLE)
        n = len(cell.occurrences) if cell else 0
        top = QFontMetrics(option.font).height() + 4 if self.show_number else 2
        return QSize(120, top + max(1, n) * (self.chip_height(option) + CHIP_GAP) + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        cell: DayCell | None = index.data(CELL_ROLE)
        if cell is None:
            return super().paint(painter, option, index)
        painter.save()
        rect = option.rect
        bg = QColor("white")
        if cell.holiday:
            bg = HOLIDAY_TINT
        elif cell.friday:
            bg = FRIDAY_TINT
        if not cell.in_month:
            bg = OTHER_MONTH_TINT
        painter.fillRect(rect, bg)
        if cell.today and not self.show_number:
            painter.fillRect(rect, light(TODAY_BORDER, 18))
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, light(option.palette.highlight().color(), 60))
        painter.setPen(QPen(QColor("#e5e7eb")))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        rtl = option.direction == Qt.LayoutDirection.RightToLeft
        lead = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        trail = Qt.AlignmentFlag.AlignLeft if rtl else Qt.AlignmentFlag.AlignRight
        inner = rect.adjusted(4, 2, -4, -2)
        y = inner.top()
        if self.show_number:
            fm = QFontMetrics(option.font)
            head = QRect(inner.left(), y, inner.width(), fm.height())
            num_font = QFont(option.font)
            num_font.setBold(cell.today)
            painter.setFont(num_font)
            painter.setPen(MUTED_TEXT if not cell.in_month
                           else WEEKEND_TEXT if cell.off else QColor("#111827"))
            painter.drawText(head, lead | Qt.AlignmentFlag.AlignVCenter,
                             persian.to_persian_digits(cell.jalali_day))
            if cell.holiday and cell.in_month:
                small = self._small(option.font)
                painter.setFont(small)
                width = head.width() - fm.horizontalAdvance("۳۰") - 6
                text = QFontMetrics(small).elidedText(cell.holiday, Qt.TextElideMode.ElideRight,
                                                      max(0, width))
                painter.drawText(head, trail | Qt.AlignmentFlag.AlignVCenter, text)
            y += fm.height() + 2
        if cell.today and self.show_number:
            painter.setPen(QPen(TODAY_BORDER, 2))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        small = self._small(option.font)
        painter.setFont(small)
        sfm = QFontMetrics(small)
        h = self.chip_height(option)
        room = max(0, (inner.bottom() - y + CHIP_GAP) // (h + CHIP_GAP))
        shown = cell.occurrences if len(cell.occurrences) <= room else \
            cell.occurrences[:max(0, room - 1)]
        for o in shown:
            self._chip(painter, QRect(inner.left(), y, inner.width(), h), o, sfm, rtl, lead)
            y += h + CHIP_GAP
        hidden = len(cell.occurrences) - len(shown)
        if hidden > 0:
            painter.setPen(QColor("#374151"))
            n = persian.to_persian_digits(hidden)
            painter.drawText(QRect(inner.left(), y, inner.width(), h),
                             lead | Qt.AlignmentFlag.AlignVCenter,
                             f"و {n} دیدار دیگر…" if shown else f"{n} دیدار")
        painter.restore()

    @staticmethod
    def _chip(painter: QPainter, r: QRect, o: Occurrence, fm: QFontMetrics, rtl: bool,
              lead: Qt.AlignmentFlag) -> None:
        color = agency_color(o.agency_id)
        pale = o.state in PALE_STATES
        painter.fillRect(r, light(color, 28 if pale else 56))
        bar = QRect(r.right() - 3, r.top(), 4, r.height()) if rtl else QRect(r.left(), r.top(), 4,
                                                                             r.height())
        painter.fillRect(bar, light(color, 90) if pale else color)
        text_rect = r.adjusted(6, 0, -6, 0)
        font = painter.font()
        f = QFont(font)
        f.setStrikeOut(pale)
        painter.setFont(f)
        painter.setPen(MUTED_TEXT if pale else WEEKEND_TEXT if o.state == OccurrenceState.MISSED
                       else QColor("#111827"))
        text = chip_text(o)
        if fm.horizontalAdvance(text) > text_rect.width():
            text = chip_text(o, with_time=False)  # a narrow cell: the name matters more
        painter.drawText(text_rect, lead | Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(text, Qt.TextElideMode.ElideRight, text_rect.width()))
        painter.setFont(font)
