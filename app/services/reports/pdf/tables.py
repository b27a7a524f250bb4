"""Right-to-left tables: the first column on the right, header repeated, rows never split."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.platypus import Table, TableStyle

from app.services.reports.pdf.flowables import CELL, CELL_HEAD, CELL_NUM, RtlParagraph, TextStyle
from app.services.reports.pdf.fonts import BOLD, REGULAR
from app.services.reports.pdf.text import shape

HEAD_FILL = colors.Color(0.82, 0.82, 0.82)
ZEBRA_FILL = colors.Color(0.95, 0.95, 0.95)
TOTAL_FILL = colors.Color(0.88, 0.88, 0.88)
GRID = colors.Color(0.45, 0.45, 0.45)


def _cell(value: object, style: TextStyle, paragraph: bool) -> object:
    text = "" if value is None else str(value)
    if paragraph:
        return RtlParagraph(text, style)
    return shape(text)  # a short figure: one shaped string is cheaper than a flowable


def rtl_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    numeric: Sequence[bool] | None = None,
    total: Sequence[object] | None = None,
    font_size: float = 8.5,
) -> Table:
    """Build a table from columns in LOGICAL order (first = rightmost on the page).

    ``numeric[i]`` marks a column of already formatted figures (centred, one line); the other
    columns wrap inside their width. ``total`` is an optional last row set in bold.
    """
    n = len(header)
    numeric = list(numeric) if numeric is not None else [False] * n
    leading = font_size * 1.55
    text_style = CELL.with_(size=font_size, leading=leading)
    num_style = CELL_NUM.with_(size=font_size, leading=leading)
    head_style = CELL_HEAD.with_(size=font_size, leading=leading)

    data: list[list[object]] = [[RtlParagraph(h, head_style) for h in header]]
    for row in rows:
        data.append(
            [
                _cell(v, num_style if numeric[i] else text_style, not numeric[i])
                for i, v in enumerate(row)
            ]
        )
    if total is not None:
        bold_text = text_style.with_(font=BOLD)
        data.append([_cell(v, bold_text, not numeric[i]) for i, v in enumerate(total)])

    # Right to left: reverse every row and the widths so logical column 0 lands on the right.
    data = [list(reversed(r)) for r in data]
    col_widths = list(reversed(widths))
    table = Table(data, colWidths=col_widths, repeatRows=1, splitByRow=1, hAlign="CENTER")

    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, font_size, leading),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BOX", (0, 0), (-1, -1), 0.9, colors.black),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA_FILL]),
    ]
    if total is not None:
        commands += [
            ("FONT", (0, -1), (-1, -1), BOLD, font_size, leading),
            ("BACKGROUND", (0, -1), (-1, -1), TOTAL_FILL),
            ("LINEABOVE", (0, -1), (-1, -1), 0.9, colors.black),
        ]
    table.setStyle(TableStyle(commands))
    return table
