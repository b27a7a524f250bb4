"""Fixtures of the official-letter tests: users, and a request ready to be referred."""

from __future__ import annotations

import pytest

from app.models.enums import Role
from app.services.core import jalali
from app.services.letters.dto import LetterFields
from app.services.registry import Services
from app.services.requests.dto import ReferralInfo
from tests.support.helpers import agency_id, make_actor, register, valid_nid


@pytest.fixture
def op(services):  # noqa: ANN001, ANN201
    """A real operator."""
    return make_actor(services, "op", Role.OPERATOR)


@pytest.fixture
def admin(services):  # noqa: ANN001, ANN201
    """A real administrator (office settings)."""
    return make_actor(services, "boss", Role.ADMIN)


_seq = iter(range(100000000, 200000000))


def refer(services: Services, actor, letter: LetterFields | None = LetterFields(),  # noqa: ANN001, B008
          letter_no: str = "", agency: str = "شرکت آب و فاضلاب", **kwargs) -> ReferralInfo:  # noqa: ANN003
    """Register a new request now and refer it, by default with the counter's next number."""
    req = register(services, actor, nid=valid_nid(str(next(_seq))), **kwargs)
    req = services.requests.get(req.id)
    return services.referrals.refer(actor, req.id, req.version, agency_id(services, agency),
                                    letter_no, jalali.tehran_today(), letter=letter)
