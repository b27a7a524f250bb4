"""Demo stopped clocks: some requests and referrals waited for the citizen's papers (issue 13
part 5), so the tracker's «روزهای توقف», the pane's section and the report have figures.

Draws from its own random stream and picks cases by id, so the rest of the demo is unchanged.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time

from sqlalchemy import bindparam, insert, select, update

from app.models import ClockPause, Referral, Request
from app.models.database import Database
from app.models.enums import ReferralStatus, RequestStatus
from app.services.core import audit, jalali
from app.services.core.context import SYSTEM
from app.services.pauses.rules import moved_deadline, paused_days

REASONS = [
    "رونوشت سند مالکیت و کارت ملی از شهروند خواسته شد",
    "گواهی اشتغال به کار شهروند لازم است",
    "نقشهٔ محل و عکس از محل مشکل خواسته شد",
    "دستگاه قبض و پروندهٔ اشتراک شهروند را خواسته است",
    "شهروند باید رأی کمیسیون ماده ۱۰۰ را بیاورد",
    "مدارک پزشکی بیمار خواسته شد",
]
ARRIVED = [
    "مدارک خواسته‌شده به دفتر رسید",
    "شهروند مدارک را حضوری تحویل داد",
    "مدارک از طریق سامانه بارگذاری شد",
]
OPEN_REQUEST = (RequestStatus.NEW, RequestStatus.IN_REVIEW, RequestStatus.REOPENED)


def _at(day: date, rng: random.Random) -> datetime:
    """An office hour of a Tehran day, in UTC."""
    return jalali.tehran_to_utc(datetime.combine(day, time(rng.randint(8, 14),
                                                           rng.randint(0, 59))))


def add_pauses(db: Database, cal: jalali.WorkCalendar, today: date, seed: int,
               staff: list[int]) -> int:
    """Pause about one referral in nine and one open request in five; returns pauses added."""
    rng = random.Random(seed * 104_729 + 5)
    rows: list[dict] = []
    moved_refs: list[dict] = []
    moved_reqs: list[dict] = []

    def pause(request_id: int, referral_id: int | None, start: date, deadline: date,
              last_end: date) -> date:
        """One pause from `start`: ended by `last_end`, or (an open case) still running since
        a recent day. Returns the deadline as it stands after it."""
        by = rng.choice(staff) if staff else None
        row = {"request_id": request_id, "referral_id": referral_id, "started_on": start,
               "started_at": _at(start, rng), "started_by": by,
               "start_reason": rng.choice(REASONS), "ended_on": None, "ended_at": None,
               "ended_by": None, "end_reason": "", "paused_days": 0,
               "deadline_before": None, "deadline_after": None}
        if last_end >= today and rng.random() < 0.6:  # still waiting: since a recent day
            start = max(start, cal.add_working_days(today, -rng.randint(1, 12)))
            row.update(started_on=start, started_at=_at(start, rng))
            rows.append(row)
            return deadline
        end = min(cal.add_working_days(start, rng.randint(1, 9)), last_end)
        if end <= start:
            return deadline
        n = paused_days(cal, start, end)
        after = moved_deadline(cal, deadline, n) or deadline
        row.update(ended_on=end, ended_at=_at(end, rng), ended_by=by,
                   end_reason=rng.choice(ARRIVED), paused_days=n,
                   deadline_before=deadline, deadline_after=after)
        rows.append(row)
        return after

    with db.write() as s:
        audit.record(s, SYSTEM, "demo", None, "bulk_load", None, {"part": "pauses"})
        refs = s.execute(
            select(Referral.id, Referral.request_id, Referral.letter_date, Referral.deadline,
                   Referral.status, Referral.response_date)
            .where(Referral.id % 9 == 4, Referral.status != ReferralStatus.WITHDRAWN)
            .order_by(Referral.id)).all()
        for rid, req_id, letter, deadline, status, answered in refs:
            start = cal.add_working_days(letter, rng.randint(1, 6))
            last = answered if answered is not None else today
            if start >= last or (status != ReferralStatus.OPEN and answered is None):
                continue
            new = pause(req_id, rid, start, deadline, last)
            if new != deadline:
                moved_refs.append({"id": rid, "deadline": new})
        reqs = s.execute(
            select(Request.id, Request.received_at, Request.deadline)
            .where(Request.id % 5 == 2, Request.status.in_(OPEN_REQUEST),
                   Request.deadline.is_not(None))
            .order_by(Request.id)).all()
        for req_id, received, deadline in reqs:
            start = cal.add_working_days(jalali.to_tehran(received).date(), rng.randint(0, 3))
            if start > today:
                continue
            new = pause(req_id, None, min(start, today), deadline, today)
            if new != deadline:
                moved_reqs.append({"id": req_id, "deadline": new})
        if rows:
            s.execute(insert(ClockPause), rows)
        # Core updates by key: a bulk load moves no version (the rows were just made).
        for table, moved in ((Referral.__table__, moved_refs), (Request.__table__, moved_reqs)):
            if moved:
                s.execute(update(table).where(table.c.id == bindparam("key"))
                          .values(deadline=bindparam("new")),
                          [{"key": m["id"], "new": m["deadline"]} for m in moved])
    return len(rows)
