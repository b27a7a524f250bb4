"""Where a desktop's login prefix comes from, and which URLs sign in as the user's own login."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.services.core import server_login


@pytest.fixture(autouse=True)
def _no_configured_prefix() -> Iterator[None]:
    server_login.set_login_prefix("")
    yield
    server_login.set_login_prefix("")


def test_the_environment_wins_over_the_settings(monkeypatch) -> None:
    """POL_LOGIN_PREFIX, when set (even empty), wins; else the desktop's setting; else none."""
    monkeypatch.delenv(server_login.ENV_LOGIN_PREFIX, raising=False)
    assert server_login.login_prefix() == ""
    server_login.set_login_prefix(" tabriz_ ")
    assert server_login.login_prefix() == "tabriz_"
    monkeypatch.setenv(server_login.ENV_LOGIN_PREFIX, "ab_")
    assert server_login.login_prefix() == "ab_"
    monkeypatch.setenv(server_login.ENV_LOGIN_PREFIX, "")
    assert server_login.login_prefix() == ""


@pytest.mark.parametrize(("url", "own_login"), [
    ("postgresql+psycopg://db.local:5432/pol", True),
    ("postgresql+psycopg://db.local/pol", True),
    ("postgresql+psycopg://postgres@127.0.0.1:5432/pol", False),
    ("postgresql+psycopg://pol:secret@db.local:5432/pol", False),
    ("sqlite:////tmp/pol.sqlite3", False),
])
def test_only_a_server_url_without_a_login_signs_in_first(url: str, own_login: bool) -> None:
    """A URL naming a login keeps the connect-then-sign-in order (developers, tests, the CLI)."""
    assert server_login.needs_own_login(url) is own_login


def test_the_login_url_carries_the_users_own_login() -> None:
    """login_url puts the typed login and password into the server's address."""
    url = server_login.login_url("postgresql+psycopg://db.local:5433/pol", "ab_maryam", "p@ss:1")
    from sqlalchemy.engine import make_url

    u = make_url(url)
    assert (u.username, u.password, u.host, u.port, u.database) == (
        "ab_maryam", "p@ss:1", "db.local", 5433, "pol")


def test_an_empty_password_is_refused_before_any_connection() -> None:
    """A trusting server would let an empty password in: Pol never sends one."""
    from app.errors import AuthenticationFailed

    with pytest.raises(AuthenticationFailed):
        server_login.sign_in("postgresql+psycopg://127.0.0.1:1/pol", "maryam", "", prefix="")
