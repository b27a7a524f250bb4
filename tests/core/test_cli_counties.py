"""`users add --county` limits a new user to counties; `users list` shows them."""

from __future__ import annotations

import io
import sys

from app.cli import main
from app.models.database import Database
from app.services.registry import Services


def test_users_add_with_counties_and_list(sqlite_url, capsys, monkeypatch) -> None:
    """Two Persian county names give the user both; the list shows them, "*" for the province."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("long-password\n"))
    assert main(["--db", sqlite_url, "users", "add", "maragheh", "--role", "operator",
                 "--county", "مراغه", "--county", "بناب"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("long-password\n"))
    assert main(["--db", sqlite_url, "users", "add", "ostan", "--role", "manager"]) == 0
    capsys.readouterr()
    assert main(["--db", sqlite_url, "users", "list"]) == 0
    lines = {ln.split("\t")[0]: ln for ln in capsys.readouterr().out.splitlines()}
    assert lines["maragheh"].endswith("\tبناب،مراغه") or lines["maragheh"].endswith("\tمراغه،بناب")
    assert lines["ostan"].endswith("\t*")
    db = Database(sqlite_url)
    user = next(u for u in Services.for_database(db).users.list() if u.username == "maragheh")
    assert set(user.counties) == {"مراغه", "بناب"}
    db.dispose()


def test_an_unknown_county_is_refused_before_the_user_is_made(sqlite_url, capsys,
                                                              monkeypatch) -> None:
    """A county name matching none: a Persian message, exit code 2, no account."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("long-password\n"))
    assert main(["--db", sqlite_url, "users", "add", "x1", "--role", "operator",
                 "--county", "ناکجاآباد"]) == 2
    assert "ناکجاآباد" in capsys.readouterr().err
    db = Database(sqlite_url)
    assert all(u.username != "x1" for u in Services.for_database(db).users.list())
    db.dispose()
