"""The citizen's slip: the service writes it as a PDF (A6), and that file is what gets printed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.services.meetings.dto import Slip
from app.services.reports.pdf.dto import CARD_PAGE
from app.views.calendar import words
from app.views.reports.printing import print_with_dialog

if TYPE_CHECKING:
    from app.services.meetings.meeting_day import MeetingDayService


def print_slip(owner: QWidget, days: MeetingDayService, slip: Slip,
               on_printed: Callable[[int], None], on_failed: Callable[[Exception], None]) -> bool:
    """Ask for a printer, write the slip off the GUI thread and print it; False if cancelled."""
    return print_with_dialog(owner, CARD_PAGE, f"resid-{slip.tracking_code}.pdf",
                             lambda path: days.write_slip_pdf(slip, path), on_printed, on_failed,
                             title=words.PRINT_DIALOG_TITLE)
