"""Plain data of repeat visitors and links between requests (what views may import)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

DUPLICATE, RELATED = "duplicate", "related"


@dataclass(frozen=True)
class RepeatCandidate:
    """An earlier request the new one may repeat."""

    request_id: int
    tracking_code: str
    subject: str
    status: str
    status_label: str
    received_at: datetime
    similarity: float  # 0..1 (1 for the same SAMAD code)
    same_samad: bool = False


@dataclass(frozen=True)
class LinkInfo:
    """A link of a request, seen from that request."""

    id: int
    other_id: int
    other_code: str
    other_subject: str
    other_status_label: str
    kind: str  # duplicate | related
    # "duplicate_of": this request repeats the other; "has_duplicate": the other repeats this
    # one; "related": either way.
    role: str
    created_at: datetime | None
    created_by: str


@dataclass(frozen=True)
class RepeatDossier:
    """What the detail pane's links section shows: links both ways, and unlinked look-alikes."""

    request_id: int
    links: list[LinkInfo]
    suggestions: list[RepeatCandidate]


@dataclass(frozen=True)
class LinkChoice:
    """The clerk's decision at registration: link the new request to another."""

    other_id: int
    kind: str  # duplicate | related


@dataclass(frozen=True)
class PossibleRepeat:
    """A row of a SAMAD import that may repeat a request already on file (nothing is linked)."""

    row: int  # as the spreadsheet numbers it
    request: str  # the tracking code of the request it may repeat
    request_id: int
    new_id: int  # the request the row became
    new_code: str
    similarity: float

    def to_json(self) -> dict[str, object]:
        """The import's JSON entry."""
        return {"row": self.row, "request": self.request}
