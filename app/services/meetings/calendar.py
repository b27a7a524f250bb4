"""The meeting calendar: weekly rules expanded into occurrences, merged with recorded meetings.

A weekly rule (MeetingSchedule) is never stored as rows per week. Its occurrences are computed
for the range on screen; a Meeting row exists only when an occurrence was opened, cancelled or
moved, or for a one-off meeting (a provincial trip, a visit from the presidential office).
Occurrences on a holiday or on one of the office's weekly rest days (the «rest_weekdays»
setting) are shown cancelled, with the holiday's name (or «تعطیل هفتگی») as the reason.
The same expansion feeds the compliance figures (services.compliance), so the calendar and the
quarterly report can never count a different number of expected meeting days.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from app.models import Agency, County, Holiday, Manager, Meeting, MeetingAttendee, MeetingSchedule
from app.models.database import Database
from app.models.enums import MeetingKind, MeetingStatus
from app.services.core import jalali, reference, scope
from app.services.core.context import Actor
from app.services.meetings.dto import (  # noqa: F401
    CalendarFilter,
    CalendarRange,
    ManagerInfo,
    Occurrence,
    OccurrenceState,
)


@dataclass(frozen=True)
class Rule:
    """A weekly rule as the expansion needs it."""

    schedule_id: int
    manager_id: int
    weekday: int  # 0 = Saturday
    valid_from: date
    valid_to: date | None  # exclusive


@dataclass(frozen=True)
class RuleDay:
    """One day on which a weekly rule falls; `holiday` names the holiday that cancels it."""

    schedule_id: int
    manager_id: int
    day: date
    holiday: str | None = None


# --- the pure expansion ---------------------------------------------------------------------


def first_on_or_after(d: date, weekday: int) -> date:
    """The first date on or after d that falls on an Iranian weekday (0 = Saturday)."""
    return d + timedelta(days=(weekday - jalali.weekday_index(d)) % 7)


def expand_rules(rules: Iterable[Rule], start: date, end: date,
                 holidays: Mapping[date, str] | Iterable[date]) -> list[RuleDay]:
    """Every day in [start, end] on which a rule falls, each marked with the holiday cancelling it.

    valid_to is exclusive. Steps a week at a time, so a quarter of 60 rules is ~800 dates.
    """
    names = holidays if isinstance(holidays, Mapping) else {d: "" for d in holidays}
    out: list[RuleDay] = []
    for r in rules:
        lo = max(start, r.valid_from)
        hi = min(end, r.valid_to - timedelta(days=1)) if r.valid_to else end
        d = first_on_or_after(lo, r.weekday)
        while d <= hi:
            h = names.get(d)
            out.append(RuleDay(r.schedule_id, r.manager_id, d,
                               (h or "تعطیل رسمی") if h is not None else None))
            d += timedelta(days=7)
    return out


def meeting_state(status: str, day: date, today: date) -> str:
    """The calendar state of a recorded meeting."""
    if status == MeetingStatus.HELD:
        return OccurrenceState.HELD
    if status == MeetingStatus.CANCELLED:
        return OccurrenceState.CANCELLED
    return OccurrenceState.UNCLOSED if day < today else OccurrenceState.PLANNED


# --- reading ----------------------------------------------------------------------------------


def _filtered(q, flt: CalendarFilter | None,  # noqa: ANN001, ANN202
              manager_col, agency_col, county_col):  # noqa: ANN001
    """Narrow a query by the calendar filter."""
    if flt is None:
        return q
    if flt.manager_id is not None:
        q = q.where(manager_col == flt.manager_id)
    if flt.agency_id is not None:
        q = q.where(agency_col == flt.agency_id)
    if flt.county_id is not None:
        q = q.where(county_col == flt.county_id)
    return q


WEEKLY_REST = "تعطیل هفتگی"  # the reason shown on a rule day that falls on a rest weekday


def holidays_between(s: Session, start: date, end: date) -> dict[date, str]:
    """The holiday table's days in [start, end] with their names (removed days left out)."""
    return {d: name for d, name in s.execute(
        select(Holiday.day, Holiday.name).where(Holiday.day >= start, Holiday.day <= end,
                                                reference.holidays_in_force()))}


def off_days_between(s: Session, start: date, end: date,
                     holidays: Mapping[date, str] | None = None) -> dict[date, str]:
    """Every day of [start, end] the office is closed: holidays (by name) and rest weekdays.

    `holidays` defaults to the holiday table; the rest weekdays come from the setting.
    """
    rest = reference.rest_weekdays_in(s)
    names = dict(holidays_between(s, start, end) if holidays is None else holidays)
    for d in jalali.iter_days(start, end):
        if d.weekday() in rest and d not in names:
            names[d] = WEEKLY_REST
    return names


def rules_between(s: Session, start: date, end: date,
                  flt: CalendarFilter | None = None) -> list[Rule]:
    """Weekly rules valid on some day of [start, end]."""
    q = (select(MeetingSchedule.id, MeetingSchedule.manager_id, MeetingSchedule.weekday,
                MeetingSchedule.valid_from, MeetingSchedule.valid_to)
         .join(Manager, Manager.id == MeetingSchedule.manager_id)
         .where(MeetingSchedule.valid_from <= end,
                or_(MeetingSchedule.valid_to.is_(None), MeetingSchedule.valid_to > start)))
    q = _filtered(q, flt, MeetingSchedule.manager_id, MeetingSchedule.agency_id, Manager.county_id)
    return [Rule(*row) for row in s.execute(q).all()]


def occurrences_between(s: Session, start: date, end: date, flt: CalendarFilter | None = None,
                        today: date | None = None) -> list[Occurrence]:
    """The calendar of [start, end]: rule occurrences merged with recorded meetings, sorted."""
    today = today or jalali.tehran_today()
    holidays = off_days_between(s, start, end)
    sq = (select(MeetingSchedule, Manager.name, Manager.title, Manager.county_id, Agency.name)
          .join(Manager, Manager.id == MeetingSchedule.manager_id)
          .join(Agency, Agency.id == MeetingSchedule.agency_id)
          .where(MeetingSchedule.valid_from <= end,
                 or_(MeetingSchedule.valid_to.is_(None), MeetingSchedule.valid_to > start)))
    sq = _filtered(sq, flt, MeetingSchedule.manager_id, MeetingSchedule.agency_id,
                   Manager.county_id)
    schedules = {sch.id: (sch, name, title, county, agency)
                 for sch, name, title, county, agency in s.execute(sq).all()}
    mq = (select(Meeting, Manager.name, Manager.title, Agency.name)
          .join(Manager, Manager.id == Meeting.manager_id)
          .join(Agency, Agency.id == Meeting.agency_id)
          .where(or_(and_(Meeting.day >= start, Meeting.day <= end),
                     and_(Meeting.occurrence_day >= start, Meeting.occurrence_day <= end))))
    mq = _filtered(mq, flt, Meeting.manager_id, Meeting.agency_id, Meeting.county_id)
    meetings = s.execute(mq).all()
    counts: dict[int, tuple[int, int]] = {}
    ids = [m.id for m, *_ in meetings]
    for chunk in (ids[i:i + 900] for i in range(0, len(ids), 900)):
        for mid, n, received in s.execute(
            select(MeetingAttendee.meeting_id, func.count(),
                   func.sum(case((MeetingAttendee.received.is_(True), 1), else_=0)))
            .where(MeetingAttendee.meeting_id.in_(chunk)).group_by(MeetingAttendee.meeting_id)
        ).all():
            counts[mid] = (n, received or 0)
    out: list[Occurrence] = []
    taken: set[tuple[int, date]] = set()
    for m, name, title, agency in meetings:
        local_start, local_end = jalali.to_tehran(m.starts_at), jalali.to_tehran(m.ends_at)
        n, received = counts.get(m.id, (0, 0))
        if m.schedule_id is not None and m.occurrence_day is not None:
            taken.add((m.schedule_id, m.occurrence_day))
        common = dict(
            meeting_id=m.id, version=m.version, schedule_id=m.schedule_id,
            manager_id=m.manager_id, manager=name, manager_title=title, agency_id=m.agency_id,
            agency=agency, county_id=m.county_id, kind=m.kind, start=local_start.time(),
            end=local_end.time(), place=m.place, title=m.title,
            occurrence_day=m.occurrence_day, attendees=n,
            received=m.citizens_received if m.status == MeetingStatus.HELD else received,
        )
        if start <= m.day <= end:
            state = meeting_state(m.status, m.day, today)
            reason = m.cancel_reason if m.status == MeetingStatus.CANCELLED else m.move_reason
            out.append(Occurrence(key=f"m{m.id}", state=state, day=m.day, reason=reason,
                                  **common))
        moved = m.occurrence_day is not None and m.occurrence_day != m.day
        if moved and start <= m.occurrence_day <= end:
            out.append(Occurrence(key=f"x{m.id}", state=OccurrenceState.MOVED,
                                  day=m.occurrence_day, reason=m.move_reason, moved_to=m.day,
                                  **{**common, "meeting_id": None, "version": None}))
    rules = [Rule(sch.id, sch.manager_id, sch.weekday, sch.valid_from, sch.valid_to)
             for sch, *_ in schedules.values()]
    for rd in expand_rules(rules, start, end, holidays):
        if (rd.schedule_id, rd.day) in taken:
            continue
        sch, name, title, county, agency = schedules[rd.schedule_id]
        if rd.holiday is not None:
            state = OccurrenceState.HOLIDAY
        else:
            state = OccurrenceState.MISSED if rd.day < today else OccurrenceState.PLANNED
        out.append(Occurrence(
            key=f"s{sch.id}@{rd.day.isoformat()}", meeting_id=None, version=None,
            schedule_id=sch.id, manager_id=sch.manager_id, manager=name, manager_title=title,
            agency_id=sch.agency_id, agency=agency, county_id=county, kind=MeetingKind.WEEKLY,
            state=state, day=rd.day, start=sch.start_time, end=sch.end_time, place=sch.place,
            reason=rd.holiday or "", occurrence_day=rd.day,
        ))
    out.sort(key=lambda o: (o.day, o.start, o.manager, o.key))
    return out


class CalendarService:
    """What the calendar page reads: a range of occurrences, holidays and the managers."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def range(self, start: date, end: date, flt: CalendarFilter | None = None,
              today: date | None = None, actor: Actor | None = None) -> CalendarRange:
        """Occurrences and holidays of [start, end] (both inclusive), in the actor's counties."""
        with scope.read(self.db, actor) as s:
            return CalendarRange(start, end, occurrences_between(s, start, end, flt, today),
                                 holidays_between(s, start, end),
                                 reference.rest_weekdays_in(s))

    def month(self, year: int, month: int, flt: CalendarFilter | None = None,
              today: date | None = None, actor: Actor | None = None) -> CalendarRange:
        """The whole weeks (Saturday to Friday) that cover a Jalali month."""
        first, last = jalali.month_bounds(year, month)
        return self.range(jalali.week_start(first), jalali.week_bounds(last)[1], flt, today,
                          actor)

    def week(self, day: date, flt: CalendarFilter | None = None,
             today: date | None = None, actor: Actor | None = None) -> CalendarRange:
        """The Saturday-to-Friday week containing a day."""
        return self.range(*jalali.week_bounds(day), flt, today, actor)

    def managers(self, on: date | None = None) -> list[ManagerInfo]:
        """Every manager with agency, county and current weekly day, active ones first."""
        on = on or jalali.tehran_today()
        with self.db.read() as s:
            rules = {mid: wd for mid, wd in s.execute(
                select(MeetingSchedule.manager_id, MeetingSchedule.weekday).where(
                    MeetingSchedule.valid_from <= on,
                    or_(MeetingSchedule.valid_to.is_(None), MeetingSchedule.valid_to > on)))}
            rows = s.execute(
                select(Manager.id, Manager.name, Manager.title, Manager.agency_id, Agency.name,
                       Manager.county_id, County.name, Manager.active)
                .join(Agency, Agency.id == Manager.agency_id)
                .outerjoin(County, County.id == Manager.county_id)
                .order_by(Manager.active.desc(), Manager.id)
            ).all()
        return [ManagerInfo(mid, name, title, aid, agency, cid, county or "", rules.get(mid),
                            active)
                for mid, name, title, aid, agency, cid, county, active in rows]


def local_times(starts_at: datetime, ends_at: datetime) -> tuple[time, time]:
    """Tehran wall-clock start and end of a meeting stored in UTC."""
    return jalali.to_tehran(starts_at).time(), jalali.to_tehran(ends_at).time()
