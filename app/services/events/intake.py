"""Batch intake (ثبت گروهی): one request per grid row, saved the moment the row is complete.

Each row is its own transaction (RequestService.register), so a desk that crashes mid-batch
loses at most the row being typed. Names typed in the grid (county, agency) are matched to the
reference lists here, not in the view, so a name that is not in the list is a clear message.
"""

from __future__ import annotations

import time as _time
from collections.abc import Sequence
from datetime import datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, select

from app.errors import ValidationError
from app.models import Event, Request
from app.models.database import Database
from app.models.enums import Channel, EventKind, RequestType
from app.services.core import jalali, persian, reference
from app.services.core import messages as msg
from app.services.core.context import Actor
from app.services.events import words
from app.services.events.dto import BatchRow, CitizenHistory, SavedRow
from app.services.requests.dto import CitizenInput, NewRequest
from app.services.requests.intake_refs import IntakeRefs, intake_refs
from app.services.requests.service import RequestService

# The channel a row gets by the event's kind (the clerk may choose another for the batch).
CHANNEL_OF_KIND = {EventKind.TRIP: Channel.TRIP, EventKind.LIVE_SESSION: Channel.SAMAD,
                   EventKind.MEETING_DAY: Channel.MEETING}
REFS_SECONDS = 60.0  # how long a batch reuses the counties, agencies and calendar it read
# Grid field -> the register's field, so its messages land on the right cell.
_FIELDS = {"citizen.national_id": "national_id", "citizen.first_name": "first_name",
           "citizen.last_name": "last_name", "citizen.mobile": "mobile", "county_id": "county",
           "agency_id": "agency", "subject": "subject"}


def national_id_error(value: str) -> str | None:
    """The Persian message for a national ID typed in the grid, or None when valid or blank."""
    nid = persian.clean_national_id(value)
    if not nid:
        return None
    return None if persian.is_valid_national_id(nid) else msg.NATIONAL_ID_INVALID


def row_complete(row: BatchRow) -> bool:
    """A row is ready to save once it has a subject and a county (the least a letter needs)."""
    return bool(persian.clean_text(row.subject)) and bool(persian.clean_text(row.county))


class BatchIntakeService:
    """Batch intake use cases: names for completion, a citizen's history, saving a row."""

    def __init__(self, db: Database, requests: RequestService) -> None:
        self.db = db
        self.requests = requests
        self._counties: dict[str, int] | None = None
        self._agencies: dict[str, int] | None = None
        self._refs_read: tuple[float, IntakeRefs] | None = None

    # The grid's pure checks, reached through the registry like every service call.
    national_id_error = staticmethod(national_id_error)
    row_complete = staticmethod(row_complete)

    @staticmethod
    def channel_of(kind: str | None) -> str:
        """The channel a batch of an event of this kind gets (a letter without an event)."""
        return CHANNEL_OF_KIND.get(EventKind(kind), Channel.LETTER) if kind else Channel.LETTER

    def county_names(self) -> list[str]:
        """Counties in force today, for the county column's completer."""
        return list(self._county_map())

    def county_id(self, name: str) -> int | None:
        """A county's id by its name as listed (None when not listed)."""
        return self._county_map().get(persian.clean_text(name))

    def agency_names(self) -> list[str]:
        """Agencies, for the agency column's completer."""
        return list(self._agency_map())

    def history(self, national_id: str, limit: int = 5) -> CitizenHistory | None:
        """The citizen of a national ID and their latest requests (None: not known yet)."""
        info = self.requests.look_up_citizen(national_id)
        if info is None:
            return None
        earlier = self.requests.citizen_requests(info.id, limit=limit)
        return CitizenHistory(info.national_id or "", info.full_name, earlier)

    def save_row(self, actor: Actor, row: BatchRow, event_id: int | None, channel: str,
                 type_: str = RequestType.REQUEST) -> SavedRow:
        """Register one grid row as a request tagged with the event; errors name grid fields."""
        errors: dict[str, str] = {}
        county = self._county_map().get(persian.clean_text(row.county))
        if county is None:
            errors["county"] = words.COUNTY_NOT_FOUND
        agency = None
        if persian.clean_text(row.agency):
            agency = self._agency_map().get(persian.clean_text(row.agency))
            if agency is None:
                errors["agency"] = words.AGENCY_NOT_FOUND
        if errors:
            raise ValidationError(errors)
        citizen = None
        if any(persian.clean_text(v) for v in (row.national_id, row.first_name, row.last_name,
                                               row.mobile)):
            citizen = CitizenInput(national_id=row.national_id, first_name=row.first_name,
                                   last_name=row.last_name, mobile=row.mobile, county_id=county)
        data = NewRequest(channel=channel, type=type_, subject=row.subject, county_id=county,
                          agency_id=agency, citizen=citizen, event_id=event_id)
        try:
            rid, code = self.requests.register_brief(actor, data, self._refs())
        except ValidationError as exc:
            raise ValidationError({_FIELDS.get(k, k): v for k, v in exc.errors.items()}) from None
        return SavedRow(rid, code)

    def done_today(self, actor: Actor, event_id: int | None = None) -> int:
        """How many requests the actor registered today (Tehran), within the event if given."""
        start = jalali.tehran_to_utc(datetime.combine(jalali.tehran_today(), time()))
        with self.db.read() as s:
            q = (select(func.count()).select_from(Request)
                 .where(Request.created_at >= start,
                        Request.created_at < start + timedelta(days=1)))
            if actor.user_id is not None:
                q = q.where(Request.created_by == actor.user_id)
            if event_id is not None:
                q = q.where(Request.event_id == event_id)
            return int(s.scalar(q) or 0)

    def event_channel(self, event_id: int | None) -> str:
        """The channel a batch of this event gets by default."""
        if event_id is None:
            return Channel.LETTER
        with self.db.read() as s:
            e = s.get(Event, event_id)
            return CHANNEL_OF_KIND.get(EventKind(e.kind), Channel.LETTER) if e else Channel.LETTER

    def write_slips(self, request_ids: Sequence[int], out: Path) -> int:
        """The slip sheet of a batch: one slip per citizen, four per A4 page; returns pages."""
        from app.services.events.slips import write_slip_sheet

        return write_slip_sheet([self.requests.get(i) for i in request_ids], out)

    def _refs(self) -> IntakeRefs:
        """The registration's reference data, read once a minute at most: a batch types many
        rows a minute, and re-reading the holiday table for each was most of a row's cost."""
        now = _time.monotonic()
        if self._refs_read is None or now - self._refs_read[0] > REFS_SECONDS:
            self._refs_read = (now, intake_refs(self.db))
        return self._refs_read[1]

    def _county_map(self) -> dict[str, int]:
        if self._counties is None:
            self._counties = {c.name: c.id for c in reference.counties(self.db)}
        return self._counties

    def _agency_map(self) -> dict[str, int]:
        if self._agencies is None:
            self._agencies = {a.name: a.id for a in reference.agencies(self.db)}
        return self._agencies
