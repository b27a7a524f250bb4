"""The append-only audit trail; each event carries the hash of the one before it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class AuditEvent(Base):
    """Who changed what and when, with the state before and after, chained by SHA-256."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    user_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(String(100), default="")
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(40))
    before: Mapped[str] = mapped_column(Text, default="")  # canonical JSON
    after: Mapped[str] = mapped_column(Text, default="")  # canonical JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Set by a PostgreSQL trigger whatever the client sends (NULL on SQLite): the transaction
    # and the server login that appended the event; not part of the hash.
    tx: Mapped[int | None] = mapped_column(BigInteger)
    db_login: Mapped[str | None] = mapped_column(String(100))

    __table_args__ = (
        Index("ix_audit_event_entity", "entity", "entity_id"),
        Index("ix_audit_event_tx", "tx"),  # audit verify: is there an event in this transaction?
        {"sqlite_autoincrement": True},
    )
