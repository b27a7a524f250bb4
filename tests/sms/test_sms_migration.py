"""Revision 0018m on both databases: rewound and upgraded again, the tables, the flag, the
seeded templates and (on PostgreSQL) the grants and county policies come back; the models and
the migration agree."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select

from app.models import Base
from app.models.sms import SmsTemplate
from app.services.registry import Services
from app.services.sms import rules
from tests.support import helpers
from tests.support.migrations import downgrade, upgrade_twice

TABLES = {"sms_outbox", "sms_template"}


def test_rewind_and_upgrade_again(services: Services) -> None:
    db = services.db
    downgrade(db, "0016f")
    assert not TABLES & set(inspect(db.engine).get_table_names())
    assert "sms_opt_out" not in {c["name"] for c in inspect(db.engine).get_columns("citizen")}
    upgrade_twice(db)
    assert TABLES <= set(inspect(db.engine).get_table_names())
    with db.read() as s:
        seeded = {k: t for k, t in s.execute(select(SmsTemplate.kind, SmsTemplate.text))}
    assert seeded == rules.DEFAULT_TEMPLATES  # the migration's copy matches the code's
    if db.is_postgresql:
        with db.engine.connect() as c:
            grants = {r[0] for r in c.exec_driver_sql(
                "SELECT privilege_type FROM information_schema.role_table_grants "
                "WHERE table_name = 'sms_outbox' AND grantee LIKE '%%operator'")}
            template_grants = {r[0] for r in c.exec_driver_sql(
                "SELECT privilege_type FROM information_schema.role_table_grants "
                "WHERE table_name = 'sms_template' AND grantee LIKE '%%operator'")}
            policies = c.exec_driver_sql(
                "SELECT count(*) FROM pg_policies WHERE tablename = 'sms_outbox'").scalar()
        assert grants == {"SELECT", "INSERT", "UPDATE"} and template_grants == {"SELECT"}
        assert policies == 3
    clerk = helpers.make_actor(services, "clerk")
    helpers.register(services, clerk)
    assert services.sms.counts()[rules.QUEUED] == 1


def test_models_and_migration_agree(services: Services) -> None:
    with services.db.engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}),
                                Base.metadata)
    ours = [d for d in diff if any(t in repr(d) for t in ("sms_", "'citizen'"))]
    assert ours == []
