"""The week view: hours down the side, Saturday to Friday across (Saturday rightmost).

The table draws the hour grid (tints, selection, clicks); each meeting is painted over it as a
block from its start to its end, so a meeting from 09:00 to 12:00 covers those three hour rows.
Meetings that overlap share the day's width in lanes; when the lanes would be too narrow to read,
the overlapping meetings are drawn as one block listing each of them, always with its time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.services.meetings.dto import CalendarRange, Occurrence, OccurrenceState
from app.views.calendar import colors, words
from app.views.calendar.calendar_models import CELL_ROLE, WeekModel
from app.views.calendar.day_delegate import (
    PALE_STATES,
    STATE_MARKS,
    DayDelegate,
    chip_lines,
    holiday_lines,
    who_of,
)

MIN_ROW_PX = 40  # an hour row never gets shorter than this (the view scrolls instead)
MARK_PX = 10  # room for the agency's colour square before a name in a shared block
MIN_LANE_PX = 70  # narrower than this, overlapping meetings are listed in one block
PAD = 3


@dataclass
class Block:
    """One painted block: the meetings it shows, where, and its lines of text."""

    occurrences: list[Occurrence]
    rect: QRect
    lines: list[str]
    # For a shared block: the meeting each line names (None: the common time or «و … دیگر»).
    owners: list[Occurrence | None] = field(default_factory=list)


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _clusters(occs: list[Occurrence]) -> list[list[Occurrence]]:
    """Meetings of one day grouped so that each group's members overlap in a chain."""
    groups: list[list[Occurrence]] = []
    end = -1
    for o in sorted(occs, key=lambda o: (o.start, o.end, o.manager)):
        if groups and _minutes(o.start) < end:
            groups[-1].append(o)
            end = max(end, _minutes(o.end))
        else:
            groups.append([o])
            end = _minutes(o.end)
    return groups


def _lanes(group: list[Occurrence]) -> list[int]:
    """A lane for each meeting of a group, so that no two meetings in a lane overlap."""
    ends: list[int] = []
    lanes = []
    for o in group:
        lane = next((i for i, e in enumerate(ends) if e <= _minutes(o.start)), len(ends))
        if lane == len(ends):
            ends.append(0)
        ends[lane] = _minutes(o.end)
        lanes.append(lane)
    return lanes


class WeekView(QTableView):
    """Hour rows × day columns with the meetings drawn over the hours they take."""

    day_selected = Signal(object)  # date
    day_activated = Signal(object)  # date
    occurrence_clicked = Signal(object)  # Occurrence: a meeting's own block was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("weekView")
        self.week_model = WeekModel(self)
        self.setModel(self.week_model)
        self.setItemDelegate(DayDelegate(self, show_number=False, chips=False))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setMouseTracking(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        # Qt's default minimum section width (~130 px here) would push Friday out of sight.
        header.setMinimumSectionSize(40)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        hours = self.verticalHeader()
        hours.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        hours.setHighlightSections(False)
        hours.setDefaultAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.clicked.connect(self._clicked)
        self.doubleClicked.connect(self._activated)
        self.selectionModel().currentChanged.connect(lambda cur, _prev: self._clicked(cur))
        self._fit_hour_labels()
        self._fit_rows()

    # --- geometry -------------------------------------------------------------------------

    def _fit_hour_labels(self) -> None:
        """Give the hour labels their whole width (in bold too, whichever row is current)."""
        font = QFont(self.verticalHeader().font())
        font.setBold(True)
        fm = QFontMetrics(font)
        widest = max(fm.horizontalAdvance(words.hour_label(h)) for h in (0, 8, 23))
        self.verticalHeader().setFixedWidth(widest + 18)

    def row_height(self) -> int:
        """The height of one hour (all rows are equal, so times map linearly to pixels)."""
        return self.verticalHeader().defaultSectionSize()

    def _fit_rows(self) -> None:
        rows = max(1, self.week_model.rowCount())
        h = max(MIN_ROW_PX, self.viewport().height() // rows)
        self.verticalHeader().setMinimumSectionSize(min(h, MIN_ROW_PX))
        self.verticalHeader().setDefaultSectionSize(h)
        for r in range(self.week_model.rowCount()):
            self.verticalHeader().resizeSection(r, h)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_rows()

    def y_of(self, t: time) -> int:
        """Viewport y of a time of day."""
        first = self.week_model.hours[0] if self.week_model.hours else 0
        return self.rowViewportPosition(0) + round(
            (_minutes(t) - first * 60) * self.row_height() / 60)

    def blocks(self) -> list[Block]:
        """Where each meeting of the week is painted, and with which lines."""
        fm = QFontMetrics(self._small_font())
        out: list[Block] = []
        for col, day in enumerate(self.week_model.days):
            x, width = self.columnViewportPosition(col), self.columnWidth(col)
            for group in _clusters(day.occurrences):
                lanes = _lanes(group)
                n = max(lanes) + 1
                if width // n >= MIN_LANE_PX:
                    for o, lane in zip(group, lanes, strict=True):
                        lane_w = width // n
                        # Right to left: the first lane is the rightmost.
                        left = x + width - (lane + 1) * lane_w if self.isRightToLeft() \
                            else x + lane * lane_w
                        rect = QRect(left + 1, self.y_of(o.start) + 1, lane_w - 2,
                                     self.y_of(o.end) - self.y_of(o.start) - 2)
                        out.append(Block([o], rect, self._single_lines(o, fm, rect.width())))
                else:
                    top = self.y_of(min(o.start for o in group))
                    bottom = self.y_of(max(o.end for o in group))
                    rect = QRect(x + 1, top + 1, width - 2, bottom - top - 2)
                    lines, owners = self._group_lines(group, fm, rect)
                    out.append(Block(group, rect, lines, owners))
        return out

    @staticmethod
    def _single_lines(o: Occurrence, fm: QFontMetrics, width: int) -> list[str]:
        room = width - 2 * PAD - 4
        mark = STATE_MARKS.get(o.state, "")
        span = mark + words.time_range(o.start, o.end)
        # The state mark counts: «✓ ۰۹:۰۰ تا ۱۲:۰۰» that does not fit becomes «✓ ۰۹:۰۰», never cut.
        return [span if fm.horizontalAdvance(span) <= room else mark + words.hhmm(o.start),
                who_of(o)]

    @staticmethod
    def _group_lines(group: list[Occurrence], fm: QFontMetrics,
                     rect: QRect) -> tuple[list[str], list[Occurrence | None]]:
        """Meetings at the same hours: the hours once, then a name a line; otherwise a time each."""
        room = rect.width() - 2 * PAD - 4 - MARK_PX
        fits = max(1, (rect.height() - 2 * PAD) // fm.height())
        lines: list[str] = []
        owners: list[Occurrence | None] = []
        same = len({(o.start, o.end) for o in group}) == 1
        if same:
            o = group[0]
            span = words.time_range(o.start, o.end)
            lines.append(span if fm.horizontalAdvance(span) <= room + MARK_PX
                         else words.hhmm(o.start))
            owners.append(None)
            fits -= 1
        # Each meeting's lines: its name on a line of its own, broken between words when the
        # block is narrow (a name is never cut while a word fits).
        texts = [holiday_lines(STATE_MARKS.get(o.state, "") + who_of(o), fm, room) if same
                 else chip_lines(o, fm, room) for o in group]
        shown: list[Occurrence] = []
        for i, (o, own) in enumerate(zip(group, texts, strict=True)):
            reserve = 0 if i == len(group) - 1 else 1  # the line «و … دیگر» would take
            if len(own) + reserve > fits:
                break
            fits -= len(own)
            shown.append(o)
            lines.extend(own)
            owners.extend([o] * len(own))
        if len(shown) < len(group):
            lines.append(words.more_meetings(len(group) - len(shown), bool(shown)))
            owners.append(None)
        return lines, owners

    def _small_font(self) -> QFont:
        f = QFont(self.font())
        f.setPointSizeF(max(7.0, f.pointSizeF() - 1))
        return f

    # --- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setFont(self._small_font())
        fm = painter.fontMetrics()
        # Absolute: the painter is right to left, where a plain AlignRight would mean the left.
        align = (Qt.AlignmentFlag.AlignRight if self.isRightToLeft()
                 else Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignTop \
            | Qt.AlignmentFlag.AlignAbsolute
        for block in self.blocks():
            r = block.rect
            single = len(block.occurrences) == 1 and len(block.lines) == 2
            o = block.occurrences[0]
            base = colors.agency_color(o.agency_id) if len(block.occurrences) == 1 \
                else colors.GROUP_BLOCK
            pale = single and o.state in PALE_STATES
            painter.fillRect(r, colors.light(base, 28 if pale else 56))
            painter.setPen(QPen(colors.light(base, 160), 1))
            painter.drawRect(r.adjusted(0, 0, -1, -1))
            bar = QRect(r.right() - 3, r.top(), 4, r.height()) if self.isRightToLeft() \
                else QRect(r.left(), r.top(), 4, r.height())
            painter.fillRect(bar, colors.light(base, 90) if pale else base)
            inner = r.adjusted(PAD + 2, PAD, -PAD - 4, -PAD)
            y = inner.top()
            if single:
                # The time on the first line, the name wrapped in the rest of the block.
                self._pen_for(painter, o, pale)
                painter.drawText(QRect(inner.left(), y, inner.width(), fm.height()), align,
                                 block.lines[0])
                rest = QRect(inner.left(), y + fm.height(), inner.width(),
                             max(0, inner.bottom() - y - fm.height()))
                painter.drawText(rest, align | Qt.TextFlag.TextWordWrap, block.lines[1])
                continue
            previous: Occurrence | None = None
            for line, who in zip(block.lines, block.owners, strict=True):
                text_rect = QRect(inner.left(), y, inner.width(), fm.height())
                first_line = who is not None and who is not previous
                previous = who
                if who is not None:
                    # A small square in the agency's colour leads each meeting's first line.
                    mark = QRect(text_rect.right() - MARK_PX + 3, y + fm.height() // 2 - 3, 6, 6) \
                        if self.isRightToLeft() else QRect(text_rect.left(), y + fm.height() // 2 - 3, 6, 6)
                    if first_line:
                        painter.fillRect(mark, colors.agency_color(who.agency_id))
                    text_rect = text_rect.adjusted(0, 0, -MARK_PX, 0) if self.isRightToLeft() \
                        else text_rect.adjusted(MARK_PX, 0, 0, 0)
                    self._pen_for(painter, who, False)
                else:
                    painter.setPen(colors.TEXT)
                    font = painter.font()
                    font.setStrikeOut(False)
                    painter.setFont(font)
                painter.drawText(text_rect, align, line)
                y += fm.height()
        painter.end()

    @staticmethod
    def _pen_for(painter: QPainter, o: Occurrence, pale: bool) -> None:
        font = painter.font()
        font.setStrikeOut(o.state in PALE_STATES)
        painter.setFont(font)
        painter.setPen(colors.MUTED_TEXT if pale or o.state in PALE_STATES
                       else colors.WEEKEND_TEXT if o.state == OccurrenceState.MISSED
                       else colors.TEXT)

    # --- data -----------------------------------------------------------------------------

    def set_week(self, day: date) -> None:
        """Show the week containing a day (its meetings arrive with show_range())."""
        self.week_model.set_week(day)
        self._fit_rows()

    def show_range(self, data: CalendarRange) -> None:
        """Place the week's meetings."""
        self.week_model.set_range(data)
        self._fit_rows()
        self.viewport().update()

    def select_day(self, d: date) -> None:
        """Select a day's column at its first meeting's hour (or the first hour)."""
        if self.week_model.saturday <= d and (d - self.week_model.saturday).days < 7:
            col = (d - self.week_model.saturday).days
            row = next((r for r in range(self.week_model.rowCount())
                        if self.week_model.cells.get((r, col)) is not None
                        and self.week_model.cells[(r, col)].occurrences), 0)
            self.selectionModel().setCurrentIndex(
                self.week_model.index(row, col), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def block_at(self, pos: QPoint) -> Block | None:
        """The block drawn at a viewport position (None: an empty hour)."""
        return next((b for b in self.blocks() if b.rect.contains(pos)), None)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """A click selects the hour's day; on a meeting's own block it also names the meeting."""
        super().mousePressEvent(event)
        block = self.block_at(event.position().toPoint())
        if block is not None and len(block.occurrences) == 1:
            self.occurrence_clicked.emit(block.occurrences[0])

    def _clicked(self, index: QModelIndex) -> None:
        cell = index.data(CELL_ROLE) if index.isValid() else None
        if cell is not None:
            self.day_selected.emit(cell.day)

    def _activated(self, index: QModelIndex) -> None:
        cell = index.data(CELL_ROLE)
        if cell is not None:
            self.day_activated.emit(cell.day)
