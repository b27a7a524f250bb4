"""Request and referral use cases on SQLite and PostgreSQL: validation, roles, transitions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.errors import NotFound, PermissionDenied, ValidationError
from app.models import Citizen, Request
from app.models.enums import AnswerGrade, Channel, RequestStatus, RequestType, Role
from app.services.core import jalali, reference
from app.services.core.context import SYSTEM
from app.services.requests.dto import CitizenInput, NewRequest
from app.services.requests.tracking import is_valid_tracking_code
from tests.support.helpers import agency_id, county_id, make_actor, register, valid_nid


@pytest.fixture
def operator(services):  # noqa: ANN001, ANN201
    """A real operator account."""
    return make_actor(services, "operator1", Role.OPERATOR)


def _count(db, model) -> int:  # noqa: ANN001
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_register_creates_request_with_tracking_code_and_deadline(services, operator) -> None:
    """A valid request gets a checkable tracking code, status «جدید» and a working-day deadline."""
    r = register(services, operator)
    assert is_valid_tracking_code(r.tracking_code)
    assert r.tracking_code.startswith(str(jalali.to_jalali(jalali.tehran_today())[0]))
    assert r.status == RequestStatus.NEW and r.status_label == "جدید"
    assert r.citizen is not None and r.citizen.mobile == "09121234567"
    assert r.citizen.national_id == valid_nid("001354241")
    cal = reference.work_calendar(services.db)
    assert r.deadline == cal.add_working_days(jalali.tehran_today(), 10)
    assert r.version == 1


def test_invalid_input_names_each_field_and_writes_nothing(services, operator) -> None:
    """Bad national ID, mobile and a missing subject are each reported; no row is written."""
    before = (_count(services.db, Request), _count(services.db, Citizen))
    with pytest.raises(ValidationError) as err:
        services.requests.register(operator, NewRequest(
            channel=Channel.WALK_IN, type=RequestType.COMPLAINT, subject="   ",
            citizen=CitizenInput(national_id="1234567890", mobile="0912", last_name="رضایی"),
        ))
    errors = err.value.errors
    assert set(errors) == {"subject", "citizen.national_id", "citizen.mobile"}
    assert "کد ملی" in errors["citizen.national_id"]
    assert (_count(services.db, Request), _count(services.db, Citizen)) == before


def test_citizen_found_again_by_national_id(services, operator) -> None:
    """A second request by the same national ID reuses the citizen and completes their data."""
    nid = valid_nid("123456789")
    first = register(services, operator, nid=nid, first_name="")
    second = register(services, operator, nid="۱۲۳۴۵۶۷۸۹" + nid[-1], first_name="علی")
    assert first.citizen.id == second.citizen.id
    assert second.citizen.first_name == "علی"
    assert second.citizen.request_count == 2
    with services.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Citizen)
                        .where(Citizen.national_id == nid)) == 1


def test_text_is_normalised_before_storing(services, operator) -> None:
    """Arabic ي/ك become Persian ی/ک and digits are stored in one form."""
    r = register(services, operator, subject="مشكل آب  در كوي ۱۲")
    assert r.subject == "مشکل آب در کوی 12"


def test_answer_directly_then_close_and_reopen(services, operator) -> None:
    """Answer directly, close with satisfaction, reopen with a reason."""
    r = register(services, operator)
    r = services.requests.answer_directly(operator, r.id, r.version, "لوله ترمیم شد.")
    assert r.status == RequestStatus.ANSWERED and r.resolution == "direct"
    r = services.requests.close(operator, r.id, r.version, satisfaction=4)
    assert r.status == RequestStatus.CLOSED and r.satisfaction == 4
    with pytest.raises(ValidationError):
        services.requests.reopen(operator, r.id, r.version, "  ")
    r = services.requests.reopen(operator, r.id, r.version, "شهروند دوباره مراجعه کرد")
    assert r.status == RequestStatus.REOPENED and r.closed_at is None


def test_refer_deadline_counts_working_days_and_blocks_closing(services, operator) -> None:
    """A referral's deadline counts working days; the request cannot close while it is open."""
    r = register(services, operator)
    r = services.requests.mark_deep_rooted(operator, r.id, r.version)
    assert r.deep_rooted
    today = jalali.tehran_today()
    ref = services.referrals.refer(operator, r.id, r.version, agency_id(services), "۱۲۳/۴۵۶", today)
    assert ref.letter_no == "123/456"
    assert ref.deadline == reference.work_calendar(services.db).add_working_days(today, 15)
    r = services.requests.get(r.id)
    assert r.status == RequestStatus.AWAITING_AGENCY and len(r.referrals) == 1
    with pytest.raises(ValidationError) as err:
        services.requests.close(operator, r.id, r.version)
    assert "ارجاع" in err.value.errors["status"]
    # An inadequate answer keeps the chase open; an adequate one answers the request.
    ref = services.referrals.record_response(operator, ref.id, ref.version, "در دست بررسی",
                                             today, grade=AnswerGrade.INADEQUATE)
    assert ref.status == "open"
    ref = services.referrals.record_response(operator, ref.id, ref.version, "لوله تعویض شد",
                                             today, "۹۹/۱")
    assert ref.status == "answered" and ref.response_letter_no == "99/1"
    r = services.requests.get(r.id)
    assert r.status == RequestStatus.ANSWERED
    assert services.requests.close(operator, r.id, r.version).status == RequestStatus.CLOSED


def test_letter_date_cannot_precede_the_request(services, operator) -> None:
    """A referral letter dated before the request was received is refused."""
    r = register(services, operator)
    with pytest.raises(ValidationError) as err:
        services.referrals.refer(operator, r.id, r.version, agency_id(services), "1/2",
                                 jalali.tehran_today() - timedelta(days=3))
    assert "letter_date" in err.value.errors
    assert services.requests.get(r.id).referrals == []


def test_withdraw_lets_the_request_close(services, operator) -> None:
    """Withdrawing the open referral with a reason allows closing."""
    r = register(services, operator)
    ref = services.referrals.refer(operator, r.id, r.version, agency_id(services), "5/6",
                                   jalali.tehran_today())
    services.referrals.withdraw(operator, ref.id, ref.version, "در استانداری حل شد")
    r = services.requests.get(r.id)
    r = services.requests.answer_directly(operator, r.id, r.version, "موضوع حل شد.")
    assert services.requests.close(operator, r.id, r.version).status == RequestStatus.CLOSED


def test_inspector_cannot_change_requests(services, operator) -> None:
    """The services refuse an inspector's write with a Persian message."""
    inspector = make_actor(services, "inspector1", Role.INSPECTOR)
    r = register(services, operator)
    with pytest.raises(PermissionDenied) as err:
        services.requests.answer_directly(inspector, r.id, r.version, "پاسخ")
    assert "اجازه" in err.value.message
    with pytest.raises(PermissionDenied):
        register(services, inspector)
    assert services.requests.get(r.id).status == RequestStatus.NEW


def test_operator_cannot_manage_users(services, operator) -> None:
    """Only administrators add users."""
    with pytest.raises(PermissionDenied):
        services.users.add(operator, "someone", "secret-2", Role.OPERATOR)
    assert "someone" not in [u.username for u in services.users.list()]


def test_passwords_are_argon2id_and_authenticate(services) -> None:
    """SQLite: passwords are argon2id hashes; wrong passwords and inactive users are refused.
    A server keeps no hash: the password is the login's (wrong passwords are tried on a
    scram-sha-256 cluster in tests/core/test_server_accounts.py; this server trusts everyone)."""
    from app.errors import AccountLocked, AuthenticationFailed
    from app.models import User

    u = services.users.add(SYSTEM, "maryam", "گذرواژه-۱", Role.OPERATOR)
    on_server = services.db.is_postgresql
    with services.db.read() as s:
        stored = s.get(User, u.id).password_hash
    assert stored == "" if on_server else stored.startswith("$argon2id$")
    assert services.users.authenticate("maryam", "گذرواژه-۱").id == u.id
    if not on_server:
        with pytest.raises(AuthenticationFailed):
            services.users.authenticate("maryam", "wrong")
    services.users.set_active(SYSTEM, u.id, False)
    with pytest.raises(AccountLocked if on_server else AuthenticationFailed):
        services.users.authenticate("maryam", "گذرواژه-۱")


def test_assign_to_a_user(services, operator) -> None:
    """Assigning moves a new request into review."""
    r = register(services, operator)
    r = services.requests.assign(operator, r.id, r.version, operator.user_id)
    assert r.assignee_id == operator.user_id and r.status == RequestStatus.IN_REVIEW
    assert r.assignee == "کاربر operator1"


def test_missing_request_is_not_found(services, operator) -> None:
    """Acting on a request that does not exist gives a Persian not-found message."""
    with pytest.raises(NotFound) as err:
        services.requests.get(999999)
    assert "پیدا نشد" in err.value.message


def test_county_and_agency_must_exist(services, operator) -> None:
    """A county or agency id that is not in the reference tables is refused."""
    with pytest.raises(ValidationError) as err:
        services.requests.register(operator, NewRequest(
            channel=Channel.LETTER, type=RequestType.REQUEST, subject="درخواست",
            county_id=987654, agency_id=county_id(services) * 1000,
            citizen=CitizenInput(last_name="رضایی")))
    assert {"county_id", "agency_id"} <= set(err.value.errors)
