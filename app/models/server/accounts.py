"""LOGIN roles of Pol users, managed through SECURITY DEFINER functions only administrators run.

Why functions rather than CREATEROLE for administrators: CREATEROLE (PostgreSQL 15) would let an
administrator's login alter *any* non-superuser role on the server, another Pol database's
included. The functions below run as the owner and touch only this database's Pol logins:
`login_prefix || username`, never a superuser, the owner, a group, a role with extra powers,
or a role that belongs to anything but this database's groups. Passwords arrive as SCRAM
verifiers computed by Pol (app.services.core.scram), so no statement or server log holds one.

Refusals carry their own SQLSTATE (class "PA", see REFUSALS) for the services to translate.
`pol_account_status` answers what a name is on the server; every group may call it.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from app.models.server import GROUPS, RoleNames

# SQLSTATEs the functions raise.
NAME_TAKEN = "PA001"  # the login name already belongs to some role on the server
NOT_A_POL_LOGIN = "PA002"  # the role exists but is not this database's Pol login
NO_LOGIN = "PA003"  # no role of that name (a user made before logins existed)
NAME_INVALID = "PA004"  # PostgreSQL or Pol reserves the name, or it is longer than 63 bytes
ROLE_INVALID = "PA005"  # not one of GROUPS
VERIFIER_INVALID = "PA006"  # not a SCRAM-SHA-256 verifier
REFUSALS = (NAME_TAKEN, NOT_A_POL_LOGIN, NO_LOGIN, NAME_INVALID, ROLE_INVALID, VERIFIER_INVALID)

# Statuses pol_account_status returns.
MISSING, INVALID, FOREIGN, ACTIVE, INACTIVE = "missing", "invalid", "foreign", "active", "inactive"

_GROUP_SUFFIXES = "|".join(("owner", *GROUPS))

_STATUS = f"""
CREATE OR REPLACE FUNCTION public.pol_account_status(username text) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public AS $fn$
DECLARE
    setup record;
    login text;
    r record;
    groups text[];
BEGIN
    SELECT role_prefix, coalesce(login_prefix, '') AS login_prefix INTO setup
      FROM public.server_setup LIMIT 1;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'this database has no server setup' USING ERRCODE = '{NOT_A_POL_LOGIN}';
    END IF;
    IF username IS NULL OR username = '' THEN
        RETURN '{INVALID}';
    END IF;
    login := setup.login_prefix || username;
    groups := ARRAY(SELECT setup.role_prefix || g
                      FROM unnest(ARRAY['{"','".join(GROUPS)}']) AS g);
    SELECT oid, rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls, rolcanlogin
      INTO r FROM pg_catalog.pg_roles WHERE rolname = login;
    IF NOT FOUND THEN
        -- A name PostgreSQL reserves, too long, or shaped like some Pol database's owner or
        -- group (which a later migration of another database would adopt as its own).
        IF octet_length(login) > 63 OR login LIKE 'pg\\_%'
           OR lower(login) IN ('public', 'none', 'current_user', 'current_role',
                               'session_user', 'user', 'all')
           OR login ~ '^[a-z][a-z0-9_]{{0,18}}_({_GROUP_SUFFIXES})$' THEN
            RETURN '{INVALID}';
        END IF;
        RETURN '{MISSING}';
    END IF;
    IF r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls
       OR login = setup.role_prefix || 'owner' OR login = ANY(groups)
       -- a group: some role is a member of it (but the owner, which PostgreSQL 16 makes
       -- an administrator of every role it creates)
       OR EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m
                    JOIN pg_catalog.pg_roles o ON o.oid = m.member
                   WHERE m.roleid = r.oid AND o.rolname <> setup.role_prefix || 'owner')
       -- a member of something that is not one of this database's groups
       OR EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m
                    JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
                   WHERE m.member = r.oid AND NOT g.rolname = ANY(groups))
       -- a member of none of them
       OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m
                        JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
                       WHERE m.member = r.oid AND g.rolname = ANY(groups)) THEN
        RETURN '{FOREIGN}';
    END IF;
    RETURN CASE WHEN r.rolcanlogin THEN '{ACTIVE}' ELSE '{INACTIVE}' END;
END
$fn$
"""

# The checks every changing function starts with: the caller's target must be ours.
_CHANGE_CHECK = f"""
    st := public.pol_account_status(username);
    IF st = '{MISSING}' THEN
        RAISE EXCEPTION 'no login role for Pol user %', username USING ERRCODE = '{NO_LOGIN}';
    ELSIF st NOT IN ('{ACTIVE}', '{INACTIVE}') THEN
        RAISE EXCEPTION 'not a Pol login of this database: %', username
              USING ERRCODE = '{NOT_A_POL_LOGIN}';
    END IF;
    SELECT coalesce(login_prefix, '') || username, role_prefix INTO login, prefix
      FROM public.server_setup LIMIT 1;
"""

_CHECK_VERIFIER = f"""
    IF verifier IS NULL
       OR verifier !~ '^SCRAM-SHA-256\\$[0-9]+:[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$'
       OR length(decode(split_part(split_part(verifier, '$', 3), ':', 1), 'base64')) <> 32
       OR length(decode(split_part(split_part(verifier, '$', 3), ':', 2), 'base64')) <> 32 THEN
        -- Anything else would be taken as a plain password: refuse it.
        RAISE EXCEPTION 'not a SCRAM-SHA-256 verifier' USING ERRCODE = '{VERIFIER_INVALID}';
    END IF;
"""

_CHECK_ROLE = f"""
    IF role IS NULL OR NOT role = ANY(ARRAY['{"','".join(GROUPS)}']) THEN
        RAISE EXCEPTION 'unknown Pol role: %', role USING ERRCODE = '{ROLE_INVALID}';
    END IF;
"""

_HEAD = """
CREATE OR REPLACE FUNCTION public.{name}({args}) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $fn$
DECLARE
    st text;
    login text;
    prefix text;
    g text;
BEGIN
"""

_FUNCTIONS: dict[str, tuple[str, str]] = {
    "pol_account_create": ("username text, verifier text, role text", f"""
    {_CHECK_ROLE}
    {_CHECK_VERIFIER}
    st := public.pol_account_status(username);
    IF st = '{INVALID}' THEN
        RAISE EXCEPTION 'login name not allowed: %', username USING ERRCODE = '{NAME_INVALID}';
    ELSIF st <> '{MISSING}' THEN
        RAISE EXCEPTION 'role name already used on this server: %', username
              USING ERRCODE = '{NAME_TAKEN}';
    END IF;
    SELECT coalesce(login_prefix, '') || username, role_prefix INTO login, prefix
      FROM public.server_setup LIMIT 1;
    EXECUTE format('CREATE ROLE %I LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE '
                   'NOREPLICATION NOBYPASSRLS ENCRYPTED PASSWORD %L', login, verifier);
    EXECUTE format('GRANT %I TO %I', prefix || role, login);
"""),
    "pol_account_set_role": ("username text, role text", f"""
    {_CHECK_ROLE}
    {_CHANGE_CHECK}
    FOREACH g IN ARRAY ARRAY['{"','".join(GROUPS)}'] LOOP
        IF g <> role AND pg_catalog.pg_has_role(login, prefix || g, 'MEMBER') THEN
            EXECUTE format('REVOKE %I FROM %I', prefix || g, login);
        END IF;
    END LOOP;
    IF NOT pg_catalog.pg_has_role(login, prefix || role, 'MEMBER') THEN
        EXECUTE format('GRANT %I TO %I', prefix || role, login);
    END IF;
"""),
    "pol_account_set_login": ("username text, can_login boolean", f"""
    IF can_login IS NULL THEN
        RAISE EXCEPTION 'can_login must be true or false' USING ERRCODE = '{NAME_INVALID}';
    END IF;
    {_CHANGE_CHECK}
    EXECUTE format('ALTER ROLE %I %s', login, CASE WHEN can_login THEN 'LOGIN' ELSE 'NOLOGIN' END);
"""),
    "pol_account_set_password": ("username text, verifier text", f"""
    {_CHECK_VERIFIER}
    {_CHANGE_CHECK}
    EXECUTE format('ALTER ROLE %I ENCRYPTED PASSWORD %L', login, verifier);
"""),
}


def _signature(name: str, args: str) -> str:
    """`public.f(text, boolean)` from a name and its declared arguments."""
    types = ", ".join(a.split()[-1] for a in args.split(","))
    return f"public.{name}({types})"


def install(conn: Connection, names: RoleNames) -> None:
    """Create or replace the account functions and grant EXECUTE to the admin group."""
    q = conn.dialect.identifier_preparer.quote_identifier
    conn.execute(text(_STATUS))
    conn.execute(text("REVOKE ALL ON FUNCTION public.pol_account_status(text) FROM PUBLIC"))
    groups = ", ".join(q(g) for g in names.groups)
    conn.execute(text(f"GRANT EXECUTE ON FUNCTION public.pol_account_status(text) TO {groups}"))
    for name, (args, body) in _FUNCTIONS.items():
        conn.execute(text(_HEAD.format(name=name, args=args) + body + "\nEND\n$fn$"))
        signature = _signature(name, args)
        conn.execute(text(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC"))
        conn.execute(text(f"GRANT EXECUTE ON FUNCTION {signature} TO {q(names.group('admin'))}"))


# --- calls, for the services ------------------------------------------------------------------

def status(conn: Connection, username: str) -> str:
    """What `username`'s login is on the server: MISSING, INVALID, FOREIGN, ACTIVE, INACTIVE."""
    return str(conn.execute(text("SELECT public.pol_account_status(:u)"), {"u": username})
               .scalar())


def statuses(conn: Connection, usernames: list[str]) -> dict[str, str]:
    """The status of many users' logins at once."""
    if not usernames:
        return {}
    rows = conn.execute(text("SELECT u, public.pol_account_status(u) FROM unnest(CAST(:names AS text[])) AS u"),
                        {"names": usernames}).all()
    return {u: s for u, s in rows}


def create(conn: Connection, username: str, verifier: str, role: str) -> None:
    """Make the LOGIN role of a new Pol user, member of its role's group."""
    conn.execute(text("SELECT public.pol_account_create(:u, :v, :r)"),
                 {"u": username, "v": verifier, "r": role})


def set_role(conn: Connection, username: str, role: str) -> None:
    """Move a login to the group of another role."""
    conn.execute(text("SELECT public.pol_account_set_role(:u, :r)"), {"u": username, "r": role})


def set_login(conn: Connection, username: str, can_login: bool) -> None:
    """Let a login sign in, or not (a deactivated user is NOLOGIN)."""
    conn.execute(text("SELECT public.pol_account_set_login(:u, :c)"),
                 {"u": username, "c": can_login})


def set_password(conn: Connection, username: str, verifier: str) -> None:
    """Give a login a new password (as its SCRAM verifier)."""
    conn.execute(text("SELECT public.pol_account_set_password(:u, :v)"),
                 {"u": username, "v": verifier})
