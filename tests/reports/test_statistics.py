"""Quarter statistics against a small fixture whose figures were worked out by hand.

Quarter: پاییز ۱۴۰۴ (1404/07/01–1404/09/30 = 2025-09-23..2025-12-21). Holiday inside it:
1404/09/03 (Monday). Fridays are off. Working days count (start, end].
"""

from __future__ import annotations

from datetime import datetime, time

import pytest
from sqlalchemy import text

from app.models.enums import AnswerGrade, Channel, Role
from app.services.core import jalali
from app.services.core.context import SYSTEM
from app.services.requests.dto import CitizenInput
from tests.support.helpers import agency_id, county_id, make_actor, register, valid_nid

J = jalali.parse_jalali_date


def _at(jdate: str, hour: int = 10) -> datetime:
    """UTC moment of a Tehran hour on a Jalali day."""
    return jalali.tehran_to_utc(datetime.combine(J(jdate), time(hour)))


def _set_answered(db, request_id: int, jdate: str) -> None:  # noqa: ANN001
    with db.engine.begin() as c:
        c.execute(text("UPDATE request SET answered_at = :a WHERE id = :i"),
                  {"a": _at(jdate, 12), "i": request_id})


def _set_closed(db, request_id: int, jdate: str) -> None:  # noqa: ANN001
    """Date the closing (and so the citizen's rating) on a Jalali day of the quarter."""
    with db.engine.begin() as c:
        c.execute(text("UPDATE request SET closed_at = :a WHERE id = :i"),
                  {"a": _at(jdate, 13), "i": request_id})


@pytest.fixture
def fixture(services):  # noqa: ANN001, ANN201
    """Five requests in autumn 1404 and one in summer; referrals and answers on set days."""
    op = make_actor(services, "op", Role.OPERATOR)
    sv = services
    # R1: walk-in, answered directly 07/05 (Sat) -> 07/08 (Tue): Sun, Mon, Tue = 3 working days.
    r1 = register(sv, op, received_at=_at("1404/07/05"), channel=Channel.WALK_IN,
                  nid=valid_nid("100000001"))
    r1 = sv.requests.answer_directly(op, r1.id, r1.version, "پاسخ")
    _set_answered(sv.db, r1.id, "1404/07/08")
    sv.requests.close(op, r1.id, r1.version, satisfaction=4)
    _set_closed(sv.db, r1.id, "1404/07/09")
    # R2: letter to the governorate, 07/12 (Sat) -> 07/19 (Sat): 7 days less one Friday = 6.
    r2 = register(sv, op, received_at=_at("1404/07/12"), channel=Channel.LETTER,
                  agency="استانداری آذربایجان شرقی", nid=valid_nid("100000002"))
    r2 = sv.requests.answer_directly(op, r2.id, r2.version, "پاسخ")
    _set_answered(sv.db, r2.id, "1404/07/19")
    sv.requests.close(op, r2.id, r2.version, satisfaction=2)
    _set_closed(sv.db, r2.id, "1404/07/20")
    # R3: SAMAD, 08/01 (Thu), referred to electricity 08/03, answered 08/12 (Mon) on time.
    #     Request: 08/01 -> 08/12 = 11 days less Fridays 08/02, 08/09 = 9.
    #     Referral: 08/03 (Sat) -> 08/12 = 9 days less Friday 08/09 = 8.
    r3 = register(sv, op, received_at=_at("1404/08/01"), channel=Channel.SAMAD,
                  agency="شرکت توزیع نیروی برق", nid=valid_nid("100000003"))
    ref3 = sv.referrals.refer(op, r3.id, r3.version, agency_id(sv, "شرکت توزیع نیروی برق"),
                              "10/1", J("1404/08/03"))
    sv.referrals.record_response(op, ref3.id, ref3.version, "رفع شد", J("1404/08/12"))
    _set_answered(sv.db, r3.id, "1404/08/12")
    # R4: SAMAD, 08/10 (Sat), referred to water the same day, answered late on 09/25 (Tue):
    #     45 days less 6 Fridays and the 09/03 holiday = 38.
    r4 = register(sv, op, received_at=_at("1404/08/10"), channel=Channel.SAMAD,
                  nid=valid_nid("100000004"))
    ref4 = sv.referrals.refer(op, r4.id, r4.version, agency_id(sv, "شرکت آب و فاضلاب"), "10/2",
                              J("1404/08/10"))
    sv.referrals.record_response(op, ref4.id, ref4.version, "انجام شد", J("1404/09/25"),
                                 grade=AnswerGrade.INADEQUATE)
    _set_answered(sv.db, r4.id, "1404/09/25")
    # R5: phone, 09/05 (Wed), referred to gas, never answered; deadline 15 working days later
    #     is 1404/09/23 (2025-12-14) < end of quarter -> overdue at the end.
    r5 = register(sv, op, received_at=_at("1404/09/05"), channel=Channel.PHONE,
                  agency="شرکت گاز", nid=valid_nid("100000005"))
    sv.referrals.refer(op, r5.id, r5.version, agency_id(sv, "شرکت گاز"), "10/3", J("1404/09/05"))
    # R6: previous quarter (summer), walk-in.
    register(sv, op, received_at=_at("1404/06/20"), channel=Channel.WALK_IN,
             nid=valid_nid("100000006"))
    return op


def test_quarter_summary_matches_hand_computation(services, fixture) -> None:
    """Counts, shares, median working days, on-time referrals, overdue and satisfaction."""
    s = services.stats.quarter_summary(1404, 3)
    assert (s.start.isoformat(), s.end.isoformat()) == ("2025-09-23", "2025-12-21")
    assert s.received == 5
    ch = {r.key: (r.count, r.previous) for r in s.by_channel}
    assert ch["walk_in"] == (1, 1) and ch["letter"] == (1, 0)
    assert ch["samad"] == (2, 0) and ch["phone"] == (1, 0) and ch["meeting"] == (0, 0)
    assert [r.label for r in s.by_channel][0] == "سامانه سامد"
    assert s.answered_directly == 2 and s.referred == 3
    assert (s.concerning_governorate, s.concerning_others) == (1, 4)
    assert s.governorate_share == pytest.approx(0.2)
    # Working days to answer: 3, 6, 9, 38 -> median (6 + 9) / 2.
    assert s.median_working_days_to_answer == 7.5
    assert (s.referrals_total, s.referrals_answered, s.referrals_answered_on_time) == (3, 2, 1)
    # R5 never answered, R4 answered inadequately after its deadline: both still owed an
    # answer at the end, as the tracker counts them overdue.
    assert s.overdue_at_end == 2
    assert s.satisfaction_average == pytest.approx(3.0) and s.satisfaction_count == 2


def test_agency_performance_matches_hand_computation(services, fixture) -> None:
    """Per agency: referred, answered, on time, median working days, overdue now, inadequate."""
    rows = {a.agency: a for a in services.stats.agency_performance(J("1404/07/01"),
                                                                   J("1404/09/30"))}
    assert set(rows) == {"شرکت توزیع نیروی برق", "شرکت آب و فاضلاب", "شرکت گاز"}
    power, water, gas = rows["شرکت توزیع نیروی برق"], rows["شرکت آب و فاضلاب"], rows["شرکت گاز"]
    assert (power.referred, power.answered, power.answered_on_time) == (1, 1, 1)
    assert power.median_working_days == 8 and power.on_time_share == 1.0
    assert (water.answered, water.answered_on_time, water.inadequate) == (1, 0, 1)
    assert water.median_working_days == 38
    assert (gas.answered, gas.overdue_now) == (0, 1) and water.overdue_now == 1
    assert gas.median_working_days is None


def test_every_county_is_listed_even_without_requests(services, fixture) -> None:
    """All 21 counties plus لیلان (1402) and ترکمانچای (1403) appear for 1404; zeros included."""
    rows = services.stats.county_rows(J("1404/07/01"), J("1404/09/30"))
    assert len(rows) == 23
    tabriz = next(r for r in rows if r.county == "تبریز")
    assert (tabriz.received, tabriz.answered_directly, tabriz.referred) == (5, 2, 3)
    assert next(r for r in rows if r.county == "هوراند").received == 0
    # In 1401 the two new counties did not exist yet.
    assert len(services.stats.county_rows(J("1401/07/01"), J("1401/09/30"))) == 21


def test_meeting_compliance_matches_hand_computation(services) -> None:
    """Saturdays of autumn 1404: 13, one cancelled -> 12 expected; 2 held, 4 citizens."""
    op = make_actor(services, "op", Role.OPERATOR)
    mg = services.meetings
    manager = mg.add_manager(SYSTEM, "حمیدرضا قاسم‌زاده", "معاون توسعهٔ مدیریت و منابع",
                             agency_id(services, "استانداری آذربایجان شرقی"))
    mg.schedule_weekly_day(op, manager, 0, time(9), time(12), "سالن ملاقات",
                           valid_from=J("1404/07/01"))
    a = mg.create_meeting(op, manager, J("1404/07/05"), time(9), time(12))
    b = mg.create_meeting(op, manager, J("1404/07/12"), time(9), time(12))
    c = mg.create_meeting(op, manager, J("1404/07/19"), time(9), time(12))
    mg.cancel_meeting(op, c.id, c.version, "مأموریت خارج از استان")
    issues = []
    for k, meeting in enumerate([a, a, a, b]):
        queued = services.meeting_day.add_walk_in(
            op, meeting.id, CitizenInput(national_id=valid_nid(f"20000000{k}"), last_name="رضایی",
                                         county_id=county_id(services)))
        raised = services.meeting_day.raise_issue(op, queued.id, "درخواست آسفالت کوچه")
        issues.append(services.requests.get(raised.request_id))
    assert all(i.channel == "meeting" and i.meeting_id in (a.id, b.id) for i in issues)
    mg.close_meeting(op, a.id, a.version, "صورتجلسه")
    mg.close_meeting(op, b.id, b.version, "صورتجلسه")
    services.referrals.refer(op, issues[0].id, issues[0].version, agency_id(services), "7/7",
                             J("1404/07/06"), directive=True)
    (row,) = services.stats.manager_compliance(J("1404/07/01"), J("1404/09/30"))
    assert (row.expected, row.held, row.cancelled, row.missed) == (12, 2, 1, 10)
    assert (row.citizens_received, row.issues_raised) == (4, 4)
    assert (row.directives_issued, row.directives_open) == (1, 1)


def test_quarterly_report_bundles_everything(services, fixture) -> None:
    """The report object carries both quarters, counties, deep-rooted items and the audit head."""
    from app.services.core import audit

    rep = services.stats.quarterly_report(1404, 3)
    assert rep.summary.received == 5 and rep.previous.received == 1
    assert rep.audit_head_hash == audit.head_hash(services.db)
    assert rep.audit_events == audit.verify_chain(services.db).checked > 0
    assert len(rep.counties) == 23
    assert set(rep.timings) >= {"summary", "agencies"}
