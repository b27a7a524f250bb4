"""Print a PDF document page by page on a QPrinter (the system print dialog chose it)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter


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
            dpi = printer.resolution()
            points = document.pagePointSize(index)
            # Render at the printer's resolution, fitted to the printable area.
            size = QSize(int(points.width() / 72 * dpi), int(points.height() / 72 * dpi))
            size = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(0, 0, size.width(), size.height()),
                              document.render(index, size))
            printed += 1
    finally:
        painter.end()
    return printed
