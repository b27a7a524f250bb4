"""Substring search index on request.search_key (SQLite FTS5 trigram, PostgreSQL pg_trgm).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The inbox search matches substrings of a folded key (see services.persian.search_key); a
# trigram index answers LIKE '%…%' for terms of three or more letters without a full scan.
SQLITE_UP = [
    "CREATE VIRTUAL TABLE request_fts USING fts5("
    "search_key, content='request', content_rowid='id', tokenize='trigram', detail='none')",
    "CREATE TRIGGER request_fts_ai AFTER INSERT ON request BEGIN "
    "INSERT INTO request_fts(rowid, search_key) VALUES (new.id, new.search_key); END",
    "CREATE TRIGGER request_fts_ad AFTER DELETE ON request BEGIN "
    "INSERT INTO request_fts(request_fts, rowid, search_key) "
    "VALUES ('delete', old.id, old.search_key); END",
    "CREATE TRIGGER request_fts_au AFTER UPDATE OF search_key ON request BEGIN "
    "INSERT INTO request_fts(request_fts, rowid, search_key) "
    "VALUES ('delete', old.id, old.search_key); "
    "INSERT INTO request_fts(rowid, search_key) VALUES (new.id, new.search_key); END",
    "INSERT INTO request_fts(request_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS request_fts_au",
    "DROP TRIGGER IF EXISTS request_fts_ad",
    "DROP TRIGGER IF EXISTS request_fts_ai",
    "DROP TABLE IF EXISTS request_fts",
]


def upgrade() -> None:
    """Create the trigram index of the dialect."""
    if op.get_bind().dialect.name == "sqlite":
        for sql in SQLITE_UP:
            op.execute(sql)
    else:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX IF NOT EXISTS ix_request_search_trgm ON request "
                   "USING gin (search_key gin_trgm_ops)")


def downgrade() -> None:
    """Drop the trigram index."""
    if op.get_bind().dialect.name == "sqlite":
        for sql in SQLITE_DOWN:
            op.execute(sql)
    else:
        op.execute("DROP INDEX IF EXISTS ix_request_search_trgm")
