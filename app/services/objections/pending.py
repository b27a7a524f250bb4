"""Pending objections as a case's state: while the inspection decides, the request's answer
clock is the objection's track, not its original deadline (issue 13 part 2)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import Session

from app.models import Objection, ObjectionOutcome, Request

# The state a request shows in the lists while its objection awaits the inspection.
PENDING_LABEL = "اعتراض در انتظار تصمیم"


def pending_condition() -> ColumnElement[bool]:
    """SQL: the request (of the outer query) has an objection awaiting its decision."""
    return exists(select(Objection.id).where(
        Objection.request_id == Request.id,
        Objection.outcome == ObjectionOutcome.PENDING).correlate(Request))


def pending_among(s: Session, request_ids: Iterable[int]) -> set[int]:
    """The requests among these whose objection awaits its decision."""
    ids = sorted(set(request_ids))
    if not ids:
        return set()
    return set(s.scalars(select(Objection.request_id).where(
        Objection.request_id.in_(ids), Objection.outcome == ObjectionOutcome.PENDING)))
