"""The report's objection section: citizens' objections to answers, received and decided."""

from __future__ import annotations

from reportlab.platypus import Flowable

from app.services.core.persian import format_number, format_percent, to_persian_digits
from app.services.reports.dto import QuarterlyReport
from app.services.reports.objections import COLUMNS
from app.services.reports.pdf.about import as_of, unit_note
from app.services.reports.pdf.flowables import BODY, RtlParagraph
from app.services.reports.pdf.formatting import heading
from app.services.reports.pdf.page import FRAME_WIDTH
from app.services.reports.pdf.tables import rtl_table

NUMBER = 9  # after the repeat visits (8)
TITLE = "اعتراض شهروندان به پاسخ‌ها"
HEADER = ["ردیف", *COLUMNS]
FRACTIONS = [0.07, 0.37, 0.14, 0.13, 0.12, 0.17]


def summary_sentence(report: QuarterlyReport) -> str:
    """The quarter's objections in one sentence."""
    f = report.objections
    assert f is not None
    decided = f.upheld + f.rejected
    share = (f"؛ {format_percent(f.upheld_share)} از تصمیم‌ها به سود شهروند بود"
             if decided else "")
    return (f"در این سه‌ماهه {format_number(f.received)} اعتراض شهروند به پاسخ درخواست‌ها ثبت "
            f"شد. بازرسی درباره {format_number(decided)} اعتراض تصمیم گرفت: "
            f"{format_number(f.upheld)} اعتراض پذیرفته و {format_number(f.rejected)} اعتراض رد "
            f"شد{share}. {format_number(f.pending)} اعتراض {as_of(report)} در انتظار تصمیم "
            "بود.")


def objections_section(report: QuarterlyReport) -> list[Flowable]:
    """Heading, a sentence of figures and the table by answerer (nothing without figures)."""
    f = report.objections
    if f is None:
        return []
    story: list[Flowable] = [heading(NUMBER, TITLE)]
    if not f.rows:
        story.append(RtlParagraph("در این سه‌ماهه اعتراضی به پاسخ درخواست‌ها ثبت نشده است.",
                                  BODY))
        return story
    story.append(RtlParagraph(summary_sentence(report), BODY.with_(align="justify",
                                                                    space_after=2)))
    story.append(unit_note(
        f"واحد: اعتراض؛ دریافتی یعنی ثبت‌شده در این سه‌ماهه، پذیرفته و ردشده یعنی تصمیم‌گرفته "
        f"در این سه‌ماهه، {as_of(report)}. هر اعتراض به نام کسی شمرده شده که پاسخ را داده "
        "بود: دفتر یا دستگاه اجرایی."))
    rows = [(to_persian_digits(i), r.answered_by, format_number(r.received),
             format_number(r.upheld), format_number(r.rejected), format_number(r.pending))
            for i, r in enumerate(f.rows, start=1)]
    total = ("", "جمع", format_number(f.received), format_number(f.upheld),
             format_number(f.rejected), format_number(f.pending))
    story.append(rtl_table(HEADER, rows, [FRAME_WIDTH * x for x in FRACTIONS],
                           numeric=[True, False, True, True, True, True], total=total))
    return story

