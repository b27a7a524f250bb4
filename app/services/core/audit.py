"""The audit trail: append an event in the caller's transaction, verify the hash chain."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from app.models import AuditEvent, User
from app.models.database import Database
from app.services.core.context import Actor
from app.services.core.dto import HistoryEntry  # noqa: F401
from app.services.core.jalali import utc_now

GENESIS = "0" * 64
# How the history timeline names each audited action.
ACTION_LABELS = {
    "create": "ثبت", "import": "ورود از سامد", "update": "ویرایش", "assign": "تعیین کارشناس",
    "answer": "پاسخ مستقیم", "deep_rooted": "تغییر وضعیت ریشه‌دار", "actions": "ثبت اقدامات",
    "close": "مختومه شد", "reopen": "بازگشایی", "refer": "ارجاع به دستگاه",
    "link": "پیوند با درخواست دیگر", "unlink": "حذف پیوند",
    "referral_response": "پاسخ دستگاه", "referral_withdraw": "استرداد ارجاع",
    "response": "ثبت پاسخ دستگاه", "withdraw": "استرداد", "follow_up": "پیگیری",
    "attendee": "پذیرش در دیدار", "cancel": "لغو", "end": "پایان اعتبار",
    "extend": "تمدید مهلت", "escalate": "ارجاع به بازرسی", "review": "نظر بازرسی",
    "role": "تغییر نقش", "active": "فعال یا غیرفعال شدن حساب", "password": "بازنشانی گذرواژه",
    "lock_minutes": "تغییر زمان قفل خودکار", "bulk_load": "بارگذاری داده‌های نمایشی",
    "objection": "ثبت اعتراض شهروند", "uphold": "پذیرش اعتراض", "reject": "رد اعتراض",
    "call": "تماس رضایت",
    # Issue 13 part 5: the clock stops while the citizen owes papers.
    "pause": "توقف مهلت (در انتظار مدارک شهروند)", "resume": "ادامهٔ مهلت",
    "referral_pause": "توقف مهلت ارجاع", "referral_resume": "ادامهٔ مهلت ارجاع",
    "attach": "افزودن پیوست", "detach": "حذف پیوست",  # issue 13 §4
}
# Derived columns (the search text, the stored repeat finding) and secrets stay out of history.
_SKIP = {"search_key", "password_hash", "repeat_of"}


def snapshot(obj: object) -> dict[str, Any]:
    """The column values of an ORM object as JSON-safe data (for before/after)."""
    mapper = sa_inspect(obj).mapper  # type: ignore[union-attr]
    out: dict[str, Any] = {}
    for attr in mapper.column_attrs:
        if attr.key in _SKIP:
            continue
        out[attr.key] = _json_safe(getattr(obj, attr.key))
    return out


def _json_safe(value: Any) -> Any:
    """Dates and times as ISO text; everything else as it is."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def canonical(data: dict[str, Any] | None) -> str:
    """Stable JSON text (sorted keys, no spaces) so the hash does not depend on dict order."""
    if data is None:
        return ""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def event_hash(prev_hash: str, at: datetime, user_id: int | None, username: str, entity: str,
               entity_id: int | None, action: str, before: str, after: str) -> str:
    """SHA-256 over the previous hash and every field of the event."""
    payload = "\x1f".join(
        [prev_hash, at.isoformat(), str(user_id or ""), username, entity, str(entity_id or ""),
         action, before, after]
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def chain_head(session: Session) -> str:
    """Hash of the newest event, or the genesis hash."""
    last = session.execute(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
    return last.scalar_one_or_none() or GENESIS


def record(session: Session, actor: Actor, entity: str, entity_id: int | None, action: str,
           before: dict[str, Any] | None, after: dict[str, Any] | None) -> AuditEvent:
    """Append one event to the chain inside the caller's write transaction."""
    # Writers are serialised (SQLite: BEGIN IMMEDIATE; PostgreSQL: the advisory lock taken in
    # Database.write), so reading the head here cannot race with another desktop.
    prev = chain_head(session)
    at = utc_now()
    b, a = canonical(before), canonical(after)
    ev = AuditEvent(
        at=at, user_id=actor.user_id, username=actor.username, entity=entity,
        entity_id=entity_id, action=action, before=b, after=a, prev_hash=prev,
        hash=event_hash(prev, at, actor.user_id, actor.username, entity, entity_id, action, b, a),
    )
    session.add(ev)
    session.flush()
    return ev


@dataclass(frozen=True)
class ChainReport:
    """Result of verifying the audit chain."""

    ok: bool
    checked: int
    first_bad_id: int | None
    head_hash: str


def verify_chain(db: Database, batch: int = 5000) -> ChainReport:
    """Recompute every hash in order; report the first event whose content or link was altered."""
    prev = GENESIS
    checked = 0
    last_id = 0
    with db.read() as s:
        while True:
            rows = s.execute(
                select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id)
                .limit(batch)
            ).scalars().all()
            if not rows:
                return ChainReport(True, checked, None, prev)
            for ev in rows:
                expected = event_hash(prev, ev.at, ev.user_id, ev.username, ev.entity,
                                      ev.entity_id, ev.action, ev.before, ev.after)
                if ev.prev_hash != prev or ev.hash != expected:
                    return ChainReport(False, checked, ev.id, prev)
                prev = ev.hash
                checked += 1
                last_id = ev.id
            s.expunge_all()


def head_hash(db: Database) -> str:
    """Hash of the newest audit event (printed on the quarterly report)."""
    with db.read() as s:
        return chain_head(s)


def head_and_count(db: Database) -> tuple[str, int]:
    """The newest event's hash and the number of events, read in one transaction."""
    with db.read() as s:
        return chain_head(s), int(s.scalar(select(func.count()).select_from(AuditEvent)) or 0)


def history(db: Database, entity: str, entity_id: int) -> list[HistoryEntry]:
    """Every audit event of one record, oldest first, naming each person by their full name."""
    with db.read() as s:
        rows = s.execute(
            select(AuditEvent, User.full_name)
            .outerjoin(User, User.id == AuditEvent.user_id)
            .where(AuditEvent.entity == entity, AuditEvent.entity_id == entity_id)
            .order_by(AuditEvent.id)
        ).all()
        return [
            HistoryEntry(r.at, r.username, r.action, json.loads(r.before or "{}"),
                         json.loads(r.after or "{}"), who=(full_name or "").strip() or r.username,
                         label=ACTION_LABELS.get(r.action, r.action))
            for r, full_name in rows
        ]
