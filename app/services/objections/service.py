"""Objection use cases: record a citizen's objection to an answer, and decide it (once).

Who may do what (context.py, and roles.py on the server):
- recording: the desk (operators, managers, administrators), on a closed request within the
  office's window (`objection_window_days` calendar days after the closing, Tehran days);
- deciding: the inspection directorate (inspectors), managers and administrators.

Recording reopens the request (its own audit trail names the reason). Upholding reopens the
agencies' answered referrals (open again, graded inadequate, a fresh deadline) or, for the
office's direct answer, the request itself with a fresh answer deadline: the clerk or the agency
must answer again, and the request is closed again as usual. Rejecting needs a reason and closes
the request again as it was closed before.

While an objection awaits its decision the desk may still answer or refer the reopened request
(only closing waits): the citizen is owed an answer whatever the inspection decides, and a
referral made meanwhile is the case moving on, which a rejection then may not undo
(OBJECTION_CASE_MOVED_ON). So answering and referring are deliberately not refused here.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import NotFound, ValidationError
from app.models import Agency, Objection, ObjectionOutcome, Referral, Request, User
from app.models.database import Database
from app.models.enums import AnswerGrade, ReferralStatus, RequestStatus, Resolution
from app.services.core import audit, jalali, persian, reference, scope, unit_of_work
from app.services.core import messages as msg
from app.services.core.context import Actor
from app.services.core.office.service import read_value
from app.services.objections.dto import ObjectionInfo, RequestObjections

TEXT_MAX = 4000
WINDOW_KEY = "objection_window_days"
DIRECT_ANSWER = "پاسخ مستقیم دفتر"

OBJECTION = unit_of_work.Entity(Objection, "objection", msg.OBJECTION, msg.THIS_OBJECTION,
                                "objection.decide")
# Recording changes the request (reopens it), under the recording permission.
OBJECTING = unit_of_work.Entity(Request, "request", msg.REQUEST, msg.THIS_REQUEST,
                                "objection.record")


def last_day(closed_at: datetime, days: int) -> date:
    """The last Tehran day on which the answer of a request closed at `closed_at` may be
    objected to: the closing day plus `days` calendar days (the whole of that day)."""
    return jalali.to_tehran(closed_at).date() + timedelta(days=days)


def window_days(s: Session) -> int:
    """The office's objection window, in calendar days."""
    return int(read_value(s, WINDOW_KEY))


def pending_on(s: Session, request_id: int) -> bool:
    """True while an objection to the request awaits its decision (closing waits for it)."""
    return s.scalar(select(Objection.id).where(
        Objection.request_id == request_id,
        Objection.outcome == ObjectionOutcome.PENDING).limit(1)) is not None


def refusal(s: Session, req: Request, days: int) -> str | None:
    """Why no objection to the request's answer may be recorded today (Persian), or None."""
    if req.status != RequestStatus.CLOSED or req.closed_at is None:
        return msg.OBJECTION_ONLY_CLOSED
    last = last_day(req.closed_at, days)
    if jalali.tehran_today() > last:
        return msg.objection_window_over(jalali.format_jalali(last), days)
    same = s.scalar(select(Objection.id).where(Objection.request_id == req.id,
                                               Objection.closed_at_before == req.closed_at))
    return msg.OBJECTION_SAME_ANSWER if same is not None else None


def _clean(text: str, field: str, required: str | None) -> tuple[str, dict[str, str]]:
    """The cleaned text, and its error when required and empty or too long."""
    cleaned = persian.clean_text(text, multiline=True)
    if required and not cleaned:
        return cleaned, {field: required}
    if len(cleaned) > TEXT_MAX:
        return cleaned, {field: msg.objection_text_too_long(TEXT_MAX)}
    return cleaned, {}


def _answer_of(s: Session, req: Request) -> tuple[str, int | None]:
    """What is objected to: the agencies' answer (the newest answered referral's agency) or
    the office's direct answer."""
    if req.resolution == Resolution.REFERRED:
        agency_id = s.scalar(select(Referral.agency_id).where(
            Referral.request_id == req.id, Referral.status == ReferralStatus.ANSWERED)
            .order_by(Referral.response_date.desc(), Referral.id.desc()).limit(1))
        if agency_id is not None:
            return Resolution.REFERRED, agency_id
    return Resolution.DIRECT, None


def _names(s: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = sorted(i for i in ids if i is not None)
    if not wanted:
        return {}
    return {uid: (full or uname or "").strip() or uname for uid, uname, full in s.execute(
        select(User.id, User.username, User.full_name).where(User.id.in_(wanted)))}


def infos(s: Session, objections: list[Objection],
          reopened: tuple[int, ...] = ()) -> list[ObjectionInfo]:
    """Plain data of objection rows, read in the caller's session."""
    if not objections:
        return []
    names = _names(s, {o.recorded_by for o in objections} | {o.decided_by for o in objections})
    agencies = dict(s.execute(select(Agency.id, Agency.name).where(
        Agency.id.in_({o.agency_id for o in objections if o.agency_id is not None}))).all())
    codes = dict(s.execute(select(Request.id, Request.tracking_code).where(
        Request.id.in_({o.request_id for o in objections}))).all())
    out = []
    for o in objections:
        answer = (f"پاسخ {agencies[o.agency_id]}" if o.agency_id in agencies else DIRECT_ANSWER)
        out.append(ObjectionInfo(
            id=o.id, version=o.version, request_id=o.request_id,
            tracking_code=codes.get(o.request_id, ""), reason=o.reason,
            recorded_at=o.recorded_at, recorded_by=names.get(o.recorded_by or 0, ""),
            answer_kind=o.answer_kind, answer_label=answer, outcome=o.outcome,
            outcome_label=ObjectionOutcome(o.outcome).label, decision_note=o.decision_note or "",
            decided_at=o.decided_at, decided_by=names.get(o.decided_by or 0, ""),
            reopened_referrals=reopened))
    return out


class ObjectionService:
    """Use cases on objections; each call is one short transaction and returns plain data."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- reading -------------------------------------------------------------------------

    def of_request(self, request_id: int, actor: Actor | None = None) -> RequestObjections:
        """A request's objections, newest first, and whether one may be recorded today."""
        with scope.read(self.db, actor) as s:
            req = s.get(Request, request_id)
            if req is None:
                raise NotFound(msg.REQUEST)
            rows = list(s.scalars(select(Objection).where(Objection.request_id == request_id)
                                  .order_by(Objection.id.desc())))
            days = window_days(s)
            last = (last_day(req.closed_at, days)
                    if req.status == RequestStatus.CLOSED and req.closed_at else None)
            problem = refusal(s, req, days)
            return RequestObjections(request_id, infos(s, rows), last, problem is None,
                                     problem or "")

    def get(self, objection_id: int, actor: Actor | None = None) -> ObjectionInfo:
        """One objection (NotFound outside the actor's counties)."""
        with scope.read(self.db, actor) as s:
            o = s.get(Objection, objection_id)
            if o is None:
                raise NotFound(msg.OBJECTION)
            return infos(s, [o])[0]

    def count_pending(self, actor: Actor | None = None) -> int:
        """Objections awaiting a decision (in the actor's counties)."""
        with scope.read(self.db, actor) as s:
            return s.scalar(select(func.count()).select_from(Objection).where(
                Objection.outcome == ObjectionOutcome.PENDING)) or 0

    # --- writing -------------------------------------------------------------------------

    def record(self, actor: Actor, request_id: int, expected_version: int,
               reason: str) -> ObjectionInfo:
        """Record the citizen's objection to a closed request's answer; the request reopens."""
        text, errors = _clean(reason, "reason", msg.OBJECTION_REASON_REQUIRED)
        made: list[Objection] = []

        def apply(w: unit_of_work.Work[Request]) -> None:
            s, req = w.session, w.row
            problem = refusal(s, req, window_days(s))
            if problem:
                errors["status"] = problem
            if errors:
                raise ValidationError(errors)
            kind, agency_id = _answer_of(s, req)
            obj = Objection(request_id=req.id, reason=text, recorded_at=jalali.utc_now(),
                            recorded_by=actor.user_id, closed_at_before=req.closed_at,
                            answer_kind=kind, agency_id=agency_id)
            s.add(obj)
            w.created(obj, "objection")
            req.status = RequestStatus.REOPENED
            req.closed_at = None
            made.append(obj)

        return unit_of_work.change(
            self.db, actor, OBJECTING, request_id, expected_version, "objection", apply,
            lambda w: infos(w.session, made)[0], note=text)

    def uphold(self, actor: Actor, objection_id: int, expected_version: int,
               note: str = "") -> ObjectionInfo:
        """Uphold the objection: the agencies or the office must answer again."""
        return self._decide(actor, objection_id, expected_version, True, note)

    def reject(self, actor: Actor, objection_id: int, expected_version: int,
               reason: str) -> ObjectionInfo:
        """Reject the objection with a reason: the request is closed again as it was."""
        return self._decide(actor, objection_id, expected_version, False, reason)

    def _decide(self, actor: Actor, objection_id: int, expected_version: int, upheld: bool,
                note: str) -> ObjectionInfo:
        """Decide once; the request (and referrals) change in the same transaction."""
        text, errors = _clean(note, "note", None if upheld else msg.OBJECTION_REJECT_REASON_REQUIRED)
        cal = reference.work_calendar(self.db)
        action = "uphold" if upheld else "reject"
        reopened: list[int] = []

        def apply(w: unit_of_work.Work[Objection]) -> None:
            s, obj = w.session, w.row
            req = s.get(Request, obj.request_id)
            if req is None:
                raise NotFound(msg.REQUEST)
            if obj.outcome != ObjectionOutcome.PENDING:
                errors["status"] = msg.OBJECTION_ALREADY_DECIDED
            elif not upheld and s.scalar(select(Referral.id).where(
                    Referral.request_id == req.id, Referral.status == ReferralStatus.OPEN)
                    .limit(1)) is not None:
                errors["status"] = msg.OBJECTION_CASE_MOVED_ON
            if errors:
                raise ValidationError(errors)
            obj.outcome = ObjectionOutcome.UPHELD if upheld else ObjectionOutcome.REJECTED
            obj.decision_note = text
            obj.decided_at = jalali.utc_now()
            obj.decided_by = actor.user_id
            # The decision first: on PostgreSQL its transaction is what lets an inspector's
            # login change this request (app.models.server.objections).
            s.flush()
            before = audit.snapshot(req)
            if upheld:
                refs = self._reopen_answer(s, req, cal)
            else:
                refs = []
                req.status = RequestStatus.CLOSED
                req.closed_at = obj.closed_at_before
            ref_before = {r.id: audit.snapshot(r) for r in refs}
            if upheld:
                self._reopen_referrals(s, refs, cal)
            s.flush()
            audit.record(s, actor, "request", req.id, action, before,
                         {**audit.snapshot(req), "note": text})
            for r in refs:
                audit.record(s, actor, "referral", r.id, action, ref_before[r.id],
                             {**audit.snapshot(r), "note": text})
            reopened.extend(r.id for r in refs)

        return unit_of_work.change(
            self.db, actor, OBJECTION, objection_id, expected_version, action, apply,
            lambda w: infos(w.session, [w.row], tuple(reopened))[0], note=text)

    # --- helpers ------------------------------------------------------------------------

    @staticmethod
    def _reopen_answer(s: Session, req: Request, cal: jalali.WorkCalendar) -> list[Referral]:
        """Reopen what answered the citizen: the answered referrals (returned, reopened by
        _reopen_referrals), or else the office's direct answer with a fresh deadline."""
        refs = list(s.scalars(select(Referral).where(
            Referral.request_id == req.id, Referral.status == ReferralStatus.ANSWERED)
            .order_by(Referral.id)))
        if req.resolution == Resolution.REFERRED and refs:
            req.status = RequestStatus.AWAITING_AGENCY
            return refs
        days = int(read_value(s, "request_answer_days"))
        req.status = RequestStatus.REOPENED
        req.deadline = cal.add_working_days(jalali.tehran_today(), days)
        return []

    @staticmethod
    def _reopen_referrals(s: Session, refs: list[Referral], cal: jalali.WorkCalendar) -> None:
        """Each referral is open again, its answer graded inadequate, with a fresh deadline."""
        default = int(read_value(s, "referral_answer_days"))
        today = jalali.tehran_today()
        for ref in refs:
            agency = s.get(Agency, ref.agency_id)
            days = (agency.answer_days if agency else None) or default
            ref.status = ReferralStatus.OPEN
            ref.grade = AnswerGrade.INADEQUATE
            ref.deadline = cal.add_working_days(today, days)
