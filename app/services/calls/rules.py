"""The rules the call list, the report and the review queue share.

The sample: a request is in the call list when a stable hash of its id (from which its tracking
code is made) falls below the office's share: Knuth's multiplicative hash, `id × 2654435761 mod
2³²`, scaled to 0..99. It depends on nothing but the request, so the same requests are chosen
whenever the list is built, on either database; raising the share keeps every request chosen
before and adds others.

Satisfaction: a request's satisfaction is the citizen's answer to the call when the call reached
them, else the satisfaction recorded at closing. The call is the newer answer and wins when both
exist; a call finished after a report's cut-off does not count in that report.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ColumnElement, TableClause, and_, cast, func, literal, select

from app.models import Request
from app.models.satisfaction_call import CallOutcome, SatisfactionCall

HASH_MULTIPLIER = 2654435761
HASH_MODULUS = 2**32

_call = SatisfactionCall.__table__.c  # Core columns: the subquery is not re-scoped


def sample_bucket(request_id: int) -> int:
    """The request's place 0..99 in the sample order (Python twin of `in_sample`)."""
    return (request_id * HASH_MULTIPLIER % HASH_MODULUS) * 100 // HASH_MODULUS


def in_sample(request_id: int, percent: int) -> bool:
    """True when the request is in a sample of `percent` per cent."""
    return sample_bucket(request_id) < percent


def in_sample_sql(id_column: ColumnElement, percent: int) -> ColumnElement[bool]:
    """`in_sample` as SQL (64-bit integer arithmetic on both databases)."""
    hashed = (cast(id_column, BigInteger) * literal(HASH_MULTIPLIER, BigInteger)) \
        % literal(HASH_MODULUS, BigInteger)
    return hashed * 100 < literal(int(percent) * HASH_MODULUS, BigInteger)


def call_score(request_id: ColumnElement, before: datetime | None = None) -> ColumnElement:
    """The score the citizen gave on a reached call (finished before `before`), else NULL."""
    q = select(_call.score).where(_call.request_id == request_id,
                                  _call.outcome == CallOutcome.REACHED.value)
    if before is not None:
        q = q.where(_call.finished_at < before)
    return q.scalar_subquery()


def effective_satisfaction(before: datetime | None = None) -> ColumnElement:
    """A request's satisfaction: the reached call's score, else the one recorded at closing."""
    return func.coalesce(call_score(Request.id, before), Request.satisfaction)


def reached_call(before: datetime) -> tuple[TableClause, ColumnElement[bool]]:
    """The reached call of a request (finished before `before`) to LEFT JOIN to `request`.

    For aggregates over many requests (the report): one join the planner can hash, where the
    scalar subquery of `effective_satisfaction` is evaluated row by row. At most one call a
    request, so the join adds no rows.
    """
    call = SatisfactionCall.__table__.alias("reached_call")
    return call, and_(call.c.request_id == Request.id,
                      call.c.outcome == CallOutcome.REACHED.value, call.c.finished_at < before)
