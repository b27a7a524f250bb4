"""Tracking codes: reserved from the database's own counter, safe with many desktops at once."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def reserve_request_ids(session: Session, count: int) -> list[int]:
    """Reserve `count` fresh request ids inside the caller's write transaction.

    PostgreSQL: the identity sequence hands out ids atomically across connections.
    SQLite: the write transaction holds the database's single write lock (BEGIN IMMEDIATE), so
    reading the AUTOINCREMENT counter and inserting cannot interleave with another writer; the
    counter (sqlite_sequence) also never reuses an id after a delete, unlike max(id)+1.
    """
    if count <= 0:
        return []
    if session.get_bind().dialect.name == "postgresql":
        rows = session.execute(
            text("SELECT nextval(pg_get_serial_sequence('request', 'id')) FROM generate_series(1, :n)"),
            {"n": count},
        )
        return [r[0] for r in rows]
    start = session.execute(
        text("SELECT seq FROM sqlite_sequence WHERE name = 'request'")
    ).scalar_one_or_none() or 0
    ids = list(range(start + 1, start + count + 1))
    # Move the counter now, so a second reservation in the same transaction gets new ids.
    if start:
        session.execute(text("UPDATE sqlite_sequence SET seq = :s WHERE name = 'request'"),
                        {"s": ids[-1]})
    else:
        session.execute(text("INSERT INTO sqlite_sequence (name, seq) VALUES ('request', :s)"),
                        {"s": ids[-1]})
    return ids


def check_digit(digits: str) -> str:
    """Luhn check digit, so a mistyped code is caught when read back over the phone."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def make_tracking_code(request_id: int, jalali_year: int) -> str:
    """Human-friendly code such as «1405-0001234-7»: year, id and a check digit."""
    body = f"{jalali_year}{request_id:07d}"
    return f"{jalali_year}-{request_id:07d}-{check_digit(body)}"


def is_valid_tracking_code(code: str) -> bool:
    """True when a code has the right shape and check digit."""
    parts = code.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return False
    return check_digit(parts[0] + parts[1]) == parts[2]
