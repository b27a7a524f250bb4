"""An official letter of the office (نامهٔ اداری) on the governorate's letterhead, A4.

Page one carries the letterhead: «بسمه تعالی» above, the Islamic Republic, the ministry, the
governorate and the office on the right, the number / date / attachment / classification /
priority block on the left, a double rule below. A confidential letter is stamped «محرمانه» in a
box at the top of page one and marked at the head and foot of every page; an urgent one carries
its «فوری» or «آنی» stamp. Then the addressee, the subject, the body (justified), the signature
block at the left and the copies (رونوشت) below. Every string goes through the one text helper
(text.py) and is drawn on its text-layer canvas, so `pdftotext` reads ordinary Persian and the
letter number exactly as stored (Latin digits, left to right, like on every screen).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.colors import Color, black
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Spacer,
)

from app.errors import PolError
from app.services.core import jalali
from app.services.core import messages as msg
from app.services.letters.dto import OfficialLetter
from app.services.reports.pdf import page
from app.services.reports.pdf.documents import Out
from app.services.reports.pdf.dto import LETTER_PAGE
from app.services.reports.pdf.flowables import RtlParagraph, TextStyle
from app.services.reports.pdf.fonts import BOLD, PDF_LOCK, REGULAR, register_fonts
from app.services.reports.pdf.text import actual_text, shape, text_width, wrap_logical

WIDTH, HEIGHT = LETTER_PAGE
MARGIN_X = 20 * mm
TOP = HEIGHT - 14 * mm  # baseline of «بسمه تعالی»
HEAD_HEIGHT = 50 * mm  # page one's letterhead, from the top edge to the rule
MARGIN_TOP_LATER = 24 * mm
MARGIN_BOTTOM = 20 * mm
STAMP_RED = Color(0.62, 0.05, 0.05)  # the classification / priority stamps
GREY = Color(0.33, 0.33, 0.33)
UNNUMBERED = "...................."
SIGNATURE_WIDTH = 72 * mm

ISLAMIC_REPUBLIC = "جمهوری اسلامی ایران"
MINISTRY = "وزارت کشور"
BISMILLAH = "بسمه تعالی"
NUMBER_LABEL, DATE_LABEL, ATTACHMENT_LABEL = "شماره:", "تاریخ:", "پیوست:"
CLASS_LABEL, PRIORITY_LABEL = "طبقه‌بندی:", "فوریت:"
SUBJECT_LABEL = "موضوع:"
COPIES_LABEL = "رونوشت:"
CONFIDENTIAL = "محرمانه"
CONTINUED = "ادامهٔ نامهٔ شمارهٔ"

RECIPIENT = TextStyle(font=BOLD, size=12, leading=22, space_after=2)
SUBJECT = TextStyle(font=BOLD, size=11, leading=20, space_after=8)
BODY = TextStyle(size=11.5, leading=23, align="justify", space_after=5)
SIGNER = TextStyle(font=BOLD, size=11.5, leading=20, align="center")
SIGNER_TITLE = TextStyle(size=10, leading=17, align="center")
COPIES_HEAD = TextStyle(font=BOLD, size=9.5, leading=16, space_before=14)
COPY = TextStyle(size=9.5, leading=16)


def number_text(letter: OfficialLetter) -> str:
    """The number as printed: exactly as stored (dots when not yet numbered).

    It is set right to left like the rest of the letter, as the secretariat types it: «3/ص/1405-17»
    reads 3, ص, 1405-17 from the right. An isolated left-to-right run would put «ص» between
    digits of a Latin run, which a reader of the text layer reorders into nonsense.
    """
    return letter.number or UNNUMBERED


def _right(c: Canvas, x: float, y: float, text: str, font: str = REGULAR,
           size: float = 10, persian_digits: bool = True) -> None:
    c.setFont(font, size)
    c.drawRightString(x, y, shape(text, persian_digits=persian_digits))


def _centre(c: Canvas, x: float, y: float, text: str, font: str = REGULAR,
            size: float = 10) -> None:
    c.setFont(font, size)
    c.drawCentredString(x, y, shape(text))


def _stamp(c: Canvas, x_left: float, y: float, text: str, size: float) -> float:
    """A boxed red stamp whose left edge is at x_left (text baseline y); returns its right edge."""
    width = text_width(text, BOLD, size) + size * 1.4
    c.saveState()
    c.setStrokeColor(STAMP_RED)
    c.setFillColor(STAMP_RED)
    c.setLineWidth(1.6)
    c.rect(x_left, y - size * 0.55, width, size * 1.9, stroke=1, fill=0)
    _centre(c, x_left + width / 2, y, text, BOLD, size)
    c.restoreState()
    return x_left + width


def _header_rows(letter: OfficialLetter) -> list[tuple[str, str]]:
    return [
        (NUMBER_LABEL, number_text(letter)),
        (DATE_LABEL, jalali.format_jalali(letter.day)),
        (ATTACHMENT_LABEL, letter.attachments),
        (CLASS_LABEL, letter.classification_label),
        (PRIORITY_LABEL, letter.priority_label),
    ]


def draw_letterhead(c: Canvas, letter: OfficialLetter) -> None:
    """Page one's letterhead (see the module's docstring)."""
    c.saveState()
    right = WIDTH - MARGIN_X
    _centre(c, WIDTH / 2, TOP, BISMILLAH, BOLD, 13)
    # The state and the office, right-aligned, each centred on the widest line of the block.
    lines = [(ISLAMIC_REPUBLIC, BOLD, 10), (MINISTRY, REGULAR, 10),
             (letter.organisation, BOLD, 11), (letter.unit, REGULAR, 8.5)]
    block = max(text_width(t, f, s) for t, f, s in lines)
    for i, (text, font, size) in enumerate(lines):
        _centre(c, right - block / 2, TOP - 24 - 17 * i, text, font, size)
    # Number, date, attachment, classification, priority: labels in one column on the left.
    rows = _header_rows(letter)
    size = 9.5
    labels = max(text_width(label, BOLD, size) for label, _ in rows)
    values = max(text_width(value, REGULAR, size) for _, value in rows)
    label_right = MARGIN_X + max(48 * mm, labels + values + 8)
    for i, (label, value) in enumerate(rows):
        y = TOP - 24 - 14.5 * i
        strong = (label == CLASS_LABEL and letter.confidential) or (
            label == PRIORITY_LABEL and letter.priority != "normal")
        # Label and value read as ONE line of the text layer («شماره: 3/ص/1405-17»); the
        # values carry their own digits (the number as stored, the date in Persian).
        with actual_text(c, shape(f"{label} {value}", persian_digits=False)):
            _right(c, label_right, y, label, BOLD, size)
            if strong:
                c.setFillColor(STAMP_RED)
            _right(c, label_right - labels - 6, y, value, BOLD if strong else REGULAR, size,
                   persian_digits=False)
            c.setFillColor(black)
    # The stamps: «محرمانه» large at the top left, the priority beside it.
    x = MARGIN_X
    if letter.confidential:
        x = _stamp(c, x, TOP - 2, CONFIDENTIAL, 15) + 8
    if letter.priority != "normal":
        _stamp(c, x, TOP - 1, letter.priority_label, 12)
    rule = HEIGHT - HEAD_HEIGHT
    c.setStrokeColor(black)
    c.setLineWidth(1.2)
    c.line(MARGIN_X, rule + 3, right, rule + 3)
    c.setLineWidth(0.4)
    c.line(MARGIN_X, rule, right, rule)
    c.restoreState()


def draw_later_header(c: Canvas, letter: OfficialLetter) -> None:
    """Pages after the first: which letter this continues, and its classification."""
    c.saveState()
    y = HEIGHT - 14 * mm
    c.setFillColor(GREY)
    _right(c, WIDTH - MARGIN_X, y,
           f"{CONTINUED} {number_text(letter)} مورخ {jalali.format_jalali(letter.day)}",
           REGULAR, 8.5)
    c.setFillColor(black)
    if letter.confidential:
        _stamp(c, MARGIN_X, y, CONFIDENTIAL, 11)
    c.setLineWidth(0.5)
    c.line(MARGIN_X, y - 7, WIDTH - MARGIN_X, y - 7)
    c.restoreState()


def draw_foot_mark(c: Canvas, letter: OfficialLetter) -> None:
    """A confidential letter says so at the foot of every page too."""
    if letter.confidential:
        c.saveState()
        c.setFillColor(STAMP_RED)
        _centre(c, WIDTH / 2, MARGIN_BOTTOM - 16 * mm, CONFIDENTIAL, BOLD, 10)
        c.restoreState()


class SignatureBlock(Flowable):
    """The signatory's name and title, centred in a column at the left of the page."""

    def __init__(self, name: str, title: str) -> None:
        super().__init__()
        register_fonts()
        self.name, self.title = name, title
        self._lines: list[tuple[str, TextStyle]] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        column = min(SIGNATURE_WIDTH, availWidth)
        self._lines = [(ln, SIGNER) for ln in wrap_logical(self.name, BOLD, SIGNER.size, column)]
        self._lines += [(ln, SIGNER_TITLE)
                        for ln in wrap_logical(self.title, REGULAR, SIGNER_TITLE.size, column)]
        self.width = availWidth
        self.height = 26 + sum(style.leading for _, style in self._lines)
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        centre = min(SIGNATURE_WIDTH, self.width) / 2
        y = self.height - 26  # room above the name for the signature itself
        for line, style in self._lines:
            y -= style.leading
            _centre(c, centre, y + (style.leading - style.size) / 2, line, style.font,
                    style.size)


class _Canvas(page.NumberedCanvas):
    """The report's numbered canvas; a one-page letter carries no «صفحه ۱ از ۱»."""

    def _draw_footer(self, number: int, total: int) -> None:
        if total > 1:
            super()._draw_footer(number, total)


def letter_story(letter: OfficialLetter) -> list[Flowable]:
    """The flowables of the letter below its letterhead, top to bottom."""
    story: list[Flowable] = [NextPageTemplate("later")]
    if letter.recipient:
        story.append(RtlParagraph(letter.recipient, RECIPIENT))
    if letter.subject:
        story.append(RtlParagraph(f"{SUBJECT_LABEL} {letter.subject}", SUBJECT))
    story += [RtlParagraph(p, BODY) for p in letter.paragraphs if p.strip()]
    story.append(KeepTogether([Spacer(1, 6),
                               SignatureBlock(letter.signatory_name, letter.signatory_title)]))
    if letter.copies:
        copies: list[Flowable] = [RtlParagraph(COPIES_LABEL, COPIES_HEAD)]
        copies += [RtlParagraph(f"- {line}", COPY) for line in letter.copies]
        story.append(KeepTogether(copies))
    return story


def render_official_letter(letter: OfficialLetter, out: Out | Path,
                           annex: list[Flowable] | None = None) -> int:
    """Write the letter as an A4 PDF (one PDF at a time); returns its pages.

    `annex`: flowables printed after the signature and copies, e.g. a covering letter's table
    of the requests it refers (issue 14 §1).

    An unwritable target is a PolError with a Persian message.
    """
    register_fonts()
    target = str(out) if isinstance(out, Path) else out
    doc = BaseDocTemplate(
        target, pagesize=LETTER_PAGE, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP_LATER, bottomMargin=MARGIN_BOTTOM, title=letter.title,
        author=letter.organisation, creator="Pol", lang="fa-IR",
        initialFontName=REGULAR, initialFontSize=10,
    )
    frame_width = WIDTH - 2 * MARGIN_X
    first = Frame(MARGIN_X, MARGIN_BOTTOM, frame_width,
                  HEIGHT - HEAD_HEIGHT - 8 * mm - MARGIN_BOTTOM, 0, 0, 0, 0, id="first")
    later = Frame(MARGIN_X, MARGIN_BOTTOM, frame_width,
                  HEIGHT - MARGIN_TOP_LATER - MARGIN_BOTTOM, 0, 0, 0, 0, id="later")

    def on_first(c: Canvas, _doc: BaseDocTemplate) -> None:
        draw_letterhead(c, letter)
        draw_foot_mark(c, letter)

    def on_later(c: Canvas, _doc: BaseDocTemplate) -> None:
        draw_later_header(c, letter)
        draw_foot_mark(c, letter)

    doc.addPageTemplates([PageTemplate("first", [first], onPage=on_first),
                          PageTemplate("later", [later], onPage=on_later)])
    with PDF_LOCK:
        try:
            doc.build(letter_story(letter) + list(annex or ()), canvasmaker=_Canvas)
        except OSError as exc:
            raise PolError(msg.pdf_not_written(str(out), exc)) from None
    return doc.page
