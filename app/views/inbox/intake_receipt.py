"""The citizen's receipt of a registered request: the service writes it as an A6 PDF, printed as is."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.services.reports.pdf.dto import CARD_PAGE
from app.services.requests.dto import RequestDetail
from app.views.reports.printing import print_with_dialog

if TYPE_CHECKING:
    from app.services.requests.service import RequestService


def print_receipt(owner: QWidget, requests: RequestService, d: RequestDetail,
                  on_printed: Callable[[int], None], on_failed: Callable[[Exception], None]) -> bool:
    """Ask for a printer, write the receipt off the GUI thread and print it; False if cancelled."""
    return print_with_dialog(owner, CARD_PAGE, f"resid-{d.tracking_code}.pdf",
                             lambda path: requests.write_receipt_pdf(d, path), on_printed,
                             on_failed)
