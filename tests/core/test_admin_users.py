"""Account administration on SQLite and PostgreSQL: roles, deactivation, passwords, lock time."""

from __future__ import annotations

import pytest

from app.errors import (
    AccountLocked,
    AuthenticationFailed,
    ConflictError,
    PermissionDenied,
    ValidationError,
)
from app.models.enums import Role
from app.services.core import audit
from app.services.core.users import DEFAULT_LOCK_MINUTES
from tests.support.helpers import make_actor


@pytest.fixture
def admin(services):  # noqa: ANN001, ANN201
    """The one administrator."""
    return make_actor(services, "boss", Role.ADMIN)


def test_admin_adds_changes_and_deactivates_an_account(services, admin) -> None:
    """Role change, password reset and deactivation take effect at the next sign-in.

    The server here trusts every connection, so a wrong password is refused only on SQLite;
    tests/core/test_server_accounts.py tries it on a scram-sha-256 cluster."""
    users = services.users
    on_server = services.db.is_postgresql
    u = users.add(admin, "maryam", "first-pass", Role.OPERATOR, "مریم رضایی")
    u = users.set_role(admin, u.id, Role.MANAGER, expected_version=u.version)
    assert u.role == Role.MANAGER and u.role_label == "مدیر"
    u = users.reset_password(admin, u.id, "second-pass", expected_version=u.version)
    if not on_server:
        with pytest.raises(AuthenticationFailed):
            users.authenticate("maryam", "first-pass")
    assert users.authenticate("maryam", "second-pass").id == u.id
    if on_server:
        assert users.server_logins()["maryam"] == "active"
    u = users.set_active(admin, u.id, False, expected_version=u.version)
    with pytest.raises(AccountLocked if on_server else AuthenticationFailed):
        users.authenticate("maryam", "second-pass")
    assert [e.action for e in audit.history(services.db, "user", u.id)] == [
        "create", "role", "password", "active"]
    assert "password_hash" not in audit.history(services.db, "user", u.id)[2].after


def test_the_last_administrator_stays(services, admin) -> None:
    """Nobody can deactivate themselves or demote the last active administrator."""
    users = services.users
    with pytest.raises(ValidationError) as err:
        users.set_active(admin, admin.user_id, False)
    assert "خودتان" in err.value.errors["active"]
    with pytest.raises(ValidationError) as err:
        users.set_role(admin, admin.user_id, Role.OPERATOR)
    assert "دست‌کم یک مدیر" in err.value.errors["role"]
    assert users.authenticate("boss", "secret-1").role == Role.ADMIN
    second = users.add(admin, "second", "secret-2", Role.ADMIN)
    users.set_role(admin, admin.user_id, Role.OPERATOR)  # another admin remains
    assert users.authenticate("second", "secret-2").role == Role.ADMIN
    assert second.active


def test_stale_account_change_gets_a_conflict(services, admin) -> None:
    """Two administrators changing one account: the second change is refused."""
    u = services.users.add(admin, "reza", "secret-1", Role.OPERATOR)
    services.users.set_role(admin, u.id, Role.MANAGER, expected_version=u.version)
    with pytest.raises(ConflictError):
        services.users.set_active(admin, u.id, False, expected_version=u.version)


def test_only_administrators_manage_accounts_and_the_lock(services, admin) -> None:
    """Other roles are refused; the lock time is validated and shared by every desktop."""
    manager = make_actor(services, "mgr", Role.MANAGER)
    with pytest.raises(PermissionDenied):
        services.users.add(manager, "x", "secret-1", Role.OPERATOR)
    with pytest.raises(PermissionDenied):
        services.users.set_lock_minutes(manager, 5)
    assert services.users.lock_minutes() == DEFAULT_LOCK_MINUTES
    with pytest.raises(ValidationError):
        services.users.set_lock_minutes(admin, -1)
    assert services.users.set_lock_minutes(admin, 5) == 5
    assert services.users.lock_minutes() == 5
    services.users.set_lock_minutes(admin, 0)
    assert services.users.lock_minutes() == 0
    with pytest.raises(ValidationError) as err:
        services.users.reset_password(admin, manager.user_id, "ab")
    assert "۴" in err.value.errors["password"]
