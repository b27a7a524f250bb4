"""The slip, the receipt and the reminder letter are real-text PDFs (issue 12, section 1).

Each is made from real records (SQLite and PostgreSQL) through the service that writes it, then
read back with poppler: ordinary Persian letters in logical order, ZWNJ kept, no presentation
forms, the names of the record and the tracking code exactly as stored (Latin digits).
"""

from __future__ import annotations

import errno
import re
import subprocess
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from app.errors import PolError
from app.models.enums import Role
from app.services.core import jalali, messages, persian
from app.services.core.dto import GOVERNORATE, OFFICE
from app.services.meetings.dto import DirectiveInput, Slip
from app.services.meetings.slip_pdf import write_slip_pdf
from app.services.referrals import letter_pdf
from app.services.referrals.reminders import ReminderService
from app.services.reports.pdf.page import page_label
from app.services.requests.dto import CitizenInput
from app.services.requests.receipt import write_receipt_pdf
from tests.reports.test_pdf_text_layer import layer_lines, raw_text
from tests.support.calendar_helpers import day_service, manager, set_holidays, weekly
from tests.support.helpers import agency_id, make_actor, register, valid_nid

PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ZWNJ = "\u200c"
FIRST, LAST = "ژاله", "قاسم‌زاده"  # the last name carries a ZWNJ
SUBJECT = "کمبود فشار آب در روستاهای مراغه"


def pdf_info(pdf: Path) -> dict[str, str]:
    """pdfinfo's fields (pages, page size)."""
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def page_size(pdf: Path) -> tuple[int, int]:
    """The first page's size in whole points."""
    w, h = re.findall(r"[\d.]+", pdf_info(pdf)["Page size"])[:2]
    return round(float(w)), round(float(h))


def readable(pdf: Path) -> tuple[str, list[str]]:
    """The text layer with bidi marks removed, and its lines; fails on any presentation form."""
    raw = raw_text(pdf)
    assert not PRESENTATION.findall(raw), sorted(set(PRESENTATION.findall(raw)))
    return MARKS.sub("", raw), layer_lines(pdf)


@pytest.fixture
def op(services):  # noqa: ANN001, ANN201
    """An operator."""
    return make_actor(services, "op", Role.OPERATOR)


@pytest.fixture
def issue_slip(services, op) -> Slip:  # noqa: ANN001
    """The slip of an issue raised today in a meeting, with the manager's directive."""
    today = jalali.tehran_today()
    set_holidays(services.db, today, today, {})
    m = manager(services)
    if jalali.weekday_index(today) == 6:  # a Friday: a one-off meeting
        meeting = services.meetings.create_meeting(
            op, m, today, time(0), time(23, 59), kind="one_off"
        )
    else:
        sch = weekly(
            services,
            m,
            jalali.weekday_index(today) % 6,
            jalali.format_jalali(today - timedelta(days=60), False),
            hours=(0, 23),
        )
        meeting = services.meetings.open_occurrence(op, sch, today)
    day = day_service(services)
    att = day.add_walk_in(
        op,
        meeting.id,
        CitizenInput(national_id=valid_nid("312345678"), first_name=FIRST, last_name=LAST),
    )
    res = day.raise_issue(
        op,
        att.id,
        SUBJECT,
        directive=DirectiveInput(
            "رفع مشکل فشار آب",
            agency_id(services, "اداره کل راه و شهرسازی"),
            today + timedelta(days=21),
        ),
    )
    return day.slip(res.request_id)


def test_slip_reads_as_persian_with_the_code_as_stored(issue_slip: Slip, tmp_path: Path) -> None:
    """Citizen, subject, agencies, the governorate and the Latin tracking code read back."""
    pdf = tmp_path / "slip.pdf"
    assert write_slip_pdf(issue_slip, pdf) == 1
    assert pdf_info(pdf)["Pages"].strip() == "1" and page_size(pdf) == (298, 420)  # A6
    text, lines = readable(pdf)
    assert issue_slip.tracking_code in lines  # its own line, verbatim: 1405-0001234-5
    assert re.fullmatch(r"\d{4}-\d{7}-\d", issue_slip.tracking_code)
    assert f"شهروند: {FIRST} {LAST}" in lines and ZWNJ in LAST
    assert f"موضوع: {SUBJECT}" in lines
    assert f"دستگاه: {GOVERNORATE}" in lines  # the manager's agency
    assert GOVERNORATE in lines and OFFICE in lines
    assert "اداره کل راه و شهرسازی" in text  # the directive's agency
    manager = f"دیدار با: {issue_slip.manager} ({issue_slip.manager_title})"
    assert manager in lines  # «توسعهٔ» as typed: heh + hamza above, not «ۀ»
    day = jalali.format_jalali_long(issue_slip.day, with_weekday=True)
    assert f"تاریخ دیدار: {day}" in lines
    assert f"نوبت: {persian.to_persian_digits(issue_slip.queue_no)}" in lines


def test_receipt_reads_as_persian_with_the_code_as_stored(services, op, tmp_path: Path) -> None:  # noqa: ANN001
    """The receipt of a registered request: name, subject, kind, agency, dates, code."""
    req = register(
        services,
        op,
        subject=SUBJECT,
        first_name=FIRST,
        last_name=LAST,
        agency="شهرداری تبریز",
        nid=valid_nid("212345678"),
    )
    d = services.requests.get(req.id)
    pdf = tmp_path / "receipt.pdf"
    assert write_receipt_pdf(d, pdf) == 1
    assert page_size(pdf) == (298, 420)
    text, lines = readable(pdf)
    assert d.tracking_code in lines
    assert f"شهروند: {FIRST} {LAST}" in lines and f"موضوع: {SUBJECT}" in lines
    assert f"نوع و مجرا: {d.type_label}، {d.channel_label}" in lines
    assert "دستگاه: شهرداری تبریز" in lines and GOVERNORATE in lines
    received = jalali.format_jalali_datetime(d.received_at)
    assert f"تاریخ دریافت: {received}" in lines  # the date right of the time, as on screen
    assert f"مهلت پاسخ: {jalali.format_jalali(d.deadline)}" in lines


def test_reminder_letter_reads_as_persian_and_keeps_the_code_latin(
    services,  # noqa: ANN001
    op,  # noqa: ANN001
    tmp_path: Path,
) -> None:
    """The drafted letter (Latin tracking code, like every screen) prints as searchable text."""
    sent = jalali.tehran_today() - timedelta(days=40)
    req = register(
        services,
        op,
        subject=SUBJECT,
        first_name=FIRST,
        last_name=LAST,
        nid=valid_nid("412345678"),
        received_at=jalali.tehran_to_utc(datetime.combine(sent, time(10))),
    )
    req = services.requests.get(req.id)
    agency = "اداره کل راه و شهرسازی"
    ref = services.referrals.refer(
        op, req.id, req.version, agency_id(services, agency), "۴۵۶/۷۸", sent
    )
    letter = ReminderService(services.db).draft(ref.id)
    # The code is stored, shown, pasted and printed in Latin digits, in a left-to-right isolate.
    assert f"\u2066{req.tracking_code}\u2069" in letter.text
    assert persian.to_persian_digits(req.tracking_code) not in letter.text
    pdf = tmp_path / "letter.pdf"
    assert letter_pdf.write_letter_pdf(letter.text, pdf) == 1
    assert page_size(pdf) == (595, 842)  # A4
    text, lines = readable(pdf)
    words = " ".join(lines)
    assert req.tracking_code in words and f"«{SUBJECT}»" in words
    assert f"مدیرکل محترم {agency}" in lines and GOVERNORATE in lines
    assert (
        "بسمه تعالی" in lines and f"تاریخ: {jalali.format_jalali(jalali.tehran_today())}" in lines
    )
    assert "درخواست مردمی" in words and "دستگاه‌های اجرایی" in words  # ZWNJ kept
    assert "صفحه" not in text  # a one-page letter has no page numbers


def test_a_long_letter_breaks_into_numbered_pages(tmp_path: Path) -> None:
    """An edited letter longer than a page goes on, its lines in order, «صفحه ۱ از ۲» below."""
    paragraph = (
        "خواهشمند است دستور فرمایید نتیجهٔ رسیدگی به درخواست‌های مردمی شهرستان مراغه "
        "به این دفتر اعلام شود؛ کد رهگیری 1405-0009360-8."
    )
    body = "\n\n".join(f"{persian.to_persian_digits(i)}- {paragraph}" for i in range(1, 31))
    pdf = tmp_path / "long.pdf"
    pages = letter_pdf.write_letter_pdf("بسمه تعالی\n\n" + body, pdf)
    assert pages >= 2 and pdf_info(pdf)["Pages"].strip() == str(pages)
    text, lines = readable(pdf)
    assert page_label(1, pages) in lines and page_label(pages, pages) in lines
    numbers = [int(persian.to_latin_digits(m)) for m in re.findall(r"([۰-۹]+)- خواهشمند", text)]
    assert numbers == list(range(1, 31))  # every paragraph, in order, across the pages
    assert text.count("1405-0009360-8") == 30


def test_unwritable_target_is_a_persian_message(tmp_path: Path) -> None:
    """A folder that is not there, or a folder in the file's place: a PolError in Persian."""
    text = "بسمه تعالی\n\nمتن نامه"
    for target, reason in (
        (tmp_path / "no-such-folder" / "letter.pdf", errno.ENOENT),
        (tmp_path, errno.EISDIR),
    ):
        with pytest.raises(PolError) as err:
            letter_pdf.write_letter_pdf(text, target)
        message = err.value.message
        assert str(target) in message and "نوشته نشد" in message
        assert messages.FILE_ERRORS[reason] in message  # why, in Persian
        assert not re.search(r"[A-Za-z]{4,}", message.replace(str(target), "")), message


def test_every_glyph_of_the_documents_words_is_in_both_faces() -> None:
    """The fixed words of the slip, the receipt and the letter draw: no glyph missing."""
    from app.services.meetings import slip_pdf
    from app.services.referrals import reminders
    from app.services.reports.pdf.fonts import BOLD, REGULAR, missing_glyphs
    from app.services.reports.pdf.text import shape
    from app.services.requests import receipt

    words = [
        value
        for module in (slip_pdf, receipt, reminders, letter_pdf)
        for name, value in vars(module).items()
        if name.isupper() and isinstance(value, str)
    ]
    assert len(words) > 20
    for font in (REGULAR, BOLD):
        assert not {w: m for w in words if (m := missing_glyphs(shape(w), font))}
