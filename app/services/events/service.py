"""Events: create, edit, list; tag requests with one (each call one transaction)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFound, ValidationError
from app.models import County, Event, Manager, Request
from app.models.database import Database
from app.models.enums import EventKind
from app.services.core import audit, jalali, persian, scope, unit_of_work
from app.services.core.context import Actor, require
from app.services.events import words
from app.services.events.dto import EventInfo, EventInput, EventSummary
from app.services.reports.events import event_counts  # the report's one definition

EVENT = unit_of_work.Entity(Event, "event", words.EVENT, words.THIS_EVENT, "request.write")
MAX_BATCH = 1000  # requests one batch call may change


def validate_event(s: Session, data: EventInput) -> dict[str, str]:
    """Field -> Persian message for each bad field of an event."""
    errors: dict[str, str] = {}
    name = persian.clean_text(data.name)
    if not name:
        errors["name"] = words.EVENT_NAME_REQUIRED
    elif len(name) > 200:
        errors["name"] = words.EVENT_NAME_TOO_LONG
    if data.kind not in EventKind.__members__.values():
        errors["kind"] = words.EVENT_KIND_REQUIRED
    if data.ends_on < data.starts_on:
        errors["ends_on"] = words.EVENT_DATES_ORDER
    if data.county_id is not None and s.get(County, data.county_id) is None:
        errors["county_id"] = words.COUNTY_NOT_FOUND
    if data.manager_id is not None and s.get(Manager, data.manager_id) is None:
        errors["manager_id"] = words.MANAGER_UNKNOWN
    return errors


def event_info(s: Session, e: Event) -> EventInfo:
    """Plain data of an event row."""
    county = s.get(County, e.county_id) if e.county_id else None
    manager = s.get(Manager, e.manager_id) if e.manager_id else None
    return EventInfo(e.id, e.version, e.name, e.kind, EventKind(e.kind).label, e.starts_on,
                     e.ends_on, e.county_id, county.name if county else "", e.manager_id,
                     manager.name if manager else "")


def check_requests(s: Session, ids: Sequence[int]) -> list[Request]:
    """The requests of a selection, in the session's scope; refuses none, too many or missing."""
    unique = list(dict.fromkeys(ids))
    if not unique:
        raise ValidationError({"request_ids": words.NOTHING_SELECTED})
    if len(unique) > MAX_BATCH:
        raise ValidationError({"request_ids": words.TOO_MANY})
    rows = list(s.scalars(select(Request).where(Request.id.in_(unique))
                          .order_by(Request.id).with_for_update()))
    if len(rows) != len(unique):
        from app.services.core import messages as msg

        raise NotFound(msg.REQUEST)
    return rows


class EventService:
    """Use cases on events."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, actor: Actor, data: EventInput) -> EventInfo:
        """Record a new event."""
        require(actor, "request.write")
        scope.require_county(actor, data.county_id)
        with self.db.write() as s:
            errors = validate_event(s, data)
            if errors:
                raise ValidationError(errors)
            e = Event(name=persian.clean_text(data.name), kind=data.kind,
                      starts_on=data.starts_on, ends_on=data.ends_on,
                      county_id=data.county_id, manager_id=data.manager_id,
                      created_at=jalali.utc_now(), created_by=actor.user_id)
            s.add(e)
            s.flush()
            audit.record(s, actor, "event", e.id, "create", None, audit.snapshot(e))
            return event_info(s, e)

    def update(self, actor: Actor, event_id: int, expected_version: int,
               data: EventInput) -> EventInfo:
        """Edit an event's fields under its version."""
        scope.require_county(actor, data.county_id)

        def apply(w: unit_of_work.Work[Event]) -> None:
            errors = validate_event(w.session, data)
            if errors:
                raise ValidationError(errors)
            e = w.row
            e.name, e.kind = persian.clean_text(data.name), data.kind
            e.starts_on, e.ends_on = data.starts_on, data.ends_on
            e.county_id, e.manager_id = data.county_id, data.manager_id

        return unit_of_work.change(self.db, actor, EVENT, event_id, expected_version, "update",
                                   apply, lambda w: event_info(w.session, w.row))

    def get(self, event_id: int) -> EventInfo:
        """One event (NotFound when missing)."""
        with self.db.read() as s:
            e = s.get(Event, event_id)
            if e is None:
                raise NotFound(words.EVENT)
            return event_info(s, e)

    def list(self, actor: Actor | None = None, current_only: bool = False) -> list[EventInfo]:
        """Events, newest first; `current_only`: those not ended before today (intake offers)."""
        with self.db.read() as s:
            q = select(Event).order_by(Event.starts_on.desc(), Event.id.desc())
            if current_only:
                q = q.where(Event.ends_on >= jalali.tehran_today())
            if scope.is_scoped(actor):
                assert actor is not None and actor.counties is not None
                q = q.where(Event.county_id.is_(None) | Event.county_id.in_(actor.counties))
            return [event_info(s, e) for e in s.scalars(q)]

    def overview(self, actor: Actor | None = None) -> list[EventSummary]:
        """Every event the actor may see, newest first, each with its letters received,
        answered directly, referred and still open today (the quarterly report's measures,
        over all time; only the requests of the actor's counties are counted)."""
        events = self.list(actor)
        if not events:
            return []
        with scope.read(self.db, actor) as s:
            counts = event_counts(s, jalali.tehran_today(), event_ids=[e.id for e in events])
        return [EventSummary(e, *counts.get(e.id, (0, 0, 0, 0))) for e in events]

    def tag(self, actor: Actor, request_ids: Sequence[int], event_id: int | None) -> list[int]:
        """Tag (or untag, with None) requests with an event; one transaction, each audited."""
        require(actor, "request.write")
        with self.db.write() as s:
            scope.limit(s, actor)
            if event_id is not None and s.get(Event, event_id) is None:
                raise ValidationError({"event_id": words.EVENT_UNKNOWN})
            rows = check_requests(s, request_ids)
            changed = [r for r in rows if r.event_id != event_id]
            before = {r.id: r.event_id for r in changed}
            for r in changed:
                r.event_id = event_id  # the version moves at flush
            s.flush()
            for r in changed:
                audit.record(s, actor, "request", r.id, "event", {"event_id": before[r.id]},
                             {"event_id": event_id})
            return [r.id for r in changed]
