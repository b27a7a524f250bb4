"""The office's own working week: weekly rest days, the holiday table, agencies' answer periods.

One read gives the settings screen everything; one save applies every change the
administrator made, in one transaction, under optimistic locking (holidays and agencies carry
a version; the rest-days setting is compared with the text the screen read) and under audit.
Deadlines, the calendar, compliance and the report all read these same rows
(reference.work_calendar, meetings.calendar.off_days_between).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.errors import ConflictError, ValidationError
from app.models import Agency, Holiday, Setting
from app.models.database import Database
from app.services.core import audit, jalali, persian, reference
from app.services.core import messages as msg
from app.services.core.context import Actor, require
from app.services.core.working_week.dto import (  # noqa: F401
    AgencyPeriod,
    AgencyPeriodEdit,
    HolidayEdit,
    HolidayInfo,
    WorkingWeek,
    WorkingWeekChanges,
    agency_key,
    holiday_key,
)

REST_KEY = "rest_weekdays"
NAME_LIMIT = 200  # Holiday.name is String(200)
MAX_ANSWER_DAYS = 365  # the referral service's own limit


def parse_answer_days(agency: str, text: str) -> int | None:
    """Typed answer days (any digits) as a number of working days, None when blank."""
    clean = persian.to_latin_digits(text or "").strip()
    if not clean:
        return None
    try:
        days = int(clean)
    except ValueError:
        raise ValidationError({"answer_days": msg.answer_days_invalid(agency, text.strip())}) \
            from None
    if not 1 <= days <= MAX_ANSWER_DAYS:
        raise ValidationError({"answer_days": msg.answer_days_range(agency)})
    return days


def _stored_rest(s: Session) -> str:
    """The rest-days setting as stored (the default when absent), in its canonical form."""
    return reference.format_rest_weekdays(reference.rest_weekdays_in(s))


def _read(s: Session) -> WorkingWeek:
    """The screen's data, read in one session."""
    settings = {k: v for k, v in s.execute(select(Setting.key, Setting.value))}
    default = int(settings.get("referral_answer_days")
                  or reference.DEFAULT_SETTINGS["referral_answer_days"])
    holidays = tuple(
        HolidayInfo(h.id, h.version, h.day, h.name, bool(h.estimated), h.source)
        for h in s.scalars(select(Holiday).where(reference.holidays_in_force())
                           .order_by(Holiday.day)))
    agencies = tuple(
        AgencyPeriod(a.id, a.version, a.name, a.answer_days, bool(a.is_governorate))
        for a in s.scalars(select(Agency).order_by(Agency.is_governorate.desc(), Agency.id)))
    rest = reference.rest_weekdays_in(s)
    return WorkingWeek(rest, reference.format_rest_weekdays(rest), default, holidays, agencies)


class WorkingWeekService:
    """Reads and saves the office's working week (saving: administrators only)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def read(self) -> WorkingWeek:
        """Rest days, every holiday in force (by date) and every agency's period."""
        with self.db.read() as s:
            return _read(s)

    def save(self, actor: Actor, changes: WorkingWeekChanges) -> WorkingWeek:
        """Apply every change in one transaction; ValidationError lists every bad field,
        ConflictError names the first record another desk changed meanwhile."""
        require(actor, "reference.manage")
        try:
            with self.db.write() as s:
                errors: dict[str, str] = {}
                self._rest(s, actor, changes, errors)
                self._agencies(s, actor, changes.agencies, errors)
                self._holidays(s, actor, changes.holidays, errors)
                if errors:
                    raise ValidationError(errors)
                s.flush()
                return _read(s)
        except StaleDataError as exc:
            raise ConflictError(msg.THIS_HOLIDAY) from exc

    # --- the parts of a save ------------------------------------------------------------------

    def _rest(self, s: Session, actor: Actor, changes: WorkingWeekChanges,
              errors: dict[str, str]) -> None:
        """The weekly rest days, unless another desk stored different ones since the read."""
        days = changes.rest_weekdays
        if days is None:
            return
        before = _stored_rest(s)
        if changes.rest_expected and changes.rest_expected != before:
            raise ConflictError(msg.REST_DAYS)
        if not set(days) <= set(range(7)):
            errors["rest_weekdays"] = msg.REST_DAYS_INVALID
            return
        if len(days) == 7:
            errors["rest_weekdays"] = msg.NO_WORKING_DAY
            return
        after = reference.format_rest_weekdays(days)
        if after == before:
            return
        row = s.get(Setting, REST_KEY)
        if row is None:
            s.add(Setting(key=REST_KEY, value=after))
        else:
            row.value = after
        audit.record(s, actor, "setting", None, REST_KEY, {"key": REST_KEY, "value": before},
                     {"key": REST_KEY, "value": after})

    def _agencies(self, s: Session, actor: Actor, edits: tuple[AgencyPeriodEdit, ...],
                  errors: dict[str, str]) -> None:
        """Each agency's own answer period (blank: the office default)."""
        for e in edits:
            agency = s.get(Agency, e.agency_id)
            if agency is None or agency.version != e.expected_version:
                raise ConflictError(msg.agency_period(agency.name) if agency else msg.THIS_AGENCY)
            try:
                days = parse_answer_days(agency.name, e.text)
            except ValidationError as exc:
                errors[agency_key(agency.id)] = exc.errors["answer_days"]
                continue
            if days == agency.answer_days:
                continue
            before = audit.snapshot(agency)
            agency.answer_days = days
            s.flush()
            audit.record(s, actor, "agency", agency.id, "answer_days", before,
                         audit.snapshot(agency))

    def _holidays(self, s: Session, actor: Actor, edits: tuple[HolidayEdit, ...],
                  errors: dict[str, str]) -> None:
        """Add, change and remove holidays; one day holds one holiday."""
        rows = {h.day: h for h in s.scalars(select(Holiday))}  # removed rows too (day is unique)
        by_id = {h.id: h for h in rows.values()}
        # The days in force once every edit is applied, to find two holidays on one day.
        final = {h.id: h.day for h in rows.values() if not h.removed}
        for e in edits:
            if e.id is None:
                continue
            row = by_id.get(e.id)
            if row is None or row.removed or row.version != e.expected_version:
                raise ConflictError(msg.THIS_HOLIDAY)
            if e.remove:
                final.pop(e.id, None)
            elif e.day is not None:
                final[e.id] = e.day
        kept = [e for e in edits if not e.remove]
        counts = Counter(final.values())
        counts.update(e.day for e in kept if e.id is None and e.day is not None)
        clean: dict[int, str] = {}
        for i, e in enumerate(edits):
            if e.remove:
                continue
            shown = jalali.format_jalali(e.day) if e.day else ""
            name = persian.clean_text(e.name)
            if e.day is None:
                errors[holiday_key(i)] = msg.HOLIDAY_DAY_REQUIRED
            elif not name:
                errors[holiday_key(i)] = msg.holiday_name_required(shown)
            elif len(name) > NAME_LIMIT:
                errors[holiday_key(i)] = msg.holiday_name_too_long(shown, NAME_LIMIT)
            elif counts[e.day] > 1:
                errors[holiday_key(i)] = msg.holiday_day_taken(shown)
            clean[i] = name
        if errors:
            return
        for e in edits:
            if e.id is not None and e.remove:
                self._remove(s, actor, by_id[e.id])
        for i, e in enumerate(edits):
            if e.remove:
                continue
            assert e.day is not None
            row = by_id.get(e.id) if e.id is not None else None
            if row is not None and row.day != e.day and e.day in rows:
                # The new day holds a removed row (day is unique): the edit moves onto it.
                self._remove(s, actor, row)
                row = None
            if row is None:
                row = rows.get(e.day)
            self._put(s, actor, row, e.day, clean[i], e.estimated)

    @staticmethod
    def _remove(s: Session, actor: Actor, row: Holiday) -> None:
        """Take a day off the table for good (kept as a removed row)."""
        if row.removed:
            return
        before = audit.snapshot(row)
        row.removed = True
        s.flush()
        audit.record(s, actor, "holiday", row.id, "remove", before, audit.snapshot(row))

    @staticmethod
    def _put(s: Session, actor: Actor, row: Holiday | None, day: date, name: str,
             estimated: bool) -> None:
        """Write a holiday: a new row, a changed one, or a removed one brought back."""
        if row is None:
            row = Holiday(day=day, name=name, estimated=estimated, source="manual",
                          removed=False)
            s.add(row)
            s.flush()
            audit.record(s, actor, "holiday", row.id, "create", None, audit.snapshot(row))
            return
        before = audit.snapshot(row)
        row.day, row.name, row.estimated, row.removed = day, name, estimated, False
        if audit.snapshot(row) == before:
            return
        s.flush()
        audit.record(s, actor, "holiday", row.id, "update", before, audit.snapshot(row))
