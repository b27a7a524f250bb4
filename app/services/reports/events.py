"""The quarterly report's events (issue 14 §1): per trip, live session or special meeting day,
the letters received, answered directly, referred and still open at the cut-off.

The same measures as the county table (reports.breakdowns), over the requests tagged with each
event and received in the quarter by the cut-off; an event is listed when it overlaps the
quarter or has such requests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from app.models import County, Event, Request
from app.models.enums import EventKind, Resolution
from app.services.core import jalali
from app.services.reports.breakdowns import referred_by, settled_by
from app.services.reports.measures import utc_range

SHEET = "رویدادها"
COLUMNS = ["رویداد", "نوع", "شهرستان", "از", "تا", "نامه‌های دریافتی", "پاسخ مستقیم", "ارجاع",
           "باز در تاریخ مبنا"]


@dataclass(frozen=True)
class EventRow:
    """One event's letters in the quarter."""

    name: str
    kind: str  # Persian label
    county: str
    starts_on: date
    ends_on: date
    received: int
    answered_directly: int
    referred: int
    open: int


def event_counts(s: Session, as_of: date, lo: datetime | None = None,
                 hi: datetime | None = None,
                 event_ids: list[int] | None = None) -> dict[int, tuple[int, int, int, int]]:
    """Event id -> (received, answered directly, referred, open at the cut-off) of the tagged
    requests received in [lo, hi) (UTC; no bound when None) and by the cut-off.

    The report asks for a quarter; the events screen for all time (one query either way).
    """
    _, cut_hi = utc_range(as_of, as_of)
    referred = referred_by(as_of)
    direct = and_(~referred, Request.resolution == Resolution.DIRECT,
                  Request.answered_at < cut_hi)
    conds = [Request.event_id.is_not(None), Request.received_at < min(hi or cut_hi, cut_hi)]
    if lo is not None:
        conds.append(Request.received_at >= lo)
    if event_ids is not None:
        conds.append(Request.event_id.in_(event_ids))
    return {r[0]: (r[1] or 0, r[2] or 0, r[3] or 0, r[4] or 0) for r in s.execute(
        select(Request.event_id, func.count(), func.sum(case((direct, 1), else_=0)),
               func.sum(case((referred, 1), else_=0)),
               func.sum(case((settled_by(as_of), 0), else_=1)))
        .where(*conds).group_by(Request.event_id)).all()}


def event_rows(s: Session, start: date, end: date, as_of: date) -> list[EventRow]:
    """The events of [start, end] as they stood at the cut-off, by start date (one query each
    for the counts and the events)."""
    as_of = min(as_of, end)
    lo, hi = utc_range(start, end)
    counts = event_counts(s, as_of, lo, hi)
    events = s.execute(
        select(Event, County.name).outerjoin(County, County.id == Event.county_id)
        .where((Event.starts_on <= end) & (Event.ends_on >= start) | Event.id.in_(list(counts)))
        .order_by(Event.starts_on, Event.id)).all()
    rows = []
    for e, county in events:
        n, d, r, o = counts.get(e.id, (0, 0, 0, 0))
        rows.append(EventRow(e.name, EventKind(e.kind).label, county or "", e.starts_on,
                             e.ends_on, n, d, r, o))
    return rows


def events_sheet(rows: list[EventRow]) -> tuple[str, list[str], list[list[Any]], list[int]]:
    """The table for the .xlsx workbook: sheet name, header, rows, widths."""
    return SHEET, COLUMNS, [
        [e.name, e.kind, e.county, jalali.format_jalali(e.starts_on),
         jalali.format_jalali(e.ends_on), e.received, e.answered_directly, e.referred, e.open]
        for e in rows], [34, 16, 14, 12, 12, 14, 12, 10, 14]
