"""County scope in the services: the same rule as the server's row-level security.

A user limited to some counties (Actor.counties) sees and changes only their requests, the
referrals, reviews and links of those requests, and the meetings held in those counties. The
server enforces it on PostgreSQL for a user's own login (app.models.server.scope); the services
apply it too, so SQLite, and a PostgreSQL database opened as the owner, scope the same way.

`limit(session, actor)` is the one place the rule is written for the services: it adds the
scope to every ORM query the session runs (SQLAlchemy's loader criteria reach joins,
subqueries and `Session.get`), so no query of a scoped use case can forget it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import ColumnElement, event, select
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from app.errors import ValidationError
from app.models import (
    ClockPause,
    Manager,
    Meeting,
    MeetingAttendee,
    MeetingDirective,
    MeetingSchedule,
    Objection,
    Referral,
    ReferralEvent,
    Request,
    RequestLink,
    Review,
    SamadExportItem,
    SatisfactionCall,
    SatisfactionCallAttempt,
)
from app.models.database import Database
from app.services.core import messages as msg
from app.services.core.context import Actor

_req = Request.__table__.c  # Core columns: the inner selects are not themselves re-scoped
_ref = Referral.__table__.c
_meet = Meeting.__table__.c


def is_scoped(actor: Actor | None) -> bool:
    """True when the actor is limited to some counties."""
    return actor is not None and actor.counties is not None


def scope_filter(actor: Actor | None, column: ColumnElement) -> ColumnElement[bool] | None:
    """`column` (a county id) within the actor's counties; None when the actor is unrestricted.

    A row whose county is NULL never matches, as on the server: only the province sees it.
    """
    if not is_scoped(actor):
        return None
    assert actor is not None and actor.counties is not None
    return column.in_(sorted(actor.counties))


def _requests_in(counties: list[int]):  # noqa: ANN202
    return select(_req.id).where(_req.county_id.in_(counties))


def _criteria(actor: Actor) -> list:
    """Loader criteria for every scoped table, mirroring the server's policies."""
    counties = sorted(actor.counties or ())
    requests = _requests_in(counties)
    meetings = select(_meet.id).where(_meet.county_id.in_(counties))
    referrals = select(_ref.id).where(_ref.request_id.in_(requests))
    managers = select(Manager.__table__.c.id).where(Manager.__table__.c.county_id.in_(counties))
    rules = [
        # Weekly rules are not rows of a county: the calendar shows a limited user the rules of
        # their counties' managers (the server leaves the rules readable, like reference data).
        (MeetingSchedule, MeetingSchedule.manager_id.in_(managers)),
        (Request, Request.county_id.in_(counties)),
        (Meeting, Meeting.county_id.in_(counties)),
        (Referral, Referral.request_id.in_(requests)),
        (Review, Review.request_id.in_(requests)),
        (RequestLink, RequestLink.request_id.in_(requests)),
        (Objection, Objection.request_id.in_(requests)),
        (ClockPause, ClockPause.request_id.in_(requests)),
        (ReferralEvent, ReferralEvent.referral_id.in_(referrals)),
        (MeetingAttendee, MeetingAttendee.meeting_id.in_(meetings)),
        (MeetingDirective, MeetingDirective.meeting_id.in_(meetings)
         & MeetingDirective.request_id.in_(requests)),
        (SatisfactionCall, SatisfactionCall.request_id.in_(requests)),
        (SatisfactionCallAttempt, SatisfactionCallAttempt.request_id.in_(requests)),
        (SamadExportItem, SamadExportItem.request_id.in_(requests)),
    ]
    return [with_loader_criteria(model, cond, include_aliases=True) for model, cond in rules]


def limit(session: Session, actor: Actor | None) -> Session:
    """Keep every ORM query of this session to the actor's counties (nothing if unrestricted)."""
    if not is_scoped(actor):
        return session
    assert actor is not None
    options = _criteria(actor)
    session.info["scope_actor"] = actor

    @event.listens_for(session, "do_orm_execute")
    def _scope(state: ORMExecuteState) -> None:
        if state.is_select:
            state.statement = state.statement.options(*options)

    return session


def within(session: Session, column: ColumnElement) -> list[ColumnElement[bool]]:
    """`scope_filter` of the actor a session was limited to, as a list for `.where(*…)`.

    For tables the session's own criteria do not reach (the county list of a report).
    """
    cond = scope_filter(session.info.get("scope_actor"), column)
    return [] if cond is None else [cond]


@contextmanager
def read(db: Database, actor: Actor | None) -> Iterator[Session]:
    """A read transaction (Database.read) limited to the actor's counties."""
    with db.read() as s:
        yield limit(s, actor)


def require_county(actor: Actor | None, county_id: int | None, field: str = "county_id",
                   message: str = msg.COUNTY_OUT_OF_SCOPE) -> None:
    """Refuse a county outside the actor's scope (with a Persian message).

    A limited actor must name one of their counties: a record without a county would be
    the province's alone, out of the actor's sight once written.
    """
    if not is_scoped(actor):
        return
    assert actor is not None and actor.counties is not None
    if county_id is None:
        raise ValidationError({field: msg.COUNTY_REQUIRED_IN_SCOPE})
    if county_id not in actor.counties:
        raise ValidationError({field: message})
