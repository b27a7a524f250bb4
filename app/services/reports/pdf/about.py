"""What the report counts, said once: the cut-off day, the units, the number formats.

Every section names its unit with these words, and the «درباره این گزارش» note lists them.
The report writes the ezafe without a hamza («نامه ارجاع», «توسعه مدیریت»), as its headings do.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from app.services.core import persian
from app.services.core.jalali import format_jalali
from app.services.reports.dto import QuarterlyReport
from app.services.reports.pdf.flowables import BODY, RtlParagraph
from app.services.reports.pdf.formatting import subheading

REQUEST = "درخواست"  # one registered request, one tracking code
LETTER = "نامه ارجاع"  # one referral letter to one agency; a request may have several
ABOUT_TITLE = "درباره این گزارش"
NOTE = BODY.with_(size=8.5, leading=14, align="justify", space_after=1)


def code(tracking_code: str) -> str:
    """A tracking code as the whole application prints it: Latin digits, left to right.

    The legibility rule of the desk (app/views/formatting.tracking_code): the Persian zero is a
    dot that vanishes beside a hyphen, so codes keep Latin digits while other numbers are Persian.
    """
    return persian.ltr(persian.canonical_code(tracking_code)) if tracking_code else "—"


def cut_off(report: QuarterlyReport) -> str:
    """The cut-off day in Jalali with Persian digits («۱۴۰۵/۰۶/۳۱»)."""
    return format_jalali(report.cut_off)


def as_of(report: QuarterlyReport) -> str:
    """«تا پایان روز ۱۴۰۵/۰۶/۳۱»: the phrase every figure's note ends with."""
    return f"تا پایان روز {cut_off(report)}"


def cut_off_sentence(report: QuarterlyReport) -> str:
    """Which day the figures stand at, and why a later print gives the same figures."""
    when = cut_off(report)
    if report.cut_off < report.summary.end:
        ended = f"سه‌ماهه تا روز تهیه گزارش به پایان نرسیده است؛ همه ارقام وضع روز {when} است"
    else:
        ended = f"همه ارقام وضع پایان روز {when}، آخرین روز سه‌ماهه، است"
    return (
        f"تاریخ مبنا: {ended}. پاسخ، ارجاع یا ختمی که پس از این روز ثبت شود در این گزارش "
        "شمرده نمی‌شود، پس گزارشی که دیرتر چاپ شود همین ارقام را دارد. ارقام سه‌ماهه قبل نیز "
        "وضع پایان همان سه‌ماهه است. تنها «اقدامات انجام‌شده» موارد ریشه‌دار تا روز تهیه گزارش است."
    )


def about_section(report: QuarterlyReport) -> list[Flowable]:
    """The note that lists the cut-off, the units and the formats of every figure."""
    lines = [
        cut_off_sentence(report),
        f"واحد شمارش: «{REQUEST}» یعنی یک درخواست ثبت‌شده با یک کد رهگیری؛ «{LETTER}» یعنی "
        "یک نامه که به یک دستگاه اجرایی فرستاده شده است و یک درخواست ممکن است چند نامه ارجاع "
        "داشته باشد. واحد هر ستون در عنوان یا یادداشت همان جدول آمده است.",
        "پاسخ در مهلت: از نامه‌های ارجاعی که پاسخ دستگاه تا تاریخ مبنا رسیده است، سهم آن‌هایی که "
        "تاریخ پاسخشان از مهلت نگذشته است.",
        "درصدها به عدد صحیح گرد شده‌اند و تغییر نسبت به سه‌ماهه قبل با یک رقم اعشار آمده است "
        "(مانند ٪۲٫۰ افزایش). کدهای رهگیری با رقم لاتین چاپ می‌شود (صفر فارسی کنار خط فاصله "
        "دیده نمی‌شود)؛ دیگر اعداد با رقم فارسی است.",
    ]
    return [subheading(ABOUT_TITLE)] + [RtlParagraph(line, NOTE) for line in lines]


def unit_note(text: str) -> RtlParagraph:
    """A one-line note under a heading: the unit and cut-off of the table that follows."""
    p = RtlParagraph(text, NOTE.with_(space_after=4))
    p.keepWithNext = True
    return p
