"""The citizen's receipt of a registered request: tracking code, name and summary, an A6 PDF."""

from __future__ import annotations

from app.services.core import jalali, persian
from app.services.reports.pdf.documents import Out, render_card
from app.services.reports.pdf.dto import Card
from app.services.requests.dto import RequestDetail

TITLE = "رسید ثبت درخواست"
HEADING = "رسید ثبت درخواست — کد رهگیری"
CITIZEN = "شهروند:"
SUBJECT = "موضوع:"
KIND = "نوع و مجرا:"
AGENCY = "دستگاه:"
RECEIVED = "تاریخ دریافت:"
DEADLINE = "مهلت پاسخ:"
NONE = "—"
FOOTER = "پیگیری درخواست با این کد از سامانهٔ ۱۱۱ یا دفتر بازرسی استانداری ممکن است."


def receipt_rows(d: RequestDetail) -> list[tuple[str, str]]:
    """(label, value) lines that sum the request up, as the success page and the receipt show."""
    # «date time» isolated right to left, so the date stays right of the time in any paragraph.
    received = persian.rtl(jalali.format_jalali_datetime(d.received_at))
    rows = [
        (CITIZEN, d.citizen.full_name if d.citizen else NONE),
        (SUBJECT, d.subject),
        (KIND, f"{d.type_label}، {d.channel_label}"),
        (RECEIVED, received),
    ]
    if d.agency:
        rows.insert(3, (AGENCY, d.agency))
    if d.deadline is not None:
        rows.append((DEADLINE, jalali.format_jalali(d.deadline)))
    return rows


def write_receipt_pdf(d: RequestDetail, out: Out) -> int:
    """Write the receipt as a PDF (a path or a binary stream); returns the pages (one)."""
    card = Card(
        title=TITLE,
        heading=HEADING,
        code=persian.canonical_code(d.tracking_code),
        rows=tuple(receipt_rows(d)),
        footer=FOOTER,
    )
    return render_card(card, out)
