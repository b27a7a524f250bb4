"""Migration 0007k (search keys re-folded) on a large database, against a bare scan of the keys.

    python benchmarks/rekey_bench.py [--sqlite benchmarks/out/bench.sqlite3] [--pg URL] [--every 100]

Uses a database build_db.py made (it is changed: every N-th request gets a key in the old fold,
«…ﻻ1,234ڪ» appended, so that the migration has rows to rewrite). Then it times, on each backend:
the bare scan (`count(*)` over every key), the migration's filter alone, and the migration itself
(run again from 0006s; on PostgreSQL its server.install is timed apart). Ratios are to the bare
scan. Target: a 1,000,000-request database upgrades in a few seconds.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from alembic import command  # noqa: E402
from sqlalchemy import text  # noqa: E402

from app.models import server  # noqa: E402
from app.models.database import Database  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
VERSIONS = Path(__file__).resolve().parents[1] / "app" / "models" / "migrations" / "versions"
OLD_TAIL = "\ufefb1,234\u06aa"  # presentation form, separator, look-alike: all re-folded


def _revision():  # noqa: ANN202 - a module
    spec = importlib.util.spec_from_file_location("rekey", VERSIONS / "0007_search_rekey.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _timed(conn, sql: str, params: dict | None = None) -> tuple[float, int]:  # noqa: ANN001
    t = time.perf_counter()
    n = conn.execute(text(sql), params or {}).scalar_one()
    return time.perf_counter() - t, n


def run(url: str, every: int) -> None:
    """Mark every N-th request with an old key, then time the filter and the migration."""
    db = Database(url)
    rev = _revision()
    name = db.engine.dialect.name
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE request SET search_key = search_key || :t "
                          "WHERE id % :n = 0 AND search_key NOT LIKE :like"),
                     {"t": OLD_TAIL, "n": every, "like": f"%{OLD_TAIL}"})
    with db.engine.connect() as conn:
        total = conn.execute(text("SELECT count(*) FROM request")).scalar_one()
        bare, _ = _timed(conn, "SELECT count(*) FROM request WHERE length(search_key) >= 0")
        where, params = rev._filter(conn)
        filt, hits = _timed(conn, f"SELECT count(*) FROM request WHERE {where}", params)
    install = 0.0
    if name == "postgresql":
        with db.engine.begin() as conn:
            t = time.perf_counter()
            server.install(conn, server.stored_names(conn))
            install = time.perf_counter() - t
    cfg = db.alembic_config()
    with db.engine.begin() as conn:
        head = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        conn.execute(text("UPDATE alembic_version SET version_num = '0006s'"))
        cfg.attributes["connection"] = conn
        t = time.perf_counter()
        command.upgrade(cfg, "0007k")
        migrate = time.perf_counter() - t
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": head})
    with db.engine.connect() as conn:
        _, left = _timed(conn, f"SELECT count(*) FROM request WHERE {where}", params)
    db.dispose()
    print(f"{name}: {total:,} requests, {hits:,} keys to re-fold ({left} left after)")
    print(f"  bare scan of the keys   {bare * 1000:8.0f} ms")
    print(f"  migration filter alone  {filt * 1000:8.0f} ms  ({filt / bare:.1f}x bare)")
    print(f"  migration 0007k         {migrate * 1000:8.0f} ms  ({migrate / bare:.1f}x bare)"
          + (f", of which server.install ~{install * 1000:.0f} ms" if install else ""))


def main() -> None:
    """Parse arguments and run on each backend given."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sqlite", default=str(OUT / "bench.sqlite3"))
    ap.add_argument("--pg", help="PostgreSQL URL of a database build_db.py filled")
    ap.add_argument("--every", type=int, default=100, help="every N-th request gets an old key")
    args = ap.parse_args()
    if args.sqlite and Path(args.sqlite).exists():
        run(f"sqlite:///{args.sqlite}", args.every)
    if args.pg:
        run(args.pg, args.every)


if __name__ == "__main__":
    main()
