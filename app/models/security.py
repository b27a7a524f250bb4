"""Tables of the shared server's own safeguards: the role prefix, county scope, the row log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class ServerSetup(Base):
    """One row: the prefix of this database's PostgreSQL roles (group roles and owner).

    PostgreSQL role names are server-wide; the prefix keeps two Pol databases on one server
    (or a test database) from sharing a role, and so a privilege. Written by migrations only.
    """

    __tablename__ = "server_setup"

    role_prefix: Mapped[str] = mapped_column(String(30), primary_key=True)
    # Put before each Pol user name to make its LOGIN role; empty (the default) in an office,
    # set for a second database whose user names could meet the first one's on the server.
    login_prefix: Mapped[str] = mapped_column(String(30), default="")


class UserCounty(Base):
    """A county a user is limited to; a user with no rows sees the whole province."""

    __tablename__ = "user_county"

    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"),
                                         primary_key=True)
    county_id: Mapped[int] = mapped_column(ForeignKey("county.id"), primary_key=True)


class RowChange(Base):
    """One insert, update or delete on a case table, written by a PostgreSQL trigger.

    Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE); `login` is the server's
    session_user and `tx` the transaction, so `audit verify` can tell a change Pol made (its
    transaction also appended an audit event) from one made by another client.
    Empty on SQLite, where no other client shares the file.
    """

    __tablename__ = "row_change"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                    primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    login: Mapped[str] = mapped_column(String(100))
    tx: Mapped[int] = mapped_column(BigInteger)
    table_name: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[int | None] = mapped_column(BigInteger)
    action: Mapped[str] = mapped_column(String(10))  # INSERT | UPDATE | DELETE
    columns: Mapped[str] = mapped_column(Text, default="")  # changed columns, comma-separated
    changes: Mapped[str] = mapped_column(Text, default="")  # JSON: old and new values

    __table_args__ = (Index("ix_row_change_tx", "tx"),)
