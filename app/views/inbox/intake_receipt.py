"""The citizen's receipt of a registered request: the service writes it as an A6 PDF, printed as is."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from app.services.reports.pdf.documents import CARD_PAGE
from app.services.requests.dto import RequestDetail
from app.services.requests.receipt import write_receipt_pdf
from app.views.reports.printing import print_with_dialog


def print_receipt(owner: QWidget, d: RequestDetail, on_printed: Callable[[int], None],
                  on_failed: Callable[[Exception], None]) -> bool:
    """Ask for a printer, write the receipt off the GUI thread and print it; False if cancelled."""
    return print_with_dialog(owner, CARD_PAGE, f"resid-{d.tracking_code}.pdf",
                             lambda path: write_receipt_pdf(d, path), on_printed, on_failed)
