"""Plain data of the referral tracker, the reminder letters and the inspection review."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.services.pauses.dto import ReferralClock
from app.services.review.dto import (  # noqa: F401
    AuditEventInfo,
    ChainCheck,
    QueueFilter,
    QueuePage,
    QueueRow,
    ReviewDossier,
    ReviewInfo,
    TimelineEntry,
)


@dataclass
class TrackerFilter:
    """What the referral tracker shows: every field narrows the list; None means any."""

    status: str | None = None  # ReferralStatus value
    agency_id: int | None = None
    county_id: int | None = None  # the county of the referred request
    overdue_only: bool = False
    due_within: int | None = None  # open referrals due today .. N working days from today
    date_from: date | None = None  # letter date, inclusive
    date_to: date | None = None
    escalated_only: bool = False
    text: str = ""  # a tracking code, or a letter number


@dataclass(frozen=True)
class TrackerRow:
    """One line of the referral tracker."""

    id: int
    version: int
    request_id: int
    tracking_code: str
    agency_id: int
    agency: str
    county: str
    subject: str
    letter_no: str
    letter_date: date
    deadline: date
    status: str
    status_label: str
    grade: str | None
    response_date: date | None
    extensions: int
    follow_ups: int
    escalated: bool
    # Working days from today to the deadline (negative: overdue by that many) for a referral
    # still waiting; for an answered one, working days the answer came late (0 when on time).
    working_days: int | None
    # The clock stopped while the citizen owes papers (issue 13 part 5): since when (None:
    # running; working_days is then the days left when it stopped) and working days stopped.
    paused_since: date | None = None
    paused_days: int = 0

    @property
    def overdue(self) -> bool:
        """Still waiting for an (adequate) answer after the deadline, the clock running."""
        return (self.status == "open" and self.deadline is not None
                and (self.working_days or 0) < 0 and self.paused_since is None)


@dataclass(frozen=True)
class TrackerPage:
    """One page of the tracker and the number of referrals the filter matches (-1: not asked)."""

    rows: list[TrackerRow]
    total: int
    offset: int


@dataclass(frozen=True)
class ReferralEventInfo:
    """A follow-up or an extension of a referral."""

    id: int
    kind: str
    kind_label: str
    day: date
    note: str
    extra_days: int
    username: str
    created_at: datetime


@dataclass(frozen=True)
class ReferralDossier:
    """One referral with its request, its events and what may still be done with it."""

    id: int
    version: int
    request_id: int
    request_version: int
    tracking_code: str
    subject: str
    citizen: str
    county: str
    received_at: datetime
    agency_id: int
    agency: str
    letter_no: str
    letter_date: date
    deadline: date
    status: str
    status_label: str
    directive: bool
    response_text: str
    response_date: date | None
    response_letter_no: str
    grade: str | None
    grade_label: str
    withdrawn_reason: str
    escalated: bool
    escalation_note: str
    escalated_at: datetime | None
    extensions: int
    max_extensions: int
    working_days: int | None  # as TrackerRow.working_days
    events: list[ReferralEventInfo] = field(default_factory=list)
    paused_since: date | None = None  # as TrackerRow.paused_since
    paused_days: int = 0
    clock: ReferralClock | None = None  # its deadline's pauses, for the pane's section

    @property
    def is_open(self) -> bool:
        """Still waiting for an adequate answer."""
        return self.status == "open"

    @property
    def overdue(self) -> bool:
        """Waiting past the deadline, the clock running."""
        return self.is_open and (self.working_days or 0) < 0 and self.paused_since is None

    @property
    def follow_ups(self) -> int:
        """Follow-ups recorded so far (extensions not counted)."""
        return sum(1 for e in self.events if e.kind != "extension")

    @property
    def can_extend(self) -> bool:
        """Open and below the office's limit of extensions."""
        return self.is_open and self.extensions < self.max_extensions


@dataclass(frozen=True)
class ReminderLetter:
    """The draft of a follow-up letter (نامهٔ پیگیری / تأکیدی), fields filled, ready to copy."""

    referral_id: int
    recipient: str
    subject: str
    body: str
    signature: str
    text: str  # the whole letter as plain text
    emphatic: bool  # a second or later reminder: «تأکیدی»


MAX_EXTENSION_DAYS = 60
