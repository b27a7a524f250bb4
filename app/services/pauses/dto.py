"""Plain data of clock pauses: one pause, and a case's clock (deadline, state, pauses)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

# The state a paused case shows in the lists and panes.
PAUSED_LABEL = "در انتظار مدارک شهروند"


@dataclass(frozen=True)
class PauseInfo:
    """One pause: who stopped the clock and why, who started it again and why."""

    id: int
    request_id: int
    referral_id: int | None
    agency: str  # the referral's agency ("" for the request's own deadline)
    started_on: date
    started_at: datetime
    started_by: str
    start_reason: str
    ended_on: date | None
    ended_at: datetime | None
    ended_by: str
    end_reason: str
    # Working days the clock stood still: as moved at the end, or so far while it runs.
    paused_days: int
    deadline_before: date | None
    deadline_after: date | None

    @property
    def running(self) -> bool:
        """The clock is still stopped."""
        return self.ended_at is None


@dataclass(frozen=True)
class RequestClock:
    """A request's deadline and pauses (`id` is the request's: the change bus reads it)."""

    id: int
    version: int
    deadline: date | None
    is_open: bool
    paused_since: date | None
    paused_days: int  # working days stopped in all, the running pause up to today included
    pauses: list[PauseInfo] = field(default_factory=list)  # the request's own, newest first

    @property
    def paused(self) -> bool:
        """Waiting for the citizen's papers now."""
        return self.paused_since is not None


@dataclass(frozen=True)
class ReferralClock:
    """A referral's deadline and pauses (`id` the referral's, `request_id` its request's)."""

    id: int
    request_id: int
    version: int
    deadline: date
    is_open: bool
    paused_since: date | None
    paused_days: int
    pauses: list[PauseInfo] = field(default_factory=list)

    @property
    def paused(self) -> bool:
        """Waiting for the citizen's papers now."""
        return self.paused_since is not None


@dataclass(frozen=True)
class CaseClock:
    """Per case in a list: since when it is paused (None: running) and the days stopped."""

    paused_since: date | None = None
    paused_days: int = 0
