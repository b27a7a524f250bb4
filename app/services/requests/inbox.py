"""The inbox query: filtered, sorted and paged in SQL, never loading every row."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import aliased

from app.models import Agency, Citizen, County, Referral, Request
from app.models.cancel import Cancel
from app.models.database import Database
from app.models.enums import Channel, RequestStatus, RequestType
from app.services.core import jalali, scope
from app.services.core.context import Actor
from app.services.objections import pending as objections
from app.services.pauses import rules as pause_rules
from app.services.pauses.dto import PAUSED_LABEL
from app.services.requests import first_page, search
from app.services.requests.dto import InboxFilter, InboxPage, InboxRow
from app.services.requests.service import OPEN_STATUSES, is_request_overdue

# Sort keys the view may ask for -> the SQL column behind them.
SORT_COLUMNS = {
    "tracking_code": Request.id,
    "received_at": Request.received_at,
    "status": Request.status,
    "channel": Request.channel,
    "type": Request.type,
    "county": Request.county_id,
    "agency": Request.agency_id,
    "deadline": Request.deadline,
    "deep_rooted": Request.deep_rooted,
    "citizen": Request.citizen_id,
}


def _local_day_start_utc(day: object) -> datetime:
    """UTC moment at which a Tehran calendar day begins."""
    return jalali.tehran_to_utc(datetime.combine(day, time.min))  # type: ignore[arg-type]


def apply_filter(q: Select, f: InboxFilter, sqlite: bool = False) -> Select:
    """Add the WHERE clauses of a filter to a query over Request."""
    conds = []
    if f.statuses:
        conds.append(Request.status.in_(f.statuses))
    if f.channel:
        conds.append(Request.channel == f.channel)
    if f.type:
        conds.append(Request.type == f.type)
    if f.county_id:
        conds.append(Request.county_id == f.county_id)
    if f.agency_id:
        # The agency named at intake, or one the request was referred to (the list shows the
        # current referral's agency).
        referred = select(Referral.request_id).where(Referral.agency_id == f.agency_id)
        conds.append(or_(Request.agency_id == f.agency_id, Request.id.in_(referred)))
    if f.date_from:
        conds.append(Request.received_at >= _local_day_start_utc(f.date_from))
    if f.date_to:
        conds.append(Request.received_at < _local_day_start_utc(f.date_to + timedelta(days=1)))
    if f.overdue_only:
        today = jalali.tehran_today()
        conds.append(and_(Request.deadline < today,
                          Request.status.in_([s.value for s in OPEN_STATUSES]),
                          ~pause_rules.request_paused_on(today),
                          # A pending objection is answered on its own track.
                          ~objections.pending_condition()))
    if f.assignee_id:
        conds.append(Request.assignee_id == f.assignee_id)
    if f.deep_rooted_only:
        conds.append(Request.deep_rooted.is_(True))
    if f.event_id:
        conds.append(Request.event_id == f.event_id)
    # The key has no spaces, so each word of the query is matched as a substring.
    conds.extend(search.condition(search.terms(f), sqlite))
    return q.where(*conds) if conds else q


@functools.lru_cache(maxsize=2)
def _details(today: date) -> tuple[tuple[Any, ...], tuple[tuple[Any, Any], ...]]:
    """The inbox row's columns after the id, and the outer joins they need (built once a day:
    building the aliases and subqueries anew cost more than the server's answer)."""
    cz = aliased(Citizen)
    # The agency a request is with now: its newest referral's, else the one named at intake.
    referred = aliased(Agency)
    # The newest referral's agency id by the request's index, then that agency's name by
    # its key: a join inside the subquery made PostgreSQL hash the agencies once a row.
    newest = (select(Referral.agency_id).where(Referral.request_id == Request.id)
              .order_by(Referral.id.desc()).limit(1).correlate(Request).scalar_subquery())
    current_agency = select(referred.name).where(referred.id == newest).scalar_subquery()
    columns = (
        Request.version, Request.tracking_code, Request.received_at, cz.first_name,
        cz.last_name, County.name.label("county"),
        func.coalesce(current_agency, Agency.name).label("agency"), Request.type,
        Request.channel, Request.status, Request.deadline, Request.deep_rooted, Request.subject,
        # Within the row statement: a page stays as few statements as it was.
        objections.pending_condition().label("objected"),
        # The running pause in the same statement: a second one listing 200 ids cost psycopg
        # more to build than the server to answer.
        pause_rules.request_paused_on(today).label("paused"))
    joins = ((cz, cz.id == Request.citizen_id), (County, County.id == Request.county_id),
             (Agency, Agency.id == Request.agency_id))
    return columns, joins


def _with_details(q: Select, today: date) -> Select:
    """A select of Request ids (the id first) with the inbox row's other columns added."""
    columns, joins = _details(today)
    q = q.add_columns(*columns)
    for target, on in joins:
        q = q.outerjoin(target, on)
    return q


# The labels of each stored value, looked up once (an enum lookup a cell cost 10 µs a row).
_TYPES = {t.value: t.label for t in RequestType}
_CHANNELS = {c.value: c.label for c in Channel}
_STATUSES = {t.value: t.label for t in RequestStatus}


def _inbox_row(r: Sequence[Any], today: date) -> InboxRow:
    """One inbox row from a row of _with_details."""
    objected, paused = bool(r[14]), bool(r[15])
    label = (objections.PENDING_LABEL if objected
             else PAUSED_LABEL if paused else _STATUSES[r[10]])
    return InboxRow(
        id=r[0], version=r[1], tracking_code=r[2], received_at=r[3],
        citizen=f"{r[4] or ''} {r[5] or ''}".strip(), county=r[6] or "", agency=r[7] or "",
        type_label=_TYPES[r[8]], channel_label=_CHANNELS[r[9]],
        status=r[10], status_label=label, deadline=r[11], deep_rooted=bool(r[12]),
        # While an objection waits, the original deadline is no longer the clock.
        overdue=not objected and is_request_overdue(r[10], r[11], today, paused),
        subject=r[13],
    )


class InboxService:
    """Reads pages of the inbox for the table model."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def count(self, f: InboxFilter, actor: Actor | None = None,
              cancel: Cancel | None = None) -> int:
        """Number of requests the filter matches (within the actor's counties).

        With `cancel`, another thread may stop the count (a newer search makes it moot); the
        call then raises Cancelled.
        """
        q = apply_filter(select(func.count()).select_from(Request), f, self.db.is_sqlite)
        with scope.read(self.db, actor) as s:
            if cancel is None:
                return s.scalar(q) or 0
            with cancel.watch(s.connection()):
                return s.scalar(q) or 0

    def page(self, f: InboxFilter, offset: int = 0, limit: int = 100,
             sort: str = "received_at", descending: bool = True,
             with_total: bool = True, actor: Actor | None = None) -> InboxPage:
        """One page of rows in the requested order, plus the total the filter matches.

        A county-limited actor sees only the requests of their counties.
        """
        col = SORT_COLUMNS.get(sort, Request.received_at)
        order = [col.desc() if descending else col.asc(),
                 Request.id.desc() if descending else Request.id.asc()]
        # Page over ids first (index-only where possible), then join the names for that page.
        sqlite = self.db.is_sqlite
        ids_q = (apply_filter(select(Request.id), f, sqlite).order_by(*order)
                 .offset(offset).limit(limit))
        today = jalali.tehran_today()
        with scope.read(self.db, actor) as s:
            found = None
            if sort == "received_at":
                # A search's pages in received order come from the index in that order, the
                # names joined in the same statement.
                found = first_page.first_rows(s, f, offset, limit, descending, sqlite,
                                              lambda q, g: apply_filter(q, g, sqlite),
                                              lambda q: _with_details(q, today),
                                              ("inbox", today))
            if found is None:
                found = search.rows_of(s, list(s.scalars(ids_q)),
                                       lambda q: _with_details(q, today), ("inbox", today))
            total = (s.scalar(apply_filter(select(func.count()).select_from(Request), f,
                                           sqlite)) or 0 if with_total else -1)
            return InboxPage([_inbox_row(r, today) for r in found], total, offset)

    def rows(self, ids: list[int], actor: Actor | None = None) -> list[InboxRow]:
        """The current inbox rows of some requests (to refresh them in place), in the ids' order.

        Requests that no longer exist are left out.
        """
        if not ids:
            return []
        today = jalali.tehran_today()
        with scope.read(self.db, actor) as s:
            found = search.rows_of(s, list(ids), lambda q: _with_details(q, today),
                                   ("inbox", today))
        return [_inbox_row(r, today) for r in found]
