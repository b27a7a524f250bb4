"""Demo objections (اعتراض): a few citizens object to answers, and the inspection decides.

Drawn from its own random stream over the closed requests, so the rest of the demo is the same
with or without it. Recent objections still await a decision (the request reopened); older
ones were rejected (the request closed again as it was) or upheld: the office or the agency
answered again, or, if upheld lately, still owes the new answer.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.models import Objection, Referral, Request, User
from app.models.database import Database
from app.models.enums import AnswerGrade, ReferralStatus, RequestStatus, Resolution, Role
from app.services.core import audit, jalali, reference
from app.services.core.context import SYSTEM

# Of closed requests, the share a citizen objects to: agencies' answers draw more objections.
SHARE = {Resolution.DIRECT: 0.03, Resolution.REFERRED: 0.15}
UPHELD_SHARE = 0.4
PENDING_DAYS = 10  # objections younger than this are still pending
REASONS = (
    "پاسخ داده‌شده کلی است و مشکل همچنان پابرجاست.",
    "دستگاه قول رسیدگی داد ولی هیچ اقدامی انجام نشده است.",
    "پاسخ با واقعیت محل تطبیق ندارد؛ بازدید میدانی انجام نشده است.",
    "درخواست من درست فهمیده نشده و پاسخ به موضوع دیگری است.",
    "مهلت اعلام‌شده در پاسخ گذشته و کاری صورت نگرفته است.",
)
REJECTIONS = (
    "پاسخ دستگاه با مستندات همراه بوده و کافی است.",
    "موضوع خارج از اختیار دستگاه است و به شهروند اعلام شده بود.",
    "بازدید بازرس نشان داد اقدام لازم انجام شده است.",
)
UPHOLDINGS = ("پاسخ ناقص است؛ رسیدگی دوباره لازم است.", "")


def add_objections(db: Database, today: date, seed: int = 1405) -> int:
    """Insert the demo's objections and their effects on requests and referrals; how many."""
    rng = random.Random(seed * 31 + 11)
    cal = reference.work_calendar(db)
    now = min(jalali.utc_now(), jalali.tehran_to_utc(datetime.combine(today, time(23, 59))))
    with db.write() as s:
        audit.record(s, SYSTEM, "demo", None, "bulk_load", None, {"part": "objections"})
        staff = [u for u, r in s.execute(select(User.id, User.role)) if r != Role.INSPECTOR]
        inspectors = [u for u, r in s.execute(select(User.id, User.role)) if r == Role.INSPECTOR]
        closed = s.execute(select(Request.id, Request.closed_at, Request.resolution)
                           .where(Request.status == RequestStatus.CLOSED)
                           .order_by(Request.id)).all()
        picked = [r for r in closed if rng.random() < SHARE.get(r[2], 0.03)]
        answered = _answered_referrals(s, [r[0] for r in picked])
        rows = []
        for rid, closed_at, resolution in picked:
            recorded = closed_at + timedelta(days=rng.randint(1, 25), minutes=rng.randint(0, 300))
            if recorded >= now - timedelta(hours=1):
                continue
            refs = answered.get(rid, []) if resolution == Resolution.REFERRED else []
            row = {"request_id": rid, "reason": rng.choice(REASONS), "recorded_at": recorded,
                   "recorded_by": rng.choice(staff) if staff else None,
                   "closed_at_before": closed_at,
                   "answer_kind": Resolution.REFERRED if refs else Resolution.DIRECT,
                   "agency_id": refs[-1][1] if refs else None, "outcome": "pending",
                   "decision_note": "", "decided_at": None, "decided_by": None, "version": 1}
            rows.append(row)
            if recorded > now - timedelta(days=PENDING_DAYS):
                _set(s, Request, rid, status=RequestStatus.REOPENED, closed_at=None)
                continue
            decided = min(recorded + timedelta(days=rng.randint(1, 6)), now - timedelta(hours=1))
            upheld = rng.random() < UPHELD_SHARE
            row.update(outcome="upheld" if upheld else "rejected", decided_at=decided, version=2,
                       decided_by=rng.choice(inspectors) if inspectors else None,
                       decision_note=rng.choice(UPHOLDINGS if upheld else REJECTIONS))
            if upheld:
                _answer_again(s, cal, rng, rid, refs, decided, now)
        if rows:
            s.execute(insert(Objection), rows)
        return len(rows)


def _answered_referrals(s: Session, ids: list[int]) -> dict[int, list[tuple[int, int]]]:
    """request id -> its answered referrals (id, agency id), oldest answer first."""
    out: dict[int, list[tuple[int, int]]] = {}
    for i in range(0, len(ids), 500):
        for req_id, ref_id, agency_id in s.execute(
                select(Referral.request_id, Referral.id, Referral.agency_id)
                .where(Referral.request_id.in_(ids[i:i + 500]),
                       Referral.status == ReferralStatus.ANSWERED)
                .order_by(Referral.response_date, Referral.id)):
            out.setdefault(req_id, []).append((ref_id, agency_id))
    return out


def _set(s: Session, model: type, row_id: int, **values: object) -> None:
    s.execute(update(model).where(model.id == row_id)
              .values(version=model.version + 1, **values))


def _answer_again(s: Session, cal: jalali.WorkCalendar, rng: random.Random, rid: int,
                  refs: list[tuple[int, int]], decided: datetime, now: datetime) -> None:
    """After an upheld objection: answered and closed again, or still owing the new answer."""
    again = decided + timedelta(days=rng.randint(5, 20))
    day = jalali.to_tehran(decided).date()
    if again < now - timedelta(days=1):
        _set(s, Request, rid, answered_at=again, closed_at=again)
        return
    if refs:
        for ref_id, _agency in refs:
            _set(s, Referral, ref_id, status=ReferralStatus.OPEN, grade=AnswerGrade.INADEQUATE,
                 deadline=cal.add_working_days(day, 15))
        _set(s, Request, rid, status=RequestStatus.AWAITING_AGENCY, closed_at=None)
    else:
        _set(s, Request, rid, status=RequestStatus.REOPENED, closed_at=None,
             deadline=cal.add_working_days(day, 10))
