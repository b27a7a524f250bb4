"""Plain data that crosses from the services to the views: inputs and results of use cases."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.services.core.dto import HistoryEntry
from app.services.pauses.dto import RequestClock


@dataclass
class CitizenInput:
    """What the office typed about a citizen."""

    national_id: str = ""
    first_name: str = ""
    last_name: str = ""
    mobile: str = ""
    county_id: int | None = None
    address: str = ""
    sms_opt_out: bool | None = None  # the citizen said no to text messages (None: as before)


@dataclass
class NewRequest:
    """What the office typed to register a request."""

    channel: str
    type: str
    subject: str
    body: str = ""
    county_id: int | None = None
    agency_id: int | None = None
    received_at: datetime | None = None  # naive UTC; None means now
    citizen: CitizenInput | None = None
    samad_code: str | None = None
    meeting_id: int | None = None
    priority: str = "normal"
    event_id: int | None = None  # the surge event it came in with (issue 14 §1)


@dataclass(frozen=True)
class CitizenInfo:
    """A citizen as the detail pane shows them."""

    id: int
    version: int
    national_id: str | None
    first_name: str
    last_name: str
    mobile: str | None
    county_id: int | None
    address: str
    request_count: int = 0
    sms_opt_out: bool = False

    @property
    def full_name(self) -> str:
        """First and last name."""
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class ReferralInfo:
    """One referral of a request to an agency."""

    id: int
    version: int
    request_id: int
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
    extensions: int
    overdue: bool


@dataclass(frozen=True)
class RequestDetail:
    """The whole of one request."""

    id: int
    version: int
    tracking_code: str
    samad_code: str | None
    channel: str
    channel_label: str
    type: str
    type_label: str
    subject: str
    body: str
    citizen: CitizenInfo | None
    county_id: int | None
    county: str
    agency_id: int | None
    agency: str
    received_at: datetime
    status: str
    status_label: str
    priority: str
    assignee_id: int | None
    assignee: str
    deadline: date | None
    deep_rooted: bool
    resolution: str | None
    answer_text: str
    answered_at: datetime | None
    closed_at: datetime | None
    satisfaction: int | None
    meeting_id: int | None
    actions_taken: str
    overdue: bool
    referrals: list[ReferralInfo] = field(default_factory=list)
    # Since when the request's own clock is stopped for the citizen's papers (issue 13 part 5).
    paused_since: date | None = None
    clock: RequestClock | None = None  # its deadline's pauses, for the pane's section


@dataclass(frozen=True)
class InboxRow:
    """One line of the inbox table."""

    id: int
    version: int
    tracking_code: str
    received_at: datetime
    citizen: str
    county: str
    agency: str
    type_label: str
    channel_label: str
    status: str
    status_label: str
    deadline: date | None
    deep_rooted: bool
    overdue: bool
    subject: str


@dataclass
class InboxFilter:
    """What the inbox shows: every field narrows the list; None means any."""

    statuses: list[str] | None = None
    channel: str | None = None
    type: str | None = None
    county_id: int | None = None
    agency_id: int | None = None
    date_from: date | None = None  # local (Tehran) dates, inclusive
    date_to: date | None = None
    overdue_only: bool = False
    assignee_id: int | None = None
    deep_rooted_only: bool = False
    text: str = ""
    event_id: int | None = None  # the surge event the requests came in with (issue 14 §1)


@dataclass(frozen=True)
class InboxPage:
    """One page of the inbox and the number of rows the filter matches."""

    rows: list[InboxRow]
    total: int
    offset: int


@dataclass(frozen=True)
class UserInfo:
    """A user without the password hash."""

    id: int
    version: int
    username: str
    full_name: str
    role: str
    role_label: str
    active: bool
    # The counties the user is limited to (ids and Persian names, in the same order); empty
    # for the province's staff, who see every county.
    county_ids: tuple[int, ...] = ()
    counties: tuple[str, ...] = ()


@dataclass(frozen=True)
class EarlierRequest:
    """One of a citizen's requests, as the detail pane lists them."""

    id: int
    tracking_code: str
    received_at: datetime
    subject: str
    status_label: str


@dataclass(frozen=True)
class RequestDossier:
    """Everything the detail pane shows about one request."""

    detail: RequestDetail
    earlier: list[EarlierRequest]
    history: list[HistoryEntry]
