"""The row log of the case tables and the append-only guard on the audit trail (triggers).

After the well-known PostgreSQL audit trigger (2ndQuadrant's audit.logged_actions), reduced to
what `audit verify` needs: every insert, update and delete on a case table appends a row to
`row_change` with the server login (`session_user`, which SECURITY DEFINER leaves alone), the
transaction and the changed columns. A change Pol made has an audit event in the same
transaction (the BEFORE INSERT trigger on `audit_event` stamps its `tx` and `db_login`, whatever
the client sent); a change without one was made by another client.

The log function is SECURITY DEFINER (owned by the schema owner) so the groups need no
privilege on `row_change`; nobody can write it directly but the owner. UPDATE, DELETE and
TRUNCATE of `audit_event` and `row_change` are refused by trigger, to the owner and superusers
too, unless the deliberate maintenance switch is set in the transaction:
`SET LOCAL pol.audit_maintenance = 'on'`.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from app.models.server import RoleNames

# Requests and everything hanging from them, and the inspectors' reviews.
LOGGED_TABLES = ("request", "request_link", "referral", "referral_event", "meeting",
                 "meeting_attendee", "meeting_directive", "meeting_schedule", "citizen", "review")
LOGGED_TABLES += ("objection",)  # issue 13 part 2
LOGGED_TABLES += ("satisfaction_call", "satisfaction_call_attempt")  # issue 13 part 3
LOGGED_TABLES += ("clock_pause",)  # issue 13 part 5
LOGGED_TABLES += ("official_letter",)  # issue 13 part 6
LOGGED_TABLES += ("event",)  # issue 14 §1
# Attachments' metadata (issue 13 §4); their content is written once, never updated (no group
# may), and logging it would copy every scan into the log.
LOGGED_TABLES += ("attachment",)
GUARDED_TABLES = ("audit_event", "row_change")
MAINTENANCE_SETTING = "pol.audit_maintenance"

# Per row: UPDATE logs {column: [old, new]} of what changed and skips a no-op; DELETE logs the
# whole old row. Derived columns are left out of an UPDATE's comparison and log: the request's
# search key is made from its other columns (each logged when it changes), so an UPDATE that
# re-folds only keys (migration 0007k, a later re-key) changes nothing a person wrote and is no
# change `audit verify` should flag; nor would logging a second copy of every body text help.
DERIVED_COLUMNS = ("search_key",)
_LOG_FUNCTION = """
CREATE OR REPLACE FUNCTION pol_row_log() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
DECLARE
    o jsonb;
    n jsonb;
    cols text;
    diff text := '';
    rid bigint;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        o := to_jsonb(OLD) - {derived};
        n := to_jsonb(NEW) - {derived};
        IF o = n THEN
            RETURN NULL;
        END IF;
        SELECT string_agg(e.key, ',' ORDER BY e.key),
               jsonb_object_agg(e.key, jsonb_build_array(e.value, n -> e.key))::text
          INTO cols, diff
          FROM jsonb_each(o) e WHERE e.value IS DISTINCT FROM n -> e.key;
        rid := (n ->> 'id')::bigint;
    ELSE
        o := to_jsonb(OLD);
        diff := o::text;
        rid := (o ->> 'id')::bigint;
    END IF;
    INSERT INTO row_change (at, login, tx, table_name, row_id, action, columns, changes)
    VALUES (clock_timestamp(), session_user, txid_current(), TG_TABLE_NAME, rid, TG_OP,
            coalesce(cols, ''), coalesce(diff, ''));
    RETURN NULL;
END
$fn$
""".replace("{derived}", "ARRAY[" + ", ".join(f"'{c}'" for c in DERIVED_COLUMNS) + "]")

# Inserts are logged once per statement from the transition table: a bulk load (the demo, a
# SAMAD import) pays one set-based INSERT instead of a PL/pgSQL call per row. An INSERT logs
# its non-null columns but not their values (the values are in the row itself).
_INSERT_FUNCTION = """
CREATE OR REPLACE FUNCTION pol_row_log_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
BEGIN
    INSERT INTO row_change (at, login, tx, table_name, row_id, action, columns, changes)
    SELECT clock_timestamp(), session_user, txid_current(), TG_TABLE_NAME,
           (x.j ->> 'id')::bigint, 'INSERT',
           coalesce((SELECT string_agg(k, ',' ORDER BY k)
                       FROM jsonb_object_keys(jsonb_strip_nulls(x.j)) k), ''), ''
      FROM (SELECT to_jsonb(r) AS j FROM pol_new_rows r) x;
    RETURN NULL;
END
$fn$
"""

# The server, not the client, says which transaction and login appended an audit event.
_STAMP_FUNCTION = """
CREATE OR REPLACE FUNCTION pol_audit_stamp() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $fn$
BEGIN
    NEW.tx := txid_current();
    NEW.db_login := session_user;
    RETURN NEW;
END
$fn$
"""

_GUARD_FUNCTION = f"""
CREATE OR REPLACE FUNCTION pol_audit_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $fn$
BEGIN
    IF coalesce(current_setting('{MAINTENANCE_SETTING}', true), '') = 'on' THEN
        IF TG_LEVEL = 'ROW' AND TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'Pol: % on % refused: the audit trail is append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'SET LOCAL {MAINTENANCE_SETTING} = ''on'' for deliberate maintenance';
END
$fn$
"""


def _exists(conn: Connection, table: str) -> bool:
    return conn.execute(text("SELECT to_regclass(:t) IS NOT NULL"), {"t": table}).scalar()


def install(conn: Connection, names: RoleNames) -> None:
    """Create or replace the row-log and guard triggers."""
    del names  # the functions are the database's own; own_everything hands them to the owner
    for ddl in (_LOG_FUNCTION, _INSERT_FUNCTION, _STAMP_FUNCTION, _GUARD_FUNCTION):
        conn.execute(text(ddl))
    for table in LOGGED_TABLES:
        if not _exists(conn, table):
            continue
        q = f'"{table}"'
        conn.execute(text(f"DROP TRIGGER IF EXISTS pol_row_log ON {q}"))
        conn.execute(text(f"CREATE TRIGGER pol_row_log AFTER UPDATE OR DELETE ON {q} "
                          "FOR EACH ROW EXECUTE FUNCTION pol_row_log()"))
        conn.execute(text(f"DROP TRIGGER IF EXISTS pol_row_log_insert ON {q}"))
        conn.execute(text(f"CREATE TRIGGER pol_row_log_insert AFTER INSERT ON {q} "
                          "REFERENCING NEW TABLE AS pol_new_rows "
                          "FOR EACH STATEMENT EXECUTE FUNCTION pol_row_log_insert()"))
    conn.execute(text("DROP TRIGGER IF EXISTS pol_audit_stamp ON audit_event"))
    conn.execute(text("CREATE TRIGGER pol_audit_stamp BEFORE INSERT ON audit_event "
                      "FOR EACH ROW EXECUTE FUNCTION pol_audit_stamp()"))
    for table in GUARDED_TABLES:
        conn.execute(text(f"DROP TRIGGER IF EXISTS pol_audit_guard ON {table}"))
        conn.execute(text(f"CREATE TRIGGER pol_audit_guard BEFORE UPDATE OR DELETE ON {table} "
                          "FOR EACH ROW EXECUTE FUNCTION pol_audit_guard()"))
        conn.execute(text(f"DROP TRIGGER IF EXISTS pol_audit_guard_truncate ON {table}"))
        conn.execute(text(f"CREATE TRIGGER pol_audit_guard_truncate BEFORE TRUNCATE ON {table} "
                          "FOR EACH STATEMENT EXECUTE FUNCTION pol_audit_guard()"))
