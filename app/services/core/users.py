"""Users: add, authenticate, change role, deactivate, reset password.

On SQLite Pol keeps the accounts itself (argon2id hashes). On a PostgreSQL server every user is
the server's LOGIN role `{login_prefix}{user name}` and the password is the server's: the
login is made and changed in the same transaction as the user's row (server_accounts.py),
`app_user.password_hash` stays empty, and signing in means connecting as that login.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.errors import (
    AccountLocked,
    AuthenticationFailed,
    ConflictError,
    NotAPolUser,
    NotFound,
    ValidationError,
)
from app.models import Setting, User
from app.models.database import Database
from app.models.enums import Role
from app.models.server import RoleNames, accounts, stored_names
from app.services.core import audit, jalali, persian, server_accounts, server_login, user_scope
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
        self._names: RoleNames | None = None

    @property
    def on_server(self) -> bool:
        """True when passwords are the server's (a PostgreSQL database), not Pol's."""
        return self.db.is_postgresql

    def server_names(self) -> RoleNames | None:
        """This database's role names on a PostgreSQL server (None on SQLite)."""
        if self._names is None and self.db.is_postgresql:
            with self.db.read() as s:
                self._names = stored_names(s.connection())  # fixed for a database's life
        return self._names

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
        names = self.server_names()
        too_long = server_accounts.login_too_long(names, name) if names and name else None
        if too_long:
            errors["username"] = too_long
        if errors:
            raise ValidationError(errors)
        try:
            with self.db.write() as s:
                u = User(username=name, full_name=persian.clean_text(full_name), role=role,
                         password_hash="" if names else _hasher.hash(password), active=True,
                         created_at=jalali.utc_now())
                s.add(u)
                s.flush()
                if names:
                    server_accounts.create(s, name, password, role)
                audit.record(s, actor, "user", u.id, "create", None, audit.snapshot(u))
                return _info(u)
        except IntegrityError as exc:
            raise ValidationError({"username": msg.USERNAME_TAKEN}) from exc
        except DBAPIError as exc:
            err = server_accounts.refusal(exc)
            if err is None:
                raise
            raise err from exc

    def authenticate(self, username: str, password: str) -> UserInfo:
        """Check a user name and password; raises AuthenticationFailed (on a server also
        AccountLocked, NoDatabaseAccess or NotAPolUser, as the server answers)."""
        names = self.server_names()
        if names is not None:
            return self._authenticate_on_server(names, persian.clean_text(username), password)
        with self.db.read() as s:
            u = s.scalar(select(User).where(User.username == persian.clean_text(username)))
            if u is None or not u.active:
                raise AuthenticationFailed()
            try:
                _hasher.verify(u.password_hash, password)
            except (VerificationError, InvalidHashError) as exc:
                raise AuthenticationFailed() from exc
            return _info(u)

    def _authenticate_on_server(self, names: RoleNames, name: str, password: str) -> UserInfo:
        """The server checks the password by letting the user's login connect."""
        if not name:
            raise AuthenticationFailed()
        login = names.login(name)
        server_login.check_login(self.db.url, login, password)
        with self.db.read() as s:
            u = s.scalar(select(User).where(User.username == name))
            if u is None:
                raise NotAPolUser(login)
            if not u.active:
                raise AccountLocked()
            return _info(u)

    def server_logins(self) -> dict[str, str] | None:
        """Each user's login on the server: "active" (may sign in), "inactive", "missing"
        (made before logins existed), "foreign" or "invalid"; None on SQLite."""
        if self.server_names() is None:
            return None
        with self.db.read() as s:
            names = list(s.scalars(select(User.username)))
            return accounts.statuses(s.connection(), names)

    def list(self) -> list[UserInfo]:
        """Every account, by user name."""
        with self.db.read() as s:
            return [_info(u) for u in s.scalars(select(User).order_by(User.username))]

    def set_role(self, actor: Actor, user_id: int, role: str,
                 expected_version: int | None = None) -> UserInfo:
        """Change a user's role (never the last active administrator's)."""
        if role not in Role.__members__.values():
            raise ValidationError({"role": msg.ROLE_INVALID})

        def server(s: Session, u: User) -> None:
            server_accounts.set_role(s, u.username, role)

        return self._change(actor, user_id, "role", expected_version, server, role=role)

    def set_active(self, actor: Actor, user_id: int, active: bool,
                   expected_version: int | None = None) -> UserInfo:
        """Deactivate (or reactivate) an account; its history stays."""
        if not active and actor.user_id == user_id:
            raise ValidationError({"active": msg.CANNOT_DEACTIVATE_SELF})

        def server(s: Session, u: User) -> None:
            server_accounts.set_active(s, u.username, active)

        return self._change(actor, user_id, "active", expected_version, server, active=active)

    def reset_password(self, actor: Actor, user_id: int, password: str,
                       expected_version: int | None = None) -> UserInfo:
        """Set a new password; on a server, a user without a login (made before logins
        existed) gets one now."""
        if len(password) < MIN_PASSWORD:
            raise ValidationError({"password": msg.password_too_short(MIN_PASSWORD)})
        if self.server_names() is None:
            return self._change(actor, user_id, "password", expected_version,
                                password_hash=_hasher.hash(password))

        def server(s: Session, u: User) -> None:
            server_accounts.set_password(s, u.username, password, u.role, u.active)

        return self._change(actor, user_id, "password", expected_version, server,
                            password_hash="")

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
                server: Callable[[Session, User], None] | None = None,
                **values: object) -> UserInfo:
        """Apply column values to a user under audit; never leave no active administrator.

        On a server, `server` changes the user's login in the same transaction.
        """
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
                if server is not None and self.server_names() is not None:
                    server(s, u)
                audit.record(s, actor, "user", u.id, action, before, audit.snapshot(u))
                return _info(u)
        except StaleDataError as exc:
            raise ConflictError(msg.THIS_ACCOUNT) from exc
        except DBAPIError as exc:  # e.g. a login the server does not count an administrator
            err = server_accounts.refusal(exc)
            if err is None:
                raise
            raise err from exc
