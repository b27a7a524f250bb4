"""reportlab Flowables that draw Persian through the text helper: paragraphs and table cells."""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.lib.colors import Color, black
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from app.services.reports.pdf.fonts import BOLD, REGULAR, register_fonts
from app.services.reports.pdf.text import actual_text, text_width, wrap_paragraphs


@dataclass(frozen=True)
class TextStyle:
    """How a block of text is set: face, size, leading, alignment and direction."""

    font: str = REGULAR
    size: float = 10
    leading: float = 17
    align: str = "right"  # right | center | left | justify
    color: Color = black
    rtl: bool = True
    space_before: float = 0
    space_after: float = 0
    fit_words: bool = False  # shrink the size until the longest word fits (table headers)

    def with_(self, **changes: object) -> TextStyle:
        """A copy of the style with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


BODY = TextStyle()
CELL = TextStyle(size=8.5, leading=13)
CELL_HEAD = TextStyle(font=BOLD, size=8.5, leading=13, align="center", fit_words=True)
CELL_NUM = TextStyle(size=8.5, leading=13, align="center")
HEADING = TextStyle(font=BOLD, size=13, leading=22, space_before=8, space_after=4)
SUBHEADING = TextStyle(font=BOLD, size=11, leading=19, space_before=6, space_after=2)
LATIN = TextStyle(size=8, leading=12, align="left", rtl=False)


class RtlParagraph(Flowable):
    """A Persian paragraph: wrapped in logical order, each line shaped and drawn on its own.

    It splits between lines across pages and inside table cells it wraps to the column width.
    """

    def __init__(
        self,
        text: str,
        style: TextStyle = BODY,
        _lines: list[tuple[str, bool]] | None = None,
    ) -> None:
        super().__init__()
        register_fonts()
        self.text = text
        self.style = style
        self._lines = _lines
        self._fixed = _lines is not None  # pieces of a split paragraph keep their lines
        self._wrapped_for: float | None = None

    # -- layout --------------------------------------------------------------------------------
    def _layout(self, width: float) -> list[tuple[str, bool]]:
        if not self._fixed and self._wrapped_for != width:
            s = self.style = _fitted(self.text, self.style, width)
            self._lines = wrap_paragraphs(self.text, s.font, s.size, width, s.rtl)
            self._wrapped_for = width
        return self._lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        lines = self._layout(availWidth)
        self.width = availWidth
        self.height = len(lines) * self.style.leading
        return self.width, self.height

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab API)
        return self.style.space_before

    def getSpaceAfter(self) -> float:  # noqa: N802 (reportlab API)
        return self.style.space_after

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        lines = self._layout(availWidth)
        fit = int(availHeight // self.style.leading)
        if fit < 2 or len(lines) < 4:
            return []  # keep at least two lines together on each side (no widows or orphans)
        fit = min(fit, len(lines) - 2)
        first = RtlParagraph(self.text, self.style.with_(space_after=0), _lines=lines[:fit])
        rest = RtlParagraph(self.text, self.style.with_(space_before=0), _lines=lines[fit:])
        return [first, rest]

    # -- drawing -------------------------------------------------------------------------------
    def draw(self) -> None:
        s = self.style
        c = self.canv
        c.setFillColor(s.color)
        c.setFont(s.font, s.size)
        # Centre an em box of Persian (ascenders ~0.8, descenders ~0.35 of the size) in each line.
        baseline_drop = (s.leading - 1.15 * s.size) / 2 + 0.8 * s.size
        for i, (line, last) in enumerate(self._lines or []):
            y = self.height - i * s.leading - baseline_drop
            if s.align == "justify" and not last:
                _draw_justified(c, line, s, self.width, y)
            elif s.align == "center":
                c.drawCentredString(self.width / 2, y, line)
            elif s.align == "left" or (s.align == "justify" and not s.rtl):
                c.drawString(0, y, line)
            else:
                c.drawRightString(self.width, y, line)


def _fitted(text: str, style: TextStyle, width: float) -> TextStyle:
    """The style, its size reduced (to 5.5 pt at least) so that no word has to be cut."""
    if not style.fit_words or width <= 0:
        return style
    longest = max(
        (text_width(w, style.font, style.size, style.rtl) for w in text.split()), default=0
    )
    if longest <= width:
        return style
    scale = max(5.5 / style.size, width / longest * 0.98)
    return style.with_(size=style.size * scale, leading=style.leading * scale)


def _draw_justified(canv: object, line: str, style: TextStyle, width: float, y: float) -> None:
    """Spread the (visual) words of a line so it fills the column edge to edge.

    The words are drawn one by one inside ONE text-layer span of the whole line, so a reader gets
    the line, not words that each read right on their own but stand in the wrong order.
    """
    with actual_text(canv, line):  # type: ignore[arg-type]
        _draw_spread(canv, line, style, width, y)


def _draw_spread(canv: object, line: str, style: TextStyle, width: float, y: float) -> None:
    words = line.split(" ")
    if len(words) < 2:
        canv.drawRightString(width, y, line)  # type: ignore[attr-defined]
        return
    widths = [stringWidth(w, style.font, style.size) for w in words]
    gap = (width - sum(widths)) / (len(words) - 1)
    if gap > 3 * stringWidth(" ", style.font, style.size):  # a nearly empty line: do not stretch
        canv.drawRightString(width, y, line)  # type: ignore[attr-defined]
        return
    x = 0.0
    for word, w in zip(words, widths, strict=True):
        canv.drawString(x, y, word)  # type: ignore[attr-defined]
        x += w + gap
