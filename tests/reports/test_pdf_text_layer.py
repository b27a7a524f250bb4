"""The PDF's text layer: `pdftotext` reads Persian letters in logical order, ZWNJ included.

The report draws reshaped glyphs (presentation forms) in visual order; every drawn line carries
an ActualText span (app/services/reports/pdf/text.py). These tests read the layer back with
poppler, and check that the spans leave the printed pages exactly as they were.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from sqlalchemy import and_, or_, select

from app.demo.generator import DemoGenerator
from app.models import Referral
from app.models.enums import ReferralStatus
from app.models.reference import Agency, County
from app.services.core import jalali
from app.services.reports.dto import QuarterlyReport
from app.services.reports.pdf import text as text_mod
from app.services.reports.pdf.fonts import REGULAR, register_fonts
from app.services.reports.pdf.narrative import NARRATIVE
from app.services.reports.pdf.page import FRAME_WIDTH
from app.services.reports.pdf.quarterly import TITLE, UNIT, render_quarterly_report
from app.services.reports.pdf.text import TextLayerCanvas, shape, wrap_logical
from app.services.reports.service import write_quarterly_report
from tests.reports.pdf_fixtures import LONG_ACTIONS
from tests.reports.pdftools import pdftotext_pages

TODAY = date(2026, 11, 28)  # 1405/09/07: the last finished quarter is 1405 Q2
ZWNJ = "\u200c"
# The marks poppler puts around the runs it reorders (LRE/RLE … PDF) and the RLM fences of the layer.
_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_LETTER = re.compile("[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]")


def layer_lines(pdf: Path) -> list[str]:
    """pdftotext's lines without bidi marks, spaces collapsed; ZWNJ kept (unlike pdftools.norm)."""
    pdftotext_pages(pdf)  # skips (or fails under POL_REQUIRE_OCR=1) without poppler-utils
    raw = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = (re.sub(r"[ \t]+", " ", _MARKS.sub("", line)).strip() for line in raw.splitlines())
    return [line for line in lines if line and line != "\f"]


def raw_text(pdf: Path) -> str:
    pdftotext_pages(pdf)
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


# Lines that trip a reader's reordering: commas, colons, brackets around numbers, percentages,
# Latin runs, tracking codes, guillemets, lam-alef, ZWNJ.
TRICKY = [
    "سه‌ماهه دوم ۱۴۰۵",
    "دفتر بازرسی، مدیریت عملکرد و امور حقوقی",
    "می‌دهد. از این تعداد ۷٬۲۲۴ درخواست (٪۹۰) به‌طور مستقیم پاسخ داده شد",
    "کد رهگیری: 1405-0001234-5؛ شهرستان: هریس",
    "کمیته امداد امام خمینی (ره)",
    "قلم Noto Sans Arabic است؟ «بله»",
    "شماره: ۱۴۰۵/۳/۰۱۴۲",
    "جمهوری اسلامی ایران، لیلان و ترکمانچای",
]


def test_each_drawn_line_reads_back_as_its_logical_text(tmp_path: Path) -> None:
    register_fonts()
    pdf = tmp_path / "lines.pdf"
    c = TextLayerCanvas(str(pdf))
    c.setFont(REGULAR, 11)
    for i, line in enumerate(TRICKY):
        draw = (c.drawRightString, c.drawCentredString, c.drawString)[i % 3]
        draw(500 - 150 * (i % 3), 800 - 30 * i, shape(line))
    c.save()
    assert layer_lines(pdf) == TRICKY


def test_report_has_letters_not_glyph_codes(report_pdf: Path) -> None:
    text = raw_text(report_pdf)
    assert not _PRESENTATION.findall(text)
    assert len(_LETTER.findall(text)) > 5000
    assert text.count(ZWNJ) > 50  # «سه‌ماهه», «درخواست‌ها», «می‌شود» … keep their ZWNJ


def test_a_justified_paragraph_reads_line_by_line_in_order(report_pdf: Path) -> None:
    """The long narrative (justified, drawn word by word) comes back as its logical lines."""
    lines = wrap_logical(f"اقدامات انجام‌شده: {LONG_ACTIONS}", REGULAR, NARRATIVE.size, FRAME_WIDTH)
    got = layer_lines(report_pdf)
    start = got.index(lines[0])
    assert got[start : start + len(lines)] == lines


def test_the_text_layer_leaves_the_print_unchanged(
    report: QuarterlyReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages rasterise to the same pixels with and without the ActualText spans."""
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    with_layer, without = tmp_path / "with.pdf", tmp_path / "without.pdf"
    render_quarterly_report(report, with_layer)
    monkeypatch.setattr(text_mod, "text_layer", lambda _visual: None)
    render_quarterly_report(report, without)
    assert not _PRESENTATION.search(raw_text(with_layer))
    assert _PRESENTATION.search(raw_text(without))  # the spans are what the reader reads
    for pdf in (with_layer, without):
        subprocess.run(["pdftoppm", "-r", "60", "-gray", "-png", str(pdf), str(pdf)], check=True)
    pages = sorted(tmp_path.glob("with.pdf-*.png"))
    assert len(pages) == len(list(tmp_path.glob("without.pdf-*.png"))) >= 5
    for page in pages:
        other = tmp_path / page.name.replace("with.pdf", "without.pdf")
        a, b = Image.open(page), Image.open(other)
        assert ImageChops.difference(a, b).getbbox() is None, page.name


def _names_in_quarter(db, year: int, quarter: int) -> tuple[list[str], list[str]]:  # noqa: ANN001
    """Counties valid in the quarter and agencies referred to in it, read from the database."""
    start, end = jalali.quarter_bounds(year, quarter)
    with db.read() as s:
        counties = s.scalars(
            select(County.name).where(
                or_(County.valid_from.is_(None), County.valid_from <= end),
                or_(County.valid_to.is_(None), County.valid_to >= start),
            )
        ).all()
        agencies = s.scalars(
            select(Agency.name)
            .join(Referral, Referral.agency_id == Agency.id)
            .where(
                and_(
                    Referral.letter_date >= start,
                    Referral.letter_date <= end,
                    Referral.status != ReferralStatus.WITHDRAWN,
                )
            )
            .distinct()
        ).all()
    return list(counties), list(agencies)


def test_report_from_the_database_is_searchable(services, tmp_path: Path) -> None:  # noqa: ANN001
    """Title, quarter, every county and every referred agency of the data are found as text."""
    DemoGenerator(services.db, seed=9, today=TODAY).run(2500)
    out = tmp_path / "q.pdf"
    write_quarterly_report(services.stats, 1405, 2, out)
    raw = raw_text(out)
    assert not _PRESENTATION.findall(raw)
    lines = layer_lines(out)
    start, end = jalali.quarter_bounds(1405, 2)
    period = f"دوره گزارش: از {jalali.format_jalali(start)} تا {jalali.format_jalali(end)}"
    for expected in (TITLE, UNIT, "سه‌ماهه دوم ۱۴۰۵ (تابستان)", period):
        assert expected in lines
    assert "سه‌ماهه دوم ۱۴۰۵" in raw.replace("\u202a", "").replace("\u202c", "")
    counties, agencies = _names_in_quarter(services.db, 1405, 2)
    assert len(counties) >= 20 and len(agencies) >= 5
    words = " ".join(lines)
    missing = [name for name in counties + agencies if name not in words]
    assert not missing


def test_a_binary_stream_gets_the_text_layer_too(report: QuarterlyReport, tmp_path: Path) -> None:
    buf = io.BytesIO()
    render_quarterly_report(report, buf)
    pdf = tmp_path / "stream.pdf"
    pdf.write_bytes(buf.getvalue())
    assert "سه‌ماهه سوم ۱۴۰۵ (پاییز)" in layer_lines(pdf)


# --- The slip and the reminder letter: once written by Qt (garbled text layer), now like the report ---

SUBJECT = "کمبود فشار آب در روستاهای مراغه"
CITIZEN = "ژاله قاسم‌زاده"
LETTER = (
    "ریاست محترم اداره کل راه و شهرسازی\n"
    "با سلام؛ درخواست‌های مردمی شهرستان مراغه هنوز پاسخ داده نشده است."
)


def _document_pdfs(tmp_path: Path) -> dict[str, Path]:
    """The slip and a letter, written by the services that the views print and save through."""
    from app.services.meetings.dto import Slip
    from app.services.meetings.slip_pdf import write_slip_pdf
    from app.services.referrals.letter_pdf import write_letter_pdf

    slip = Slip(
        "1405-0001234-5",
        CITIZEN,
        None,
        SUBJECT,
        "علی رضایی",
        "معاون استاندار",
        "شرکت آب و فاضلاب",
        date(2026, 10, 5),
        "سالن اجتماعات",
        3,
        date(2026, 11, 1),
    )
    paths = {"slip": tmp_path / "slip.pdf", "letter": tmp_path / "letter.pdf"}
    write_slip_pdf(slip, paths["slip"])
    write_letter_pdf(LETTER, paths["letter"])
    return paths


def test_slip_and_letter_read_as_persian_in_logical_order(tmp_path: Path) -> None:
    """The slip and a letter: their words come back as letters, ZWNJ kept."""
    pdfs = _document_pdfs(tmp_path)
    slip, letter = raw_text(pdfs["slip"]), raw_text(pdfs["letter"])
    assert "سامانه" in slip or "مراغه" in slip  # anything at all, before the exact checks
    assert not _PRESENTATION.search(slip + letter)
    assert SUBJECT in _MARKS.sub("", slip)
    assert CITIZEN in _MARKS.sub("", slip)
    assert "1405-0001234-5" in _MARKS.sub("", slip)
    assert "درخواست‌های مردمی شهرستان مراغه" in _MARKS.sub("", letter)
