"""The report's per-request breakdowns, each taken at one cut-off day: Table 1 and deep-rooted cases.

Split from statistics.py, which keeps the headline figures, agencies, counties and meetings.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import and_, case, exists, func, literal, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.models import Agency, County, Referral, Request
from app.models.enums import ReferralStatus, RequestStatus, RequestType
from app.services.core import persian, reference
from app.services.reports.dto import AgencyTypeRow, AgencyTypeTable, DeepRootedItem
from app.services.reports.measures import as_date, local_day, utc_range

NO_ACTION = "اقدامی هنوز ثبت نشده است."


def referred_by(as_of: date) -> ColumnElement[bool]:
    """The request has a referral letter dated on or before the cut-off (withdrawn ones aside)."""
    return exists(select(Referral.id).where(
        Referral.request_id == Request.id, Referral.letter_date <= as_of,
        Referral.status != ReferralStatus.WITHDRAWN,
    ))


def agency_answered_by(as_of: date) -> ColumnElement[bool]:
    """An agency's answer to one of the request's letters is dated on or before the cut-off.

    The request's own answered_at is when the answer was typed in, possibly days later.
    """
    return exists(select(Referral.id).where(
        Referral.request_id == Request.id, Referral.response_date <= as_of,
        Referral.status != ReferralStatus.WITHDRAWN,
    ))


def settled_by(as_of: date) -> ColumnElement[bool]:
    """The request was answered (by the office or by an agency) or closed by the cut-off."""
    _, cut_hi = utc_range(as_of, as_of)
    return or_(Request.answered_at < cut_hi, Request.closed_at < cut_hi,
               agency_answered_by(as_of))


def governorate_ids(s: Session) -> list[int]:
    """The agency rows that are the governorate itself (normally one), lowest id first."""
    return list(s.scalars(select(Agency.id).where(Agency.is_governorate.is_(True))
                          .order_by(Agency.id)))


def request_agency(s: Session, as_of: date) -> ColumnElement[int]:
    """SQL for the agency a request concerns at the cut-off.

    The agency of its latest referral dated up to the cut-off, else the agency named at intake,
    else the governorate itself: a request imported from SAMAD and not yet referred belongs to
    the governorate, which received it, never to «no agency».
    """
    latest = (
        select(Referral.agency_id)
        .where(Referral.request_id == Request.id, Referral.letter_date <= as_of,
               Referral.status != ReferralStatus.WITHDRAWN)
        .order_by(Referral.letter_date.desc(), Referral.id.desc())
        .limit(1).correlate(Request).scalar_subquery()
    )
    gov = governorate_ids(s)
    fallback = literal(gov[0]) if gov else literal(None)
    return func.coalesce(latest, Request.agency_id, fallback)


def agency_type_table(s: Session, in_quarter: ColumnElement[bool],
                      as_of: date) -> AgencyTypeTable:
    """Table 1: requests of the quarter per agency (at the cut-off) and request type.

    The governorate's row comes first and is always present; the other agencies with at least
    one request follow in Persian alphabetical order.
    """
    inner = select(request_agency(s, as_of).label("agency_id"),
                   Request.type.label("type")).where(in_quarter).subquery()
    counts = s.execute(select(inner.c.agency_id, inner.c.type, func.count())
                       .group_by(inner.c.agency_id, inner.c.type)).all()
    types = list(RequestType)
    column = {t.value: i for i, t in enumerate(types)}
    gov = set(governorate_ids(s))
    per_agency: dict[int | None, list[int]] = defaultdict(lambda: [0] * len(types))
    for agency_id in gov:
        per_agency[agency_id]  # noqa: B018 (the governorate's row even with no request)
    for agency_id, kind, n in counts:
        per_agency[agency_id][column[kind]] += n
    names = dict(s.execute(select(Agency.id, Agency.name)
                           .where(Agency.id.in_([a for a in per_agency if a is not None]))).all())
    rows = [
        AgencyTypeRow(agency=names.get(a) or reference.GOVERNORATE, counts=tuple(c),
                      is_governorate=a in gov or a is None, agency_id=a)
        for a, c in per_agency.items()
    ]
    rows.sort(key=lambda r: (not r.is_governorate, persian.sort_key(r.agency)))
    return AgencyTypeTable(types=tuple(t.label for t in types), rows=tuple(rows))


def deep_rooted_cases(s: Session, start: date, end: date,
                      as_of: date) -> list[DeepRootedItem]:
    """Every deep-rooted case received in [start, end], in the order the report prints them.

    The selection rule: cases still open at the cut-off (no answer and no closing recorded by
    then) come first, then the settled ones; within each, the oldest received first, so the
    longest-waiting open cases always make the printed list.
    """
    lo, hi = utc_range(start, end)
    _, cut_hi = utc_range(as_of, as_of)
    cond = and_(Request.deep_rooted.is_(True), Request.received_at >= lo,
                Request.received_at < hi)
    closed = and_(Request.closed_at.is_not(None), Request.closed_at < cut_hi)
    answered = or_(and_(Request.answered_at.is_not(None), Request.answered_at < cut_hi),
                   agency_answered_by(as_of))
    referred = referred_by(as_of)
    open_ = ~or_(closed, answered)
    reqs = s.execute(
        select(Request.id, Request.tracking_code, Request.subject, Request.actions_taken,
               Request.answer_text, County.name, local_day(s, Request.received_at),
               case((closed, 0), (answered, 1), (referred, 2), else_=3))
        .outerjoin(County, County.id == Request.county_id)
        .where(cond)
        .order_by(case((open_, 0), else_=1), Request.received_at, Request.id)
    ).all()
    agencies: dict[int, list[str]] = defaultdict(list)
    for rid, name in s.execute(
        select(Referral.request_id, Agency.name)
        .join(Agency, Agency.id == Referral.agency_id)
        .join(Request, Request.id == Referral.request_id)
        .where(cond, Referral.letter_date <= as_of).order_by(Referral.id)
    ).all():
        if name not in agencies[rid]:
            agencies[rid].append(name)
    states = (RequestStatus.CLOSED, RequestStatus.ANSWERED, RequestStatus.AWAITING_AGENCY,
              RequestStatus.IN_REVIEW)
    return [
        DeepRootedItem(
            tracking_code=code, subject=subject, county=county or "",
            agencies=agencies.get(rid, []), state=states[state].label,
            actions=actions or answer or NO_ACTION, received_on=as_date(day),
            open_at_cut_off=state >= 2,
        )
        for rid, code, subject, actions, answer, county, day, state in reqs
    ]
