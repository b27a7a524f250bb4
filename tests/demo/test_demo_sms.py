"""The demo's outbox: a realistic mix written by the outbox's own code, deterministic by seed,
on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time

from sqlalchemy import select

from app.demo.generator import DemoGenerator
from app.demo.sms import MAX_REQUESTS
from app.models import Meeting, MeetingAttendee, Referral, Request
from app.models.database import Database
from app.models.sms import SmsMessage
from app.services.core import clock, jalali
from app.services.core.reference import prepare_database
from app.services.registry import Services
from app.services.sms import outbox, rules

TODAY = date(2026, 11, 28)
AT_TEN = jalali.tehran_to_utc(datetime.combine(TODAY, time(10)))


def _outbox(db: Database) -> list[tuple]:
    with db.read() as s:
        return s.execute(select(
            SmsMessage.kind, SmsMessage.text, SmsMessage.mobile, SmsMessage.status,
            SmsMessage.attempts, SmsMessage.gateway_reply, SmsMessage.idempotency_key,
            SmsMessage.created_at).order_by(SmsMessage.id)).all()


def _app_texts(s, m: SmsMessage) -> set[str]:  # noqa: ANN001 - a session
    """What the app's own writer writes for the cause of this message (nothing kept)."""
    made = []
    if m.meeting_id is not None:
        meeting = s.get(Meeting, m.meeting_id)
        for a in s.scalars(select(MeetingAttendee).where(
                MeetingAttendee.meeting_id == m.meeting_id,
                MeetingAttendee.citizen_id == m.citizen_id)):
            made.append(outbox.for_appointment(s, meeting, a))
    else:
        req = s.get(Request, m.request_id)
        refs = s.scalars(select(Referral).where(Referral.request_id == req.id)).all()
        if m.kind == rules.REFERRED:
            made += [outbox.for_referral(s, req, r) for r in refs]
        elif m.kind == rules.AGENCY_ANSWERED:
            made += [outbox.for_agency_answer(s, req, r) for r in refs]
        else:
            made.append(outbox.for_request(s, m.kind, req))
    texts = set()
    for row in made:
        if row is not None:
            s.expunge(row)  # compared, never stored
            texts.add(row.text)
    return texts


def test_the_demo_outbox_is_what_the_app_writes(services: Services) -> None:
    db = services.db
    with clock.frozen(AT_TEN):
        DemoGenerator(db, seed=9, today=TODAY).run(1500)
    with db.read() as s:
        rows = s.scalars(select(SmsMessage).order_by(SmsMessage.id)).all()
        by = Counter((m.kind, m.status) for m in rows)
        assert {st for _k, st in by} == {rules.SENT, rules.QUEUED, rules.FAILED}
        assert {k for k, _st in by} == set(rules.KINDS)  # every cause, the agency's answer too
        assert all(m.gateway_reply.startswith("200 ") and m.sent_at for m in rows
                   if m.status == rules.SENT)
        assert all(m.gateway_reply and m.attempts == 5 for m in rows if m.status == rules.FAILED)
        assert len({m.idempotency_key for m in rows}) == len(rows)
        for m in rows:
            assert m.parts == rules.count(m.text).parts <= rules.MAX_PARTS
            assert m.text in _app_texts(s, m), (m.kind, m.text)
        # Only the last weeks' requests, and never more than the bound.
        assert len({m.request_id for m in rows if m.request_id}) <= MAX_REQUESTS


def test_the_same_seed_gives_the_same_outbox(services: Services, tmp_path) -> None:  # noqa: ANN001
    """The fixture's database (either backend) and a SQLite file, one seed: one outbox."""
    with clock.frozen(AT_TEN):
        DemoGenerator(services.db, seed=13, today=TODAY).run(600)
        other = Database(f"sqlite:///{tmp_path / 'b.sqlite3'}")
        prepare_database(other)
        DemoGenerator(other, seed=13, today=TODAY).run(600)
    assert _outbox(services.db) and _outbox(services.db) == _outbox(other)
    other.dispose()
