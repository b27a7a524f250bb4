"""The detail pane's data: the history names people, earlier requests are named fields, and the
question asked before a Latin name is saved."""

from __future__ import annotations

import pytest

from app.models.enums import Channel, RequestType, Role
from app.services.core import messages
from app.services.core.context import SYSTEM
from app.services.core.users import actor_of
from app.services.requests.dto import CitizenInput, NewRequest
from tests.support.helpers import make_actor, register


def test_history_names_the_person_not_the_login(services) -> None:
    """#4: the history line says «کاربر op» (the full name), not the login name "op"."""
    op = make_actor(services, "op", Role.OPERATOR)
    d = register(services, op)
    services.requests.mark_deep_rooted(op, d.id, d.version)
    history = services.requests.dossier(d.id).history
    assert [e.person for e in history] == ["کاربر op", "کاربر op"]
    assert [e.label for e in history] == ["ثبت", "تغییر وضعیت ریشه‌دار"]
    assert all(e.username == "op" for e in history)


def test_history_falls_back_to_the_login_name(services) -> None:
    """An account without a full name is shown by its login name."""
    nameless = actor_of(services.users.add(SYSTEM, "nameless", "secret-1", Role.OPERATOR, ""))
    d = register(services, nameless)
    (entry,) = services.requests.dossier(d.id).history
    assert entry.person == "nameless"


def test_earlier_requests_are_named_fields(services) -> None:
    """The citizen's other requests come as small dataclasses, newest first, not tuples."""
    op = make_actor(services, "op2", Role.OPERATOR)
    first = register(services, op, subject="نخستین درخواست")
    second = register(services, op, subject="دومین درخواست")
    (earlier,) = services.requests.dossier(second.id).earlier
    assert (earlier.id, earlier.tracking_code, earlier.subject) == (
        first.id, first.tracking_code, "نخستین درخواست")
    assert earlier.status_label and earlier.received_at == first.received_at


@pytest.mark.parametrize(("first", "last", "asked"), [
    ("test", "رضایی", "citizen.first_name"), ("علی", "Ahmadi", "citizen.last_name"),
    ("علی", "رضایی", None), ("", "", None),
])
def test_a_latin_name_is_questioned(services, first: str, last: str, asked: str | None) -> None:
    """#16: «test» as a name is not an error but a question the clerk answers."""
    data = NewRequest(channel=Channel.WALK_IN, type=RequestType.REQUEST, subject="موضوع",
                      citizen=CitizenInput(national_id="", first_name=first, last_name=last))
    warnings = services.requests.warnings(data)
    if asked is None:
        assert warnings == {}
    else:
        assert warnings == {asked: messages.LATIN_NAME_QUESTION}
        assert "لاتین" in messages.LATIN_NAME_QUESTION
