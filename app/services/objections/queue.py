"""The inspection's «اعتراض» queue: one row per request, its newest objection, pending first."""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, aliased

from app.models import Agency, County, Objection, ObjectionOutcome, Request
from app.models.review import ReviewReason
from app.services.core import jalali
from app.services.objections.service import DIRECT_ANSWER
from app.services.review.dto import QueueFilter, QueuePage, QueueRow

DETAIL_MAX = 120  # the reason as the list shows it; the pane shows all of it


def _newest_only():  # noqa: ANN202
    """The newest objection of each request (a request objected to again after an upheld
    objection was answered and closed again appears once, with its latest objection)."""
    later = aliased(Objection)
    return ~select(later.id).where(later.request_id == Objection.request_id,
                                   later.id > Objection.id).exists()


def queue_page(s: Session, f: QueueFilter, offset: int, limit: int,
               with_total: bool) -> QueuePage:
    """One page: pending objections oldest first (work in order), then decided, newest first.

    `unreviewed_only` keeps the pending ones. The session is already limited to the actor's
    counties (scope.read), which reaches the objection table too.
    """
    pending = Objection.outcome == ObjectionOutcome.PENDING
    q = select(Objection.id).where(_newest_only())
    if f.unreviewed_only:
        q = q.where(pending)
    order = [case((pending, 0), else_=1), case((pending, Objection.recorded_at)).asc(),
             Objection.decided_at.desc(), Objection.id.desc()]
    ids = list(s.scalars(q.order_by(*order).offset(offset).limit(limit)))
    total = (s.scalar(select(func.count()).select_from(q.subquery())) or 0) if with_total else -1
    return QueuePage(_rows(s, ids), total, offset)


def _rows(s: Session, ids: list[int]) -> list[QueueRow]:
    """Queue rows of some objections, in the order of the ids."""
    if not ids:
        return []
    data = {r[0]: r for r in s.execute(
        select(Objection.id, Objection.request_id, Request.tracking_code, Request.subject,
               Agency.name, County.name, Objection.recorded_at, Objection.reason,
               Objection.outcome)
        .join(Request, Request.id == Objection.request_id)
        .outerjoin(Agency, Agency.id == Objection.agency_id)
        .outerjoin(County, County.id == Request.county_id)
        .where(Objection.id.in_(ids))
    ).all()}
    rows = []
    for oid in ids:
        _id, req_id, code, subject, agency, county, at, reason, outcome = data[oid]
        detail = " ".join(reason.split())
        if len(detail) > DETAIL_MAX:
            detail = detail[:DETAIL_MAX - 1] + "…"
        rows.append(QueueRow(ReviewReason.OBJECTION, req_id, None, code, subject,
                             agency or DIRECT_ANSWER, county or "",
                             jalali.to_tehran(at).date(), detail, outcome,
                             ObjectionOutcome(outcome).label))
    return rows
