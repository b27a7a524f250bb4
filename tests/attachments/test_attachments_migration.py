"""Revision 0013a on both databases: rewound and upgraded again, the tables and (on PostgreSQL)
their grants come back; the models and the migration agree."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from app.models import Attachment, AttachmentContent, Base
from app.services.attachments.dto import REQUEST, Owner
from app.services.registry import Services
from tests.attachments.samples import png_bytes
from tests.support import helpers
from tests.support.migrations import downgrade, upgrade_twice

TABLES = {"attachment", "attachment_content"}


def test_rewind_and_upgrade_again(services: Services) -> None:
    db = services.db
    downgrade(db, "0012c")
    assert not TABLES & set(inspect(db.engine).get_table_names())
    upgrade_twice(db)
    assert TABLES <= set(inspect(db.engine).get_table_names())
    if db.is_postgresql:
        with db.engine.connect() as c:
            grants = {r[0] for r in c.exec_driver_sql(
                "SELECT privilege_type FROM information_schema.role_table_grants "
                "WHERE table_name = 'attachment_content' AND grantee LIKE '%%operator'")}
            policies = c.exec_driver_sql(
                "SELECT count(*) FROM pg_policies WHERE tablename LIKE 'attachment%%'").scalar()
        assert grants == {"SELECT", "INSERT"} and policies == 6
    clerk = helpers.make_actor(services, "clerk")
    req = helpers.register(services, clerk)
    assert services.attachments.add(clerk, Owner(REQUEST, req.id), "a.png", png_bytes()).size


def test_models_and_migration_agree(services: Services) -> None:
    with services.db.engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}),
                                Base.metadata)
    ours = [d for d in diff if any(t in repr(d) for t in ("'attachment'", "attachment_content"))]
    assert ours == []
    assert Attachment.__table__.c.sha256.type.length == 64
    assert AttachmentContent.__table__.c.data.type.__class__.__name__ == "LargeBinary"
