"""The citizen's slip: the service writes it as a PDF (A6), and that file is what gets printed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from app.services.meetings.dto import Slip
from app.services.meetings.slip_pdf import write_slip_pdf
from app.services.reports.pdf.documents import CARD_PAGE
from app.views.calendar import words
from app.views.reports.printing import print_with_dialog


def slip_file_name(slip: Slip) -> str:
    """«resid-1405-0001234-5.pdf»: the name a saved slip is offered under."""
    return f"resid-{slip.tracking_code}.pdf"


def print_slip(owner: QWidget, slip: Slip, on_printed: Callable[[int], None],
               on_failed: Callable[[Exception], None]) -> bool:
    """Ask for a printer, write the slip off the GUI thread and print it; False if cancelled."""
    return print_with_dialog(owner, CARD_PAGE, slip_file_name(slip),
                             lambda path: write_slip_pdf(slip, path), on_printed, on_failed,
                             title=words.PRINT_DIALOG_TITLE)
