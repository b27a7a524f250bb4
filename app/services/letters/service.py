"""The official letters of referrals: numbers from the office's pattern, the letter, its PDF.

Each call is one transaction and returns plain data. Taking numbers is a write (the counter row
is locked until the transaction ends); a preview of the next number is only a read.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from app.errors import NotFound, ValidationError
from app.models import Agency, Citizen, County, Referral, Request
from app.models.database import Database
from app.models.enums import Channel, LetterKind, ReferralStatus
from app.services.core import audit, jalali, persian, reference, scope
from app.services.core import messages as msg
from app.services.core.context import Actor, require
from app.services.core.dto import GOVERNORATE, OFFICE
from app.services.core.office.service import read_value
from app.services.letters import numbering, official
from app.services.letters.dto import IssuedReminder, LetterDefaults, OfficialLetter
from app.services.referrals.reminders import recipient_of
from app.services.reports.pdf.documents import Out
from app.services.reports.pdf.official_letter import render_official_letter

MAX_NUMBERS = 1000  # numbers one call may take at once
SUMMARY_CHARS = 450  # the citizen's words quoted in the letter, at most
REFERRAL_TITLE = "نامهٔ ارجاع"
REMINDER_TITLE = "نامهٔ پیگیری ارجاع"
NO_ATTACHMENT = "ندارد"
# Header lines of a drafted reminder that the letterhead prints itself.
_HEAD_LINES = ("بسمه تعالی", "شماره:", "تاریخ:", "پیوست:", "طبقه‌بندی:", "فوریت:")


def shorten(text: str, limit: int = SUMMARY_CHARS) -> str:
    """The text on one line, cut at a word boundary with «…» when longer than `limit`."""
    flat = " ".join(persian.clean_text(text, multiline=True).split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut.rstrip("،,.؛:") + "…"


def signature_of(values: dict[str, str]) -> tuple[str, str]:
    """(name, title) of the office's signatory."""
    return values["letter_signatory_name"], values["letter_signatory_title"]


def referral_paragraphs(code: str, subject: str, body: str, citizen: str, county: str,
                        received: date, channel: str, days: int, deadline: date,
                        mobile: str | None) -> tuple[str, ...]:
    """The body of a referral letter, paragraph by paragraph (Persian, logical order)."""
    who = f"شهروند محترم {citizen}" if citizen else "یکی از شهروندان"
    where = f" ساکن شهرستان {county}" if county else ""
    summary = shorten(f"{subject}: {body}" if body.strip() else subject)
    paragraphs = [
        "سلام علیکم؛",
        f"احتراماً، به استحضار می‌رساند {who}{where} در تاریخ {jalali.format_jalali(received)} "
        f"از طریق {channel} درخواستی به کد رهگیری {persian.ltr(code)} به این دفتر ارائه "
        "کرده که خلاصهٔ آن چنین است:",
        f"«{summary}»",
        f"خواهشمند است دستور فرمایید موضوع بررسی و نتیجهٔ رسیدگی حداکثر ظرف "
        f"{persian.to_persian_digits(days)} روز کاری (تا تاریخ {jalali.format_jalali(deadline)}) "
        "با ذکر شماره و تاریخ این نامه به این دفتر اعلام و به شهروند نیز پاسخ داده شود.",
    ]
    if mobile:
        paragraphs.append(f"شمارهٔ تماس شهروند: {persian.ltr(mobile)}")
    return tuple(paragraphs)


def split_draft(text: str, signature: tuple[str, ...] = ()) -> tuple[str, str, tuple[str, ...]]:
    """(recipient, subject, paragraphs) of a drafted (and perhaps edited) reminder's text.

    The header lines the letterhead prints itself (number, date…) and any block equal to
    the drafted signature (wherever the clerk left it) are left out; every other block is kept.
    """
    # Not clean_text: it would drop the isolates that keep codes and numbers in their order.
    lines_ = [" ".join(ln.split()) for ln in (text or "").replace("\r\n", "\n").split("\n")]
    blocks = [b.strip() for b in re.split(r"\n{2,}", "\n".join(lines_))]
    kept: list[str] = []
    for block in blocks:
        lines = [ln for ln in block.split("\n") if ln.strip()]
        if not kept:
            lines = [ln for ln in lines if not ln.strip().startswith(_HEAD_LINES)]
        if lines:
            kept.append("\n".join(lines))
    if signature:
        kept = [b for b in kept if b.split("\n") != [" ".join(ln.split()) for ln in signature]]
    recipient = kept.pop(0) if kept and not kept[0].startswith("موضوع:") else ""
    subject = ""
    for i, block in enumerate(kept):
        if block.startswith("موضوع:"):
            subject = block.removeprefix("موضوع:").strip()
            del kept[i]
            break
    return recipient, subject, tuple(kept)


class LetterService:
    """Numbers, letters and their PDFs."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- numbers ------------------------------------------------------------------------

    def defaults(self, day: date | None = None) -> LetterDefaults:
        """The refer dialog's offer: the next number now (nothing taken) and the office's copies."""
        day = day or jalali.tehran_today()
        with self.db.read() as s:
            pattern = numbering.office_pattern(s)
            return LetterDefaults(numbering.peek(s, day).letter_no, official.office_copies(s),
                                  pattern)

    def next_number(self, day: date | None = None) -> str:
        """The number the next letter dated `day` (today) would get: a preview only."""
        return self.defaults(day).next_number

    def take_numbers(self, actor: Actor, count: int, day: date | None = None) -> list[str]:
        """Take `count` consecutive numbers in one transaction (audited), e.g. for many letters
        written at once; a use case that also writes the letters calls numbering.issue in its
        own transaction instead."""
        require(actor, "referral.write")
        if not 1 <= count <= MAX_NUMBERS:
            raise ValidationError({"count": msg.LETTER_NUMBERS_COUNT})
        day = day or jalali.tehran_today()
        with self.db.write() as s:
            numbers = numbering.issue(s, day, count)
            audit.record(s, actor, "letter_numbers", None, "take", None,
                         {"day": day.isoformat(), "numbers": [n.letter_no for n in numbers]})
        return [n.letter_no for n in numbers]

    def issue_reminder(self, actor: Actor, referral_id: int) -> IssuedReminder:
        """Give today's reminder letter of an open referral its own number (registered)."""
        require(actor, "referral.write")
        day = jalali.tehran_today()
        with self.db.write() as s:
            scope.limit(s, actor)
            ref = s.get(Referral, referral_id)
            if ref is None:
                raise NotFound(msg.REFERRAL)
            if ref.status != ReferralStatus.OPEN:
                raise ValidationError({"status": msg.NO_REMINDER_NUMBER_FOR_CLOSED})
            number = numbering.issue(s, day)[0]
            row = numbering.register(s, number, LetterKind.REMINDER, ref.id, day, actor.user_id)
            s.flush()
            audit.record(s, actor, "referral", ref.id, "reminder_letter", None,
                         {"letter_no": number.letter_no, "register_id": row.id})
        return IssuedReminder(referral_id, number.letter_no, day)

    # --- letters ------------------------------------------------------------------------

    def referral_letter(self, referral_id: int, actor: Actor | None = None) -> OfficialLetter:
        """The referral's letter as printed, its number exactly the one stored."""
        with scope.read(self.db, actor) as s:
            ref = s.get(Referral, referral_id)
            if ref is None:
                raise NotFound(msg.REFERRAL)
            req = s.get(Request, ref.request_id)
            assert req is not None
            agency = s.get(Agency, ref.agency_id)
            citizen = s.get(Citizen, req.citizen_id) if req.citizen_id else None
            county = s.get(County, req.county_id) if req.county_id else None
            cal = reference.work_calendar_in(s)
            values = {k: read_value(s, k) for k in ("letter_signatory_name",
                                                    "letter_signatory_title")}
            name = f"{citizen.first_name} {citizen.last_name}".strip() if citizen else ""
            channel = Channel(req.channel).label if req.channel in Channel.__members__.values() \
                else req.channel
            days = cal.working_days_between(ref.letter_date, ref.deadline)
            paragraphs = referral_paragraphs(
                req.tracking_code, req.subject, req.body or "", name,
                county.name if county else "", jalali.to_tehran(req.received_at).date(),
                channel, days, ref.deadline, citizen.mobile if citizen else None)
            signatory, title = signature_of(values)
            return OfficialLetter(
                title=REFERRAL_TITLE, organisation=GOVERNORATE, unit=OFFICE,
                number=ref.letter_no, day=ref.letter_date, attachments=NO_ATTACHMENT,
                classification=ref.classification, priority=ref.priority,
                recipient=recipient_of(agency.name if agency else ""),
                subject=f"ارجاع درخواست مردمی «{req.subject}»",
                paragraphs=paragraphs, signatory_name=signatory, signatory_title=title,
                copies=official.split_copies(ref.copies), referral_id=ref.id)

    def reminder_letter(self, referral_id: int, text: str, letter_no: str | None,
                        day: date | None = None, actor: Actor | None = None) -> OfficialLetter:
        """A drafted (and perhaps edited) reminder as an official letter on the letterhead."""
        from app.services.referrals.reminders import draft_signature

        with scope.read(self.db, actor) as s:
            ref = s.get(Referral, referral_id)
            if ref is None:
                raise NotFound(msg.REFERRAL)
            values = {k: read_value(s, k) for k in ("letter_signatory_name",
                                                    "letter_signatory_title")}
            classification, priority = ref.classification, ref.priority
            copies = official.split_copies(ref.copies)
        signatory, title = signature_of(values)
        recipient, subject, paragraphs = split_draft(text, draft_signature(signatory, title))
        return OfficialLetter(
            title=REMINDER_TITLE, organisation=GOVERNORATE, unit=OFFICE,
            number=letter_no or "", day=day or jalali.tehran_today(), attachments=NO_ATTACHMENT,
            classification=classification, priority=priority, recipient=recipient,
            subject=subject, paragraphs=paragraphs, signatory_name=signatory,
            signatory_title=title, copies=copies, referral_id=referral_id)

    def write_referral_pdf(self, referral_id: int, out: Out | Path,
                           actor: Actor | None = None) -> int:
        """Write the referral's letter as a PDF; returns its pages."""
        return render_official_letter(self.referral_letter(referral_id, actor), out)

    def write_reminder_pdf(self, referral_id: int, text: str, letter_no: str | None,
                           out: Out | Path, actor: Actor | None = None) -> int:
        """Write a reminder letter (its text as the clerk left it) on the letterhead."""
        return render_official_letter(
            self.reminder_letter(referral_id, text, letter_no, actor=actor), out)
