"""The page furniture: the official letterhead on page one, running header, «صفحه ۳ از ۱۲» footer."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.services.core.persian import to_persian_digits
from app.services.reports.pdf.fonts import BOLD, REGULAR
from app.services.reports.pdf.text import TextLayerCanvas, shape, text_width

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 16 * mm
MARGIN_TOP_FIRST = 14 * mm + 164  # room for the letterhead
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 18 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X


def page_label(page: int, total: int) -> str:
    """The footer text of a page, e.g. «صفحه ۳ از ۱۲» (logical order)."""
    return f"صفحه {to_persian_digits(page)} از {to_persian_digits(total)}"


@dataclass(frozen=True)
class Letterhead:
    """What the first page's header and every running header show (Persian, logical order)."""

    organisation: str  # «استانداری آذربایجان شرقی»
    unit: str  # the directorate that prepares the report
    title: str
    quarter_label: str
    period: str  # «از ۱۴۰۵/۰۷/۰۱ تا ۱۴۰۵/۰۹/۳۰»
    number: str
    date: str  # Jalali, Persian digits
    attachments: str = "دارد (نمودارها)"


def _right(c: Canvas, x: float, y: float, text: str, font: str = REGULAR, size: float = 10) -> None:
    c.setFont(font, size)
    c.drawRightString(x, y, shape(text))


def _centre(c: Canvas, y: float, text: str, font: str = REGULAR, size: float = 10) -> None:
    c.setFont(font, size)
    c.drawCentredString(PAGE_WIDTH / 2, y, shape(text))


def draw_letterhead(c: Canvas, head: Letterhead) -> None:
    """Page one: «بسمه تعالی», the organisation on the right, number/date on the left, the title."""
    c.saveState()
    top = PAGE_HEIGHT - 14 * mm
    right = PAGE_WIDTH - MARGIN_X
    _centre(c, top, "بسمه تعالی", BOLD, 12)
    _right(c, right, top - 22, "جمهوری اسلامی ایران", BOLD, 10)
    _right(c, right, top - 38, "وزارت کشور", REGULAR, 10)
    _right(c, right, top - 54, head.organisation, BOLD, 10.5)
    _right(c, right, top - 70, head.unit, REGULAR, 8.5)

    # The number/date block sits on the left; its labels are right-aligned in a narrow column.
    label_right = MARGIN_X + 48 * mm
    for i, (label, value) in enumerate(
        (("شماره:", head.number), ("تاریخ:", head.date), ("پیوست:", head.attachments))
    ):
        y = top - 22 - 16 * i
        _right(c, label_right, y, label, BOLD, 9.5)
        gap = text_width(label, BOLD, 9.5) + 5
        _right(c, label_right - gap, y, value, REGULAR, 9.5)

    c.setStrokeColor(colors.black)
    c.setLineWidth(1.2)
    c.line(MARGIN_X, top - 82, right, top - 82)
    c.setLineWidth(0.4)
    c.line(MARGIN_X, top - 85, right, top - 85)
    _centre(c, top - 108, head.title, BOLD, 14)
    _centre(c, top - 128, head.quarter_label, BOLD, 12)
    _centre(c, top - 145, head.period, REGULAR, 9.5)
    c.restoreState()


def draw_running_header(c: Canvas, head: Letterhead) -> None:
    """Pages after the first: the title on the right, the quarter on the left, a rule below."""
    c.saveState()
    y = PAGE_HEIGHT - 13 * mm
    _right(c, PAGE_WIDTH - MARGIN_X, y, head.title, REGULAR, 8)
    c.setFont(REGULAR, 8)
    c.drawString(MARGIN_X, y, shape(head.quarter_label))
    c.setLineWidth(0.5)
    c.line(MARGIN_X, y - 5, PAGE_WIDTH - MARGIN_X, y - 5)
    c.restoreState()


class NumberedCanvas(TextLayerCanvas):
    """A canvas that knows the page count: it keeps each page until save() writes the footers."""

    footer_note = ""  # set by the renderer: e.g. the report number, printed on the left

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._pages: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab API)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        self.saveState()
        y = MARGIN_BOTTOM - 9 * mm
        self.setLineWidth(0.5)
        self.line(MARGIN_X, y + 11, PAGE_WIDTH - MARGIN_X, y + 11)
        self.setFont(REGULAR, 8.5)
        self.drawCentredString(PAGE_WIDTH / 2, y, shape(page_label(number, total)))
        if self.footer_note:
            self.drawString(MARGIN_X, y, shape(self.footer_note))
        self.restoreState()
