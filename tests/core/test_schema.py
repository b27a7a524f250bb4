"""Schema creation, migration state, reference data and the newer-schema guard."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from app.errors import SchemaTooNewError
from app.models import Agency, County, Holiday, Setting
from app.models.database import Database, SchemaState
from app.services.core.reference import (
    AGENCIES,
    COUNTIES,
    GOVERNORATE,
    NEW_COUNTIES,
    prepare_database,
)


def test_new_database_is_created_migrated_and_seeded(tmp_path) -> None:
    """A brand-new SQLite file is created, migrated to head and filled with reference data."""
    db = Database(f"sqlite:///{tmp_path / 'new' / 'pol.sqlite3'}")
    assert db.schema_state() is SchemaState.EMPTY
    assert prepare_database(db) is SchemaState.EMPTY
    assert db.schema_state() is SchemaState.CURRENT
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(County)) == len(COUNTIES) + len(NEW_COUNTIES)
        assert s.scalar(select(func.count()).select_from(Agency)) == len(AGENCIES)
        gov = s.scalars(select(Agency.name).where(Agency.is_governorate.is_(True))).all()
        assert gov == [GOVERNORATE]
        assert s.scalar(select(func.count()).select_from(Holiday)) > 40
        assert s.scalar(select(Setting.value).where(Setting.key == "rest_weekdays")) == "4"


def test_sqlite_pragmas(tmp_path) -> None:
    """Every SQLite connection runs in WAL with durable commits, foreign keys and a busy timeout."""
    db = Database(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    with db.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_reference_data_on_both_backends(db) -> None:
    """The template on each backend carries the counties, with the new ones' valid-from dates."""
    with db.read() as s:
        leilan = s.scalar(select(County).where(County.name == "لیلان"))
        assert leilan is not None and leilan.valid_from is not None
        assert s.scalar(select(County).where(County.name == "تبریز")).valid_from is None


def test_newer_schema_makes_database_read_only(db_url) -> None:
    """A database migrated by a newer Pol is opened read-only with a clear Persian message."""
    db = Database(db_url)
    with db.engine.begin() as c:
        c.execute(text("DELETE FROM alembic_version"))
        c.execute(text("INSERT INTO alembic_version (version_num) VALUES ('ffff_from_future')"))
    assert db.schema_state() is SchemaState.NEWER
    assert db.open() is SchemaState.NEWER
    assert db.writable is False
    with pytest.raises(SchemaTooNewError) as err:
        with db.write():
            pass
    assert "نسخهٔ جدیدتری" in err.value.message
    with pytest.raises(SchemaTooNewError):
        db.upgrade()
    db.dispose()


def test_upgrade_is_idempotent(db) -> None:
    """Running the upgrade twice leaves the schema current."""
    db.upgrade()
    db.upgrade()
    assert db.schema_state() is SchemaState.CURRENT
