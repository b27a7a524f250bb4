"""The search index answers a first page in recency order (reworked for speed).

SQLite: the external-content trigram index `request_fts` (rowid = request id, read with LIKE)
gives way to a contentless trigram index `request_search` whose rowid is a recency key,
`(received second << 30) | id`. FTS5 returns MATCH results in rowid order and stops when the
caller stops reading, so the newest matches of a search come first and a page of them costs a
page of index reads, whatever the number of matches. detail='none' keeps the index small: the
query is an AND of the term's trigrams (phrases need detail='full') and the service checks
each candidate's key exactly.

PostgreSQL: the pg_trgm index becomes a two-column GIN, the key's trigrams and the received day
(btree_gin), so a search within the newest days ANDs the day's posting lists with the trigrams'
inside one index scan and reads only the matching rows. With separate indexes the planner,
trusting pg_trgm's estimate of a LIKE (about a hundred rows for a word found twelve thousand
times), read every match and filtered the days on the rows. `scope_search_all(patterns, …)`
(app.models.server.scope) answers every word of a search in one call, so server.install runs
again.

Revision ID: 0008f
Revises: 0007k
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

from app.models import server

revision = "0008f"
down_revision = "0007k"
branch_labels = None
depends_on = None

# The recency key of a request row (`r` is new or old): its received second, then its id.
# 30 bits of id (a billion requests) under a 33-bit second fit SQLite's signed 64-bit rowid.
KEY = "((coalesce(CAST(strftime('%s', {r}.received_at) AS INTEGER), 0) << 30) | {r}.id)"
INSERT = ("INSERT INTO request_search(rowid, search_key) "
          f"VALUES ({KEY.format(r='new')}, new.search_key);")
DELETE = ("INSERT INTO request_search(request_search, rowid, search_key) "
          f"VALUES ('delete', {KEY.format(r='old')}, old.search_key);")

SQLITE_UP = [
    # A database rewound to an older revision (tests do) may hold this revision's index already:
    # it is built again from the rows, never added to.
    "DROP TRIGGER IF EXISTS request_search_au",
    "DROP TRIGGER IF EXISTS request_search_ad",
    "DROP TRIGGER IF EXISTS request_search_ai",
    "DROP TABLE IF EXISTS request_search",
    "DROP TRIGGER IF EXISTS request_fts_au",
    "DROP TRIGGER IF EXISTS request_fts_ad",
    "DROP TRIGGER IF EXISTS request_fts_ai",
    "DROP TABLE IF EXISTS request_fts",
    "CREATE VIRTUAL TABLE request_search USING fts5("
    "search_key, content='', tokenize='trigram', detail='none')",
    f"CREATE TRIGGER request_search_ai AFTER INSERT ON request BEGIN {INSERT} END",
    f"CREATE TRIGGER request_search_ad AFTER DELETE ON request BEGIN {DELETE} END",
    "CREATE TRIGGER request_search_au AFTER UPDATE OF search_key, received_at, id ON request "
    f"BEGIN {DELETE} {INSERT} END",
    f"INSERT INTO request_search(rowid, search_key) SELECT {KEY.format(r='request')}, "
    "search_key FROM request",
]

# Back to revision 0002's index.
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS request_search_au",
    "DROP TRIGGER IF EXISTS request_search_ad",
    "DROP TRIGGER IF EXISTS request_search_ai",
    "DROP TABLE IF EXISTS request_search",
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


# The received day as the index and scope_search_all write it (the expressions must match).
DAY_INDEX = ("CREATE INDEX IF NOT EXISTS ix_request_search_day ON request "
             "USING gin (search_key gin_trgm_ops, (received_at::date))")


def upgrade() -> None:
    """Recency-keyed trigram index (SQLite); trigrams by day and one search function (PostgreSQL)."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for sql in SQLITE_UP:
            op.execute(sql)
        return
    # btree_gin is a trusted extension: the database's owner may create it.
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    op.execute(DAY_INDEX)
    op.execute("DROP INDEX IF EXISTS ix_request_search_trgm")
    names = server.stored_names(bind)
    if names is not None:
        server.install(bind, names)


def downgrade() -> None:
    """Back to the rowid-keyed index (SQLite) or the one-column trigram index (PostgreSQL).

    On PostgreSQL the extra function and the btree_gin extension stay, harmlessly.
    """
    if op.get_bind().dialect.name == "sqlite":
        for sql in SQLITE_DOWN:
            op.execute(sql)
        return
    op.execute("CREATE INDEX IF NOT EXISTS ix_request_search_trgm ON request "
               "USING gin (search_key gin_trgm_ops)")
    op.execute("DROP INDEX IF EXISTS ix_request_search_day")
