"""The office's settings on SQLite and PostgreSQL: defaults, bounds, audit, rights, conflicts."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.errors import ConflictError, PermissionDenied, ValidationError
from app.models import AuditEvent, Setting
from app.models.enums import Role
from app.services.core import reference
from app.services.core.office import dto as office_settings
from app.services.core.office import service as office_service
from tests.support.helpers import make_actor


def test_every_spec_has_a_valid_default_and_a_unique_key() -> None:
    keys = [sp.key for sp in office_settings.SPECS]
    assert len(keys) == len(set(keys))
    for sp in office_settings.SPECS:
        value, problem = office_service._valid(sp, sp.default)
        assert problem is None, sp.key
        assert value == sp.default


def test_defaults_then_a_saved_value_is_read_everywhere(services) -> None:
    service = services.office
    admin = make_actor(services, "boss", Role.ADMIN)
    assert service.int_value("referral_answer_days") == 15
    after = service.save(admin, {"referral_answer_days": "۲۰"})  # Persian digits typed
    assert after["referral_answer_days"] == "20"
    assert reference.settings(services.db)["referral_answer_days"] == "20"
    with services.db.read() as s:
        actions = s.scalars(select(AuditEvent.action).where(AuditEvent.entity == "setting")).all()
    assert actions[-1] == "referral_answer_days"


def test_bad_values_are_refused_in_persian_and_nothing_is_stored(services) -> None:
    service = services.office
    admin = make_actor(services, "boss", Role.ADMIN)
    with pytest.raises(ValidationError) as caught:
        service.save(admin, {"request_answer_days": "۰", "referral_answer_days": "بیست",
                             "max_extensions": "3"})
    assert set(caught.value.errors) == {"request_answer_days", "referral_answer_days"}
    assert "۱" in caught.value.errors["request_answer_days"]
    assert service.int_value("max_extensions") == 2  # the valid one was not stored either


def test_only_an_administrator_saves(services) -> None:
    with pytest.raises(PermissionDenied):
        services.office.save(make_actor(services, "clerk"), {"max_extensions": "3"})


def test_another_desk_changed_the_value_since_it_was_read(services) -> None:
    service = services.office
    admin = make_actor(services, "boss", Role.ADMIN)
    read = service.values()
    service.save(admin, {"max_extensions": "4"})
    with pytest.raises(ConflictError):
        service.save(admin, {"max_extensions": "5"}, expected=read)
    assert service.int_value("max_extensions") == 4


def test_a_damaged_stored_value_reads_as_the_default(services) -> None:
    with services.db.write() as s:
        s.merge(Setting(key="request_answer_days", value="ده"))
    assert services.office.int_value("request_answer_days") == 10


def test_a_folder_keeps_its_persian_digits_and_refuses_hidden_marks(services) -> None:
    admin = make_actor(services, "boss", Role.ADMIN)
    folder = "  D:\\اسکن\\پوشه۱۴۰۵  "
    after = services.office.save(admin, {"scan_folder": folder})
    assert after["scan_folder"] == folder.strip()  # not «پوشه1405»: that is another folder
    with pytest.raises(ValidationError) as caught:
        services.office.save(admin, {"scan_folder": "D:\\scan\u202e\\x"})
    assert "scan_folder" in caught.value.errors
    assert services.office.value("scan_folder") == folder.strip()
