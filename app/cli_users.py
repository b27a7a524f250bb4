"""The `users` verbs (add, password, list) and the role prefixes of `db upgrade`.

On a PostgreSQL server every user is a LOGIN role: `users add` makes it, and `users password`
sets a password, making the login of a user who has none yet (a database created before logins
existed: this is the documented way to give its users their logins).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from app.errors import NotFound, PolError
from app.models.enums import Role

# What `users list` prints for each status of a user's login on the server.
LOGIN_WORDS = {
    "active": "login: can sign in",
    "inactive": "login: disabled",
    "missing": "login: none (set one with: users password NAME)",
    "foreign": "login: name used by another server role",
    "invalid": "login: name not allowed on the server",
}


def add_verbs(sub: argparse._SubParsersAction) -> None:
    """The `users` verb and its sub-verbs."""
    users = sub.add_parser("users", help="manage user accounts")
    users_sub = users.add_subparsers(dest="users_command", required=True)
    add = users_sub.add_parser("add", help="add a user (password read without echo or from stdin)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--full-name", default="")
    add.add_argument("--county", action="append", default=[], metavar="NAME",
                     help="limit the user to a county (Persian name; repeat for several)")
    password = users_sub.add_parser(
        "password", help="set a user's password (read without echo or from stdin); on a server "
                         "this also gives a user made before logins existed a login")
    password.add_argument("name")
    users_sub.add_parser("list", help="list users (on a server: whether each may sign in)")


def add_upgrade_options(upgrade: argparse.ArgumentParser) -> None:
    """`db upgrade --role-prefix P --login-prefix L` (a new PostgreSQL database only)."""
    upgrade.add_argument("--role-prefix", metavar="P",
                         help="prefix of this database's server roles (default pol_; "
                              "a new PostgreSQL database only)")
    upgrade.add_argument("--login-prefix", metavar="L",
                         help="prefix of the users' server logins (default none; "
                              "a new PostgreSQL database only)")


def read_password() -> str:
    """Read a password without echo from a terminal, or one line from a pipe."""
    if sys.stdin.isatty():
        first = getpass.getpass("گذرواژه: ")
        if getpass.getpass("تکرار گذرواژه: ") != first:
            raise PolError("دو گذرواژه یکسان نیستند.")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def upgrade_database(args: argparse.Namespace, url: str):  # noqa: ANN201 - a Database
    """The Database `db upgrade` migrates, with the prefixes asked for (checked first)."""
    from app.models import server
    from app.models.database import Database

    role_prefix, login_prefix = args.role_prefix, args.login_prefix
    if role_prefix is not None and not server.valid_prefix(role_prefix):
        raise PolError(f"پیشوند نقش‌ها «\u2066{role_prefix}\u2069» نامعتبر است: حرف کوچک لاتین "
                       "در آغاز، سپس حرف کوچک، رقم یا «_»، حداکثر ۲۰ نویسه و پایان با «_» "
                       "(مانند pol_).")
    if login_prefix is not None and not server.valid_login_prefix(login_prefix):
        raise PolError(f"پیشوند ورودها «\u2066{login_prefix}\u2069» نامعتبر است: خالی، یا به "
                       "همان شکل پیشوند نقش‌ها (مانند office1_).")
    db = Database(url, role_prefix=role_prefix, login_prefix=login_prefix)
    if role_prefix is None and login_prefix is None:
        return db
    if not db.is_postgresql:
        raise PolError("پیشوند نقش‌ها و ورودها فقط برای پایگاه دادهٔ PostgreSQL است.")
    with db.engine.connect() as conn:
        stored = server.stored_names(conn)
    if stored is not None and (
            (role_prefix is not None and role_prefix != stored.prefix)
            or (login_prefix is not None and login_prefix != stored.login_prefix)):
        raise PolError(f"این پایگاه داده پیش‌تر با پیشوند نقش‌های «\u2066{stored.prefix}\u2069» و "
                       f"پیشوند ورودهای «\u2066{stored.login_prefix}\u2069» ساخته شده است؛ "
                       "پیشوندها را فقط برای پایگاه دادهٔ تازه می‌توان داد.")
    return db


def cmd_users(args: argparse.Namespace, services) -> int:  # noqa: ANN001 - Services
    """Add a user, set a password, or list users."""
    from app.services.core import messages, persian
    from app.services.core.context import SYSTEM

    users = services.users
    if args.users_command == "list":
        logins = users.server_logins()
        for u in users.list():
            line = (f"{u.username}\t{u.role}\t{'active' if u.active else 'inactive'}\t"
                    f"{u.full_name}\t{_county_column(u.counties)}")
            if logins is not None:
                line += "\t" + LOGIN_WORDS.get(logins.get(u.username, ""), "login: ?")
            print(line)
        return 0
    if args.users_command == "password":
        name = persian.clean_text(args.name)
        user = next((u for u in users.list() if u.username == name), None)
        if user is None:
            raise NotFound(messages.USER)
        logins = users.server_logins()
        had_login = logins is None or logins.get(name) in ("active", "inactive")
        users.reset_password(SYSTEM, user.id, read_password())
        print(f"password of {user.username} set" + ("" if had_login else "; login created"))
        return 0
    county_ids = _county_ids(services, args.county)
    if county_ids is None:
        return 2
    info = users.add(SYSTEM, args.name, read_password(), args.role, args.full_name)
    if county_ids:
        info = users.set_counties(SYSTEM, info.id, county_ids, info.version)
    print(f"user {info.username} added with role {info.role}"
          + (f" for {_county_column(info.counties)}" if county_ids else ""))
    return 0


def _county_column(names: tuple[str, ...]) -> str:
    """A user's counties for `users list`; "*" for the province's staff (every county)."""
    return "،".join(names) if names else "*"


def _county_ids(services, names: list[str]) -> list[int] | None:  # noqa: ANN001 - Services
    """The ids of Persian county names (--county), or None after naming an unknown one."""
    from app.services.core import messages as msg
    from app.services.core import persian
    from app.services.core.reference import counties

    by_name = {persian.search_key(c.name): c.id for c in counties(services.db)}
    ids = []
    for name in names:
        cid = by_name.get(persian.search_key(name))
        if cid is None:
            print(msg.unknown_county(name), file=sys.stderr)
            return None
        ids.append(cid)
    return ids
