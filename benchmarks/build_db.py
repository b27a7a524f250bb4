"""Build a large database in bulk (SQLite, and PostgreSQL when given a URL) and time it.

    python benchmarks/build_db.py --requests 1000000 [--pg postgresql+psycopg://postgres@127.0.0.1/pol_bench]
    python benchmarks/build_db.py --no-sqlite --multiply 5 \
        --from-pg postgresql+psycopg://postgres@127.0.0.1/pol_bench \
        --pg postgresql+psycopg://postgres@127.0.0.1/pol_bench_5m

Prints the build time and rows per second for each backend. The SQLite file is kept in
benchmarks/out/ so the other benchmarks can reuse it.

`--multiply K` builds a K-times larger PostgreSQL database from one built before: a copy of it
(CREATE DATABASE … TEMPLATE) whose requests are repeated K-1 more times in bulk on the server
(INSERT … SELECT, triggers off, the trigram index rebuilt once at the end), each copy with its
own ids, tracking and SAMAD codes; the generator would take hours for 5,000,000 requests.
With `--from-sqlite FILE` it does the same for SQLite: the file is copied to `--sqlite` and
its requests repeated in one transaction (the search index's triggers keep it whole).

    python benchmarks/build_db.py --requests 100000 --sqlite b100k.sqlite3
    python benchmarks/build_db.py --multiply 10 --from-sqlite b100k.sqlite3 --sqlite b1m.sqlite3
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select  # noqa: E402

from app.demo.generator import DemoGenerator  # noqa: E402
from app.models import Referral, Request  # noqa: E402
from app.models.database import Database  # noqa: E402
from app.services.core.reference import prepare_database  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
TODAY = date(2026, 11, 28)


def build(url: str, n: int, seed: int, prefix: str | None = None) -> tuple[float, int, int]:
    """Create, migrate and fill one database; returns (seconds, requests, referrals).

    `prefix` names a PostgreSQL database's roles and logins, so its demo users never meet
    another database's on the same server.
    """
    db = Database(url, role_prefix=prefix, login_prefix=prefix)
    prepare_database(db)
    t = time.perf_counter()
    last = [-1]

    def progress(pct: int, msg: str) -> None:
        if pct // 10 != last[0]:
            last[0] = pct // 10
            print(f"   {pct:3d}%  {time.perf_counter() - t:7.1f} s", file=sys.stderr)

    DemoGenerator(db, seed=seed, today=TODAY, progress=progress).run(n)
    took = time.perf_counter() - t
    with db.read() as s:
        n_req = s.scalar(select(func.count()).select_from(Request)) or 0
        n_ref = s.scalar(select(func.count()).select_from(Referral)) or 0
    db.dispose()
    return took, n_req, n_ref


def fresh_pg(url: str) -> str:
    """Drop and recreate the benchmark database named in the URL."""
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(url)
    admin = u.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{u.database}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{u.database}"')
    return url


def multiply_pg(source: str, target: str, factor: int,
                lead: int = 0) -> tuple[float, int, int]:
    """Make `target` a copy of `source` with its requests repeated `factor` times in all.

    Copy k's rows are received up to a day earlier (_SHIFT); its tracking codes are the
    originals' with 13 and 90 + k for the year; with `lead`,
    a source multiplied before (its copies' codes differ only in the year), the first digit
    becomes lead + k instead.
    """
    import psycopg
    from sqlalchemy.engine import make_url

    src, dst = make_url(source), make_url(target)
    admin = dst.set(drivername="postgresql", database="postgres").render_as_string(
        hide_password=False)
    t = time.perf_counter()
    with psycopg.connect(admin, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{dst.database}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{dst.database}" TEMPLATE "{src.database}"')
    url = dst.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url, autocommit=True) as c:
        # Bulk load: no row log or audit triggers, no foreign-key triggers (the copies point at
        # the same citizens, counties and agencies as the originals).
        c.execute("SET session_replication_role = replica")
        # The trigram indexes are built once at the end, not grown row by row.
        gins = [r[0] for r in c.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'request' "
            "AND schemaname = current_schema() AND indexdef LIKE '%USING gin%'")]
        for name in c.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'request' "
                              "AND schemaname = current_schema() "
                              "AND indexdef LIKE '%USING gin%'").fetchall():
            c.execute(f'DROP INDEX "{name[0]}"')
        top = c.execute("SELECT max(id) FROM request").fetchone()[0]
        cols = [r[0] for r in c.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'request' "
            "AND table_schema = current_schema() ORDER BY ordinal_position")]
        for k in range(1, factor):
            new_code = (f"'{lead + k}' || substr(tracking_code, 2)" if lead
                        else f"'13' || {90 + k} || substr(tracking_code, 5)")
            exprs = _copy_exprs(k, top, new_code, "{} || {}")
            exprs["samad_code"] = f"samad_code || '-{'m' if lead else ''}{k}'"
            exprs["received_at"] = f"received_at - make_interval(mins => {_SHIFT.format(k=k)})"
            select = ", ".join(exprs.get(col, col) for col in cols)
            c.execute(f"INSERT INTO request ({', '.join(cols)}) SELECT {select} FROM request "
                      f"WHERE id <= {top}")
            print(f"   copy {k} of {factor - 1}  {time.perf_counter() - t:7.1f} s", file=sys.stderr)
        c.execute("SET maintenance_work_mem = '512MB'")
        for definition in gins:
            c.execute(definition)
        c.execute("SELECT setval(pg_get_serial_sequence('request', 'id'), "
                  "(SELECT max(id) FROM request))")
        c.execute("VACUUM ANALYZE")
        n_req = c.execute("SELECT count(*) FROM request").fetchone()[0]
        n_ref = c.execute("SELECT count(*) FROM referral").fetchone()[0]
    return time.perf_counter() - t, n_req, n_ref


# How many minutes earlier a copy of a row was received: spread over a day by the row and the
# copy, so the newest rows hold as many different texts as the source's (a shift of k minutes
# made the newest 600 rows of a 5,000,000 copy 12 texts 50 times over, which no office has).
_SHIFT = "(((id % 100003) * 7919 + {k} * 104729) % 1440)"  # within 32-bit integers


def _copy_exprs(k: int, top: int, code: str, concat: str) -> dict[str, str]:
    """The columns a copy changes: ids, codes and times shifted so each copy is its own."""
    return {"id": f"id + {k * top}", "tracking_code": code,
            "samad_code": concat.format("samad_code", f"'-{k}'"),
            "search_key": f"replace(search_key, tracking_code, {code})",
            # Each copy's findings point within the copy (the same matters again).
            "repeat_of": f"repeat_of + {k * top}"}


def multiply_sqlite(source: str, target: str, factor: int) -> tuple[float, int, int]:
    """Make the SQLite file `target` a copy of `source` with its requests repeated `factor` times."""
    import shutil
    import sqlite3

    t = time.perf_counter()
    for suffix in ("", "-wal", "-shm"):
        Path(target + suffix).unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)  # a consistent copy even of a WAL database
    shutil.copymode(source, target)
    c = sqlite3.connect(target, isolation_level=None)
    c.execute("PRAGMA foreign_keys = OFF")
    c.execute("BEGIN")
    top = c.execute("SELECT max(id) FROM request").fetchone()[0]
    cols = [r[1] for r in c.execute("PRAGMA table_info(request)")]
    for k in range(1, factor):
        code = f"'13' || {90 + k} || substr(tracking_code, 5)"
        exprs = _copy_exprs(k, top, code, "{} || {}")
        # Stored as naive UTC text; the copies are k minutes older, as on PostgreSQL.
        exprs["received_at"] = (f"strftime('%Y-%m-%d %H:%M:%f', received_at, "
                                f"'-' || {_SHIFT.format(k=k)} || ' minutes')")
        select = ", ".join(exprs.get(col, col) for col in cols)
        c.execute(f"INSERT INTO request ({', '.join(cols)}) SELECT {select} FROM request "
                  f"WHERE id <= {top}")
        print(f"   copy {k} of {factor - 1}  {time.perf_counter() - t:7.1f} s", file=sys.stderr)
    c.execute("COMMIT")
    c.execute("ANALYZE")
    n_req = c.execute("SELECT count(*) FROM request").fetchone()[0]
    n_ref = c.execute("SELECT count(*) FROM referral").fetchone()[0]
    c.close()
    return time.perf_counter() - t, n_req, n_ref


def main() -> int:
    """Build on each backend and print a table."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1405)
    ap.add_argument("--pg", help="PostgreSQL URL of a benchmark database (dropped and recreated)")
    ap.add_argument("--sqlite", default=str(OUT / "bench.sqlite3"))
    ap.add_argument("--no-sqlite", action="store_true", help="build only the PostgreSQL database")
    ap.add_argument("--multiply", type=int, default=0,
                    help="with --from-pg: repeat that database's requests this many times")
    ap.add_argument("--role-prefix", help="prefix of the PostgreSQL database's roles and logins")
    ap.add_argument("--lead", type=int, default=0,
                    help="--multiply a multiplied source: copy k's codes start with lead + k")
    ap.add_argument("--from-pg", help="PostgreSQL URL of a database built before (--multiply)")
    ap.add_argument("--from-sqlite", help="SQLite file built before (--multiply)")
    args = ap.parse_args()
    rows = []
    if not args.no_sqlite and args.multiply > 1 and args.from_sqlite:
        print(f"SQLite {args.sqlite} = {args.multiply} x {args.from_sqlite}", file=sys.stderr)
        rows.append(("SQLite", *multiply_sqlite(args.from_sqlite, args.sqlite, args.multiply)))
    elif not args.no_sqlite:
        path = Path(args.sqlite)
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        print(f"SQLite {path}", file=sys.stderr)
        rows.append(("SQLite", *build(f"sqlite:///{path}", args.requests, args.seed)))
    if args.pg and args.multiply > 1 and args.from_pg:
        print(f"PostgreSQL {args.pg} = {args.multiply} x {args.from_pg}", file=sys.stderr)
        rows.append(("PostgreSQL", *multiply_pg(args.from_pg, args.pg, args.multiply,
                                                    args.lead)))
    elif args.pg:
        print(f"PostgreSQL {args.pg}", file=sys.stderr)
        rows.append(("PostgreSQL", *build(fresh_pg(args.pg), args.requests, args.seed,
                                          args.role_prefix)))
    print(f"\n{'backend':<12}{'requests':>10}{'referrals':>11}{'seconds':>10}{'req/s':>10}")
    for name, took, n_req, n_ref in rows:
        print(f"{name:<12}{n_req:>10}{n_ref:>11}{took:>10.1f}{n_req / took:>10.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
