"""A table model that holds only the pages on screen, fetched off the GUI thread.

The inbox model grew this pattern first; the referral tracker and the review queue share this
generic form: a list of columns (header, sort key, cell text) and a fetch function returning a
page object with `rows`, `total` and `offset`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush

from app.models.cancel import Cancel
from app.services.core import persian
from app.views import background, words
from app.views.formatting import literal_html

PAGE_SIZE = 200
KEEP_PAGES = 5  # pages kept either side of the one just fetched
LOADING = "…"
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object of a line, or None while loading
Index = QModelIndex | QPersistentModelIndex

# (filter, offset, limit, sort key, descending, with total) -> page with rows, total, offset
Fetcher = Callable[[Any, int, int, str, bool, bool], Any]
# (keys) -> the current rows of those keys (rows gone or no longer readable are left out)
RowFetcher = Callable[[list[Any]], list[Any]]
# (filter, cancel handle) -> rows the filter matches; a newer load cancels an older count
Counter = Callable[[Any, Cancel], int]


@dataclass(frozen=True)
class Column:
    """One column: its Persian header, the sort key the service knows (None: not sortable)."""

    header: str
    sort_key: str | None
    text: Callable[[Any], str]
    sample: str = ""  # the widest usual cell: the default width is made to fit it whole
    hidden: bool = False  # hidden by default (the user may show it from the header's menu)
    titles: tuple[str, ...] = ()  # other titles the header may take (the width fits them too)


class PagedTableModel(QAbstractTableModel):
    """Rows of the current filter and sort, loaded a page at a time in the background."""

    loading_started = Signal()
    first_page_shown = Signal()  # the rows of a new filter are on screen
    loaded = Signal(int)  # total rows for the filter, once counted
    load_failed = Signal(str)

    def __init__(self, columns: list[Column], initial_filter: Any, sort: str,
                 descending: bool = False, fetch: Fetcher | None = None,
                 parent: Any = None, key: Callable[[Any], Any] | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self._fetch = fetch
        self._fetch_rows: RowFetcher | None = None
        self._count: Counter | None = None
        self._counting: Cancel | None = None  # the count under way, if any
        self.key: Callable[[Any], Any] = key or (lambda row: row.id)
        self._filter = initial_filter
        self._sort = sort
        self._descending = descending
        self._total = 0
        self._pages: dict[int, list[Any]] = {}
        self._pending: set[int] = set()
        self._generation = 0

    # --- what subclasses may colour ---------------------------------------------------------

    def background(self, row: Any) -> QBrush | None:
        """Background of a row (None: the view's own)."""
        return None

    def foreground(self, row: Any) -> QBrush | None:
        """Text colour of a row (None: the view's own)."""
        return None

    def tooltip(self, row: Any, column: int) -> str | None:
        """Tooltip of a cell."""
        return None

    # --- configuration ----------------------------------------------------------------------

    def set_fetcher(self, fetch: Fetcher) -> None:
        """Use this function (a service call) to read pages; reloads."""
        self._fetch = fetch
        self.reload()

    def set_row_fetcher(self, fetch_rows: RowFetcher) -> None:
        """Use this function (a service call by ids) to refresh single rows in place."""
        self._fetch_rows = fetch_rows

    def set_counter(self, count: Counter) -> None:
        """Count the rows of a filter with this function (cancellable), not through the fetcher."""
        self._count = count

    def set_filter(self, f: Any) -> None:
        """Show the rows of another filter."""
        self._filter = f
        self.reload()

    @property
    def current_filter(self) -> Any:
        """The filter the rows reflect."""
        return self._filter

    @property
    def current_sort(self) -> tuple[str, bool]:
        """The sort key and whether it is descending."""
        return self._sort, self._descending

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
        self.cancel_count()
        fetch, f, sort, desc = self._fetch, self._filter, self._sort, self._descending
        self.loading_started.emit()
        background.run(lambda: fetch(f, 0, PAGE_SIZE, sort, desc, False),
                       on_done=lambda page: self.reset_with(generation, page),
                       on_error=lambda exc: self._failed(generation, exc), owner=self)

    def reset_with(self, generation: int, page: Any) -> None:
        """Show a freshly fetched first page (ignored when a newer load was started).

        A page without its total (-1) is shown at once and counted afterwards.
        """
        if generation != self._generation:
            return
        self.beginResetModel()
        self._total = page.total if page.total >= 0 else len(page.rows)
        self._pages = {0: list(page.rows)}
        self._pending = set()
        self.endResetModel()
        self.first_page_shown.emit()
        if page.total >= 0 or len(page.rows) < PAGE_SIZE:
            self.loaded.emit(self._total)  # the first page is all there is
            return
        fetch, f, sort, desc = self._fetch, self._filter, self._sort, self._descending
        if self._count is not None:
            count, cancel = self._count, Cancel()
            self._counting = cancel
            background.run(lambda: count(f, cancel),
                           on_done=lambda n: self._count_arrived(generation, n),
                           on_error=lambda exc: self._failed(generation, exc), owner=self)
            return
        if fetch is None:
            return
        background.run(lambda: fetch(f, 0, 0, sort, desc, True).total,
                       on_done=lambda n: self._count_arrived(generation, n),
                       on_error=lambda exc: self._failed(generation, exc), owner=self)

    def cancel_count(self) -> None:
        """Stop the count under way (its result would be dropped anyway)."""
        cancel, self._counting = self._counting, None
        if cancel is not None:
            # A server cancel opens a connection of its own: off the GUI thread, and ahead of
            # the new load's page so the count's worker is freed for it.
            background.run(cancel.cancel, owner=self)

    def _count_arrived(self, generation: int, total: int) -> None:
        """Extend the rows to the counted total."""
        if generation != self._generation:
            return
        self._counting = None
        if total > self._total:
            self.beginInsertRows(QModelIndex(), self._total, total - 1)
            self._total = total
            self.endInsertRows()
        self.loaded.emit(self._total)

    @property
    def generation(self) -> int:
        """Counter of loads; a result of an older load is dropped."""
        return self._generation

    def _failed(self, generation: int, exc: Exception) -> None:
        if generation == self._generation:
            self.load_failed.emit(words.error_text(exc))

    def _request_page(self, page_no: int) -> None:
        """Ask for a page that is not in memory yet."""
        if page_no in self._pages or page_no in self._pending or self._fetch is None:
            return
        self._pending.add(page_no)
        generation = self._generation
        fetch, f, sort, desc = self._fetch, self._filter, self._sort, self._descending
        background.run(lambda: fetch(f, page_no * PAGE_SIZE, PAGE_SIZE, sort, desc, False),
                       on_done=lambda page: self.page_arrived(generation, page_no, page),
                       on_error=lambda exc: self._failed(generation, exc), owner=self)

    def page_arrived(self, generation: int, page_no: int, page: Any) -> None:
        """Store a page fetched on demand and repaint its rows."""
        if generation != self._generation:
            return
        self._pending.discard(page_no)
        self._pages[page_no] = list(page.rows)
        for far in [p for p in self._pages if abs(p - page_no) > KEEP_PAGES]:
            del self._pages[far]
        first = page_no * PAGE_SIZE
        last = min(first + PAGE_SIZE, self._total) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))

    def row_at(self, row: int) -> Any | None:
        """The loaded row at a position, or None while its page is loading."""
        page = self._pages.get(row // PAGE_SIZE)
        if page is None:
            return None
        offset = row % PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def is_loaded(self, row: int) -> bool:
        """True when the page holding this row is in memory."""
        return (row // PAGE_SIZE) in self._pages

    def find_row(self, predicate: Callable[[Any], bool]) -> int:
        """Position of the first loaded row matching, or -1."""
        for page_no in sorted(self._pages):
            for i, row in enumerate(self._pages[page_no]):
                if predicate(row):
                    return page_no * PAGE_SIZE + i
        return -1

    def loaded_rows(self) -> list[Any]:
        """The rows in memory, in order."""
        return [row for page_no in sorted(self._pages) for row in self._pages[page_no]]

    def positions(self, keys: list[Any]) -> dict[Any, int]:
        """Where the loaded rows of some keys are."""
        wanted, out = set(keys), {}
        for page_no, rows in self._pages.items():
            for i, row in enumerate(rows):
                k = self.key(row)
                if k in wanted:
                    out[k] = page_no * PAGE_SIZE + i
        return out

    def refresh(self, keys: list[Any]) -> None:
        """Re-read the rows of these keys in place (one query); a key not on screen re-queries.

        A key the model does not hold may be a new row (a request just registered, a referral
        just made on another page): the whole query runs again, and the page keeps its selection.
        """
        if not keys:
            return
        where = self.positions(keys)
        if len(where) < len(set(keys)) or self._fetch_rows is None:
            self.reload()
            return
        fetch_rows, generation = self._fetch_rows, self._generation
        wanted = list(where)
        background.run(lambda: fetch_rows(wanted),
                       on_done=lambda rows: self._rows_arrived(generation, rows),
                       on_error=lambda exc: self._failed(generation, exc), owner=self)

    def _rows_arrived(self, generation: int, rows: list[Any]) -> None:
        if generation == self._generation:
            for row in rows:
                self.replace_row(row)

    def replace_row(self, row: Any) -> bool:
        """Put a fresh copy of a loaded row in its place (by key) and repaint it."""
        key = self.key(row)
        for page_no, rows in self._pages.items():
            for i, old in enumerate(rows):
                if self.key(old) == key:
                    rows[i] = row
                    pos = page_no * PAGE_SIZE + i
                    self.dataChanged.emit(self.index(pos, 0),
                                          self.index(pos, len(self.columns) - 1))
                    return True
        return False

    # --- QAbstractTableModel ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Rows matching the filter (all of them, loaded or not)."""
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """The columns."""
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Persian column titles; row numbers in Persian digits."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header if 0 <= section < len(self.columns) else None
        return persian.to_persian_digits(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text, colours, tooltips and the row object."""
        if not index.isValid() or not (0 <= index.row() < self._total):
            return None
        row = self.row_at(index.row())
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole:
                self._request_page(index.row() // PAGE_SIZE)
                return LOADING
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[index.column()].text(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.background(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            # Tooltips carry citizen text (subjects, names): escaped, never markup.
            return literal_html(self.tooltip(row, index.column()))
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in the database by the column's key."""
        if not 0 <= column < len(self.columns) or self.columns[column].sort_key is None:
            return
        self._sort = self.columns[column].sort_key or self._sort
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
