"""Migration test helpers: load a revision file as a module, rewind a database and upgrade it again."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from alembic import command

import app.models.migrations as _migrations
from app.models.database import Database

VERSIONS = Path(_migrations.__file__).resolve().parent / "versions"


def migration_module(stem: str) -> ModuleType:
    """The revision file versions/<stem>.py, imported under a private name (their names start with a digit)."""
    spec = importlib.util.spec_from_file_location(f"_pol_revision_{stem}", VERSIONS / f"{stem}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def downgrade(db: Database, revision: str) -> None:
    """Run the migrations down to `revision`, in one transaction."""
    cfg = db.alembic_config()
    with db.engine.begin() as c:
        cfg.attributes["connection"] = c
        command.downgrade(cfg, revision)


def upgrade_twice(db: Database) -> None:
    """Upgrade to head, then once more (which must find nothing left to do)."""
    cfg = db.alembic_config()
    with db.engine.begin() as c:
        cfg.attributes["connection"] = c
        command.upgrade(cfg, "head")
        command.upgrade(cfg, "head")
