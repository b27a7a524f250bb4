"""Batch referral leaves out requests whose citizen's objection awaits the inspection, names
them, and refers the rest in the same transaction (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.errors import ValidationError
from app.models import Referral
from app.models.enums import RequestStatus, Role
from tests.objections.support import closed_direct
from tests.support.helpers import agency_id, make_actor, register, valid_nid

REASON = "شهروند می‌گوید آب هنوز قطع است."


@pytest.fixture
def clerk(services):  # noqa: ANN001, ANN201
    """A real operator account."""
    return make_actor(services, "clerk1", Role.OPERATOR)


def _objected(services, clerk, nid: str):  # noqa: ANN001, ANN202
    """A closed request the citizen objected to (reopened, the objection pending)."""
    req = closed_direct(services, clerk, nid)
    services.objections.record(clerk, req.id, req.version, REASON)
    return services.requests.get(req.id)


def test_batch_refer_skips_pending_objections_and_names_them(services, clerk) -> None:
    """Two of four wait for the inspection: the other two are referred, the two named."""
    plain = [register(services, clerk, nid=valid_nid(f"00246800{i}")).id for i in range(2)]
    objected = [_objected(services, clerk, f"40000002{i}") for i in range(2)]
    assert all(o.status == RequestStatus.REOPENED for o in objected)
    ids = [plain[0], objected[0].id, plain[1], objected[1].id]
    result = services.batch.refer(clerk, ids, agency_id(services, "شرکت گاز"))
    assert result.request_ids == sorted(plain) and len(result.letter_numbers) == 2
    assert sorted(result.skipped_objected) == sorted(o.tracking_code for o in objected)
    for o in objected:
        after = services.requests.get(o.id)
        assert (after.status, after.version) == (RequestStatus.REOPENED, o.version)
    with services.db.read() as s:
        referred = set(s.scalars(select(Referral.request_id)
                                 .where(Referral.request_id.in_(ids))))
    assert referred == set(plain)


def test_batch_refer_of_only_objected_requests_is_refused(services, clerk) -> None:
    """Nothing to refer: a Persian message with the codes, and no letter number used."""
    o = _objected(services, clerk, "400000031")
    before = services.letters.next_number()
    with pytest.raises(ValidationError) as err:
        services.batch.refer(clerk, [o.id], agency_id(services))
    assert "اعتراض" in err.value.errors["request_ids"] and o.tracking_code in (
        err.value.errors["request_ids"])
    assert services.letters.next_number() == before
    with services.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Referral)
                        .where(Referral.request_id == o.id)) == 0
