"""Batch intake (ثبت گروهی): a grid typed by keyboard only, each complete row saved at once.

Enter moves to the next cell and, after the subject, to the next row; leaving a row that has a
county and a subject saves it off the GUI thread (one transaction per row), and its tracking
code appears in the row. The national ID is checked as its cell is left, and the citizen's
earlier requests are shown beside the grid. At the end the slips print four to an A4 page.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.services.core import jalali
from app.services.core.context import Actor
from app.services.events.dto import CitizenHistory, EventInfo, SavedRow
from app.services.registry import Services
from app.views import background, file_dialogs
from app.views.formatting import literal_html
from app.views.framework import words as frame_words
from app.views.inbox import batch_words as w
from app.views.inbox.batch_grid_model import (
    COL_AGENCY,
    COL_CODE,
    COL_COUNTY,
    COL_NID,
    COL_SUBJECT,
    KEYS,
    BatchGridModel,
)

_LTR_COLUMNS = (COL_NID, 3)  # national ID and mobile are typed left to right
_WIDTHS = (100, 80, 100, 112, 90, 130, 0, 136)  # the subject (0) stretches
SIDE_WIDTH = 240  # the citizen's earlier requests beside the grid


class GridDelegate(QStyledItemDelegate):
    """Line editors; county and agency complete as typed; Enter commits and moves on."""

    committed = Signal(int, int)  # row, column of a value just stored

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.names: dict[int, list[str]] = {COL_COUNTY: [], COL_AGENCY: []}

    def createEditor(self, parent: QWidget, _option: Any, index: QModelIndex) -> QWidget:  # noqa: N802
        """A line edit (LTR for digits), with a completer for the name columns."""
        editor = QLineEdit(parent)
        editor.setObjectName(f"batchEditor{index.column()}")
        if index.column() in _LTR_COLUMNS:
            editor.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        names = self.names.get(index.column())
        if names:
            completer = QCompleter(names, editor)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            editor.setCompleter(completer)
        editor.installEventFilter(self)
        return editor

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:  # noqa: N802
        """Store the text, then say so (the dialog checks a national ID as its cell is left)."""
        super().setModelData(editor, model, index)
        self.committed.emit(index.row(), index.column())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter: commit and edit the next cell (unless the completer's list takes the key)."""
        if (isinstance(obj, QLineEdit) and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            completer = obj.completer()
            if completer is not None and completer.popup().isVisible():
                return False
            self.commitData.emit(obj)
            self.closeEditor.emit(obj, QAbstractItemDelegate.EndEditHint.EditNextItem)
            return True
        return super().eventFilter(obj, event)


class BatchIntakeDialog(QDialog):
    """ثبت گروهی نامه‌ها."""

    row_saved = Signal(int, object)  # grid row, SavedRow
    row_refused = Signal(int, object)  # grid row, {field: message}

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batchIntakeDialog")
        self.setWindowTitle(w.TITLE)
        self.services, self.actor = services, actor
        self.events: list[EventInfo] = []
        self.histories: dict[str, CitizenHistory | None] = {}
        self.done_count = 0
        self.model = BatchGridModel()
        self.delegate = GridDelegate(self)
        self.table = QTableView()
        self.table.setObjectName("batchGrid")
        self.table.setModel(self.model)
        self.table.setItemDelegate(self.delegate)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked)
        # Fixed widths and the subject taking the rest: the row reads whole, no side scrolling.
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(60)
        for col, width in enumerate(_WIDTHS):
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(COL_SUBJECT, QHeaderView.ResizeMode.Stretch)
        self.event_box = QComboBox()
        self.event_box.setObjectName("batchEvent")
        self.event_box.addItem(w.NO_EVENT, None)
        self.counter = QLabel(w.done_today(0))
        self.counter.setObjectName("batchCounter")
        self.history = QListWidget()
        self.history.setObjectName("batchHistory")
        self.history.setMaximumWidth(SIDE_WIDTH)
        self.history_title = QLabel(w.HISTORY_EMPTY)
        self.history_title.setWordWrap(True)
        self.history_title.setMaximumWidth(SIDE_WIDTH)
        self.new_event_button = QPushButton(w.NEW_EVENT)
        self.slips_button = QPushButton(w.SLIPS)
        self.close_button = QPushButton(w.CLOSE)
        self.status = QLabel(w.HINT)
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(w.EVENT))
        top.addWidget(self.event_box, 1)
        top.addWidget(self.new_event_button)
        top.addStretch()
        top.addWidget(self.counter)
        side = QVBoxLayout()
        side.addWidget(QLabel(w.HISTORY_TITLE))
        side.addWidget(self.history_title)
        side.addWidget(self.history, 1)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(side)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.slips_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)
        self.resize(1200, 640)
        self.delegate.committed.connect(self._committed)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.slips_button.clicked.connect(self.print_slips)
        self.new_event_button.clicked.connect(self.new_event)
        self.close_button.clicked.connect(self.accept)
        self.event_box.currentIndexChanged.connect(lambda _i: self._count())
        self._load()

    # --- loading ----------------------------------------------------------------------------

    def _load(self) -> None:
        services, actor = self.services, self.actor

        def read() -> tuple[list[EventInfo], list[str], list[str]]:
            return (services.events.list(actor, current_only=True),
                    services.intake.county_names(), services.intake.agency_names())

        background.run(read, on_done=self._loaded, owner=self)

    def _loaded(self, lists: tuple[list[EventInfo], list[str], list[str]]) -> None:
        self.events, counties, agencies = lists
        self.delegate.names = {COL_COUNTY: counties, COL_AGENCY: agencies}
        for e in self.events:
            self.event_box.addItem(f"{e.name} ({e.kind_label})", e.id)
        if self.events:
            self.event_box.setCurrentIndex(1)
        self._count()
        self.table.setCurrentIndex(self.model.index(0, 0))
        self.table.setFocus()

    def new_event(self) -> None:
        """Record a new event and make it the batch's."""
        from app.views.inbox.event_dialog import EventDialog

        dialog = EventDialog(self.services, self.actor, self.delegate.names[COL_COUNTY], self)
        dialog.created.connect(self.add_event)
        dialog.exec()

    def add_event(self, e: EventInfo) -> None:
        """A new event joins the list and is chosen."""
        self.events.append(e)
        self.event_box.addItem(f"{e.name} ({e.kind_label})", e.id)
        self.event_box.setCurrentIndex(self.event_box.count() - 1)

    def _count(self) -> None:
        intake, actor, event_id = self.services.intake, self.actor, self.event_id()
        background.run(lambda: intake.done_today(actor, event_id), on_done=self._counted,
                       owner=self)

    def _counted(self, n: int) -> None:
        self.done_count = n
        self.counter.setText(w.done_today(n))

    def event_id(self) -> int | None:
        """The event the batch is tagged with."""
        return self.event_box.currentData()

    def channel(self) -> str:
        """The channel of the batch, by the event's kind."""
        event = next((e for e in self.events if e.id == self.event_id()), None)
        return self.services.intake.channel_of(event.kind if event else None)

    # --- typing -----------------------------------------------------------------------------

    def _committed(self, r: int, col: int) -> None:
        """A cell was left: a national ID is checked at once and its citizen looked up."""
        if col != COL_NID:
            return
        nid = self.model.rows[r].data.national_id
        problem = self.services.intake.national_id_error(nid)
        self.model.set_error(r, "national_id", problem)
        if problem:
            self.status.setText(problem)
        elif nid:
            self._look_up(nid)

    def _look_up(self, nid: str) -> None:
        if nid in self.histories:
            self._show_history(self.histories[nid])
            return
        intake = self.services.intake

        def found(h: CitizenHistory | None) -> None:
            self.histories[nid] = h
            self._show_history(h)
            self._fill_names(nid, h)

        background.run(lambda: intake.history(nid), on_done=found, owner=self)

    def _fill_names(self, nid: str, h: CitizenHistory | None) -> None:
        """A known citizen's name goes into their row when the clerk has not typed one."""
        if h is None:
            return
        for r, row in enumerate(self.model.rows):
            if row.data.national_id == nid and not row.data.first_name and not row.data.last_name:
                first, _, last = h.name.partition(" ")
                self.model.setData(self.model.index(r, 1), first)
                self.model.setData(self.model.index(r, 2), last)

    def _show_history(self, h: CitizenHistory | None) -> None:
        self.history.clear()
        if h is None:
            self.history_title.setText(w.HISTORY_NONE)
            return
        self.history_title.setText(h.name)
        for e in h.earlier:
            day = jalali.format_jalali(jalali.to_tehran(e.received_at).date())
            self.history.addItem(f"{day} — {e.subject} ({e.status_label})")

    def _row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        """Leaving a complete row saves it; the new row's citizen is shown beside the grid."""
        if previous.isValid():
            self.save_row(previous.row())
        if current.isValid():
            nid = self.model.rows[current.row()].data.national_id
            if nid in self.histories:
                self._show_history(self.histories[nid])
            else:
                self.history.clear()
                self.history_title.setText(w.HISTORY_EMPTY)

    # --- saving -----------------------------------------------------------------------------

    def save_row(self, r: int) -> bool:
        """Save row `r` off the GUI thread if it is complete and not saved; True when started."""
        row = self.model.rows[r]
        intake = self.services.intake
        if row.saving or row.request_id is not None or not intake.row_complete(row.data):
            return False
        if intake.national_id_error(row.data.national_id):
            return False
        self.model.set_state(r, saving=True, errors={})
        intake, actor = self.services.intake, self.actor
        data, event_id, channel = row.data, self.event_id(), self.channel()

        def done(saved: SavedRow) -> None:
            self.model.set_state(r, saving=False, request_id=saved.request_id,
                                 tracking_code=saved.tracking_code)
            self._counted(self.done_count + 1)
            self.row_saved.emit(r, saved)

        def failed(exc: Exception) -> None:
            errors = exc.errors if isinstance(exc, ValidationError) else {
                KEYS[-1]: frame_words.error_text(exc)}
            self.model.set_state(r, saving=False, errors=errors)
            self.status.setText("\n".join(errors.values()))
            self.row_refused.emit(r, errors)

        background.write(self, lambda: intake.save_row(actor, data, event_id, channel),
                         on_done=done, on_error=failed,
                         changes=lambda s: {"requests": [s.request_id]})
        return True

    def save_pending(self) -> int:
        """Save every complete row not saved yet (the dialog is closing); returns how many."""
        return sum(self.save_row(r) for r in range(len(self.model.rows)))

    def unsaved_rows(self) -> int:
        """Rows typed that are neither saved nor being saved (incomplete or refused)."""
        return sum(1 for row in self.model.rows
                   if not row.blank and not row.saving and row.request_id is None)

    def done(self, result: int) -> None:  # noqa: D102 - QDialog.done
        self.table.setCurrentIndex(QModelIndex())  # commit an open editor
        self.save_pending()
        # A row the clerk typed but could not finish must not vanish with the window.
        left = self.unsaved_rows()
        if left:
            answer = QMessageBox.question(self, w.UNSAVED_TITLE, literal_html(w.unsaved(left)))
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().done(result)

    def print_slips(self) -> None:
        """Save the slips of the rows saved so far as a PDF (four to an A4 page)."""
        ids = self.model.saved_ids()
        if not ids:
            return
        target = file_dialogs.save_file(self, w.SLIPS, file_dialogs.LETTERS, w.SLIPS_FILE,
                                         "PDF (*.pdf)")
        if target:
            self.write_slips(target)

    def write_slips(self, target: str) -> None:
        """Write the slips to `target` off the GUI thread."""
        intake, ids = self.services.intake, self.model.saved_ids()
        from pathlib import Path

        background.run(lambda: intake.write_slips(ids, Path(target)),
                       on_done=lambda _n: self.status.setText(w.SLIPS_DONE),
                       on_error=lambda e: self.status.setText(frame_words.error_text(e)),
                       owner=self)


__all__ = ["BatchIntakeDialog", "COL_CODE"]
