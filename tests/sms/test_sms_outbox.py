"""The SMS outbox fills in the same transaction as its cause (issue 14 §3), on both databases."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.errors import ValidationError
from app.models import Citizen
from app.models.enums import Role
from app.models.sms import SmsMessage
from app.services.core import context
from app.services.registry import Services
from app.services.requests.dto import CitizenInput
from app.services.sms import rules
from tests.support.helpers import agency_id, make_actor, register, valid_nid


def _messages(services: Services) -> list[SmsMessage]:
    with services.db.read() as s:
        rows = s.scalars(select(SmsMessage).order_by(SmsMessage.id)).all()
        s.expunge_all()
        return list(rows)


def test_each_cause_writes_one_message(services: Services) -> None:
    """Registration, referral, answer and closing each queue one message with its details."""
    clerk = make_actor(services, "sms_clerk")
    d = register(services, clerk)
    ref = services.referrals.refer(clerk, d.id, d.version, agency_id(services), "۱۲۳/۴۵",
                                   date(2026, 11, 28))
    services.referrals.record_response(clerk, ref.id, ref.version, "پاسخ دستگاه",
                                       date(2026, 11, 28))
    d = services.requests.get(d.id)
    d = services.requests.answer_directly(clerk, d.id, d.version, "پاسخ دفتر به شهروند")
    services.requests.close(clerk, d.id, d.version)
    rows = _messages(services)
    assert [m.kind for m in rows] == ["registered", "referred", "agency_answered", "answered",
                                     "closed"]
    assert all(m.mobile == "09121234567" and m.status == rules.QUEUED for m in rows)
    assert d.tracking_code in rows[0].text
    assert "شرکت آب و فاضلاب" in rows[1].text and ref.deadline
    assert "۱۴۰۵/" in rows[1].text  # the deadline in Jalali, Persian digits
    assert len({m.idempotency_key for m in rows}) == 5
    assert all(m.parts == rules.count(m.text).parts <= 3 for m in rows)


def test_a_failed_registration_leaves_no_message(services: Services) -> None:
    """The message is in the cause's transaction: a registration refused at commit writes none."""
    clerk = make_actor(services, "sms_clerk2")
    register(services, clerk, nid=valid_nid("001354241"))
    before = len(_messages(services))
    with pytest.raises(ValidationError):
        # The SAMAD code is taken: refused inside the transaction, after the citizen was found.
        from app.models.enums import Channel, RequestType
        from app.services.requests.dto import NewRequest
        d = services.requests.register(clerk, NewRequest(
            channel=Channel.SAMAD, type=RequestType.COMPLAINT, subject="یک", samad_code="77",
            citizen=CitizenInput(national_id=valid_nid("001354241"), mobile="09121234567")))
        services.requests.register(clerk, NewRequest(
            channel=Channel.SAMAD, type=RequestType.COMPLAINT, subject="دو", samad_code="77",
            citizen=CitizenInput(national_id=valid_nid("001354241"), mobile="09121234567")))
    assert len(_messages(services)) == before + 1  # the first one only
    assert _messages(services)[-1].request_id == d.id


def test_a_registration_that_raises_midway_rolls_back_its_message(services: Services,
                                                                  monkeypatch) -> None:  # noqa: ANN001
    """An error after the message was written (here: in the repeat finder) leaves nothing."""
    from app.services.requests import repeats

    clerk = make_actor(services, "sms_clerk3")

    def boom(*_a, **_k) -> None:  # noqa: ANN002, ANN003
        raise RuntimeError("disk full")

    monkeypatch.setattr(repeats, "refresh", boom)
    with pytest.raises(RuntimeError):
        register(services, clerk)
    assert _messages(services) == []


def test_opt_out_gets_nothing(services: Services) -> None:
    """A citizen who said no gets no message; saying no later holds what was queued."""
    clerk = make_actor(services, "sms_clerk4")
    d = register(services, clerk)
    assert len(_messages(services)) == 1
    held = services.sms.set_opt_out(clerk, d.citizen.id, True)
    assert held == 1 and _messages(services)[0].status == rules.HELD
    d2 = register(services, clerk, subject="چاله در خیابان")
    services.requests.answer_directly(clerk, d2.id, d2.version, "پاسخ")
    assert len(_messages(services)) == 1
    with services.db.read() as s:
        assert s.get(Citizen, d.citizen.id).sms_opt_out is True
    # Said at the desk on registration: the flag is stored before the message would be.
    from app.models.enums import Channel, RequestType
    from app.services.requests.dto import NewRequest

    services.requests.register(clerk, NewRequest(
        channel=Channel.WALK_IN, type=RequestType.REQUEST, subject="درخواست دیگر",
        citizen=CitizenInput(national_id=valid_nid("001354242"), last_name="رضایی",
                             mobile="09141111111", sms_opt_out=True)))
    assert len(_messages(services)) == 1


def test_no_mobile_no_message(services: Services) -> None:
    """A citizen without a mobile number gets nothing queued."""
    from app.models.enums import Channel, RequestType
    from app.services.requests.dto import NewRequest

    clerk = make_actor(services, "sms_clerk5")
    services.requests.register(clerk, NewRequest(
        channel=Channel.WALK_IN, type=RequestType.REQUEST, subject="بی‌تلفن",
        citizen=CitizenInput(national_id=valid_nid("001354243"), last_name="احمدی")))
    assert _messages(services) == []


def test_mark_sent_by_hand(services: Services) -> None:
    """No gateway: the office sends another way and marks it; sending does nothing."""
    clerk = make_actor(services, "sms_clerk6")
    register(services, clerk)
    summary = services.sms.send_due(clerk, "")
    assert summary.sent == 0 and summary.problems  # «no gateway»
    (row,) = services.sms.outbox(rules.QUEUED)
    assert services.sms.mark_sent(clerk, [row.id]) == 1
    assert services.sms.outbox(rules.SENT)[0].id == row.id
    assert services.sms.counts()[rules.QUEUED] == 0
    with pytest.raises(ValidationError):
        services.sms.mark_sent(clerk, [row.id])


def test_templates_are_seeded_and_checked(services: Services) -> None:
    """Seeded defaults fit; the editor refuses a template over 3 parts or with a typo."""
    admin = make_actor(services, "smsboss", Role.ADMIN)
    infos = {t.kind: t for t in services.sms.templates()}
    assert set(infos) == set(rules.KINDS)
    assert all(1 <= t.longest_parts <= 3 for t in infos.values())
    with pytest.raises(ValidationError) as e:
        services.sms.save_template(admin, "registered", "کد {کدرهگیری}")
    assert "کدرهگیری" in e.value.errors["text"]
    long = "درخواست {کد_رهگیری} " + "ث" * 190
    with pytest.raises(ValidationError) as e:
        services.sms.save_template(admin, "registered", long)
    assert "۴" in e.value.errors["text"]
    # The referral template's longest rendering uses the longest agency name in the database.
    widest = services.sms.widest_values()
    assert widest["دستگاه"] == max((a.name for a in services.reference.agencies()), key=len)
    info = services.sms.save_template(admin, "registered", "کد رهگیری شما: {کد_رهگیری}")
    assert info.longest_parts == 1
    clerk = make_actor(services, "sms_clerk7")
    d = register(services, clerk)
    assert _messages(services)[-1].text == f"کد رهگیری شما: {d.tracking_code}"
    with pytest.raises(Exception):  # noqa: B017 - a clerk may not edit the office's texts
        services.sms.save_template(clerk, "registered", "کد {کد_رهگیری}")


def test_appointment_on_pre_registration(services: Services) -> None:
    """Pre-registering a citizen for a coming meeting queues the appointment message."""
    from datetime import time, timedelta

    from app.services.core import jalali
    from tests.support.calendar_helpers import manager

    clerk = make_actor(services, "sms_clerk8", Role.MANAGER)
    meeting_id = services.meetings.create_meeting(
        clerk, manager(services), jalali.tehran_today() + timedelta(days=2), time(9), time(11),
        kind="one_off", place="سالن ملاقات", county_id=None).id
    services.meeting_day.pre_register(clerk, meeting_id, CitizenInput(
        national_id=valid_nid("001354244"), last_name="کریمی", mobile="09141234567"))
    (m,) = _messages(services)
    assert m.kind == rules.APPOINTMENT and m.meeting_id == meeting_id
    assert "نوبت ۱" in m.text


def test_count_rule() -> None:
    """70 characters are one part, 71 two (67 each), 201 three, 202 four; Latin 160/153."""
    assert rules.count("س" * 70).parts == 1
    assert rules.count("س" * 71).parts == 2
    assert rules.count("س" * 134).parts == 2
    assert rules.count("س" * 135).parts == 3
    assert rules.count("س" * 201).parts == 3
    assert rules.count("س" * 202).parts == 4
    assert rules.count("a" * 160).parts == 1 and rules.count("a" * 161).parts == 2
    assert rules.count("😀" * 35).units == 70  # outside the BMP: two units each
    cut = rules.fit("س" * 300)
    assert rules.count(cut).parts == 3 and cut.endswith("…")


def test_a_county_limited_user_lists_only_their_counties_messages(services: Services) -> None:
    """A فرمانداری's clerk sees the messages of their counties' requests only."""
    from app.models.enums import Channel, RequestType
    from app.services.requests.dto import NewRequest
    from tests.core.test_county_scope import build_world

    w = build_world(services)
    for k, county in enumerate((w.a, w.b)):
        services.requests.register(context.SYSTEM, NewRequest(
            channel=Channel.WALK_IN, type=RequestType.COMPLAINT, subject=f"موضوع {k}",
            county_id=county, citizen=CitizenInput(national_id=valid_nid(f"00135430{k}"),
                                                   last_name="رضایی", mobile="09141234567")))
    everything = services.sms.outbox()
    mine = services.sms.outbox(actor=w.scoped)
    assert len(everything) == 2 and len(mine) == 1
    with services.db.read() as s:
        from app.models import Request

        assert s.get(Request, s.get(SmsMessage, mine[0].id).request_id).county_id == w.a
