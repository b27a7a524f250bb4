"""The outbox writer: the one call each cause makes, inside the cause's own transaction.

Nothing is written for a citizen who said no (`sms_opt_out`) or who gave no mobile number; the
message is rendered from the office's template at once, so what the office sees listed is what
the citizen gets.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Agency, Citizen, Manager, Meeting, MeetingAttendee, Referral, Request
from app.models.sms import SmsMessage, SmsTemplate
from app.services.core import jalali, persian
from app.services.sms import rules


def template_text(s: Session, kind: str) -> str:
    """The office's template of a kind, the default when none is stored."""
    stored = s.scalar(select(SmsTemplate.text).where(SmsTemplate.kind == kind))
    return stored or rules.DEFAULT_TEMPLATES[kind]


def widest_values(s: Session) -> dict[str, str]:
    """The longest value each placeholder can take in this database (the editor's yardstick)."""
    def longest(column) -> str:  # noqa: ANN001 - a mapped column
        return s.scalar(select(column).order_by(func.length(column).desc()).limit(1)) or ""

    return {**rules.PLACEHOLDERS, "دستگاه": longest(Agency.name), "مدیر": longest(Manager.name),
            "مکان": max(longest(Meeting.place), "", key=len)}


def compose(kind: str, citizen_id: int, mobile: str | None, opt_out: bool, template: str,
            values: dict[str, str], now: datetime, key: str | None = None,
            request_id: int | None = None, meeting_id: int | None = None) -> dict | None:
    """The outbox row's columns for one message, or None when none is due (no database).

    The one place a message is made: `write` for the app's causes, and the demo generator in
    bulk, so the demo's messages are what the app would write.
    """
    if opt_out or not mobile:
        return None
    text = rules.fit(rules.render(template, values))
    return {"request_id": request_id, "meeting_id": meeting_id, "citizen_id": citizen_id,
            "kind": kind, "mobile": mobile, "text": text, "parts": rules.count(text).parts,
            "status": rules.QUEUED, "attempts": 0, "idempotency_key": key or uuid.uuid4().hex,
            "gateway_reply": "", "created_at": now, "updated_at": now}


def write(s: Session, kind: str, citizen_id: int | None, values: dict[str, str],
          request_id: int | None = None, meeting_id: int | None = None) -> SmsMessage | None:
    """Queue one message to a citizen in the caller's transaction; None when none is due."""
    if citizen_id is None:
        return None
    citizen = s.get(Citizen, citizen_id)
    if citizen is None:
        return None
    row = compose(kind, citizen.id, citizen.mobile, citizen.sms_opt_out, template_text(s, kind),
                  values, jalali.utc_now(), request_id=request_id, meeting_id=meeting_id)
    if row is None:
        return None
    message = SmsMessage(**row)
    s.add(message)
    return message


# --- what each cause says (the values its placeholders take) ---------------------------------

def request_values(tracking_code: str) -> dict[str, str]:
    """Registration, the office's answer, closing: the tracking code."""
    return {"کد_رهگیری": tracking_code}


def referral_values(tracking_code: str, agency: str, deadline: date) -> dict[str, str]:
    """A referral made: to which agency, and by when it must answer."""
    return {"کد_رهگیری": tracking_code, "دستگاه": agency, "مهلت": jalali.format_jalali(deadline)}


def agency_answer_values(tracking_code: str, agency: str) -> dict[str, str]:
    """The agency's answer recorded: which agency answered which request."""
    return {"کد_رهگیری": tracking_code, "دستگاه": agency}


def appointment_values(queue_no: int, manager: str, day: date,
                       starts_at: datetime, place: str) -> dict[str, str]:
    """A place in a meeting's queue: number, manager, day, hour (Tehran) and place."""
    start = jalali.to_tehran(starts_at).strftime("%H:%M")
    return {"نوبت": persian.to_persian_digits(queue_no), "مدیر": manager,
            "تاریخ": jalali.format_jalali(day), "ساعت": persian.to_persian_digits(start),
            "مکان": place}


def for_request(s: Session, kind: str, req: Request) -> SmsMessage | None:
    """Registration, answer or closing of a request: its tracking code."""
    return write(s, kind, req.citizen_id, request_values(req.tracking_code), request_id=req.id)


def for_referral(s: Session, req: Request, ref: Referral) -> SmsMessage | None:
    """A referral made: to which agency, and by when it must answer."""
    agency = s.get(Agency, ref.agency_id)
    return write(s, rules.REFERRED, req.citizen_id,
                 referral_values(req.tracking_code, agency.name if agency else "", ref.deadline),
                 request_id=req.id)


def for_agency_answer(s: Session, req: Request, ref: Referral) -> SmsMessage | None:
    """The agency's answer recorded (graded adequate): which agency answered which request."""
    agency = s.get(Agency, ref.agency_id)
    return write(s, rules.AGENCY_ANSWERED, req.citizen_id,
                 agency_answer_values(req.tracking_code, agency.name if agency else ""),
                 request_id=req.id)


def for_appointment(s: Session, m: Meeting, a: MeetingAttendee) -> SmsMessage | None:
    """A place in a coming meeting's queue: number, manager, day, hour and place."""
    manager = s.get(Manager, m.manager_id)
    return write(s, rules.APPOINTMENT, a.citizen_id,
                 appointment_values(a.queue_no, manager.name if manager else "", m.day,
                                    m.starts_at, m.place), meeting_id=m.id)
