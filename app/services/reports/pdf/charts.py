"""Vector charts (reportlab.graphics) for the quarterly report, printable in black and white.

Every label goes through the text helper; categories run right to left like the tables.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors

from app.services.core.persian import format_number, format_percent
from app.services.reports.dto import CountRow
from app.services.reports.pdf.fonts import BOLD, REGULAR, register_fonts
from app.services.reports.pdf.text import shape, text_width, wrap_logical

DARK = colors.Color(0.18, 0.18, 0.18)
LIGHT = colors.Color(0.78, 0.78, 0.78)
AXIS = colors.Color(0.35, 0.35, 0.35)
GRIDLINE = colors.Color(0.85, 0.85, 0.85)


def _label(
    x: float,
    y: float,
    text: str,
    size: float = 7.5,
    anchor: str = "end",
    font: str = REGULAR,
    color: colors.Color = colors.black,
) -> String:
    """A one-line Persian label; ``anchor`` is reportlab's textAnchor (end = right-aligned)."""
    return String(
        x, y, shape(text), fontName=font, fontSize=size, textAnchor=anchor, fillColor=color
    )


def _drawing(width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    d.initialFontName = REGULAR  # else the renderer sets (and the PDF references) Helvetica
    d.initialFontSize = 8
    return d


def _nice_axis(value: float, intervals: int = 5) -> tuple[float, int]:
    """A round axis top and its number of intervals: steps of 1, 2, 2.5 or 5 times a power of 10."""
    if value <= 0:
        return 1.0, intervals
    raw = value / intervals
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if step < 1:
        step = 1.0  # counts: no fractional gridlines
    count = max(1, math.ceil(value / step))
    return step * count, count


def _legend(d: Drawing, right: float, y: float, items: Sequence[tuple[str, colors.Color]]) -> None:
    """A right-to-left legend: swatch, then its label to the left, items leftwards."""
    x = right
    for text, fill in items:
        d.add(Rect(x - 9, y - 1, 9, 7, fillColor=fill, strokeColor=colors.black, strokeWidth=0.4))
        d.add(_label(x - 13, y, text, size=7.5))
        x -= 13 + text_width(text, REGULAR, 7.5) + 16


def compare_bars(
    rows: Sequence[CountRow],
    title: str,
    width: float,
    height: float = 190,
    current_label: str = "سه‌ماهه جاری",
    previous_label: str = "سه‌ماهه قبل",
) -> Drawing:
    """Grouped vertical bars, this quarter (dark) beside the previous one (light), per category.

    The first category stands on the right. Category names wrap onto two lines under the axis.
    """
    register_fonts()
    d = _drawing(width, height)
    d.add(_label(width, height - 11, title, size=9.5, font=BOLD))
    _legend(d, width, height - 26, [(current_label, DARK), (previous_label, LIGHT)])

    left, right, bottom, top = 34.0, width - 4, 34.0, height - 40
    peak, intervals = _nice_axis(max([max(r.count, r.previous) for r in rows] + [1]))
    scale = (top - bottom) / peak
    for i in range(intervals + 1):  # value gridlines with Persian figures on the left axis
        v = peak * i / intervals
        y = bottom + v * scale
        d.add(Line(left, y, right, y, strokeColor=GRIDLINE if i else AXIS, strokeWidth=0.5))
        d.add(_label(left - 3, y - 2.5, format_number(v), size=6.5))

    n = max(1, len(rows))
    slot = (right - left) / n
    bar = min(24.0, slot * 0.36)
    for i, row in enumerate(rows):
        centre = right - slot * (i + 0.5)  # right to left
        # The current quarter stands on the right of the pair, as it is read first.
        for value, fill, x in (
            (row.count, DARK, centre + 0.5),
            (row.previous, LIGHT, centre - bar - 0.5),
        ):
            h = value * scale
            d.add(
                Rect(x, bottom, bar, h, fillColor=fill, strokeColor=colors.black, strokeWidth=0.4)
            )
            figure = format_number(value)
            size = min(6.5, 6.5 * (bar + 2) / max(1.0, text_width(figure, REGULAR, 6.5)))
            d.add(_label(x + bar / 2, bottom + h + 2, figure, size=max(4.5, size), anchor="middle"))
        lines = wrap_logical(row.label, REGULAR, 7, slot - 4)[:2]
        for k, line in enumerate(lines):
            d.add(_label(centre, bottom - 10 - 9 * k, line, size=7, anchor="middle"))
    return d


def share_bars(
    items: Sequence[tuple[str, float, str]],
    title: str,
    width: float,
    bar_height: float = 9.5,
    gap: float = 5,
    label_width: float = 150,
) -> Drawing:
    """Horizontal bars of shares (0..1) with the names on the right, growing leftwards.

    Each item is (name, share, annotation); the annotation (e.g. «۳۵ از ۴۰») follows the figure.
    """
    register_fonts()
    rows = len(items)
    height = 30 + rows * (bar_height + gap) + 16
    d = _drawing(width, height)
    d.add(_label(width, height - 11, title, size=9.5, font=BOLD))
    plot_right = width - label_width
    plot_left = 70.0
    top = height - 24
    span = plot_right - plot_left
    for i in range(6):  # gridlines at 0, 20 … 100 percent, 0 on the right
        x = plot_right - span * i / 5
        d.add(Line(x, 14, x, top, strokeColor=GRIDLINE if i else AXIS, strokeWidth=0.5))
        d.add(_label(x, 5, format_percent(i / 5), size=6.5, anchor="middle"))
    for i, (name, share, note) in enumerate(items):
        y = top - (i + 1) * (bar_height + gap) + gap / 2
        w = max(0.0, min(1.0, share)) * span
        d.add(
            Rect(
                plot_right - w,
                y,
                w,
                bar_height,
                fillColor=DARK if share >= 0.8 else LIGHT,
                strokeColor=colors.black,
                strokeWidth=0.4,
            )
        )
        name_line = wrap_logical(name, REGULAR, 7, label_width - 6)[0]
        d.add(_label(width - 2, y + 2.2, name_line, size=7))
        text = format_percent(share) + ("  " + note if note else "")
        d.add(_label(plot_right - w - 3, y + 2.2, text, size=6.5))
    return d


Parts = Sequence[tuple[str, int]]


def split_bars(
    groups: Sequence[tuple[str, Sequence[tuple[str, Parts]]]],
    title: str,
    width: float,
    label_width: float = 95,
) -> Drawing:
    """100% stacked bars in titled groups: each bar splits a whole (e.g. direct / referred).

    ``groups`` holds (group sub-title, [(bar label, [(part label, count), …]), …]); the sub-title
    says what the pair of bars compares. The first part of a bar is dark and on the right.
    """
    register_fonts()
    fills = [DARK, LIGHT, colors.white]
    row_h, legend_h, sub_h = 13.0, 12.0, 16.0
    bars = sum(len(rows) for _, rows in groups)
    height = 18 + len(groups) * sub_h + bars * (row_h + legend_h + 6)
    d = _drawing(width, height)
    d.add(_label(width, height - 11, title, size=9.5, font=BOLD))
    plot_right = width - label_width
    span = plot_right - 4
    y = height - 20
    for subtitle, rows in groups:
        y -= sub_h - 4
        d.add(_label(width - 2, y, subtitle, size=8.5, font=BOLD))
        y -= 4
        for row_label, parts in rows:
            y -= row_h
            total = sum(c for _, c in parts) or 1
            d.add(_label(width - 2, y + 3.5, row_label, size=7.5))
            x = plot_right
            for k, (_, count) in enumerate(parts):
                w = span * count / total
                d.add(Rect(x - w, y, w, row_h, fillColor=fills[k % 3], strokeColor=colors.black,
                           strokeWidth=0.4))
                x -= w
            legend = [
                (f"{part} {format_number(count)} ({format_percent(count / total)})", fills[k % 3])
                for k, (part, count) in enumerate(parts)
            ]
            _legend(d, plot_right, y - legend_h + 2, legend)
            y -= legend_h + 6
    return d
