"""Plain data of objections: one objection, and a request's objections with its window."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class ObjectionInfo:
    """One objection and, once decided, its decision."""

    id: int
    version: int
    request_id: int
    tracking_code: str
    reason: str
    recorded_at: datetime  # UTC
    recorded_by: str  # the clerk who took it down
    answer_kind: str  # enums.Resolution of the answer objected to
    answer_label: str  # «پاسخ مستقیم دفتر» or «پاسخ <دستگاه>»
    outcome: str  # ObjectionOutcome
    outcome_label: str
    decision_note: str = ""
    decided_at: datetime | None = None
    decided_by: str = ""
    # Referrals a decision reopened (upheld, answered by agencies): the bus announces them.
    reopened_referrals: tuple[int, ...] = field(default=())

    @property
    def pending(self) -> bool:
        """True while the inspection has not decided."""
        return self.outcome == "pending"


@dataclass(frozen=True)
class RequestObjections:
    """A request's objections, newest first, and whether one may be recorded today."""

    request_id: int
    items: list[ObjectionInfo]
    last_day: date | None  # the last day of the window of the current closing, if closed
    may_object: bool  # closed, within the window, not objected to already
    why_not: str = ""  # the Persian reason when not
