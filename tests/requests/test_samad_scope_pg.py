"""The export record of the answers for SAMAD on the server (issue 14 §2): a county-limited
login writes and reads the items of its own counties' requests only, and nobody may change or
delete a record (row-level security and grants of revision 0017s)."""

from __future__ import annotations

import psycopg
import pytest

from app.services.registry import Services
from tests.core.test_county_scope import build_world
from tests.core.test_county_scope_pg import _count, _login, pg_services  # noqa: F401

EXPORT = ("INSERT INTO samad_export (year, quarter, only_new, rows, file_name, created_at)"
          " VALUES (1405, 3, false, 1, 'a.xlsx', now()) RETURNING id")
ITEM = "INSERT INTO samad_export_item (export_id, request_id, fingerprint) VALUES (%s, %s, 'f')"


def test_a_scoped_login_records_only_its_counties(pg_services: Services) -> None:  # noqa: F811
    w = build_world(pg_services)
    with _login(pg_services, "farmandari") as c:
        export_id = c.execute(EXPORT).fetchone()[0]
        c.execute(ITEM, (export_id, w.a_requests[0]))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute(ITEM, (export_id, w.b_requests[0]))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("UPDATE samad_export_item SET fingerprint = 'x'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("DELETE FROM samad_export WHERE id = %s", (export_id,))
        assert _count(c, "SELECT count(*) FROM samad_export_item") == 1
    with pg_services.db.engine.begin() as conn:  # the owner: one for county B too
        conn.exec_driver_sql(ITEM, (export_id, w.b_requests[0]))
    with _login(pg_services, "farmandari") as c:
        assert _count(c, "SELECT count(*) FROM samad_export_item") == 1
        assert _count(c, "SELECT count(*) FROM samad_export") == 1
