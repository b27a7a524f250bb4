"""The owner, the four group roles, CONNECT, and the privilege table each group is granted.

The grants are the narrowest that let each role do its work through Pol:
- everyone reads the case and reference tables (a clerk sees the history, an inspector reads
  everything) and appends to the audit trail;
- operators and managers insert and update the case tables, and nothing of accounts or settings;
- inspectors insert only review notes and verdicts;
- administrators also write accounts, county scopes, settings and reference data; accounts'
  LOGIN roles are made by SECURITY DEFINER functions only administrators may call (accounts.py);
- nobody but the owner may UPDATE, DELETE or TRUNCATE: no group gets those on any table, and the
  audit and row-log tables refuse them by trigger even to the owner (row_log.py).
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from app.errors import PolError
from app.models.server import GROUPS, RoleNames

# The case tables: a request and everything hanging from it.
CASE_TABLES = ("citizen", "request", "request_link", "referral", "referral_event", "meeting",
               "meeting_schedule", "meeting_attendee", "meeting_directive",
               "clock_pause",  # issue 13 part 5
               "event")  # issue 14 §1
# Satisfaction calls (issue 13 §3): the call row changes under a version; attempts are appended only.
CALL_TABLES = ("satisfaction_call", "satisfaction_call_attempt")
CALL_PRIVILEGES = [("satisfaction_call", "INSERT, UPDATE"), ("satisfaction_call_attempt", "INSERT")]
REFERENCE_TABLES = ("county", "agency", "manager", "holiday", "setting")
ACCOUNT_TABLES = ("app_user", "user_county")
# The secretariat's numbers (issue 13 §6): the counter is bumped in place, the register only
# appended to.
LETTER_TABLES = (("letter_counter", "INSERT, UPDATE"), ("official_letter", "INSERT"))
# Attachments (issue 13 §4): the bytes are written once and never changed; of the metadata only
# the removal flag (who, when, why, and the version guarding it) may change. Nobody deletes.
ATTACHMENT_TABLES = ("attachment", "attachment_content")
ATTACHMENT_WRITE = [
    ("attachment", "INSERT, UPDATE (removed_at, removed_by, removed_reason, version)"),
    ("attachment_content", "INSERT"),
]
READ_ALL = (*CASE_TABLES, *CALL_TABLES, *REFERENCE_TABLES, *ACCOUNT_TABLES, "review", "audit_event",
            "server_setup", "alembic_version", *(t for t, _ in LETTER_TABLES), *ATTACHMENT_TABLES)

# group -> (table, privileges); SELECT on READ_ALL is granted to every group besides these.
PRIVILEGES: dict[str, list[tuple[str, str]]] = {
    "operator": [(t, "INSERT, UPDATE") for t in CASE_TABLES] + [("audit_event", "INSERT")]
    + CALL_PRIVILEGES,
    "manager": [(t, "INSERT, UPDATE") for t in CASE_TABLES] + [("audit_event", "INSERT")]
    + CALL_PRIVILEGES,
    "inspector": [("review", "INSERT"), ("audit_event", "INSERT"), ("row_change", "SELECT")],
    "admin": [(t, "INSERT, UPDATE") for t in (*CASE_TABLES, *REFERENCE_TABLES, "app_user")]
    + [("user_county", "INSERT, DELETE"), ("review", "INSERT"), ("audit_event", "INSERT"),
       ("row_change", "SELECT")] + CALL_PRIVILEGES,
}
for _group in ("operator", "manager", "admin"):
    PRIVILEGES[_group] += LETTER_TABLES
for _group in ("operator", "manager", "admin"):  # inspectors read attachments, never write
    PRIVILEGES[_group] += ATTACHMENT_WRITE


# The citizen's objection (issue 13 part 2). Clerks insert only the recording columns (the
# decision columns take their server defaults), deciders update only the decision columns.
# An inspector's decision reopens or closes the request and reopens its referrals: those
# columns only, and only in the deciding transaction (server/objections.py's policies).
OBJECTION_RECORD = ("INSERT (id, request_id, reason, recorded_at, recorded_by, closed_at_before, "
                    "answer_kind, agency_id, version)")
OBJECTION_DECIDE = "UPDATE (outcome, decision_note, decided_at, decided_by, version)"
READ_ALL += ("objection",)
PRIVILEGES["operator"] += [("objection", OBJECTION_RECORD)]
PRIVILEGES["manager"] += [("objection", f"{OBJECTION_RECORD}, {OBJECTION_DECIDE}")]
PRIVILEGES["admin"] += [("objection", f"{OBJECTION_RECORD}, {OBJECTION_DECIDE}")]
PRIVILEGES["inspector"] += [("objection", OBJECTION_DECIDE),
                            ("request", "UPDATE (status, closed_at, deadline, version)"),
                            ("referral", "UPDATE (status, grade, deadline, version)")]

# Messages to citizens (issue 14 §3): whoever writes a case writes its message in the same
# transaction, and the desks that send update its status; the templates are the office's
# settings (administrators).
READ_ALL += ("sms_outbox", "sms_template")
for _group in ("operator", "manager", "admin"):
    PRIVILEGES[_group] += [("sms_outbox", "INSERT, UPDATE")]
PRIVILEGES["admin"] += [("sms_template", "INSERT, UPDATE")]


def quote(conn: Connection, name: str) -> str:
    """A role or table name quoted as an SQL identifier."""
    return conn.dialect.identifier_preparer.quote_identifier(name)


def role_exists(conn: Connection, name: str) -> bool:
    """True when the server has a role of that name."""
    return bool(conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name})
                .scalar())


def _is_login_or_powerful(conn: Connection, name: str) -> bool:
    """True for a role that can log in or holds a server-wide power."""
    return bool(conn.execute(text(
        "SELECT rolcanlogin OR rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls "
        "FROM pg_roles WHERE rolname = :n"), {"n": name}).scalar())


def _is_superuser(conn: Connection) -> bool:
    return bool(conn.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"))
                .scalar())


def install(conn: Connection, names: RoleNames) -> None:
    """Create the owner and groups if missing, lock the database's door, grant the table."""
    q = lambda n: quote(conn, n)  # noqa: E731
    me = conn.execute(text("SELECT current_user")).scalar()
    if not role_exists(conn, names.owner):
        # The owner manages LOGIN roles (through accounts.py's functions), hence CREATEROLE.
        conn.execute(text(f"CREATE ROLE {q(names.owner)} NOLOGIN CREATEROLE"))
    if me != names.owner and not _is_superuser(conn):
        # Whoever runs the migrations must be able to hand the schema to the owner.
        conn.execute(text(f"GRANT {q(names.owner)} TO {q(me)}"))
    for group in names.groups:
        if not role_exists(conn, group):
            conn.execute(text(f"CREATE ROLE {q(group)} NOLOGIN"))
        elif _is_login_or_powerful(conn, group):
            # A person's login that happens to bear a group's name must never become one.
            raise PolError(f"نقش «\u2066{group}\u2069» روی سرور هست و نقش گروهی ساده نیست؛ "
                           "برای این پایگاه داده پیشوند دیگری بدهید (db upgrade --role-prefix).")
        if me != names.owner:
            # With ADMIN OPTION the owner may add members (required from PostgreSQL 16 on).
            conn.execute(text(f"GRANT {q(group)} TO {q(names.owner)} WITH ADMIN OPTION"))
    _lock_database(conn, names)
    grant_tables(conn, names)


def _lock_database(conn: Connection, names: RoleNames) -> None:
    """Only this database's own roles may connect to it."""
    db = quote(conn, conn.execute(text("SELECT current_database()")).scalar())
    conn.execute(text(f"REVOKE CONNECT, TEMPORARY ON DATABASE {db} FROM PUBLIC"))
    for role in (names.owner, *names.groups):
        conn.execute(text(f"GRANT CONNECT ON DATABASE {db} TO {quote(conn, role)}"))


def _sequence_of(conn: Connection, table: str) -> str | None:
    """The sequence behind a table's id column, if it has one."""
    return conn.execute(text(
        "SELECT pg_get_serial_sequence(:t, a.attname) FROM pg_attribute a "
        "WHERE a.attrelid = to_regclass(:t) AND a.attname = 'id' AND NOT a.attisdropped"),
        {"t": table}).scalar()


def grant_tables(conn: Connection, names: RoleNames) -> None:
    """Revoke whatever the groups had on Pol's tables and grant the privilege table afresh."""
    q = lambda n: quote(conn, n)  # noqa: E731
    tables = [t for t in (*READ_ALL, "row_change")
              if conn.execute(text("SELECT to_regclass(:t)"), {"t": t}).scalar()]
    groups = ", ".join(q(g) for g in names.groups)
    conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {groups}"))
    for table in tables:
        conn.execute(text(f"REVOKE ALL ON TABLE {q(table)} FROM PUBLIC, {groups}"))
        seq = _sequence_of(conn, table)
        if seq:
            conn.execute(text(f"REVOKE ALL ON SEQUENCE {seq} FROM PUBLIC, {groups}"))
    for table in READ_ALL:
        if table in tables:
            conn.execute(text(f"GRANT SELECT ON TABLE {q(table)} TO {groups}"))
    for role in GROUPS:
        for table, privileges in PRIVILEGES[role]:
            if table not in tables:
                continue
            conn.execute(text(f"GRANT {privileges} ON TABLE {q(table)} TO {q(names.group(role))}"))
            seq = _sequence_of(conn, table)
            if seq and "INSERT" in privileges:
                conn.execute(text(f"GRANT USAGE ON SEQUENCE {seq} TO {q(names.group(role))}"))


def own_everything(conn: Connection, names: RoleNames) -> None:
    """Hand every table, sequence and function of the schema to the owner.

    Objects that belong to an extension (pg_trgm's functions) stay with the extension.
    """
    me = conn.execute(text("SELECT current_user")).scalar()
    if me == names.owner:
        return
    q = lambda n: quote(conn, n)  # noqa: E731
    relations = conn.execute(text(
        "SELECT c.relname, c.relkind FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm') "
        "AND pg_get_userbyid(c.relowner) <> :owner "
        "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')"),
        {"owner": names.owner}).all()
    for name, kind in relations:
        what = "VIEW" if kind == "v" else "MATERIALIZED VIEW" if kind == "m" else "TABLE"
        conn.execute(text(f"ALTER {what} {q(name)} OWNER TO {q(names.owner)}"))
    functions = conn.execute(text(
        "SELECT p.oid::regprocedure::text FROM pg_proc p "
        "JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = current_schema() AND pg_get_userbyid(p.proowner) <> :owner "
        "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')"),
        {"owner": names.owner}).scalars().all()
    for signature in functions:
        conn.execute(text(f"ALTER FUNCTION {signature} OWNER TO {q(names.owner)}"))

# Answers exported for SAMAD (issue 14 §2): an export and its items are appended, never changed.
SAMAD_EXPORT_TABLES = ("samad_export", "samad_export_item")
READ_ALL += SAMAD_EXPORT_TABLES
for _group in ("operator", "manager", "admin"):
    PRIVILEGES[_group] += [(t, "INSERT") for t in SAMAD_EXPORT_TABLES]
