"""Referral use cases: refer a request to an agency, record its answer, chase and withdraw."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import NotFound, ValidationError
from app.models import Agency, Referral, ReferralEvent, Request
from app.models.database import Database
from app.models.enums import (
    AnswerGrade,
    FollowUpKind,
    LetterKind,
    ReferralStatus,
    RequestStatus,
    Resolution,
)
from app.services.core import audit, jalali, persian, reference, scope, unit_of_work
from app.services.core import messages as msg
from app.services.core.context import Actor, require
from app.services.letters import official
from app.services.letters.dto import LetterFields
from app.services.pauses import rules as pause_rules
from app.services.referrals.dto import MAX_EXTENSION_DAYS  # noqa: F401
from app.services.requests.dto import ReferralInfo
from app.services.requests.service import OPEN_STATUSES, referral_info
from app.services.sms import outbox as sms_outbox

# An office letter number: digits with separators and a few letters, e.g. «۱۲۳۴/۵۶»,
# «۳/ص/۱۴۰۵-۲۵۸» or «12.45/الف». At least one digit, at most LETTER_NO_MAX characters.
LETTER_NO_MAX = 50
_LETTER_NO_RE = re.compile(r"[0-9A-Za-z\u0600-\u06FF\u200c][0-9A-Za-z\u0600-\u06FF\u200c/\-._ ]*")
REFERRAL = unit_of_work.Entity(Referral, "referral", msg.REFERRAL, msg.THIS_REFERRAL,
                               "referral.write")
# Referring changes the request, under the referral permission.
REFERRING = unit_of_work.Entity(Request, "request", msg.REQUEST, msg.THIS_REQUEST,
                                "referral.write")


def letter_no_error(letter_no: str | None, required: bool = True) -> str | None:
    """Why a letter number is not acceptable (Persian), or None when it is."""
    text = persian.clean_text(letter_no)
    if not text:
        return msg.LETTER_NO_REQUIRED if required else None
    if len(text) > LETTER_NO_MAX:
        return msg.letter_no_too_long(LETTER_NO_MAX)
    if not _LETTER_NO_RE.fullmatch(text) or not any(ch.isdigit() for ch in text):
        return msg.LETTER_NO_CHARACTERS
    return None


def clean_letter_no(letter_no: str | None) -> str:
    """A letter number as stored: normalised, Latin digits, no spaces around separators."""
    text = persian.clean_text(letter_no)
    return re.sub(r"\s*([/\-.])\s*", r"\1", text)


def _validate_letter(letter_no: str, letter_date: date | None, request_day: date,
                     prefix: str = "", automatic: bool = False) -> dict[str, str]:
    """A letter needs a number (unless the counter gives it) and a date no earlier than the
    request and not in the future."""
    errors: dict[str, str] = {}
    problem = None if automatic else letter_no_error(letter_no)
    if problem:
        errors[prefix + "letter_no"] = problem
    if letter_date is None:
        errors[prefix + "letter_date"] = msg.LETTER_DATE_REQUIRED
    elif letter_date < request_day:
        errors[prefix + "letter_date"] = msg.LETTER_DATE_BEFORE_REQUEST
    elif letter_date > jalali.tehran_today():
        errors[prefix + "letter_date"] = msg.LETTER_DATE_IN_FUTURE
    return errors


class ReferralService:
    """Use cases on referrals; each call is one short transaction and returns plain data."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def refer(self, actor: Actor, request_id: int, expected_version: int, agency_id: int,
              letter_no: str, letter_date: date, working_days: int | None = None,
              directive: bool = False, letter: LetterFields | None = None) -> ReferralInfo:
        """Refer a request to an agency by letter; the deadline counts working days.

        With `letter.auto_number` and `letter_no` blank, the secretariat's next number is taken
        from the office's pattern in this same transaction (app.services.letters.numbering); a
        number typed by hand uses no counter number. `letter` also carries the letter's
        classification, priority and copies (the office's default copies when None).
        """
        automatic = (letter is not None and letter.auto_number
                     and not persian.clean_text(letter_no))
        cal = reference.work_calendar(self.db)
        default_days = int(reference.settings(self.db)["referral_answer_days"])
        made: list[Referral] = []

        def apply(w: unit_of_work.Work[Request]) -> None:
            s, req = w.session, w.row
            agency = s.get(Agency, agency_id)
            errors = _validate_letter(letter_no, letter_date,
                                      jalali.to_tehran(req.received_at).date(),
                                      automatic=automatic)
            if letter is not None:
                errors.update(official.letter_errors(letter))
            if agency is None:
                errors["agency_id"] = msg.AGENCY_REQUIRED
            if req.status == RequestStatus.CLOSED:
                errors["status"] = msg.REQUEST_CLOSED_REOPEN_FIRST
            days = working_days if working_days is not None else (
                (agency.answer_days if agency else None) or default_days)
            if not 1 <= days <= 365:
                errors["working_days"] = msg.REFERRAL_DAYS_RANGE
            if errors:
                raise ValidationError(errors)
            assert agency is not None
            numbers = official.issue(s, letter_date) if automatic else []
            ref = Referral(
                request_id=req.id, agency_id=agency.id,
                letter_no=numbers[0].letter_no if numbers else clean_letter_no(letter_no),
                letter_date=letter_date, deadline=cal.add_working_days(letter_date, days),
                status=ReferralStatus.OPEN, directive=directive,
                created_at=jalali.utc_now(), created_by=actor.user_id,
            )
            if letter is not None:
                official.apply_fields(s, ref, letter)
            s.add(ref)
            if numbers:
                s.flush()
                official.register(s, numbers[0], LetterKind.REFERRAL, ref.id, letter_date,
                                  actor.user_id)
            w.created(ref, "referral")
            req.status = RequestStatus.AWAITING_AGENCY
            req.resolution = Resolution.REFERRED
            made.append(ref)
            sms_outbox.for_referral(s, req, ref)  # which agency, by when

        def result(w: unit_of_work.Work[Request]) -> ReferralInfo:
            agency = w.session.get(Agency, made[0].agency_id)
            return referral_info(made[0], agency.name if agency else "", jalali.tehran_today())

        return unit_of_work.change(self.db, actor, REFERRING, request_id, expected_version,
                                   "refer", apply, result, autoflush=True)

    def record_response(self, actor: Actor, referral_id: int, expected_version: int,
                        response_text: str, response_date: date, response_letter_no: str = "",
                        grade: str = AnswerGrade.ADEQUATE) -> ReferralInfo:
        """Record the agency's answer and grade it; an inadequate answer keeps the chase open."""

        def apply(s: Session, ref: Referral, req: Request) -> None:
            errors: dict[str, str] = {}
            if not persian.clean_text(response_text):
                errors["response_text"] = msg.RESPONSE_TEXT_REQUIRED
            if response_date is None or response_date < ref.letter_date:
                errors["response_date"] = msg.RESPONSE_DATE_BEFORE_LETTER
            elif response_date > jalali.tehran_today():
                errors["response_date"] = msg.RESPONSE_DATE_IN_FUTURE
            problem = letter_no_error(response_letter_no, required=False)
            if problem:
                errors["response_letter_no"] = problem
            if grade not in AnswerGrade.__members__.values():
                errors["grade"] = msg.GRADE_REQUIRED
            if ref.status == ReferralStatus.WITHDRAWN:
                errors["status"] = msg.REFERRAL_WITHDRAWN
            if errors:
                raise ValidationError(errors)
            ref.response_text = persian.clean_text(response_text, multiline=True)
            ref.response_date = response_date
            ref.response_letter_no = clean_letter_no(response_letter_no)
            ref.grade = grade
            was_answered = ref.status == ReferralStatus.ANSWERED
            ref.status = (ReferralStatus.ANSWERED if grade == AnswerGrade.ADEQUATE
                          else ReferralStatus.OPEN)
            self._sync_request_status(s, req)
            # Only an answer that ends the chase is news to the citizen; correcting the text of
            # an answer already recorded tells them nothing new, and an inadequate one is chased.
            if ref.status == ReferralStatus.ANSWERED and not was_answered:
                sms_outbox.for_agency_answer(s, req, ref)

        return self._change(actor, referral_id, expected_version, "response", apply)

    def withdraw(self, actor: Actor, referral_id: int, expected_version: int,
                 reason: str) -> ReferralInfo:
        """Withdraw a referral (استرداد) with a reason, e.g. to close the request."""

        def apply(s: Session, ref: Referral, req: Request) -> None:
            if not persian.clean_text(reason):
                raise ValidationError({"reason": msg.WITHDRAW_REASON_REQUIRED})
            if ref.status != ReferralStatus.OPEN:
                raise ValidationError({"status": msg.WITHDRAW_ONLY_OPEN})
            ref.status = ReferralStatus.WITHDRAWN
            ref.withdrawn_reason = persian.clean_text(reason, multiline=True)
            self._sync_request_status(s, req)

        return self._change(actor, referral_id, expected_version, "withdraw", apply,
                            note=persian.clean_text(reason, multiline=True))

    def add_follow_up(self, actor: Actor, referral_id: int, kind: str, day: date,
                      note: str = "") -> None:
        """Record a follow-up (پیگیری) of an open referral: a phone call or a reminder letter."""
        require(actor, "referral.write")
        if kind not in FollowUpKind.__members__.values():
            raise ValidationError({"kind": msg.FOLLOW_UP_KIND_REQUIRED})
        with self.db.write() as s:
            scope.limit(s, actor)
            ref = s.get(Referral, referral_id)
            if ref is None:
                raise NotFound(msg.REFERRAL)
            if ref.status != ReferralStatus.OPEN:
                raise ValidationError({"status": msg.FOLLOW_UP_ONLY_OPEN})
            if day is None or day < ref.letter_date or day > jalali.tehran_today():
                raise ValidationError({"day": msg.FOLLOW_UP_DAY_RANGE})
            ev = ReferralEvent(referral_id=ref.id, kind=kind, day=day,
                               note=persian.clean_text(note, multiline=True),
                               user_id=actor.user_id,
                               created_at=jalali.utc_now())
            s.add(ev)
            s.flush()
            audit.record(s, actor, "referral", ref.id, "follow_up", None,
                         {"kind": kind, "day": day.isoformat(), "note": ev.note})

    def extend(self, actor: Actor, referral_id: int, expected_version: int, extra_days: int,
               reason: str) -> ReferralInfo:
        """Extend (تمدید) an open referral's deadline by working days, with a reason.

        The new deadline counts from the current one (not from today), and no referral is
        extended more often than the office's «max_extensions» setting allows.
        """
        cal = reference.work_calendar(self.db)
        limit = int(reference.settings(self.db)["max_extensions"])

        def apply(s: Session, ref: Referral, _req: Request) -> None:
            errors: dict[str, str] = {}
            if ref.status != ReferralStatus.OPEN:
                errors["status"] = msg.EXTEND_ONLY_OPEN
            elif ref.extensions >= limit:
                errors["extra_days"] = msg.extensions_used_up(limit)
            if not 1 <= extra_days <= MAX_EXTENSION_DAYS:
                errors.setdefault("extra_days", msg.extension_days_range(MAX_EXTENSION_DAYS))
            if not persian.clean_text(reason):
                errors["reason"] = msg.EXTEND_REASON_REQUIRED
            if errors:
                raise ValidationError(errors)
            ref.deadline = cal.add_working_days(ref.deadline, extra_days)
            ref.extensions += 1
            s.add(ReferralEvent(referral_id=ref.id, kind="extension", day=jalali.tehran_today(),
                                note=persian.clean_text(reason, multiline=True),
                                extra_days=extra_days,
                                user_id=actor.user_id, created_at=jalali.utc_now()))

        return self._change(actor, referral_id, expected_version, "extend", apply,
                            note=persian.clean_text(reason, multiline=True))

    def escalate(self, actor: Actor, referral_id: int, expected_version: int,
                 note: str) -> ReferralInfo:
        """Escalate a referral to the inspection directorate (ارجاع به بازرسی) with a note."""

        def apply(_s: Session, ref: Referral, _req: Request) -> None:
            errors: dict[str, str] = {}
            if not persian.clean_text(note):
                errors["note"] = msg.ESCALATION_NOTE_REQUIRED
            if ref.status == ReferralStatus.WITHDRAWN:
                errors["status"] = msg.REFERRAL_WITHDRAWN
            elif ref.escalated:
                errors["status"] = msg.REFERRAL_ALREADY_ESCALATED
            if errors:
                raise ValidationError(errors)
            ref.escalated = True
            ref.escalation_note = persian.clean_text(note, multiline=True)
            ref.escalated_at = jalali.utc_now()
            ref.escalated_by = actor.user_id

        return self._change(actor, referral_id, expected_version, "escalate", apply,
                            note=persian.clean_text(note, multiline=True))

    def follow_up_count(self, referral_id: int) -> int:
        """How many times the office chased this referral."""
        with self.db.read() as s:
            return s.scalar(select(func.count()).select_from(ReferralEvent).where(
                ReferralEvent.referral_id == referral_id, ReferralEvent.kind != "extension")) or 0

    # --- helpers ------------------------------------------------------------------------

    @staticmethod
    def _sync_request_status(s: Session, req: Request) -> None:
        """The request waits on agencies while any referral is open, else it is answered."""
        s.flush()
        open_count = s.scalar(select(func.count()).select_from(Referral).where(
            Referral.request_id == req.id, Referral.status == ReferralStatus.OPEN))
        if open_count:
            req.status = RequestStatus.AWAITING_AGENCY
        elif req.status == RequestStatus.AWAITING_AGENCY:
            req.status = RequestStatus.ANSWERED
            req.answered_at = jalali.utc_now()

    def _change(self, actor: Actor, referral_id: int, expected_version: int, action: str,
                apply: Callable[[Session, Referral, Request], None],
                note: str = "") -> ReferralInfo:
        """One versioned change of a referral; its request is audited too when it changes."""

        def step(w: unit_of_work.Work[Referral]) -> None:
            req = w.session.get(Request, w.row.request_id)
            assert req is not None
            w.track(req, "request", "referral_" + action)
            apply(w.session, w.row, req)
            # A referral or request no longer open ends its pause (issue 13 part 5).
            pause_rules.settle(w.session, actor, req, req.status in OPEN_STATUSES, w.row,
                               w.row.status == ReferralStatus.OPEN)

        def result(w: unit_of_work.Work[Referral]) -> ReferralInfo:
            agency = w.session.get(Agency, w.row.agency_id)
            return referral_info(w.row, agency.name if agency else "", jalali.tehran_today())

        return unit_of_work.change(self.db, actor, REFERRAL, referral_id, expected_version,
                                   action, step, result, note=note, autoflush=True)
