"""Read the printed report like a person: rasterise it and OCR it with Tesseract's Persian model.

Catches what a text-layer test cannot: letters printed unjoined, words reversed, lines bottom-up.
Skipped without pdftoppm/tesseract/fas unless POL_REQUIRE_OCR=1 (then it fails instead).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services.reports.pdf.fonts import REGULAR
from app.services.reports.pdf.narrative import NARRATIVE
from app.services.reports.pdf.page import FRAME_WIDTH
from app.services.reports.pdf.quarterly import TITLE
from app.services.reports.pdf.text import wrap_logical
from tests.reports.pdf_fixtures import AGENCIES, COUNTIES, LONG_ACTIONS
from tests.reports.pdftools import best_window, norm, ocr_pages, require_ocr

pytestmark = pytest.mark.ocr

TOLERANCE = 0.15  # character error rate under which a phrase counts as read (as pdf-read-check)

HEADINGS = [
    "بسمه تعالی",
    "استانداری آذربایجان شرقی",
    TITLE,
    "سه‌ماهه سوم ۱۴۰۵ (پاییز)",
    "خلاصه عملکرد سه‌ماهه",
    "دیدارهای مردمی مدیران",
    "ارجاعات به دستگاه‌های اجرایی",
    "درخواست‌ها به تفکیک شهرستان",
    "موارد ریشه‌دار و اقدامات انجام‌شده",
    "معاون توسعه مدیریت و منابع",
]


@pytest.fixture(scope="module")
def ocr_text(report_pdf: Path) -> list[str]:
    require_ocr()
    return ocr_pages(report_pdf)


def cer(phrase: str, pages: list[str]) -> float:
    needle = norm(phrase)
    return min(best_window(needle, page)[0] for page in pages) / max(1, len(needle))


def test_headings_are_read(ocr_text: list[str]) -> None:
    rates = {h: round(cer(h, ocr_text), 2) for h in HEADINGS}
    assert not {h: r for h, r in rates.items() if r > TOLERANCE}


def test_agency_and_county_names_are_read(ocr_text: list[str]) -> None:
    names = AGENCIES + COUNTIES
    rates = {n: round(cer(n, ocr_text), 2) for n in names}
    missed = {n: r for n, r in rates.items() if r > TOLERANCE}
    # Every name is printed at least twice (table and chart or narrative); allow one slip in 40.
    assert len(missed) <= len(names) // 40, missed


def test_a_wrapped_paragraph_reads_top_to_bottom(ocr_text: list[str]) -> None:
    """Consecutive lines of the long narrative are found, in order, on one page."""
    lines = wrap_logical(f"اقدامات انجام‌شده: {LONG_ACTIONS}", REGULAR, NARRATIVE.size, FRAME_WIDTH)
    assert len(lines) >= 4
    page = max(ocr_text, key=lambda p: -best_window(norm(lines[1]), p)[0])
    positions = []
    for line in lines:
        distance, end = best_window(norm(line), page)
        assert distance / len(norm(line)) <= 0.25, (line, distance)
        positions.append(end)
    assert positions == sorted(positions), "wrapped lines were printed out of order"
    # The whole paragraph, lines joined in logical order, reads as one text.
    whole = norm(" ".join(lines))
    assert best_window(whole, page)[0] / len(whole) <= TOLERANCE
