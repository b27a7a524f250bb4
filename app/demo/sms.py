"""Demo messages to citizens: the outbox as three weeks of a switched-on SMS service leave it.

The generator bypasses the use cases, so nothing wrote messages; this part writes, for the
requests registered since the office switched messages on (the last weeks, at most a bounded
number, so a 100,000-request build pays the same small price), the messages each cause would
have written: registration, referral, the agency's answer, the office's answer, closing, and
the coming meetings' appointments. Each row is made by the outbox's own `compose` from the
office's templates, so it equals what the app writes. Older messages were sent (a few after a
retry) or failed with the gateway's reply; the last day's still wait in the queue. Its own
random stream (and idempotency keys drawn from it), so a seed gives the same outbox.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select

from app.models import Agency, Citizen, Manager, Meeting, MeetingAttendee, Referral, Request
from app.models.database import Database
from app.models.enums import ReferralStatus, Resolution
from app.models.sms import SmsMessage
from app.services.core import audit, jalali
from app.services.core.context import SYSTEM
from app.services.sms import outbox, rules

SWITCHED_ON_DAYS = 21  # the office has sent messages for three weeks
MAX_REQUESTS = 1500  # the most recent requests that get messages (keeps big builds cheap)
FAILED_SHARE, RETRIED_SHARE = 0.05, 0.08
SENT_REPLY = '200 {{"return":{{"status":200,"message":"تایید شد"}},"entries":[{{"messageid":{n}}}]}}'
FAILED_REPLIES = ["503 Service Unavailable", "TimeoutError: timed out",
                  '400 {"return":{"status":411,"message":"گیرنده نامعتبر است"}}',
                  "URLError: [Errno -3] Temporary failure in name resolution"]
MAX_ATTEMPTS = 5


def _office_moment(rng: random.Random, day: date) -> datetime:
    """An office-hours moment of a Tehran day, as naive UTC."""
    minute = rng.randrange(8 * 60, 14 * 60)
    return jalali.tehran_to_utc(datetime.combine(day, time(minute // 60, minute % 60)))


def _causes(db: Database, since: datetime, today: date,
            rng: random.Random) -> list[tuple[datetime, str, int, int | None, int | None, dict]]:
    """(when, kind, citizen, request, meeting, values) of every message due, oldest first."""
    out: list[tuple[datetime, str, int, int | None, int | None, dict]] = []
    with db.read() as s:
        agencies = dict(s.execute(select(Agency.id, Agency.name)).all())
        reqs = s.execute(
            select(Request.id, Request.tracking_code, Request.citizen_id, Request.received_at,
                   Request.resolution, Request.answered_at, Request.closed_at)
            .where(Request.received_at >= since, Request.citizen_id.is_not(None))
            .order_by(Request.received_at.desc(), Request.id.desc())
            .limit(MAX_REQUESTS)).all()
        codes = {r.id: (r.tracking_code, r.citizen_id) for r in reqs}
        refs = s.execute(
            select(Referral.request_id, Referral.agency_id, Referral.created_at,
                   Referral.deadline, Referral.status, Referral.response_date)
            .where(Referral.request_id.in_(list(codes))).order_by(Referral.id)).all() \
            if codes else []
        coming = s.execute(
            select(MeetingAttendee.citizen_id, MeetingAttendee.queue_no,
                   MeetingAttendee.created_at, Meeting.id, Meeting.day, Meeting.starts_at,
                   Meeting.place, Manager.name)
            .join(Meeting, Meeting.id == MeetingAttendee.meeting_id)
            .join(Manager, Manager.id == Meeting.manager_id)
            .where(Meeting.day >= today, MeetingAttendee.pre_registered,
                   MeetingAttendee.created_at >= since)
            .order_by(MeetingAttendee.id)).all()
    for r in reqs:
        values = outbox.request_values(r.tracking_code)
        out.append((r.received_at, rules.REGISTERED, r.citizen_id, r.id, None, values))
        if r.resolution == Resolution.DIRECT and r.answered_at is not None:
            out.append((r.answered_at, rules.ANSWERED, r.citizen_id, r.id, None, values))
        if r.closed_at is not None:
            out.append((r.closed_at, rules.CLOSED, r.citizen_id, r.id, None, values))
    for f in refs:
        code, citizen = codes[f.request_id]
        agency = agencies.get(f.agency_id, "")
        out.append((f.created_at, rules.REFERRED, citizen, f.request_id, None,
                    outbox.referral_values(code, agency, f.deadline)))
        if f.status == ReferralStatus.ANSWERED and f.response_date is not None:
            out.append((_office_moment(rng, f.response_date), rules.AGENCY_ANSWERED, citizen,
                        f.request_id, None, outbox.agency_answer_values(code, agency)))
    for c in coming:
        out.append((c.created_at, rules.APPOINTMENT, c.citizen_id, None, c.id,
                    outbox.appointment_values(c.queue_no, c.name, c.day, c.starts_at,
                                              c.place)))
    # A message is never older than its switch-on; ties keep the order of their cause.
    return sorted((c for c in out if c[0] >= since), key=lambda c: c[0])


def _delivery(rng: random.Random, row: dict, last_day_start: datetime) -> None:
    """What the sender made of a message: sent, sent after a retry, failed, or still queued."""
    created = row["created_at"]
    if created >= last_day_start:  # today's: the office has not sent them yet
        if rng.random() < 0.15:  # one try failed, the next is due
            row.update(attempts=1, gateway_reply=rng.choice(FAILED_REPLIES),
                       next_try_at=created + timedelta(minutes=2), updated_at=created)
        return
    draw = rng.random()
    if draw < FAILED_SHARE:
        row.update(status=rules.FAILED, attempts=MAX_ATTEMPTS,
                   gateway_reply=rng.choice(FAILED_REPLIES),
                   updated_at=created + timedelta(minutes=31))
        return
    tries = 2 if draw < FAILED_SHARE + RETRIED_SHARE else 1
    sent = created + timedelta(seconds=rng.randrange(20, 600) + (tries - 1) * 60)
    row.update(status=rules.SENT, attempts=tries, sent_at=sent, updated_at=sent,
               gateway_reply=SENT_REPLY.format(n=rng.randrange(10**9, 10**10)))


def add_demo_sms(db: Database, today: date, seed: int) -> int:
    """Write the demo's outbox in one bulk insert; returns how many messages."""
    rng = random.Random(seed * 7933 + 11)
    since = jalali.tehran_to_utc(datetime.combine(today - timedelta(days=SWITCHED_ON_DAYS),
                                                  time()))
    last_day_start = jalali.tehran_to_utc(datetime.combine(today, time()))
    causes = _causes(db, since, today, rng)
    with db.read() as s:
        templates = {k: outbox.template_text(s, k) for k in rules.KINDS}
        ids = sorted({c[2] for c in causes})
        people = {}
        for i in range(0, len(ids), 5000):
            people.update({cid: (mobile, no) for cid, mobile, no in s.execute(
                select(Citizen.id, Citizen.mobile, Citizen.sms_opt_out)
                .where(Citizen.id.in_(ids[i:i + 5000])))})
    rows = []
    for when, kind, citizen, request_id, meeting_id, values in causes:
        mobile, opt_out = people.get(citizen, (None, True))
        row = outbox.compose(kind, citizen, mobile, opt_out, templates[kind], values, when,
                             key=f"{rng.getrandbits(128):032x}", request_id=request_id,
                             meeting_id=meeting_id)
        if row is None:
            continue
        row.update(next_try_at=None, sent_at=None)
        _delivery(rng, row, last_day_start)
        rows.append(row)
    if rows:
        with db.write() as s:
            audit.record(s, SYSTEM, "demo", None, "bulk_load", None, {"part": "sms"})
            s.execute(insert(SmsMessage), rows)
    return len(rows)
