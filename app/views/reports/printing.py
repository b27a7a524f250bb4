"""Print a PDF document page by page on a QPrinter (the system print dialog chose it).

The report, the citizen's slip and receipt and the reminder letter are PDFs written by the
services; what goes to the printer is that file, so the paper and the archived file agree.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRect, QSize, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from app.errors import PolError
from app.views import background
from app.views import words as shared

# Pages go to the printer as pictures rendered at most at this resolution: at a HighResolution
# printer's 1200 dpi one A4 page took 12 s and 680 MB on the GUI thread (600 dpi: 2 s, 224 MB;
# 300 dpi: 0.8 s, 98 MB), and 300 dpi prints 7.5 pt Persian cleanly.
RENDER_DPI = 300


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Render every chosen page of the document onto the printer; returns the pages printed."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    printed = 0
    try:
        count = document.pageCount()
        first = max(printer.fromPage(), 1) - 1
        last = (printer.toPage() or count) - 1
        for index in range(first, min(last, count - 1) + 1):
            if printed:
                printer.newPage()
            target = painter.viewport()
            dpi = min(printer.resolution(), RENDER_DPI)
            points = document.pagePointSize(index)
            # Fitted to the printable area; rendered at the printer's resolution up to RENDER_DPI.
            fit = QSize(int(points.width()), int(points.height()))
            fit = fit.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            pixels = QSize(int(points.width() / 72 * dpi), int(points.height() / 72 * dpi))
            painter.drawImage(QRect(0, 0, fit.width(), fit.height()),
                              document.render(index, pixels))
            printed += 1
    finally:
        painter.end()
    return printed


def choose_printer(parent: QWidget, page_points: tuple[float, float], name: str,
                   title: str = "") -> QPrinter | None:
    """Ask for a printer, proposing the document's paper (A6, A4); None when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(name)
    paper = QPageSize(QSizeF(*page_points), QPageSize.Unit.Point)
    printer.setPageLayout(QPageLayout(paper, QPageLayout.Orientation.Portrait, QMarginsF()))
    printer.setFullPage(True)  # the PDF carries its own margins
    dialog = QPrintDialog(printer, parent)
    if title:
        dialog.setWindowTitle(title)
    return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


def pdf_file_of(printer: QPrinter) -> Path | None:
    """The file a printer writes when it is the dialog's «print to file (PDF)», whole document."""
    if (printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName()
            and printer.printRange() == QPrinter.PrintRange.AllPages):
        return Path(printer.outputFileName())
    return None


def print_document(owner: QWidget, printer: QPrinter, write: Callable[[Path], int],
                   on_printed: Callable[[int], None],
                   on_failed: Callable[[Exception], None]) -> None:
    """Write the document's PDF off the GUI thread, then print that file on the printer.

    ``write(path)`` writes the PDF and returns its pages. A printer that is a PDF file gets the
    document's own file (its text layer searchable), not a picture of its pages.
    """
    direct = pdf_file_of(printer)
    target = direct or Path(tempfile.mkdtemp(prefix="pol-print-")) / "document.pdf"

    def clean() -> None:
        if direct is None:
            shutil.rmtree(target.parent, ignore_errors=True)

    def written(pages: int) -> None:
        if direct is None:
            document = QPdfDocument()
            try:
                document.load(str(target))
                pages = print_pdf(document, printer) if document.pageCount() else 0
            finally:
                document.close()
                clean()
            if not pages:
                on_failed(PolError(shared.PRINT_FAILED))
                return
        on_printed(pages)

    def failed(exc: Exception) -> None:
        clean()
        on_failed(exc)

    background.run(lambda: write(target), on_done=written, on_error=failed, owner=owner)


def print_with_dialog(owner: QWidget, page_points: tuple[float, float], name: str,
                      write: Callable[[Path], int], on_printed: Callable[[int], None],
                      on_failed: Callable[[Exception], None], title: str = "") -> bool:
    """Ask for a printer, then write and print the document; False when the user cancelled."""
    printer = choose_printer(owner, page_points, name, title)
    if printer is None:
        return False
    print_document(owner, printer, write, on_printed, on_failed)
    return True
