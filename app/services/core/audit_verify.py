"""`audit verify`: the hash chain, a printed head still on it, and changes made outside Pol."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text

from app.errors import PolError, ValidationError
from app.models import AuditEvent
from app.models.database import Database
from app.services.core import audit, jalali, persian
from app.services.core import messages as msg

HEAD_FIELD = "head"
SHORT_HEAD = 16  # hex digits printed on the quarterly report
LIST_LIMIT = 1000  # unexplained changes listed; the total is always counted
LINES_PER_TRANSACTION = 20  # the Persian report lists at most this many changes of one transaction
TABLE_LABELS = {
    "request": "درخواست", "request_link": "پیوند درخواست", "referral": "ارجاع",
    "referral_event": "پیگیری ارجاع", "meeting": "دیدار", "meeting_attendee": "پذیرش در دیدار",
    "meeting_directive": "دستور دیدار", "meeting_schedule": "روز ملاقات هفتگی",
    "citizen": "شهروند", "review": "نظر بازرسی",
}
ACTION_LABELS = {"INSERT": "درج", "UPDATE": "ویرایش", "DELETE": "حذف"}
_HEX = re.compile(r"^[0-9a-f]+$")


@dataclass(frozen=True)
class UnexplainedChange:
    """One row change the database logged with no Pol audit event in its transaction."""

    tx: int
    login: str
    at: datetime
    table: str
    row_id: int | None
    action: str
    columns: str

    def to_json(self) -> dict[str, Any]:
        """The fields `audit verify --json` prints."""
        return {"login": self.login, "at": self.at.isoformat(), "table": self.table,
                "row_id": self.row_id, "action": self.action, "columns": self.columns}


@dataclass(frozen=True)
class VerifyReport:
    """What `audit verify` found."""

    chain: audit.ChainReport
    events: int
    head: str | None = None
    head_found: bool | None = None  # None when no head was given
    events_after_head: int = 0
    unexplained: list[UnexplainedChange] = field(default_factory=list)
    unexplained_total: int = 0
    row_log: bool = True  # False on SQLite, which keeps no row log

    @property
    def ok(self) -> bool:
        """True when the chain is whole, the head is on it and nothing was changed outside Pol."""
        return self.chain.ok and self.head_found is not False and self.unexplained_total == 0

    def to_json(self) -> dict[str, Any]:
        """The report as `audit verify --json` prints it."""
        return {"ok": self.ok, "chain_ok": self.chain.ok, "events": self.events,
                "first_bad_id": self.chain.first_bad_id, "head_hash": self.chain.head_hash,
                "head": self.head, "head_found": self.head_found,
                "unexplained": [c.to_json() for c in self.unexplained],
                "unexplained_total": self.unexplained_total, "row_log": self.row_log}

    def lines(self) -> list[str]:
        """The report in Persian, one line per finding."""
        out = [msg.chain_ok(self.events) if self.chain.ok
               else msg.chain_broken(self.chain.checked, self.chain.first_bad_id)]
        if self.head is not None:
            out.append(msg.head_found(self.head, self.events_after_head) if self.head_found
                       else msg.head_missing(self.head))
        if not self.row_log:
            out.append(msg.NO_ROW_LOG)
            return out
        if not self.unexplained_total:
            out.append(msg.unexplained_none())
            return out
        groups = group_by_transaction(self.unexplained)
        out.append(msg.unexplained_count(self.unexplained_total, len(groups)))
        for changes in groups:
            first = changes[0]
            out.append(msg.unexplained_transaction(first.login, when(first.at), len(changes)))
            out.extend(f"  {describe(c)}" for c in changes[:LINES_PER_TRANSACTION])
            if len(changes) > LINES_PER_TRANSACTION:
                out.append(f"  {msg.unexplained_more(len(changes) - LINES_PER_TRANSACTION)}")
        if self.unexplained_total > len(self.unexplained):
            out.append(msg.unexplained_more(self.unexplained_total - len(self.unexplained)))
        return out


def when(at: datetime) -> str:
    """A server time as Jalali date and Tehran wall-clock time."""
    return jalali.format_jalali_datetime(at)


def describe(c: UnexplainedChange) -> str:
    """One change in Persian: «ویرایش درخواست ۱۲ (ستون‌ها: status, subject)»."""
    what = f"{ACTION_LABELS.get(c.action, c.action)} {TABLE_LABELS.get(c.table, c.table)}"
    if c.row_id is not None:
        what += f" {persian.to_persian_digits(c.row_id)}"
    if c.columns:
        what += f" (ستون‌ها: {persian.ltr(c.columns.replace(',', ', '))})"
    return what


def group_by_transaction(changes: Sequence[UnexplainedChange]) -> list[list[UnexplainedChange]]:
    """Changes grouped per transaction, in the order their transactions first appear."""
    groups: dict[int, list[UnexplainedChange]] = {}
    for c in changes:
        groups.setdefault(c.tx, []).append(c)
    return list(groups.values())


def normalize_head(value: str) -> str:
    """A head hash as typed or pasted: lower-case hex, spaces and marks gone; 16 or 64 digits."""
    head = persian.canonical_code(value).lower()
    if len(head) not in (SHORT_HEAD, 64) or not _HEX.match(head):
        raise ValidationError({HEAD_FIELD: msg.HEAD_INVALID})
    return head


def find_head(db: Database, head: str) -> tuple[bool, int]:
    """Whether an event with this hash (or hash prefix) is on the chain; events after it."""
    head = normalize_head(head)
    column = AuditEvent.hash if len(head) == 64 else func.substr(AuditEvent.hash, 1, SHORT_HEAD)
    with db.read() as s:
        if audit.GENESIS.startswith(head):  # printed on a report of a database with no events
            return True, int(s.scalar(select(func.count()).select_from(AuditEvent)) or 0)
        event_id = s.scalar(select(func.min(AuditEvent.id)).where(column == head))
        if event_id is None:
            return False, 0
        newer = s.scalar(select(func.count()).select_from(AuditEvent)
                         .where(AuditEvent.id > event_id))
        return True, int(newer or 0)


def unexplained_changes(db: Database, limit: int = LIST_LIMIT
                        ) -> tuple[list[UnexplainedChange], int]:
    """Row changes with no audit event in their transaction (PostgreSQL), and their number."""
    if not db.is_postgresql:
        return [], 0  # no other client shares a SQLite file; its row log stays empty
    with db.read() as s:
        if not s.execute(text("SELECT has_table_privilege('row_change', 'SELECT')")).scalar():
            raise PolError(msg.ROW_LOG_NOT_READABLE)
        # A hash anti-join on the transaction, materialised first so that ORDER BY ... LIMIT
        # cannot turn it into a probe per row; the window counts every orphan, listed or not.
        rows = s.execute(text(
            "WITH orphan AS MATERIALIZED (SELECT rc.id, rc.tx, rc.login, rc.at, rc.table_name, "
            "rc.row_id, rc.action, rc.columns FROM row_change rc WHERE NOT EXISTS "
            "(SELECT 1 FROM audit_event ae WHERE ae.tx = rc.tx)) "
            "SELECT tx, login, at, table_name, row_id, action, columns, count(*) OVER () "
            "FROM orphan ORDER BY id LIMIT :n"), {"n": limit}).all()
    total = rows[0][-1] if rows else 0
    return [UnexplainedChange(*r[:-1]) for r in rows], int(total)


def verify(db: Database, head: str | None = None, limit: int = LIST_LIMIT) -> VerifyReport:
    """Check the chain, the printed head (when given) and the row log against the audit trail."""
    shown = normalize_head(head) if head is not None else None
    chain = audit.verify_chain(db)
    with db.read() as s:
        events = int(s.scalar(select(func.count()).select_from(AuditEvent)) or 0)
    found, newer = find_head(db, shown) if shown is not None else (None, 0)
    changes, total = unexplained_changes(db, limit)
    return VerifyReport(chain, events, shown, found, newer, changes, total,
                        row_log=db.is_postgresql)
