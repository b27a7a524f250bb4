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
  Jalali text that looks Gregorian («2025-05-01») and dates before 1380 are refused.
- County and agency names match the reference tables after normalisation (search key without
  punctuation; «شهرستان مرند» is «مرند»).
  `name_map` {name as written -> id} serves both columns; each id must exist in its column's
  table. Unknown names come back (from rejected rows only) so a dialog can offer the mapping.
- Streaming: the file is read, checked and written in chunks of _CHUNK rows inside ONE write
  transaction (all or nothing; row numbers are the file's own). Only the codes seen so far and
  the rejections are kept across chunks, so memory stays flat however long the file is.
  Reference data is read once; existing samad codes and citizens are looked up per chunk (IN
  queries); new citizens, requests and their «import» audit events are inserted in batches,
  the events carrying exactly the hash chain audit.record would build one by one. No
  savepoints are needed: the write transaction holds the write lock (SQLite BEGIN IMMEDIATE,
  PostgreSQL advisory lock) from start to end.
- A UTF-8 file with a few damaged bytes: the rows holding them are refused by number (never
  shown as mojibake), the sound rows are imported, and a warning about the file says so.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Column, Connection, MetaData, Table, delete, func, insert, select, text
from sqlalchemy.orm import Session

from app.models import AuditEvent, Citizen, Request
from app.models.database import Database
from app.models.enums import Priority, RequestStatus
from app.services.core import audit, jalali, persian, reference, scope
from app.services.core.context import Actor, require
from app.services.requests import citizens, repeats
from app.services.requests.samad.checker import CheckedRow, GoodRow, RowChecker, Tally, fa
from app.services.requests.samad.dto import ImportPreview, ImportResult, RowError  # noqa: F401
from app.services.requests.samad.headers import (
    FIELD_LABELS,
    FIELDS,
    REQUIRED_FIELDS,
    SamadFile,
    read_rows,
    suggest_field,
)
from app.services.requests.service import request_search_key
from app.services.requests.tracking import make_tracking_code, reserve_request_ids

__all__ = [
    "FIELD_LABELS", "FIELDS", "REQUIRED_FIELDS", "ImportPreview", "ImportResult", "Progress",
    "RowError", "SamadFile", "import_samad", "preview", "read_rows", "suggest_field",
]

Progress = Callable[[int, str], None]
_IN_CHUNK = 500  # samad codes per IN (…) query
_CHUNK = 2000  # rows read, checked and written together
_STAGE = "pol_import_request"  # SQLite temporary table the requests pass through


# The columns of request holding a date or a time (audit snapshots write them as ISO text).
_DATE_COLUMNS = tuple(c.name for c in Request.__table__.columns
                      if c.type.python_type in (date, datetime))


def _checked_chunks(db: Database, f: SamadFile, name_map: Mapping[str, int] | None,
                    progress: Progress, lo: int, hi: int,
                    message: str) -> Iterator[list[CheckedRow]]:
    """Check the rows as the file is read, in chunks, reporting progress between lo and hi."""
    checker = RowChecker(reference.counties(db), reference.agencies(db), name_map)
    hint = max(1, f.size_hint)
    step = max(1, hint // 50)
    chunk: list[CheckedRow] = []
    last = lo
    for i, raw in enumerate(f.iter_rows(), 1):
        chunk.append(checker.check(raw))
        if i % step == 0:
            # The hint is only a line count: clamp, so the bar never runs backwards or past hi.
            last = max(last, min(hi - 1, lo + (hi - lo) * raw.row // hint))
            progress(last, f"{message}: ردیف {fa(raw.row)}")
        if len(chunk) >= _CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _existing_codes(session: Session, codes: Iterable[str]) -> set[str]:
    """The samad codes among `codes` that the database already holds (chunked IN queries)."""
    wanted = sorted(set(c for c in codes if c))
    found: set[str] = set()
    for i in range(0, len(wanted), _IN_CHUNK):
        chunk = wanted[i:i + _IN_CHUNK]
        found.update(session.scalars(
            select(Request.samad_code).where(Request.samad_code.in_(chunk))))
    return found


def _citizens_for(s: Session, goods: list[GoodRow],
                  now: datetime) -> list[Citizen | _NewCitizen | None]:
    """The citizen of each row: found by national ID (blanks filled) or created; all written.

    The rules of citizens.find_or_create, applied in bulk: one query per 500 national IDs and
    one batched insert, instead of a query, a savepoint and an insert per row. The savepoint
    dance is not needed here because the write transaction already holds the write lock.
    """
    nids = sorted({g.citizen.national_id for g in goods if g.citizen and g.citizen.national_id})
    known: dict[str, Citizen | _NewCitizen] = {}
    for i in range(0, len(nids), _IN_CHUNK):
        chunk = nids[i:i + _IN_CHUNK]
        known.update((c.national_id, c) for c in
                     s.scalars(select(Citizen).where(Citizen.national_id.in_(chunk))))
    out: list[Citizen | _NewCitizen | None] = []
    fresh: list[_NewCitizen] = []  # new citizens, transient until inserted below
    for g in goods:
        data = g.citizen
        if data is None:
            out.append(None)
            continue
        first, last = persian.clean_line(data.first_name), persian.clean_line(data.last_name)
        mobile = persian.normalize_mobile(data.mobile)
        nid = persian.clean_national_id(data.national_id) or None
        found = known.get(nid) if nid else None
        if found is not None:
            # Same rule as find_or_create: complete a known citizen, never erase.
            citizens.fill_blanks(found, first, last, mobile, data)  # type: ignore[arg-type]
            out.append(found)
            continue
        c = _NewCitizen(national_id=nid, first_name=first, last_name=last, mobile=mobile,
                        county_id=data.county_id, address=persian.clean_text(data.address),
                        created_at=now, version=1)
        fresh.append(c)
        if nid:
            known[nid] = c
        out.append(c)
    s.flush()  # the blanks filled in known citizens
    # New citizens go in with one executemany and ids reserved up front: the ORM would insert
    # them one statement at a time (it cannot batch RETURNING of SQLite's ids).
    for c, cid in zip(fresh, _reserve_citizen_ids(s, len(fresh)), strict=True):
        c.id = cid
    if fresh:
        _insert_rows(s.connection(), Citizen.__table__, [vars(c) for c in fresh])
    return out


class _NewCitizen:
    """A citizen row to insert: the columns of Citizen as plain attributes.

    Building an ORM Citizen per new person cost as much as inserting it; this is only data.
    """

    def __init__(self, national_id: str | None, first_name: str, last_name: str,
                 mobile: str | None, county_id: int | None, address: str, created_at: datetime,
                 version: int) -> None:
        # vars() of this object is the row: exactly the columns of the citizen table.
        self.id: int | None = None
        self.national_id, self.first_name, self.last_name = national_id, first_name, last_name
        self.mobile, self.county_id, self.address = mobile, county_id, address
        self.created_at, self.version = created_at, version


def _search_key(g: GoodRow, tracking_code: str, person: Citizen | _NewCitizen | None) -> str:
    """request_search_key of a good row: its texts are clean already, so not normalised again.

    A citizen read from the database is keyed the full way (its text is not ours to trust).
    """
    code = g.samad_code if g.samad_code.isascii() else persian.normalize(g.samad_code)
    parts = [g.subject, g.body, tracking_code, code]
    rest = ""
    if isinstance(person, _NewCitizen):
        parts += [person.first_name, person.last_name, person.national_id or "",
                  person.mobile or ""]
    elif person is not None:
        rest = request_search_key("", "", "", "", person.first_name, person.last_name,
                                  person.national_id, person.mobile)
    # The citizen's key is folded again with the rest, not glued on: a fold that looks at
    # neighbours (a thousands separator between digits) must see where the two meet.
    return persian.search_key_of_clean(" ".join(parts) + (" " + rest if rest else ""))


def _insert_rows(conn: Connection, table: Table, rows: list[dict[str, object]]) -> None:
    """Insert complete rows (every one with the same keys) with one executemany.

    On SQLite the rows go to the driver as lists, converted by the same bind processors
    SQLAlchemy would apply: its per-row parameter handling cost a tenth of a large import.
    """
    if not rows:
        return
    dialect = conn.dialect
    if dialect.name != "sqlite":
        conn.execute(insert(table), rows)
        return
    keys = list(rows[0])
    procs = [(i, p) for i, k in enumerate(keys)
             if (p := table.c[k].type.dialect_impl(dialect).bind_processor(dialect)) is not None]
    quote = dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(k) for k in keys)}) "
           f"VALUES ({', '.join('?' * len(keys))})")
    params: list[tuple[object, ...]] = []
    for row in rows:
        values = [row[k] for k in keys]
        for i, p in procs:
            values[i] = p(values[i])
        params.append(tuple(values))
    conn.exec_driver_sql(sql, params)


def _reserve_citizen_ids(s: Session, count: int) -> list[int]:
    """`count` fresh citizen ids, inside the write transaction (which holds the write lock)."""
    if count <= 0:
        return []
    if s.get_bind().dialect.name == "postgresql":
        rows = s.execute(text("SELECT nextval(pg_get_serial_sequence('citizen', 'id')) "
                              "FROM generate_series(1, :n)"), {"n": count})
        return [r[0] for r in rows]
    start = s.scalar(select(func.max(Citizen.id))) or 0
    return list(range(start + 1, start + count + 1))


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
    tally = Tally()
    with db.read() as s:
        for chunk in _checked_chunks(db, f, name_map, _quiet, 0, 100, "بررسی ردیف‌ها"):
            tally.sort(chunk, _existing_codes(s, (c.code for c in chunk)))
    return ImportPreview(f.headers, f.mapping, f.unknown_headers, tally.total, tally.importable,
                         tally.duplicates, tally.rejected, tally.unknown_counties,
                         tally.unknown_agencies, tally.warnings(done=False))


def import_samad(db: Database, actor: Actor, path: str | Path,
                 header_map: Mapping[str, str] | None = None,
                 name_map: Mapping[str, int] | None = None,
                 progress: Progress | None = None,
                 codes: Collection[str] | None = None) -> ImportResult:
    """Import a SAMAD export: good rows in ONE transaction, bad rows reported with reasons.

    `codes` (canonical SAMAD codes) keeps only the rows bearing one of them, the rest of the
    file is passed over uncounted: the reconciliation's «import the missing ones».

    The file is read, checked and written chunk by chunk (memory stays flat for any size),
    all inside one write transaction: if anything fails (including the progress callback
    raising, which is how a dialog cancels), it rolls back and the database is as it was.
    """
    require(actor, "request.write")
    report = progress or _quiet
    report(0, "خواندن فایل")
    f = _open(path, header_map)
    cal = reference.work_calendar(db)
    answer_days = int(reference.settings(db)["request_answer_days"])
    tally = Tally()
    possible: list[repeats.PossibleRepeat] = []  # shown, never linked without a person
    report(5, "ثبت درخواست‌ها")
    with db.write() as s:
        now = jalali.utc_now()
        writer = _RequestWriter(s, actor, cal, answer_days, now)
        for chunk in _checked_chunks(db, f, name_map, report, 5, 100, "ثبت درخواست‌ها"):
            if codes is not None:
                chunk = [c for c in chunk if c.code in codes]
            # Inside the write transaction (writers are serialised), so no other desktop can
            # slip the same samad code in between this check and the inserts.
            goods = tally.sort(chunk, _existing_codes(s, (c.code for c in chunk)))
            if goods:
                ids = reserve_request_ids(s, len(goods))
                people = _citizens_for(s, goods, now)
                writer.write(goods, ids, people)
                possible += repeats.import_repeats(s, goods, ids, people)
                # The stored findings (request.repeat_of) of the batch, and of the same
                # persons' requests received after the earliest of it.
                repeats.refresh(s, (p.id for p in people if p is not None),
                                since=min((g.received_at, i) for g, i in zip(goods, ids,
                                                                            strict=True)))
        writer.finish()
    n = tally.importable
    report(100, f"{fa(n)} درخواست وارد شد")
    return ImportResult(n, tally.duplicates, tally.rejected, f.unknown_headers,
                        tally.unknown_counties, tally.unknown_agencies, f.duplicate_headers,
                        tally.warnings(done=True), possible)


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
        self.stage: Table | None = None

    def write(self, goods: list[GoodRow], ids: list[int],
              people: list[Citizen | _NewCitizen | None]) -> None:
        """Insert one batch of requests and one «import» audit event for each."""
        rows: list[dict[str, object]] = []
        events: list[dict[str, object]] = []
        for g in goods:  # a فرمانداری imports only its own counties' requests (all or none)
            scope.require_county(self.actor, g.county_id)
        for g, rid, person in zip(goods, ids, people, strict=True):
            row = self._request(g, rid, person)
            rows.append(row)
            # What audit.snapshot gives for this Request (every column but the search key,
            # dates as ISO text), built from the dict: an ORM object per row cost more than
            # the insert itself.
            snap = dict(row)
            del snap["search_key"]
            for k in _DATE_COLUMNS:
                v = snap[k]
                if isinstance(v, date):
                    snap[k] = v.isoformat()
            events.append(self._event(rid, snap))
        # Core executemany: the rows are complete, the ORM's bookkeeping would only slow them
        # down. Without RETURNING both drivers run the rows in order, so the audit events get
        # ascending ids in chain order (verify_chain walks them by id).
        conn = self.s.connection()
        if conn.dialect.name == "sqlite":
            # SQLite's full-text trigger flushes its index once per statement, and an
            # executemany is one statement per row (three times slower than the rows alone).
            # Staged in a temporary table, each batch reaches `request` in one statement. The
            # temporary table is created and dropped inside this transaction.
            if self.stage is None:
                self.stage = Table(_STAGE, MetaData(), *(Column(c.name, c.type) for c in
                                                         Request.__table__.columns),
                                   prefixes=["TEMPORARY"])
                self.stage.create(conn)
            _insert_rows(conn, self.stage, rows)
            conn.execute(insert(Request.__table__).from_select(
                [c.name for c in self.stage.columns], select(self.stage)))
            conn.execute(delete(self.stage))
        else:
            conn.execute(insert(Request.__table__), rows)
        _insert_rows(conn, AuditEvent.__table__, events)

    def finish(self) -> None:
        """Drop the staging table (the transaction is still open)."""
        if self.stage is not None:
            self.stage.drop(self.s.connection())
            self.stage = None

    def _request(self, g: GoodRow, rid: int,
                 person: Citizen | _NewCitizen | None) -> dict[str, object]:
        """The column values of the request for one good row, every column of the table."""
        day = jalali.to_tehran(g.received_at).date()
        if day not in self.by_day:
            self.by_day[day] = (jalali.to_jalali(day)[0],
                                self.cal.add_working_days(day, self.answer_days))
        year, deadline = self.by_day[day]
        tracking_code = make_tracking_code(rid, year)
        req: dict[str, object] = dict(
            id=rid, version=1, tracking_code=tracking_code,
            # Cells were read through clean_text(multiline=True) (samad_columns.cell_text) and the
            # code is canonical already (samad_columns.check_row), as the duplicate check compared it.
            samad_code=g.samad_code, channel=g.channel, type=g.type, subject=g.subject,
            body=g.body,
            citizen_id=person.id if person else None,
            county_id=g.county_id or (person.county_id if person else None),
            agency_id=g.agency_id, received_at=g.received_at, status=RequestStatus.NEW.value,
            priority=Priority.NORMAL.value, assignee_id=None, deadline=deadline,
            deep_rooted=False, resolution=None, answer_text="", answered_at=None,
            closed_at=None, satisfaction=None, meeting_id=None, event_id=None, actions_taken="",
            created_at=self.now, created_by=self.actor.user_id,
        )
        req["search_key"] = _search_key(g, tracking_code, person)
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
