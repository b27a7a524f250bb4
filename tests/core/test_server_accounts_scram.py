"""Passwords on a server that asks for them: a private cluster with scram-sha-256 in pg_hba.

The verifiers Pol computes (app.services.core.scram) must let exactly the right password in,
Persian and odd ones included, and no password may reach the server's log even when it logs
every statement.
"""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from app.errors import AccountLocked, AuthenticationFailed
from app.models import User
from app.models.database import Database
from app.models.enums import Role
from app.services.core import scram, server_login
from app.services.core.context import SYSTEM
from app.services.registry import Services
from tests.support.pg_cluster import (
    PrivateCluster,
    private_cluster,  # noqa: F401, F811 - a fixture
)

HBA = """\
local all all trust
host all postgres 127.0.0.1/32 trust
host all all 127.0.0.1/32 scram-sha-256
"""

# ASCII; Persian ending in a digit (SASLprep refuses mixed direction: the raw bytes are
# hashed); Persian only (prepared); no-break space (mapped to a space); soft hyphen (mapped to
# nothing); Arabic presentation forms (NFKC); a zero-width non-joiner (prohibited: raw).
PASSWORDS = ["secret-1", "گذرواژه-۱", "گذرواژهٔمن", "دو\u00a0کلمه", "soft\u00adhyphen",
             "\ufb8e\ufeeb\ufee0\ufef4", "نیم\u200cفاصله"]


@pytest.fixture(scope="module")
def scram_cluster(private_cluster: PrivateCluster) -> Iterator[PrivateCluster]:  # noqa: F811
    """The private cluster asking every login but postgres for its password, logging every
    statement."""
    (private_cluster.data / "pg_hba.conf").write_text(HBA)
    with psycopg.connect(f"host=127.0.0.1 port={private_cluster.port} user=postgres "
                         "dbname=postgres", autocommit=True) as conn:
        conn.execute("ALTER SYSTEM SET log_statement = 'all'")
        conn.execute("ALTER SYSTEM SET password_encryption = 'scram-sha-256'")
    private_cluster.stop("fast")
    private_cluster.start()
    yield private_cluster


@pytest.fixture
def services(scram_cluster: PrivateCluster) -> Iterator[Services]:
    """Services over the cluster's Pol database (connected as postgres)."""
    db = Database(scram_cluster.url("pol"))
    yield Services.for_database(db)
    db.dispose()


def _user(sv: Services, name: str, password: str, role: Role = Role.OPERATOR):  # noqa: ANN202
    """The user of that name, made if missing, with that password."""
    existing = next((u for u in sv.users.list() if u.username == name), None)
    if existing is None:
        return sv.users.add(SYSTEM, name, password, role)
    return sv.users.reset_password(SYSTEM, existing.id, password)


def test_the_verifier_lets_in_the_right_password_only(services: Services) -> None:
    """Through the service and through libpq directly: right → in, wrong → AuthenticationFailed,
    for every kind of password."""
    refused = 0
    for i, password in enumerate(PASSWORDS):
        u = _user(services, "sara", password)
        assert services.users.authenticate("sara", password).id == u.id, password
        server_login.check_login(services.db.url, "sara", password)
        for wrong in (password + "x", password[:-1], password.upper() + "!"):
            with pytest.raises(AuthenticationFailed):
                services.users.authenticate("sara", wrong)
            refused += 1
        if i == 0:
            with pytest.raises(AuthenticationFailed):  # an unknown name reads the same
                services.users.authenticate("nobody-here", password)
    assert refused == 3 * len(PASSWORDS)


def test_deactivation_and_a_new_password_take_effect_at_once(services: Services) -> None:
    """NOLOGIN → AccountLocked with the right password; after a reset the old one fails."""
    u = services.users.add(SYSTEM, "reza", "old-pass-1", Role.MANAGER)
    u = services.users.set_active(SYSTEM, u.id, False, expected_version=u.version)
    with pytest.raises(AccountLocked):
        services.users.authenticate("reza", "old-pass-1")
    u = services.users.set_active(SYSTEM, u.id, True, expected_version=u.version)
    u = services.users.reset_password(SYSTEM, u.id, "new-pass-2", expected_version=u.version)
    with pytest.raises(AuthenticationFailed):
        services.users.authenticate("reza", "old-pass-1")
    assert services.users.authenticate("reza", "new-pass-2").role == Role.MANAGER


def test_a_user_made_before_logins_signs_in_after_a_password_reset(services: Services) -> None:
    """A row without a login (an upgraded database) cannot sign in until its password is set."""
    from argon2 import PasswordHasher

    from app.services.core import jalali

    with services.db.write() as s:
        s.add(User(username="old_timer", full_name="", role=Role.INSPECTOR,
                   password_hash=PasswordHasher().hash("argon-pass"), active=True,
                   created_at=jalali.utc_now()))
    with pytest.raises(AuthenticationFailed):
        services.users.authenticate("old_timer", "argon-pass")  # Pol's old hash is not used
    assert services.users.server_logins()["old_timer"] == "missing"
    old = next(u for u in services.users.list() if u.username == "old_timer")
    services.users.reset_password(SYSTEM, old.id, "server-pass")
    assert services.users.authenticate("old_timer", "server-pass").role == Role.INSPECTOR
    assert services.users.server_logins()["old_timer"] == "active"


def test_no_password_reaches_the_server_log(services: Services,
                                             scram_cluster: PrivateCluster) -> None:
    """With log_statement = all the log holds verifiers, never the passwords themselves."""
    secret = "هرگز-در-گزارش-۷۷"
    u = services.users.add(SYSTEM, "logged", secret, Role.OPERATOR)
    services.users.reset_password(SYSTEM, u.id, secret + "-2")
    services.users.authenticate("logged", secret + "-2")
    log = scram_cluster.log.read_text(encoding="utf-8", errors="replace")
    assert "pol_account_create" in log and "SCRAM-SHA-256$4096:" in log  # the log is on
    assert secret not in log


def test_python_and_postgresql_make_the_same_verifier(scram_cluster: PrivateCluster) -> None:
    """A verifier PostgreSQL makes from a plain password is the one Pol computes with its salt
    (so SASLprep is PostgreSQL's); a wrong password never matches."""
    with psycopg.connect(f"host=127.0.0.1 port={scram_cluster.port} user=postgres "
                         "dbname=postgres", autocommit=True) as conn:
        conn.execute("CREATE ROLE verifier_probe NOLOGIN")
        for password in PASSWORDS:
            quoted = password.replace("'", "''")
            conn.execute(f"ALTER ROLE verifier_probe PASSWORD '{quoted}'")  # a private cluster
            made = conn.execute("SELECT rolpassword FROM pg_authid "
                                "WHERE rolname = 'verifier_probe'").fetchone()[0]
            assert scram.matches(made, password), password
            assert not scram.matches(made, password + " ")
        conn.execute("DROP ROLE verifier_probe")
    v = scram.verifier("گذرواژه-۱", salt=b"0123456789abcdef")
    assert v.startswith("SCRAM-SHA-256$4096:MDEyMzQ1Njc4OWFiY2RlZg==$")
    assert scram.is_verifier(v) and not scram.is_verifier("plain-password")
