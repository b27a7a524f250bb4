"""The small documents Pol prints beside the report: the citizen's A6 card and the A4 letter.

They are drawn like the report (reportlab, its fonts, the one text helper, the text-layer
canvas), so every line carries its Persian letters as ActualText: `pdftotext`, copy-paste and a
reader's search see the real text. The views print these files (app/views/reports/printing.py)
or save them as they are, so the paper and the archived file are the same document.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.colors import Color, black
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Spacer

from app.errors import PolError
from app.services.core import messages as msg
from app.services.core.dto import GOVERNORATE
from app.services.reports.pdf import page
from app.services.reports.pdf.dto import CARD_PAGE, LETTER_PAGE, Card
from app.services.reports.pdf.flowables import RtlParagraph, TextStyle
from app.services.reports.pdf.fonts import BOLD, PDF_LOCK, REGULAR, register_fonts
from app.services.reports.pdf.text import (
    TextLayerCanvas,
    actual_text,
    shape,
    text_width,
    wrap_logical,
)

Out = str | Path | BinaryIO

CARD_MARGIN = 7 * mm
LABEL_GREY = Color(0x55 / 255, 0x55 / 255, 0x55 / 255)  # field names, lighter than their values

ORGANISATION = TextStyle(font=BOLD, size=10, leading=17, align="center")
UNIT = TextStyle(size=8, leading=14, align="center")
CARD_HEADING = TextStyle(size=9, leading=16, align="center", space_before=10)
CODE = TextStyle(font=BOLD, size=17, leading=30, align="center", rtl=False, space_after=8)
CARD_ROW = 8.5  # size of a label and its value
CARD_ROW_LEADING = 19
CARD_FOOTER = TextStyle(size=7.5, leading=13, space_before=8)
LETTER_TEXT = TextStyle(size=11, leading=21, align="justify")
LETTER_GAP = 9  # points of space a blank line of the letter stands for


class LabelValue(Flowable):
    """«label value» on one line: the grey label at the right, the bold value wrapped beside it.

    The label and the first line of the value are drawn in two faces but read as ONE line of
    text (one ActualText span), so a reader gets «شهروند: ژاله قاسم‌زاده», space included.
    """

    def __init__(
        self, label: str, value: str, size: float = CARD_ROW, leading: float = CARD_ROW_LEADING
    ) -> None:
        super().__init__()
        register_fonts()
        self.label, self.value, self.size, self.leading = label, value or "—", size, leading
        self._lines: list[str] = []  # the value's lines, logical order
        self._indent = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        gap = stringWidth(" ", REGULAR, self.size)
        self._indent = text_width(self.label, REGULAR, self.size) + gap
        room = availWidth - self._indent
        if room < availWidth / 2:  # a long label: the value takes the lines below it
            self._indent, room = 0.0, availWidth
        self._lines = wrap_logical(self.value, BOLD, self.size, room)
        lines = len(self._lines) + (1 if self._indent == 0 else 0)
        self.width, self.height = availWidth, lines * self.leading
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        baseline = self.height - (self.leading - 1.15 * self.size) / 2 - 0.8 * self.size
        first = self._lines[0] if self._indent else ""
        with actual_text(c, shape(f"{self.label} {first}")):
            c.setFillColor(LABEL_GREY)
            c.setFont(REGULAR, self.size)
            c.drawRightString(self.width, baseline, shape(self.label))
            c.setFillColor(black)
            c.setFont(BOLD, self.size)
            if first:
                c.drawRightString(self.width - self._indent, baseline, shape(first))
        for line in self._lines[1 if first else 0 :]:
            baseline -= self.leading
            c.drawRightString(self.width - self._indent, baseline, shape(line))


class _LetterCanvas(page.NumberedCanvas):
    """The report's numbered canvas; a one-page letter carries no «صفحه ۱ از ۱»."""

    def _draw_footer(self, number: int, total: int) -> None:
        if total > 1:
            super()._draw_footer(number, total)


def card_story(card: Card) -> list[Flowable]:
    """The flowables of a card, top to bottom."""
    story: list[Flowable] = [
        RtlParagraph(card.organisation, ORGANISATION),
        RtlParagraph(card.unit, UNIT),
        RtlParagraph(card.heading, CARD_HEADING),
        RtlParagraph(card.code, CODE),
    ]
    story += [LabelValue(label, value) for label, value in card.rows]
    story.append(RtlParagraph(card.footer, CARD_FOOTER))
    return story


def letter_story(text: str) -> list[Flowable]:
    """A letter's plain text as flowables: lines kept, blank lines as space, paragraphs justified."""
    story: list[Flowable] = []
    block: list[str] = []
    blank = 0
    for line in [*(text or "").splitlines(), ""]:
        if line.strip():
            if blank and story:
                story.append(Spacer(1, blank * LETTER_GAP))
            blank = 0
            block.append(line)
            continue
        if block:
            story.append(RtlParagraph("\n".join(block), LETTER_TEXT))
            block = []
        blank += 1
    return story


def render_card(card: Card, out: Out) -> int:
    """Write a card as a one-page A6 PDF (more pages only if its rows overflow); returns pages."""
    return _build(
        out, CARD_PAGE, CARD_MARGIN, CARD_MARGIN, card.title, card_story(card), TextLayerCanvas
    )


def render_letter(text: str, out: Out, title: str) -> int:
    """Write a letter's (possibly edited) plain text as an A4 PDF; returns the pages."""
    story = letter_story(text) or [Spacer(1, 1)]
    return _build(
        out,
        LETTER_PAGE,
        page.MARGIN_X,
        page.MARGIN_TOP,
        title,
        story,
        _LetterCanvas,
        bottom=page.MARGIN_BOTTOM,
    )


def _build(
    out: Out,
    size: tuple[float, float],
    margin_x: float,
    margin_top: float,
    title: str,
    story: list[Flowable],
    canvas: type,
    bottom: float | None = None,
) -> int:
    """Lay the story out and write it (one PDF at a time); an unwritable target is a PolError."""
    register_fonts()
    target = str(out) if isinstance(out, Path) else out
    bottom = margin_top if bottom is None else bottom
    doc = BaseDocTemplate(
        target,
        pagesize=size,
        leftMargin=margin_x,
        rightMargin=margin_x,
        topMargin=margin_top,
        bottomMargin=bottom,
        title=title,
        author=GOVERNORATE,
        creator="Pol",
        lang="fa-IR",
        initialFontName=REGULAR,  # else every page references a (non-embedded) Helvetica
        initialFontSize=10,
    )
    frame = Frame(
        margin_x,
        bottom,
        size[0] - 2 * margin_x,
        size[1] - margin_top - bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate("page", [frame])])
    with PDF_LOCK:
        try:
            doc.build(story, canvasmaker=canvas)
        except OSError as exc:
            raise PolError(msg.pdf_not_written(str(out), exc)) from None
    return doc.page
