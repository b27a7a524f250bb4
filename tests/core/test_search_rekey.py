"""Migration 0007k re-folds stored search keys: after it, every stored key is the key the new
code makes of the same request, on SQLite and PostgreSQL; on PostgreSQL `audit verify` finds
nothing unexplained, although the row log used to log such updates."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import select, text

from app.models import Citizen, Request
from app.models.database import Database
from app.models.server import row_log
from app.services.core import audit_verify, persian
from app.services.registry import Services
from app.services.requests.dto import InboxFilter
from app.services.requests.service import build_search_key
from tests.core.test_clean_text_reference import old_search_key
from tests.core.test_county_scope_pg import pg_services  # noqa: F401, F811 - a fixture
from tests.support.helpers import make_actor, register, valid_nid

# Texts the old fold keyed apart from what a clerk types.
PASTED = [
    ("\u202bﮔﺰﺍﺭﺵ ﻗﻄﻌﯽ ﺁﺏ\u202c", "ﻻﻟﻪ ﺭﻧﮓ", "ڪریمی"),
    ("قطعی برق", "مبلغ ۱٬۲۰۰٬۰۰۰ ریال، پلاک ８٣٧٩", "بندے"),
    ("ہمدان", "\u200bکوچه ھفتم", "ەحمدی"),
]
PLAIN = ("روشنایی معابر", "چراغ خیابان خاموش است", "رضایی")


def _keys(db: Database) -> dict[int, tuple[str, str]]:
    """id -> (stored key, the key the code makes now)."""
    with db.read() as s:
        rows = s.execute(select(Request, Citizen).outerjoin(
            Citizen, Citizen.id == Request.citizen_id).order_by(Request.id)).all()
        return {r.id: (r.search_key, build_search_key(r, c)) for r, c in rows}


def _store_old_keys(db: Database, monkeypatch: pytest.MonkeyPatch) -> dict[int, str]:
    """Overwrite every stored key with the key the fold before issue 12 made."""
    with monkeypatch.context() as m:
        m.setattr(persian, "search_key", old_search_key)
        old = {rid: now for rid, (_, now) in _keys(db).items()}
    with db.engine.begin() as conn:
        for rid, key in old.items():
            conn.execute(text("UPDATE request SET search_key = :k WHERE id = :id"),
                         {"k": key, "id": rid})
    return old


def _rerun_0007k(db: Database) -> None:
    """Put the database back at 0006s, upgrade it to 0007k, then back at the head it was at."""
    cfg = db.alembic_config()
    with db.engine.begin() as conn:
        head = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        conn.execute(text("UPDATE alembic_version SET version_num = '0006s'"))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0007k")
        conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": head})


@pytest.fixture
def requests_pasted(services: Services) -> tuple[list[int], int]:
    """Three requests registered from pasted text and one typed plainly."""
    op = make_actor(services, "op")
    ids = [register(services, op, subject=s, body=b, last_name=n,
                    nid=valid_nid(f"30000000{k}")).id for k, (s, b, n) in enumerate(PASTED)]
    s, b, n = PLAIN
    return ids, register(services, op, subject=s, body=b, last_name=n,
                         nid=valid_nid("300000009")).id


def test_rekey_stores_what_the_new_code_computes(services, requests_pasted, monkeypatch) -> None:
    """Old keys of pasted text differ from the new ones; after 0007k none does, and the inbox
    finds the requests by what a clerk types."""
    db = services.db
    pasted, plain = requests_pasted
    old = _store_old_keys(db, monkeypatch)
    before = _keys(db)
    assert all(before[rid][0] != before[rid][1] for rid in pasted)  # the fold changed them
    assert before[plain][0] == before[plain][1]
    assert services.inbox.count(InboxFilter(text="گزارش")) == 0

    _rerun_0007k(db)

    after = _keys(db)
    assert {rid: stored for rid, (stored, _) in after.items()} == {
        rid: now for rid, (_, now) in after.items()}
    assert after[plain][0] == old[plain]
    for typed in ("گزارش", "لاله", "کریمی", "1200000", "8379", "بندی", "همدان", "هفتم", "هحمدی"):
        assert services.inbox.count(InboxFilter(text=typed)) == 1, typed


def test_rekey_of_an_up_to_date_database_changes_nothing(services, requests_pasted) -> None:
    """Keys the new code made are left as they are."""
    before = _keys(services.db)
    _rerun_0007k(services.db)
    assert _keys(services.db) == before


# --- PostgreSQL: the row log and audit verify ---------------------------------------------------

# The row-log function before issue 12: it logged an UPDATE that changed only the search key.
_OLD_LOG_FUNCTION = row_log._LOG_FUNCTION.replace(" - ARRAY['search_key']", "")


def _unexplained(db: Database) -> list[audit_verify.UnexplainedChange]:
    report = audit_verify.verify(db)
    assert report.chain.ok
    return report.unexplained


def test_pg_upgrade_leaves_audit_verify_nothing_to_flag(pg_services, monkeypatch) -> None:  # noqa: F811
    """With the old row log a key-only update is flagged; the upgrade refreshes the row log
    first, so its own updates are not, and later edits still log what a person changed."""
    services = pg_services
    db = services.db
    op = make_actor(services, "op")
    ids = [register(services, op, subject=s, body=b, last_name=n,
                    nid=valid_nid(f"30000000{k}")).id for k, (s, b, n) in enumerate(PASTED)]
    _store_old_keys(db, monkeypatch)  # today's row log ignores these
    assert _unexplained(db) == []

    # A database still at 0006s has the old row log: there, a key-only UPDATE is flagged.
    with db.engine.begin() as conn:
        conn.execute(text(_OLD_LOG_FUNCTION))
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE request SET search_key = search_key || 'x' WHERE id = :id"),
                     {"id": ids[0]})
    flagged = _unexplained(db)
    assert [(c.table, c.row_id, c.columns) for c in flagged] == [("request", ids[0], "search_key")]
    with db.engine.begin() as conn:  # forget that probe (deliberate maintenance)
        conn.execute(text(f"SET LOCAL {row_log.MAINTENANCE_SETTING} = 'on'"))
        conn.execute(text("DELETE FROM row_change"))
        conn.execute(text("UPDATE request SET search_key = left(search_key, -1) WHERE id = :id"),
                     {"id": ids[0]})
        conn.execute(text("DELETE FROM row_change"))
    assert _unexplained(db) == []

    _rerun_0007k(db)

    assert _unexplained(db) == []
    assert all(stored == now for stored, now in _keys(db).values())
    with db.engine.begin() as conn:
        logged = conn.execute(text("SELECT count(*) FROM row_change")).scalar_one()
        # An outside edit of the subject is still logged (and flagged), the key left out.
        conn.execute(text("UPDATE request SET subject = 'x', search_key = 'x' WHERE id = :id"),
                     {"id": ids[1]})
    assert logged == 0
    flagged = _unexplained(db)
    assert [(c.row_id, c.columns) for c in flagged] == [(ids[1], "subject")]
