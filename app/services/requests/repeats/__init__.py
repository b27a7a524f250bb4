"""Repeat visitors and duplicates: the same citizen again on the same matter, and links.

The measure is in `measure` (one definition, used on both databases, by the intake form, the
SAMAD import, the detail pane, the quarterly report and the demo benchmark).

Candidates are the citizen's own requests (same citizen row, same national ID or same canonical
mobile), which the citizen index (ix_request_citizen_received) narrows to a handful, so the
measure is computed in Python on both databases rather than with pg_trgm on one of them: the
two databases cannot disagree, and PostgreSQL's pg_trgm would not see Persian letters as word
characters under a C locale anyway.

The window: an earlier request E counts for a later one L when E is not closed, or was closed
at most `repeat_window_days` (default 90) days before L was received. A request with the same
SAMAD code is always a candidate.

Links (request_link): «duplicate» (request_id repeats other_id; the duplicate is closed with a
pointer to the other) or «related» (either way). One row per pair; unlinking sets a flag.
"""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.errors import NotFound, ValidationError
from app.models import Citizen, Referral, Request, RequestLink, User
from app.models.database import Database
from app.models.enums import ReferralStatus, RequestStatus
from app.services.core import audit, jalali, persian, scope, unit_of_work
from app.services.core import messages as msg
from app.services.core.context import Actor
from app.services.requests.dto import NewRequest
from app.services.requests.repeats.candidates import (
    CITIZEN_LIMIT,
    SHOW_LIMIT,
    find,
    import_repeats,
    same_person,
)
from app.services.requests.repeats.dto import (
    DUPLICATE,
    RELATED,
    LinkChoice,
    LinkInfo,
    PossibleRepeat,
    RepeatCandidate,
    RepeatDossier,
)
from app.services.requests.repeats.findings import (
    refresh,
    refresh_all,
    settings,
    settings_changed,
)
from app.services.requests.repeats.measure import (
    Item,
    fingerprint,
    likeness,
    person_keys,
    same_matter,
)

__all__ = ["DUPLICATE", "RELATED", "LinkChoice", "LinkInfo", "PossibleRepeat", "RepeatCandidate",
           "RepeatDossier", "RepeatService", "Item", "fingerprint", "likeness", "person_keys",
           "same_matter", "refresh", "refresh_all", "settings",
           "settings_changed", "CITIZEN_LIMIT", "SHOW_LIMIT", "find", "import_repeats",
           "same_person"]

KINDS = (DUPLICATE, RELATED)


# --- linking inside an open transaction ------------------------------------------------------


def attach(s: Session, actor: Actor, req: Request, other: int | str, kind: str,
           work: unit_of_work.Work | None = None) -> RequestLink:
    """Link `req` to another request (by id or tracking code) inside the caller's transaction.

    «duplicate» closes `req` (when open) with a pointer to the other in its actions. The link
    row's own audit event goes through `work` when given (a versioned change), else here.
    """
    if kind not in KINDS:
        raise ValidationError({"kind": msg.LINK_KIND_REQUIRED})
    target = _other(s, other)
    if target.id == req.id:
        raise ValidationError({"other": msg.LINK_TO_ITSELF})
    existing = s.scalars(select(RequestLink).where(or_(
        (RequestLink.request_id == req.id) & (RequestLink.other_id == target.id),
        (RequestLink.request_id == target.id) & (RequestLink.other_id == req.id)))).all()
    live = [x for x in existing if x.removed_at is None]
    if live:
        raise ValidationError({"other": msg.already_linked(target.tracking_code)})
    if kind == DUPLICATE:
        _close_as_duplicate(s, req, target)
    now = jalali.utc_now()
    if existing:  # linked once and unlinked: the row comes back (one row per pair)
        link = existing[0]
        before = audit.snapshot(link)
        link.request_id, link.other_id, link.kind = req.id, target.id, kind
        link.created_at, link.created_by = now, actor.user_id
        link.removed_at = link.removed_by = None
        s.flush()
        audit.record(s, actor, "request_link", link.id, "link", before, audit.snapshot(link))
        return link
    link = RequestLink(request_id=req.id, other_id=target.id, kind=kind, created_at=now,
                       created_by=actor.user_id)
    s.add(link)
    if work is not None:
        work.created(link, "request_link")
    else:
        s.flush()
        audit.record(s, actor, "request_link", link.id, "create", None, audit.snapshot(link))
    return link


def _other(s: Session, other: int | str) -> Request:
    """The request to link to, by id or tracking code (in the actor's scope: the session's)."""
    if isinstance(other, int):
        target = s.get(Request, other)
    else:
        code = persian.canonical_code(other)
        target = s.scalar(select(Request).where(Request.tracking_code == code)) if code else None
    if target is None:
        raise ValidationError({"other": msg.LINK_OTHER_UNKNOWN})
    return target


def _close_as_duplicate(s: Session, req: Request, target: Request) -> None:
    """Close a duplicate with a pointer to the request that goes on (refused while referred)."""
    if req.status == RequestStatus.CLOSED:
        return
    open_refs = s.scalar(select(func.count()).select_from(Referral).where(
        Referral.request_id == req.id, Referral.status == ReferralStatus.OPEN))
    if open_refs:
        raise ValidationError({"status": msg.CLOSE_WAITS_FOR_AGENCIES})
    req.status = RequestStatus.CLOSED
    req.closed_at = jalali.utc_now()
    pointer = msg.duplicate_pointer(target.tracking_code)
    req.actions_taken = f"{req.actions_taken}\n{pointer}".strip() if req.actions_taken else pointer


def attach_new(s: Session, actor: Actor, req: Request, choice: LinkChoice) -> None:
    """The clerk's link chosen on the intake form, inside the registration's transaction."""
    before = audit.snapshot(req)
    link = attach(s, actor, req, choice.other_id, choice.kind)
    s.flush()
    after = audit.snapshot(req)
    after["note"] = _note(s, link)
    audit.record(s, actor, "request", req.id, "link", before, after)


def _note(s: Session, link: RequestLink) -> str:
    """The history line's note of a link: its kind and the other request's code."""
    other = s.get(Request, link.other_id)
    return msg.link_note(link.kind, other.tracking_code if other else "")


# --- the service -------------------------------------------------------------------------------

REQUEST = unit_of_work.Entity(Request, "request", msg.REQUEST, msg.THIS_REQUEST, "request.write")


class RepeatService:
    """Find a citizen's earlier requests on the same matter; link and unlink requests."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def candidates(self, data: NewRequest, actor: Actor | None = None) -> list[RepeatCandidate]:
        """What a request about to be registered may repeat (empty without a citizen)."""
        c = data.citizen
        if not persian.clean_text(data.subject) and not persian.clean_text(data.body):
            return []
        with scope.read(self.db, actor) as s:
            person = same_person(None, c.national_id if c else None, c.mobile if c else None)
            return find(s, person, data.subject, data.body,
                        data.received_at or jalali.utc_now(), data.samad_code)

    def dossier(self, request_id: int, actor: Actor | None = None) -> RepeatDossier:
        """A request's links both ways, and its citizen's look-alike requests not yet linked."""
        with scope.read(self.db, actor) as s:
            req = s.get(Request, request_id)
            if req is None:
                raise NotFound(msg.REQUEST)
            links = self._links(s, request_id)
            person = None
            if req.citizen_id:
                c = s.get(Citizen, req.citizen_id)
                person = same_person(req.citizen_id, c.national_id if c else None,
                                     c.mobile if c else None)
            linked = {x.other_id for x in links}
            found = find(s, person, req.subject, req.body, req.received_at, req.samad_code,
                         exclude={req.id, *linked})
            return RepeatDossier(request_id, links, found)

    def links(self, request_id: int, actor: Actor | None = None) -> list[LinkInfo]:
        """The links of a request both ways, oldest first."""
        with scope.read(self.db, actor) as s:
            return self._links(s, request_id)

    def link(self, actor: Actor, request_id: int, expected_version: int, other: int | str,
             kind: str) -> LinkInfo:
        """Link a request to another (by id or tracking code); «duplicate» closes it."""

        def apply(w: unit_of_work.Work) -> None:
            attach(w.session, actor, w.row, other, kind, work=w)

        def result(w: unit_of_work.Work) -> LinkInfo:
            mine = self._links(w.session, request_id)
            target = _other(w.session, other)
            return next(x for x in mine if x.other_id == target.id)

        return unit_of_work.change(self.db, actor, REQUEST, request_id, expected_version, "link",
                                   apply, result, note=self._link_note(other, kind))

    def unlink(self, actor: Actor, request_id: int, expected_version: int,
               link_id: int) -> None:
        """Remove a link of this request (a flag: the row and its history stay).

        A duplicate closed by its link stays closed; reopening it is a separate decision.
        """

        def apply(w: unit_of_work.Work) -> None:
            link = w.session.get(RequestLink, link_id)
            if (link is None or link.removed_at is not None
                    or request_id not in (link.request_id, link.other_id)):
                raise ValidationError({"link": msg.LINK_GONE})
            w.track(link, "request_link", "unlink")
            link.removed_at, link.removed_by = jalali.utc_now(), actor.user_id

        unit_of_work.change(self.db, actor, REQUEST, request_id, expected_version, "unlink",
                            apply, lambda _w: None)

    def _link_note(self, other: int | str, kind: str) -> str:
        """The history note of a link (the other's code, read before the change)."""
        if isinstance(other, str):
            return msg.link_note(kind, persian.canonical_code(other))
        with self.db.read() as s:
            code = s.scalar(select(Request.tracking_code).where(Request.id == other))
        return msg.link_note(kind, code or "")

    @staticmethod
    def _links(s: Session, request_id: int) -> list[LinkInfo]:
        rows = s.execute(
            select(RequestLink, Request.id, Request.tracking_code, Request.subject,
                   Request.status, User.full_name, User.username)
            .join(Request, or_(
                (RequestLink.request_id == request_id) & (Request.id == RequestLink.other_id),
                (RequestLink.other_id == request_id) & (Request.id == RequestLink.request_id)))
            .outerjoin(User, User.id == RequestLink.created_by)
            .where(or_(RequestLink.request_id == request_id, RequestLink.other_id == request_id),
                   RequestLink.removed_at.is_(None))
            .order_by(RequestLink.id)).all()
        out = []
        for link, oid, code, subject, status, full_name, username in rows:
            if link.kind == DUPLICATE:
                role = "duplicate_of" if link.request_id == request_id else "has_duplicate"
            else:
                role = RELATED
            out.append(LinkInfo(link.id, oid, code, subject, RequestStatus(status).label,
                                link.kind, role, link.created_at, full_name or username or ""))
        return out
