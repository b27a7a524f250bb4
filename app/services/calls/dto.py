"""Plain data of the satisfaction calls: the list's filter, rows and pages, a call's answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

# The lists the call page offers.
DUE = "due"  # to call today: closed, in the sample, not finished, not tried today
TODAY = "today"  # called today (any outcome)
FINISHED = "finished"  # reached, or given up after three unreached attempts
VIEWS = (DUE, TODAY, FINISHED)


@dataclass(frozen=True)
class CallFilter:
    """Which calls the list shows."""

    view: str = DUE
    county_id: int | None = None


@dataclass(frozen=True)
class CallRow:
    """One request of the call list, with what the operator needs on the phone."""

    request_id: int
    call_version: int  # the call row's version; 0 before the first attempt
    tracking_code: str
    citizen: str
    mobile: str
    subject: str
    answer: str  # the answer given (or the actions taken), to remind the caller
    county: str
    closed_at: datetime | None  # UTC
    closing_satisfaction: int | None  # recorded when the request was closed, if any
    attempts: int
    last_attempt_day: date | None
    outcome: str | None  # CallOutcome value; None: not called yet
    outcome_label: str
    score: int | None
    solved: bool | None
    comment: str

    @property
    def id(self) -> int:
        """The row's key in tables: the request."""
        return self.request_id


@dataclass(frozen=True)
class CallPage:
    """One page of the call list and its total (-1 when not counted)."""

    rows: list[CallRow]
    total: int
    offset: int


@dataclass(frozen=True)
class CallAnswer:
    """What the operator records for one phone call."""

    reached: bool
    score: int | None = None  # 1..5, required when reached
    solved: bool | None = None  # required when reached
    comment: str = ""


@dataclass(frozen=True)
class CallResult:
    """The call after an attempt was recorded."""

    request_id: int
    version: int
    outcome: str
    outcome_label: str
    attempts: int
    note: str  # the line the request's history shows
