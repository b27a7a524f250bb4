"""One versioned change: load a row, check its version, apply, flush, audit, return plain data.

Every use case that edits an existing record under optimistic concurrency goes through
`change`, so the version check, the conflict message and the audit trail are written once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.errors import ConflictError, NotFound
from app.models.database import Database
from app.services.core import audit, scope
from app.services.core.context import Actor, require

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Entity(Generic[T]):
    """How one kind of record is loaded, named in messages and written to the audit trail."""

    model: type[T]
    kind: str  # the audit trail's entity name, e.g. "request"
    noun: str  # Persian, for "… not found", e.g. «درخواست»
    this: str  # Persian, for the conflict message, e.g. «این درخواست»
    permission: str  # the permission a change needs, e.g. "request.write"


@dataclass
class Work(Generic[T]):
    """The open transaction of one change: the loaded row and what else it touches."""

    session: Session
    row: T
    _created: list[tuple[object, str]] = field(default_factory=list)
    _tracked: list[tuple[object, str, str, dict[str, Any]]] = field(default_factory=list)

    def created(self, obj: object, kind: str) -> None:
        """Audit `obj` as newly created (recorded before the main row's event)."""
        self._created.append((obj, kind))

    def track(self, obj: object, kind: str, action: str) -> None:
        """Audit `obj` under `action` after the main row, if the change alters it."""
        self._tracked.append((obj, kind, action, audit.snapshot(obj)))


def change(db: Database, actor: Actor, entity: Entity[T], row_id: int, expected_version: int,
           action: str, apply: Callable[[Work[T]], None], result: Callable[[Work[T]], R], *,
           note: str = "", autoflush: bool = False,
           flush: Callable[[Session], None] | None = None) -> R:
    """Load → check the version → apply → flush → audit → result, in one transaction.

    A stale version (here or at flush time) becomes ConflictError; a missing row NotFound.
    With `autoflush` False the changes are flushed once, so the version moves by exactly one.
    """
    require(actor, entity.permission)
    try:
        with db.write() as s:
            scope.limit(s, actor)  # a row outside the actor's counties is not found
            row = s.get(entity.model, row_id)
            if row is None:
                raise NotFound(entity.noun)
            if row.version != expected_version:
                raise ConflictError(entity.this)
            work = Work(s, row)
            before = audit.snapshot(row)
            if autoflush:
                apply(work)
            else:
                with s.no_autoflush:
                    apply(work)
            (flush or Session.flush)(s)
            for obj, kind in work._created:
                audit.record(s, actor, kind, obj.id, "create", None,
                             audit.snapshot(obj))
            after = audit.snapshot(row)
            if note:
                after["note"] = note  # the reason, for the history timeline
            audit.record(s, actor, entity.kind, row.id, action, before, after)
            for obj, kind, tracked_action, tracked_before in work._tracked:
                tracked_after = audit.snapshot(obj)
                if tracked_after != tracked_before:
                    audit.record(s, actor, kind, obj.id, tracked_action,
                                 tracked_before, tracked_after)
            return result(work)
    except StaleDataError as exc:
        raise ConflictError(entity.this) from exc
