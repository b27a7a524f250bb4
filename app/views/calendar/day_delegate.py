"""Paints a calendar cell: the Jalali day number, Friday and holiday tints, a chip per meeting.

A chip carries the agency's colour on its leading edge, the start time and the manager; a
cancelled, holiday or moved occurrence is drawn struck through and pale, a missed day in red.
Text is handed to QPainter as it is (Qt shapes Persian itself) and laid out right-to-left.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.services.core import persian
from app.services.meetings.dto import Occurrence, OccurrenceState
from app.views.calendar import words
from app.views.calendar.calendar_models import CELL_ROLE, DayCell
from app.views.calendar.colors import (
    CELL_BACKGROUND,
    CELL_BORDER,
    FRIDAY_TINT,
    HOLIDAY_TINT,
    MUTED_TEXT,
    OTHER_MONTH_TINT,
    SOFT_TEXT,
    TEXT,
    TODAY_BORDER,
    WEEKEND_TEXT,
    agency_color,
    light,
)

CHIP_GAP = 1
PALE_STATES = (OccurrenceState.CANCELLED, OccurrenceState.HOLIDAY, OccurrenceState.MOVED)
STATE_MARKS = {OccurrenceState.HELD: "✓ ", OccurrenceState.MISSED: "! ",
               OccurrenceState.UNCLOSED: "… "}


def chip_text(o: Occurrence) -> str:
    """«۰۹:۰۰ name» with a mark for held (✓), missed (!) and unclosed (…) meetings."""
    return chip_head(o) + who_of(o)


def chip_head(o: Occurrence) -> str:
    """The part of a chip that is never cut: the state mark and the start time."""
    return STATE_MARKS.get(o.state, "") + words.hhmm(o.start) + " "


def who_of(o: Occurrence) -> str:
    """The manager (with the kind of meeting, when it is not the weekly day)."""
    return o.manager if o.kind == "weekly" else f"{o.kind_label}: {o.manager}"


def chip_line(o: Occurrence, fm: QFontMetrics, width: int) -> str:
    """A chip's text in `width` pixels: the name is elided, never the time."""
    head = chip_head(o)
    room = max(0, width - fm.horizontalAdvance(head))
    return head + fm.elidedText(who_of(o), Qt.TextElideMode.ElideRight, room)


def month_chip_line(o: Occurrence, fm: QFontMetrics, width: int) -> str:
    """A month cell's chip: the time and the whole name when they fit, else the time and the
    family name (its last word), elided only if even that is too long; the cell's tooltip and
    the day panel always have the whole name."""
    whole = chip_text(o)
    if fm.horizontalAdvance(whole) <= width:
        return whole
    head = chip_head(o)
    family = o.manager.split()[-1] if o.manager.split() else o.manager
    room = max(0, width - fm.horizontalAdvance(head))
    return head + fm.elidedText(family, Qt.TextElideMode.ElideRight, room)


def chip_lines(o: Occurrence, fm: QFontMetrics, width: int, name_lines: int = 2) -> list[str]:
    """A chip's text in `width` pixels: one line when it fits, else the time on a line of its
    own and the name under it (broken between words; elided only if a word outgrows the chip)."""
    whole = chip_text(o)
    if fm.horizontalAdvance(whole) <= width:
        return [whole]
    return [chip_head(o).strip(), *holiday_lines(who_of(o), fm, width, name_lines)]


def holiday_lines(name: str, fm: QFontMetrics, width: int, max_lines: int = 2) -> list[str]:
    """A holiday's name broken between words into lines of `width` (the last elided if need be)."""
    lines: list[str] = []
    current = ""
    for word in name.split():
        candidate = f"{current} {word}".strip()
        if not current or fm.horizontalAdvance(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines - 1] + [" ".join(lines[max_lines - 1:])]
    # Judged by the same measure as the breaking above (elidedText may differ by a pixel).
    return [line if fm.horizontalAdvance(line) <= width
            else fm.elidedText(line, Qt.TextElideMode.ElideRight, max(0, width)) for line in lines]


class DayDelegate(QStyledItemDelegate):
    """Draws DayCells; `show_number` is off for the week grid's hour cells."""

    def __init__(self, parent: object = None, show_number: bool = True,
                 chips: bool = True) -> None:
        super().__init__(parent)
        self.show_number = show_number
        self.chips = chips  # the week view paints its meetings itself, across their hours

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
        bg = CELL_BACKGROUND
        if cell.holiday:
            bg = HOLIDAY_TINT
        elif cell.rest:  # the office's weekly rest days, not Friday alone
            bg = FRIDAY_TINT
        if not cell.in_month:
            bg = OTHER_MONTH_TINT
        painter.fillRect(rect, bg)
        if cell.today and not self.show_number:
            painter.fillRect(rect, light(TODAY_BORDER, 18))
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, light(option.palette.highlight().color(), 60))
        painter.setPen(QPen(CELL_BORDER))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        rtl = option.direction == Qt.LayoutDirection.RightToLeft
        lead = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        inner = rect.adjusted(4, 2, -4, -2)
        y = inner.top()
        if self.show_number:
            fm = QFontMetrics(option.font)
            head = QRect(inner.left(), y, inner.width(), fm.height())
            num_font = QFont(option.font)
            num_font.setBold(cell.today)
            painter.setFont(num_font)
            painter.setPen(MUTED_TEXT if not cell.in_month
                           else WEEKEND_TEXT if cell.off else TEXT)
            painter.drawText(head, lead | Qt.AlignmentFlag.AlignVCenter,
                             persian.to_persian_digits(cell.jalali_day))
            y += fm.height() + 2
            if cell.holiday and cell.in_month:
                # Under the day number, in up to two lines; the cell's tooltip has it whole.
                small = self._small(option.font)
                painter.setFont(small)
                sfm = QFontMetrics(small)
                for line in holiday_lines(cell.holiday, sfm, inner.width()):
                    painter.drawText(QRect(inner.left(), y, inner.width(), sfm.height()),
                                     lead | Qt.AlignmentFlag.AlignVCenter, line)
                    y += sfm.height()
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
        if not self.chips:
            shown = []
        for o in shown:
            self._chip(painter, QRect(inner.left(), y, inner.width(), h), o, sfm, rtl, lead)
            y += h + CHIP_GAP
        hidden = len(cell.occurrences) - len(shown)
        if hidden > 0 and self.chips:
            painter.setPen(SOFT_TEXT)
            painter.drawText(QRect(inner.left(), y, inner.width(), h),
                             lead | Qt.AlignmentFlag.AlignVCenter,
                             words.more_meetings(hidden, bool(shown)))
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
                       else TEXT)
        painter.drawText(text_rect, lead | Qt.AlignmentFlag.AlignVCenter,
                         month_chip_line(o, fm, text_rect.width()))
        painter.setFont(font)
