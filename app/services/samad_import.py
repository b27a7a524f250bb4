"""SAMAD import: check the rows of a SAMAD export and register the good ones in one transaction.

Decisions (see also samad_columns):
- One RowError per rejected row: `field` is its first bad field (in column order) and `message`
  holds every reason found in that row, joined by «؛». So imported + duplicates + len(rejected)
  is the number of non-empty data rows.
- The SAMAD tracking code (Latin digits, no spaces) is the key. A row whose code is already in
  the database, or was accepted earlier in the same file, is a duplicate whatever else it says;
  a row repeating the code of an earlier *rejected* row is checked on its own.
- Channel: an import from SAMAD is «سامانه سامد» unless the مجرا cell names another channel
  Pol knows (e.g. «سامانه ۱۱۱», «دیدار مردمی»); SAMAD's own sub-channels (web, SMS, app …) and
  empty cells stay SAMAD, so they never reject a row.
- Type: an empty cell means «درخواست»; a type Pol does not know rejects the row.
- Citizen: made (or found by national ID) when the row has a national ID, a name or a mobile;
  a row without any of them has no citizen. A mobile alone is kept on a nameless citizen rather
  than lost.
- An XLSX date cell (a real Excel date, necessarily Gregorian) is read as Tehran local time.
- County and agency names match the reference tables after normalisation (search key without
  punctuation; «شهرستان مرند» is «مرند»).
  `name_map` {name as written -> id} serves both columns; each id must exist in its column's
  table. Unknown names come back (from rejected rows only) so a dialog can offer the mapping.
- Speed (10,000 rows in a few seconds): reference data, existing samad codes (IN chunks) and
  existing citizens are read once; citizens follow find_or_create's rules but in bulk; requests
  and their «import» audit events are inserted in batches, the events carrying exactly the hash
  chain audit.record would build one by one. No savepoints are needed: the write transaction
  holds the write lock (SQLite BEGIN IMMEDIATE, PostgreSQL advisory lock) from start to end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.models import AuditEvent, Citizen, Request
from app.models.database import Database
from app.models.enums import Priority, RequestStatus
from app.services import audit, citizens, jalali, persian, reference
from app.services.context import Actor, require
from app.services.requests import build_search_key
from app.services.samad_columns import (
    FIELD_LABELS,
    FIELDS,
    REQUIRED_FIELDS,
    CheckedRow,
    GoodRow,
    RowChecker,
    SamadFile,
    header_key,
    read_rows,
    suggest_field,
)
from app.services.tracking import make_tracking_code, reserve_request_ids

__all__ = [
    "FIELD_LABELS", "FIELDS", "REQUIRED_FIELDS", "ImportPreview", "ImportResult", "Progress",
    "RowError", "SamadFile", "import_samad", "preview", "read_rows", "suggest_field",
]

Progress = Callable[[int, str], None]
_IN_CHUNK = 500  # samad codes per IN (…) query


@dataclass(frozen=True)
class RowError:
    """A rejected row: its number as the spreadsheet shows it, the field and a Persian reason."""

    row: int
    field: str
    message: str


@dataclass(frozen=True)
class ImportPreview:
    """What an import of the file would do, without writing anything."""

    headers: list[str]
    mapping: dict[str, str]  # header -> field
    unknown_headers: list[str]
    total: int  # non-empty data rows
    importable: int
    duplicates: int
    rejected: list[RowError]
    unknown_counties: list[str]  # names matching no county (offer to map them)
    unknown_agencies: list[str]


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    imported: int
    duplicates: int
    rejected: list[RowError]
    unknown_headers: list[str] = field(default_factory=list)
    unknown_counties: list[str] = field(default_factory=list)
    unknown_agencies: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """The summary the command line prints with --json."""
        return {"imported": self.imported, "duplicates": self.duplicates,
                "rejected": [{"row": e.row, "field": e.field, "message": e.message}
                             for e in self.rejected]}


@dataclass
class _Plan:
    """Rows sorted into to-import, duplicates and rejected."""

    goods: list[GoodRow]
    duplicates: int
    rejected: list[RowError]
    unknown_counties: list[str]
    unknown_agencies: list[str]


def _plan(checked: list[CheckedRow], existing: set[str]) -> _Plan:
    """Decide every row: a known code is a duplicate, else errors reject it, else import it."""
    goods: list[GoodRow] = []
    rejected: list[RowError] = []
    seen = set(existing)
    dups = 0
    names: dict[str, dict[str, str]] = {"county": {}, "agency": {}}
    for c in checked:
        if c.code and c.code in seen:
            dups += 1
        elif c.errors or c.good is None:
            rejected.append(RowError(c.row, c.errors[0][0], "؛ ".join(m for _, m in c.errors)))
            for kind, name in c.unknown:
                names[kind].setdefault(header_key(name), name)
        else:
            goods.append(c.good)
            seen.add(c.code)
    return _Plan(goods, dups, rejected, list(names["county"].values()),
                 list(names["agency"].values()))


def _check_all(db: Database, f: SamadFile, name_map: Mapping[str, int] | None,
               progress: Progress, lo: int, hi: int) -> list[CheckedRow]:
    """Check every row, reporting progress between lo and hi percent."""
    checker = RowChecker(reference.counties(db), reference.agencies(db), name_map)
    n = len(f.rows)
    step = max(1, n // 20)
    out = []
    for i, raw in enumerate(f.rows, 1):
        out.append(checker.check(raw))
        if i % step == 0 or i == n:
            progress(lo + (hi - lo) * i // n, f"بررسی ردیف‌ها: {_fa(i)} از {_fa(n)}")
    return out


def _existing_codes(session: Session, codes: Iterable[str]) -> set[str]:
    """The samad codes among `codes` that the database already holds (chunked IN queries)."""
    wanted = sorted(set(c for c in codes if c))
    found: set[str] = set()
    for i in range(0, len(wanted), _IN_CHUNK):
        chunk = wanted[i:i + _IN_CHUNK]
        found.update(session.scalars(
            select(Request.samad_code).where(Request.samad_code.in_(chunk))))
    return found


def _citizens_for(s: Session, goods: list[GoodRow], now: datetime) -> list[Citizen | None]:
    """The citizen of each row: found by national ID (blanks filled) or created; all flushed.

    The rules of citizens.find_or_create, applied in bulk: one query per 500 national IDs and
    one batched insert, instead of a query, a savepoint and an insert per row. The savepoint
    dance is not needed here because the write transaction already holds the write lock.
    """
    nids = sorted({g.citizen.national_id for g in goods if g.citizen and g.citizen.national_id})
    known: dict[str, Citizen] = {}
    for i in range(0, len(nids), _IN_CHUNK):
        chunk = nids[i:i + _IN_CHUNK]
        known.update((c.national_id, c) for c in
                     s.scalars(select(Citizen).where(Citizen.national_id.in_(chunk))))
    out: list[Citizen | None] = []
    for g in goods:
        data = g.citizen
        if data is None:
            out.append(None)
            continue
        first, last = persian.clean_text(data.first_name), persian.clean_text(data.last_name)
        mobile = persian.normalize_mobile(data.mobile)
        nid = persian.clean_national_id(data.national_id) or None
        found = known.get(nid) if nid else None
        if found is not None:
            # Same rule as find_or_create: complete a known citizen, never erase.
            citizens.fill_blanks(found, first, last, mobile, data)
            out.append(found)
            continue
        c = Citizen(national_id=nid, first_name=first, last_name=last, mobile=mobile,
                    county_id=data.county_id, address=persian.clean_text(data.address),
                    created_at=now)
        s.add(c)
        if nid:
            known[nid] = c
        out.append(c)
    s.flush()
    return out


def _fa(n: int) -> str:
    """A count with Persian digits."""
    return persian.to_persian_digits(n)


def _quiet(_pct: int, _msg: str) -> None:
    """The default progress callback."""


def _open(path: str | Path, header_map: Mapping[str, str] | None) -> SamadFile:
    """Read the file and insist on the required columns."""
    f = read_rows(path, header_map)
    f.require_complete()
    return f


# --- use cases ---------------------------------------------------------------------------------


def preview(db: Database, path: str | Path, header_map: Mapping[str, str] | None = None,
            name_map: Mapping[str, int] | None = None) -> ImportPreview:
    """Check a file and say what an import would do; writes nothing."""
    f = _open(path, header_map)
    checked = _check_all(db, f, name_map, _quiet, 0, 100)
    with db.read() as s:
        existing = _existing_codes(s, (c.code for c in checked))
    plan = _plan(checked, existing)
    return ImportPreview(f.headers, f.mapping, f.unknown_headers, len(f.rows), len(plan.goods),
                         plan.duplicates, plan.rejected, plan.unknown_counties,
                         plan.unknown_agencies)


def import_samad(db: Database, actor: Actor, path: str | Path,
                 header_map: Mapping[str, str] | None = None,
                 name_map: Mapping[str, int] | None = None,
                 progress: Progress | None = None) -> ImportResult:
    """Import a SAMAD export: good rows in ONE transaction, bad rows reported with reasons.

    If anything fails while writing (including the progress callback raising, which is how a
    dialog cancels), the transaction rolls back and the database is left as it was.
    """
    require(actor, "request.write")
    report = progress or _quiet
    report(0, "خواندن فایل")
    f = _open(path, header_map)
    checked = _check_all(db, f, name_map, report, 5, 30)
    cal = reference.work_calendar(db)
    answer_days = int(reference.settings(db)["request_answer_days"])
    with db.write() as s:
        # Inside the write transaction (writers are serialised), so no other desktop can slip
        # the same samad code in between this check and the inserts.
        plan = _plan(checked, _existing_codes(s, (c.code for c in checked)))
        goods = plan.goods
        n = len(goods)
        ids = reserve_request_ids(s, n)  # all at once, for the whole file
        now = jalali.utc_now()
        people = _citizens_for(s, goods, now)
        report(40, "شهروندان ثبت شد")
        writer = _RequestWriter(s, actor, cal, answer_days, now)
        step = max(1, n // 50)
        for i in range(0, n, step):
            writer.write(goods[i:i + step], ids[i:i + step], people[i:i + step])
            done = min(n, i + step)
            report(40 + 59 * done // n, f"ثبت درخواست‌ها: {_fa(done)} از {_fa(n)}")
    report(100, f"{_fa(n)} درخواست وارد شد")
    return ImportResult(n, plan.duplicates, plan.rejected, f.unknown_headers,
                        plan.unknown_counties, plan.unknown_agencies)


class _RequestWriter:
    """Inserts requests and their audit events in batches, inside one write transaction."""

    def __init__(self, s: Session, actor: Actor, cal: jalali.WorkCalendar, answer_days: int,
                 now: datetime) -> None:
        self.s, self.actor, self.cal, self.answer_days, self.now = s, actor, cal, answer_days, now
        self.by_day: dict[date, tuple[int, date]] = {}  # local day -> (Jalali year, deadline)
        # The audit chain continues from the newest event; writers are serialised, so the head
        # cannot move under us. Events are appended in bulk with the same hashes audit.record
        # computes one by one (a statement pair per event would dominate a large import).
        self.prev_hash = audit.chain_head(s)

    def write(self, goods: list[GoodRow], ids: list[int], people: list[Citizen | None]) -> None:
        """Insert one batch of requests and one «import» audit event for each."""
        rows: list[dict[str, object]] = []
        events: list[dict[str, object]] = []
        for g, rid, person in zip(goods, ids, people, strict=True):
            req = self._request(g, rid, person)
            snap = audit.snapshot(req)
            rows.append({**snap, "received_at": req.received_at, "deadline": req.deadline,
                         "created_at": req.created_at, "search_key": req.search_key})
            events.append(self._event(req.id, snap))
        # Core executemany: the rows are complete, the ORM's bookkeeping would only slow them
        # down. Without RETURNING both drivers run the rows in order, so the audit events get
        # ascending ids in chain order (verify_chain walks them by id).
        conn = self.s.connection()
        conn.execute(insert(Request.__table__), rows)
        conn.execute(insert(AuditEvent.__table__), events)

    def _request(self, g: GoodRow, rid: int, person: Citizen | None) -> Request:
        """A transient Request (never added to the session) for one good row."""
        day = jalali.to_tehran(g.received_at).date()
        if day not in self.by_day:
            self.by_day[day] = (jalali.to_jalali(day)[0],
                                self.cal.add_working_days(day, self.answer_days))
        year, deadline = self.by_day[day]
        req = Request(
            id=rid, version=1, tracking_code=make_tracking_code(rid, year),
            # Cells were read through clean_text(multiline=True) (samad_columns.cell_text); the
            # subject is one line. The code is canonical, as the duplicate check compared it.
            samad_code=persian.canonical_code(g.samad_code), channel=g.channel, type=g.type,
            subject=persian.clean_text(g.subject), body=g.body,
            citizen_id=person.id if person else None,
            county_id=g.county_id or (person.county_id if person else None),
            agency_id=g.agency_id, received_at=g.received_at, status=RequestStatus.NEW.value,
            priority=Priority.NORMAL.value, assignee_id=None, deadline=deadline,
            deep_rooted=False, resolution=None, answer_text="", answered_at=None,
            closed_at=None, satisfaction=None, meeting_id=None, actions_taken="",
            created_at=self.now, created_by=self.actor.user_id,
        )
        req.search_key = build_search_key(req, person)
        return req

    def _event(self, request_id: int, snap: dict[str, object]) -> dict[str, object]:
        """The audit row audit.record would append for this request's import."""
        a = self.actor
        after = audit.canonical(snap)
        h = audit.event_hash(self.prev_hash, self.now, a.user_id, a.username, "request",
                             request_id, "import", "", after)
        row = {"at": self.now, "user_id": a.user_id, "username": a.username, "entity": "request",
               "entity_id": request_id, "action": "import", "before": "", "after": after,
               "prev_hash": self.prev_hash, "hash": h}
        self.prev_hash = h
        return row
