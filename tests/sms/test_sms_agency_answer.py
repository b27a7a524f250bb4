"""The agency's answer recorded writes the citizen a message in the same transaction, on both
databases: only an answer that ends the chase, once, never to a citizen who said no."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.errors import ConflictError
from app.models.enums import AnswerGrade, Role
from app.models.sms import SmsMessage
from app.services.core.jalali import tehran_today
from app.services.registry import Services
from app.services.requests.dto import ReferralInfo
from app.services.sms import rules
from tests.support.helpers import agency_id, make_actor, register, valid_nid

WATER = "شرکت آب و فاضلاب"


def _kinds(services: Services, request_id: int) -> list[tuple[str, str]]:
    """(kind, text) of the request's messages, oldest first."""
    with services.db.read() as s:
        return [(k, t) for k, t in s.execute(
            select(SmsMessage.kind, SmsMessage.text).where(SmsMessage.request_id == request_id)
            .order_by(SmsMessage.id))]


def _referred(services: Services, nid: str) -> tuple[int, str, ReferralInfo]:
    clerk = make_actor(services, "ans_" + nid, Role.OPERATOR)
    req = register(services, clerk, nid=valid_nid(nid))
    ref = services.referrals.refer(clerk, req.id, req.version, agency_id(services, WATER),
                                   "۱۲۳/۴۵", tehran_today())
    return req.id, req.tracking_code, ref


def test_an_adequate_answer_tells_the_citizen_which_agency_answered(services: Services) -> None:
    clerk = make_actor(services, "ans_clerk")
    rid, code, ref = _referred(services, "400000101")
    services.referrals.record_response(clerk, ref.id, ref.version, "لوله‌کشی اصلاح شد.",
                                       tehran_today(), grade=AnswerGrade.ADEQUATE)
    kinds = _kinds(services, rid)
    assert [k for k, _ in kinds] == [rules.REGISTERED, rules.REFERRED, rules.AGENCY_ANSWERED]
    text = kinds[-1][1]
    assert text == f"پاسخ {WATER} به درخواست {code} رسید"
    assert rules.count(text).parts <= rules.MAX_PARTS


def test_an_inadequate_answer_sends_nothing_and_the_later_adequate_one_sends_once(
        services: Services) -> None:
    clerk = make_actor(services, "ans_clerk2")
    rid, _code, ref = _referred(services, "400000102")
    ref = services.referrals.record_response(clerk, ref.id, ref.version, "ناقص", tehran_today(),
                                             grade=AnswerGrade.INADEQUATE)
    assert [k for k, _ in _kinds(services, rid)] == [rules.REGISTERED, rules.REFERRED]
    ref = services.referrals.record_response(clerk, ref.id, ref.version, "کامل", tehran_today())
    # Correcting the text of an answer already recorded is no news to the citizen.
    services.referrals.record_response(clerk, ref.id, ref.version, "کامل، با پیوست",
                                       tehran_today())
    assert [k for k, _ in _kinds(services, rid)].count(rules.AGENCY_ANSWERED) == 1


def test_a_refused_answer_writes_no_message(services: Services) -> None:
    """The message is in the answer's transaction: a stale version writes neither."""
    clerk = make_actor(services, "ans_clerk3")
    rid, _code, ref = _referred(services, "400000103")
    with pytest.raises(ConflictError):
        services.referrals.record_response(clerk, ref.id, ref.version + 5, "کامل",
                                           tehran_today())
    assert [k for k, _ in _kinds(services, rid)] == [rules.REGISTERED, rules.REFERRED]


def test_a_citizen_who_said_no_gets_nothing(services: Services) -> None:
    clerk = make_actor(services, "ans_clerk4")
    rid, _code, ref = _referred(services, "400000104")
    citizen_id = services.requests.get(rid).citizen.id
    services.sms.set_opt_out(clerk, citizen_id, True)
    services.referrals.record_response(clerk, ref.id, ref.version, "کامل", tehran_today())
    assert rules.AGENCY_ANSWERED not in [k for k, _ in _kinds(services, rid)]


def test_the_office_edits_the_new_template(services: Services) -> None:
    admin = make_actor(services, "ans_chief", Role.ADMIN)
    clerk = make_actor(services, "ans_clerk5")
    (default,) = [t for t in services.sms.templates() if t.kind == rules.AGENCY_ANSWERED]
    assert default.longest_parts == 1  # one part even for the longest agency name
    services.sms.save_template(admin, rules.AGENCY_ANSWERED,
                               "{دستگاه} پاسخ درخواست {کد_رهگیری} را داد")
    rid, code, ref = _referred(services, "400000105")
    services.referrals.record_response(clerk, ref.id, ref.version, "کامل", tehran_today())
    assert _kinds(services, rid)[-1] == (rules.AGENCY_ANSWERED,
                                         f"{WATER} پاسخ درخواست {code} را داد")


def test_an_upheld_objection_then_a_new_answer_tells_the_citizen_again(
        services: Services) -> None:
    """Upholding sends nothing itself; the agency's fresh answer is news again."""
    from tests.objections.support import closed_referred

    clerk = make_actor(services, "ans_clerk6")
    inspector = make_actor(services, "ans_inspr", Role.INSPECTOR)
    req = closed_referred(services, clerk, nid="400000106")
    before = _kinds(services, req.id)
    info = services.objections.record(clerk, req.id, req.version, "مشکل حل نشده است.")
    services.objections.uphold(inspector, info.id, info.version)
    assert _kinds(services, req.id) == before  # recording and upholding: no message
    (ref,) = services.requests.get(req.id).referrals
    services.referrals.record_response(clerk, ref.id, ref.version, "پاسخ دوم", tehran_today())
    assert [k for k, _ in _kinds(services, req.id)].count(rules.AGENCY_ANSWERED) == 2
