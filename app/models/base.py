"""Declarative base, naming convention and the version mixin shared by every mutable table."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# A naming convention gives constraints stable names, so Alembic migrations are reproducible
# on SQLite (batch mode needs names) and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base class of all Pol tables."""

    metadata = MetaData(naming_convention=NAMING)


class Versioned:
    """Optimistic locking: a save from a stale copy raises instead of silently overwriting."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        """Make `version` SQLAlchemy's version counter for every versioned class."""
        return {"version_id_col": cls.version}
