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

# Whether this transaction decided an objection on a request. SECURITY DEFINER: read as the
# owner, past the objection table's own county policy, whose look-up of `request` would make
# request's policy recursive; it tells nothing but that one fact.
CHECK = "objection_decided_now"
_CHECK_SQL = f"""
CREATE OR REPLACE FUNCTION {CHECK}(req_id integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
  SELECT EXISTS (SELECT 1 FROM objection o
                 WHERE o.request_id = req_id AND o.decided_tx = txid_current())
$fn$
"""

# table -> its request's id.
_REACH = {"request": "request.id", "referral": "referral.request_id"}


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
    q = conn.dialect.identifier_preparer.quote_identifier
    inspector = q(names.group("inspector"))
    conn.execute(text(_CHECK_SQL))
    conn.execute(text(f"REVOKE ALL ON FUNCTION {CHECK}(integer) FROM PUBLIC"))
    conn.execute(text(f"GRANT EXECUTE ON FUNCTION {CHECK}(integer) TO "
                      + ", ".join(q(g) for g in names.groups)))
    for table, request_id in _REACH.items():
        conn.execute(text(f"DROP POLICY IF EXISTS {POLICY} ON {table}"))
        conn.execute(text(
            f"CREATE POLICY {POLICY} ON {table} AS RESTRICTIVE FOR UPDATE TO {inspector} "
            f"USING ({CHECK}({request_id}))"))
