"""The referral tracker's query: filtered, sorted and paged in SQL, and one referral's dossier."""

from __future__ import annotations

import time
from datetime import date

from sqlalchemy import Select, case, func, literal_column, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.errors import NotFound
from app.models import Agency, Citizen, County, Referral, ReferralEvent, Request, User
from app.models.database import Database
from app.models.enums import AnswerGrade, FollowUpKind, ReferralStatus
from app.services.core import jalali, persian, reference, scope
from app.services.core import messages as msg
from app.services.core.context import Actor
from app.services.pauses import queries as pause_queries
from app.services.pauses import rules as pause_rules
from app.services.pauses.dto import PAUSED_LABEL, CaseClock
from app.services.referrals.dto import (
    ReferralDossier,
    ReferralEventInfo,
    TrackerFilter,
    TrackerPage,
    TrackerRow,
)
from app.services.referrals.service import clean_letter_no
from app.services.reports.statistics import owed_past_deadline
from app.services.requests.tracking import is_valid_tracking_code

CACHE_SECONDS = 60  # holidays, settings and names change rarely; re-read them at most this often
_EXTENSION_LABEL = "تمدید مهلت"
_RUNNING = CaseClock()  # a referral never paused

def follow_up_count_column() -> ColumnElement[int]:
    """Correlated count of a referral's follow-ups (extensions are not follow-ups)."""
    return (select(func.count(ReferralEvent.id))
            .where(ReferralEvent.referral_id == Referral.id, ReferralEvent.kind != "extension")
            .correlate(Referral).scalar_subquery())


def working_days_figure(cal: jalali.WorkCalendar, status: str, deadline: date,
                        response_date: date | None, today: date) -> int | None:
    """Working days left (negative when overdue) while open; lateness of the answer after."""
    if status == ReferralStatus.OPEN:
        return cal.working_days_between(today, deadline)
    if status == ReferralStatus.ANSWERED and response_date is not None:
        return max(0, cal.working_days_between(deadline, response_date))
    return None


def event_kind_label(kind: str) -> str:
    """Persian name of a referral event kind."""
    if kind == "extension":
        return _EXTENSION_LABEL
    try:
        return FollowUpKind(kind).label
    except ValueError:
        return kind


class ReferralTracker:
    """Reads pages of referrals and one referral's dossier for the tracker page."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._cached_at = -1e9
        self._cal: jalali.WorkCalendar | None = None
        self._settings: dict[str, str] = {}
        self._agency_order: dict[int, int] = {}

    # --- cached reference data -------------------------------------------------------------

    def _refresh(self) -> None:
        """Re-read the calendar, settings and agency names when the cache is stale."""
        if time.monotonic() - self._cached_at < CACHE_SECONDS and self._cal is not None:
            return
        self._cal = reference.work_calendar(self.db)
        self._settings = reference.settings(self.db)
        names = reference.agencies(self.db)
        ordered = sorted(names, key=lambda a: persian.sort_key(a.name))
        self._agency_order = {a.id: i for i, a in enumerate(ordered)}
        self._cached_at = time.monotonic()

    def calendar(self) -> jalali.WorkCalendar:
        """The office's working-day calendar (cached for a minute)."""
        self._refresh()
        assert self._cal is not None
        return self._cal

    def invalidate(self) -> None:
        """Forget cached reference data (after holidays or settings were edited)."""
        self._cached_at = -1e9

    # --- the query ------------------------------------------------------------------------

    def _sort_column(self, sort: str) -> ColumnElement:
        """The SQL expression behind a sort key of the view."""
        if sort == "agency":
            order = self._agency_order
            return case(order, value=Referral.agency_id, else_=len(order)) if order \
                else Referral.agency_id
        if sort == "follow_ups":
            return follow_up_count_column()
        return {
            "tracking_code": Referral.request_id, "letter_no": Referral.letter_no,
            "letter_date": Referral.letter_date, "deadline": Referral.deadline,
            "working_days": Referral.deadline, "status": Referral.status,
        }.get(sort, Referral.deadline)

    def apply_filter(self, q: Select, f: TrackerFilter, today: date) -> Select:
        """Add the WHERE clauses (and the join a county needs) of a filter to a referral query."""
        by_county = bool(f.county_id)

        def col(c: ColumnElement) -> ColumnElement:
            # With a county, the request's county index is the one to start from. SQLite keeps
            # no statistics and would start from a referral index instead (five times slower on
            # a million requests); a unary plus hides the referral column from its planner.
            if by_county and self.db.is_sqlite:
                return literal_column(f"+referral.{c.key}", type_=c.type)
            return c

        status, deadline = col(Referral.status), col(Referral.deadline)
        conds: list[ColumnElement[bool]] = []
        if f.status:
            conds.append(status == f.status)
        if f.agency_id:
            conds.append(col(Referral.agency_id) == f.agency_id)
        if f.overdue_only:
            # The one overdue rule (a paused referral is not overdue); the deadline again so the
            # planner may start from it.
            conds += [status == ReferralStatus.OPEN, deadline < today, owed_past_deadline(today)]
        if f.due_within is not None:
            last = self.calendar().add_working_days(today, max(0, f.due_within))
            conds += [status == ReferralStatus.OPEN, deadline >= today, deadline <= last]
        if f.date_from:
            conds.append(col(Referral.letter_date) >= f.date_from)
        if f.date_to:
            conds.append(col(Referral.letter_date) <= f.date_to)
        if f.escalated_only:
            conds.append(col(Referral.escalated_at).is_not(None))
        text = clean_letter_no(persian.search_text(f.text))
        if text:
            if is_valid_tracking_code(text):
                conds.append(Referral.request_id == select(Request.id).where(
                    Request.tracking_code == text).scalar_subquery())
            else:
                conds.append(col(Referral.letter_no) == text)
        if by_county:
            q = q.join(Request, Request.id == Referral.request_id)
            conds.append(Request.county_id == f.county_id)
        return q.where(*conds) if conds else q

    def count(self, f: TrackerFilter, actor: Actor | None = None) -> int:
        """Number of referrals the filter matches (within the actor's counties)."""
        today = jalali.tehran_today()
        with scope.read(self.db, actor) as s:
            return s.scalar(self.apply_filter(select(func.count(Referral.id)), f, today)) or 0

    def page(self, f: TrackerFilter, offset: int = 0, limit: int = 200, sort: str = "deadline",
             descending: bool = False, with_total: bool = True,
             actor: Actor | None = None) -> TrackerPage:
        """One page of referrals in the requested order, plus the total the filter matches."""
        today = jalali.tehran_today()
        self._refresh()
        col = self._sort_column(sort)
        order = [col.desc() if descending else col.asc(),
                 Referral.id.desc() if descending else Referral.id.asc()]
        ids_q = (self.apply_filter(select(Referral.id), f, today).order_by(*order)
                 .offset(offset).limit(limit))
        with scope.read(self.db, actor) as s:
            ids = list(s.scalars(ids_q))
            total = (s.scalar(self.apply_filter(select(func.count(Referral.id)), f, today)) or 0
                     if with_total else -1)
            rows = self._rows(s, ids, today) if ids else []
        return TrackerPage(rows, total, offset)

    def rows(self, ids: list[int], actor: Actor | None = None) -> list[TrackerRow]:
        """The current rows of some referrals (to refresh them in place), in the ids' order."""
        if not ids:
            return []
        self._refresh()
        with scope.read(self.db, actor) as s:
            return self._rows(s, list(ids), jalali.tehran_today())

    def _rows(self, s: Session, ids: list[int], today: date) -> list[TrackerRow]:
        """The tracker rows of some referral ids, in the order of the ids (missing ones left out)."""
        cal = self.calendar()
        data = s.execute(
            select(Referral.id, Referral.version, Referral.request_id, Request.tracking_code,
                   Referral.agency_id, Agency.name, County.name, Request.subject,
                   Referral.letter_no, Referral.letter_date, Referral.deadline, Referral.status,
                   Referral.grade, Referral.response_date, Referral.extensions,
                   Referral.escalated)
            .join(Request, Request.id == Referral.request_id)
            .join(Agency, Agency.id == Referral.agency_id)
            .outerjoin(County, County.id == Request.county_id)
            .where(Referral.id.in_(ids))
        ).all()
        follow = dict(s.execute(
            select(ReferralEvent.referral_id, func.count())
            .where(ReferralEvent.referral_id.in_(ids), ReferralEvent.kind != "extension")
            .group_by(ReferralEvent.referral_id)
        ).all())
        by_id = {r[0]: r for r in data}
        stopped = pause_rules.clocks(s, today, referral_ids=ids, cal=cal)
        out = []
        for rid in ids:
            r = by_id.get(rid)
            if r is None:
                continue
            clock = stopped.get(("referral", rid), _RUNNING)
            out.append(TrackerRow(
                id=r[0], version=r[1], request_id=r[2], tracking_code=r[3], agency_id=r[4],
                agency=r[5], county=r[6] or "", subject=r[7], letter_no=r[8], letter_date=r[9],
                deadline=r[10], status=r[11],
                status_label=PAUSED_LABEL if clock.paused_since else ReferralStatus(r[11]).label,
                grade=r[12], response_date=r[13], extensions=r[14] or 0,
                follow_ups=follow.get(rid, 0), escalated=bool(r[15]),
                working_days=working_days_figure(cal, r[11], r[10], r[13],
                                                 clock.paused_since or today),
                paused_since=clock.paused_since, paused_days=clock.paused_days,
            ))
        return out

    # --- one referral --------------------------------------------------------------------

    def dossier(self, referral_id: int, actor: Actor | None = None) -> ReferralDossier:
        """A referral with its request, follow-ups and extensions."""
        self._refresh()
        with scope.read(self.db, actor) as s:
            return self._dossier(s, referral_id, jalali.tehran_today())

    def dossiers_of_request(self, request_id: int,
                            actor: Actor | None = None) -> list[ReferralDossier]:
        """Every referral of one request (a request may go to several agencies at once)."""
        self._refresh()
        today = jalali.tehran_today()
        with scope.read(self.db, actor) as s:
            ids = s.scalars(select(Referral.id).where(Referral.request_id == request_id)
                            .order_by(Referral.id)).all()
            return [self._dossier(s, rid, today) for rid in ids]

    def _dossier(self, s: Session, referral_id: int, today: date) -> ReferralDossier:
        """Read one dossier in an open session."""
        ref = s.get(Referral, referral_id)
        if ref is None:
            raise NotFound(msg.REFERRAL)
        req = s.get(Request, ref.request_id)
        assert req is not None
        agency = s.get(Agency, ref.agency_id)
        county = s.get(County, req.county_id) if req.county_id else None
        citizen = s.get(Citizen, req.citizen_id) if req.citizen_id else None
        clock = pause_rules.clocks(s, today, referral_ids=[ref.id],
                                   cal=self.calendar()).get(("referral", ref.id), _RUNNING)
        events = s.execute(
            select(ReferralEvent, User.username, User.full_name)
            .outerjoin(User, User.id == ReferralEvent.user_id)
            .where(ReferralEvent.referral_id == ref.id).order_by(ReferralEvent.id)
        ).all()
        return ReferralDossier(
            id=ref.id, version=ref.version, request_id=req.id, request_version=req.version,
            tracking_code=req.tracking_code, subject=req.subject,
            citizen=f"{citizen.first_name} {citizen.last_name}".strip() if citizen else "",
            county=county.name if county else "", received_at=req.received_at,
            agency_id=ref.agency_id, agency=agency.name if agency else "",
            letter_no=ref.letter_no, letter_date=ref.letter_date, deadline=ref.deadline,
            status=ref.status, status_label=PAUSED_LABEL if clock.paused_since
            else ReferralStatus(ref.status).label,
            directive=ref.directive, response_text=ref.response_text,
            response_date=ref.response_date, response_letter_no=ref.response_letter_no,
            grade=ref.grade, grade_label=AnswerGrade(ref.grade).label if ref.grade else "",
            withdrawn_reason=ref.withdrawn_reason, escalated=ref.escalated,
            escalation_note=ref.escalation_note, escalated_at=ref.escalated_at,
            extensions=ref.extensions,
            max_extensions=int(self._settings.get("max_extensions", "2")),
            working_days=working_days_figure(self.calendar(), ref.status, ref.deadline,
                                             ref.response_date, clock.paused_since or today),
            paused_since=clock.paused_since, paused_days=clock.paused_days,
            clock=pause_queries.referral_clock(s, ref),
            events=[
                ReferralEventInfo(
                    id=ev.id, kind=ev.kind, kind_label=event_kind_label(ev.kind), day=ev.day,
                    note=ev.note, extra_days=ev.extra_days,
                    username=(full or uname or "سامانه"), created_at=ev.created_at)
                for ev, uname, full in events
            ],
        )
