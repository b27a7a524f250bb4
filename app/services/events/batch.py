"""Batch actions on an inbox selection: assign, mark deep-rooted, refer many to one agency.

Each action is one transaction: every request of the selection changes, or none does (a closed
one, a stale one or one out of the actor's counties refuses the whole batch). One exception:
referring many skips a request whose citizen's objection awaits the
inspection, and names it. Referring many
takes the secretariat's numbers in the same transaction: either one number per request,
consecutive, or one number for a covering letter whose annex lists them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.models import Agency, Referral, Request, User
from app.models.database import Database
from app.models.enums import LetterKind, ReferralStatus, RequestStatus, Resolution
from app.services.core import audit, jalali, reference, scope
from app.services.core import messages as msg
from app.services.core.context import Actor, require
from app.services.events import words
from app.services.events.dto import BatchResult
from app.services.events.service import check_requests
from app.services.letters import numbering, official
from app.services.objections.pending import pending_condition
from app.services.referrals.service import _validate_letter


def _objected(s: Session, rows: Sequence[Request]) -> set[int]:
    """The requests among `rows` whose objection awaits the inspection's decision."""
    return set(s.scalars(select(Request.id).where(Request.id.in_([r.id for r in rows]),
                                                  pending_condition())))


def _refuse_closed(rows: Sequence[Request]) -> None:
    closed = [r.tracking_code for r in rows if r.status == RequestStatus.CLOSED]
    if closed:
        raise ValidationError({"request_ids": words.some_closed(closed)})


class BatchActionService:
    """Use cases on many requests at once; one transaction per call."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def _run(self, actor: Actor, permission: str, ids: Sequence[int], action: str,
             apply: callable, skip: callable = None) -> tuple[list[int], object]:  # type: ignore[valid-type]
        """Lock the selection, apply, flush (versions move by one), audit each request.

        `skip(session, rows)` names requests left as they are (the rest are applied to).
        """
        require(actor, permission)
        with self.db.write() as s:
            scope.limit(s, actor)
            rows = check_requests(s, ids)
            if skip is not None:
                skipped = skip(s, rows)
                rows = [r for r in rows if r.id not in skipped]
            before = {r.id: audit.snapshot(r) for r in rows}
            with s.no_autoflush:
                extra = apply(s, rows)
            s.flush()
            for r in rows:
                audit.record(s, actor, "request", r.id, action, before[r.id], audit.snapshot(r))
            return [r.id for r in rows], extra

    def assign(self, actor: Actor, request_ids: Sequence[int],
               assignee_id: int | None) -> BatchResult:
        """Give every selected request to one staff member (None: take them back)."""

        def apply(s: Session, rows: list[Request]) -> None:
            if assignee_id is not None:
                user = s.get(User, assignee_id)
                if user is None or not user.active:
                    raise ValidationError({"assignee_id": msg.ASSIGNEE_INACTIVE})
            for r in rows:
                r.assignee_id = assignee_id
                if r.status == RequestStatus.NEW:
                    r.status = RequestStatus.IN_REVIEW

        ids, _ = self._run(actor, "request.write", request_ids, "assign", apply)
        return BatchResult(ids)

    def mark_deep_rooted(self, actor: Actor, request_ids: Sequence[int],
                         deep_rooted: bool = True) -> BatchResult:
        """Flag (or unflag) every selected request as a deep-rooted case."""

        def apply(_s: Session, rows: list[Request]) -> None:
            for r in rows:
                r.deep_rooted = deep_rooted

        ids, _ = self._run(actor, "request.write", request_ids, "deep_rooted", apply)
        return BatchResult(ids)

    def refer(self, actor: Actor, request_ids: Sequence[int], agency_id: int,
              letter_date: date | None = None, covering: bool = False,
              working_days: int | None = None) -> BatchResult:
        """Refer every selected request to one agency.

        `covering` False: each referral its own letter, numbers consecutive from the office's
        pattern. True: one covering letter (one number) for all, its annex listing them.
        """
        day = letter_date or jalali.tehran_today()
        cal = reference.work_calendar(self.db)
        default_days = int(reference.settings(self.db)["referral_answer_days"])

        skipped: list[str] = []

        def pending(s: Session, rows: list[Request]) -> set[int]:
            # A batch is referred without a look at each case: a referral made while the
            # inspection weighs an objection would bar its rejection (OBJECTION_CASE_MOVED_ON),
            # so those are left for the clerk to refer one by one.
            objected = _objected(s, rows)
            skipped.extend(r.tracking_code for r in rows if r.id in objected)
            if objected and len(objected) == len(rows):
                raise ValidationError({"request_ids": words.all_objected(skipped)})
            return objected

        def apply(s: Session, rows: list[Request]) -> list[str]:
            agency = s.get(Agency, agency_id)
            if agency is None:
                raise ValidationError({"agency_id": words.AGENCY_REQUIRED})
            _refuse_closed(rows)
            for r in rows:
                errors = _validate_letter("", day, jalali.to_tehran(r.received_at).date(),
                                          automatic=True)
                if errors:
                    raise ValidationError(errors)
            days = working_days or agency.answer_days or default_days
            if not 1 <= days <= 365:
                raise ValidationError({"working_days": msg.REFERRAL_DAYS_RANGE})
            numbers = numbering.issue(s, day, 1 if covering else len(rows))
            deadline = cal.add_working_days(day, days)
            copies = "\n".join(official.office_copies(s))
            refs = []
            for i, r in enumerate(rows):
                number = numbers[0 if covering else i]
                ref = Referral(request_id=r.id, agency_id=agency.id, letter_no=number.letter_no,
                               letter_date=day, deadline=deadline, status=ReferralStatus.OPEN,
                               directive=False, created_at=jalali.utc_now(),
                               created_by=actor.user_id, copies=copies)
                s.add(ref)
                refs.append(ref)
                r.status = RequestStatus.AWAITING_AGENCY
                r.resolution = Resolution.REFERRED
            s.flush()
            # The register holds each number once: the covering letter under its first referral.
            for number, ref in zip(numbers, refs, strict=False):
                numbering.register(s, number, LetterKind.REFERRAL, ref.id, day, actor.user_id)
            for ref in refs:
                audit.record(s, actor, "referral", ref.id, "create", None, audit.snapshot(ref))
            return [n.letter_no for n in numbers]

        ids, numbers = self._run(actor, "referral.write", request_ids, "refer", apply, pending)
        return BatchResult(ids, list(numbers), skipped)  # type: ignore[arg-type]

    def write_covering_pdf(self, letter_no: str, out: Path) -> int:
        """Write the covering letter numbered `letter_no` with its annex table; returns pages."""
        from app.services.events.covering import write_covering_pdf

        return write_covering_pdf(self.db, letter_no, out)
