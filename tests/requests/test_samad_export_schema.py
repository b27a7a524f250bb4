"""Revision 0017s on both databases: rewound and upgraded again, the export tables (and on
PostgreSQL their grants and county policy) come back; the models and the migration agree."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from app.models import Base
from app.services.registry import Services
from tests.support.migrations import downgrade, upgrade_twice

TABLES = {"samad_export", "samad_export_item"}


def test_rewind_and_upgrade_again(services: Services) -> None:
    db = services.db
    downgrade(db, "0016f")
    assert not TABLES & set(inspect(db.engine).get_table_names())
    upgrade_twice(db)
    assert TABLES <= set(inspect(db.engine).get_table_names())
    if db.is_postgresql:
        with db.engine.connect() as c:
            grants = {r[0] for r in c.exec_driver_sql(
                "SELECT privilege_type FROM information_schema.role_table_grants "
                "WHERE table_name = 'samad_export_item' AND grantee LIKE '%%operator'")}
            inspector = {r[0] for r in c.exec_driver_sql(
                "SELECT privilege_type FROM information_schema.role_table_grants "
                "WHERE table_name = 'samad_export' AND grantee LIKE '%%inspector'")}
            policies = c.exec_driver_sql(
                "SELECT count(*) FROM pg_policies WHERE tablename = 'samad_export_item'").scalar()
        assert grants == {"SELECT", "INSERT"} and inspector == {"SELECT"} and policies == 3


def test_models_and_migration_agree(services: Services) -> None:
    with services.db.engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}),
                                Base.metadata)
    assert [d for d in diff if "samad_export" in repr(d)] == []
