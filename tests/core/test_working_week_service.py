"""The working-week service on SQLite and PostgreSQL: the estimated flag from the package,
removal that survives re-seeding, refusals, and the audit trail."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from app.errors import ConflictError, PermissionDenied, ValidationError
from app.models import AuditEvent, Base, Holiday
from app.models.enums import Role
from app.services.core import jalali, reference
from app.services.core.working_week.service import (
    HolidayEdit,
    WorkingWeekChanges,
    WorkingWeekService,
    holiday_key,
)
from tests.support.helpers import make_actor

J = jalali.parse_jalali_date


def test_the_holiday_columns_match_the_migration(db) -> None:
    with db.engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c, opts={"compare_type": True}),
                                Base.metadata)
    assert [d for d in diff if "holiday" in repr(d)] == []


def test_package_estimates_are_flagged_and_their_names_clean(db) -> None:
    """The seeded 1406 lunar holidays (past the package's confirmed table) are «تخمینی»."""
    reference.seed_holidays(db, range(1406, 1407))
    week = WorkingWeekService(db).read()
    in_1406 = [h for h in week.holidays if jalali.to_jalali(h.day)[0] == 1406]
    estimated = [h for h in in_1406 if h.estimated]
    assert estimated and all("تخمینی" not in h.name for h in week.holidays)
    nowruz = next(h for h in in_1406 if h.day == J("1406/01/01"))
    assert not nowruz.estimated  # a solar date never moves
    assert reference.split_estimated("عید سعید فطر (تخمینی)؛ عیدنوروز") == (
        "عید سعید فطر؛ عیدنوروز", True)


def test_a_removed_holiday_stays_removed_and_is_audited(db, services) -> None:
    admin = make_actor(services, "boss", Role.ADMIN)
    ww = WorkingWeekService(db)
    week = ww.read()
    target = next(h for h in week.holidays if h.source == "package")
    ww.save(admin, WorkingWeekChanges(holidays=(
        HolidayEdit(target.id, target.version, target.day, target.name, remove=True),)))
    assert target.day not in reference.work_calendar(db).holidays
    year = jalali.to_jalali(target.day)[0]
    assert reference.seed_holidays(db, range(year, year + 1)) == 0  # not brought back
    assert target.day not in {h.day for h in ww.read().holidays}
    # adding the day again brings the same row back, under the office's name
    ww.save(admin, WorkingWeekChanges(holidays=(
        HolidayEdit(None, None, target.day, "تعطیل دوباره", estimated=True),)))
    back = next(h for h in ww.read().holidays if h.day == target.day)
    assert (back.id, back.name, back.estimated) == (target.id, "تعطیل دوباره", True)
    with db.read() as s:
        actions = [a for (a,) in s.execute(select(AuditEvent.action).where(
            AuditEvent.entity == "holiday", AuditEvent.entity_id == target.id))]
        assert s.scalar(select(Holiday.removed).where(Holiday.id == target.id)) is False
    assert actions == ["remove", "update"]


def test_refusals(db, services) -> None:
    admin = make_actor(services, "boss", Role.ADMIN)
    clerk = make_actor(services, "clerk", Role.OPERATOR)
    ww = WorkingWeekService(db)
    week = ww.read()
    with pytest.raises(PermissionDenied):
        ww.save(clerk, WorkingWeekChanges(rest_weekdays=frozenset({3, 4}),
                                          rest_expected=week.rest_value))
    with pytest.raises(ValidationError) as err:
        ww.save(admin, WorkingWeekChanges(
            rest_weekdays=frozenset(range(7)), rest_expected=week.rest_value,
            holidays=(HolidayEdit(None, None, J("1405/09/11"), "الف"),
                      HolidayEdit(None, None, J("1405/09/11"), "ب"))))
    assert set(err.value.errors) == {"rest_weekdays", holiday_key(0), holiday_key(1)}
    assert reference.settings(db)["rest_weekdays"] == "4"
    h = week.holidays[0]
    ww.save(admin, WorkingWeekChanges(holidays=(HolidayEdit(h.id, h.version, h.day, "نام تازه"),)))
    with pytest.raises(ConflictError):  # the same stale copy again
        ww.save(admin, WorkingWeekChanges(holidays=(HolidayEdit(h.id, h.version, h.day, "دیگر"),)))
