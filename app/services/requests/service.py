"""Request use cases: register, edit, assign, answer, mark deep-rooted, close and reopen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import NotFound, ValidationError
from app.models import Agency, Citizen, County, Event, Referral, Request, User
from app.models.database import Database
from app.models.enums import (
    Channel,
    Priority,
    ReferralStatus,
    RequestStatus,
    RequestType,
    Resolution,
)
from app.services.core import audit, jalali, persian, scope, unit_of_work
from app.services.core import messages as msg
from app.services.core.context import Actor, require
from app.services.objections.pending import PENDING_LABEL
from app.services.objections.service import pending_on as objection_pending
from app.services.pauses import queries as pause_queries
from app.services.pauses import rules as pause_rules
from app.services.requests import citizens, receipt, repeats
from app.services.requests.dto import (
    CitizenInfo,
    EarlierRequest,
    NewRequest,
    ReferralInfo,
    RequestDetail,
    RequestDossier,  # noqa: F401
)
from app.services.requests.intake_refs import IntakeRefs, intake_refs
from app.services.requests.tracking import make_tracking_code, reserve_request_ids
from app.services.sms import outbox as sms_outbox
from app.services.sms import rules as sms

OPEN_STATUSES = (
    RequestStatus.NEW, RequestStatus.IN_REVIEW, RequestStatus.REFERRED,
    RequestStatus.AWAITING_AGENCY, RequestStatus.REOPENED,
)
REQUEST = unit_of_work.Entity(Request, "request", msg.REQUEST, msg.THIS_REQUEST,
                              "request.write")
_EDITABLE = ("subject", "body", "type", "channel", "county_id", "agency_id", "priority")


def request_search_key(subject: str, body: str, tracking_code: str, samad_code: str | None,
                       first_name: str = "", last_name: str = "", national_id: str | None = "",
                       mobile: str | None = "") -> str:
    """The folded text the inbox search matches: subject, body, codes and the citizen."""
    parts = [subject, body, tracking_code, samad_code or "", first_name, last_name,
             national_id or "", mobile or ""]
    return persian.search_key(" ".join(parts))


def build_search_key(req: Request, citizen: Citizen | None) -> str:
    """The search key of a request row and its citizen."""
    if citizen is None:
        return request_search_key(req.subject, req.body, req.tracking_code, req.samad_code)
    return request_search_key(req.subject, req.body, req.tracking_code, req.samad_code,
                              citizen.first_name, citizen.last_name, citizen.national_id,
                              citizen.mobile)


def validate_new_request(data: NewRequest, known_counties: set[int],
                         known_agencies: set[int], cleaned: bool = False) -> dict[str, str]:
    """Check a new request's fields; field -> Persian message for each bad one.

    `cleaned`: the texts went through clean_text or normalize already (the importer), so
    persian.clean_line gives the same text faster.
    """
    errors: dict[str, str] = {}
    subject = persian.clean_line(data.subject) if cleaned else persian.clean_text(data.subject)
    if not subject:
        errors["subject"] = msg.SUBJECT_REQUIRED
    elif len(subject) > 300:
        errors["subject"] = msg.REQUEST_SUBJECT_TOO_LONG
    if len(persian.canonical_code(data.samad_code)) > 40:
        errors["samad_code"] = msg.SAMAD_CODE_TOO_LONG
    if data.channel not in Channel.__members__.values():
        errors["channel"] = msg.CHANNEL_REQUIRED
    if data.type not in RequestType.__members__.values():
        errors["type"] = msg.TYPE_REQUIRED
    if data.priority not in Priority.__members__.values():
        errors["priority"] = msg.PRIORITY_INVALID
    if data.county_id is not None and data.county_id not in known_counties:
        errors["county_id"] = msg.COUNTY_UNKNOWN
    if data.agency_id is not None and data.agency_id not in known_agencies:
        errors["agency_id"] = msg.AGENCY_UNKNOWN
    if data.received_at is not None and data.received_at > jalali.utc_now():
        errors["received_at"] = msg.RECEIVED_IN_FUTURE
    if data.citizen is not None:
        errors.update(citizens.validate_citizen(data.citizen, prefix="citizen.",
                                                cleaned=cleaned))
    return errors


class RequestService:
    """Use cases on requests; each call is one short transaction and returns plain data."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- reading -------------------------------------------------------------------------

    def get(self, request_id: int, actor: Actor | None = None) -> RequestDetail:
        """The whole request with its citizen and referrals (NotFound outside the actor's scope)."""
        with scope.read(self.db, actor) as s:
            req = s.get(Request, request_id)
            if req is None:
                raise NotFound(msg.REQUEST)
            return self._detail(s, req)

    @staticmethod
    def receipt_rows(d: RequestDetail) -> list[tuple[str, str]]:
        """The (label, value) lines of a request's receipt, as printed and shown on screen."""
        return receipt.receipt_rows(d)

    @staticmethod
    def write_receipt_pdf(d: RequestDetail, out: Path) -> int:
        """Write the citizen's receipt of a request as an A6 PDF; returns its pages."""
        return receipt.write_receipt_pdf(d, out)

    def dossier(self, request_id: int, actor: Actor | None = None) -> RequestDossier:
        """The request, the citizen's other requests and the history, for the detail pane."""
        detail = self.get(request_id, actor)
        earlier = []
        if detail.citizen is not None:
            earlier = [r for r in self.citizen_requests(detail.citizen.id, actor=actor)
                       if r.id != detail.id]
        return RequestDossier(detail, earlier, audit.history(self.db, "request", request_id))

    @staticmethod
    def warnings(data: NewRequest) -> dict[str, str]:
        """What to ask the clerk before registering (field -> Persian question); no database."""
        return citizens.name_warnings(data.citizen, prefix="citizen.")

    def look_up_citizen(self, national_id: str) -> CitizenInfo | None:
        """A citizen by national ID (any digits), with how many requests they brought."""
        return citizens.lookup(self.db, national_id)

    def citizen_requests(self, citizen_id: int, limit: int = 50,
                         actor: Actor | None = None) -> list[EarlierRequest]:
        """A citizen's requests, newest first (those in the actor's counties)."""
        with scope.read(self.db, actor) as s:
            rows = s.execute(
                select(Request.id, Request.tracking_code, Request.received_at, Request.subject,
                       Request.status)
                .where(Request.citizen_id == citizen_id)
                .order_by(Request.received_at.desc()).limit(limit)
            ).all()
            return [EarlierRequest(r[0], r[1], r[2], r[3], RequestStatus(r[4]).label) for r in rows]

    # --- writing -------------------------------------------------------------------------

    def register(self, actor: Actor, data: NewRequest,
                 link: repeats.LinkChoice | None = None) -> RequestDetail:
        """Validate and register a new request; the tracking code comes from the database.

        `link`: the clerk's decision on a look-alike request (a duplicate closes at once).
        """
        with self.db.write() as s:
            req = self._insert(s, actor, data, intake_refs(self.db), link)
            return self._detail(s, req)

    def register_brief(self, actor: Actor, data: NewRequest,
                       refs: IntakeRefs | None = None) -> tuple[int, str]:
        """Register as `register` does and return only (id, tracking code): the batch grid's
        path (issue 14), which may pass reference data it read once for the whole batch."""
        with self.db.write() as s:
            req = self._insert(s, actor, data, refs or intake_refs(self.db), None)
            return req.id, req.tracking_code

    def _insert(self, s: Session, actor: Actor, data: NewRequest, refs: IntakeRefs,
                link: repeats.LinkChoice | None) -> Request:
        """The new request's row, checked, numbered, audited, in the open write transaction."""
        require(actor, "request.write")
        errors = validate_new_request(data, refs.counties, refs.agencies)
        if errors:
            raise ValidationError(errors)
        samad_code = persian.canonical_code(data.samad_code) or None
        if samad_code and s.scalar(select(Request.id).where(Request.samad_code == samad_code)):
            raise ValidationError({"samad_code": msg.SAMAD_CODE_TAKEN})
        if data.event_id is not None and s.get(Event, data.event_id) is None:
            raise ValidationError({"event_id": msg.EVENT_UNKNOWN})
        citizen = citizens.find_or_create(s, data.citizen) if data.citizen else None
        if citizen is not None:
            s.flush()
        county_id = data.county_id or (citizen.county_id if citizen else None)
        scope.require_county(actor, county_id)  # a فرمانداری registers for its own counties
        received = data.received_at or jalali.utc_now()
        local_day = jalali.to_tehran(received).date()
        (rid,) = reserve_request_ids(s, 1)
        req = Request(
            id=rid,
            tracking_code=make_tracking_code(rid, jalali.to_jalali(local_day)[0]),
            samad_code=samad_code,
            channel=data.channel, type=data.type,
            subject=persian.clean_text(data.subject),
            body=persian.clean_text(data.body, multiline=True),
            citizen_id=citizen.id if citizen else None,
            county_id=county_id, agency_id=data.agency_id, received_at=received,
            status=RequestStatus.NEW, priority=data.priority,
            deadline=refs.calendar.add_working_days(local_day, refs.answer_days),
            meeting_id=data.meeting_id, event_id=data.event_id, created_at=jalali.utc_now(),
            created_by=actor.user_id,
        )
        req.search_key = build_search_key(req, citizen)
        s.add(req)
        s.flush()
        audit.record(s, actor, "request", req.id, "create", None, audit.snapshot(req))
        sms_outbox.for_request(s, sms.REGISTERED, req)  # the citizen's tracking code
        repeats.refresh(s, [req.citizen_id], since=(req.received_at, req.id))
        if link is not None:
            repeats.attach_new(s, actor, req, link)
        return req

    def update(self, actor: Actor, request_id: int, expected_version: int,
               changes: dict[str, Any]) -> RequestDetail:
        """Edit a request's descriptive fields (subject, body, type, channel, county, agency)."""
        unknown = set(changes) - set(_EDITABLE)
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")

        def apply(s: Session, req: Request) -> None:
            merged = NewRequest(
                channel=changes.get("channel", req.channel), type=changes.get("type", req.type),
                subject=changes.get("subject", req.subject), body=changes.get("body", req.body),
                county_id=changes.get("county_id", req.county_id),
                agency_id=changes.get("agency_id", req.agency_id),
                priority=changes.get("priority", req.priority),
            )
            errors = validate_new_request(
                merged, set(s.scalars(select(County.id))), set(s.scalars(select(Agency.id)))
            )
            if errors:
                raise ValidationError(errors)
            if "county_id" in changes:
                scope.require_county(actor, changes["county_id"])
            for key, value in changes.items():
                if key in ("subject", "body"):
                    value = persian.clean_text(value, multiline=key == "body")
                setattr(req, key, value)
            citizen = s.get(Citizen, req.citizen_id) if req.citizen_id else None
            req.search_key = build_search_key(req, citizen)
            if "subject" in changes or "body" in changes:  # the same matter as before?
                repeats.refresh(s, [req.citizen_id], since=(req.received_at, req.id))

        return self._change(actor, request_id, expected_version, "update", apply)

    def assign(self, actor: Actor, request_id: int, expected_version: int,
               assignee_id: int | None) -> RequestDetail:
        """Give the request to a staff member (or take it back with None)."""

        def apply(s: Session, req: Request) -> None:
            if assignee_id is not None:
                user = s.get(User, assignee_id)
                if user is None or not user.active:
                    raise ValidationError({"assignee_id": msg.ASSIGNEE_INACTIVE})
            req.assignee_id = assignee_id
            if req.status == RequestStatus.NEW:
                req.status = RequestStatus.IN_REVIEW

        return self._change(actor, request_id, expected_version, "assign", apply)

    def answer_directly(self, actor: Actor, request_id: int, expected_version: int,
                        answer_text: str) -> RequestDetail:
        """Record the office's own answer to the citizen (پاسخ مستقیم)."""

        def apply(s: Session, req: Request) -> None:
            text = persian.clean_text(answer_text, multiline=True)
            if not text:
                raise ValidationError({"answer_text": msg.ANSWER_TEXT_REQUIRED})
            self._require_open(req)
            req.answer_text = text
            req.resolution = Resolution.DIRECT
            req.status = RequestStatus.ANSWERED
            req.answered_at = jalali.utc_now()
            sms_outbox.for_request(s, sms.ANSWERED, req)

        return self._change(actor, request_id, expected_version, "answer", apply)

    def mark_deep_rooted(self, actor: Actor, request_id: int, expected_version: int,
                         deep_rooted: bool = True) -> RequestDetail:
        """Flag (or unflag) a request as a deep-rooted case (مورد ریشه‌دار)."""

        def apply(_s: Session, req: Request) -> None:
            req.deep_rooted = deep_rooted

        return self._change(actor, request_id, expected_version, "deep_rooted", apply)

    def record_actions(self, actor: Actor, request_id: int, expected_version: int,
                       actions_taken: str) -> RequestDetail:
        """Record the actions taken on a case (اقدام انجام‌شده), for the quarterly report."""

        def apply(_s: Session, req: Request) -> None:
            req.actions_taken = persian.clean_text(actions_taken, multiline=True)

        return self._change(actor, request_id, expected_version, "actions", apply)

    def close(self, actor: Actor, request_id: int, expected_version: int,
              satisfaction: int | None = None,
              actions_taken: str | None = None) -> RequestDetail:
        """Close the case (مختومه); refused while a referral is still open.

        With `actions_taken`, the resolution (what was done) is required and stored with it.
        """

        def apply(s: Session, req: Request) -> None:
            if req.status == RequestStatus.CLOSED:
                raise ValidationError({"status": msg.ALREADY_CLOSED})
            if satisfaction is not None and not 1 <= satisfaction <= 5:
                raise ValidationError({"satisfaction": msg.SATISFACTION_RANGE})
            if actions_taken is not None and not persian.clean_text(actions_taken):
                raise ValidationError({"actions_taken": msg.RESOLUTION_REQUIRED})
            open_refs = s.scalar(
                select(func.count()).select_from(Referral)
                .where(Referral.request_id == req.id, Referral.status == ReferralStatus.OPEN)
            )
            if open_refs:
                raise ValidationError({
                    "status": msg.CLOSE_WAITS_FOR_AGENCIES
                })
            if objection_pending(s, req.id):  # the inspection decides first (issue 13)
                raise ValidationError({"status": msg.CLOSE_WAITS_FOR_OBJECTION})
            req.status = RequestStatus.CLOSED
            req.closed_at = jalali.utc_now()
            if satisfaction is not None:
                req.satisfaction = satisfaction
            if actions_taken is not None:
                req.actions_taken = persian.clean_text(actions_taken, multiline=True)
            sms_outbox.for_request(s, sms.CLOSED, req)

        return self._change(actor, request_id, expected_version, "close", apply)

    def reopen(self, actor: Actor, request_id: int, expected_version: int,
               reason: str) -> RequestDetail:
        """Reopen a closed or answered case, with a reason."""

        def apply(_s: Session, req: Request) -> None:
            if not persian.clean_text(reason):
                raise ValidationError({"reason": msg.REOPEN_REASON_REQUIRED})
            if req.status not in (RequestStatus.CLOSED, RequestStatus.ANSWERED):
                raise ValidationError({"status": msg.REOPEN_ONLY_ANSWERED_OR_CLOSED})
            req.status = RequestStatus.REOPENED
            req.closed_at = None

        return self._change(actor, request_id, expected_version, "reopen", apply,
                            note=persian.clean_text(reason, multiline=True))

    # --- helpers ------------------------------------------------------------------------

    def _change(self, actor: Actor, request_id: int, expected_version: int, action: str,
                apply: Callable[[Session, Request], None], note: str = "") -> RequestDetail:
        """One versioned change of a request (see unit_of_work.change)."""
        def step(w: unit_of_work.Work[Request]) -> None:
            apply(w.session, w.row)
            # A case no longer open ends its pause (issue 13 part 5).
            pause_rules.settle(w.session, actor, w.row, w.row.status in OPEN_STATUSES)

        return unit_of_work.change(
            self.db, actor, REQUEST, request_id, expected_version, action,
            step, lambda w: self._detail(w.session, w.row), note=note)

    @staticmethod
    def _require_open(req: Request) -> None:
        """Refuse to answer a closed request."""
        if req.status == RequestStatus.CLOSED:
            raise ValidationError({"status": msg.REQUEST_CLOSED_REOPEN_FIRST})

    def _detail(self, s: Session, req: Request) -> RequestDetail:
        """Plain data of a request, read in the given session."""
        today = jalali.tehran_today()
        objected = objection_pending(s, req.id)
        citizen = s.get(Citizen, req.citizen_id) if req.citizen_id else None
        n = 0
        if citizen is not None:
            n = s.scalar(select(func.count()).select_from(Request)
                         .where(Request.citizen_id == citizen.id)) or 0
        county = s.get(County, req.county_id) if req.county_id else None
        agency = s.get(Agency, req.agency_id) if req.agency_id else None
        assignee = s.get(User, req.assignee_id) if req.assignee_id else None
        refs = s.execute(
            select(Referral, Agency.name).join(Agency, Agency.id == Referral.agency_id)
            .where(Referral.request_id == req.id).order_by(Referral.id)
        ).all()
        stopped = pause_rules.clocks(s, today, referral_ids=[r.id for r, _ in refs])
        clock = pause_queries.request_clock(s, req, req.status in OPEN_STATUSES)
        return RequestDetail(
            id=req.id, version=req.version, tracking_code=req.tracking_code,
            samad_code=req.samad_code, channel=req.channel, channel_label=Channel(req.channel).label,
            type=req.type, type_label=RequestType(req.type).label, subject=req.subject,
            body=req.body, citizen=citizens.to_info(citizen, n) if citizen else None,
            county_id=req.county_id, county=county.name if county else "",
            agency_id=req.agency_id, agency=agency.name if agency else "",
            received_at=req.received_at, status=req.status,
            status_label=PENDING_LABEL if objected else RequestStatus(req.status).label,
            priority=req.priority,
            assignee_id=req.assignee_id,
            assignee=(assignee.full_name or assignee.username) if assignee else "",
            deadline=req.deadline, deep_rooted=req.deep_rooted, resolution=req.resolution,
            answer_text=req.answer_text, answered_at=req.answered_at, closed_at=req.closed_at,
            satisfaction=req.satisfaction, meeting_id=req.meeting_id,
            actions_taken=req.actions_taken,
            # While an objection waits, the original deadline is no longer the clock.
            overdue=not objected and is_request_overdue(req.status, req.deadline, today,
                                                        clock.paused),
            referrals=[referral_info(r, name, today, ("referral", r.id) in stopped
                                     and stopped[("referral", r.id)].paused_since is not None)
                       for r, name in refs],
            paused_since=clock.paused_since, clock=clock,
        )


def is_request_overdue(status: str, deadline: date | None, today: date,
                       paused: bool = False) -> bool:
    """A request is overdue when it is still open, its clock running (not waiting for the
    citizen's papers) and its deadline has passed."""
    return deadline is not None and deadline < today and status in OPEN_STATUSES and not paused


def referral_info(r: Referral, agency_name: str, today: date,
                  paused: bool = False) -> ReferralInfo:
    """Plain data of a referral row."""
    return ReferralInfo(
        id=r.id, version=r.version, request_id=r.request_id, agency_id=r.agency_id,
        agency=agency_name, letter_no=r.letter_no, letter_date=r.letter_date,
        deadline=r.deadline, status=r.status, status_label=ReferralStatus(r.status).label,
        directive=r.directive, response_text=r.response_text, response_date=r.response_date,
        response_letter_no=r.response_letter_no, grade=r.grade, extensions=r.extensions,
        overdue=r.status == ReferralStatus.OPEN and r.deadline < today and not paused,
    )
