"""Print a PDF document page by page on a QPrinter (the system print dialog chose it).

The report, the citizen's slip and receipt and the reminder letter are PDFs written by the
services; what goes to the printer is that file, so the paper and the archived file agree.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject, QRect, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
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


def _open(path: Path) -> QPdfDocument:
    """A PDF file opened for reading (on the calling thread), or PolError."""
    document = QPdfDocument()
    document.load(str(path))
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        document.close()
        raise PolError(shared.PRINT_FAILED)
    return document


def page_count(path: Path) -> int:
    """How many pages a PDF file has (a worker thread's job)."""
    document = _open(path)
    try:
        return document.pageCount()
    finally:
        document.close()


def render_page(path: Path, index: int, dpi: int) -> QImage:
    """One page of a PDF file as a picture at `dpi` (a worker thread's job: ~1 s at 300 dpi)."""
    document = _open(path)
    try:
        points = document.pagePointSize(index)
        pixels = QSize(int(points.width() / 72 * dpi), int(points.height() / 72 * dpi))
        image = document.render(index, pixels)
    finally:
        document.close()
    if image.isNull():
        raise PolError(shared.PRINT_FAILED)
    return image


class PagePrinter(QObject):
    """Prints a PDF file's pages as pictures: each page is rendered off the GUI thread and only
    drawn onto the printer on it, so an eleven-page report never freezes the window."""

    def __init__(self, owner: QObject, path: Path, printer: QPrinter,
                 on_done: Callable[[int], None], on_failed: Callable[[Exception], None]) -> None:
        super().__init__(owner)
        self.path, self.printer = path, printer
        self.on_done, self.on_failed = on_done, on_failed
        self.painter = QPainter()
        self.index = self.last = 0
        self.printed = 0
        self.dpi = min(printer.resolution(), RENDER_DPI)

    def start(self) -> None:
        """Count the pages, then print the chosen ones one by one."""
        background.run(lambda: page_count(self.path), on_done=self._counted,
                       on_error=self._failed, owner=self)

    def _counted(self, count: int) -> None:
        self.index = max(self.printer.fromPage(), 1) - 1
        self.last = min((self.printer.toPage() or count), count) - 1
        if self.index > self.last or not self.painter.begin(self.printer):
            self._failed(PolError(shared.PRINT_FAILED))
            return
        self._next()

    def _next(self) -> None:
        if self.index > self.last:
            self.painter.end()
            self.deleteLater()
            self.on_done(self.printed)
            return
        index, path, dpi = self.index, self.path, self.dpi
        background.run(lambda: render_page(path, index, dpi), on_done=self._draw,
                       on_error=self._failed, owner=self)

    def _draw(self, image: QImage) -> None:
        if self.printed:
            self.printer.newPage()
        # Fitted to the printable area, the page's proportions kept.
        fit = image.size().scaled(self.painter.viewport().size(),
                                  Qt.AspectRatioMode.KeepAspectRatio)
        self.painter.drawImage(QRect(0, 0, fit.width(), fit.height()), image)
        self.printed += 1
        self.index += 1
        self._next()

    def _failed(self, exc: Exception) -> None:
        if self.painter.isActive():
            self.painter.end()
        self.deleteLater()
        self.on_failed(exc)


def print_file(owner: QObject, path: Path, printer: QPrinter,
               on_done: Callable[[int], None], on_failed: Callable[[Exception], None]) -> None:
    """Print a PDF file's chosen pages on a printer, off the GUI thread; `on_done(pages)`."""
    PagePrinter(owner, path, printer, on_done, on_failed).start()


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
        if direct is not None:
            on_printed(pages)
            return

        def printed(count: int) -> None:
            clean()
            on_printed(count)

        print_file(owner, target, printer, printed, failed)

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
