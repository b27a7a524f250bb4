"""The slip sheet of a batch: one slip per citizen, four A6 slips on each A4 page (cut along)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate

from app.errors import PolError
from app.services.core import messages as msg
from app.services.core import persian
from app.services.core.dto import GOVERNORATE
from app.services.events import words
from app.services.reports.pdf.documents import CARD_MARGIN, Out, card_story
from app.services.reports.pdf.dto import CARD_PAGE, LETTER_PAGE, Card
from app.services.reports.pdf.fonts import PDF_LOCK, REGULAR, register_fonts
from app.services.reports.pdf.text import TextLayerCanvas
from app.services.requests import receipt
from app.services.requests.dto import RequestDetail

OTHER_CODES = "کدهای دیگر:"


def slip_cards(details: Sequence[RequestDetail]) -> list[Card]:
    """One card per citizen (their first request's receipt, the other codes listed), in order;
    a request without a citizen gets its own card."""
    groups: dict[object, list[RequestDetail]] = {}
    for d in details:
        key = d.citizen.id if d.citizen is not None else ("request", d.id)
        groups.setdefault(key, []).append(d)
    cards = []
    for group in groups.values():
        first = group[0]
        rows = list(receipt.receipt_rows(first))
        if len(group) > 1:
            others = "، ".join(persian.ltr(d.tracking_code) for d in group[1:])
            rows.append((OTHER_CODES, others))
        cards.append(Card(title=words.SLIP_SHEET_TITLE, heading=receipt.HEADING,
                          code=persian.canonical_code(first.tracking_code), rows=tuple(rows),
                          footer=receipt.FOOTER))
    return cards


def write_slip_sheet(details: Sequence[RequestDetail], out: Out) -> int:
    """Write the slips, four to an A4 page (2 × 2 A6 frames); returns the pages."""
    register_fonts()
    w, h = CARD_PAGE
    frames = [Frame(x * w + CARD_MARGIN, y * h + CARD_MARGIN, w - 2 * CARD_MARGIN,
                    h - 2 * CARD_MARGIN, leftPadding=0, rightPadding=0, topPadding=0,
                    bottomPadding=0, id=f"slip{i}")
              for i, (x, y) in enumerate(((1, 1), (0, 1), (1, 0), (0, 0)))]  # right to left
    story = []
    for card in slip_cards(details):
        story += card_story(card)
        story.append(FrameBreak())
    if story:
        story.pop()  # no blank slip after the last
    target = str(out) if not hasattr(out, "write") else out
    doc = BaseDocTemplate(target, pagesize=LETTER_PAGE, leftMargin=0, rightMargin=0,
                          topMargin=0, bottomMargin=0, title=words.SLIP_SHEET_TITLE,
                          author=GOVERNORATE, creator="Pol", lang="fa-IR",
                          initialFontName=REGULAR, initialFontSize=10)
    doc.addPageTemplates([PageTemplate("sheet", frames, onPage=_cut_lines)])
    with PDF_LOCK:
        try:
            doc.build(story, canvasmaker=TextLayerCanvas)
        except OSError as exc:
            raise PolError(msg.pdf_not_written(str(out), exc)) from None
    return doc.page


def _cut_lines(canvas, _doc) -> None:  # noqa: ANN001
    """Light dashed lines where the page is cut into four slips."""
    w, h = CARD_PAGE
    canvas.saveState()
    canvas.setDash(2, 3)
    canvas.setLineWidth(0.3)
    canvas.line(w, 0, w, 2 * h)
    canvas.line(0, h, 2 * w, h)
    canvas.restoreState()
