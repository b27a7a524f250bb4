"""The audit trail: written with each change, chained by hashes, tampering detected."""

from __future__ import annotations

from sqlalchemy import text

from app.models.enums import Role
from app.services.core import audit
from tests.support import audit_tamper
from tests.support.helpers import make_actor, register


def test_every_change_is_audited_and_the_chain_verifies(services) -> None:
    """Register, assign and answer leave three request events that verify."""
    op = make_actor(services, "op", Role.OPERATOR)
    r = register(services, op)
    r = services.requests.assign(op, r.id, r.version, op.user_id)
    services.requests.answer_directly(op, r.id, r.version, "پاسخ داده شد")
    events = audit.history(services.db, "request", r.id)
    assert [e.action for e in events] == ["create", "assign", "answer"]
    assert events[0].before == {} and events[0].after["subject"] == r.subject
    assert events[2].before["status"] == "in_review" and events[2].after["status"] == "answered"
    assert all(e.username == "op" for e in events)
    report = audit.verify_chain(services.db)
    assert report.ok and report.first_bad_id is None and report.checked >= 4
    assert report.head_hash == audit.head_hash(services.db)


def _event_ids(db) -> list[int]:  # noqa: ANN001
    with db.read() as s:
        return [row[0] for row in s.execute(text("SELECT id FROM audit_event ORDER BY id"))]


def test_an_edited_event_is_detected(services) -> None:
    """Changing the stored content of one event breaks the chain at exactly that event."""
    op = make_actor(services, "op", Role.OPERATOR)
    for _ in range(3):
        register(services, op)
    ids = _event_ids(services.db)
    victim = ids[len(ids) // 2]
    with services.db.engine.begin() as c:
        audit_tamper.maintenance(c)
        c.execute(text("UPDATE audit_event SET after = REPLACE(after, 'آب', 'برق') WHERE id = :i"),
                  {"i": victim})
    report = audit.verify_chain(services.db)
    assert not report.ok and report.first_bad_id == victim


def test_a_deleted_event_is_detected(services) -> None:
    """Removing an event breaks the link of the one after it."""
    op = make_actor(services, "op", Role.OPERATOR)
    for _ in range(3):
        register(services, op)
    ids = _event_ids(services.db)
    with services.db.engine.begin() as c:
        audit_tamper.maintenance(c)
        c.execute(text("DELETE FROM audit_event WHERE id = :i"), {"i": ids[1]})
    report = audit.verify_chain(services.db)
    assert not report.ok and report.first_bad_id == ids[2]


def test_a_failed_change_writes_no_event(services) -> None:
    """A refused change leaves no audit event (same transaction as the change)."""
    import pytest

    from app.errors import ValidationError

    op = make_actor(services, "op", Role.OPERATOR)
    r = register(services, op)
    before = len(_event_ids(services.db))
    with pytest.raises(ValidationError):
        services.requests.answer_directly(op, r.id, r.version, "   ")
    assert len(_event_ids(services.db)) == before
