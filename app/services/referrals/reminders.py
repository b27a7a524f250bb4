"""Reminder letters (نامهٔ پیگیری / تأکیدی) to an agency late with its answer, fields filled."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.errors import ValidationError
from app.models.database import Database
from app.models.enums import FollowUpKind
from app.services.core import jalali, persian
from app.services.core import messages as msg
from app.services.core.context import Actor
from app.services.core.dto import GOVERNORATE, OFFICE
from app.services.core.office.service import read_value
from app.services.referrals import letter_pdf
from app.services.referrals.dto import ReferralDossier, ReminderLetter
from app.services.referrals.tracker import ReferralTracker

SENDER = f"مدیرکل {OFFICE}"
PROVINCE = GOVERNORATE
ANSWER_WITHIN = 5  # working days the letter asks for

# How a letter addresses the head of an agency, by the first words of its name.
_HEADS: list[tuple[str, str]] = [
    ("اداره کل", "مدیرکل محترم"), ("شرکت", "مدیرعامل محترم"), ("شهرداری", "شهردار محترم"),
    ("دانشگاه", "رئیس محترم"), ("سازمان", "رئیس محترم"), ("بنیاد", "رئیس محترم"),
    ("کمیته", "مدیرکل محترم"), ("استانداری", "معاون محترم"),
]


def recipient_of(agency: str) -> str:
    """«مدیرعامل محترم شرکت گاز»: the title of the agency's head, then the agency."""
    title = next((t for prefix, t in _HEADS if agency.startswith(prefix)), "ریاست محترم")
    return f"{title} {agency}"


def _n(value: int) -> str:
    """A count in Persian digits."""
    return persian.to_persian_digits(value)


def cited_letter_no(letter_no: str) -> str:
    """A letter number cited in a sentence. Digits and separators only («۴۵۶/۷۸»): Persian
    digits in a left-to-right isolate. With letters («3/ص/1405-17», the secretariat's pattern):
    as stored and printed on the letter itself, right to left as the secretariat writes it, only
    its digit runs isolated (one isolate round it all would let a reader of the text layer order
    «ص» among the digits)."""
    if all(ch.isdigit() or ch in "/-._" for ch in letter_no):
        return persian.ltr(persian.to_persian_digits(letter_no))
    return persian.ltr_code(letter_no)


def draft_signature(name: str = "", title: str = SENDER) -> tuple[str, ...]:
    """The signature lines of a draft: the signatory's name (when set), title, the governorate."""
    return tuple(line for line in (name, title or SENDER, PROVINCE) if line)


def draft_letter(d: ReferralDossier, today: date,
                 signature: tuple[str, ...] | None = None) -> ReminderLetter:
    """Write the reminder letter of an open referral (Persian digits, codes kept left-to-right)."""
    if not d.is_open:
        raise ValidationError({"status": msg.NO_REMINDER_FOR_ANSWERED})
    letters = sum(1 for e in d.events if e.kind == FollowUpKind.LETTER)
    calls = sum(1 for e in d.events if e.kind == FollowUpKind.PHONE)
    emphatic = letters > 0
    kind = "تأکیدی" if emphatic else "پیگیری"
    letter_no = cited_letter_no(d.letter_no)
    # The tracking code keeps Latin digits as on every screen and paper (a Persian zero is a dot
    # that vanishes beside a hyphen): the code pasted or printed is the code stored.
    code = persian.ltr(persian.canonical_code(d.tracking_code))
    subject = (f"{'تأکید بر' if emphatic else 'پیگیری'} پاسخ نامهٔ شمارهٔ {letter_no} مورخ "
               f"{jalali.format_jalali(d.letter_date)}")
    late = -(d.working_days or 0)
    if late > 0:
        deadline_text = (f"مهلت پاسخ‌گویی آن دستگاه در تاریخ {jalali.format_jalali(d.deadline)} "
                         f"به پایان رسیده و اکنون {_n(late)} روز کاری از آن گذشته است")
    else:
        deadline_text = (f"مهلت پاسخ‌گویی آن دستگاه تا تاریخ {jalali.format_jalali(d.deadline)} "
                         "است")
    answer_state = ("پاسخ دریافت‌شده برای رفع مشکل کافی ارزیابی نشد"
                    if d.grade == "inadequate" else "تاکنون پاسخی به این دفتر نرسیده است")
    paragraphs = [
        "سلام علیکم؛",
        f"احتراماً، پیرو نامهٔ شمارهٔ {letter_no} مورخ {jalali.format_jalali(d.letter_date)} "
        f"این دفتر دربارهٔ درخواست مردمی به کد رهگیری {code} با موضوع «{d.subject}» که برای "
        f"رسیدگی به آن دستگاه ارجاع شد، به استحضار می‌رساند {deadline_text} و {answer_state}.",
    ]
    if d.extensions:
        paragraphs.append(f"یادآور می‌شود مهلت این ارجاع {_n(d.extensions)} بار به درخواست آن "
                          "دستگاه تمدید شده است.")
    if letters or calls:
        parts = []
        if letters:
            parts.append(f"{_n(letters)} نامهٔ پیگیری")
        if calls:
            parts.append(f"{_n(calls)} تماس تلفنی")
        paragraphs.append(f"این موضوع پیش‌تر با {' و '.join(parts)} پیگیری شده است.")
    paragraphs.append(
        f"خواهشمند است دستور فرمایید نتیجهٔ رسیدگی حداکثر ظرف {_n(ANSWER_WITHIN)} روز کاری به "
        "این دفتر اعلام شود. بدیهی است عملکرد دستگاه‌های اجرایی در پاسخ‌گویی به ارجاعات، در "
        "گزارش سه‌ماههٔ استانداری به دفتر ارتباطات مردمی و سفرهای نهاد ریاست جمهوری منعکس "
        "می‌شود.")
    body = "\n\n".join(paragraphs)
    recipient = recipient_of(d.agency)
    signature = "\n".join(signature or draft_signature())
    header = "\n".join(["بسمه تعالی", "شماره: ....................",
                        f"تاریخ: {jalali.format_jalali(today)}", "پیوست: ندارد"])
    text = "\n\n".join([header, recipient, f"موضوع: {subject} (نامهٔ {kind})", body, signature])
    return ReminderLetter(referral_id=d.id, recipient=recipient, subject=subject, body=body,
                          signature=signature, text=text, emphatic=emphatic)


class ReminderService:
    """Drafts reminder letters from a referral's dossier."""

    def __init__(self, db: Database, tracker: ReferralTracker | None = None) -> None:
        self.db = db
        self.tracker = tracker or ReferralTracker(db)

    def draft(self, referral_id: int, today: date | None = None) -> ReminderLetter:
        """The reminder letter of an open referral, dated today."""
        with self.db.read() as s:
            name, title = (read_value(s, "letter_signatory_name"),
                           read_value(s, "letter_signatory_title"))
        return draft_letter(self.tracker.dossier(referral_id), today or jalali.tehran_today(),
                            draft_signature(name, title))

    @staticmethod
    def write_pdf(text: str, out: Path) -> int:
        """Write a (possibly edited) letter's text as an A4 PDF; returns its pages."""
        return letter_pdf.write_letter_pdf(text, out)

    # The reminder as an official letter (issue 13 §6): the letterhead and a number of its own
    # from the secretariat's counter (app.services.letters).

    def issue_number(self, actor: Actor, referral_id: int) -> str:
        """Take today's reminder letter's number from the counter (registered, audited)."""
        from app.services.letters.service import LetterService

        return LetterService(self.db).issue_reminder(actor, referral_id).letter_no

    @staticmethod
    def with_number(text: str, letter_no: str) -> str:
        """The draft's text with its «شماره: ……» line filled in (see `with_number`)."""
        return with_number(text, letter_no)

    def write_official_pdf(self, referral_id: int, text: str, letter_no: str | None,
                           out: Path, actor: Actor | None = None) -> int:
        """Write the (possibly edited) letter on the letterhead, numbered; returns its pages."""
        from app.services.letters.service import LetterService

        return LetterService(self.db).write_reminder_pdf(referral_id, text, letter_no, out,
                                                         actor)


def with_number(text: str, letter_no: str) -> str:
    """The draft's text with its «شماره: ……» line filled in, the number as stored."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.strip().startswith("شماره:"):
            lines[i] = f"شماره: {letter_no}"
            break
    return "\n".join(lines)
