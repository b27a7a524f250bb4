"""The Reports page: choose a quarter, build the report off the GUI thread, preview, print, save."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.core import jalali, persian
from app.services.core.context import Actor
from app.services.registry import Services
from app.views import background, file_dialogs, formatting
from app.views import words as shared
from app.views.formatting import literal_html, plain
from app.views.reports import words
from app.views.reports.printing import print_file
from app.views.widgets.quarter_picker import QuarterPicker


class ReportsPage(QWidget):
    """The quarterly report for the presidential office."""

    report_ready = Signal(str)  # path of the generated PDF
    report_failed = Signal(str)  # Persian message
    printed = Signal(int)  # pages sent to the printer (0: the printer refused)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services: Services | None = None
        self.actor: Actor | None = None  # None until set_actor: the whole province
        self._busy = False
        self._dir = Path(tempfile.mkdtemp(prefix="pol-report-"))
        self.pdf_path: Path | None = None
        self.built: tuple[int, int] | None = None  # the quarter of the report in the preview
        title = QLabel(words.TITLE)
        title.setObjectName("pageTitle")
        title.setProperty("role", "title")
        self.picker = QuarterPicker()
        self.generate_button = QPushButton(words.BUILD)
        self.print_button = QPushButton(words.PRINT)
        self.save_button = QPushButton(words.SAVE_PDF)
        self.excel_button = QPushButton(words.SAVE_EXCEL)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.status = plain(QLabel(""))
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        # Until a report is built the preview says what to do, instead of an empty grey box.
        self.empty_hint = plain(QLabel(words.EMPTY_HINT))
        self.empty_hint.setObjectName("reportsEmptyHint")
        self.empty_hint.setProperty("role", "hint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview = QStackedWidget()
        self.preview.addWidget(self.empty_hint)
        self.preview.addWidget(self.view)
        bar = QHBoxLayout()
        bar.addWidget(self.picker)
        for b in (self.generate_button, self.print_button, self.save_button, self.excel_button):
            bar.addWidget(b)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 1)
        self.generate_button.clicked.connect(self.generate)
        self.print_button.clicked.connect(self.print_report)
        self.save_button.clicked.connect(self.save_pdf)
        self.excel_button.clicked.connect(self.save_excel)
        self._update_buttons()

    def set_services(self, services: Services) -> None:
        """Connect the page to the open database."""
        self.services = services
        self._update_buttons()

    def set_actor(self, actor: Actor) -> None:
        """The signed-in user: a county-limited user's report counts only their counties."""
        self.actor = actor

    def _update_buttons(self) -> None:
        ready = self.services is not None and not self._busy
        self.generate_button.setEnabled(ready)
        has_pdf = ready and self.pdf_path is not None and self.built is not None
        for b in (self.print_button, self.save_button, self.excel_button):
            b.setEnabled(has_pdf)
        self.excel_button.setToolTip("" if has_pdf else words.EXCEL_TIP_WAITING)

    # --- generating ---------------------------------------------------------------------

    def generate(self) -> None:
        """Build the PDF of the chosen quarter in the background (one report at a time)."""
        if self.services is None or self._busy:
            return
        year, quarter = self.picker.value()
        out = self._dir / f"gozaresh-{year}-{quarter}.pdf"
        self._start(words.building(jalali.quarter_label(year, quarter)))
        reports, actor = self.services.reports, self.actor

        def job(progress: background.Progress) -> tuple[Path, int, int]:
            reports.write_quarterly(year, quarter, out, progress=progress, actor=actor)
            return out, year, quarter

        background.run(job, on_done=self._pdf_done, on_error=self._failed,
                       on_progress=self._progressed, owner=self)

    def _start(self, message: str) -> None:
        self._busy = True
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.status.setText(message)
        self._update_buttons()

    def _progressed(self, pct: int, message: str) -> None:
        self.progress.setValue(pct)
        self.status.setText(message)

    def _pdf_done(self, built: tuple[Path, int, int]) -> None:
        path, year, quarter = built
        self._busy = False
        self.progress.setVisible(False)
        self.document.close()
        self.document.load(str(path))
        self.pdf_path, self.built = path, (year, quarter)
        self.preview.setCurrentWidget(self.view)
        self.status.setText(words.ready(jalali.quarter_label(year, quarter),
                                        formatting.date(jalali.tehran_today())))
        self._update_buttons()
        self.report_ready.emit(str(path))

    def _failed(self, exc: Exception) -> None:
        self._busy = False
        self.progress.setVisible(False)
        message = shared.error_text(exc)
        self.status.setText(message)
        self._update_buttons()
        self.report_failed.emit(message)
        QMessageBox.warning(self, words.REPORT_TITLE, literal_html(message))

    # --- using it -------------------------------------------------------------------------

    def print_report(self) -> None:
        """Print the previewed report through the system print dialog."""
        if self.pdf_path is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.pdf_path.name)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self.status.setText(words.PRINTING)
        print_file(self, self.pdf_path, printer, self._printed, self._print_failed)

    def _printed(self, pages: int) -> None:
        self.status.setText(words.printed(persian.format_number(pages)))
        self.printed.emit(pages)

    def _print_failed(self, exc: Exception) -> None:
        message = shared.error_text(exc)
        self.status.setText(message)
        self.printed.emit(0)

    def save_pdf(self) -> None:
        """Save a copy of the previewed PDF where the user chooses."""
        if self.pdf_path is None:
            return
        target = file_dialogs.save_file(self, words.SAVE_TITLE, file_dialogs.REPORTS,
                                        self.pdf_path.name, "PDF (*.pdf)")
        if target:
            try:
                shutil.copyfile(self.pdf_path, target)
            except OSError as exc:
                QMessageBox.warning(self, words.SAVE_TITLE,
                                    literal_html(words.not_saved(str(exc.strerror))))
                return
            self.status.setText(words.saved(formatting.path(target)))

    def save_excel(self) -> None:
        """Write the built report's numbers as an .xlsx workbook, in the background."""
        if self.services is None or self._busy or self.built is None:
            return
        year, quarter = self.built
        target = file_dialogs.save_file(self, words.EXCEL_TITLE, file_dialogs.REPORTS,
                                        f"gozaresh-{year}-{quarter}.xlsx", "Excel (*.xlsx)")
        if not target:
            return
        self._start(words.BUILDING_EXCEL)
        reports, actor = self.services.reports, self.actor

        def done(_result: object) -> None:
            self._busy = False
            self.progress.setVisible(False)
            self.status.setText(words.saved(formatting.path(target)))
            self._update_buttons()

        background.run(lambda progress: reports.write_quarterly(year, quarter, Path(target),
                                                               progress=progress, actor=actor),
                       on_done=done, on_error=self._failed, on_progress=self._progressed, owner=self)
