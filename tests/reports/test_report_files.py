"""The quarterly report written from a real database: CLI, PDF pages and the .xlsx workbook."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.demo.generator import DemoGenerator
from app.services.core import audit, jalali
from app.services.reports.service import write_quarterly_report

TODAY = date(2026, 11, 28)  # 1405/09/07: the last finished quarter is 1405 Q2


@pytest.fixture
def filled(services):  # noqa: ANN001, ANN201
    """A database with a year of demo data."""
    DemoGenerator(services.db, seed=9, today=TODAY).run(2500)
    return services


def test_cli_writes_pdf_and_reports_timings(filled, tmp_path, capsys) -> None:
    """`report quarterly` writes a PDF and prints the time spent in queries and rendering."""
    out = tmp_path / "r.pdf"
    assert main(["--db", filled.db.url, "report", "quarterly", "--year", "1405", "--quarter",
                 "2", "--out", str(out)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["year"] == 1405 and printed["quarter"] == 2
    assert set(printed["seconds"]) >= {"queries", "render"}
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    pages = re.findall(rb"/Type\s*/Page[^s]", data)
    assert len(pages) >= 5  # letterhead and summary, meetings, agencies, counties, narratives


def test_xlsx_has_one_rtl_sheet_per_table_with_the_report_numbers(filled, tmp_path) -> None:
    """The workbook carries the same figures as the report, on right-to-left sheets."""
    out = tmp_path / "r.xlsx"
    write_quarterly_report(filled.stats, 1405, 2, out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["خلاصه", "مجرای دریافت", "نوع درخواست", "جدول ۱ دستگاه و نوع",
                             "دیدارهای مردمی", "ارجاعات دستگاه‌ها", "شهرستان‌ها",
                             "موارد ریشه‌دار", "اعتراض‌ها", "رویدادها", "زنجیرهٔ ممیزی"]
    assert all(ws.sheet_view.rightToLeft for ws in wb.worksheets)
    summary = filled.stats.quarter_summary(1405, 2)
    rows = {r[0]: r[2] for r in wb["خلاصه"].iter_rows(min_row=2, values_only=True)}
    units = {r[0]: r[1] for r in wb["خلاصه"].iter_rows(min_row=2, values_only=True)}
    assert units["ارجاع به دستگاه"] == "درخواست"
    assert units["نامه‌های ارجاع این سه‌ماهه"] == "نامه ارجاع"
    assert rows["تاریخ مبنا (وضع همه ارقام در پایان این روز)"] == "۱۴۰۵/۰۶/۳۱"
    assert rows["درخواست‌های دریافتی"] == summary.received
    assert rows["ارجاع به دستگاه"] == summary.referred
    assert wb["خلاصه"].cell(1, 3).value == jalali.quarter_label(1405, 2)
    counties = [r[0] for r in wb["شهرستان‌ها"].iter_rows(min_row=2, values_only=True)]
    assert "هوراند" in counties and len(counties) == 23
    chain = audit.verify_chain(filled.db)
    anchor = [r[1] for r in wb["زنجیرهٔ ممیزی"].iter_rows(min_row=2, values_only=True)]
    assert anchor == [chain.head_hash, chain.checked]
