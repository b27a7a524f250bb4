"""request.repeat_of: each request's latest earlier request of the same person on the same
matter (measure.latest_same_matter), stored so that the quarterly report only counts.

The finding is made when a request is registered (intake form, meeting day, SAMAD import) and
made again where it can change: a request's subject or body edited, a request registered with
an earlier receipt date than the person's later ones, the office's threshold or window changed
(everything, in the settings' own transaction), and once for every request by migration 0016f.
Only requests the actor may see are read and written (the session's county scope).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import bindparam, select, union, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from app.models import Citizen, Request, Setting
from app.services.core import persian
from app.services.core.office.dto import spec as office_spec
from app.services.requests.repeats.measure import Item, latest_same_matter, person_keys

_IN = 2000  # values per IN (…) query
_BATCH = 20_000  # requests compared at a time by refresh_all
_TABLE = Request.__table__


def refresh(s: Session, citizen_ids: Iterable[int | None],
            since: tuple[datetime, int] | None = None) -> int:
    """Find again the repeat_of of these citizens' persons' requests received at or after
    `since` (all without it). Returns how many stored values changed."""
    ids = sorted({c for c in citizen_ids if c is not None})
    changed = 0
    for k in range(0, len(ids), _IN):
        chunk = ids[k:k + _IN]
        # The persons: these citizen rows and the rows sharing a mobile with them, and all
        # their requests, in one statement (a registration's cost is a handful of statements).
        shared = select(Citizen.mobile).where(Citizen.id.in_(chunk), Citizen.mobile.is_not(None))
        # The persons' citizen ids first, as a UNION (each half by its own index), then their
        # requests by ix_request_citizen_received: an OR made PostgreSQL scan every request
        # (73 ms a registration at 100,000 requests, issue 14's batch benchmark; 2 ms so).
        persons = union(select(Citizen.id).where(Citizen.id.in_(chunk)),
                        select(Citizen.id).where(Citizen.mobile.in_(shared)))
        rows = s.execute(select(*_COLUMNS, Citizen.mobile)
                         .join(Citizen, Citizen.id == Request.citizen_id)
                         .where(Request.citizen_id.in_(persons))).all()
        keys = person_keys({(r.citizen_id, r.mobile) for r in rows})
        changed += _find_and_store(s, rows, keys, since)
    return changed


def refresh_all(s: Session) -> int:
    """Find again every request's repeat_of (a changed threshold or window, the migration)."""
    counts: dict[int, int] = {}
    for (cid,) in s.execute(select(Request.citizen_id).where(Request.citizen_id.is_not(None))):
        counts[cid] = counts.get(cid, 0) + 1
    # A person's rows: the same row, or rows sharing a mobile (person_keys).
    citizens = s.execute(select(Citizen.id, Citizen.mobile)
                         .where(Citizen.id.in_(select(Request.citizen_id)))).all()
    keys = person_keys(citizens)
    per_person: dict[int, int] = {}
    for cid, n in counts.items():
        per_person[keys.get(cid, cid)] = per_person.get(keys.get(cid, cid), 0) + n
    wanted = {cid: key for cid, key in keys.items() if per_person.get(key, 0) > 1}
    # Whole persons at a time, about _BATCH requests each: the texts of a large office's
    # every request are never in memory at once.
    by_person: dict[int, list[int]] = {}
    for cid, key in wanted.items():
        by_person.setdefault(key, []).append(cid)
    changed, batch, size = 0, {}, 0
    for key, cids in by_person.items():
        batch.update(dict.fromkeys(cids, key))
        size += per_person[key]
        if size >= _BATCH:
            changed += _refind(s, batch, None)
            batch, size = {}, 0
    changed += _refind(s, batch, None) if batch else 0
    # A request whose person has no other request repeats nothing.
    lone = [rid for rid, cid in s.execute(select(Request.id, Request.citizen_id)
                                          .where(Request.repeat_of.is_not(None)))
            if cid not in wanted]
    return changed + _write(s, dict.fromkeys(lone))


def _refind(s: Session, keys: dict[int, int], since: tuple[datetime, int] | None) -> int:
    """Compute the findings of these citizens' requests (citizen id -> person key) and store
    the ones that differ."""
    cids = sorted(keys)
    rows = []
    for k in range(0, len(cids), _IN):
        rows += s.execute(select(*_COLUMNS).where(Request.citizen_id.in_(cids[k:k + _IN]))).all()
    return _find_and_store(s, rows, keys, since)


_COLUMNS = (Request.id, Request.citizen_id, Request.received_at, Request.closed_at,
            Request.subject, Request.body, Request.repeat_of)


def _find_and_store(s: Session, rows: Iterable, keys: dict[int, int],
                    since: tuple[datetime, int] | None) -> int:
    """The findings of these requests (rows of _COLUMNS), the ones that differ stored."""
    # A change in the caller's transaction may not be flushed yet (unit_of_work applies its
    # changes without autoflush): the session's own rows are read as the session holds them.
    loaded = {obj.id: obj for obj in s.identity_map.values() if isinstance(obj, Request)}
    items: list[Item] = []
    stored: dict[int, int | None] = {}
    for r in rows:
        x = loaded.get(r.id, r)
        items.append(Item(r.id, keys[r.citizen_id], x.received_at, x.closed_at, x.subject,
                          x.body))
        stored[r.id] = r.repeat_of
    found = latest_same_matter(items, *settings(s), since=since)
    return _write(s, {rid: v for rid, v in found.items() if stored.get(rid) != v})


_SETTINGS = ("repeat_similarity", "repeat_window_days")


def settings(s: Session) -> tuple[float, int]:
    """The office's threshold (a fraction) and window (days), read in one statement.

    A value missing, not a number or out of its bounds counts as its default, as
    office.service.read_value has it.
    """
    stored = dict(s.execute(select(Setting.key, Setting.value)
                            .where(Setting.key.in_(_SETTINGS))).all())
    values = []
    for key in _SETTINGS:
        sp = office_spec(key)
        raw = persian.to_latin_digits(persian.clean_text(stored.get(key) or ""))
        ok = raw.lstrip("-").isdigit() and sp.minimum <= int(raw) <= sp.maximum
        values.append(int(raw) if ok else int(sp.default))
    return values[0] / 100, values[1]


def _write(s: Session, changes: dict[int, int | None]) -> int:
    """Store changed findings (one executemany) and tell the session's loaded rows."""
    if not changes:
        return 0
    s.flush()
    s.execute(update(_TABLE).where(_TABLE.c.id == bindparam("rid"))
              .values(repeat_of=bindparam("rof")),
              [{"rid": rid, "rof": v} for rid, v in changes.items()])
    for obj in s.identity_map.values():
        if isinstance(obj, Request) and obj.id in changes:
            set_committed_value(obj, "repeat_of", changes[obj.id])
    return len(changes)


def settings_changed(s: Session, keys: set[str]) -> None:
    """The office changed settings: a new threshold or window finds every request's again."""
    if keys & set(_SETTINGS):
        refresh_all(s)
