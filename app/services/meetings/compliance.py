"""Meeting-day compliance: the ONE computation behind the calendar's panel and the quarterly report.

Per manager, for a period [start, end] counted up to `until` (today by default):

- expected  = days the manager's weekly rule falls on (services.calendar.expand_rules), less
  holidays, less the office's weekly rest days (the «rest_weekdays» setting, the same one the
  deadlines and the calendar read) and less the occurrences cancelled with a recorded reason; a rule day of today or
  later counts only once something was recorded for it (a meeting later today is not missed);
- held      = weekly meetings held in the period (a moved occurrence counts on its new day);
- cancelled = weekly meetings cancelled in the period;
- missed    = expected − held (ManagerCompliance.missed); `missed_days` lists the rule days with
  nothing recorded at all, i.e. who missed their day and when;
- citizens received (held meetings of any kind), issues raised (requests linked to the
  manager's meetings) and directives issued from them (referrals with directive=True) and how
  many of those are still open.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from app.models import Agency, Manager, Meeting, Referral, Request
from app.models.database import Database
from app.models.enums import MeetingKind, MeetingStatus, ReferralStatus
from app.services.core import jalali, scope
from app.services.core.context import Actor
from app.services.meetings.calendar import (
    CalendarFilter,
    expand_rules,
    holidays_between,
    off_days_between,
    rules_between,
)
from app.services.meetings.dto import AgencyCompliance, ComplianceSummary  # noqa: F401
from app.services.reports.dto import ManagerCompliance


def _manager_ids(s: Session, flt: CalendarFilter | None) -> list[int] | None:
    """Ids of the managers a filter selects (None: no filter)."""
    if flt is None or (flt.manager_id is None and flt.agency_id is None and flt.county_id is None):
        return None
    q = select(Manager.id)
    if flt.manager_id is not None:
        q = q.where(Manager.id == flt.manager_id)
    if flt.agency_id is not None:
        q = q.where(Manager.agency_id == flt.agency_id)
    if flt.county_id is not None:
        q = q.where(Manager.county_id == flt.county_id)
    return list(s.scalars(q))


def manager_rows(s: Session, start: date, end: date, until: date,
                 holidays: Iterable[date] | None = None, flt: CalendarFilter | None = None,
                 today: date | None = None) -> list[ManagerCompliance]:
    """Compliance per manager, computed in one session (see the module docstring).

    `holidays` defaults to the holiday table; the weekly rest days always come from the
    setting. Managers with nothing expected, held or raised in the period are left out.
    """
    today = today or jalali.tehran_today()
    last = min(end, until)
    ids = _manager_ids(s, flt)
    if ids is not None and not ids:
        return []
    holiday_days = (dict.fromkeys(holidays, "") if holidays is not None
                    else holidays_between(s, start, end))
    off_days = off_days_between(s, start, last, holiday_days)
    rule_flt = CalendarFilter(manager_id=flt.manager_id) if flt and flt.manager_id else None
    rules = [r for r in rules_between(s, start, last, rule_flt)
             if ids is None or r.manager_id in ids]
    rule_days = [rd for rd in expand_rules(rules, start, last, off_days) if rd.holiday is None]

    def only(q, col):  # noqa: ANN001, ANN202
        return q if ids is None else q.where(col.in_(ids))

    # Weekly meetings recorded for a rule day of the period (by their rule day), and every meeting
    # held in the period (by its own day); a few hundred rows for a quarter.
    recorded: dict[tuple[int, date], str] = {}
    held: dict[int, int] = defaultdict(int)
    cancelled: dict[int, int] = defaultdict(int)
    citizens: dict[int, int] = defaultdict(int)
    rule_day = func.coalesce(Meeting.occurrence_day, Meeting.day)
    q = select(Meeting.manager_id, Meeting.kind, Meeting.status, Meeting.day,
               Meeting.occurrence_day, Meeting.citizens_received).where(
        or_(and_(Meeting.day >= start, Meeting.day <= last),
            and_(rule_day >= start, rule_day <= last)))
    for m_id, kind, status, day, occ_day, n_citizens in s.execute(only(q, Meeting.manager_id)):
        weekly = kind == MeetingKind.WEEKLY
        if weekly and status != MeetingStatus.PLANNED:
            key = (m_id, occ_day or day)
            if recorded.get(key) != MeetingStatus.HELD:
                recorded[key] = status
        if not start <= day <= last:
            continue
        if status == MeetingStatus.HELD:
            citizens[m_id] += n_citizens or 0
            if weekly:
                held[m_id] += 1
        elif status == MeetingStatus.CANCELLED and weekly:
            cancelled[m_id] += 1
    expected: dict[int, int] = defaultdict(int)
    missed_days: dict[int, list[date]] = defaultdict(list)
    for rd in rule_days:
        status = recorded.get((rd.manager_id, rd.day))
        if status == MeetingStatus.CANCELLED:
            continue
        if status is None and rd.day >= today:
            continue  # still to come (today's meeting may not have been held yet)
        expected[rd.manager_id] += 1
        if status is None:
            missed_days[rd.manager_id].append(rd.day)
    in_p = and_(Meeting.day >= start, Meeting.day <= last)
    issues = dict(s.execute(only(
        select(Meeting.manager_id, func.count(Request.id))
        .join(Request, Request.meeting_id == Meeting.id).where(in_p), Meeting.manager_id)
        .group_by(Meeting.manager_id)).all())
    directives = {r[0]: r[1:] for r in s.execute(only(
        select(Meeting.manager_id, func.count(Referral.id),
               func.sum(case((Referral.status == ReferralStatus.OPEN, 1), else_=0)))
        .join(Request, Request.meeting_id == Meeting.id)
        .join(Referral, Referral.request_id == Request.id)
        .where(in_p, Referral.directive.is_(True)), Meeting.manager_id)
        .group_by(Meeting.manager_id)).all()}
    out = []
    for m_id, name, title, agency_id, agency in s.execute(only(
            select(Manager.id, Manager.name, Manager.title, Manager.agency_id, Agency.name)
            .join(Agency, Agency.id == Manager.agency_id), Manager.id).order_by(Manager.id)):
        if not expected.get(m_id) and not held.get(m_id) and m_id not in issues \
                and not cancelled.get(m_id):
            continue
        n_dir, n_open = directives.get(m_id, (0, 0))
        out.append(ManagerCompliance(
            manager=name, title=title, agency=agency, expected=expected.get(m_id, 0),
            held=held.get(m_id, 0), cancelled=cancelled.get(m_id, 0),
            citizens_received=citizens.get(m_id, 0), issues_raised=issues.get(m_id, 0),
            directives_issued=n_dir or 0, directives_open=n_open or 0, manager_id=m_id,
            agency_id=agency_id, missed_days=tuple(missed_days.get(m_id, ())),
        ))
    return out


def agency_rows(managers: Iterable[ManagerCompliance]) -> list[AgencyCompliance]:
    """Manager rows summed per agency, the agency with most missed days first."""
    acc: dict[int, list] = {}
    for m in managers:
        a = acc.setdefault(m.agency_id, [m.agency, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        for i, v in enumerate((1, m.expected, m.held, m.cancelled, m.missed, m.citizens_received,
                               m.issues_raised, m.directives_issued, m.directives_open), start=1):
            a[i] += v
    rows = [AgencyCompliance(aid, *vals) for aid, vals in acc.items()]
    rows.sort(key=lambda r: (-r.missed, r.agency))
    return rows


class ComplianceService:
    """The calendar side panel's compliance figures for a Jalali period."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def period(self, start: date, end: date, until: date | None = None,
               flt: CalendarFilter | None = None,
               actor: Actor | None = None) -> ComplianceSummary:
        """Per manager and per agency for [start, end], counted up to `until` (today)."""
        until = until or jalali.tehran_today()
        with scope.read(self.db, actor) as s:
            managers = manager_rows(s, start, end, until, flt=flt)
        return ComplianceSummary(start, end, until, managers, agency_rows(managers))

    def quarter(self, year: int, quarter: int, flt: CalendarFilter | None = None,
                until: date | None = None, actor: Actor | None = None) -> ComplianceSummary:
        """A Jalali quarter."""
        return self.period(*jalali.quarter_bounds(year, quarter), until=until, flt=flt,
                           actor=actor)

    def month(self, year: int, month: int, flt: CalendarFilter | None = None,
              until: date | None = None, actor: Actor | None = None) -> ComplianceSummary:
        """A Jalali month."""
        return self.period(*jalali.month_bounds(year, month), until=until, flt=flt,
                           actor=actor)
