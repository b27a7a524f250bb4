"""The citizen's receipt of a registered request: the tracking code, name and summary on A6.

Qt shapes the Persian text itself (QTextDocument on a QPrinter): the text goes in unshaped,
the document is right-to-left and codes are isolated left-to-right runs.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from app.services.core.dto import GOVERNORATE
from app.services.requests.dto import RequestDetail
from app.views import formatting
from app.views.inbox import intake_words as words
from app.views.widgets.rtl_document import rtl_document

PAGE = QPageSize(QPageSize.PageSizeId.A6)


def summary_rows(d: RequestDetail) -> list[tuple[str, str]]:
    """(label, value) lines that sum the request up, as the success page and receipt show."""
    rows = [(words.DONE_CITIZEN, d.citizen.full_name if d.citizen else words.NONE),
            (words.DONE_SUBJECT, d.subject),
            (words.DONE_KIND, f"{d.type_label}، {d.channel_label}"),
            (words.DONE_RECEIVED, formatting.date_time(d.received_at))]
    if d.agency:
        rows.insert(3, (words.DONE_AGENCY, d.agency))
    if d.deadline is not None:
        rows.append((words.DONE_DEADLINE, formatting.date(d.deadline)))
    return rows


def receipt_html(d: RequestDetail) -> str:
    """The receipt as rich text; every value escaped."""
    code = formatting.tracking_code(d.tracking_code)
    lines = "".join(
        "<p dir='rtl' align='right' style='margin-top:0px; margin-bottom:1px'>"
        f"{escape(label)} <b>{escape(value)}</b></p>" for label, value in summary_rows(d))
    return (
        "<p dir='rtl' align='center' style='font-size:10pt; margin:0px'>"
        f"<b>{escape(GOVERNORATE)}</b><br/>"
        f"<span style='font-size:8pt'>{escape(words.RECEIPT_OFFICE)}</span></p>"
        "<p dir='rtl' align='center' style='font-size:9pt; margin-top:8px; margin-bottom:0px'>"
        f"{escape(words.RECEIPT_TITLE)}</p>"
        "<p dir='rtl' align='center' style='font-size:17pt; margin-top:0px; margin-bottom:6px'>"
        f"<b>{escape(code)}</b></p>{lines}"
        "<p dir='rtl' align='right' style='font-size:7.5pt; margin-top:6px; margin-bottom:0px'>"
        f"{escape(words.RECEIPT_FOOTER)}</p>"
    )


def receipt_document(d: RequestDetail) -> QTextDocument:
    """A right-to-left QTextDocument of the receipt."""
    return rtl_document(html=receipt_html(d), point_size=8.5)


def print_receipt(d: RequestDetail, printer: QPrinter) -> None:
    """Print the receipt on an A6 page (a real printer, or one writing a PDF)."""
    printer.setPageLayout(QPageLayout(PAGE, QPageLayout.Orientation.Portrait,
                                      QMarginsF(7, 7, 7, 7), QPageLayout.Unit.Millimeter))
    receipt_document(d).print_(printer)
