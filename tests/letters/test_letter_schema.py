"""Migration 0015l creates exactly what the models declare, and goes down and up again."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from app.models import Base

MINE = ("letter_counter", "official_letter", "classification", "'priority'", "copies")


def _diff(db) -> list:  # noqa: ANN001
    with db.engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}),
                                Base.metadata)
    return [d for d in diff if any(name in repr(d) for name in MINE)]


def test_migrated_schema_matches_the_models(db) -> None:  # noqa: ANN001
    assert _diff(db) == []


def test_down_to_0014p_and_up_again(services, op) -> None:  # noqa: ANN001
    """Down: the tables and columns go; up again (twice: a rewound database): all back."""
    from tests.letters.conftest import refer

    refer(services, op)
    db = services.db
    cfg = db.alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0014p")
        tables = set(inspect(conn).get_table_names())
        columns = {c["name"] for c in inspect(conn).get_columns("referral")}
        assert "official_letter" not in tables and "letter_counter" not in tables
        assert not {"classification", "priority", "copies"} & columns
        command.upgrade(cfg, "head")
        conn.execute(text("UPDATE alembic_version SET version_num = '0014p'"))
        command.upgrade(cfg, "head")  # idempotent: everything is there already
    assert _diff(db) == []
    assert services.letters.next_number() == "3/ص/1405-1"  # the counter started afresh
    assert refer(services, op).letter_no == "3/ص/1405-1"
