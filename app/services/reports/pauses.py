"""The quarterly report's count of stopped clocks: paused time is counted apart from answer time.

A pause counts in a quarter for the working days it stood still inside the quarter up to the
report's cut-off: by the rule of pauses.rules, the working days in (S, E] clipped to
(quarter start − 1 day, cut-off], where S is the day it started and E the day it ended (or the
cut-off for a pause still running then). A pause started after the cut-off is not seen.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.models import Agency, ClockPause, Referral
from app.services.core import jalali, persian
from app.services.pauses import rules


@dataclass(frozen=True)
class AgencyPauses:
    """Referral pauses of one agency in the quarter."""

    agency: str
    pauses: int
    paused_days: int
    paused_at_cut_off: int


@dataclass(frozen=True)
class PauseFigures:
    """Stopped clocks of one quarter at its cut-off (روزهای توقف)."""

    started: int = 0  # pauses started in the quarter by the cut-off
    ended: int = 0  # pauses ended in the quarter by the cut-off
    request_pauses: int = 0  # of those overlapping the quarter: on a request's own deadline
    referral_pauses: int = 0  # … on a referral's
    cases: int = 0  # requests and referrals that stood still at some time in the quarter
    paused_days: int = 0  # working days stopped inside the quarter, all pauses
    request_days: int = 0
    referral_days: int = 0
    paused_at_cut_off: int = 0  # cases still waiting for papers at the cut-off
    mean_days_ended: float | None = None  # working days of a pause that ended in the quarter
    agencies: list[AgencyPauses] = field(default_factory=list)

    @property
    def overlapping(self) -> int:
        """Pauses that stood still at some time in the quarter."""
        return self.request_pauses + self.referral_pauses


def pause_figures(s: Session, cal: jalali.WorkCalendar, start: date, end: date,
                  as_of: date) -> PauseFigures:
    """The stopped clocks of [start, end] as they stood at the cut-off `as_of` (one query)."""
    as_of = min(as_of, end)
    c = ClockPause
    rows = s.execute(
        select(c.request_id, c.referral_id, c.started_on, c.ended_on, c.paused_days,
               Agency.name)
        .outerjoin(Referral, Referral.id == c.referral_id)
        .outerjoin(Agency, Agency.id == Referral.agency_id)
        .where(c.started_on <= as_of, or_(c.ended_on.is_(None), c.ended_on >= start))
    ).all()
    before = start - timedelta(days=1)
    started = ended = req_n = ref_n = req_days = ref_days = now = 0
    ended_days: list[int] = []
    cases: set[tuple[str, int]] = set()
    by_agency: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for request_id, referral_id, s_on, e_on, n, agency in rows:
        s_on = rules.as_day(s_on)
        e_on = rules.as_day(e_on) if e_on is not None else None
        over = e_on is None or e_on > as_of  # still running at the cut-off
        stop = as_of if over else e_on
        days = max(0, cal.working_days_between(max(s_on, before), stop)) if stop >= s_on else 0
        started += s_on >= start
        if not over and e_on is not None and e_on >= start:
            ended += 1
            ended_days.append(n or 0)
        now += over
        if referral_id is None:
            req_n, req_days = req_n + 1, req_days + days
            cases.add(("request", request_id))
        else:
            ref_n, ref_days = ref_n + 1, ref_days + days
            cases.add(("referral", referral_id))
            a = by_agency[agency or ""]
            a[0], a[1], a[2] = a[0] + 1, a[1] + days, a[2] + over
    agencies = [AgencyPauses(name, *v) for name, v in by_agency.items()]
    agencies.sort(key=lambda a: (-a.paused_days, persian.sort_key(a.agency)))
    return PauseFigures(
        started=started, ended=ended, request_pauses=req_n, referral_pauses=ref_n,
        cases=len(cases), paused_days=req_days + ref_days, request_days=req_days,
        referral_days=ref_days, paused_at_cut_off=now,
        mean_days_ended=sum(ended_days) / len(ended_days) if ended_days else None,
        agencies=agencies)


