"""A pending objection is the request's clock: not overdue of its first deadline, on both databases."""

from __future__ import annotations

from datetime import timedelta

from app.models.enums import Role
from app.services.core import clock
from app.services.requests.dto import InboxFilter
from tests.conftest import SUITE_NOW
from tests.objections.support import closed_direct
from tests.support.helpers import make_actor

REASON = "پاسخ داده‌شده مشکل را حل نکرده است."


def test_a_pending_objection_shows_its_state_not_overdue(services) -> None:
    clerk = make_actor(services, "desk1", Role.OPERATOR)
    inspector = make_actor(services, "insp1", Role.INSPECTOR)
    objected = closed_direct(services, clerk, "400000031")
    reopened = closed_direct(services, clerk, "400000032")
    info = services.objections.record(clerk, objected.id, objected.version, REASON)
    services.requests.reopen(clerk, reopened.id, reopened.version, "شهروند دوباره آمد.")
    # Long past both requests' first deadlines.
    clock.set_now(SUITE_NOW + timedelta(days=90), ticking=True)
    rows = {r.id: r for r in services.inbox.rows([objected.id, reopened.id])}
    assert not rows[objected.id].overdue
    assert rows[objected.id].status_label == "در بررسی اعتراض"
    assert rows[reopened.id].overdue  # the control: reopened without an objection
    # The detail pane says the same.
    detail = services.requests.get(objected.id)
    assert not detail.overdue and detail.status_label == "در بررسی اعتراض"
    assert services.requests.get(reopened.id).overdue
    late = {r.id for r in services.inbox.page(InboxFilter(overdue_only=True)).rows}
    assert late == {reopened.id}
    assert services.inbox.count(InboxFilter(overdue_only=True)) == 1
    # Once rejected, the request is closed again: neither overdue nor objected.
    services.objections.reject(inspector, info.id, info.version, "پاسخ کامل بوده است.")
    row = services.inbox.rows([objected.id])[0]
    assert not row.overdue and row.status_label == "مختومه"
