"""Satisfaction calls: the list to work through, and recording each phone call (audited)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.errors import ConflictError, NotFound, ValidationError
from app.models import Citizen, County, Request
from app.models.database import Database
from app.models.enums import RequestStatus
from app.models.satisfaction_call import (
    MAX_ATTEMPTS,
    CallOutcome,
    SatisfactionCall,
    SatisfactionCallAttempt,
)
from app.services.calls.dto import (
    DUE,
    TODAY,
    VIEWS,
    CallAnswer,
    CallFilter,
    CallPage,
    CallResult,
    CallRow,
)
from app.services.calls.rules import in_sample_sql
from app.services.core import audit, jalali, persian, scope
from app.services.core import messages as msg
from app.services.core.context import Actor, require
from app.services.core.office.service import read_value

COMMENT_MAX = 1000
NOT_CALLED = "تماس گرفته نشده"


def call_note(call: SatisfactionCall, reached: bool) -> str:
    """The line of the request's history that tells what the call found."""
    fa = persian.to_persian_digits
    if reached:
        solved = "مشکل حل شد" if call.solved else "مشکل حل نشد"
        text = f"پاسخ داد؛ رضایت {fa(call.score)} از ۵؛ {solved}"
    elif call.outcome == CallOutcome.NO_ANSWER:
        text = f"پاسخ نداد (تلاش {fa(call.attempts)} از {fa(MAX_ATTEMPTS)}؛ از فهرست بیرون رفت)"
    else:
        text = f"پاسخ نداد (تلاش {fa(call.attempts)} از {fa(MAX_ATTEMPTS)})"
    return text + (f"؛ {call.comment}" if reached and call.comment else "")


class CallService:
    """The call list (anyone may read it) and the calls operators and managers record."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- the list ---------------------------------------------------------------------------

    def _query(self, s: Session, f: CallFilter) -> tuple[Select, list]:
        """Ids of the requests a filter lists, and their order."""
        if f.view not in VIEWS:
            raise ValidationError({"view": msg.CALL_VIEW_INVALID})
        today = jalali.tehran_today()
        c = SatisfactionCall
        if f.view == DUE:
            percent = int(read_value(s, "calls_sample_percent"))
            window = int(read_value(s, "calls_window_days"))
            since = jalali.utc_now() - timedelta(days=window)
            q = (select(Request.id)
                 .join(Citizen, Citizen.id == Request.citizen_id)
                 .outerjoin(c, c.request_id == Request.id)
                 # `status || ''` keeps the status index out: the closings of the window, read
                 # in order from ix_request_closed_at, are far fewer than all closed requests.
                 .where((Request.status + "") == RequestStatus.CLOSED.value,
                        Request.closed_at >= since,
                        Citizen.mobile.is_not(None), Citizen.mobile != "",
                        in_sample_sql(Request.id, percent),
                        or_(c.id.is_(None),
                            and_(c.outcome == CallOutcome.PENDING, c.last_attempt_day < today))))
            # The oldest closing first: it leaves the list soonest.
            order = [Request.closed_at.asc(), Request.id.asc()]
        elif f.view == TODAY:
            q = select(Request.id).join(c, c.request_id == Request.id).where(
                c.last_attempt_day == today)
            order = [c.id.desc()]
        else:
            q = select(Request.id).join(c, c.request_id == Request.id).where(
                c.outcome.in_([CallOutcome.REACHED, CallOutcome.NO_ANSWER]))
            order = [c.finished_at.desc(), c.id.desc()]
        if f.county_id is not None:
            q = q.where(Request.county_id == f.county_id)
        return q, order

    def page(self, f: CallFilter, offset: int = 0, limit: int = 200, with_total: bool = True,
             actor: Actor | None = None) -> CallPage:
        """One page of the call list (the actor's counties only), paged in the database."""
        with scope.read(self.db, actor) as s:
            q, order = self._query(s, f)
            ids = list(s.scalars(q.order_by(*order).offset(offset).limit(limit)))
            total = (s.scalar(select(func.count()).select_from(q.subquery())) or 0
                     if with_total else -1)
            return CallPage(self._rows(s, ids), total, offset)

    def rows(self, request_ids: list[int], actor: Actor | None = None) -> list[CallRow]:
        """The current rows of some requests (those gone from sight are left out)."""
        with scope.read(self.db, actor) as s:
            return self._rows(s, request_ids)

    def row(self, request_id: int, actor: Actor | None = None) -> CallRow:
        """One request's call row (NotFound outside the actor's counties)."""
        found = self.rows([request_id], actor)
        if not found:
            raise NotFound(msg.REQUEST)
        return found[0]

    @staticmethod
    def _rows(s: Session, ids: list[int]) -> list[CallRow]:
        """Rows of some requests, in the order of the ids."""
        if not ids:
            return []
        c = SatisfactionCall
        data = {r[0]: r for r in s.execute(
            select(Request.id, Request.tracking_code, Request.subject, Request.answer_text,
                   Request.actions_taken, Request.closed_at, Request.satisfaction,
                   Citizen.first_name, Citizen.last_name, Citizen.mobile, County.name,
                   c.version, c.attempts, c.last_attempt_day, c.outcome, c.score, c.solved,
                   c.comment)
            .outerjoin(Citizen, Citizen.id == Request.citizen_id)
            .outerjoin(County, County.id == Request.county_id)
            .outerjoin(c, c.request_id == Request.id)
            .where(Request.id.in_(ids))
        ).all()}
        out = []
        for rid in ids:
            if rid not in data:
                continue
            (_id, code, subject, answer, actions, closed_at, sat, first, last, mobile, county,
             version, attempts, last_day, outcome, score, solved, comment) = data[rid]
            out.append(CallRow(
                request_id=rid, call_version=version or 0, tracking_code=code, subject=subject,
                citizen=f"{first or ''} {last or ''}".strip(), mobile=mobile or "",
                answer=(answer or actions or "").strip(), county=county or "",
                closed_at=closed_at, closing_satisfaction=sat, attempts=attempts or 0,
                last_attempt_day=last_day, outcome=outcome,
                outcome_label=CallOutcome(outcome).label if outcome else NOT_CALLED,
                score=score, solved=solved, comment=comment or ""))
        return out

    # --- recording a call ------------------------------------------------------------------

    @staticmethod
    def _check(answer: CallAnswer) -> str:
        """The cleaned comment; ValidationError (Persian, by field) for a bad answer."""
        comment = persian.clean_text(answer.comment, multiline=True)
        errors: dict[str, str] = {}
        if answer.reached:
            if answer.score is None or not 1 <= answer.score <= 5:
                errors["score"] = msg.CALL_SCORE_REQUIRED
            if answer.solved is None:
                errors["solved"] = msg.CALL_SOLVED_REQUIRED
        elif answer.score is not None or answer.solved is not None:
            errors["score"] = msg.CALL_SCORE_WHEN_UNREACHED
        if len(comment) > COMMENT_MAX:
            errors["comment"] = msg.call_comment_too_long(COMMENT_MAX)
        if errors:
            raise ValidationError(errors)
        return comment

    def record(self, actor: Actor, request_id: int, expected_version: int,
               answer: CallAnswer) -> CallResult:
        """Record one phone call to the citizen of a closed request.

        `expected_version` is the call's version the desk saw (0: not called yet). One attempt
        a Tehran day; a reached call, or the third unreached one, finishes the call.
        """
        require(actor, "calls.write")
        comment = self._check(answer)
        try:
            with self.db.write() as s:
                return self._record(s, actor, request_id, expected_version, answer, comment)
        except StaleDataError as exc:
            raise ConflictError(msg.THIS_CALL) from exc
        except IntegrityError as exc:
            # Writers are serialised, so only a desk that skipped the checks meets this.
            raise ConflictError(msg.THIS_CALL) from exc

    def _record(self, s: Session, actor: Actor, request_id: int, expected_version: int,
                answer: CallAnswer, comment: str) -> CallResult:
        scope.limit(s, actor)  # a request outside the actor's counties is not found
        req = s.get(Request, request_id)
        if req is None:
            raise NotFound(msg.REQUEST)
        if req.status != RequestStatus.CLOSED:
            raise ValidationError({"status": msg.CALL_REQUEST_NOT_CLOSED})
        citizen = s.get(Citizen, req.citizen_id) if req.citizen_id else None
        if citizen is None or not citizen.mobile:
            raise ValidationError({"mobile": msg.CALL_NO_MOBILE})
        today, now = jalali.tehran_today(), jalali.utc_now()
        call = s.scalar(select(SatisfactionCall).where(SatisfactionCall.request_id == request_id))
        # The rules first (they say why), then the version (someone else got there first).
        if call is not None and call.outcome != CallOutcome.PENDING:
            raise ValidationError({"outcome": msg.CALL_FINISHED})
        if call is not None and call.last_attempt_day == today:
            raise ValidationError({"day": msg.CALL_SAME_DAY})
        if (call.version if call is not None else 0) != expected_version:
            raise ConflictError(msg.THIS_CALL)
        before = audit.snapshot(call) if call is not None else None
        if call is None:
            call = SatisfactionCall(request_id=request_id, outcome=CallOutcome.PENDING,
                                    attempts=0, comment="", created_at=now)
            s.add(call)
        call.attempts += 1
        call.last_attempt_day = today
        call.caller_id = actor.user_id
        if comment:
            call.comment = comment
        if answer.reached:
            call.outcome, call.score, call.solved = CallOutcome.REACHED, answer.score, answer.solved
            call.finished_at = now
        elif call.attempts >= MAX_ATTEMPTS:
            call.outcome, call.finished_at = CallOutcome.NO_ANSWER, now
        s.flush()
        s.add(SatisfactionCallAttempt(call_id=call.id, request_id=request_id, at=now, day=today,
                                      reached=answer.reached, note=comment,
                                      caller_id=actor.user_id))
        s.flush()
        note = call_note(call, answer.reached)
        after = audit.snapshot(call) | {"note": note}
        audit.record(s, actor, "request", request_id, "call", before, after)
        return CallResult(request_id, call.version, call.outcome,
                          CallOutcome(call.outcome).label, call.attempts, note)

