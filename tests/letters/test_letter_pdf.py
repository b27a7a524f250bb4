"""The printed referral letter and reminder letter, read back as a person and a search box would.

Made from real records (SQLite and PostgreSQL) through the services that write them: poppler's
text layer gives ordinary Persian, «بسمه تعالی», the governorate's letterhead, the addressee, the
copies and, exactly as stored on the referral, the letter number; Tesseract's Persian model reads
the rasterised page (the OCR check the report has).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.services.core import jalali
from app.services.core.dto import GOVERNORATE, OFFICE
from app.services.letters.dto import LetterFields
from tests.letters.conftest import refer
from tests.reports.pdftools import best_window, norm, ocr_pages, require_ocr
from tests.reports.test_pdf_documents import page_size, pdf_info, readable

AGENCY = "شرکت گاز"
SUBJECT = "قطع گاز روستای خانقاه در سرما"
BODY = ("از سه روز پیش گاز روستا قطع است و سالمندان در سرما مانده‌اند؛ "
        "چند بار با اتفاقات گاز تماس گرفته‌ایم و پاسخی نگرفته‌ایم.")
COPIES = ("معاون محترم توسعه مدیریت و منابع استانداری جهت استحضار", "فرمانداری مراغه جهت اطلاع")


@pytest.fixture
def letter(services, op, admin, tmp_path: Path):  # noqa: ANN001, ANN201
    """A confidential, urgent referral letter with two copies, written to a PDF."""
    services.office.save(admin, {"letter_signatory_name": "محمدرضا کریمی"})
    ref = refer(services, op, LetterFields("confidential", "urgent", COPIES), agency=AGENCY,
                subject=SUBJECT, body=BODY)
    pdf = tmp_path / "referral.pdf"
    assert services.letters.write_referral_pdf(ref.id, pdf, op) == 1
    return ref, pdf


def test_the_letter_reads_as_persian_with_the_stored_number(letter) -> None:  # noqa: ANN001
    """pdftotext: the number as stored, the letterhead, the addressee, the copies, «محرمانه»."""
    ref, pdf = letter
    assert ref.letter_no == "3/ص/1405-1"
    assert page_size(pdf) == (595, 842)  # A4, like the report
    assert pdf_info(pdf)["Title"].strip() == "نامهٔ ارجاع"
    text, lines = readable(pdf)  # no presentation forms, bidi marks gone
    words = " ".join(lines)
    assert f"شماره: {ref.letter_no}" in lines  # exactly the stored number, one line with its label
    assert f"تاریخ: {jalali.format_jalali(ref.letter_date)}" in lines
    for line in ("بسمه تعالی", "جمهوری اسلامی ایران", "وزارت کشور", GOVERNORATE, OFFICE,
                 f"مدیرعامل محترم {AGENCY}", "رونوشت:", *(f"- {c}" for c in COPIES),
                 "محمدرضا کریمی", f"مدیرکل {OFFICE}", "طبقه‌بندی: محرمانه", "فوریت: فوری"):
        assert line in lines, line
    assert lines.count("محرمانه") >= 2  # the stamp above and the mark at the foot
    assert f"«{SUBJECT}»" in words and "سالمندان" in words
    assert "۱۵ روز کاری" in words  # the deadline in working days
    assert jalali.format_jalali(ref.deadline) in words
    assert "صفحه" not in text  # one page: no page numbers


def test_an_ordinary_letter_has_no_stamp(services, op, tmp_path: Path) -> None:  # noqa: ANN001
    """Normal classification and priority: printed in the header, no red stamp, no foot mark."""
    ref = refer(services, op, letter=LetterFields(copies=()))
    pdf = tmp_path / "plain.pdf"
    services.letters.write_referral_pdf(ref.id, pdf)
    _text, lines = readable(pdf)
    assert "طبقه‌بندی: عادی" in lines and "فوریت: عادی" in lines
    assert "محرمانه" not in " ".join(lines) and "رونوشت:" not in lines
    assert f"شماره: {ref.letter_no}" in lines


def test_a_hand_typed_number_prints_as_typed(services, op, tmp_path: Path) -> None:  # noqa: ANN001
    """The secretariat's own number, Latin digits and all, is the one on the paper."""
    ref = refer(services, op, letter_no="۱۲۳۴/۵۶")
    pdf = tmp_path / "hand.pdf"
    services.letters.write_referral_pdf(ref.id, pdf)
    assert f"شماره: {ref.letter_no}" in readable(pdf)[1] and ref.letter_no == "1234/56"


def test_the_reminder_prints_on_the_letterhead_with_its_own_number(
        services, op, tmp_path: Path) -> None:  # noqa: ANN001
    """The drafted reminder, numbered from the same counter, on the same letterhead."""
    ref = refer(services, op, LetterFields("confidential", "normal", COPIES))
    draft = services.reminders.draft(ref.id)
    number = services.reminders.issue_number(op, ref.id)
    assert number == "3/ص/1405-2"
    text = services.reminders.with_number(draft.text, number)
    pdf = tmp_path / "reminder.pdf"
    assert services.reminders.write_official_pdf(ref.id, text, number, pdf, op) == 1
    _text, lines = readable(pdf)
    words = " ".join(lines)
    assert f"شماره: {number}" in lines and "بسمه تعالی" in lines and GOVERNORATE in lines
    assert lines.count("بسمه تعالی") == 1  # the draft's own header lines are not printed again
    assert draft.recipient in lines and "رونوشت:" in lines
    # The referral's own number, cited in the subject as stored and printed on its letter.
    assert f"پیگیری پاسخ نامهٔ شمارهٔ {ref.letter_no}" in words
    assert sum(1 for ln in lines if ln == f"مدیرکل {OFFICE}") == 1  # one signature block


@pytest.mark.ocr
def test_the_printed_letter_reads_back_by_ocr(letter) -> None:  # noqa: ANN001
    """Rasterised at 300 dpi and read with Tesseract fas: the phrases a reader looks for."""
    require_ocr()
    _ref, pdf = letter
    page = ocr_pages(pdf)[0]
    phrases = ["بسمه تعالی", GOVERNORATE, f"مدیرعامل محترم {AGENCY}", "رونوشت",
               "محرمانه", COPIES[1], "خواهشمند است دستور فرمایید موضوع بررسی"]
    rates = {p: round(best_window(norm(p), page)[0] / len(norm(p)), 2) for p in phrases}
    assert not {p: r for p, r in rates.items() if r > 0.15}, (rates, page)
    # The number's digits and the letter «ص» are on the page (OCR may order the run its own way).
    assert re.search(r"1405|۱۴۰۵", page), page


def test_every_glyph_of_the_letters_fixed_words_is_in_both_faces() -> None:
    """The letterhead's and the letter's fixed words draw: no glyph missing in either face."""
    from app.services.letters import service
    from app.services.reports.pdf import official_letter
    from app.services.reports.pdf.fonts import BOLD, REGULAR, missing_glyphs
    from app.services.reports.pdf.text import shape

    words = [value for module in (official_letter, service)
             for name, value in vars(module).items() if name.isupper() and isinstance(value, str)]
    words += ["عادی", "محرمانه", "فوری", "آنی", "سلام علیکم؛", "احتراماً، به استحضار می‌رساند"]
    assert len(words) > 20
    for font in (REGULAR, BOLD):
        assert not {w: m for w in words if (m := missing_glyphs(shape(w), font))}
