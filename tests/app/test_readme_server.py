"""The README's server section, followed word for word on an empty server.

A private cluster that asks every TCP client for a scram-sha-256 password stands for the office's
server. The SQL and the commands are read out of README.md, so the section cannot drift from
what works.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from app.errors import AuthenticationFailed, NoDatabaseAccess
from app.models.database import Database
from app.services.core import server_login
from app.services.core.users import actor_of
from app.services.registry import Services
from tests.support.pg_cluster import PrivateCluster, available

ROOT = Path(__file__).resolve().parents[2]
OWNER_PASSWORD = "a long secret"  # as the README's SQL has it
pytestmark = pytest.mark.pg


def _section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## Several desktops on one PostgreSQL server")
    return text[start:text.index("\n## ", start + 10)]


def _commands(section: str) -> list[str]:
    """Every `python main.py …` command of the section, with its line breaks undone."""
    return [" ".join(c.split()) for c in re.findall(r"`(python main\.py[^`]*)`", section)]


@pytest.fixture(scope="module")
def office_server() -> Iterator[PrivateCluster]:
    """An empty private cluster whose TCP clients must give a scram-sha-256 password."""
    reason = available()
    if reason is not None:
        if os.environ.get("POL_REQUIRE_PG") == "1":
            pytest.fail(f"private PostgreSQL cluster impossible: {reason}; POL_REQUIRE_PG=1")
        pytest.skip(reason)
    c = PrivateCluster()
    try:
        c.init()
        (c.data / "pg_hba.conf").write_text(
            "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n")
        c.start()
        yield c
    finally:
        c.remove()


def _superuser(c: PrivateCluster) -> psycopg.Connection:
    return psycopg.connect(host=str(c.sockets), port=c.port, user="postgres", dbname="postgres",
                           autocommit=True)


def _run(command: str, c: PrivateCluster, tmp: Path, stdin: str = "") -> subprocess.CompletedProcess:
    """Run a README command against the private server as a new user of Pol would."""
    args = shlex.split(command.replace("SERVER", f"127.0.0.1:{c.port}"))
    assert args[:2] == ["python", "main.py"]
    env = {**os.environ, "PGPASSWORD": OWNER_PASSWORD, "POL_DATA_DIR": str(tmp / "data"),
           "POL_LOG_DIR": str(tmp / "log")}
    return subprocess.run([sys.executable, *args[1:]], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=300)


def test_the_server_section_works_as_written(office_server: PrivateCluster,
                                             tmp_path: Path) -> None:
    c, section = office_server, _section()
    sql = re.search(r"```sql\n(.*?)```", section, re.S)
    assert sql is not None
    with _superuser(c) as su:
        for statement in filter(None, (s.strip() for s in sql.group(1).split(";"))):
            su.execute(statement)
    commands = _commands(section)
    upgrade = next(x for x in commands if x.endswith("db upgrade"))
    add = next(x for x in commands if " users add " in x)
    done = _run(upgrade, c, tmp_path)
    assert done.returncode == 0, done.stderr
    done = _run(add, c, tmp_path, stdin="maryam-pass-1405\n")
    assert done.returncode == 0, done.stderr

    base = f"postgresql+psycopg://127.0.0.1:{c.port}/pol"
    # The administrator signs in as her own login; a wrong password and a stranger are refused.
    server_login.check_login(base, "maryam", "maryam-pass-1405")
    with pytest.raises(AuthenticationFailed):
        server_login.check_login(base, "maryam", "wrong")
    with _superuser(c) as su:
        su.execute("CREATE ROLE outsider LOGIN PASSWORD 'outsider-1'")
        groups = {r[0] for r in su.execute(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = 'maryam'")}
    assert groups == {"pol_admin"}
    with pytest.raises(NoDatabaseAccess):
        server_login.check_login(base, "outsider", "outsider-1")

    # Administrators add users from Pol itself; the new user signs in with their own password.
    sv = Services.for_database(Database(server_login.login_url(base, "maryam",
                                                               "maryam-pass-1405")))
    admin = actor_of(sv.users.authenticate("maryam", "maryam-pass-1405"))
    sv.users.add(admin, "reza", "reza-pass-1405", "operator", "رضا کریمی")
    sv.db.dispose()
    server_login.check_login(base, "reza", "reza-pass-1405")

    verify = next(x for x in commands if x.endswith("audit verify"))
    done = _run(verify.replace("--db …", "--db postgresql+psycopg://pol_owner@SERVER/pol"), c,
                tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
