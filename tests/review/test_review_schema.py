"""Migration 0003r creates exactly what app/models/referral.py and review.py declare."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.models import Base

MINE = ("review", "escalated_at", "escalated_by", "ix_referral_escalated_at",
        "ix_referral_letter_no", "ix_referral_period", "ix_request_closed_at",
        "ix_request_county_id")


def test_migrated_schema_matches_the_models_for_this_issue(db) -> None:
    """Autogenerate finds no difference in the review table and the new referral columns."""
    with db.engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}),
                                Base.metadata)
    mine = [d for d in diff if any(name in repr(d) for name in MINE)]
    assert mine == []
