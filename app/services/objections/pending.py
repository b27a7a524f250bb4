"""Pending objections as a case's state: while the inspection decides, the request's answer
clock is the objection's track, not its original deadline (issue 13 part 2)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists, select

from app.models import Objection, ObjectionOutcome, Request

# The state a request shows in the lists while its objection awaits the inspection.
PENDING_LABEL = "در بررسی اعتراض"


def pending_condition() -> ColumnElement[bool]:
    """SQL: the request (of the outer query) has an objection awaiting its decision."""
    return exists(select(Objection.id).where(
        Objection.request_id == Request.id,
        Objection.outcome == ObjectionOutcome.PENDING).correlate(Request))
