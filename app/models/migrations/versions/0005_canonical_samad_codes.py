"""SAMAD tracking codes stored before they were canonicalised are rewritten in canonical form.

The import now compares canonical codes: «۷۷۱۲۳۴», and «771234» with a zero-width space or a
left-to-right mark inside, are all «771234». A code stored earlier with Persian digits or
invisible characters would otherwise never match again, and re-importing the same file would
register its rows a second time.
A row whose canonical code another row already holds (the very duplicates this fixes) keeps
its code: both requests stay, and the older one is what a new import matches.

Revision ID: 0005t
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0005t"
down_revision = "0004"
branch_labels = None
depends_on = None

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "0123456789" * 2)


def _canonical(code: str) -> str:
    """services.persian.canonical_code as of this revision (frozen: a migration must not move)."""
    return "".join(ch for ch in code.translate(_DIGITS) if not (
        ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zs", "Zl", "Zp")))


def upgrade() -> None:
    """Rewrite every non-canonical samad code whose canonical form is still free."""
    bind = op.get_bind()
    # Only codes with something besides Latin letters and digits can be non-canonical.
    odd = ("samad_code GLOB '*[^0-9A-Za-z]*'" if bind.dialect.name == "sqlite"
           else "samad_code ~ '[^0-9A-Za-z]'")
    rows = bind.execute(sa.text(
        f"SELECT id, samad_code FROM request WHERE samad_code IS NOT NULL AND {odd} ORDER BY id"
    )).all()
    taken = sa.text("SELECT 1 FROM request WHERE samad_code = :code")
    # The search key gets the canonical code appended, so a search for it finds the request.
    update = sa.text("UPDATE request SET samad_code = :code, "
                     "search_key = search_key || :key WHERE id = :id")
    for rid, code in rows:
        new = _canonical(code)
        if new and new != code and bind.execute(taken, {"code": new}).first() is None:
            bind.execute(update, {"code": new, "key": new.lower(), "id": rid})


def downgrade() -> None:
    """Nothing to undo: the canonical code is a valid code for the older schema too."""
