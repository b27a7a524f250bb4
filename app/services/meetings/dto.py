"""Plain data of the meeting day: the meeting, its queue of citizens, issues and directives."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from app.services.requests.dto import CitizenInfo


@dataclass(frozen=True)
class MeetingDetail:
    """One meeting with its manager, agency and what was recorded when it closed."""

    id: int
    version: int
    manager_id: int
    manager: str
    manager_title: str
    agency_id: int
    agency: str
    county_id: int | None
    county: str
    schedule_id: int | None
    kind: str
    kind_label: str
    status: str
    status_label: str
    day: date
    start: time  # Tehran wall clock
    end: time
    place: str
    title: str
    cancel_reason: str
    move_reason: str
    occurrence_day: date | None
    minutes: str
    actions_taken: str
    agencies_present: str
    citizens_received: int

    @property
    def is_open(self) -> bool:
        """Neither closed nor cancelled: citizens can still be queued."""
        return self.status == "planned"


@dataclass(frozen=True)
class DirectiveInfo:
    """A manager's directive: the referral it became and its words."""

    id: int
    referral_id: int
    request_id: int
    text: str
    agency_id: int
    agency: str
    letter_no: str
    deadline: date
    status_label: str
    open: bool


@dataclass(frozen=True)
class IssueInfo:
    """An issue a citizen raised: the request it became in the inbox."""

    request_id: int
    version: int
    tracking_code: str
    subject: str
    status_label: str
    agency: str
    directives: tuple[DirectiveInfo, ...] = ()


@dataclass(frozen=True)
class AttendeeInfo:
    """A citizen in a meeting's queue."""

    id: int
    version: int
    meeting_id: int
    queue_no: int
    citizen_id: int
    national_id: str | None
    first_name: str
    last_name: str
    mobile: str | None
    topic: str
    pre_registered: bool
    received: bool
    issues: tuple[IssueInfo, ...] = ()

    @property
    def full_name(self) -> str:
        """First and last name."""
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class MeetingDay:
    """Everything the meeting-day window shows."""

    meeting: MeetingDetail
    attendees: list[AttendeeInfo] = field(default_factory=list)

    @property
    def received_count(self) -> int:
        """Citizens marked received."""
        return sum(1 for a in self.attendees if a.received)


@dataclass(frozen=True)
class EarlierRequest:
    """One of a citizen's earlier requests, as the walk-in form lists them."""

    request_id: int
    tracking_code: str
    received_at: datetime
    subject: str
    status_label: str


@dataclass(frozen=True)
class CitizenLookup:
    """A known citizen found by national ID, their earlier requests and place in this queue."""

    citizen: CitizenInfo
    earlier: list[EarlierRequest]
    queue_no: int | None = None  # already in this meeting's queue


@dataclass
class DirectiveInput:
    """What the clerk typed of a manager's directive."""

    text: str
    agency_id: int | None
    deadline: date | None
    letter_no: str = ""


@dataclass(frozen=True)
class IssueResult:
    """An issue raised: its request and, when the manager gave one, the directive."""

    request_id: int
    tracking_code: str
    directive: DirectiveInfo | None = None


@dataclass(frozen=True)
class Slip:
    """What the citizen's printed slip shows."""

    tracking_code: str
    citizen: str
    national_id: str | None
    subject: str
    manager: str
    manager_title: str
    agency: str
    day: date
    place: str
    queue_no: int | None
    answer_deadline: date | None
    directive_agency: str = ""
    directive_deadline: date | None = None
