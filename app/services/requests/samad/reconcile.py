"""Compare a SAMAD export with Pol, by canonical SAMAD code (issue 14 §2). Writes nothing.

Decisions:
- The file is read as the import reads it (CSV in UTF-8, Windows-1256 or UTF-16, or XLSX; the
  same header names). Only the code column is required; the received date gives the file's date
  range, the county the scope of a county-limited user, and the status column the comparison.
- «SAMAD requests» in Pol are those with a SAMAD code, or received through the SAMAD channel:
  a row of a SAMAD export that names another channel (say «سامانه ۱۱۱») keeps its SAMAD code and
  must be answered in SAMAD all the same. SAMAD-channel requests typed in without a code cannot
  be matched; they are listed apart by tracking code (`pol_without_code`).
- `in_samad_only`: codes in the file and not in Pol. `in_pol_only`: SAMAD requests in Pol whose
  code is not in the file, received on the file's first to last day (Tehran days, inclusive);
  a file without a readable date has no range and so lists none (a warning says why).
- The status column: the first header named «وضعیت», «وضعیت درخواست», «آخرین وضعیت»,
  «وضعیت پاسخ», «وضعیت پرونده», «وضعیت رسیدگی» or «وضعیت پیگیری». A cell is read as one of
  two states by whole words (compared as header keys: spaces, ZWNJ and Arabic letters do not
  matter): done (`DONE_STATUSES`: پاسخ داده‌شده، مختومه، بسته‌شده، خاتمه‌یافته …) or open
  (`OPEN_STATUSES`: جدید، در حال بررسی، در انتظار پاسخ، ارجاع‌شده، بازگشایی‌شده …). A referral
  is open: the citizen is still waiting. Anything else is not compared and comes back in
  `unknown_statuses`, never guessed: «پاسخ داده نشده» contains «پاسخ داده», so a guess by
  substring would turn it round. In Pol, answered and closed are done; every other status is
  open. `status_differs` lists the codes whose two states disagree, either way.
- A county-limited user compares only the rows whose county cell names one of their counties
  (the others are counted in `out_of_scope`), against the requests they may see; codes of
  out-of-scope rows still count as «in the file» for `in_pol_only`.
- A code repeated in the file is compared once (its first row); rows whose bytes are damaged
  are counted and left out, as the import refuses them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import or_, select

from app.errors import ValidationError
from app.models import Request
from app.models.database import Database
from app.models.enums import Channel, RequestStatus
from app.services.core import jalali, persian, reference, scope
from app.services.core import messages as msg
from app.services.core.context import Actor
from app.services.requests.samad.checker import RowChecker, cell_text, fa
from app.services.requests.samad.dto import FIELD_LABELS, ReconcileResult, StatusDiff
from app.services.requests.samad.headers import find_column, header_key, read_rows
from app.services.requests.samad.reader import Cell

STATUS_HEADERS = ("وضعیت", "وضعیت درخواست", "آخرین وضعیت", "وضعیت پاسخ", "وضعیت پرونده",
                  "وضعیت رسیدگی", "وضعیت پیگیری", "status")
DONE_STATUSES = ("پاسخ داده شده", "پاسخ داده شد", "پاسخ نهایی", "پاسخ نهایی داده شده",
                 "پاسخ داده شده و مختومه", "مختومه", "مختومه شده", "بسته", "بسته شده",
                 "خاتمه یافته", "پایان یافته", "انجام شده", "رسیدگی شده", "حل شده",
                 RequestStatus.ANSWERED.label, RequestStatus.CLOSED.label,
                 "answered", "closed", "done")
OPEN_STATUSES = ("جدید", "ثبت شده", "ثبت اولیه", "باز", "در انتظار بررسی", "در حال بررسی",
                 "در دست بررسی", "در جریان", "در حال رسیدگی", "در دست رسیدگی", "در دست اقدام",
                 "در حال اقدام", "در انتظار پاسخ", "در انتظار پاسخ دستگاه", "ارجاع", "ارجاع شده",
                 "ارجاع به دستگاه", "ارجاع شده به دستگاه", "بازگشایی شده", "معوق",
                 "خارج از مهلت", "پاسخ داده نشده", "بدون پاسخ", "عدم پاسخ",
                 *(s.label for s in RequestStatus
                   if s not in (RequestStatus.ANSWERED, RequestStatus.CLOSED)),
                 "open", "pending", "new", "in_review", "referred", "awaiting_agency", "reopened")
_STATE = {**{header_key(s): False for s in OPEN_STATUSES},
          **{header_key(s): True for s in DONE_STATUSES}}
POL_DONE = (RequestStatus.ANSWERED.value, RequestStatus.CLOSED.value)
_IN_CHUNK = 1000
_DATE_PART = re.compile(r"[\sT]")


def file_status_done(text: str) -> bool | None:
    """True for a done status cell, False for an open one, None when not known (or empty)."""
    return _STATE.get(header_key(text)) if text.strip() else None


def samad_requests():  # noqa: ANN201 - a SQL condition
    """The condition of a SAMAD request: it has a SAMAD code or came by the SAMAD channel."""
    return or_(Request.samad_code.is_not(None), Request.channel == Channel.SAMAD.value)


def reconcile(db: Database, actor: Actor, path: str | Path,
              header_map: Mapping[str, str] | None = None) -> ReconcileResult:
    """Compare the export at `path` with the requests `actor` may see."""
    f = read_rows(path, header_map)
    if "samad_code" in f.missing:
        shown = "، ".join(f"«{h}»" for h in f.headers if h) or "—"
        raise ValidationError({"samad_code": msg.column_missing(FIELD_LABELS["samad_code"],
                                                                shown)})
    status_at = find_column(f.headers, STATUS_HEADERS)
    checker = RowChecker(reference.counties(db), reference.agencies(db))
    limited = actor.counties if scope.is_scoped(actor) else None
    ours: dict[str, str] = {}  # code -> status cell, for the rows in the actor's scope
    every: set[str] = set()  # every code of the file
    first: date | None = None
    last: date | None = None
    rows = no_code = out_of_scope = damaged = repeated = 0
    days = _Days(checker)
    statuses: dict[object, str] = {}  # a few distinct status cells repeat on every row
    for raw in f.iter_rows({"status": status_at} if status_at is not None else None):
        rows += 1
        if raw.damaged:
            damaged += 1
            continue
        v = raw.values
        day = days.of(v.get("received_at"))
        if day is not None:
            first = day if first is None or day < first else first
            last = day if last is None or day > last else last
        cell = v.get("samad_code")
        code = cell if isinstance(cell, str) and cell.isascii() and cell.isalnum() \
            else persian.canonical_code(cell_text(cell))
        if not code:
            no_code += 1
            continue
        if code in every:
            repeated += 1
            continue
        every.add(code)
        if limited is not None and checker.county_of(v.get("county")) not in limited:
            out_of_scope += 1
            continue
        status = v.get("status")
        if status not in statuses:
            statuses[status] = cell_text(status)
        ours[code] = statuses[status]
    day_from, day_to = first, last
    with scope.read(db, actor) as s:
        found = _requests_by_code(s, ours)
        pol_only, no_codes = ([], []) if day_from is None or day_to is None else \
            _pol_in_range(s, day_from, day_to, every)
    diffs: list[StatusDiff] = []
    unknown: dict[str, str] = {}
    states = {text: file_status_done(text) for text in set(statuses.values())}
    for code, text in ours.items():
        if code not in found:
            continue
        done = states[text]
        if done is None:
            if text.strip():
                unknown.setdefault(header_key(text), text)
            continue
        tracking, status = found[code]
        if (status in POL_DONE) != done:
            diffs.append(StatusDiff(code, tracking, RequestStatus(status).label, text,
                                    status in POL_DONE))
    diffs.sort(key=lambda d: d.code)
    return ReconcileResult(
        sorted(c for c in ours if c not in found), sorted(pol_only), diffs, rows, len(found),
        day_from, day_to, f.headers[status_at] if status_at is not None else None,
        sorted(no_codes), no_code, out_of_scope, damaged, repeated, list(unknown.values()),
        _warnings(status_at is None, day_from is None, damaged, no_code))


class _Days:
    """The Tehran day of a received-date cell, as the import reads it, remembered by the cell's
    date part: only the file's first and last days matter, and a day repeats on many rows."""

    def __init__(self, checker: RowChecker) -> None:
        self.checker = checker
        self.memo: dict[str, date | None] = {}

    def of(self, value: Cell) -> date | None:
        """The day, or None when the cell holds no readable date."""
        if isinstance(value, datetime):  # an Excel date cell: Tehran wall-clock time
            return value.date()
        if isinstance(value, date):
            return value
        text = cell_text(value)
        part = _DATE_PART.split(text, maxsplit=1)[0] if text else ""
        if part not in self.memo:
            when = self.checker.received(part) if part else None
            self.memo[part] = jalali.to_tehran(when).date() if when else None
        day = self.memo[part]
        if day is None and text and text != part:  # «10:00 1405/08/01»: read it whole
            when = self.checker.received(text)
            day = jalali.to_tehran(when).date() if when else None
        return day


def _requests_by_code(s, codes: Iterable[str]) -> dict[str, tuple[str, str]]:  # noqa: ANN001
    """SAMAD code -> (tracking code, status) of the requests holding these codes."""
    wanted = sorted(codes)
    out: dict[str, tuple[str, str]] = {}
    for i in range(0, len(wanted), _IN_CHUNK):
        for code, tracking, status in s.execute(
                select(Request.samad_code, Request.tracking_code, Request.status)
                .where(Request.samad_code.in_(wanted[i:i + _IN_CHUNK]))):
            out[code] = (tracking, status)
    return out


def _pol_in_range(s, day_from: date, day_to: date,  # noqa: ANN001 - Session
                  in_file: set[str]) -> tuple[list[str], list[str]]:
    """SAMAD requests received on those days: codes not in the file; tracking codes of those
    without a SAMAD code."""
    start = jalali.tehran_to_utc(datetime.combine(day_from, time.min))
    end = jalali.tehran_to_utc(datetime.combine(day_to + timedelta(days=1), time.min))
    pol_only: list[str] = []
    no_code: list[str] = []
    for code, tracking in s.execute(
            select(Request.samad_code, Request.tracking_code)
            .where(samad_requests(), Request.received_at >= start, Request.received_at < end)):
        if code is None:
            no_code.append(tracking)
        elif code not in in_file:
            pol_only.append(code)
    return pol_only, no_code


def _warnings(no_status: bool, no_dates: bool, damaged: int, no_code: int) -> list[str]:
    """What the reader of the result must know about the file (Persian)."""
    out = []
    if no_status:
        out.append("ستون وضعیت در فایل پیدا نشد؛ وضعیت‌ها مقایسه نشد.")
    if no_dates:
        out.append("هیچ تاریخ ثبت خوانایی در فایل نبود؛ درخواست‌های فقط در پل فهرست نشد.")
    if damaged:
        out.append(f"{fa(damaged)} ردیف به سبب بایت‌های خراب فایل کنار گذاشته شد.")
    if no_code:
        out.append(f"{fa(no_code)} ردیف کد رهگیری سامد نداشت و کنار گذاشته شد.")
    return out
