"""The inbox page: filters, the lazily paged table, the detail pane and the intake actions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.core import persian
from app.services.core.context import Actor
from app.services.core.dto import RefItem
from app.services.registry import Services
from app.services.requests.dto import InboxFilter, RequestDetail
from app.views import background
from app.views.formatting import literal_html, plain
from app.views.inbox.filter_bar import FilterBar
from app.views.inbox.intake_dialog import IntakeDialog
from app.views.inbox.request_detail import RequestDetailPane
from app.views.table_models.inbox_model import ROW_ROLE, InboxTableModel


class InboxPage(QWidget):
    """صندوق درخواست‌ها."""

    request_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services: Services | None = None
        self.actor: Actor | None = None
        self.counties: list[RefItem] = []
        self.agencies: list[RefItem] = []
        self.filters = FilterBar()
        self.model = InboxTableModel(parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        self.detail = RequestDetailPane()
        self.count_label = plain(QLabel(""))
        self.new_button = QPushButton("درخواست تازه (Ctrl+N)")
        self.export_button = QPushButton("خروجی Excel…")
        self.import_button = QPushButton("ورود از سامد…")
        top = QHBoxLayout()
        top.addWidget(self.new_button)
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)
        top.addStretch(1)
        top.addWidget(self.count_label)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.filters)
        left_layout.addWidget(self.table, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([880, 520])
        self.detail.setMinimumWidth(340)
        QVBoxLayout(self).addWidget(splitter)
        self.filters.filter_changed.connect(self.model.set_filter)
        self.model.loading_started.connect(lambda: self.count_label.setText("در حال جست‌وجو…"))
        self.model.loaded.connect(self._show_count)
        self.model.load_failed.connect(lambda m: self.count_label.setText(m))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail.request_changed.connect(lambda _id: self.model.reload())
        self.new_button.clicked.connect(self.new_request)
        self.export_button.clicked.connect(self.export_excel)
        self.import_button.clicked.connect(self.import_samad)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.new_request)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self._focus_search)
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        for w in (self.new_button, self.export_button, self.import_button, self.filters):
            w.setEnabled(enabled)

    def set_context(self, services: Services, actor: Actor) -> None:
        """Connect to the database as the signed-in user and show the first page."""
        self.services, self.actor = services, actor
        self.filters.user_id = actor.user_id
        self.detail.set_context(services, actor)
        inbox = services.inbox
        self.model.set_fetcher(lambda f, offset, limit, sort, desc, total: inbox.page(
            f, offset=offset, limit=limit, sort=sort, descending=desc, with_total=total))
        ref = services.reference
        background.run(lambda: (ref.counties(), ref.agencies()),
                       on_done=self._reference_loaded, owner=self)
        self._set_enabled(True)

    def _reference_loaded(self, lists: tuple[list, list]) -> None:
        self.counties, self.agencies = lists
        self.filters.set_reference(*lists)

    def _show_count(self, total: int) -> None:
        self.count_label.setText(f"{persian.format_number(total)} درخواست")

    def _focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        row = self.model.data(indexes[0], ROW_ROLE)
        if row is not None:
            self.detail.load(row.id)
            self.request_selected.emit(row.id)

    def new_request(self) -> None:
        """Open the intake form; a registered request shows up in the list."""
        if self.services is None or self.actor is None:
            return
        dialog = IntakeDialog(self.services, self.actor, self.counties, self.agencies, self)
        dialog.registered.connect(self._registered)
        dialog.exec()

    def _registered(self, detail: RequestDetail) -> None:
        self.model.reload()
        self.detail.load(detail.id)

    def import_samad(self) -> None:
        """Open the SAMAD import dialog; imported requests show up in the list."""
        if self.services is None or self.actor is None:
            return
        from app.views.inbox.import_dialog import ImportDialog

        dialog = ImportDialog(self.services, self.actor, self.counties, self.agencies, self)
        dialog.imported.connect(lambda _r: self.model.reload())
        dialog.exec()

    def export_excel(self) -> None:
        """Save the rows of the current filter as .xlsx, off the GUI thread."""
        if self.services is None:
            return
        target, _ = QFileDialog.getSaveFileName(self, "خروجی Excel", "sandogh.xlsx",
                                                "Excel (*.xlsx)")
        if not target:
            return
        exports, f = self.services.exports, self.model.current_filter
        self.export_button.setEnabled(False)
        self.count_label.setText("در حال ساخت فایل Excel…")

        def done(n: int) -> None:
            self.export_button.setEnabled(True)
            self.count_label.setText(f"{persian.format_number(n)} ردیف در {Path(target).name} ذخیره شد.")

        def failed(exc: Exception) -> None:
            self.export_button.setEnabled(True)
            QMessageBox.warning(self, "خروجی Excel", literal_html(getattr(exc, "message", str(exc))))

        background.run(lambda: exports.inbox(f, target), on_done=done, on_error=failed,
                       owner=self)

    def current_filter(self) -> InboxFilter:
        """The filter on screen."""
        return self.model.current_filter
