"""The server's own rule for objections: decided once, and an inspector's reach into the case.

Inspectors decide objections (اعتراض). Upholding one reopens the referral or the direct answer,
rejecting one closes the request again, so the deciding transaction changes a few columns of
`request` and `referral` (roles.py grants inspectors exactly those columns). Lest that grant let
an inspector's login change any request from `psql`, two restrictive policies allow an inspector
to update a request, or a referral of it, only in the transaction that decided an objection on
that request. The transaction is stamped on the objection by a trigger (`decided_tx`), which
also refuses to change an objection once decided, to every login.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from app.models.server import RoleNames

FUNCTION = "pol_objection_decision"
TRIGGER = "objection_decision"
POLICY = "objection_decision"

_FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $fn$
BEGIN
    IF OLD.outcome <> 'pending' THEN
        RAISE EXCEPTION 'objection % is decided already', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.outcome IS DISTINCT FROM OLD.outcome THEN
        NEW.decided_tx := txid_current();
    ELSE
        NEW.decided_tx := OLD.decided_tx;
    END IF;
    RETURN NEW;
END
$fn$
"""

# table -> how a row of it reaches the objection's request.
_REACH = {
    "request": "o.request_id = request.id",
    "referral": "o.request_id = referral.request_id",
}


def _exists(conn: Connection, table: str) -> bool:
    return bool(conn.execute(text("SELECT to_regclass(:t) IS NOT NULL"), {"t": table}).scalar())


def install(conn: Connection, names: RoleNames) -> None:
    """Create or replace the decision trigger and the inspector's restrictive policies."""
    if not _exists(conn, "objection"):
        return
    conn.execute(text(_FUNCTION_SQL))
    conn.execute(text(f"DROP TRIGGER IF EXISTS {TRIGGER} ON objection"))
    conn.execute(text(f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE ON objection "
                      f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"))
    inspector = conn.dialect.identifier_preparer.quote_identifier(names.group("inspector"))
    for table, reach in _REACH.items():
        conn.execute(text(f"DROP POLICY IF EXISTS {POLICY} ON {table}"))
        conn.execute(text(
            f"CREATE POLICY {POLICY} ON {table} AS RESTRICTIVE FOR UPDATE TO {inspector} "
            f"USING (EXISTS (SELECT 1 FROM objection o WHERE {reach} "
            "AND o.decided_tx = txid_current()))"))
