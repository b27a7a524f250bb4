"""The citizen's slip of an issue raised at a public meeting: an A6 PDF with the tracking code."""

from __future__ import annotations

from app.services.core import jalali, persian
from app.services.meetings.dto import Slip
from app.services.reports.pdf.documents import Out, render_card
from app.services.reports.pdf.dto import Card

TITLE = "رسید دیدار مردمی"
HEADING = "رسید ثبت درخواست در دیدار مردمی — کد رهگیری"
CITIZEN = "شهروند:"
SUBJECT = "موضوع:"
MEETING_WITH = "دیدار با:"
AGENCY = "دستگاه:"
DAY = "تاریخ دیدار:"
QUEUE = "نوبت:"
DEADLINE = "مهلت پاسخ:"
DIRECTIVE = "دستور مدیر:"
NONE = "—"
FOOTER = "پیگیری درخواست با این کد از سامانهٔ ۱۱۱ یا دفتر بازرسی استانداری ممکن است."


def directive_text(agency: str, deadline_text: str | None) -> str:
    """«ارجاع به … تا …»: the manager's directive as the slip prints it."""
    return f"ارجاع به {agency}" + (f" تا {deadline_text}" if deadline_text else "")


def slip_card(slip: Slip) -> Card:
    """What the slip prints, field by field (the same fields the Qt slip printed)."""
    manager = f"{slip.manager} ({slip.manager_title})" if slip.manager_title else slip.manager
    rows = [
        (CITIZEN, slip.citizen or NONE),
        (SUBJECT, slip.subject),
        (MEETING_WITH, manager),
        (AGENCY, slip.agency),
        (DAY, jalali.format_jalali_long(slip.day, with_weekday=True)),
    ]
    if slip.queue_no is not None:
        rows.append((QUEUE, persian.to_persian_digits(slip.queue_no)))
    if slip.answer_deadline is not None:
        rows.append((DEADLINE, jalali.format_jalali(slip.answer_deadline)))
    if slip.directive_agency:
        deadline = slip.directive_deadline
        rows.append(
            (
                DIRECTIVE,
                directive_text(
                    slip.directive_agency, jalali.format_jalali(deadline) if deadline else None
                ),
            )
        )
    return Card(
        title=TITLE,
        heading=HEADING,
        code=persian.canonical_code(slip.tracking_code),
        rows=tuple(rows),
        footer=FOOTER,
    )


def write_slip_pdf(slip: Slip, out: Out) -> int:
    """Write the slip as a PDF (a path or a binary stream); returns the pages (one)."""
    return render_card(slip_card(slip), out)
