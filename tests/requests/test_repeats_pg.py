"""Links between requests on the server, with the real roles: county scope and no DELETE."""

from __future__ import annotations

import psycopg
import pytest

from app.errors import ValidationError
from app.services.core import messages as msg
from app.services.registry import Services
from tests.core.test_county_scope import World, build_world
from tests.core.test_county_scope_pg import _count, _login, pg_services  # noqa: F401


def test_links_follow_the_county_scope_and_are_never_deleted(pg_services: Services) -> None:  # noqa: F811
    w: World = build_world(pg_services)
    a1, a2 = w.a_requests[:2]
    b1, b2 = w.b_requests[:2]
    sv = pg_services
    # The county's own operator links two of its requests through the services.
    version = sv.requests.get(a1, w.scoped).version
    link = sv.repeats.link(w.scoped, a1, version, a2, "related")
    # A request of another county is not found for them, by id or by tracking code.
    code_b = sv.requests.get(b1).tracking_code
    for other in (b1, code_b):
        with pytest.raises(ValidationError) as e:
            sv.repeats.link(w.scoped, a1, version, other, "related")
        assert e.value.errors == {"other": msg.LINK_OTHER_UNKNOWN}
    # The province links two of the other county's requests.
    sv.repeats.link(sv_system(), b1, sv.requests.get(b1).version, b2, "related")
    with _login(sv, "farmandari") as c:
        assert _count(c, "SELECT count(*) FROM request_link") == 1  # not the other county's
        # Unlinking is an UPDATE of the flag; a DELETE is refused to every group.
        cur = c.execute("UPDATE request_link SET removed_at = now() WHERE id = %s", (link.id,))
        assert cur.rowcount == 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("DELETE FROM request_link WHERE id = %s", (link.id,))
    assert sv.repeats.links(a1) == []


def sv_system():  # noqa: ANN201
    """The province-wide system actor."""
    from app.services.core.context import SYSTEM

    return SYSTEM
