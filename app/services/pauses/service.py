"""Pause and resume a case's deadline while the citizen owes papers, and read its pauses.

Each call is one versioned change of the request or referral (unit_of_work.change): a second
desk working from the same version gets the conflict message, and the audit trail keeps the
reason as the timeline's note. The arithmetic is in rules.py.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from app.errors import NotFound, ValidationError
from app.models import Agency, ClockPause, Referral, Request
from app.models.database import Database
from app.models.enums import ReferralStatus, RequestStatus
from app.services.core import audit, jalali, persian, reference, scope, unit_of_work
from app.services.core import messages as msg
from app.services.core.context import Actor
from app.services.pauses import queries, rules
from app.services.pauses.dto import PauseInfo, ReferralClock, RequestClock
from app.services.referrals.service import REFERRAL
from app.services.requests.service import OPEN_STATUSES, REQUEST

REASON_MAX = 500


def _reason(text: str, message: str) -> str:
    """The cleaned reason, or a ValidationError on the «reason» field."""
    cleaned = persian.clean_text(text, multiline=True)
    if not cleaned:
        raise ValidationError({"reason": message})
    if len(cleaned) > REASON_MAX:
        raise ValidationError({"reason": msg.PAUSE_REASON_TOO_LONG})
    return cleaned


class PauseService:
    """Use cases of the stopped clock; each call is one short transaction, plain data out."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- the request's own deadline -----------------------------------------------------

    def pause_request(self, actor: Actor, request_id: int, expected_version: int,
                      reason: str) -> RequestClock:
        """Stop an open request's deadline: it waits «در انتظار مدارک شهروند»."""

        def apply(w: unit_of_work.Work[Request]) -> None:
            req = w.row
            if req.status == RequestStatus.CLOSED:
                raise ValidationError({"status": msg.PAUSE_REQUEST_CLOSED})
            if req.status not in OPEN_STATUSES:
                raise ValidationError({"status": msg.PAUSE_REQUEST_NOT_OPEN})
            if req.deadline is None:
                raise ValidationError({"status": msg.PAUSE_NO_DEADLINE})
            if rules.running_pause(w.session, req.id, None) is not None:
                raise ValidationError({"status": msg.ALREADY_PAUSED})
            self._start(w, actor, req.id, None, _reason(reason, msg.PAUSE_REASON_REQUIRED))
            flag_modified(req, "deadline")  # the version moves: a second desk must re-read

        return unit_of_work.change(self.db, actor, REQUEST, request_id, expected_version,
                                   "pause", apply, lambda w: self._request_clock(w.session, w.row),
                                   note=persian.clean_text(reason, multiline=True))

    def resume_request(self, actor: Actor, request_id: int, expected_version: int,
                       reason: str) -> RequestClock:
        """Start a paused request's deadline again; it moves by the working days stopped."""

        def apply(w: unit_of_work.Work[Request]) -> None:
            req = w.row
            pause = rules.running_pause(w.session, req.id, None)
            if pause is None:
                raise ValidationError({"status": msg.NOT_PAUSED})
            text = _reason(reason, msg.RESUME_REASON_REQUIRED)
            w.track(pause, "clock_pause", "resume")
            cal = reference.work_calendar_in(w.session)
            req.deadline = rules.end_pause(w.session, actor, pause, cal, req.deadline, text)
            flag_modified(req, "deadline")

        return unit_of_work.change(self.db, actor, REQUEST, request_id, expected_version,
                                   "resume", apply, lambda w: self._request_clock(w.session, w.row),
                                   note=persian.clean_text(reason, multiline=True))

    # --- a referral's deadline ------------------------------------------------------------

    def pause_referral(self, actor: Actor, referral_id: int, expected_version: int,
                       reason: str) -> ReferralClock:
        """Stop an open referral's deadline while the citizen owes the agency papers."""

        def apply(w: unit_of_work.Work[Referral]) -> None:
            ref = w.row
            if ref.status != ReferralStatus.OPEN:
                raise ValidationError({"status": msg.PAUSE_REFERRAL_NOT_OPEN})
            if rules.running_pause(w.session, ref.request_id, ref.id) is not None:
                raise ValidationError({"status": msg.ALREADY_PAUSED})
            text = _reason(reason, msg.PAUSE_REASON_REQUIRED)
            self._start(w, actor, ref.request_id, ref.id, text)
            flag_modified(ref, "deadline")

        return unit_of_work.change(self.db, actor, REFERRAL, referral_id, expected_version,
                                   "pause", apply, self._referral_result(actor, "referral_pause",
                                                                         reason),
                                   note=persian.clean_text(reason, multiline=True))

    def resume_referral(self, actor: Actor, referral_id: int, expected_version: int,
                        reason: str) -> ReferralClock:
        """Start a paused referral's deadline again; it moves by the working days stopped."""

        def apply(w: unit_of_work.Work[Referral]) -> None:
            ref = w.row
            pause = rules.running_pause(w.session, ref.request_id, ref.id)
            if pause is None:
                raise ValidationError({"status": msg.NOT_PAUSED})
            text = _reason(reason, msg.RESUME_REASON_REQUIRED)
            w.track(pause, "clock_pause", "resume")
            cal = reference.work_calendar_in(w.session)
            moved = rules.end_pause(w.session, actor, pause, cal, ref.deadline, text)
            assert moved is not None
            ref.deadline = moved
            flag_modified(ref, "deadline")

        return unit_of_work.change(self.db, actor, REFERRAL, referral_id, expected_version,
                                   "resume", apply, self._referral_result(actor, "referral_resume",
                                                                          reason),
                                   note=persian.clean_text(reason, multiline=True))

    # --- reading ---------------------------------------------------------------------------

    def request_clock(self, request_id: int, actor: Actor | None = None) -> RequestClock:
        """A request's deadline, pause state and own pauses (NotFound outside the scope)."""
        with scope.read(self.db, actor) as s:
            req = s.get(Request, request_id)
            if req is None:
                raise NotFound(msg.REQUEST)
            return self._request_clock(s, req)

    def referral_clock(self, referral_id: int, actor: Actor | None = None) -> ReferralClock:
        """A referral's deadline, pause state and pauses (NotFound outside the scope)."""
        with scope.read(self.db, actor) as s:
            ref = s.get(Referral, referral_id)
            if ref is None:
                raise NotFound(msg.REFERRAL)
            return self._referral_clock(s, ref)

    def pauses_of_request(self, request_id: int, actor: Actor | None = None) -> list[PauseInfo]:
        """Every pause of a request and of its referrals, newest first."""
        with scope.read(self.db, actor) as s:
            if s.get(Request, request_id) is None:
                raise NotFound(msg.REQUEST)
            return queries.pause_infos(s, ClockPause.request_id == request_id)

    # --- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _start(w: unit_of_work.Work, actor: Actor, request_id: int, referral_id: int | None,
               reason: str) -> None:
        pause = ClockPause(request_id=request_id, referral_id=referral_id,
                           started_on=jalali.tehran_today(), started_at=jalali.utc_now(),
                           started_by=actor.user_id, start_reason=reason, end_reason="",
                           paused_days=0)
        w.session.add(pause)
        w.created(pause, "clock_pause")

    def _referral_result(self, actor: Actor, action: str,
                         reason: str) -> Callable[[unit_of_work.Work[Referral]], ReferralClock]:
        """The referral's clock, after putting the pause or resume on its request's history."""

        def result(w: unit_of_work.Work[Referral]) -> ReferralClock:
            s, ref = w.session, w.row
            agency = s.get(Agency, ref.agency_id)
            note = persian.clean_text(reason, multiline=True)
            audit.record(s, actor, "request", ref.request_id, action, None,
                         {"referral_id": ref.id, "note": f"{agency.name if agency else ''}: {note}"})
            return self._referral_clock(s, ref)

        return result

    @staticmethod
    def _request_clock(s: Session, req: Request) -> RequestClock:
        return queries.request_clock(s, req, req.status in OPEN_STATUSES)

    @staticmethod
    def _referral_clock(s: Session, ref: Referral) -> ReferralClock:
        return queries.referral_clock(s, ref)
