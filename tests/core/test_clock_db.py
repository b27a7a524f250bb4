"""The services read the one settable clock: what is stored and what is due follow a set instant."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from app.models import Request
from app.models.enums import Role
from app.services.core import clock, jalali, reference
from tests.support.helpers import make_actor, register


def test_a_request_registered_at_a_set_instant_stores_that_instant(services) -> None:  # noqa: ANN001
    """03:15 Tehran: the request is received «now», on today's Tehran date, not in the future."""
    operator = make_actor(services, "night", Role.OPERATOR)
    at = datetime(2026, 11, 29, 23, 45)  # 1405/09/09 03:15 Tehran
    with clock.frozen(at):
        r = register(services, operator)
    assert r.received_at == at
    with services.db.read() as s:
        assert s.scalar(select(Request.created_at).where(Request.id == r.id)) == at
    cal = reference.work_calendar(services.db)
    assert r.deadline == cal.add_working_days(date(2026, 11, 30), 10)


def test_the_last_minutes_of_the_year_belong_to_that_year(services) -> None:  # noqa: ANN001
    """23:50 Tehran on 1405/12/29 gives a 1405 code; ten minutes later the codes are 1406."""
    operator = make_actor(services, "eve", Role.OPERATOR)
    with clock.frozen(datetime(2027, 3, 20, 20, 20)):
        late = register(services, operator)
        assert jalali.to_jalali(jalali.tehran_today()) == (1405, 12, 29)
    with clock.frozen(datetime(2027, 3, 20, 20, 31)):
        nowruz = register(services, operator, subject="درخواست سال نو")
    assert late.tracking_code.startswith("1405") and nowruz.tracking_code.startswith("1406")
    cal = reference.work_calendar(services.db)
    # The deadline counts from the Tehran day of receipt, across the Nowruz holidays.
    assert late.deadline == cal.add_working_days(date(2027, 3, 20), 10)
    assert nowruz.deadline == cal.add_working_days(date(2027, 3, 21), 10)
