"""Search keys folded again: bidi marks, presentation forms, look-alike letters, wide digits, separators.

The search key now folds what a paste brings (services.persian.search_key): invisible format
marks, Arabic presentation forms (text copied out of a PDF) and fullwidth ASCII through NFKC,
the look-alike letters of Urdu and Kurdish keyboards, and thousands separators between digits.
A key stored earlier is re-folded: the new fold applied to an old key gives exactly the key the
new code makes of the same request, so the request's texts need not be read again. Only rows
whose key holds a character the new fold changes are read (a PostgreSQL regex; on SQLite a
compiled Python pattern, since GLOB with a long class took 75 s over a million keys), and only
rows whose key really changes are written. Measured on a 1,000,000-request SQLite database with
10,000 keys to re-fold (benchmarks/rekey_bench.py): the filter 5.9 s (3.4x a bare scan of the
keys), the whole migration 16 s (the trigram index is updated with every key).

On PostgreSQL the row log is refreshed first (server.install): it no longer logs an UPDATE that
changes only the derived search key, so these UPDATEs leave `audit verify` nothing to flag.

Revision ID: 0007k
Revises: 0006s
Create Date: 2026-11-30
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

from app.models import server

revision = "0007k"
down_revision = "0006s"
branch_labels = None
depends_on = None

_BATCH = 2000

# services.persian's search fold as of this revision (frozen: a migration must not move).
_LETTERS = {
    "\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627",
    "\u0672": "\u0627", "\u0673": "\u0627", "\u0624": "\u0648", "\u0626": "\u06cc",
    "\u0629": "\u0647", "\u06c0": "\u0647", "\u064a": "\u06cc", "\u0649": "\u06cc",
    "\u0643": "\u06a9", "\u06aa": "\u06a9", "\u06d2": "\u06cc", "\u06d3": "\u06cc",
    "\u06c1": "\u0647", "\u06c2": "\u0647", "\u06c3": "\u0647", "\u06be": "\u0647",
    "\u06d5": "\u0647", "\u066b": ".", "\u066a": "%",
    **{a: b for a, b in zip("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "0123456789" * 2, strict=True)},
}
_DROPPED = [0x0640, 0x00AD, 0x061C, 0x180E, *range(0x200B, 0x2010), *range(0x202A, 0x202F),
            *range(0x2060, 0x2065), *range(0x2066, 0x2070), 0xFEFF,
            *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)]
_COMPAT_RANGES = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFE), (0xFF01, 0xFF5E))
_THOUSANDS = ",\u066c\u060c"
_DIGIT_SEP_RE = re.compile(f"[{_THOUSANDS}](?<=[0-9][{_THOUSANDS}])(?=[0-9])")


def _table() -> dict[str, str]:
    """Character -> its folded text; every output folded already."""
    table = {**_LETTERS, **{chr(c): "" for c in _DROPPED}}

    def fold(text: str) -> str:
        return "".join("".join(table.get(ch, ch) for ch in text.lower()).split())

    for first, last in _COMPAT_RANGES:
        for code in range(first, last + 1):
            compat = unicodedata.normalize("NFKC", chr(code))
            if compat != chr(code):
                table[chr(code)] = fold(compat)
    return table


_TABLE = _table()


def rekey(key: str) -> str:
    """The new fold of a key the older fold made (or of any normalised text)."""
    s = "".join("".join(_TABLE.get(ch, ch) for ch in key.lower()).split())
    s = unicodedata.normalize("NFC", s)
    return _DIGIT_SEP_RE.sub("", s)


def _ranges(chars: set[str]) -> str:
    """The characters as a class body for GLOB and PostgreSQL regex: runs as ranges."""
    codes = sorted(ord(c) for c in chars)
    out, i = [], 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        out.append(chr(codes[i]) if i == j else f"{chr(codes[i])}-{chr(codes[j])}")
        i = j + 1
    return "".join(out)


def _classes() -> tuple[str, str]:
    """The characters the new fold changes, and a separator between digits, as regex classes."""
    # Every character the table changes is non-ASCII: none is special inside a class.
    # Combining accents (U+0300-U+036F) left beside a dropped Arabic mark may compose now.
    chars = f"[{_ranges(set(_TABLE) | {chr(c) for c in range(0x0300, 0x0370)})}]"
    return chars, f"[0-9][{_THOUSANDS}][0-9]"


def _filter(bind: sa.Connection) -> tuple[str, dict[str, str]]:
    """A WHERE condition true for every key the new fold could change (and few others)."""
    chars, seps = _classes()
    if bind.dialect.name == "postgresql":
        return "search_key ~ :pattern", {"pattern": f"{chars}|{seps}"}
    # SQLite's GLOB re-reads a long character class at every position of every key (75 s over
    # a million keys); Python's compiled pattern scans them in C, a few seconds.
    chars_re, seps_re = re.compile(chars), re.compile(seps)

    def suspect(key: str | None) -> bool:
        return key is not None and (chars_re.search(key) is not None or (
            ("," in key or "\u066c" in key or "\u060c" in key) and seps_re.search(key) is not None))

    bind.connection.dbapi_connection.create_function(  # type: ignore[union-attr]
        "pol_0007k_suspect", 1, suspect, deterministic=True)
    return "pol_0007k_suspect(search_key)", {}


def upgrade() -> None:
    """Re-fold every stored search key the new fold changes."""
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        names = server.stored_names(bind)
        if names is not None:
            server.install(bind, names)  # the row log now skips search-key-only updates
    where, params = _filter(bind)
    select = sa.text(f"SELECT id, search_key FROM request WHERE id > :after AND {where} "
                     "ORDER BY id LIMIT :n")
    update = sa.text("UPDATE request SET search_key = :key WHERE id = :id")
    after = 0
    while True:
        rows = bind.execute(select, {**params, "after": after, "n": _BATCH}).all()
        if not rows:
            return
        changed = [{"id": rid, "key": new} for rid, key in rows if (new := rekey(key)) != key]
        if changed:
            bind.execute(update, changed)
        after = rows[-1][0]


def downgrade() -> None:
    """Nothing to undo: the older code searches the re-folded keys as well as it could."""
