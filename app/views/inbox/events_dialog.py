"""The events screen (رویدادها): every trip, live session and special meeting day, newest first,
with its letters received, answered directly, referred and still open; new, edit, and the
inbox narrowed to one event's requests (issue 14 §1). Read and written off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.core.context import Actor, can
from app.services.events.dto import EventInfo, EventSummary
from app.services.registry import Services
from app.views import background
from app.views.framework import words as frame_words
from app.views.inbox import events_words as w
from app.views.inbox.event_dialog import EventDialog
from app.views.table_models import events_model as em
from app.views.table_models.events_model import COL_NAME, ROW_ROLE, EventsTableModel

Lists = tuple[list[EventSummary], list[tuple[str, int]]]
WIDTHS = {em.COL_KIND: 118, em.COL_STARTS: 104, em.COL_ENDS: 104, em.COL_COUNTY: 96,
          em.COL_MANAGER: 130, em.COL_RECEIVED: 108, em.COL_DIRECT: 96, em.COL_REFERRED: 60,
          em.COL_OPEN: 52}


class EventsDialog(QDialog):
    """The office's events and what came of their letters."""

    show_requests = Signal(int, str)  # an event's id and name: narrow the inbox to it
    loaded = Signal()  # the list was (re)read

    def __init__(self, services: Services, actor: Actor, counties: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eventsDialog")
        self.setWindowTitle(w.TITLE)
        self.services, self.actor, self.counties = services, actor, counties
        self.managers: list[tuple[str, int]] = []
        self.writable = can(actor, "request.write")
        self.model = EventsTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        # Widths by column, the name taking the rest: sized to contents, every column came out
        # as wide as the header's default section and the counts ran off the right edge.
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(48)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in WIDTHS.items():
            header.resizeSection(col, width)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.note = QLabel(w.LOADING)
        self.note.setWordWrap(True)
        self.new_button = QPushButton(w.NEW)
        self.edit_button = QPushButton(w.EDIT)
        self.requests_button = QPushButton(w.SHOW_REQUESTS)
        self.requests_button.setObjectName("primaryAction")
        close = QPushButton(w.CLOSE)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.requests_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self.new_button.clicked.connect(self.new_event)
        self.edit_button.clicked.connect(self.edit_event)
        self.requests_button.clicked.connect(self.open_requests)
        close.clicked.connect(self.reject)
        self.table.doubleClicked.connect(lambda _i: self.edit_event())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.resize(1180, 520)
        self._update_buttons()
        self.reload()

    def current(self) -> EventSummary | None:
        """The selected event's row, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ROW_ROLE) if rows else None

    def select_row(self, row: int) -> None:
        """Select one event's row (QTableView.selectRow selects nothing in a right-to-left view:
        it looks for the column at the viewport's right edge, past the last one)."""
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.table.selectionModel().setCurrentIndex(self.model.index(row, 0), flags)

    def _update_buttons(self) -> None:
        chosen = self.current() is not None
        self.new_button.setEnabled(self.writable)
        self.edit_button.setEnabled(self.writable and chosen)
        self.requests_button.setEnabled(chosen)

    def reload(self, select_id: int | None = None) -> None:
        """Read the events with their counts (and the managers for the form) again."""
        events, calendar, actor = self.services.events, self.services.calendar, self.actor

        def read() -> Lists:
            managers = [(f"{m.name} ({m.agency})", m.id) for m in calendar.managers() if m.active]
            return events.overview(actor), managers

        def done(lists: Lists) -> None:
            rows, self.managers = lists
            keep = select_id if select_id is not None else (
                self.current().event.id if self.current() is not None else None)
            self.model.set_rows(rows)
            at = self.model.row_of(keep) if keep is not None else (0 if rows else -1)
            if at >= 0:
                self.select_row(at)
            texts = [w.count(len(rows)) if rows else w.EMPTY]
            if not self.writable:
                texts.append(w.READ_ONLY)
            self.note.setText("  ".join(texts))
            self._update_buttons()
            self.loaded.emit()

        def failed(exc: Exception) -> None:
            self.note.setText(frame_words.error_text(exc))

        background.run(read, on_done=done, on_error=failed, owner=self)

    def _form(self, event: EventInfo | None) -> None:
        dialog = EventDialog(self.services, self.actor, self.counties, self, event=event,
                             managers=self.managers)
        saved: list[EventInfo] = []
        dialog.created.connect(saved.append)
        # Read again however it closed: after a conflict the list shows the newer version.
        dialog.finished.connect(lambda _r: self.reload(saved[0].id if saved else None))
        dialog.exec()

    def new_event(self) -> None:
        """Record a new event."""
        if self.writable:
            self._form(None)

    def edit_event(self) -> None:
        """Edit the selected event under the version listed."""
        row = self.current()
        if row is not None and self.writable:
            self._form(row.event)

    def open_requests(self) -> None:
        """Show the inbox narrowed to the selected event, and get out of its way."""
        row = self.current()
        if row is not None:
            self.show_requests.emit(row.event.id, row.event.name)
            self.accept()

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        """Enter on a row shows its requests (the list's main use)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.hasFocus():
            self.open_requests()
            return
        super().keyPressEvent(event)
