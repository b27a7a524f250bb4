"""The master–detail page every list page is built from: filters, a paged table, a detail pane.

One contract for every page: `set_context(services, actor)`, a `message` signal for the status
bar, the same row selected again (by its key) after a reload, rows refreshed in place when the
change bus names them, and the table's columns remembered per user.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.core.context import Actor
from app.services.registry import Services
from app.views.formatting import plain
from app.views.framework import words
from app.views.framework.columns import ColumnLayout
from app.views.framework.notice import PageNotice
from app.views.lifetime import select_row
from app.views.table_models.paged_model import ROW_ROLE, PagedTableModel

PAGE_MARGINS = (12, 8, 12, 8)  # left, top, right, bottom: nothing touches the window's edge
SPACING = 6
DETAIL_WIDTH = 320  # the detail pane's width at first; the table takes the rest
DETAIL_MIN_WIDTH = 330
ROW_HEIGHT = 26


def _remember_splitter(splitter: QSplitter, key: str) -> bool:
    """Keep the splitter where the user left it (the shell's geometry store, when present)."""
    try:
        from app.views import geometry  # type: ignore[attr-defined]
    except ImportError:
        return False
    return bool(geometry.remember(splitter, key))


class MasterDetailPage(QWidget):
    """Subclasses give the model, the filter bar and the detail pane, and show a row's detail."""

    message = Signal(str)  # a line for the status bar
    row_selected = Signal(object)  # the key of the row the user selected

    def __init__(self, key: str, model: PagedTableModel, filters: QWidget, detail: QWidget,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{key}Page")
        self.page_key = key
        self.services: Services | None = None
        self.actor: Actor | None = None
        self.model = model
        self.filters = filters
        self.detail = detail
        self.shown_key: Any = None  # the key of the row whose detail is shown
        self._stale = False  # changes were heard while hidden: re-query when shown
        self.table = QTableView()
        self.table.setObjectName(f"{key}Table")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(any(c.sort_key for c in model.columns))
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.column_layout = ColumnLayout(self.table, model.columns, key)
        self.count_label = plain(QLabel(""))
        self.count_label.setObjectName("pageCount")
        self.notice = PageNotice()
        self.actions = QHBoxLayout()
        self.actions.setSpacing(SPACING)
        top = QHBoxLayout()
        top.addLayout(self.actions)
        top.addStretch(1)
        top.addWidget(self.count_label)
        left = QWidget()
        left.setObjectName("masterPane")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(SPACING)
        left_layout.addLayout(top)
        left_layout.addWidget(filters)
        left_layout.addWidget(self.notice)
        left_layout.addWidget(self.table, 1)
        self.master = left
        self.splitter = QSplitter()
        self.splitter.setObjectName(f"{key}Splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        detail.setMinimumWidth(DETAIL_MIN_WIDTH)
        self._sized = _remember_splitter(self.splitter, f"{key}/split")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.addWidget(self.splitter)
        model.loading_started.connect(lambda: self.count_label.setText(words.SEARCHING))
        model.loaded.connect(self._loaded)
        model.first_page_shown.connect(self.reselect)
        model.load_failed.connect(self._load_failed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

    # --- the contract -----------------------------------------------------------------------

    def set_context(self, services: Services, actor: Actor) -> None:
        """The database and the signed-in user; the user's own column layout comes back."""
        self.services, self.actor = services, actor
        self.column_layout.restore(actor.username)

    def count_text(self, total: int) -> str:
        """The count shown above the table (subclasses name their rows)."""
        return words.count(total, "")

    def show_row(self, row: Any) -> None:
        """Show a selected row's detail (subclasses load their pane)."""

    # --- sizing -----------------------------------------------------------------------------

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        """The first time the page has a size, give the detail pane its width, the table the rest."""
        super().resizeEvent(event)
        if not self._sized and self.splitter.width() > DETAIL_WIDTH * 2:
            self._sized = True
            handle = self.splitter.handleWidth()
            self.splitter.setSizes([self.splitter.width() - DETAIL_WIDTH - handle, DETAIL_WIDTH])

    # --- rows and selection -----------------------------------------------------------------

    def selected_row(self) -> Any | None:
        """The row object selected in the table, if any."""
        indexes = self.table.selectionModel().selectedRows()
        return self.model.data(indexes[0], ROW_ROLE) if indexes else None

    def select_key(self, key: Any) -> bool:
        """Select the loaded row with this key; False when it is not on screen."""
        row = self.model.find_row(lambda r: self.model.key(r) == key)
        if row < 0:
            return False
        select_row(self.table, row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def reselect(self) -> None:
        """After a reload, select the row whose detail is shown (if it is still listed)."""
        if self.shown_key is not None:
            self.select_key(self.shown_key)

    def refresh(self, keys: list[Any]) -> None:
        """Rows named by the change bus: re-read them in place; a row not on screen re-queries.

        A key the table does not hold may be a new row (a request just registered, a referral
        just made on another page). A hidden page re-queries when it is shown again, so a write
        costs the pages nobody looks at nothing.
        """
        if not keys:  # "some rows changed, which is not known" (an import): query again
            self.requery()
            return
        known = self.model.positions(keys)
        if len(known) < len(set(keys)):
            self.requery()
        else:
            self.model.refresh(list(known))

    def requery(self) -> None:
        """Run the page's query again now (shown) or when the page is next shown (hidden)."""
        if self.services is None:
            return
        if self.isVisible():
            self._stale = False
            self.model.reload()
        else:
            self._stale = True

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        """Catch up with changes heard while hidden."""
        super().showEvent(event)
        if self._stale:
            self.requery()

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        row = self.model.data(indexes[0], ROW_ROLE)
        if row is None:
            return
        key = self.model.key(row)
        if key == self.shown_key and not self.detail_stale(row):
            return  # the same row selected again after a reload: its detail is on screen
        self.shown_key = key
        self.show_row(row)
        self.row_selected.emit(key)

    def detail_stale(self, row: Any) -> bool:
        """True when the pane shows an older version of this row than the table."""
        return False

    def _loaded(self, total: int) -> None:
        self.count_label.setText(self.count_text(total))
        # Row numbers: wide enough for the largest one, so «۱۲۳» is never cut to «۱۲».
        digits = len(str(max(total, 1)))
        fm = self.table.verticalHeader().fontMetrics()
        self.table.verticalHeader().setMinimumWidth(fm.horizontalAdvance("۸" * digits) + 16)

    def _load_failed(self, message: str) -> None:
        self.count_label.setText(message)
        self.message.emit(message)
