"""The SAMAD bridge: compare a SAMAD export with Pol, import the missing ones, export answers."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.services.core import jalali, persian
from app.services.core.context import Actor
from app.services.registry import Services
from app.services.requests.samad.dto import AnswersExport, ImportResult, ReconcileResult
from app.views import background, file_dialogs
from app.views import words as shared
from app.views.formatting import plain
from app.views.framework.bus import bus
from app.views.inbox import samad_words as words
from app.views.table_models.samad_model import TextRowsModel
from app.views.widgets.quarter_picker import QuarterPicker


def _table(model: TextRowsModel) -> QTableView:
    """A read-only, row-selecting view of one list."""
    view = QTableView()
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view


class SamadBridgeDialog(QDialog):
    """تطبیق با سامد: three lists with counts, one-click import, and the answers for SAMAD."""

    reconciled = Signal(object)  # ReconcileResult
    imported = Signal(object)  # ImportResult
    exported = Signal(object)  # AnswersExport
    failed = Signal(str)

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(words.TITLE)
        self.setMinimumSize(720, 560)
        self.services, self.actor = services, actor
        self.path: Path | None = None
        self.result: ReconcileResult | None = None
        self.file_label = plain(QLabel(words.NO_FILE))
        choose = QPushButton(words.CHOOSE)
        self.check_button = QPushButton(words.CHECK_AGAIN)
        self.import_button = QPushButton(words.IMPORT_MISSING)
        self.summary = plain(QLabel(""))
        self.summary.setWordWrap(True)
        self.samad_only = TextRowsModel([words.CODE], self)
        self.pol_only = TextRowsModel([words.CODE], self)
        self.status = TextRowsModel([words.CODE, words.TRACKING, words.POL_STATUS,
                                     words.FILE_STATUS, words.WHICH_WAY], self)
        self.tabs = QTabWidget()
        for model in (self.samad_only, self.pol_only, self.status):
            self.tabs.addTab(_table(model), "")
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.quarter = QuarterPicker()
        self.only_new = QCheckBox(words.ONLY_NEW)
        self.only_new.setChecked(True)
        self.export_button = QPushButton(words.EXPORT)
        self.export_label = plain(QLabel(""))
        self.export_label.setWordWrap(True)
        self.import_label = plain(QLabel(""))
        top = QHBoxLayout()
        top.addWidget(choose)
        top.addWidget(self.file_label, 1)
        top.addWidget(self.check_button)
        answers = QGroupBox(words.ANSWERS_BOX)
        box = QVBoxLayout(answers)
        row = QHBoxLayout()
        row.addWidget(self.quarter)
        row.addWidget(self.only_new, 1)
        row.addWidget(self.export_button)
        box.addLayout(row)
        box.addWidget(self.export_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.import_label, 1)
        close = QPushButton(words.CLOSE)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        layout.addWidget(answers)
        choose.clicked.connect(self.choose_file)
        self.check_button.clicked.connect(self.compare)
        self.import_button.clicked.connect(self.import_missing)
        self.export_button.clicked.connect(self.choose_export_file)
        close.clicked.connect(self.accept)
        self._show(None)
        self._busy(False)

    def _busy(self, busy: bool) -> None:
        missing = bool(self.result and self.result.in_samad_only)
        self.check_button.setEnabled(not busy and self.path is not None)
        self.import_button.setEnabled(not busy and missing)

    # --- comparing ------------------------------------------------------------------------

    def choose_file(self) -> None:
        """Ask for a SAMAD export and compare it."""
        path = file_dialogs.open_file(self, words.FILE_DIALOG, file_dialogs.SAMAD, words.FILE_FILTER)
        if path:
            self.set_file(Path(path))

    def set_file(self, path: Path) -> None:
        """Compare this file with Pol."""
        self.path = path
        self.file_label.setText(persian.ltr(path.name))
        self.compare()

    def compare(self) -> None:
        """Read the file and compare it, off the GUI thread (writes nothing)."""
        if self.path is None:
            return
        samad, actor, path = self.services.samad, self.actor, self.path
        self.result = None
        self._busy(True)
        self.summary.setText(words.COMPARING)
        background.run(lambda: samad.reconcile(actor, path), on_done=self._compared,
                       on_error=self._failed, owner=self)

    def _compared(self, r: ReconcileResult) -> None:
        self._show(r)
        span = (words.span(jalali.format_jalali(r.date_from), jalali.format_jalali(r.date_to))
                if r.date_from and r.date_to else "")
        self.summary.setText("\n".join([words.summary(r.rows, r.matched, span), *r.warnings]))
        self._busy(False)
        self.reconciled.emit(r)

    def _show(self, r: ReconcileResult | None) -> None:
        """Fill the three lists and their tab titles."""
        self.result = r
        self.samad_only.set_rows([(c,) for c in r.in_samad_only] if r else [])
        self.pol_only.set_rows([(c,) for c in r.in_pol_only] if r else [])
        self.status.set_rows([(d.code, d.tracking_code, d.pol_status, d.file_status,
                               words.DONE_IN_POL if d.done_in_pol else words.OPEN_IN_POL)
                              for d in r.status_differs] if r else [])
        self.tabs.setTabText(0, words.tab_samad_only(self.samad_only.rowCount()))
        self.tabs.setTabText(1, words.tab_pol_only(self.pol_only.rowCount()))
        self.tabs.setTabText(2, words.tab_status(self.status.rowCount()))

    # --- importing the missing ones ---------------------------------------------------------

    def import_missing(self) -> None:
        """Import the rows of the in_samad_only codes through the import, in one transaction."""
        if self.path is None or not self.result or not self.result.in_samad_only:
            return
        samad, actor, path = self.services.samad, self.actor, self.path
        codes = list(self.result.in_samad_only)
        self._busy(True)
        self.import_button.setEnabled(False)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.summary.setText(words.IMPORTING)
        background.run(lambda progress: samad.import_codes(actor, path, codes, None, progress),
                       on_done=self._imported, on_error=self._failed,
                       on_progress=lambda pct, _msg: self.progress.setValue(pct), owner=self)

    def _imported(self, result: ImportResult) -> None:
        self.progress.setVisible(False)
        if result.imported:
            bus().requests_changed.emit([])  # many new rows: the inbox re-queries
        self.imported.emit(result)
        self.import_label.setText(words.imported(result.imported, len(result.rejected)))
        self.compare()  # the lists as they are now

    # --- the answers for SAMAD --------------------------------------------------------------

    def choose_export_file(self) -> None:
        """Ask where to save the quarter's answers, then write them."""
        year, quarter = self.quarter.value()
        target = file_dialogs.save_file(self, words.EXPORT_DIALOG, file_dialogs.SAMAD,
                                        words.default_file(year, quarter), "Excel (*.xlsx)")
        if target:
            if not target.lower().endswith(".xlsx"):
                target += ".xlsx"
            self.export_to(Path(target))

    def export_to(self, target: Path) -> None:
        """Write the chosen quarter's answers to `target`, off the GUI thread."""
        samad, actor = self.services.samad, self.actor
        year, quarter = self.quarter.value()
        only_new = self.only_new.isChecked()
        self.export_button.setEnabled(False)
        self.export_label.setText(words.EXPORTING)
        background.run(lambda: samad.export_answers(actor, year, quarter, target, only_new),
                       on_done=self._exported, on_error=self._export_failed, owner=self)

    def _exported(self, done: AnswersExport) -> None:
        self.export_button.setEnabled(True)
        self.export_label.setText(words.exported(Path(done.out).name, done.rows, done.new,
                                                 done.changed, done.exported_before))
        self.exported.emit(done)

    def _export_failed(self, exc: Exception) -> None:
        self.export_button.setEnabled(True)
        message = _message(exc)
        self.export_label.setText(message)
        self.failed.emit(message)

    def _failed(self, exc: Exception) -> None:
        self.progress.setVisible(False)
        self._show(self.result)  # a failed comparison clears the lists; a failed import keeps them
        message = _message(exc)
        self.summary.setText(message + words.NOTHING_CHANGED)
        self._busy(False)
        self.failed.emit(message)


def _message(exc: Exception) -> str:
    """A Persian message for an error of a background job."""
    if isinstance(exc, ValidationError):
        return "؛ ".join(exc.errors.values())
    return shared.error_text(exc)
