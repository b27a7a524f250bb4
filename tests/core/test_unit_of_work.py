"""The one versioned-change helper: load, check the version, apply, flush, audit, return."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.errors import ConflictError, NotFound, PermissionDenied
from app.models import AuditEvent, Citizen, Request
from app.models.enums import Role
from app.services.core import audit, unit_of_work
from app.services.core.jalali import utc_now
from tests.support.helpers import make_actor, register

REQ = unit_of_work.Entity(Request, "request", "درخواست", "این درخواست", "request.write")


def _subject(w: unit_of_work.Work[Request]) -> tuple[str, int]:
    return w.row.subject, w.row.version


def test_applies_audits_and_moves_the_version_by_one(services) -> None:
    """One change: the new values, one flush (version + 1), one audit event with the note."""
    op = make_actor(services, "op", Role.OPERATOR)
    d = register(services, op)

    def apply(w: unit_of_work.Work[Request]) -> None:
        w.row.subject = "موضوع تازه"
        w.row.priority = "high"

    subject, version = unit_of_work.change(services.db, op, REQ, d.id, d.version, "update",
                                           apply, _subject, note="به درخواست شهروند")
    assert (subject, version) == ("موضوع تازه", d.version + 1)
    last = audit.history(services.db, "request", d.id)[-1]
    assert last.action == "update" and last.after["note"] == "به درخواست شهروند"
    assert last.before["subject"] != last.after["subject"] == "موضوع تازه"


def test_stale_version_missing_row_and_permission(services) -> None:
    """A stale copy is a conflict naming the record; a missing row is NotFound; a reader may not."""
    op = make_actor(services, "op", Role.OPERATOR)
    inspector = make_actor(services, "insp", Role.INSPECTOR)
    d = register(services, op)
    ran: list[int] = []

    def apply(_w: unit_of_work.Work[Request]) -> None:
        ran.append(1)

    with pytest.raises(ConflictError, match="این درخواست"):
        unit_of_work.change(services.db, op, REQ, d.id, d.version + 1, "update", apply, _subject)
    with pytest.raises(NotFound, match="درخواست"):
        unit_of_work.change(services.db, op, REQ, 10**9, 1, "update", apply, _subject)
    with pytest.raises(PermissionDenied):
        unit_of_work.change(services.db, inspector, REQ, d.id, d.version, "update", apply,
                            _subject)
    assert ran == []
    assert len(audit.history(services.db, "request", d.id)) == 1  # only the registration


def test_created_and_tracked_records_are_audited_in_order(services) -> None:
    """A created record is audited before the main row; a tracked one after, only if changed."""
    op = make_actor(services, "op", Role.OPERATOR)
    d = register(services, op)
    assert d.citizen is not None
    made: list[Citizen] = []

    def apply(w: unit_of_work.Work[Request]) -> None:
        citizen = Citizen(national_id=None, first_name="", last_name="تازه", mobile=None,
                          county_id=None, address="", created_at=utc_now())
        w.session.add(citizen)
        w.created(citizen, "citizen")
        made.append(citizen)
        unchanged = w.session.get(Citizen, d.citizen.id)
        w.track(unchanged, "citizen", "untouched")  # not changed: no event
        w.row.subject = "با شهروند تازه"

    unit_of_work.change(services.db, op, REQ, d.id, d.version, "update", apply, _subject)
    with services.db.read() as s:
        events = s.execute(select(AuditEvent.entity, AuditEvent.action)
                           .order_by(AuditEvent.id.desc()).limit(2)).all()
    assert [tuple(e) for e in reversed(events)] == [("citizen", "create"), ("request", "update")]
    assert audit.history(services.db, "citizen", d.citizen.id) == []
    assert audit.history(services.db, "citizen", made[0].id)[0].action == "create"
