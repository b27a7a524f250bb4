"""The citizen's slip: the tracking code of the issue they raised, printed or saved as PDF.

Qt lays out and shapes the Persian text itself (QTextDocument on a QPrinter), so the text goes in
unshaped; the document is right-to-left, codes and numbers are isolated left-to-right runs.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from app.services.core import persian
from app.services.core.dto import GOVERNORATE
from app.services.meetings.dto import Slip
from app.views.calendar import words
from app.views.calendar.colors import SLIP_LABEL
from app.views.widgets.rtl_document import rtl_document

# A receipt-sized page: A6 portrait.
PAGE = QPageSize(QPageSize.PageSizeId.A6)


def slip_html(slip: Slip) -> str:
    """The slip as rich text (every value escaped); one right-to-left paragraph per line."""
    def row(label: str, value: str) -> str:
        return ("<p dir='rtl' align='right' style='margin-top:0px; margin-bottom:1px; "
                "line-height:105%'>"
                f"<span style='color:{SLIP_LABEL.name()}'>{escape(label)}</span> "
                f"<b>{escape(value)}</b></p>")

    code = words.code(slip.tracking_code)
    rows = [
        row(words.SLIP_CITIZEN, slip.citizen or words.NONE_CHOSEN),
        row(words.SLIP_SUBJECT, slip.subject),
        row(words.SLIP_MEETING_WITH, f"{slip.manager} ({slip.manager_title})"
            if slip.manager_title else slip.manager),
        row(words.SLIP_AGENCY, slip.agency),
        row(words.SLIP_DAY, words.day_long(slip.day)),
    ]
    if slip.queue_no is not None:
        rows.append(row(words.SLIP_QUEUE, persian.to_persian_digits(slip.queue_no)))
    if slip.answer_deadline is not None:
        rows.append(row(words.SLIP_DEADLINE, words.day(slip.answer_deadline)))
    if slip.directive_agency:
        deadline = slip.directive_deadline
        rows.append(row(words.SLIP_DIRECTIVE, words.slip_referral(
            slip.directive_agency, words.day(deadline) if deadline else None)))
    return (
        f"<p dir='rtl' align='center' style='font-size:10pt; margin-top:0px; margin-bottom:0px'>"
        f"<b>{escape(GOVERNORATE)}</b><br/><span style='font-size:8pt'>{words.SLIP_OFFICE}"
        "</span></p>"
        "<p dir='rtl' align='center' style='font-size:9pt; margin-top:8px; margin-bottom:0px'>"
        f"{words.SLIP_HEADING}</p>"
        "<p dir='rtl' align='center' style='font-size:17pt; margin-top:0px; margin-bottom:6px'>"
        f"<b>{escape(code)}</b></p>"
        f"{''.join(rows)}"
        "<p dir='rtl' align='right' style='font-size:7.5pt; margin-top:6px; margin-bottom:0px'>"
        f"{words.SLIP_FOOTER}</p>"
    )


def slip_document(slip: Slip, font: QFont | None = None) -> QTextDocument:
    """A right-to-left QTextDocument of the slip."""
    return rtl_document(html=slip_html(slip), point_size=8.5, font=font)


def print_slip(slip: Slip, printer: QPrinter, font: QFont | None = None) -> int:
    """Lay the slip out on a printer (a real one, or one writing a PDF); returns the pages."""
    printer.setPageLayout(QPageLayout(PAGE, QPageLayout.Orientation.Portrait,
                                      QMarginsF(7, 7, 7, 7), QPageLayout.Unit.Millimeter))
    doc = slip_document(slip, font)
    # Lay out in the printer's own pixels, so point sizes come out as points on paper.
    doc.documentLayout().setPaintDevice(printer)
    doc.setDocumentMargin(0)
    page = printer.pageRect(QPrinter.Unit.DevicePixel)
    doc.setPageSize(QSizeF(page.width(), page.height()))
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for i in range(doc.pageCount()):
            if i:
                printer.newPage()
            painter.save()
            painter.translate(0, -i * page.height())
            doc.drawContents(painter, QRectF(0, i * page.height(), page.width(), page.height()))
            painter.restore()
    finally:
        painter.end()
    return doc.pageCount()


def save_slip_pdf(slip: Slip, path: str, font: QFont | None = None) -> str:
    """Write the slip as a PDF file; returns the path."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(path)
    print_slip(slip, printer, font)
    return path
