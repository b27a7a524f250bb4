"""No page of the quarterly report ends with a section heading: each stays with what follows."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from app.services.reports.objections import ObjectionFigures, ObjectionRow
from app.services.reports.pdf.quarterly import render_quarterly_report
from tests.reports.pdf_fixtures import AGENCIES, make_report
from tests.reports.pdftools import page_last_lines

SECTION_HEADING = re.compile(r"^[۰-۹]+- ")  # «۹- اعتراض شهروندان به پاسخ‌ها»


# Sizes that put headings at a page's foot: without keep-with-next, sections 4 and 6 (and 10
# with sixteen answerers) were left alone at the bottom of their pages.
@pytest.mark.parametrize(("deep_rooted", "answerers"), [(8, 12), (8, 16), (3, 4)])
def test_no_page_ends_with_a_section_heading(tmp_path: Path, deep_rooted: int,
                                             answerers: int) -> None:
    rows = tuple(ObjectionRow(AGENCIES[i], 5, 2, 2, 1) for i in range(answerers))
    report = dataclasses.replace(
        make_report(deep_rooted=deep_rooted),
        objections=ObjectionFigures(5 * answerers, 2 * answerers, 2 * answerers, answerers, rows))
    out = tmp_path / "report.pdf"
    render_quarterly_report(report, out)
    lasts = page_last_lines(out)
    assert len(lasts) > 5
    orphans = [(page, line) for page, line in enumerate(lasts, 1) if SECTION_HEADING.match(line)]
    assert orphans == []
