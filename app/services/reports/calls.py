"""The quarterly report's satisfaction-call figures: calls made, reached, satisfaction, solved.

Counted by the day of each phone call within the quarter, up to the report's cut-off: every
attempt is a call made; a reached attempt is the citizen's answer (its score and whether the
problem was solved); a call given up after three unreached attempts counts as «پاسخ نداد» in the
quarter it was given up. By county of the request, in Persian alphabetical order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, distinct, func, select
from sqlalchemy.orm import Session

from app.models import County, Request
from app.models.satisfaction_call import CallOutcome, SatisfactionCall, SatisfactionCallAttempt
from app.services.core import persian
from app.services.reports.measures import utc_range

NO_COUNTY = "بدون شهرستان"


@dataclass(frozen=True)
class CallCountyRow:
    """The calls of one county (or of all, for the total row)."""

    county: str
    calls: int  # phone calls made (attempts)
    requests: int  # requests called at least once
    reached: int  # calls the citizen answered
    no_answer: int  # requests given up after three unreached attempts
    score_average: float | None  # 1..5, of the reached calls
    solved: int  # reached calls where the citizen said the problem was solved

    @property
    def reached_share(self) -> float:
        """Share of calls made that reached the citizen (0..1)."""
        return self.reached / self.calls if self.calls else 0.0

    @property
    def solved_share(self) -> float:
        """Share of reached calls whose problem was solved (0..1)."""
        return self.solved / self.reached if self.reached else 0.0


@dataclass(frozen=True)
class CallFigures:
    """The quarter's satisfaction calls, by county and in all."""

    rows: list[CallCountyRow]
    total: CallCountyRow


def call_figures(s: Session, start: date, end: date, as_of: date) -> CallFigures:
    """The calls of [start, min(end, as_of)] by county, in the caller's (scoped) session."""
    last = min(end, as_of)
    a, c = SatisfactionCallAttempt, SatisfactionCall
    reached = a.reached.is_(True)
    measures = (
        func.count(a.id), func.count(distinct(a.request_id)),
        func.sum(case((reached, 1), else_=0)),
        func.sum(case((reached, c.score), else_=0)),
        func.sum(case((and_(reached, c.solved.is_(True)), 1), else_=0)),
    )
    in_q = and_(a.day >= start, a.day <= last)
    by_county = {r[0]: r[1:] for r in s.execute(
        select(Request.county_id, *measures).select_from(a)
        .join(c, c.id == a.call_id).join(Request, Request.id == a.request_id)
        .where(in_q).group_by(Request.county_id)).all()}
    lo, hi = utc_range(start, last)
    gave_up = dict(s.execute(
        select(Request.county_id, func.count()).select_from(c)
        .join(Request, Request.id == c.request_id)
        .where(c.outcome == CallOutcome.NO_ANSWER, c.finished_at >= lo, c.finished_at < hi)
        .group_by(Request.county_id)).all())
    names = dict(s.execute(select(County.id, County.name)).all())
    rows = []
    for county_id in set(by_county) | set(gave_up):
        calls, requests, n_reached, score_sum, solved = by_county.get(county_id, (0, 0, 0, 0, 0))
        rows.append(_row(names.get(county_id, NO_COUNTY), calls, requests, n_reached or 0,
                         gave_up.get(county_id, 0), score_sum or 0, solved or 0))
    rows.sort(key=lambda r: persian.sort_key(r.county))
    total = _row("جمع", sum(r.calls for r in rows), sum(r.requests for r in rows),
                 sum(r.reached for r in rows), sum(r.no_answer for r in rows),
                 sum((r.score_average or 0) * r.reached for r in rows),
                 sum(r.solved for r in rows))
    return CallFigures(rows, total)


def _row(county: str, calls: int, requests: int, reached: int, no_answer: int,
         score_sum: float, solved: int) -> CallCountyRow:
    return CallCountyRow(county, calls, requests, reached, no_answer,
                         score_sum / reached if reached else None, solved)
