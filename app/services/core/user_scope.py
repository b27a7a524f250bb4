"""A user's counties (user_county): read with the account, set by an administrator, audited.

A user with no counties is the province's staff and sees everything; a user with some is a
فرمانداری's staff, limited to them by the services (core.scope) and, on PostgreSQL, by the
server's row-level security (app.models.server.scope).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, object_session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from app.errors import ConflictError, NotFound, ValidationError
from app.models import County, User, UserCounty
from app.models.database import Database
from app.services.core import audit
from app.services.core import messages as msg
from app.services.core.context import Actor, require

T = TypeVar("T")


def county_rows(s: Session, user_id: int) -> list[tuple[int, str]]:
    """The (id, name) of a user's counties, by id."""
    return [(cid, name) for cid, name in s.execute(
        select(County.id, County.name).join(UserCounty, UserCounty.county_id == County.id)
        .where(UserCounty.user_id == user_id).order_by(County.id)).all()]


def counties_of(u: User) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """The ids and names of a loaded user's counties (read in the user's own session)."""
    s = object_session(u)
    if s is None or u.id is None:
        return (), ()
    rows = county_rows(s, u.id)
    return tuple(r[0] for r in rows), tuple(r[1] for r in rows)


def set_counties(db: Database, actor: Actor, user_id: int, county_ids: Iterable[int],
                 expected_version: int | None, info: Callable[[User], T]) -> T:
    """Replace a user's counties under audit; the account's version moves by one."""
    require(actor, "users.manage")
    wanted = sorted(set(county_ids))
    try:
        with db.write() as s:
            u = s.get(User, user_id)
            if u is None:
                raise NotFound(msg.USER)
            if expected_version is not None and u.version != expected_version:
                raise ConflictError(msg.THIS_ACCOUNT)
            known = set(s.scalars(select(County.id).where(County.id.in_(wanted)))) \
                if wanted else set()
            if len(known) != len(wanted):
                raise ValidationError({"counties": msg.COUNTY_UNKNOWN})
            before = [cid for cid, _ in county_rows(s, user_id)]
            if before == wanted:
                return info(u)
            s.execute(delete(UserCounty).where(UserCounty.user_id == user_id))
            s.add_all(UserCounty(user_id=user_id, county_id=cid) for cid in wanted)
            # Touch the account so its version moves: a dialog holding the old copy conflicts.
            flag_modified(u, "full_name")
            s.flush()
            audit.record(s, actor, "user", u.id, "counties", {"counties": before},
                         {"counties": wanted})
            return info(u)
    except StaleDataError as exc:
        raise ConflictError(msg.THIS_ACCOUNT) from exc
