"""Produce the quarterly report as a file: statistics from the database, then PDF or .xlsx."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from app.services.core.context import Actor
from app.services.reports.statistics import StatisticsService

Progress = Callable[[int, str], None]


def write_quarterly_report(stats: StatisticsService, year: int, quarter: int, out: Path,
                           number: str = "", progress: Progress | None = None,
                           actor: Actor | None = None) -> dict[str, float]:
    """Compute the quarter's statistics and write them; returns seconds spent per phase.

    A county-limited actor's report counts only their counties.
    """
    progress = progress or (lambda _p, _m: None)
    progress(5, "محاسبهٔ آمار سه‌ماهه")
    t0 = time.perf_counter()
    report = stats.quarterly_report(year, quarter, report_number=number, actor=actor)
    t1 = time.perf_counter()
    progress(40, "ساخت فایل گزارش")
    if out.suffix.lower() == ".xlsx":
        from app.services.reports.xlsx import write_quarterly_xlsx

        write_quarterly_xlsx(report, out)
    else:
        from app.services.reports.pdf.fonts import PDF_LOCK
        from app.services.reports.pdf.quarterly import render_quarterly_report

        with PDF_LOCK:  # a slip or a letter may be written on the other worker thread
            render_quarterly_report(
                report, out, progress=lambda p, m: progress(40 + p * 60 // 100, m)
            )
    t2 = time.perf_counter()
    progress(100, "گزارش آماده است")
    return {"queries": t1 - t0, "render": t2 - t1, **{f"query.{k}": v for k, v in report.timings.items()}}


class ReportService:
    """Report files a view asks for: the quarterly report and the agencies' performance sheet."""

    def __init__(self, stats: StatisticsService) -> None:
        self.stats = stats

    def write_quarterly(self, year: int, quarter: int, out: Path, number: str = "",
                        progress: Progress | None = None,
                        actor: Actor | None = None) -> dict[str, float]:
        """Compute the quarter's statistics and write the PDF or .xlsx file."""
        return write_quarterly_report(self.stats, year, quarter, out, number=number,
                                      progress=progress, actor=actor)
