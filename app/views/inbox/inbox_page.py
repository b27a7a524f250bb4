"""The inbox page: filters, the lazily paged table, the detail pane and the intake actions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QMessageBox, QPushButton, QWidget

from app.services.core.context import Actor
from app.services.registry import Services
from app.services.requests.dto import InboxFilter, InboxRow, RequestDetail
from app.views import background, file_dialogs
from app.views.formatting import literal_html
from app.views.framework import lookups
from app.views.framework import words as frame_words
from app.views.framework.bus import bus
from app.views.framework.master_detail import MasterDetailPage
from app.views.inbox import batch_actions, events_words, samad_words
from app.views.inbox import batch_words as bw
from app.views.inbox import words as w
from app.views.inbox.filter_bar import FilterBar
from app.views.inbox.intake_dialog import IntakeDialog
from app.views.inbox.request_detail import RequestDetailPane
from app.views.table_models.inbox_model import COL_RECEIVED, InboxTableModel

if TYPE_CHECKING:
    from app.services.core.reference import RefItem


def _export_job(services: Services, f: InboxFilter, target: str) -> Callable[[], int]:
    """The export of a filter's rows (run off the GUI thread)."""
    exports = services.exports
    return lambda: exports.inbox(f, target)


class InboxPage(MasterDetailPage):
    """صندوق درخواست‌ها."""

    request_selected = Signal(int)
    batch_done = Signal(object)  # a batch action's BatchResult (issue 14 §1)

    def __init__(self, parent: QWidget | None = None) -> None:
        filters, detail = FilterBar(), RequestDetailPane()
        super().__init__("inbox", InboxTableModel(), filters, detail, parent)
        self.model.setParent(self)
        self.filters: FilterBar = filters
        self.detail: RequestDetailPane = detail
        self.counties: list[RefItem] = []
        self.agencies: list[RefItem] = []
        self.table.horizontalHeader().setSortIndicator(COL_RECEIVED, Qt.SortOrder.DescendingOrder)
        self.new_button = QPushButton(w.NEW_REQUEST)
        self.new_button.setObjectName("primaryAction")
        self.new_button.setToolTip(w.NEW_REQUEST_TIP)
        self.import_button = QPushButton(w.IMPORT)
        self.samad_button = QPushButton(samad_words.BUTTON)
        self.export_button = QPushButton(w.EXPORT)
        self.batch_button = QPushButton(bw.OPEN)
        self.batch_button.setToolTip(bw.OPEN_TIP)
        self.events_button = QPushButton(events_words.OPEN)
        self.events_button.setToolTip(events_words.OPEN_TIP)
        for b in (self.new_button, self.batch_button, self.events_button, self.import_button,
                  self.samad_button, self.export_button):
            self.actions.addWidget(b)
        self.filters.filter_changed.connect(self.model.set_filter)
        self.detail.action_failed.connect(self.message)
        self.row_selected.connect(lambda key: self.request_selected.emit(key))
        self.new_button.clicked.connect(self.new_request)
        self.export_button.clicked.connect(self.export_excel)
        self.import_button.clicked.connect(self.import_samad)
        self.samad_button.clicked.connect(self.samad_bridge)
        self.batch_button.clicked.connect(self.batch_intake)
        self.events_button.clicked.connect(self.open_events)
        # Batch actions (issue 14 §1): several rows at once, from the context menu.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(
            lambda pos: batch_actions.context_menu(self).exec(self.table.viewport().mapToGlobal(pos)))
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.new_request)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self._focus_search)
        bus().requests_changed.connect(self.refresh)
        bus().settings_changed.connect(self._settings_changed)
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.new_button, self.export_button, self.import_button, self.samad_button,
                       self.filters, self.batch_button, self.events_button):
            widget.setEnabled(enabled)

    def set_context(self, services: Services, actor: Actor) -> None:
        """Connect to the database as the signed-in user and show the first page."""
        super().set_context(services, actor)
        self.filters.user_id = actor.user_id
        self.detail.set_context(services, actor)
        inbox = services.inbox
        # A county-limited user's inbox holds only their counties' requests.
        self.model.set_row_fetcher(lambda ids: inbox.rows(ids, actor))
        # The count of a search follows its first page; a newer search cancels it.
        self.model.set_counter(lambda f, cancel: inbox.count(f, actor, cancel))
        self.model.set_fetcher(lambda f, offset, limit, sort, desc, total: inbox.page(
            f, offset=offset, limit=limit, sort=sort, descending=desc, with_total=total,
            actor=actor))
        # Read once per page: the filters, the intake form and the refer dialog all use them.
        background.run(lookups.reader(services, actor), on_done=self._reference_loaded, owner=self)
        self._set_enabled(True)

    def _settings_changed(self, _ids: list) -> None:
        """The working week or the agencies' answer periods changed: read them again."""
        if self.services is not None and self.actor is not None:
            background.run(lookups.reader(self.services, self.actor),
                           on_done=self._reference_loaded, owner=self)
            self.refresh([])

    def _reference_loaded(self, lists: tuple[list, list, int]) -> None:
        self.counties, self.agencies, days = lists
        self.filters.set_reference(self.counties, self.agencies)
        self.detail.set_reference(self.agencies, days)

    def count_text(self, total: int) -> str:
        """«۴۰۰ درخواست»."""
        return frame_words.count(total, w.REQUEST_NOUN)

    def show_row(self, row: InboxRow) -> None:
        """Load the selected request into the detail pane."""
        self.detail.load(row.id)

    def detail_stale(self, row: InboxRow) -> bool:
        """The pane shows an older version of the selected request."""
        d = self.detail.detail
        return d is None or d.id != row.id or d.version != row.version

    def _focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def new_request(self) -> None:
        """Open the intake form; a registered request shows up in the list."""
        if self.services is None or self.actor is None:
            return
        dialog = IntakeDialog(self.services, self.actor, self.counties, self.agencies, self)
        dialog.registered.connect(self._registered)
        dialog.exec()

    def _registered(self, detail: RequestDetail) -> None:
        """A new request: show it; the change bus has the list re-query (the selection follows it)."""
        self.shown_key = detail.id
        self.detail.load(detail.id)

    def batch_intake(self) -> None:
        """Open the batch intake grid; its saved rows show up in the list (the change bus)."""
        if self.services is None or self.actor is None:
            return
        from app.views.inbox.batch_intake_dialog import BatchIntakeDialog

        BatchIntakeDialog(self.services, self.actor, self).exec()

    def open_events(self) -> None:
        """Open the events screen; «نمایش درخواست‌ها» there narrows this list to one event."""
        if self.services is None or self.actor is None:
            return
        from app.views.inbox.events_dialog import EventsDialog

        dialog = EventsDialog(self.services, self.actor, [c.name for c in self.counties], self)
        dialog.show_requests.connect(self.filters.set_event)
        dialog.exec()

    def import_samad(self) -> None:
        """Open the SAMAD import dialog; imported requests show up in the list."""
        if self.services is None or self.actor is None:
            return
        from app.views.inbox.import_dialog import ImportDialog

        dialog = ImportDialog(self.services, self.actor, self.counties, self.agencies, self)
        dialog.exec()

    def samad_bridge(self) -> None:
        """Open the SAMAD reconciliation and answers dialog."""
        if self.services is None or self.actor is None:
            return
        from app.views.inbox.samad_dialog import SamadBridgeDialog

        SamadBridgeDialog(self.services, self.actor, self).exec()

    def export_excel(self) -> None:
        """Save the rows of the current filter as .xlsx, off the GUI thread."""
        if self.services is None:
            return
        target = file_dialogs.save_file(self, w.EXPORT_TITLE, file_dialogs.EXPORT, w.EXPORT_FILE,
                                        "Excel (*.xlsx)")
        if not target:
            return
        job = _export_job(self.services, self.model.current_filter, target)
        self.export_button.setEnabled(False)
        self.count_label.setText(w.EXPORTING)

        def done(n: int) -> None:
            self.export_button.setEnabled(True)
            self.count_label.setText(w.exported(n, Path(target).name))

        def failed(exc: Exception) -> None:
            self.export_button.setEnabled(True)
            text = frame_words.error_text(exc)
            QMessageBox.warning(self, w.EXPORT_TITLE, literal_html(text))

        background.run(job, on_done=done, on_error=failed, owner=self)

    def current_filter(self) -> InboxFilter:
        """The filter on screen."""
        return self.model.current_filter
