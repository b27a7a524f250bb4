"""The rules of a stopped clock, written once: how many working days a pause counts, where the
deadline moves, which cases are paused on a day (in SQL, for the one overdue rule), and the end
of a pause when its case stops being open.

Counting a pause (the convention of `WorkCalendar.working_days_between`): a pause that started
on day S and ended on day E (Tehran days) stopped the clock for the working days after S up to
and including E, `working_days_between(S, E)`. So a pause started and ended on the same day
counts 0 days; paused on a Wednesday and resumed on the Saturday after counts 2 (Thursday and
Saturday; Friday rests). On resume the deadline D moves to `add_working_days(D, n)`, which
keeps exactly the working days that were left when the clock stopped:
`working_days_between(E, D') == working_days_between(S, D)`.
While a pause runs the case is not overdue (`running_on`), whatever its stored deadline says.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.orm import Session

from app.models import ClockPause, Referral, Request
from app.services.core import audit, jalali, persian, reference
from app.services.core.context import Actor
from app.services.pauses.dto import CaseClock

_P = ClockPause.__table__.c  # Core columns: these subqueries are not themselves re-scoped


def paused_days(cal: jalali.WorkCalendar, started_on: date, ended_on: date) -> int:
    """Working days a pause from `started_on` to `ended_on` stopped the clock (never negative)."""
    return max(0, cal.working_days_between(started_on, ended_on))


def moved_deadline(cal: jalali.WorkCalendar, deadline: date | None, days: int) -> date | None:
    """The deadline after a pause of `days` working days."""
    if deadline is None or days <= 0:
        return deadline
    return cal.add_working_days(deadline, days)


def _paused_on(as_of: date) -> ColumnElement[bool]:
    """A pause row that had started and not ended by the end of day `as_of`."""
    return and_(_P.started_on <= as_of, or_(_P.ended_on.is_(None), _P.ended_on > as_of))


def referral_paused_on(as_of: date) -> ColumnElement[bool]:
    """The referral's clock stood still at the end of day `as_of` (correlated to Referral)."""
    return exists().where(_P.referral_id == Referral.id, _paused_on(as_of))


def request_paused_on(as_of: date) -> ColumnElement[bool]:
    """The request's own clock stood still at the end of day `as_of` (correlated to Request)."""
    return exists().where(_P.request_id == Request.id, _P.referral_id.is_(None),
                          _paused_on(as_of))


def running_pause(s: Session, request_id: int, referral_id: int | None) -> ClockPause | None:
    """The running pause of a request's own deadline (referral_id None) or of a referral's."""
    q = select(ClockPause).where(ClockPause.ended_at.is_(None))
    if referral_id is None:
        q = q.where(ClockPause.request_id == request_id, ClockPause.referral_id.is_(None))
    else:
        q = q.where(ClockPause.referral_id == referral_id)
    return s.scalars(q).first()


def end_pause(s: Session, actor: Actor, pause: ClockPause, cal: jalali.WorkCalendar,
              deadline: date | None, reason: str) -> date | None:
    """End a running pause today; returns the moved deadline (the caller stores it)."""
    today = jalali.tehran_today()
    n = paused_days(cal, pause.started_on, today)
    after = moved_deadline(cal, deadline, n)
    pause.ended_on, pause.ended_at, pause.ended_by = today, jalali.utc_now(), actor.user_id
    pause.end_reason = persian.clean_text(reason, multiline=True)
    pause.paused_days = n
    pause.deadline_before, pause.deadline_after = deadline, after
    return after


def settle(s: Session, actor: Actor, req: Request, request_open: bool,
           ref: Referral | None = None, referral_open: bool = True) -> None:
    """End the pauses of a case that stopped being open (answered, closed, withdrawn).

    Its deadline moves as on a resume, so an on-time measure of the answer stays fair.
    Called by the request and referral use cases after each change; costs one query.
    """
    ended: list[tuple[ClockPause, object]] = []
    rows = s.scalars(select(ClockPause).where(ClockPause.request_id == req.id,
                                              ClockPause.ended_at.is_(None))).all()
    for pause in rows:
        if pause.referral_id is None and not request_open:
            ended.append((pause, req))
        elif ref is not None and pause.referral_id == ref.id and not referral_open:
            ended.append((pause, ref))
    if not ended:
        return
    cal = reference.work_calendar_in(s)
    for pause, case in ended:
        before = audit.snapshot(pause)
        case.deadline = end_pause(s, actor, pause, cal, case.deadline,  # type: ignore[attr-defined]
                                  AUTO_END_REASON)
        s.flush()
        audit.record(s, actor, "clock_pause", pause.id, "resume", before, audit.snapshot(pause))


AUTO_END_REASON = "پایان خودکار: پرونده دیگر باز نیست"


def clocks(s: Session, today: date, *, request_ids: Iterable[int] = (),
           referral_ids: Iterable[int] = (),
           cal: jalali.WorkCalendar | None = None) -> dict[tuple[str, int], CaseClock]:
    """The pause state of some requests' own deadlines and of some referrals, for a list page.

    Keys are ("request", id) and ("referral", id); cases never paused are left out. The
    office's calendar is read (when not given) only if a pause is running.
    """
    req_ids, ref_ids = list(request_ids), list(referral_ids)
    conds = []
    if req_ids:
        conds.append(and_(_P.request_id.in_(req_ids), _P.referral_id.is_(None)))
    if ref_ids:
        conds.append(_P.referral_id.in_(ref_ids))
    if not conds:
        return {}
    rows = s.execute(select(_P.request_id, _P.referral_id, _P.started_on, _P.ended_on,
                            _P.paused_days).where(or_(*conds))).all()
    since: dict[tuple[str, int], date | None] = {}
    days: dict[tuple[str, int], int] = defaultdict(int)
    for request_id, referral_id, started, ended, n in rows:
        key = ("request", request_id) if referral_id is None else ("referral", referral_id)
        if ended is None:
            cal = cal or reference.work_calendar_in(s)
            since[key] = as_day(started)
            days[key] += paused_days(cal, as_day(started), today)
        else:
            since.setdefault(key, None)
            days[key] += n or 0
    return {k: CaseClock(since.get(k), days[k]) for k in set(since) | set(days)}


def as_day(value: object) -> date:
    """A DATE column's value as a date (SQLite may hand back text)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))
