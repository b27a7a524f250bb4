"""Render the quarterly report (QuarterlyReport DTO) as an A4 PDF with reportlab; no Qt, no database.

reportlab is not thread-safe: run one render at a time (views/background.py serialises PDF jobs).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageTemplate

from app.services.core.jalali import format_jalali, quarter_label
from app.services.core.persian import to_persian_digits
from app.services.reports.dto import QuarterlyReport
from app.services.reports.pdf import (
    calls,
    narrative,
    objections,
    page,
    pauses,
    repeats,
    sections,
    summary,
)
from app.services.reports.pdf.events import events_section
from app.services.reports.pdf.fonts import REGULAR, register_fonts

Progress = Callable[[int, str], None]

TITLE = "گزارش سه‌ماهه دیدارهای مردمی و پاسخگویی به درخواست‌های مردمی"
UNIT = "دفتر بازرسی، مدیریت عملکرد و امور حقوقی"


def letterhead(report: QuarterlyReport) -> page.Letterhead:
    """The header facts of a report, formatted for print."""
    s = report.summary
    return page.Letterhead(
        organisation=report.province,
        unit=UNIT,
        title=TITLE,
        quarter_label=quarter_label(report.year, report.quarter),
        period=f"دوره گزارش: از {format_jalali(s.start)} تا {format_jalali(s.end)}",
        number=to_persian_digits(report.report_number) or "—",
        date=format_jalali(report.issued_on),
    )


def _document(out: str | Path | BinaryIO, head: page.Letterhead) -> BaseDocTemplate:
    register_fonts()
    target = str(out) if isinstance(out, Path) else out
    doc = BaseDocTemplate(
        target,
        pagesize=(page.PAGE_WIDTH, page.PAGE_HEIGHT),
        leftMargin=page.MARGIN_X,
        rightMargin=page.MARGIN_X,
        topMargin=page.MARGIN_TOP,
        bottomMargin=page.MARGIN_BOTTOM,
        title="گزارش سه‌ماهه دیدارهای مردمی",  # metadata: shapers in viewers handle it themselves
        subject=head.quarter_label,
        author=head.organisation,
        creator="Pol",
        lang="fa-IR",
        initialFontName=REGULAR,  # else every page references a (non-embedded) Helvetica
        initialFontSize=10,
    )
    height_first = page.PAGE_HEIGHT - page.MARGIN_TOP_FIRST - page.MARGIN_BOTTOM
    height_later = page.PAGE_HEIGHT - page.MARGIN_TOP - page.MARGIN_BOTTOM
    first = Frame(
        page.MARGIN_X,
        page.MARGIN_BOTTOM,
        page.FRAME_WIDTH,
        height_first,
        id="first",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    later = Frame(
        page.MARGIN_X,
        page.MARGIN_BOTTOM,
        page.FRAME_WIDTH,
        height_later,
        id="later",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates(
        [
            PageTemplate("first", [first], onPage=lambda c, d: page.draw_letterhead(c, head)),
            PageTemplate("later", [later], onPage=lambda c, d: page.draw_running_header(c, head)),
        ]
    )
    return doc


def render_quarterly_report(
    report: QuarterlyReport,
    out: str | Path | BinaryIO,
    progress: Progress | None = None,
) -> None:
    """Write the quarterly report as a PDF to a path or a binary file object.

    ``progress(percent, message)`` is called at each stage with a Persian message.
    """
    say = progress or (lambda _p, _m: None)
    say(0, "آماده‌سازی قلم‌ها")
    register_fonts()
    head = letterhead(report)

    say(10, "تهیه خلاصه و نمودارها")
    story = [NextPageTemplate("later")]
    story += summary.summary_section(report)
    story += summary.channels_section(report)
    story += sections.agency_types_section(report)
    say(30, "تهیه جدول دیدارهای مردمی")
    story += sections.meetings_section(report)
    say(45, "تهیه جدول دستگاه‌های اجرایی و شهرستان‌ها")
    story += sections.agencies_section(report)
    story += sections.counties_section(report)
    say(55, "تهیه موارد ریشه‌دار")
    story += narrative.deep_rooted_section(report)
    # Issue 13's case depth: repeat visits, objections, satisfaction calls, stopped clocks.
    story += repeats.repeats_section(report)
    story += objections.objections_section(report)
    story += calls.calls_section(report)
    story += pauses.pauses_section(report)
    story += events_section(report)  # issue 14 §1
    story += narrative.closing_section(report)

    say(65, "صفحه‌آرایی")
    doc = _document(out, head)
    note = f"شماره گزارش: {head.number}"
    canvas_class = type("ReportCanvas", (page.NumberedCanvas,), {"footer_note": note})
    doc.build(story, canvasmaker=canvas_class)
    say(100, "گزارش آماده شد")
