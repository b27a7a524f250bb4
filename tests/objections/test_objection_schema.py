"""Migration 0011o creates exactly what app/models/objection.py declares, and can be undone."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from app.models import Base


def test_migrated_schema_matches_the_model(db) -> None:
    with db.engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}),
                                Base.metadata)
    assert [d for d in diff if "objection" in repr(d)] == []


def test_the_revision_goes_down_and_up_again(db) -> None:
    """0011o → 0010r drops the table (and, on PostgreSQL, the inspector's reach); up again."""
    from alembic import command

    cfg = db.alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0010r")
    with db.engine.connect() as conn:
        assert not inspect(conn).has_table("objection")
        if db.is_postgresql:
            policies = conn.exec_driver_sql(
                "SELECT count(*) FROM pg_policies WHERE policyname = 'objection_decision'")
            assert policies.scalar() == 0
    db.upgrade()
    with db.engine.connect() as conn:
        assert inspect(conn).has_table("objection")
        if db.is_postgresql:
            policies = conn.exec_driver_sql(
                "SELECT count(*) FROM pg_policies WHERE policyname = 'objection_decision'")
            assert policies.scalar() == 2
