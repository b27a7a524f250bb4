"""The referral tracker (پیگیری ارجاعات): filters, the lazily paged table, the referral pane."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.core import persian
from app.services.core.context import Actor
from app.services.referrals.dto import TrackerRow
from app.services.registry import Services
from app.views import background
from app.views.formatting import plain
from app.views.lifetime import select_row
from app.views.referrals.filter_bar import TrackerFilterBar
from app.views.referrals.referral_pane import ReferralPane
from app.views.table_models.paged_model import ROW_ROLE
from app.views.table_models.referral_model import COL_DEADLINE, ReferralTableModel

COLUMN_WIDTHS = [118, 175, 118, 82, 130, 95, 82, 50, 45]


class ReferralTrackerView(QWidget):
    """Which agencies are late and by how much; and the actions on one referral."""

    referral_selected = Signal(int)
    message = Signal(str)  # a status line the main window may show

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services: Services | None = None
        self.actor: Actor | None = None
        self.filters = TrackerFilterBar()
        self.model = ReferralTableModel(parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(COL_DEADLINE, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(col, width)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        self.pane = ReferralPane()
        self.pane.setMinimumWidth(330)
        self.count_label = plain(QLabel(""))
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.count_label)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filters)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.pane)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 340])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.filters.filter_changed.connect(self.model.set_filter)
        self.model.loading_started.connect(lambda: self.count_label.setText("در حال جست‌وجو…"))
        self.model.loaded.connect(self._show_count)
        self.model.load_failed.connect(self._load_failed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.pane.referral_changed.connect(lambda _id: self.model.reload())
        self.pane.action_failed.connect(self.message)
        self.filters.setEnabled(False)

    def set_context(self, services: Services, actor: Actor) -> None:
        """Connect to the database as the signed-in user and show the first page."""
        self.services, self.actor = services, actor
        self.pane.set_context(services, actor)
        tracker = services.tracker
        self.model.set_fetcher(lambda f, offset, limit, sort, desc, total: tracker.page(
            f, offset=offset, limit=limit, sort=sort, descending=desc, with_total=total))
        ref = services.reference
        background.run(lambda: (ref.counties(), ref.agencies()),
                       on_done=lambda lists: self.filters.set_reference(*lists), owner=self)
        self.filters.setEnabled(True)

    def show_agency_overdue(self, agency_id: int) -> None:
        """Filter to one agency's overdue referrals."""
        self.filters.show_agency_overdue(agency_id)

    def _show_count(self, total: int) -> None:
        self.count_label.setText(f"{persian.format_number(total)} ارجاع")
        if self.pane.dossier is not None:
            rid = self.pane.dossier.id
            row = self.model.find_row(lambda r: r.id == rid)
            if row >= 0:
                select_row(self.table, row)

    def _load_failed(self, message: str) -> None:
        self.count_label.setText(message)
        self.message.emit(message)

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        row: TrackerRow | None = self.model.data(indexes[0], ROW_ROLE)
        if row is not None and (self.pane.dossier is None or self.pane.dossier.id != row.id
                                or self.pane.dossier.version != row.version):
            self.pane.load(row.id)
            self.referral_selected.emit(row.id)
