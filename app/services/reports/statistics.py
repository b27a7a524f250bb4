"""Statistics of a Jalali period: the quarterly report, the performance panel and compliance.

Every figure that more than one screen shows is computed here once, in SQL aggregates, so the
report, the referral tracker's panel and the calendar's side panel can never disagree.

One cut-off: the report takes every figure as it stood at the end of the quarter (or today, for
a quarter not yet over). An answer, referral or closing recorded after that day does not count,
so a report printed again later gives the same figures.
"""

from __future__ import annotations

import time as _time
from collections import defaultdict
from datetime import date
from pathlib import Path

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from app.models import (
    Agency,
    Citizen,
    County,
    Meeting,
    Referral,
    ReferralEvent,
    Request,
)
from app.models.database import Database
from app.models.enums import (
    AnswerGrade,
    Channel,
    ReferralStatus,
    RequestStatus,
    RequestType,
    Resolution,
)
from app.services.calls.rules import reached_call
from app.services.core import audit, jalali, persian, reference, scope
from app.services.core.context import Actor
from app.services.meetings import compliance
from app.services.pauses import rules as pause_rules
from app.services.referrals import agency_export
from app.services.reports.breakdowns import (
    agency_type_table,
    deep_rooted_cases,
    referred_by,
    settled_by,
)
from app.services.reports.calls import call_figures
from app.services.reports.dto import (
    AgencyPerformance,
    CountRow,
    CountyRow,
    DeepRootedItem,
    ManagerCompliance,
    QuarterlyReport,
    QuarterSummary,
)
from app.services.reports.events import event_rows
from app.services.reports.measures import (  # noqa: F401
    as_date,
    local_day,
    utc_range,
    weighted_median,
    working_day_counter,
    working_day_counts,
)
from app.services.reports.objections import objection_figures
from app.services.reports.pauses import pause_figures
from app.services.reports.repeats import quarter_repeats

DEEP_ROOTED_LIMIT = 30  # printed in the PDF; the .xlsx lists them all
_OPEN = [s.value for s in (RequestStatus.NEW, RequestStatus.IN_REVIEW, RequestStatus.REFERRED,
                           RequestStatus.AWAITING_AGENCY, RequestStatus.REOPENED)]


def cut_off_day(end: date, today: date | None = None) -> date:
    """The report's one cut-off: the quarter's last day, or today while the quarter runs."""
    return min(end, today or jalali.tehran_today())


def default_report_number(year: int, quarter: int, issued_on: date) -> str:
    """A report number such as «1405/3-0907»: the quarter and the Jalali day of issue."""
    _, m, d = jalali.to_jalali(issued_on)
    return f"{year}/{quarter}-{m:02d}{d:02d}"



def owed_past_deadline(as_of: date) -> ColumnElement[bool]:
    """A referral still owed an (adequate) answer after its deadline, as things stood on as_of.

    The tracker's rule (ReferralRow.overdue): no answer dated by the cut-off, or an answer
    graded inadequate, which keeps the chase open; and the clock running — a referral waiting
    for the citizen's papers on that day is not overdue while it waits (pauses.rules).
    """
    return and_(Referral.deadline < as_of,
                or_(Referral.response_date.is_(None), Referral.response_date > as_of,
                    Referral.grade == AnswerGrade.INADEQUATE),
                ~pause_rules.referral_paused_on(as_of))

class StatisticsService:
    """Aggregates for a Jalali period, shared by the report and the panels."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def overview_counts(self, actor: Actor | None = None) -> dict[str, int]:
        """Counts of the main records, for the start page."""
        with scope.read(self.db, actor) as s:
            def n(model: type, *where: ColumnElement) -> int:
                return s.scalar(select(func.count()).select_from(model).where(*where)) or 0

            return {
                "requests": n(Request), "open": n(Request, Request.status.in_(_OPEN)),
                "referrals": n(Referral), "meetings": n(Meeting), "citizens": n(Citizen),
            }

    # --- the summary ----------------------------------------------------------------------

    def quarter_summary(self, year: int, quarter: int,
                        actor: Actor | None = None) -> QuarterSummary:
        """Headline figures of one quarter at its cut-off, with last quarter's counts beside."""
        start, end = jalali.quarter_bounds(year, quarter)
        prev_start, prev_end = jalali.quarter_bounds(*jalali.previous_quarter(year, quarter))
        cal = reference.work_calendar(self.db)
        with scope.read(self.db, actor) as s:
            return self._summary(s, cal, year, quarter, start, end, prev_start, prev_end,
                                 as_of=cut_off_day(end))

    def _summary(self, s: Session, cal: jalali.WorkCalendar, year: int, quarter: int,
                 start: date, end: date, prev_start: date | None = None,
                 prev_end: date | None = None, as_of: date | None = None) -> QuarterSummary:
        """The summary of [start, end] as it stood at the cut-off (default: the last day)."""
        as_of = min(as_of or end, end)
        lo, hi = utc_range(start, end)
        _, cut_hi = utc_range(as_of, as_of)
        in_q = and_(Request.received_at >= lo, Request.received_at < hi)
        by_channel = dict(s.execute(select(Request.channel, func.count()).where(in_q)
                                    .group_by(Request.channel)).all())
        by_type = dict(s.execute(select(Request.type, func.count()).where(in_q)
                                 .group_by(Request.type)).all())
        prev_ch: dict[str, int] = {}
        prev_ty: dict[str, int] = {}
        if prev_start is not None and prev_end is not None:
            plo, phi = utc_range(prev_start, prev_end)
            p_in = and_(Request.received_at >= plo, Request.received_at < phi)
            prev_ch = dict(s.execute(select(Request.channel, func.count()).where(p_in)
                                     .group_by(Request.channel)).all())
            prev_ty = dict(s.execute(select(Request.type, func.count()).where(p_in)
                                     .group_by(Request.type)).all())
        # A request counts as referred once a letter dated by the cut-off exists, as answered
        # directly once its answer was recorded by then; anything else is still pending.
        referred_cond = referred_by(as_of)
        direct_cond = and_(~referred_cond, Request.resolution == Resolution.DIRECT,
                           Request.answered_at < cut_hi)
        # A reached satisfaction call (by the cut-off) wins over the closing's answer.
        call, on_call = reached_call(cut_hi)
        satisfaction = func.coalesce(call.c.score, Request.satisfaction)
        rated = and_(satisfaction.is_not(None),
                     or_(Request.closed_at.is_(None), Request.closed_at < cut_hi))
        row = s.execute(
            select(
                func.count(),
                func.sum(case((direct_cond, 1), else_=0)),
                func.sum(case((referred_cond, 1), else_=0)),
                func.avg(case((rated, satisfaction))),
                func.count(case((rated, 1))),
            ).select_from(Request).outerjoin(call, on_call).where(in_q)
        ).one()
        received, direct, referred, sat_avg, sat_n = row
        table = agency_type_table(s, in_q, as_of)
        answer_pairs = s.execute(
            select(local_day(s, Request.received_at), local_day(s, Request.answered_at),
                   func.count())
            .where(in_q, Request.answered_at.is_not(None), Request.answered_at < cut_hi)
            .group_by(local_day(s, Request.received_at), local_day(s, Request.answered_at))
        ).all()
        ref_in_q = and_(Referral.letter_date >= start, Referral.letter_date <= as_of)
        answered_cond = and_(Referral.response_date.is_not(None),
                             Referral.response_date <= as_of)
        rrow = s.execute(
            select(
                func.count(),
                func.sum(case((answered_cond, 1), else_=0)),
                func.sum(case((and_(answered_cond, Referral.response_date <= Referral.deadline),
                               1), else_=0)),
            ).where(ref_in_q, Referral.status != ReferralStatus.WITHDRAWN)
        ).one()
        overdue_at_end = s.scalar(
            select(func.count()).select_from(Referral).where(
                Referral.letter_date <= as_of, Referral.status != ReferralStatus.WITHDRAWN,
                owed_past_deadline(as_of),
            )
        ) or 0
        return QuarterSummary(
            year=year, quarter=quarter, start=start, end=end, received=received or 0,
            by_channel=[CountRow(c.value, c.label, by_channel.get(c.value, 0),
                                 prev_ch.get(c.value, 0)) for c in Channel],
            by_type=[CountRow(t.value, t.label, by_type.get(t.value, 0), prev_ty.get(t.value, 0))
                     for t in RequestType],
            answered_directly=direct or 0, referred=referred or 0,
            concerning_governorate=table.governorate,
            concerning_others=(received or 0) - table.governorate,
            median_working_days_to_answer=weighted_median(working_day_counts(cal, answer_pairs)),
            referrals_total=rrow[0] or 0, referrals_answered=rrow[1] or 0,
            referrals_answered_on_time=rrow[2] or 0, overdue_at_end=overdue_at_end,
            satisfaction_average=float(sat_avg) if sat_avg is not None else None,
            satisfaction_count=sat_n or 0, cut_off=as_of,
            pending_at_cut_off=(received or 0) - (direct or 0) - (referred or 0),
            by_agency_type=table,
        )

    # --- agencies ------------------------------------------------------------------------

    @staticmethod
    def write_agency_performance(rows: list[AgencyPerformance], start: date, end: date,
                                 out: Path | str) -> int:
        """Save the agency panel's rows (in the order shown) as .xlsx; returns rows written."""
        return agency_export.write_agency_performance(rows, start, end, out)

    def agency_performance(self, start: date, end: date, today: date | None = None,
                           actor: Actor | None = None) -> list[AgencyPerformance]:
        """Per agency: referrals of the period, answers, on-time share, working days, overdue.

        Answers and overdue letters are taken as of `today` (the report passes its cut-off).
        """
        today = today or jalali.tehran_today()
        cal = reference.work_calendar(self.db)
        with scope.read(self.db, actor) as s:
            return self._agencies(s, cal, start, end, today)

    def _agencies(self, s: Session, cal: jalali.WorkCalendar, start: date, end: date,
                  as_of: date) -> list[AgencyPerformance]:
        """Agency rows as they stood at `as_of`; agencies with no referral are left out.

        Both aggregates read only the covering index ix_referral_period (migration 0003r).
        """
        in_p = and_(Referral.letter_date >= start, Referral.letter_date <= min(end, as_of),
                    Referral.status != ReferralStatus.WITHDRAWN)
        answered = and_(Referral.response_date.is_not(None), Referral.response_date <= as_of)
        rows = s.execute(
            select(
                Referral.agency_id, func.count(),
                func.sum(case((answered, 1), else_=0)),
                func.sum(case((and_(answered, Referral.response_date <= Referral.deadline), 1),
                              else_=0)),
                func.sum(case((owed_past_deadline(as_of), 1), else_=0)),
                func.sum(case((Referral.grade == AnswerGrade.INADEQUATE, 1), else_=0)),
                func.sum(Referral.extensions),
                func.sum(case((Referral.escalated.is_(True), 1), else_=0)),
            ).where(in_p).group_by(Referral.agency_id)
        ).all()
        pairs = s.execute(
            select(Referral.agency_id, Referral.letter_date, Referral.response_date, func.count())
            .where(in_p, answered)
            .group_by(Referral.agency_id, Referral.letter_date, Referral.response_date)
        ).all()
        between = working_day_counter(cal, (as_date(d) for p in pairs for d in p[1:3]))
        days: dict[int, list[tuple[float, int]]] = defaultdict(list)
        for agency_id, a, b, n in pairs:
            days[agency_id].append((between(as_date(a), as_date(b)), n))
        follow = dict(s.execute(
            select(Referral.agency_id, func.count(ReferralEvent.id))
            .join(ReferralEvent, ReferralEvent.referral_id == Referral.id)
            .where(in_p, ReferralEvent.kind != "extension").group_by(Referral.agency_id)
        ).all())
        names = dict(s.execute(select(Agency.id, Agency.name)).all())
        out = []
        for agency_id, referred, n_answered, on_time, overdue, inadequate, ext, esc in rows:
            d = days.get(agency_id, [])
            total_n = sum(n for _, n in d)
            out.append(AgencyPerformance(
                agency=names.get(agency_id, ""), referred=referred, answered=n_answered or 0,
                answered_on_time=on_time or 0, median_working_days=weighted_median(d),
                mean_working_days=(sum(v * n for v, n in d) / total_n) if total_n else None,
                overdue_now=overdue or 0, inadequate=inadequate or 0, extensions=ext or 0,
                follow_ups=follow.get(agency_id, 0), escalated=esc or 0, agency_id=agency_id,
            ))
        out.sort(key=lambda r: (-r.overdue_now, -r.referred, persian.sort_key(r.agency)))
        return out

    # --- counties ------------------------------------------------------------------------

    def county_rows(self, start: date, end: date,
                    actor: Actor | None = None) -> list[CountyRow]:
        """Every county that existed in the period, with zeros where nothing came in."""
        with scope.read(self.db, actor) as s:
            return self._counties(s, start, end, cut_off_day(end))

    def _counties(self, s: Session, start: date, end: date, as_of: date) -> list[CountyRow]:
        """County rows as they stood at the cut-off, in Persian alphabetical order."""
        lo, hi = utc_range(start, end)
        _, cut_hi = utc_range(as_of, as_of)
        referred = referred_by(as_of)
        direct = and_(~referred, Request.resolution == Resolution.DIRECT,
                      Request.answered_at < cut_hi)
        settled = settled_by(as_of)
        counts = {r[0]: r[1:] for r in s.execute(
            select(
                Request.county_id, func.count(),
                func.sum(case((direct, 1), else_=0)),
                func.sum(case((referred, 1), else_=0)),
                func.sum(case((settled, 0), else_=1)),
            ).where(Request.received_at >= lo, Request.received_at < hi)
            .group_by(Request.county_id)
        ).all()}
        counties = s.scalars(
            select(County).where(or_(County.valid_from.is_(None), County.valid_from <= end),
                                 or_(County.valid_to.is_(None), County.valid_to >= start),
                                 *scope.within(s, County.id))
            .order_by(County.id)
        ).all()
        rows = []
        for c in counties:
            n, direct, referred, open_ = counts.get(c.id, (0, 0, 0, 0))
            rows.append(CountyRow(c.name, n or 0, direct or 0, referred or 0, open_ or 0))
        # Alphabetical, counties made later (لیلان, ترکمانچای) among the rest, not after them.
        rows.sort(key=lambda r: persian.sort_key(r.county))
        return rows

    # --- meetings ------------------------------------------------------------------------

    def manager_compliance(self, start: date, end: date, until: date | None = None,
                           actor: Actor | None = None) -> list[ManagerCompliance]:
        """Per manager: weekly meeting days expected vs held, citizens, issues, directives.

        The computation lives in services.compliance (shared with the calendar's side panel).
        """
        cal = reference.work_calendar(self.db)
        with scope.read(self.db, actor) as s:
            return self._compliance(s, cal, start, end, until or jalali.tehran_today())

    def _compliance(self, s: Session, cal: jalali.WorkCalendar, start: date, end: date,
                    until: date) -> list[ManagerCompliance]:
        """Compliance rows computed in one session, by services.compliance."""
        return compliance.manager_rows(s, start, end, until, holidays=cal.holidays)

    # --- deep-rooted cases ------------------------------------------------------------

    def deep_rooted(self, start: date, end: date, limit: int = DEEP_ROOTED_LIMIT,
                    actor: Actor | None = None) -> tuple[list[DeepRootedItem], int]:
        """The first `limit` deep-rooted cases of the period by the report's rule, and the total.

        The rule (breakdowns.deep_rooted_cases): open at the cut-off first, oldest first.
        """
        with scope.read(self.db, actor) as s:
            cases = deep_rooted_cases(s, start, end, cut_off_day(end))
        return cases[:limit], len(cases)

    # --- the whole report --------------------------------------------------------------

    def quarterly_report(self, year: int, quarter: int, report_number: str = "",
                         today: date | None = None,
                         actor: Actor | None = None) -> QuarterlyReport:
        """Everything the printed quarterly report shows, computed in one read transaction."""
        today = today or jalali.tehran_today()
        start, end = jalali.quarter_bounds(year, quarter)
        as_of = cut_off_day(end, today)
        py, pq = jalali.previous_quarter(year, quarter)
        pstart, pend = jalali.quarter_bounds(py, pq)
        cal = reference.work_calendar(self.db)
        timings: dict[str, float] = {}
        with scope.read(self.db, actor) as s:
            t = _time.perf_counter()
            # This quarter at its cut-off; the previous one at its own end, as it was reported.
            summary = self._summary(s, cal, year, quarter, start, end, pstart, pend, as_of)
            previous = self._summary(s, cal, py, pq, pstart, pend, pend)
            timings["summary"] = _time.perf_counter() - t
            t = _time.perf_counter()
            managers = self._compliance(s, cal, start, end, as_of)
            timings["meetings"] = _time.perf_counter() - t
            t = _time.perf_counter()
            agencies = self._agencies(s, cal, start, end, as_of)
            timings["agencies"] = _time.perf_counter() - t
            t = _time.perf_counter()
            counties = self._counties(s, start, end, as_of)
            deep = deep_rooted_cases(s, start, end, as_of)
            timings["counties_deep_rooted"] = _time.perf_counter() - t
            objections = objection_figures(s, start, end, as_of)
            calls = call_figures(s, start, end, as_of)
            stopped = pause_figures(s, cal, start, end, as_of)  # issue 13 part 5
            surge = event_rows(s, start, end, as_of)  # issue 14 §1
            t = _time.perf_counter()
            repeat_share = quarter_repeats(s, start, as_of)
            timings["repeats"] = _time.perf_counter() - t
        head, events = audit.head_and_count(self.db)
        return QuarterlyReport(
            province=reference.GOVERNORATE, year=year, quarter=quarter,
            report_number=report_number or default_report_number(year, quarter, today),
            issued_on=today, generated_at=jalali.utc_now(), summary=summary, previous=previous,
            managers=managers, agencies=agencies, counties=counties,
            deep_rooted=deep[:DEEP_ROOTED_LIMIT], deep_rooted_total=len(deep),
            deep_rooted_all=deep, audit_head_hash=head, audit_events=events, timings=timings,
            objections=objections,
            calls=calls,
            pauses=stopped,
            repeats=repeat_share,
            events=surge,
        )
