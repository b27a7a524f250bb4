"""Closing a request with its resolution and the citizen's satisfaction (both databases)."""

from __future__ import annotations

import pytest

from app.errors import ValidationError
from app.models.enums import RequestStatus, Role
from tests.support.helpers import make_actor, register, valid_nid


def test_close_stores_the_resolution_and_refuses_an_empty_one(services) -> None:
    """With a resolution it is required and stored; without the parameter, closing is as before."""
    op = make_actor(services, "op", Role.OPERATOR)
    req = register(services, op, nid=valid_nid("300000011"))
    with pytest.raises(ValidationError) as err:
        services.requests.close(op, req.id, req.version, actions_taken="  \u200c ")
    assert "actions_taken" in err.value.errors
    assert services.requests.get(req.id).status != RequestStatus.CLOSED
    done = services.requests.close(op, req.id, req.version, satisfaction=5,
                                   actions_taken="مشکل  رفع شد")
    assert (done.status, done.satisfaction, done.actions_taken) == (
        RequestStatus.CLOSED, 5, "مشکل رفع شد")
    other = register(services, op, nid=valid_nid("300000012"))
    plain = services.requests.close(op, other.id, other.version)
    assert plain.status == RequestStatus.CLOSED and plain.actions_taken == ""
