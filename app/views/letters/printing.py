"""Print a referral's official letter (the services write the PDF; printing.py prints it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from app.services.reports.pdf.dto import LETTER_PAGE
from app.views import formatting
from app.views import words as shared
from app.views.formatting import literal_html
from app.views.letters import words as w
from app.views.reports.printing import print_with_dialog

if TYPE_CHECKING:
    from app.services.core.context import Actor
    from app.services.registry import Services
    from app.services.requests.dto import RequestDetail
    from app.views.inbox.request_detail import RequestDetailPane


def print_referral_letter(owner: QWidget, services: Services, actor: Actor | None,
                          referral_id: int, tracking_code: str,
                          on_printed: Callable[[int], None],
                          on_failed: Callable[[Exception], None]) -> bool:
    """Ask for a printer, then write the letter off the GUI thread and print it.

    Returns False when the user cancelled the print dialog.
    """
    letters = services.letters
    return print_with_dialog(owner, LETTER_PAGE, w.letter_file_name(tracking_code),
                             lambda path: letters.write_referral_pdf(referral_id, path, actor),
                             on_printed, on_failed, w.PRINT_TITLE)


def choose_referral(owner: QWidget, detail: RequestDetail) -> int | None:
    """The referral whose letter to print: the only one, or the one the user picks."""
    refs = list(detail.referrals)
    if not refs:
        QMessageBox.information(owner, w.PRINT_TITLE, literal_html(w.NO_REFERRAL))
        return None
    if len(refs) == 1:
        return refs[0].id
    items = [w.referral_choice(r.agency, formatting.code(r.letter_no),
                               formatting.date(r.letter_date)) for r in reversed(refs)]
    item, ok = QInputDialog.getItem(owner, w.PRINT_TITLE, literal_html(w.CHOOSE_REFERRAL), items,
                                    0, False)
    return list(reversed(refs))[items.index(item)].id if ok else None


def install(pane: RequestDetailPane) -> None:
    """Add «چاپ نامهٔ ارجاع» to the request detail pane's «more actions» menu."""

    def run() -> None:
        detail, sv = pane.detail, pane.services
        if detail is None or sv is None:
            return
        referral_id = choose_referral(pane, detail)
        if referral_id is None:
            return
        print_referral_letter(
            pane, sv, pane.actor, referral_id, detail.tracking_code, lambda _pages: None,
            lambda exc: QMessageBox.warning(pane, w.PRINT_TITLE,
                                            literal_html(shared.error_text(exc))))

    pane.add_more_action(w.PRINT_REFERRAL_LETTER, run)
