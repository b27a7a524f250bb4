"""The quarterly report's objection figures: received, upheld and rejected in the quarter.

Units and cut-off as the rest of the report: an objection counts as received in the quarter
when it was recorded between the quarter's first day and the cut-off, as upheld or rejected
when it was decided in that span (whenever it was received), and as pending when it was
received by the cut-off and not decided by then. Each objection is counted against whoever
gave the answer objected to: the office's direct answer, or the agency whose answer it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from app.models import Agency, Objection, ObjectionOutcome
from app.services.core import persian
from app.services.reports.measures import utc_range

if TYPE_CHECKING:
    from app.services.reports.dto import QuarterlyReport

OFFICE = "دفتر (پاسخ مستقیم)"
COLUMNS = ["پاسخ‌دهنده", "اعتراض دریافتی", "پذیرفته‌شده", "ردشده",
           "در انتظار تصمیم در تاریخ مبنا"]
SHEET = "اعتراض‌ها"


@dataclass(frozen=True)
class ObjectionRow:
    """Objections against one answerer's answers."""

    answered_by: str
    received: int
    upheld: int
    rejected: int
    pending: int


@dataclass(frozen=True)
class ObjectionFigures:
    """The quarter's objections, in all and by answerer (the office first, then by count)."""

    received: int
    upheld: int
    rejected: int
    pending: int
    rows: tuple[ObjectionRow, ...] = ()

    @property
    def upheld_share(self) -> float:
        """Share of the quarter's decisions that upheld the objection (0..1)."""
        decided = self.upheld + self.rejected
        return self.upheld / decided if decided else 0.0


def objection_figures(s: Session, start: date, end: date, as_of: date) -> ObjectionFigures:
    """The figures of [start, end] as they stood at the end of the cut-off day."""
    as_of = min(as_of, end)
    lo, _ = utc_range(start, start)
    _, cut_hi = utc_range(as_of, as_of)
    received = and_(Objection.recorded_at >= lo, Objection.recorded_at < cut_hi)
    decided_in = and_(Objection.decided_at >= lo, Objection.decided_at < cut_hi)
    upheld = and_(decided_in, Objection.outcome == ObjectionOutcome.UPHELD)
    rejected = and_(decided_in, Objection.outcome == ObjectionOutcome.REJECTED)
    pending = and_(Objection.recorded_at < cut_hi,
                   or_(Objection.decided_at.is_(None), Objection.decided_at >= cut_hi))
    counted = s.execute(
        select(Objection.agency_id,
               func.sum(case((received, 1), else_=0)), func.sum(case((upheld, 1), else_=0)),
               func.sum(case((rejected, 1), else_=0)), func.sum(case((pending, 1), else_=0)))
        .where(or_(received, decided_in, pending)).group_by(Objection.agency_id)
    ).all()
    names = dict(s.execute(select(Agency.id, Agency.name)).all())
    rows = [ObjectionRow(names.get(agency_id, OFFICE) if agency_id else OFFICE,
                         int(r or 0), int(u or 0), int(j or 0), int(p or 0))
            for agency_id, r, u, j, p in counted]
    rows.sort(key=lambda x: (x.answered_by != OFFICE, -x.received, -x.upheld,
                             persian.sort_key(x.answered_by)))
    return ObjectionFigures(sum(x.received for x in rows), sum(x.upheld for x in rows),
                            sum(x.rejected for x in rows), sum(x.pending for x in rows),
                            tuple(rows))


def objections_sheet(report: QuarterlyReport) -> tuple[str, list[str], list[list[Any]], list[int]]:
    """The table for the .xlsx workbook: sheet name, header, rows with a total, widths."""
    f = report.objections
    rows: list[list[Any]] = []
    if f is not None:
        rows = [[r.answered_by, r.received, r.upheld, r.rejected, r.pending] for r in f.rows]
        rows.append(["جمع", f.received, f.upheld, f.rejected, f.pending])
    return SHEET, COLUMNS, rows, [34, 14, 12, 10, 24]
