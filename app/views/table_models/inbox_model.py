"""The inbox table model: only the pages on screen are in memory, fetched off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from app.services import jalali, persian
from app.services.dto import InboxFilter, InboxPage, InboxRow
from app.views import background

PAGE_SIZE = 200
Index = QModelIndex | QPersistentModelIndex

# (header, sort key in services.inbox.SORT_COLUMNS)
COLUMNS: list[tuple[str, str]] = [
    ("کد رهگیری", "tracking_code"),
    ("تاریخ دریافت", "received_at"),
    ("شهروند", "citizen"),
    ("شهرستان", "county"),
    ("دستگاه", "agency"),
    ("نوع", "type"),
    ("مجرا", "channel"),
    ("وضعیت", "status"),
    ("مهلت", "deadline"),
    ("ریشه‌دار", "deep_rooted"),
]
COL_CODE, COL_RECEIVED, COL_CITIZEN, COL_COUNTY, COL_AGENCY, COL_TYPE, COL_CHANNEL, \
    COL_STATUS, COL_DEADLINE, COL_DEEP = range(len(COLUMNS))
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the InboxRow of a line, or None while loading

OVERDUE_BACKGROUND = QBrush(QColor("#fde2e1"))
OVERDUE_FOREGROUND = QBrush(QColor("#9b1c1c"))
LOADING = "…"

PageFetcher = Callable[[InboxFilter, int, int, str, bool, bool], InboxPage]


def display_text(row: InboxRow, column: int) -> str:
    """What a cell shows: Persian digits, Jalali dates, codes kept left-to-right."""
    if column == COL_CODE:
        return persian.ltr(persian.to_persian_digits(row.tracking_code))
    if column == COL_RECEIVED:
        return jalali.format_jalali_datetime(row.received_at)
    if column == COL_CITIZEN:
        return row.citizen
    if column == COL_COUNTY:
        return row.county
    if column == COL_AGENCY:
        return row.agency
    if column == COL_TYPE:
        return row.type_label
    if column == COL_CHANNEL:
        return row.channel_label
    if column == COL_STATUS:
        return row.status_label
    if column == COL_DEADLINE:
        return jalali.format_jalali(row.deadline) if row.deadline else ""
    if column == COL_DEEP:
        return "ریشه‌دار" if row.deep_rooted else ""
    return ""


class InboxTableModel(QAbstractTableModel):
    """Rows of the inbox for the current filter and sort, loaded a page at a time."""

    loading_started = Signal()
    first_page_shown = Signal()  # the rows of a new filter are on screen
    loaded = Signal(int)  # total rows for the filter, once counted
    load_failed = Signal(str)

    def __init__(self, fetch: PageFetcher | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._filter = InboxFilter()
        self._sort = "received_at"
        self._descending = True
        self._total = 0
        self._pages: dict[int, list[InboxRow]] = {}
        self._pending: set[int] = set()
        self._generation = 0

    # --- configuration ------------------------------------------------------------------

    def set_fetcher(self, fetch: PageFetcher) -> None:
        """Use this function (a service call) to read pages; reloads."""
        self._fetch = fetch
        self.reload()

    def set_filter(self, f: InboxFilter) -> None:
        """Show the rows of another filter."""
        self._filter = f
        self.reload()

    @property
    def current_filter(self) -> InboxFilter:
        """The filter the rows reflect."""
        return self._filter

    @property
    def total(self) -> int:
        """Rows matching the filter."""
        return self._total

    def reload(self) -> None:
        """Fetch the first page, then the count, off the GUI thread.

        The rows appear as soon as the first page arrives; counting a large filter can take
        longer, so the total follows and extends the model when it comes.
        """
        if self._fetch is None:
            return
        self._generation += 1
        generation = self._generation
        fetch, f, sort, desc = self._fetch, self._filter, self._sort, self._descending
        self.loading_started.emit()
        background.run(lambda: fetch(f, 0, PAGE_SIZE, sort, desc, False),
                       on_done=lambda page: self._reset(generation, page),
                       on_error=lambda exc: self._failed(generation, exc))

    def _reset(self, generation: int, page: InboxPage) -> None:
        if generation != self._generation:
            return  # a newer filter was chosen meanwhile
        self.beginResetModel()
        self._total = page.total if page.total >= 0 else len(page.rows)
        self._pages = {0: page.rows}
        self._pending = set()
        self.endResetModel()
        self.first_page_shown.emit()
        if page.total >= 0 or len(page.rows) < PAGE_SIZE:
            self.loaded.emit(self._total)  # the first page is all there is
            return
        fetch, f, sort, desc = self._fetch, self._filter, self._sort, self._descending
        if fetch is None:
            return
        background.run(lambda: fetch(f, 0, 0, sort, desc, True).total,
                       on_done=lambda n: self._count_arrived(generation, n),
                       on_error=lambda exc: self._failed(generation, exc))

    def _count_arrived(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return
        if total > self._total:
            self.beginInsertRows(QModelIndex(), self._total, total - 1)
            self._total = total
            self.endInsertRows()
        self.loaded.emit(self._total)

    def _failed(self, generation: int, exc: Exception) -> None:
        if generation == self._generation:
            self.load_failed.emit(getattr(exc, "message", str(exc)))

    def _request_page(self, page_no: int) -> None:
        """Ask for a page that is not in memory yet."""
        if page_no in self._pages or page_no in self._pending or self._fetch is None:
            return
        self._pending.add(page_no)
        generation = self._generation
        fetch, f, sort, desc = self._fetch, self._filter, self._sort, self._descending
        background.run(lambda: fetch(f, page_no * PAGE_SIZE, PAGE_SIZE, sort, desc, False),
                       on_done=lambda page: self._page_arrived(generation, page_no, page),
                       on_error=lambda exc: self._failed(generation, exc))

    def _page_arrived(self, generation: int, page_no: int, page: InboxPage) -> None:
        if generation != self._generation:
            return
        self._pending.discard(page_no)
        self._pages[page_no] = page.rows
        # Keep memory flat while scrolling a million rows: drop far-away pages.
        for far in [p for p in self._pages if abs(p - page_no) > 5]:
            del self._pages[far]
        first = page_no * PAGE_SIZE
        last = min(first + PAGE_SIZE, self._total) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def row_at(self, row: int) -> InboxRow | None:
        """The loaded row at a position, or None while its page is loading."""
        page = self._pages.get(row // PAGE_SIZE)
        if page is None:
            return None
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def is_loaded(self, row: int) -> bool:
        """True when the page holding this row is in memory."""
        return (row // PAGE_SIZE) in self._pages

    # --- QAbstractTableModel --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Rows matching the filter (all of them, loaded or not)."""
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """The inbox columns."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Persian column titles; row numbers in Persian digits."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][0] if 0 <= section < len(COLUMNS) else None
        return persian.to_persian_digits(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text, overdue colours and the row object."""
        if not index.isValid() or not (0 <= index.row() < self._total):
            return None
        row = self.row_at(index.row())
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole:
                self._request_page(index.row() // PAGE_SIZE)
                return LOADING
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(row, index.column())
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_STATUS and row.overdue:
            return "خارج از مهلت"
        if row.overdue and role == Qt.ItemDataRole.BackgroundRole:
            return OVERDUE_BACKGROUND
        if row.overdue and role == Qt.ItemDataRole.ForegroundRole:
            return OVERDUE_FOREGROUND
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in the database by the column's key."""
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = COLUMNS[column][1]
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
