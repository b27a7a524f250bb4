"""Export the inbox's current view to an .xlsx workbook (right-to-left, Jalali dates)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.services.core import jalali
from app.services.core.context import Actor
from app.services.core.xlsx import add_table, new_workbook, save
from app.services.requests.dto import InboxFilter
from app.services.requests.inbox import InboxService

EXPORT_LIMIT = 200_000  # an Excel sheet stays usable; the count says when it was cut
HEADERS = ["کد رهگیری", "تاریخ دریافت", "شهروند", "شهرستان", "دستگاه", "نوع", "مجرا", "وضعیت",
           "مهلت", "ریشه‌دار", "خارج از مهلت", "موضوع"]


def export_inbox(inbox: InboxService, f: InboxFilter, out: Path | str, sort: str = "received_at",
                 descending: bool = True,
                 progress: Callable[[int, str], None] | None = None,
                 actor: Actor | None = None) -> int:
    """Write the rows the filter shows, in the shown order; returns how many were written."""
    progress = progress or (lambda _p, _m: None)
    total = min(inbox.count(f, actor), EXPORT_LIMIT)
    rows: list[list[object]] = []
    batch = 5000
    while len(rows) < total:
        page = inbox.page(f, offset=len(rows), limit=min(batch, total - len(rows)), sort=sort,
                          descending=descending, with_total=False, actor=actor)
        if not page.rows:
            break
        for r in page.rows:
            rows.append([
                r.tracking_code, jalali.format_jalali_datetime(r.received_at, persian_digits=False),
                r.citizen, r.county, r.agency, r.type_label, r.channel_label, r.status_label,
                jalali.format_jalali(r.deadline, persian_digits=False) if r.deadline else "",
                "بله" if r.deep_rooted else "", "بله" if r.overdue else "", r.subject,
            ])
        progress(90 * len(rows) // max(1, total), f"{len(rows)} از {total}")
    wb = new_workbook()
    add_table(wb, "صندوق درخواست‌ها", HEADERS, rows,
              widths=[18, 18, 22, 14, 30, 12, 16, 20, 12, 10, 12, 40])
    save(wb, out)
    progress(100, "ذخیره شد")
    return len(rows)


class ExportService:
    """The inbox's export to a workbook, through the registry."""

    def __init__(self, inbox: InboxService) -> None:
        self.inbox_service = inbox

    def inbox(self, f: InboxFilter, out: Path | str, sort: str = "received_at",
              descending: bool = True,
              progress: Callable[[int, str], None] | None = None,
              actor: Actor | None = None) -> int:
        """Write the rows the filter shows, in the shown order; returns how many were written."""
        return export_inbox(self.inbox_service, f, out, sort, descending, progress, actor)
