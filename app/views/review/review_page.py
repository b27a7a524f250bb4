"""The inspection review (بازرسی): queues of items to review, their history, the chain check."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import PolError
from app.services.core import persian
from app.services.core.context import Actor
from app.services.referrals.dto import ChainCheck, QueueRow
from app.services.registry import Services
from app.views import background
from app.views.formatting import plain, plain_label
from app.views.review.queue_bar import QueueBar
from app.views.review.review_pane import ReviewPane
from app.views.table_models.paged_model import ROW_ROLE
from app.views.table_models.review_model import ReviewQueueModel

COLUMN_WIDTHS = [118, 130, 110, 180, 140, 82, 80]
CHAIN_OK = "color: #166534;"
CHAIN_BAD = "color: #9b1c1c; font-weight: bold;"


class ReviewPage(QWidget):
    """بازرسی: what to review, the whole history of an item, and the audit-chain check."""

    item_selected = Signal(int)  # request id
    chain_checked = Signal(object)  # ChainCheck
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services: Services | None = None
        self.actor: Actor | None = None
        self.queue = QueueBar()
        self.model = ReviewQueueModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(col, width)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        self.pane = ReviewPane()
        self.pane.setMinimumWidth(340)
        self.count_label = plain(QLabel(""))
        self.chain_button = QPushButton("بررسی زنجیرهٔ رویدادها")
        self.chain_button.setToolTip("درهم‌نگارِ همهٔ رویدادهای ثبت‌شده دوباره محاسبه می‌شود تا "
                                     "هر تغییر یا حذف پس از ثبت آشکار شود.")
        self.chain_label = plain_label("")
        self.chain_label.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.chain_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.queue)
        left_layout.addLayout(top)
        left_layout.addWidget(self.chain_label)
        left_layout.addWidget(self.table, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.pane)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([620, 360])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.queue.filter_changed.connect(self.model.set_filter)
        self.model.loading_started.connect(lambda: self.count_label.setText("در حال جست‌وجو…"))
        self.model.loaded.connect(
            lambda n: self.count_label.setText(f"{persian.format_number(n)} مورد"))
        self.model.load_failed.connect(self._load_failed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.pane.review_recorded.connect(lambda _id: self.model.reload())
        self.pane.action_failed.connect(self.message)
        self.chain_button.clicked.connect(self.check_chain)
        self.chain_label.setVisible(False)
        self.queue.setEnabled(False)
        self.chain_button.setEnabled(False)

    def set_context(self, services: Services, actor: Actor) -> None:
        """Connect to the database as the signed-in user and show the first queue."""
        self.services, self.actor = services, actor
        self.pane.set_context(services, actor)
        reviews = services.reviews
        self.model.set_filter(self.queue.current())
        self.model.set_fetcher(lambda f, offset, limit, _sort, _desc, total: reviews.queue(
            f, offset=offset, limit=limit, with_total=total))
        self.queue.setEnabled(True)
        self.chain_button.setEnabled(True)

    def _load_failed(self, message: str) -> None:
        self.count_label.setText(message)
        self.message.emit(message)

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        row: QueueRow | None = self.model.data(indexes[0], ROW_ROLE)
        if row is not None:
            self.pane.load(row.request_id, row.referral_id, row.reason)
            self.item_selected.emit(row.request_id)

    def check_chain(self) -> None:
        """Verify the audit chain off the GUI thread and show the first altered event."""
        if self.services is None:
            return
        reviews = self.services.reviews
        self.chain_button.setEnabled(False)
        self.chain_label.setVisible(True)
        self.chain_label.setStyleSheet("")
        self.chain_label.setText("در حال بررسی زنجیرهٔ رویدادها…")
        background.run(reviews.check_chain, on_done=self._chain_done,
                       on_error=self._chain_failed, owner=self)

    def _chain_done(self, result: ChainCheck) -> None:
        self.chain_button.setEnabled(True)
        self.chain_label.setStyleSheet(CHAIN_OK if result.ok else CHAIN_BAD)
        self.chain_label.setText(result.message)
        self.chain_checked.emit(result)

    def _chain_failed(self, exc: Exception) -> None:
        self.chain_button.setEnabled(True)
        self.chain_label.setText(exc.message if isinstance(exc, PolError) else str(exc))
