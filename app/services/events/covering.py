"""The covering letter of a batch referral (issue 14 §1): one number, its annex a table of the
requests it refers, on the office's letterhead like every referral letter."""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import PageBreak
from sqlalchemy import select

from app.errors import NotFound
from app.models import Agency, Citizen, County, Referral, Request
from app.models.database import Database
from app.services.core import jalali, persian, reference
from app.services.core import messages as msg
from app.services.core.dto import GOVERNORATE, OFFICE
from app.services.core.office.service import read_value
from app.services.events import words
from app.services.letters import official
from app.services.letters.dto import OfficialLetter
from app.services.letters.service import signature_of
from app.services.referrals.reminders import recipient_of
from app.services.reports.pdf.flowables import BODY, RtlParagraph
from app.services.reports.pdf.official_letter import MARGIN_X, WIDTH, render_official_letter
from app.services.reports.pdf.tables import rtl_table

ANNEX_COLUMNS = ["ردیف", "کد رهگیری", "تاریخ دریافت", "شهروند", "شهرستان", "موضوع"]
SUMMARY_CHARS = 120


def covering_letter(db: Database, letter_no: str) -> tuple[OfficialLetter, list[list[str]]]:
    """The covering letter numbered `letter_no` and its annex rows (logical order)."""
    with db.read() as s:
        refs = s.execute(
            select(Referral, Request, Citizen, County.name)
            .join(Request, Request.id == Referral.request_id)
            .outerjoin(Citizen, Citizen.id == Request.citizen_id)
            .outerjoin(County, County.id == Request.county_id)
            .where(Referral.letter_no == letter_no).order_by(Request.id)).all()
        if not refs:
            raise NotFound(msg.REFERRAL)
        first = refs[0][0]
        agency = s.get(Agency, first.agency_id)
        agency_name = agency.name if agency else ""
        values = {k: read_value(s, k) for k in ("letter_signatory_name",
                                                "letter_signatory_title")}
        days = reference.work_calendar_in(s).working_days_between(first.letter_date,
                                                                  first.deadline)
        rows = []
        for i, (_ref, req, citizen, county) in enumerate(refs, start=1):
            name = f"{citizen.first_name} {citizen.last_name}".strip() if citizen else "—"
            subject = req.subject if len(req.subject) <= SUMMARY_CHARS else (
                req.subject[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…")
            rows.append([persian.to_persian_digits(i), req.tracking_code,
                         jalali.format_jalali(jalali.to_tehran(req.received_at).date()), name,
                         county or "—", subject])
        first_date, deadline = first.letter_date, first.deadline
        first_id, classification, priority = first.id, first.classification, first.priority
        copies = official.split_copies(first.copies)
    n = persian.to_persian_digits(len(rows))
    paragraphs = (
        "سلام علیکم؛",
        f"احتراماً، {n} درخواست مردمی که فهرست آن‌ها با کد رهگیری در پیوست این نامه آمده "
        "است، برای بررسی و اقدام ارجاع می‌شود.",
        f"خواهشمند است دستور فرمایید نتیجهٔ رسیدگی به هر یک حداکثر ظرف "
        f"{persian.to_persian_digits(days)} روز کاری (تا تاریخ "
        f"{jalali.format_jalali(deadline)}) با ذکر کد رهگیری و شماره و تاریخ این نامه "
        "به این دفتر اعلام و به شهروندان نیز پاسخ داده شود.",
    )
    signatory, title = signature_of(values)
    letter = OfficialLetter(
        title=words.COVERING_TITLE, organisation=GOVERNORATE, unit=OFFICE, number=letter_no,
        day=first_date, attachments=f"{n} برگ فهرست", classification=classification,
        priority=priority, recipient=recipient_of(agency_name),
        subject=f"ارجاع {n} درخواست مردمی", paragraphs=paragraphs, signatory_name=signatory,
        signatory_title=title, copies=copies, referral_id=first_id)
    return letter, rows


def write_covering_pdf(db: Database, letter_no: str, out: Path) -> int:
    """Write the covering letter and its annex table as one PDF; returns its pages."""
    letter, rows = covering_letter(db, letter_no)
    w = WIDTH - 2 * MARGIN_X  # the letter's frame
    annex = [PageBreak(), RtlParagraph(words.ANNEX_TITLE, BODY),
             rtl_table(ANNEX_COLUMNS, rows, [w * x for x in (0.07, 0.2, 0.13, 0.18, 0.12, 0.3)],
                       numeric=[True, True, True, False, False, False], font_size=8)]
    return render_official_letter(letter, out, annex)
