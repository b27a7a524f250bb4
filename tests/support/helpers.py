"""Small builders for database tests (real databases, no mocks)."""

from __future__ import annotations

from datetime import datetime

from app.models.enums import Channel, RequestType, Role
from app.services.core.context import SYSTEM, Actor
from app.services.core.persian import national_id_check_digit
from app.services.core.users import actor_of
from app.services.registry import Services
from app.services.requests.dto import CitizenInput, NewRequest, RequestDetail


def valid_nid(prefix: str) -> str:
    """A valid national ID whose first nine digits are `prefix`."""
    return prefix + national_id_check_digit(prefix)


def make_actor(services: Services, name: str, role: Role = Role.OPERATOR) -> Actor:
    """A real user of the given role, as an Actor."""
    return actor_of(services.users.add(SYSTEM, name, "secret-1", role, f"کاربر {name}"))


def county_id(services: Services, name: str = "تبریز") -> int:
    """The id of a county by name."""
    from app.services.core.reference import counties

    return next(c.id for c in counties(services.db) if c.name == name)


def agency_id(services: Services, name: str = "شرکت آب و فاضلاب") -> int:
    """The id of an agency by name."""
    from app.services.core.reference import agencies

    return next(a.id for a in agencies(services.db) if a.name == name)


def register(services: Services, actor: Actor, subject: str = "قطعی مکرر آب آشامیدنی",
             body: str = "آب محله از دیروز قطع است و پاسخی داده نمی‌شود.",
             nid: str | None = None, received_at: datetime | None = None,
             channel: str = Channel.WALK_IN, agency: str = "شرکت آب و فاضلاب",
             first_name: str = "زهرا", last_name: str = "قاسم‌زاده") -> RequestDetail:
    """Register one request through the service, with a citizen."""
    return services.requests.register(actor, NewRequest(
        channel=channel, type=RequestType.COMPLAINT, subject=subject, body=body,
        county_id=county_id(services), agency_id=agency_id(services, agency),
        received_at=received_at,
        citizen=CitizenInput(national_id=nid or valid_nid("001354241"), first_name=first_name,
                             last_name=last_name, mobile="۰۹۱۲۱۲۳۴۵۶۷"),
    ))
