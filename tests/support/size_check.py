"""Whole text on an office monitor: find widgets whose text does not fit the room they were given.

`check(window)` walks every visible widget of a window and returns the offenders: labels, buttons,
combo boxes, line edits (their text, else their placeholder), tab-bar tabs, header sections and group-box titles whose text (with icon and the
style's margins) is wider or taller than the widget, widgets that run past the window's edges,
text widgets drawn over each other, and tables that need a horizontal scroll bar. Each offender
says what, where, the text, the pixels it needs and the pixels it had.

The office sizes are the room a maximised window has (the screen less a 40 px taskbar and a 31 px
title bar, as on a Windows desktop at 100 %); a dialog gets the size Qt would give it on that
screen (its size hint, at most two thirds of the screen, at least its minimum size).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionFrame,
    QStyleOptionHeader,
    QStyleOptionViewItem,
    QTabBar,
    QTableView,
    QToolButton,
    QWidget,
)

from tests.support import size_measure as m

TASKBAR_PX = 40  # a Windows taskbar at 100 % scaling
TITLE_BAR_PX = 31  # a window's title bar at 100 % scaling


@dataclass(frozen=True)
class OfficeScreen:
    """A monitor: its pixels, Windows' display scaling, and the room a maximised window gets.

    Sizes are in Qt's logical pixels: at 150 % a 1920×1080 monitor is 1280×720 of them, and the
    taskbar and title bar (scaled too) keep their 100 % size in logical pixels.
    """

    width: int
    height: int
    scale: float = 1.0

    @property
    def name(self) -> str:
        """«1366x768», or «1920x1080@150%» when scaled."""
        base = f"{self.width}x{self.height}"
        return base if self.scale == 1.0 else f"{base}@{round(self.scale * 100)}%"

    @property
    def available(self) -> QSize:
        """The screen less the taskbar: the most a window (with its frame) may take."""
        return QSize(int(self.width / self.scale), int(self.height / self.scale) - TASKBAR_PX)

    @property
    def client(self) -> QSize:
        """The content of a maximised window: the available room less the title bar."""
        available = self.available
        return QSize(available.width(), available.height() - TITLE_BAR_PX)


# Windows' display scaling as Qt sees it: QT_SCALE_FACTOR (set before the QApplication exists;
# tests/app/test_display_scaling.py runs the screen test under 1.25 and 1.5 in a subprocess).
SCALE = float(os.environ.get("QT_SCALE_FACTOR") or 1)
# Scaled, the 1920×1080 monitor (125 %: 1536×864 logical, 150 %: 1280×720). A 1366×768 monitor
# scaled is not supported: at 125 % it leaves 1092×574 logical pixels of room, less than the
# inbox and the intake, referral and meeting dialogs need (Pol is laid out for 1280×649 at least).
SCALED_SCREENS = {1.25: ((1920, 1080),), 1.5: ((1920, 1080),)}
OFFICE_SCREENS = tuple(OfficeScreen(w, h, SCALE)
                       for w, h in SCALED_SCREENS.get(SCALE, ((1366, 768), (1920, 1080))))


@dataclass(frozen=True)
class Offender:
    """One widget whose text or place does not fit."""

    screen: str  # where: «inbox @ 1366x768»
    kind: str  # text, height, edge, overlap, scroll, window, tab, header, cell
    widget: str  # class name
    name: str  # objectName, or the nearest named ancestor's «parent/…»
    text: str
    needed: int
    had: int

    def __str__(self) -> str:
        text = self.text.replace("\n", "⏎")
        if len(text) > 60:
            text = text[:57] + "…"
        return (f"[{self.screen}] {self.kind}: {self.widget} «{self.name}» «{text}» "
                f"needs {self.needed} px, had {self.had} px")


def report(offenders: Iterable[Offender]) -> str:
    """The offenders one a line, for an assertion message."""
    return "\n".join(str(o) for o in offenders)


# --- the checks -----------------------------------------------------------------------------

class _Checker:
    def __init__(self, window: QWidget, screen: str) -> None:
        self.window = window
        self.screen = screen
        self.found: list[Offender] = []
        self.text_rects: list[tuple[QWidget, QRect, str]] = []

    def add(self, kind: str, widget: QWidget, text: str, needed: int, had: int) -> None:
        self.found.append(Offender(self.screen, kind, type(widget).__name__, m.where(widget),
                                   text, int(needed), int(had)))

    def run(self, scroll_free: Iterable[QAbstractScrollArea] | None) -> list[Offender]:
        # Children of the window's own dialogs are other windows: not checked here.
        widgets = [w for w in self.window.findChildren(QWidget)
                   if w.window() is self.window and m.shown(w)]
        for w in widgets:
            self.edges(w)
            if isinstance(w, QLabel):
                self.label(w)
            elif isinstance(w, QAbstractButton):
                self.button(w)
            elif isinstance(w, QComboBox):
                self.combo(w)
            elif isinstance(w, QLineEdit) and not isinstance(w.parentWidget(), QAbstractSpinBox):
                self.line_edit(w)
            elif isinstance(w, QGroupBox):
                self.group_box(w)
            elif isinstance(w, QTabBar):
                self.tab_bar(w)
            elif isinstance(w, QHeaderView):
                self.header(w)
            elif isinstance(w, QTableView):
                self.cells(w)
        self.overlaps()
        self.painted()
        tables = scroll_free if scroll_free is not None else [
            w for w in widgets if isinstance(w, QTableView)]
        for table in tables:
            if m.shown(table):
                self.scroll(table)
        return self.found

    def edges(self, w: QWidget) -> None:
        if m.in_scrolled_content(w, self.window):
            return
        rect = QRect(w.mapTo(self.window, QPoint(0, 0)), w.size())
        room = self.window.rect()
        text = getattr(w, "text", lambda: "")() if isinstance(w, (QLabel, QAbstractButton)) else ""
        if rect.right() > room.right():
            self.add("edge-left-to-right", w, text, rect.right() + 1, room.width())
        if rect.left() < 0:
            self.add("edge-left", w, text, rect.width(), rect.width() + rect.left())
        if rect.bottom() > room.bottom():
            self.add("edge-bottom", w, text, rect.bottom() + 1, room.height())

    def _remember(self, w: QWidget, text: str) -> None:
        if not m.in_scrolled_content(w, self.window):
            self.text_rects.append((w, QRect(w.mapTo(self.window, QPoint(0, 0)), w.size()),
                                    text))

    def label(self, label: QLabel) -> None:
        text = label.text()
        if not text.strip() or label.pixmap() is not None and not label.pixmap().isNull():
            return
        self._remember(label, text)
        room = label.contentsRect()
        margin = label.margin() * 2 + max(label.indent(), 0)
        if label.wordWrap():
            need_h = label.heightForWidth(label.width())
            if need_h > label.height():
                self.add("height", label, m.TAGS.sub("", text), need_h, label.height())
            return
        size = m.text_size(label, text, m.label_is_rich(label))
        if size.width() + margin > room.width():
            self.add("text", label, m.TAGS.sub("", text), size.width() + margin, room.width())
        if size.height() > room.height():
            self.add("height", label, m.TAGS.sub("", text), size.height(), room.height())

    def button(self, button: QAbstractButton) -> None:
        need = m.button_need(button)
        if need is None:
            return
        self._remember(button, button.text())
        if need > button.width():
            self.add("text", button, m.plain(button.text()), need, button.width())
        need_h = button.fontMetrics().height()
        if need_h > button.height():
            self.add("height", button, m.plain(button.text()), need_h, button.height())

    def combo(self, combo: QComboBox) -> None:
        need = m.combo_need(combo)
        if need is not None and need > combo.width():
            self.add("text", combo, combo.currentText(), need, combo.width())

    def line_edit(self, edit: QLineEdit) -> None:
        """What a field shows when the window opens (its text, else its hint) must fit."""
        if edit.parentWidget() is not None and isinstance(edit.parentWidget(), QComboBox):
            return
        text = edit.text() or edit.placeholderText()
        if not text.strip() or edit.echoMode() != QLineEdit.EchoMode.Normal:
            return
        opt = QStyleOptionFrame()
        opt.initFrom(edit)
        opt.lineWidth = edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, opt,
                                                 edit) if edit.hasFrame() else 0
        margins = edit.textMargins()
        need = (edit.fontMetrics().horizontalAdvance(text) + margins.left() + margins.right()
                + m.style_padding(edit, QStyle.ContentsType.CT_LineEdit, opt,
                                 edit.fontMetrics().height()))
        if need > edit.width():
            self.add("text", edit, text, need, edit.width())

    def group_box(self, box: QGroupBox) -> None:
        title = m.plain(box.title())
        if not title.strip():
            return
        need = box.fontMetrics().horizontalAdvance(title) + 12
        if box.isCheckable():
            need += box.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 6
        if need > box.width():
            self.add("text", box, title, need, box.width())

    def tab_bar(self, bar: QTabBar) -> None:
        scrollers = [b for b in bar.findChildren(QToolButton) if b.isVisible()]
        fm = bar.fontMetrics()
        hspace = bar.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, None, bar)
        for i in range(bar.count()):
            if not bar.isTabVisible(i):
                continue
            text = m.plain(bar.tabText(i))
            need = fm.horizontalAdvance(text) + hspace
            if not bar.tabIcon(i).isNull():
                need += bar.iconSize().width() + 4
            had = bar.tabRect(i).width()
            if need > had:
                self.add("tab", bar, text, need, had)
        if scrollers:
            total = sum(bar.tabRect(i).width() for i in range(bar.count()))
            self.add("tab-scroll", bar, " | ".join(bar.tabText(i) for i in range(bar.count())),
                     total, bar.width())

    def header(self, header: QHeaderView) -> None:
        model = header.model()
        if model is None:
            return
        fm = QFontMetrics(header.font())
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        if header.orientation() == Qt.Orientation.Vertical:
            self._vertical_header(header, fm, margin)
            return
        sort_room = 0
        if header.isSortIndicatorShown():
            sort_room = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None,
                                                   header) + margin
        for section in range(header.count()):
            if header.isSectionHidden(section) or header.sectionSize(section) == 0:
                continue
            text = str(model.headerData(section, Qt.Orientation.Horizontal,
                                        Qt.ItemDataRole.DisplayRole) or "")
            if not text.strip():
                continue
            width = max(fm.horizontalAdvance(line) for line in text.split("\n"))
            # The section as the style draws it (a style sheet's bold and padding included).
            opt = QStyleOptionHeader()
            opt.initFrom(header)
            opt.section = section
            opt.text = text
            styled = header.style().sizeFromContents(QStyle.ContentsType.CT_HeaderSection, opt,
                                                     QSize(), header).width()
            need = max(width + 2 * margin, styled)
            if section == header.sortIndicatorSection():
                need += sort_room
            had = header.sectionSize(section)
            if need > had:
                self.add("header", header, text, need, had)

    def _vertical_header(self, header: QHeaderView, fm: QFontMetrics, margin: int) -> None:
        view = header.parentWidget()
        if not isinstance(view, QAbstractItemView):
            return
        first = header.logicalIndexAt(0)
        last = header.logicalIndexAt(header.viewport().height() - 1)
        if first < 0:
            return
        last = last if last >= 0 else header.count() - 1
        model = header.model()
        for row in range(first, last + 1):
            text = str(model.headerData(row, Qt.Orientation.Vertical,
                                        Qt.ItemDataRole.DisplayRole) or "")
            if not text.strip():
                continue
            need = max(fm.horizontalAdvance(line) for line in text.split("\n")) + 2 * margin
            if need > header.width():
                self.add("header", header, text, need, header.width())
                return
            need_h = fm.lineSpacing() * (len(text.split("\n")) - 1) + fm.height()
            if need_h > header.sectionSize(row):
                self.add("header-height", header, text, need_h, header.sectionSize(row))
                return

    def cells(self, view: QTableView) -> None:
        """Cells of fixed-width columns must show their text whole (the stretching one may elide)."""
        model = view.model()
        header = view.horizontalHeader()
        if model is None:
            return
        rows = [r for r in range(model.rowCount()) if not view.isRowHidden(r)]
        top = view.rowAt(0)
        if top < 0:
            return
        bottom = view.rowAt(view.viewport().height() - 1)
        bottom = bottom if bottom >= 0 else rows[-1] if rows else top
        stretch_last = header.stretchLastSection()
        last_visual = max((header.visualIndex(c) for c in range(model.columnCount())
                           if not view.isColumnHidden(c)), default=-1)
        fm = view.fontMetrics()
        pad = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None,
                                            view) + 1)
        for col in range(model.columnCount()):
            if view.isColumnHidden(col):
                continue
            if header.sectionResizeMode(col) == QHeaderView.ResizeMode.Stretch:
                continue
            if stretch_last and header.visualIndex(col) == last_visual:
                continue
            delegate = view.itemDelegateForColumn(col) or view.itemDelegate()
            if type(delegate) is not QStyledItemDelegate:
                continue
            had = view.columnWidth(col)
            for row in range(top, bottom + 1):
                index = model.index(row, col)
                text = model.data(index, Qt.ItemDataRole.DisplayRole)
                if text is None or not str(text).strip():
                    continue
                text = str(text)
                need = max(fm.horizontalAdvance(line) for line in text.split("\n")) + pad
                icon = model.data(index, Qt.ItemDataRole.DecorationRole)
                if icon is not None:
                    need += view.iconSize().width() + 4 if view.iconSize().isValid() else 20
                # The cell as the delegate lays it out (a style sheet's item padding included).
                option = QStyleOptionViewItem()
                view.initViewItemOption(option)
                need = max(need, delegate.sizeHint(option, index).width())
                if need > had:
                    self.add("cell", view, f"{model.headerData(col, Qt.Orientation.Horizontal)}:"
                             f" {text}", need, had)
                    break

    def scroll(self, view: QAbstractScrollArea) -> None:
        bar = view.horizontalScrollBar()
        if bar.isVisible() or bar.maximum() > 0:
            header = getattr(view, "horizontalHeader", None)
            need = header().length() if header is not None else bar.maximum() + bar.pageStep()
            self.add("scroll", view, "horizontal scroll bar", need, view.viewport().width())

    def painted(self) -> None:
        """Paint the window once and name every text Pol's paint code had to elide."""
        with m.ElisionSpy() as spy:
            self.window.grab()
        seen = set()
        for text, need, had in spy.cut:
            if text not in seen:
                seen.add(text)
                self.found.append(Offender(self.screen, "elided-when-painted", "painted",
                                           "(delegate or paint code)", text, need, had))

    def overlaps(self) -> None:
        rects = self.text_rects
        for i, (a, ra, ta) in enumerate(rects):
            for b, rb, tb in rects[i + 1:]:
                if a.isAncestorOf(b) or b.isAncestorOf(a):
                    continue
                common = ra.intersected(rb)
                if common.width() > 2 and common.height() > 2:
                    self.add("overlap", a, f"{m.TAGS.sub('', ta)} ⟂ {m.TAGS.sub('', tb)}",
                             common.width(), 0)


def check(window: QWidget, screen: str = "",
          scroll_free: Iterable[QAbstractScrollArea] | None = None) -> list[Offender]:
    """Every text that does not fit, widget past an edge, overlap and horizontal scroll bar.

    `scroll_free`: the tables that must show no horizontal scroll bar (default: every visible
    QTableView of the window).
    """
    return _Checker(window, screen).run(scroll_free)


def check_window_size(window: QWidget, room: QSize, screen: str) -> list[Offender]:
    """The window must fit the room: its minimum size no larger, and it was not made larger."""
    found = []
    least = window.minimumSizeHint().expandedTo(window.minimumSize())
    name = window.objectName() or type(window).__name__
    title = window.windowTitle()
    if least.width() > room.width() or window.width() > room.width():
        found.append(Offender(screen, "window-width", type(window).__name__, name, title,
                              max(least.width(), window.width()), room.width()))
    if least.height() > room.height() or window.height() > room.height():
        found.append(Offender(screen, "window-height", type(window).__name__, name, title,
                              max(least.height(), window.height()), room.height()))
    return found


def dialog_size(dialog: QDialog, screen: OfficeScreen) -> QSize:
    """The size Qt gives a dialog on that screen: its hint, at most 2/3 of it, at least its minimum.

    (QWidget::adjustSize for a window; the minimum wins over the two thirds.)
    """
    avail = screen.available
    least = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    if dialog.testAttribute(Qt.WidgetAttribute.WA_Resized):  # the dialog chose its own size
        return dialog.size().expandedTo(least).boundedTo(dialog.maximumSize())
    hint = dialog.sizeHint()
    size = QSize(min(hint.width(), avail.width() * 2 // 3),
                 min(hint.height(), avail.height() * 2 // 3))
    if dialog.layout() is not None and dialog.layout().hasHeightForWidth():
        size.setHeight(min(dialog.layout().totalHeightForWidth(size.width()),
                           avail.height() * 2 // 3))
    return size.expandedTo(least).boundedTo(dialog.maximumSize())
