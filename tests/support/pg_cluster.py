"""A private, throw-away PostgreSQL cluster on its own port, that tests may stop and freeze.

The shared server on 5432 is never touched: this cluster lives in a temporary folder owned by
the `postgres` OS user (initdb refuses to run as root) and listens on a free port from 55432.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PG_BIN = Path(os.environ.get("POL_PG_BIN", "/usr/lib/postgresql/15/bin"))
FIRST_PORT = 55432


def available() -> str | None:
    """None when a private cluster can be made here, else the reason it cannot."""
    if not (PG_BIN / "initdb").exists():
        return f"{PG_BIN / 'initdb'} not found (PostgreSQL server binaries are not installed)"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser: cannot run initdb as the postgres user"
    return None


def _free_port() -> int:
    """A port from 55432 on that nothing listens on.

    Each test run starts its search at its own offset, so that two runs on one machine (CI and a
    faketime run side by side) do not both pick the same port before either has bound it.
    """
    offset = os.getpid() % 150
    for port in [*range(FIRST_PORT + offset, FIRST_PORT + 200), *range(FIRST_PORT, FIRST_PORT + offset)]:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port for a private PostgreSQL cluster")


class PrivateCluster:
    """initdb + pg_ctl on a free port; freeze (SIGSTOP), thaw, stop and start it.

    `host_auth` is pg_hba.conf's method for TCP connections: "trust" (any password passes), or
    "scram-sha-256" to check passwords as an office server does; then the superuser `postgres`
    has the password SUPERUSER_PASSWORD, which url() and create_database() use.
    """

    SUPERUSER_PASSWORD = "cluster-super-1"

    def __init__(self, host_auth: str = "trust") -> None:
        self.host_auth = host_auth
        self.password = "" if host_auth == "trust" else self.SUPERUSER_PASSWORD
        self.root = Path(tempfile.mkdtemp(prefix="pol-pg-", dir="/tmp"))
        self.data = self.root / "data"
        self.sockets = self.root / "sock"
        self.log = self.root / "server.log"
        self.port = _free_port()
        self.frozen: list[int] = []
        self._started = False
        self._as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *args: str) -> None:
        subprocess.run([*self._as_postgres, *args], check=True, capture_output=True, timeout=120)

    def init(self) -> None:
        """Create the cluster's files (owned by postgres)."""
        self.sockets.mkdir()
        if self._as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
            shutil.chown(self.sockets, "postgres", "postgres")
        auth = ["-A", "trust"]
        if self.password:
            pwfile = self.root / "pwfile"
            pwfile.write_text(self.password + "\n")
            if self._as_postgres:
                shutil.chown(pwfile, "postgres", "postgres")
            auth = ["--auth-local", "trust", "--auth-host", self.host_auth,
                    f"--pwfile={pwfile}"]
        self._run(str(PG_BIN / "initdb"), "-D", str(self.data), *auth, "-U", "postgres",
                  "--no-sync", "-E", "UTF8", "--locale", "C.UTF-8")

    def start(self) -> None:
        """Start the postmaster and wait until it accepts connections.

        The first start moves to another free port when this one was taken between choosing it
        and binding it (another test run on the machine can win that race); a restart keeps
        its port, which the test's URLs name.
        """
        for attempt in range(5):
            opts = f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
            try:
                self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", opts, "-l",
                          str(self.log), "-w", "-t", "60", "start")
                self._started = True
                return
            except subprocess.CalledProcessError as exc:
                log = self.log.read_text(errors="replace") if self.log.exists() else ""
                if self._started or attempt == 4 or "could not bind" not in log:
                    raise RuntimeError(f"private cluster did not start:\n{log[-2000:]}") from exc
                self.log.unlink()
                self.port = _free_port()

    def stop(self, mode: str = "immediate") -> None:
        """Stop the postmaster (immediate: like a crash or a pulled plug)."""
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def is_running(self) -> bool:
        """True while the postmaster's pid file exists."""
        return (self.data / "postmaster.pid").exists()

    def pids(self) -> list[int]:
        """The postmaster and every process it forked (backends, checkpointer, …)."""
        pid_file = self.data / "postmaster.pid"
        if not pid_file.exists():
            return []
        postmaster = int(pid_file.read_text().split()[0])
        children = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True,
                                  text=True).stdout.split()
        return [postmaster, *map(int, children)]

    def freeze(self) -> None:
        """SIGSTOP the whole cluster: the kernel still answers TCP, the server does not."""
        for _ in range(2):  # again, in case the postmaster forked between the two steps
            for pid in self.pids():
                if pid not in self.frozen:
                    os.kill(pid, signal.SIGSTOP)
                    self.frozen.append(pid)

    def thaw(self) -> None:
        """SIGCONT every process frozen before."""
        for pid in reversed(self.frozen):
            try:
                os.kill(pid, signal.SIGCONT)
            except ProcessLookupError:
                pass
        self.frozen.clear()

    def url(self, database: str = "postgres") -> str:
        """SQLAlchemy URL of a database of this cluster (over TCP, so keepalives apply)."""
        user = f"postgres:{self.password}" if self.password else "postgres"
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> None:
        """CREATE DATABASE on the cluster."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres",
                             password=self.password or None, dbname="postgres",
                             autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')

    def remove(self) -> None:
        """Thaw, stop (ignoring errors) and delete everything; safe to call on any state."""
        self.thaw()
        if self.is_running():
            try:
                self.stop("immediate")
            except (subprocess.SubprocessError, OSError):
                for pid in self.pids():
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
        shutil.rmtree(self.root, ignore_errors=True)


@contextmanager
def restored(cluster: PrivateCluster) -> Iterator[PrivateCluster]:
    """The cluster, thawed and running again afterwards whatever happened inside."""
    try:
        yield cluster
    finally:
        cluster.thaw()
        if not cluster.is_running():
            cluster.start()


@pytest.fixture(scope="module")
def private_cluster() -> Iterator[PrivateCluster]:
    """A private PostgreSQL cluster with a prepared Pol database named «pol»; always removed."""
    reason = available()
    if reason is not None:
        if os.environ.get("POL_REQUIRE_PG") == "1":
            pytest.fail(f"private PostgreSQL cluster impossible: {reason}; POL_REQUIRE_PG=1")
        pytest.skip(f"private PostgreSQL cluster impossible: {reason}")
    from app.models.database import Database
    from app.services.core.reference import prepare_database

    c = PrivateCluster()
    try:
        c.init()
        c.start()
        c.create_database("pol")
        db = Database(c.url("pol"))
        prepare_database(db)
        db.dispose()
        yield c
    finally:
        c.remove()
