"""Referral tracking on SQLite and PostgreSQL: deadlines, extensions, answers, the tracker query.

Calendar facts the hand computations below rely on (Fridays off, and the holiday table):
Nowruz 1405 = 1405/01/01..04 (Sat..Tue), 1405/01/12-13 (Wed, Thu), and the lunar holiday
1405/01/25 (Tue, شهادت امام جعفر صادق). 1404/12/29 is a Friday.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import select

from app.errors import ConflictError, PermissionDenied, ValidationError
from app.models import Holiday
from app.models.database import Database
from app.models.enums import AnswerGrade, FollowUpKind, ReferralStatus, RequestStatus, Role
from app.services.core import audit, jalali, persian
from app.services.core.persian import sort_key as persian_sort_key
from app.services.referrals.dto import TrackerFilter
from app.services.referrals.reminders import ReminderService, recipient_of
from app.services.referrals.tracker import ReferralTracker
from app.services.registry import Services
from tests.support.helpers import agency_id, county_id, make_actor, register, valid_nid

J = jalali.parse_jalali_date


def _at(jdate: str, hour: int = 10) -> datetime:
    """UTC moment of a Tehran hour on a Jalali day."""
    return jalali.tehran_to_utc(datetime.combine(J(jdate), time(hour)))


@pytest.fixture
def op(services):  # noqa: ANN001, ANN201
    """A real operator."""
    return make_actor(services, "op", Role.OPERATOR)


@pytest.fixture
def lunar_holiday(services):  # noqa: ANN001, ANN201
    """Make sure the lunar holiday the computations use is in the (editable) holiday table."""
    day = J("1405/01/25")
    with services.db.write() as s:
        if s.scalar(select(Holiday).where(Holiday.day == day)) is None:
            s.add(Holiday(day=day, name="شهادت امام جعفر صادق", source="manual"))
    return day


def _refer(services, op, agency: str = "شرکت آب و فاضلاب", letter: str = "1405/08/01",  # noqa: ANN001
           received: str = "1405/08/01", letter_no: str = "۱۲۳۴/۵۶", days: int | None = None,
           nid: str = "100000001", request=None):  # noqa: ANN001
    """Register a request (or reuse one) and refer it; returns (request, referral)."""
    req = request or register(services, op, received_at=_at(received), nid=valid_nid(nid))
    req = services.requests.get(req.id)
    ref = services.referrals.refer(op, req.id, req.version, agency_id(services, agency),
                                   letter_no, J(letter), working_days=days)
    return services.requests.get(req.id), ref


def test_deadline_counts_working_days_across_nowruz_and_a_lunar_holiday(services, op,
                                                                        lunar_holiday) -> None:
    """15 working days from 1404/12/26 skip Fridays, Nowruz and 01/12-13: 1405/01/22.

    12/27 W1, 12/28 W2, (12/29 Fri, 01/01-04 Nowruz), 01/05 W3, 01/06 W4, (01/07 Fri),
    01/08..01/11 W5..W8, (01/12-13 holidays, 01/14 Fri), 01/15..01/20 W9..W14, (01/21 Fri),
    01/22 W15. Three more: 01/23, 01/24, (01/25 lunar holiday), 01/26.
    """
    _, ref = _refer(services, op, letter="1404/12/26", received="1404/12/25")
    assert ref.deadline == J("1405/01/22")
    _, longer = _refer(services, op, letter="1404/12/26", received="1404/12/25", days=18,
                       agency="شرکت گاز", nid="100000002")
    assert longer.deadline == J("1405/01/26")
    extended = services.referrals.extend(op, ref.id, ref.version, 3, "درخواست کتبی دستگاه")
    assert extended.deadline == J("1405/01/26") and extended.extensions == 1


def test_extensions_are_limited_and_recorded_with_their_reason(services, op) -> None:
    """Two extensions (the default limit) are allowed, each with a reason; a third is refused."""
    _, ref = _refer(services, op)
    with pytest.raises(ValidationError) as err:
        services.referrals.extend(op, ref.id, ref.version, 5, "  ")
    assert set(err.value.errors) == {"reason"}
    with pytest.raises(ValidationError) as err:
        services.referrals.extend(op, ref.id, ref.version, 0, "نیاز به بازدید میدانی")
    assert set(err.value.errors) == {"extra_days"}
    first = services.referrals.extend(op, ref.id, ref.version, 5, "نیاز به بازدید میدانی")
    second = services.referrals.extend(op, first.id, first.version, 3, "تأمین اعتبار")
    assert second.extensions == 2 and second.deadline > first.deadline > ref.deadline
    with pytest.raises(ValidationError) as err:
        services.referrals.extend(op, second.id, second.version, 2, "درخواست سوم")
    assert "۲ بار" in err.value.errors["extra_days"]
    d = ReferralTracker(services.db).dossier(ref.id)
    assert [(e.kind_label, e.note, e.extra_days) for e in d.events] == [
        ("تمدید مهلت", "نیاز به بازدید میدانی", 5), ("تمدید مهلت", "تأمین اعتبار", 3)]
    assert d.follow_ups == 0 and not d.can_extend
    history = audit.history(services.db, "referral", ref.id)
    assert [e.action for e in history][-2:] == ["extend", "extend"]
    assert history[-1].after["note"] == "تأمین اعتبار"


def test_a_stale_extension_gets_the_conflict_message(services, op) -> None:
    """Two desktops extending (or answering) the same referral: the second is refused."""
    _, ref = _refer(services, op)
    other = Services.for_database(Database(services.db.url))
    services.referrals.extend(op, ref.id, ref.version, 5, "درخواست دستگاه")
    with pytest.raises(ConflictError) as err:
        other.referrals.record_response(op, ref.id, ref.version, "پاسخ", J("1405/08/20"))
    assert "رایانهٔ دیگری" in err.value.message
    assert services.requests.get(ref.request_id).referrals[0].response_text == ""
    other.db.dispose()


def test_closing_is_refused_while_any_referral_is_open(services, op) -> None:
    """A request referred to two agencies closes only when both answered or were withdrawn."""
    req, water = _refer(services, op)
    req, gas = _refer(services, op, agency="شرکت گاز", request=req)
    assert water.deadline == gas.deadline and water.id != gas.id
    services.referrals.record_response(op, water.id, water.version, "لوله تعویض شد",
                                       J("1405/08/10"), "۵۵/۷۷")
    req = services.requests.get(req.id)
    assert req.status == RequestStatus.AWAITING_AGENCY
    with pytest.raises(ValidationError) as err:
        services.requests.close(op, req.id, req.version)
    assert "نمی‌توان مختومه" in err.value.errors["status"]
    with pytest.raises(ValidationError):
        services.referrals.withdraw(op, gas.id, gas.version, "")
    services.referrals.withdraw(op, gas.id, gas.version, "موضوع در حیطهٔ این دستگاه نیست")
    req = services.requests.get(req.id)
    assert req.status == RequestStatus.ANSWERED
    closed = services.requests.close(op, req.id, req.version, satisfaction=4)
    assert closed.status == RequestStatus.CLOSED


def test_an_inadequate_answer_reopens_the_chase(services, op) -> None:
    """Graded inadequate, the referral stays open and can be chased and answered again."""
    req, ref = _refer(services, op)
    ref = services.referrals.record_response(op, ref.id, ref.version, "در دست بررسی است",
                                             J("1405/08/05"), grade=AnswerGrade.INADEQUATE)
    assert ref.status == ReferralStatus.OPEN and ref.grade == AnswerGrade.INADEQUATE
    assert services.requests.get(req.id).status == RequestStatus.AWAITING_AGENCY
    services.referrals.add_follow_up(op, ref.id, FollowUpKind.PHONE, J("1405/08/06"),
                                     "تماس با روابط عمومی")
    ref = services.referrals.record_response(op, ref.id, ref.version, "انشعاب وصل شد",
                                             J("1405/08/12"), grade=AnswerGrade.ADEQUATE)
    assert ref.status == ReferralStatus.ANSWERED
    assert services.requests.get(req.id).status == RequestStatus.ANSWERED
    with pytest.raises(ValidationError) as err:  # answered: nothing left to chase
        services.referrals.add_follow_up(op, ref.id, FollowUpKind.PHONE, J("1405/08/13"))
    assert "status" in err.value.errors


def test_letters_are_validated(services, op) -> None:
    """Letter numbers need digits and plain separators; a letter cannot precede the request."""
    req = register(services, op, received_at=_at("1405/08/10"))
    water = agency_id(services)
    cases = [("", "1405/08/10", "letter_no"), ("=SUM(A1)", "1405/08/10", "letter_no"),
             ("بدون شماره", "1405/08/10", "letter_no"), ("12/34", "1405/08/09", "letter_date")]
    for letter_no, day, field in cases:
        with pytest.raises(ValidationError) as err:
            services.referrals.refer(op, req.id, req.version, water, letter_no, J(day))
        assert field in err.value.errors, (letter_no, day)
    with pytest.raises(ValidationError) as err:
        services.referrals.refer(op, req.id, req.version, water, "12/34",
                                 jalali.tehran_today() + timedelta(days=3))
    assert "آینده" in err.value.errors["letter_date"]
    ref = services.referrals.refer(op, req.id, req.version, water, " ۳ / ص / ۱۴۰۵-۲۵۸ ",
                                   J("1405/08/10"))
    assert ref.letter_no == "3/ص/1405-258"
    with pytest.raises(ValidationError) as err:
        services.referrals.record_response(op, ref.id, ref.version, "پاسخ", J("1405/08/09"))
    assert "response_date" in err.value.errors


def test_escalation_needs_a_note_and_happens_once(services, op) -> None:
    """Escalating to the inspection directorate stores the note, the time and who did it."""
    _, ref = _refer(services, op)
    with pytest.raises(ValidationError):
        services.referrals.escalate(op, ref.id, ref.version, " ")
    esc = services.referrals.escalate(op, ref.id, ref.version, "سه بار پیگیری بی‌نتیجه")
    d = ReferralTracker(services.db).dossier(ref.id)
    assert d.escalated and d.escalation_note == "سه بار پیگیری بی‌نتیجه"
    assert d.escalated_at is not None and d.version == esc.version
    with pytest.raises(ValidationError) as err:
        services.referrals.escalate(op, esc.id, esc.version, "دوباره")
    assert "پیش‌تر" in err.value.errors["status"]


def test_tracker_filters_sorts_and_counts(services, op) -> None:
    """Every filter narrows in SQL; working days left or late are computed per row."""
    today = jalali.tehran_today()
    cal = ReferralTracker(services.db).calendar()
    recent = cal.previous_working_day(today, include_self=True)
    # A: water, Tabriz, long overdue; B: gas, Maragheh, due soon; C: power, answered late.
    _, a = _refer(services, op, letter="1405/05/01", received="1405/05/01", letter_no="100/1")
    b_req = register(services, op, received_at=jalali.tehran_to_utc(
        datetime.combine(recent, time(9))), nid=valid_nid("100000002"))
    b_req = services.requests.update(op, b_req.id, b_req.version,
                                     {"county_id": county_id(services, "مراغه")})
    b = services.referrals.refer(op, b_req.id, b_req.version, agency_id(services, "شرکت گاز"),
                                 "200/2", recent, working_days=3)
    _, c = _refer(services, op, agency="شرکت توزیع نیروی برق", letter="1405/07/01",
                  received="1405/07/01", letter_no="300/3", nid="100000003")
    services.referrals.record_response(op, c.id, c.version, "انجام شد",
                                       cal.add_working_days(c.deadline, 4))
    services.referrals.add_follow_up(op, a.id, FollowUpKind.PHONE, J("1405/06/01"))
    services.referrals.add_follow_up(op, a.id, FollowUpKind.LETTER, J("1405/06/10"))
    tracker = ReferralTracker(services.db)

    def ids(f: TrackerFilter, sort: str = "deadline", desc: bool = False) -> list[int]:
        page = tracker.page(f, 0, 50, sort, desc)
        assert page.total == len(page.rows) == tracker.count(f)
        return [r.id for r in page.rows]

    assert ids(TrackerFilter()) == [a.id, c.id, b.id]
    assert ids(TrackerFilter(status=ReferralStatus.OPEN)) == [a.id, b.id]
    assert ids(TrackerFilter(overdue_only=True)) == [a.id]
    assert ids(TrackerFilter(due_within=3)) == [b.id]
    assert ids(TrackerFilter(agency_id=agency_id(services, "شرکت گاز"))) == [b.id]
    assert ids(TrackerFilter(county_id=county_id(services, "مراغه"))) == [b.id]
    assert ids(TrackerFilter(county_id=county_id(services), status=ReferralStatus.OPEN)) == [a.id]
    assert ids(TrackerFilter(date_from=J("1405/06/01"), date_to=J("1405/07/30"))) == [c.id]
    assert ids(TrackerFilter(text="۲۰۰/۲")) == [b.id]
    assert ids(TrackerFilter(text=services.requests.get(a.request_id).tracking_code)) == [a.id]
    assert ids(TrackerFilter(escalated_only=True)) == []
    # «شرکت آب…» < «شرکت توزیع…» < «شرکت گاز»
    assert ids(TrackerFilter(), "agency") == [a.id, c.id, b.id]
    assert ids(TrackerFilter(), "follow_ups", True)[0] == a.id
    rows = {r.id: r for r in tracker.page(TrackerFilter(), 0, 50).rows}
    assert rows[a.id].follow_ups == 2 and rows[a.id].overdue
    assert rows[a.id].working_days == -cal.working_days_between(a.deadline, today)
    assert rows[b.id].working_days == cal.working_days_between(today, b.deadline) > 0
    assert rows[c.id].working_days == 4 and not rows[c.id].overdue
    assert rows[b.id].county == "مراغه" and rows[a.id].letter_no == "100/1"


def test_sorting_by_agency_follows_the_persian_alphabet(services, op) -> None:
    """«شرکت گاز» (گ) comes before «شرکت مخابرات» (م), though گ's code point is larger."""
    _, telecom = _refer(services, op, agency="شرکت مخابرات")
    _, gas = _refer(services, op, agency="شرکت گاز", nid="100000002")
    tracker = ReferralTracker(services.db)
    assert [r.id for r in tracker.page(TrackerFilter(), 0, 10, "agency").rows] == [gas.id,
                                                                                   telecom.id]
    assert [r.id for r in tracker.page(TrackerFilter(), 0, 10, "agency", True).rows] == [
        telecom.id, gas.id]


def test_persian_sort_key_orders_letters_as_the_alphabet() -> None:
    """پ چ ژ گ sort among the letters, not after ی as code points would put them."""
    names = ["یزد", "گاز", "پست", "آب", "برق", "چای", "ژاله", "کار"]
    assert sorted(names, key=persian_sort_key) == ["آب", "برق", "پست", "چای", "ژاله", "کار",
                                                   "گاز", "یزد"]


def test_reminder_letter_is_filled_in(services, op) -> None:
    """The letter names the agency's head, the letter, the deadline and how late it is."""
    req, ref = _refer(services, op, agency="شرکت گاز", letter="1405/05/01",
                      received="1405/05/01", letter_no="۴۵۶/۷۸")
    letter = ReminderService(services.db).draft(ref.id)
    assert letter.recipient == "مدیرعامل محترم شرکت گاز" and not letter.emphatic
    assert "\u2066۴۵۶/۷۸\u2069" in letter.text and "۱۴۰۵/۰۵/۰۱" in letter.text
    assert jalali.format_jalali(ref.deadline) in letter.text
    cal = ReferralTracker(services.db).calendar()
    late = cal.working_days_between(ref.deadline, jalali.tehran_today())
    assert f"اکنون {persian.to_persian_digits(late)} روز کاری از آن گذشته" in letter.text
    # The tracking code as on every screen: Latin digits, left to right (issue 12).
    assert f"\u2066{req.tracking_code}\u2069" in letter.text
    services.referrals.add_follow_up(op, ref.id, FollowUpKind.LETTER, J("1405/06/01"))
    second = ReminderService(services.db).draft(ref.id)
    assert second.emphatic and "تأکیدی" in second.text and "۱ نامهٔ پیگیری" in second.text
    assert recipient_of("اداره کل بهزیستی") == "مدیرکل محترم اداره کل بهزیستی"
    done = services.referrals.record_response(op, ref.id, ref.version, "انجام شد",
                                              J("1405/06/05"))
    with pytest.raises(ValidationError):
        ReminderService(services.db).draft(done.id)


def test_inspector_cannot_touch_referrals(services, op) -> None:
    """Every referral write refuses the inspector role."""
    inspector = make_actor(services, "insp", Role.INSPECTOR)
    req, ref = _refer(services, op)
    calls = [
        lambda: services.referrals.refer(inspector, req.id, req.version, agency_id(services),
                                         "1/1", J("1405/08/01")),
        lambda: services.referrals.record_response(inspector, ref.id, ref.version, "پاسخ",
                                                   J("1405/08/02")),
        lambda: services.referrals.withdraw(inspector, ref.id, ref.version, "دلیل"),
        lambda: services.referrals.extend(inspector, ref.id, ref.version, 2, "دلیل"),
        lambda: services.referrals.escalate(inspector, ref.id, ref.version, "شرح"),
        lambda: services.referrals.add_follow_up(inspector, ref.id, FollowUpKind.PHONE,
                                                 J("1405/08/02")),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    assert ReferralTracker(services.db).dossier(ref.id).version == ref.version
