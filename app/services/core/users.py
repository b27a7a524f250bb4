"""Users: add, authenticate, change role, deactivate, reset password (argon2id hashes)."""

from __future__ import annotations

from collections.abc import Iterable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app.errors import AuthenticationFailed, ConflictError, NotFound, ValidationError
from app.models import Setting, User
from app.models.database import Database
from app.models.enums import Role
from app.services.core import audit, jalali, persian, user_scope
from app.services.core import messages as msg
from app.services.core.context import SYSTEM, Actor, require
from app.services.core.dto import DEFAULT_LOCK_MINUTES, MAX_LOCK_MINUTES  # noqa: F401
from app.services.requests.dto import UserInfo

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
MIN_PASSWORD = 4
LOCK_SETTING = "session_lock_minutes"  # idle minutes before the window locks; 0 = never


def _info(u: User) -> UserInfo:
    """Plain data of a user, without the hash."""
    ids, names = user_scope.counties_of(u)
    return UserInfo(u.id, u.version, u.username, u.full_name, u.role, Role(u.role).label, u.active,
                    ids, names)


def actor_of(info: UserInfo) -> Actor:
    """The Actor a signed-in user acts as (limited to the user's counties, if any)."""
    return Actor(info.id, info.username, Role(info.role), info.full_name,
                 frozenset(info.county_ids) if info.county_ids else None)


class UserService:
    """Account management; only administrators change accounts."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, actor: Actor, username: str, password: str, role: str,
            full_name: str = "") -> UserInfo:
        """Create an account; the password is stored only as an argon2id hash."""
        require(actor, "users.manage")
        name = persian.clean_text(username)
        errors: dict[str, str] = {}
        if not name:
            errors["username"] = msg.USERNAME_REQUIRED
        if role not in Role.__members__.values():
            errors["role"] = msg.ROLE_INVALID
        if len(password) < MIN_PASSWORD:
            errors["password"] = msg.password_too_short(MIN_PASSWORD)
        if errors:
            raise ValidationError(errors)
        try:
            with self.db.write() as s:
                u = User(username=name, full_name=persian.clean_text(full_name), role=role,
                         password_hash=_hasher.hash(password), active=True,
                         created_at=jalali.utc_now())
                s.add(u)
                s.flush()
                audit.record(s, actor, "user", u.id, "create", None, audit.snapshot(u))
                return _info(u)
        except IntegrityError as exc:
            raise ValidationError({"username": msg.USERNAME_TAKEN}) from exc

    def authenticate(self, username: str, password: str) -> UserInfo:
        """Check a user name and password; raises AuthenticationFailed."""
        with self.db.read() as s:
            u = s.scalar(select(User).where(User.username == persian.clean_text(username)))
            if u is None or not u.active:
                raise AuthenticationFailed()
            try:
                _hasher.verify(u.password_hash, password)
            except (VerificationError, InvalidHashError) as exc:
                raise AuthenticationFailed() from exc
            return _info(u)

    def list(self) -> list[UserInfo]:
        """Every account, by user name."""
        with self.db.read() as s:
            return [_info(u) for u in s.scalars(select(User).order_by(User.username))]

    def set_role(self, actor: Actor, user_id: int, role: str,
                 expected_version: int | None = None) -> UserInfo:
        """Change a user's role (never the last active administrator's)."""
        if role not in Role.__members__.values():
            raise ValidationError({"role": msg.ROLE_INVALID})
        return self._change(actor, user_id, "role", expected_version, role=role)

    def set_active(self, actor: Actor, user_id: int, active: bool,
                   expected_version: int | None = None) -> UserInfo:
        """Deactivate (or reactivate) an account; its history stays."""
        if not active and actor.user_id == user_id:
            raise ValidationError({"active": msg.CANNOT_DEACTIVATE_SELF})
        return self._change(actor, user_id, "active", expected_version, active=active)

    def reset_password(self, actor: Actor, user_id: int, password: str,
                       expected_version: int | None = None) -> UserInfo:
        """Set a new password."""
        if len(password) < MIN_PASSWORD:
            raise ValidationError({"password": msg.password_too_short(MIN_PASSWORD)})
        return self._change(actor, user_id, "password", expected_version,
                            password_hash=_hasher.hash(password))

    def set_counties(self, actor: Actor, user_id: int, county_ids: Iterable[int],
                     expected_version: int | None = None) -> UserInfo:
        """Limit a user to some counties (none: the whole province); administrators only."""
        return user_scope.set_counties(self.db, actor, user_id, county_ids, expected_version,
                                       _info)

    def ensure_user(self, username: str, password: str, role: str, full_name: str = "") -> UserInfo:
        """Create the account if missing (used for the demo administrator)."""
        with self.db.read() as s:
            u = s.scalar(select(User).where(User.username == persian.clean_text(username)))
            if u is not None:
                return _info(u)
        return self.add(SYSTEM, username, password, role, full_name)

    # --- session lock ---------------------------------------------------------------------

    def lock_minutes(self) -> int:
        """Idle minutes after which a desktop locks (0: never)."""
        with self.db.read() as s:
            value = s.scalar(select(Setting.value).where(Setting.key == LOCK_SETTING))
        try:
            return max(0, min(MAX_LOCK_MINUTES, int(value))) if value is not None \
                else DEFAULT_LOCK_MINUTES
        except ValueError:
            return DEFAULT_LOCK_MINUTES

    def set_lock_minutes(self, actor: Actor, minutes: int) -> int:
        """Set the idle time before locking, for every desktop (administrators only)."""
        require(actor, "users.manage")
        if not 0 <= minutes <= MAX_LOCK_MINUTES:
            raise ValidationError({"lock_minutes": msg.lock_minutes_range(MAX_LOCK_MINUTES)})
        with self.db.write() as s:
            row = s.get(Setting, LOCK_SETTING)
            before = {"value": row.value} if row else None
            if row is None:
                s.add(Setting(key=LOCK_SETTING, value=str(minutes)))
            else:
                row.value = str(minutes)
            s.flush()
            audit.record(s, actor, "setting", None, "lock_minutes", before,
                         {"key": LOCK_SETTING, "value": str(minutes)})
        return minutes

    # --- helpers --------------------------------------------------------------------------

    def _change(self, actor: Actor, user_id: int, action: str, expected_version: int | None,
                **values: object) -> UserInfo:
        """Apply column values to a user under audit; never leave no active administrator."""
        require(actor, "users.manage")
        try:
            with self.db.write() as s:
                u = s.get(User, user_id)
                if u is None:
                    raise NotFound(msg.USER)
                if expected_version is not None and u.version != expected_version:
                    raise ConflictError(msg.THIS_ACCOUNT)
                before = audit.snapshot(u)
                was_admin = u.active and u.role == Role.ADMIN
                for k, v in values.items():
                    setattr(u, k, v)
                if was_admin and not (u.active and u.role == Role.ADMIN):
                    others = s.scalar(select(func.count()).select_from(User).where(
                        User.id != u.id, User.active.is_(True), User.role == Role.ADMIN)) or 0
                    if not others:
                        raise ValidationError({action: msg.LAST_ADMIN})
                s.flush()
                audit.record(s, actor, "user", u.id, action, before, audit.snapshot(u))
                return _info(u)
        except StaleDataError as exc:
            raise ConflictError(msg.THIS_ACCOUNT) from exc
