"""Who is acting, and what each role may do; every write in the services checks it here."""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import PermissionDenied
from app.models.enums import Role


@dataclass(frozen=True)
class Actor:
    """The signed-in user on whose behalf a service acts."""

    user_id: int | None
    username: str
    role: Role
    full_name: str = ""
    # The counties the user is limited to (a فرمانداری's staff); None = the whole province.
    counties: frozenset[int] | None = None


SYSTEM = Actor(user_id=None, username="system", role=Role.ADMIN, full_name="سامانه")

# Permission -> (roles allowed, Persian name of the action for the refusal message).
_PERMISSIONS: dict[str, tuple[frozenset[Role], str]] = {
    "request.write": (
        frozenset({Role.OPERATOR, Role.MANAGER, Role.ADMIN}),
        "ثبت و تغییر درخواست",
    ),
    "referral.write": (
        frozenset({Role.OPERATOR, Role.MANAGER, Role.ADMIN}),
        "ارجاع و پیگیری",
    ),
    "meeting.write": (
        frozenset({Role.OPERATOR, Role.MANAGER, Role.ADMIN}),
        "ثبت دیدار مردمی",
    ),
    "calls.write": (
        frozenset({Role.OPERATOR, Role.MANAGER, Role.ADMIN}),
        "ثبت تماس رضایت",
    ),
    "review.write": (frozenset({Role.INSPECTOR, Role.ADMIN}), "ثبت نظر بازرسی"),
    # The citizen's objection: the desk takes it down, the inspection (or a manager) decides.
    "objection.record": (
        frozenset({Role.OPERATOR, Role.MANAGER, Role.ADMIN}),
        "ثبت اعتراض شهروند",
    ),
    "objection.decide": (
        frozenset({Role.INSPECTOR, Role.MANAGER, Role.ADMIN}),
        "تصمیم دربارهٔ اعتراض شهروند",
    ),
    "users.manage": (frozenset({Role.ADMIN}), "مدیریت کاربران"),
    "reference.manage": (frozenset({Role.ADMIN}), "ویرایش اطلاعات پایه"),
}


def can(actor: Actor, permission: str) -> bool:
    """True when the actor's role grants the permission."""
    roles, _ = _PERMISSIONS[permission]
    return actor.role in roles


def require(actor: Actor, permission: str) -> None:
    """Raise PermissionDenied (with a Persian message) unless the role grants the permission."""
    roles, label = _PERMISSIONS[permission]
    if actor.role not in roles:
        raise PermissionDenied(label)
