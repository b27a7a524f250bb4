"""The report's prose: deep-rooted issues with the actions taken, signatures and the audit anchor."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from app.services.core.jalali import format_jalali, format_jalali_datetime
from app.services.core.persian import format_number, to_persian_digits
from app.services.reports.dto import DeepRootedItem, QuarterlyReport
from app.services.reports.pdf.about import as_of, code, cut_off
from app.services.reports.pdf.flowables import BODY, LATIN, SUBHEADING, RtlParagraph, TextStyle
from app.services.reports.pdf.fonts import BOLD, REGULAR
from app.services.reports.pdf.formatting import heading
from app.services.reports.pdf.page import FRAME_WIDTH
from app.services.reports.xlsx import DEEP_ROOTED_SHEET

ITEM_TITLE = SUBHEADING.with_(size=10.5, leading=18, space_before=8, space_after=1)
META = BODY.with_(size=9, leading=15)
NARRATIVE = BODY.with_(size=10, leading=17, align="justify", space_after=2)

SIGNATORIES: tuple[str, ...] = (
    "تهیه‌کننده",
    "مدیرکل دفتر بازرسی، مدیریت عملکرد و امور حقوقی",
    "معاون توسعه مدیریت و منابع",
)


SHEET = DEEP_ROOTED_SHEET  # the .xlsx sheet that lists every case


def _item(number: int, item: DeepRootedItem) -> list[Flowable]:
    title = RtlParagraph(f"{to_persian_digits(number)}- {item.subject}", ITEM_TITLE)
    title.keepWithNext = True
    received = f"؛ تاریخ دریافت: {format_jalali(item.received_on)}" if item.received_on else ""
    meta = RtlParagraph(
        f"کد رهگیری: {code(item.tracking_code)}؛ شهرستان: {item.county}{received}؛ "
        f"وضعیت در تاریخ مبنا: {item.state}\n"
        f"دستگاه‌های مرتبط: {'، '.join(item.agencies) if item.agencies else '—'}",
        META,
    )
    meta.keepWithNext = True
    actions = RtlParagraph(f"اقدامات انجام‌شده: {item.actions}", NARRATIVE)
    return [title, meta, actions]


def deep_rooted_section(report: QuarterlyReport) -> list[Flowable]:
    """Deep-rooted issues, each with its agencies, current state and a narrative of actions."""
    story: list[Flowable] = [heading(7, "موارد ریشه‌دار و اقدامات انجام‌شده")]
    if not report.deep_rooted:
        story.append(RtlParagraph("در این سه‌ماهه مورد ریشه‌داری ثبت نشده است.", BODY))
        return story
    intro = (
        "موارد زیر مسائل ریشه‌داری است که در دیدارهای مردمی و سامانه‌ها مطرح شد و پاسخ آن‌ها از "
        "اختیار استانداری فراتر بود؛ از این رو به دستگاه اجرایی مربوط ارجاع شد و پیگیری آن ادامه دارد."
    )
    story.append(RtlParagraph(intro, BODY.with_(align="justify", space_after=2)))
    story.append(RtlParagraph(selection_note(report), BODY.with_(align="justify", space_after=2)))
    for i, item in enumerate(report.deep_rooted, start=1):
        story.extend(_item(i, item))
    return story


def shown_of_total(report: QuarterlyReport) -> str:
    """«۳۰ مورد از ۳۹۲»: how many cases are printed out of how many the quarter has."""
    return (f"{format_number(len(report.deep_rooted))} مورد از "
            f"{format_number(report.deep_rooted_count)}")


def selection_note(report: QuarterlyReport) -> str:
    """How many cases are printed, by which rule, and where the full list is."""
    shown, total = len(report.deep_rooted), report.deep_rooted_count
    rule = (
        f"ترتیب: نخست مواردی که {as_of(report)} نه پاسخ گرفته و نه مختومه شده بودند، سپس موارد "
        "پاسخ‌گرفته؛ در هر گروه قدیمی‌ترین تاریخ دریافت نخست."
    )
    if shown < total:
        which = (
            f"در این بخش {shown_of_total(report)} مورد ریشه‌دار این سه‌ماهه آمده است. {rule} "
            f"فهرست کامل هر {format_number(total)} مورد در فایل اکسل همین گزارش، برگه «{SHEET}»، "
            "آمده است."
        )
    else:
        which = f"همه {format_number(total)} مورد ریشه‌دار این سه‌ماهه در این بخش آمده است. {rule}"
    return (
        f"{which} وضعیت هر مورد، وضع آن در تاریخ مبنا ({cut_off(report)}) است و «اقدامات "
        "انجام‌شده» تا روز تهیه گزارش."
    )


def _signatures() -> Table:
    """Three signature boxes in a row; roles on top (preparer on the right), then name and signature."""
    centred = TextStyle(align="center", size=9.5, leading=16)
    roles = [RtlParagraph(role, centred.with_(font=BOLD)) for role in SIGNATORIES]
    names = [RtlParagraph("نام و نام خانوادگی:", centred) for _ in SIGNATORIES]
    signs = [RtlParagraph("امضا و تاریخ:", centred) for _ in SIGNATORIES]
    rows = [list(reversed(r)) for r in (roles, names, signs)]
    w = FRAME_WIDTH / len(SIGNATORIES)
    table = Table(rows, colWidths=[w] * len(SIGNATORIES), rowHeights=[None, 34, 58])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 9.5),  # the table's default would be Helvetica
                ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                ("VALIGN", (0, 1), (-1, -1), "TOP"),
                ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                ("LINEBEFORE", (1, 0), (-1, -1), 0.4, colors.grey),
                ("LINEBELOW", (0, 0), (-1, 0), 0.4, colors.grey),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def closing_section(report: QuarterlyReport) -> list[Flowable]:
    """Signatures (right to left: preparer first) and the audit chain's head hash."""
    generated = format_jalali_datetime(report.generated_at)
    anchor = [
        RtlParagraph(
            "چکیده سرآغاز زنجیره ممیزی در زمان تهیه این گزارش (هر تغییر بعدی در سوابق، این "
            f"چکیده را ناسازگار می‌کند). زمان تهیه: {generated}. زنجیره تا این چکیده "
            f"{format_number(report.audit_events)} رویداد دارد.",
            BODY.with_(size=8.5, leading=14, space_before=8),
        ),
        RtlParagraph(report.audit_head_hash or "—", LATIN.with_(size=8.5, space_before=2)),
    ]
    return [KeepTogether([Spacer(1, 14), _signatures(), *anchor])]
