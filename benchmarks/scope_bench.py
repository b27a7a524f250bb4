"""County scope (row-level security) benchmark: the inbox's first page with and without RLS.

    python benchmarks/scope_bench.py [--requests 100000] [--keep]
    python benchmarks/scope_bench.py --reuse pol_scope_bench_1a2b3c   (a database kept by --keep)

Builds a PostgreSQL database of demo data with its own role prefix (so it never meets another
database's roles), adds two Pol users with their own LOGIN roles — one for the whole province,
one limited to a county — and times, 5 rounds of 10 calls each taking turns (median of the rounds' medians), the inbox's real fetch path
(InboxService.page: the page of ids, the total, the rows) connected as each login:

- province login, RLS enabled (the policies evaluated, scope_counties() returning NULL);
- the same login with RLS disabled on the case tables (the bare cost, the baseline);
- the county login, RLS enabled.

Also a search (the trigram index) and the plan of the first page, to show scope_counties()
runs once per query (an InitPlan), not once per row. The database and roles are dropped
afterwards unless --keep.

Measured 2026-11-30 on the shared test server, 100,000 demo requests, after VACUUM ANALYZE
(medians; the server was busy with other test runs, so ±20 % is noise):

                                   InboxService.page   search «قطعی آب»
    province login, RLS disabled        50.6 ms            241.7 ms (through scope_search)
    province login, RLS enabled         56.4 ms  1.12      288.5 ms  1.19
    county login, RLS enabled           83.8 ms            95.8 ms  (4,617 requests visible)
    bare SQL, province login:  page of ids 0.17 -> 0.69 ms; count(*) 17.5 -> 29.3 ms
    search with the LIKE inline under RLS (before scope_search): 52 ms -> 524 ms (10x)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from app.demo.generator import DemoGenerator  # noqa: E402
from app.models import server  # noqa: E402
from app.models.database import Database  # noqa: E402
from app.models.enums import Role  # noqa: E402
from app.models.server import roles  # noqa: E402
from app.models.server import scope as rls  # noqa: E402
from app.services.core.context import SYSTEM  # noqa: E402
from app.services.core.reference import counties, prepare_database  # noqa: E402
from app.services.registry import Services  # noqa: E402
from app.services.requests.dto import InboxFilter  # noqa: E402
from benchmarks import timing  # noqa: E402

RUNS = 10  # per round
ROUNDS = 5
SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"
FIRST_PAGE = ("SELECT request.id FROM request ORDER BY request.received_at DESC, request.id DESC "
              "LIMIT 100")


def timed(fn: Callable[[], object], runs: int = RUNS) -> float:
    """Median milliseconds of `runs` calls (after two warm-ups)."""
    return timing.timed(fn, runs, warmups=2)


def admin() -> psycopg.Connection:
    """An autocommit superuser connection to the maintenance database."""
    return psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True)


def set_rls(url: str, enabled: bool) -> None:
    """Enable or disable row-level security on every scoped table (as the superuser)."""
    u = make_url(url)
    with psycopg.connect(host=u.host, port=u.port, user="postgres", dbname=u.database,
                         autocommit=True) as c:
        for table in rls.CONDITIONS:
            c.execute(f"ALTER TABLE {table} {'ENABLE' if enabled else 'DISABLE'} "
                      "ROW LEVEL SECURITY")


def main() -> int:
    """Build, measure, print, clean up."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=100_000)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--reuse", metavar="DATABASE", help="measure a database kept by --keep")
    args = ap.parse_args()
    if args.reuse:
        tag = args.reuse.rsplit("_", 1)[1]
        return measure(f"{SERVER}/{args.reuse}", f"pb{tag}_")
    tag = uuid.uuid4().hex[:6]
    prefix, name = f"pb{tag}_", f"pol_scope_bench_{tag}"
    url = f"{SERVER}/{name}"
    with admin() as c:
        c.execute(f'CREATE DATABASE "{name}"')
    try:
        return run(url, prefix, args.requests)
    finally:
        if not args.keep:
            with admin() as c:
                c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                logins = [r[0] for r in c.execute(
                    "SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (prefix + "%",))]
                groups = {f"{prefix}{g}" for g in ("operator", "manager", "inspector", "admin")}
                for role in sorted(logins, key=lambda r: (r in groups, r.endswith("owner"))):
                    c.execute(f'DROP ROLE IF EXISTS "{role}"')


def run(url: str, prefix: str, n: int) -> int:
    """The measurements on a built database."""
    db = Database(url, role_prefix=prefix, login_prefix=prefix)
    prepare_database(db)
    t = time.perf_counter()
    DemoGenerator(db, seed=7, today=date(2026, 11, 28)).run(n)
    print(f"built {n} requests in {time.perf_counter() - t:.0f} s")
    sv = Services.for_database(db)
    county = counties(db)[5]  # تبریز, the largest county of the demo data
    sv.users.add(SYSTEM, "ostan", "secret-1", Role.OPERATOR)
    limited = sv.users.add(SYSTEM, "tabriz", "secret-1", Role.OPERATOR)
    sv.users.set_counties(SYSTEM, limited.id, [county.id], limited.version)
    with db.engine.begin() as conn:
        for user in ("ostan", "tabriz"):
            conn.exec_driver_sql(f'CREATE ROLE "{prefix}{user}" LOGIN IN ROLE "{prefix}operator"')
        conn.exec_driver_sql("ANALYZE")
    db.dispose()
    return measure(url, prefix)


def measure(url: str, prefix: str) -> int:
    """Time the inbox as each login; print the table and the plan."""
    owner_db = Database(url)
    with owner_db.engine.begin() as conn:  # the current policies and functions
        names = server.stored_names(conn)
        assert names is not None
        rls.install(conn, names)
        roles.own_everything(conn, names)
    owner_db.dispose()

    def inbox_as(login: str) -> tuple[Services, Database]:
        d = Database(make_url(url).set(username=login).render_as_string(hide_password=False))
        return Services.for_database(d), d

    f, search = InboxFilter(), InboxFilter(text="قطعی آب")
    configs = (("province login, RLS disabled (baseline)", "ostan", False),
               ("province login, RLS enabled", "ostan", True),
               ("county login, RLS enabled", "tabriz", True))
    opened = {login: inbox_as(prefix + login) for login in ("ostan", "tabriz")}
    samples: dict[str, tuple[list[float], list[float]]] = {c[0]: ([], []) for c in configs}
    totals: dict[str, int] = {}
    # The server is shared: the configurations take turns, ROUNDS times, so a busy moment
    # of another client falls on all of them alike.
    for _ in range(ROUNDS):
        for label, login, rls_on in configs:
            set_rls(url, rls_on)
            s = opened[login][0]
            samples[label][0].append(timed(lambda s=s: s.inbox.page(f, limit=100), RUNS))
            samples[label][1].append(timed(lambda s=s: s.inbox.page(search, limit=100), RUNS))
            totals[label] = s.inbox.page(f, limit=100).total
    for _s, d in opened.values():
        d.dispose()
    set_rls(url, True)
    rows = [(label, statistics.median(samples[label][0]), statistics.median(samples[label][1]),
             totals[label]) for label, _l, _r in configs]
    base_page, base_search = rows[0][1], rows[0][2]
    print(f"\n{'':44s}{'first page':>12s}{'ratio':>7s}{'search':>10s}{'ratio':>7s}{'rows':>9s}")
    for label, page_ms, search_ms, total in rows:
        print(f"{label:44s}{page_ms:10.1f}ms{page_ms / base_page:7.2f}"
              f"{search_ms:8.1f}ms{search_ms / base_search:7.2f}{total:9d}")
    bare_sql(url, prefix)
    u = make_url(url)
    with psycopg.connect(host=u.host, port=u.port, user=prefix + "ostan",
                         dbname=u.database) as c:
        plan = [r[0] for r in c.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + FIRST_PAGE)]
    print("\nplan of the first page's ids, province login, RLS enabled:")
    print("\n".join("   " + line for line in plan))
    return 0


def bare_sql(url: str, prefix: str) -> None:
    """The page's ids and its total as bare SQL, province login, RLS off and on in turns."""
    u = make_url(url)
    queries = {"first page ids": FIRST_PAGE, "total (count)": "SELECT count(*) FROM request"}
    times: dict[tuple[str, bool], list[float]] = {(q, on): [] for q in queries
                                                  for on in (False, True)}
    with psycopg.connect(host=u.host, port=u.port, user=prefix + "ostan", dbname=u.database,
                         autocommit=True) as c:
        for _ in range(ROUNDS):
            for on in (False, True):
                set_rls(url, on)
                for name, sql in queries.items():
                    times[(name, on)].append(timed(lambda sql=sql: c.execute(sql).fetchall()))
    set_rls(url, True)
    print(f"\nbare SQL, province login{'RLS off':>20s}{'RLS on':>10s}")
    for name in queries:
        off, on = (statistics.median(times[(name, b)]) for b in (False, True))
        print(f"{name:24s}{off:18.2f}ms{on:8.2f}ms")


if __name__ == "__main__":
    sys.exit(main())
