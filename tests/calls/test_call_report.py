"""Satisfaction from calls in the report and the review queue, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import text

from app.models.enums import Role
from app.models.review import ReviewReason
from app.services.calls.dto import CallAnswer
from app.services.core import jalali
from app.services.referrals.dto import QueueFilter
from app.services.reports.calls import call_figures
from app.services.reports.pdf.quarterly import render_quarterly_report
from tests.reports.pdftools import norm, pdftotext_pages
from tests.support.helpers import make_actor, register, valid_nid


def _closed(services, op, k: int, sat: int | None, days_ago: int = 3) -> int:  # noqa: ANN001
    """A request closed `days_ago` days ago (noon Tehran) with a closing satisfaction."""
    r = register(services, op, nid=valid_nid(f"5{k:08d}"))
    r = services.requests.answer_directly(op, r.id, r.version, "پاسخ داده شد")
    services.requests.close(op, r.id, r.version, satisfaction=sat)
    day = jalali.tehran_today() - timedelta(days=days_ago)
    with services.db.engine.begin() as c:
        c.execute(text("UPDATE request SET closed_at = :a, answered_at = :a, received_at = :r "
                       "WHERE id = :i"),
                  {"a": jalali.tehran_to_utc(datetime.combine(day, time(12))),
                   "r": jalali.tehran_to_utc(datetime.combine(day, time(9))), "i": r.id})
    return r.id


@pytest.fixture
def cases(services):  # noqa: ANN001, ANN201
    """Closed 5 then called 1; closed 1 then called 5; closed 3, never reached; one no answer."""
    op = make_actor(services, "op", Role.OPERATOR)
    a, b, c, d = (_closed(services, op, k, sat) for k, sat in enumerate([5, 1, 3, None]))
    services.calls.record(op, a, 0, CallAnswer(True, 1, False, "کاری نشد"))
    services.calls.record(op, b, 0, CallAnswer(True, 5, True))
    services.calls.record(op, c, 0, CallAnswer(False))
    services.calls.record(op, d, 0, CallAnswer(False))
    return {"a": a, "b": b, "c": c, "d": d, "op": op}


def test_a_call_answer_wins_over_the_closing_one(services, cases) -> None:  # noqa: ANN001
    """The summary averages 1 (a), 5 (b) and 3 (c, closing only); d has none."""
    year, quarter = jalali.quarter_of(jalali.tehran_today())
    s = services.stats.quarter_summary(year, quarter)
    assert s.satisfaction_count == 3
    assert s.satisfaction_average == pytest.approx(3.0)
    low = services.reviews.queue(QueueFilter(ReviewReason.LOW_SATISFACTION, max_satisfaction=2))
    assert [r.request_id for r in low.rows] == [cases["a"]]
    assert low.rows[0].detail == "رضایت ۱ از ۵"


def test_a_call_after_the_cut_off_does_not_count(services, cases) -> None:  # noqa: ANN001
    """Printed as of yesterday, the report still has the closing answers (5, 1, 3)."""
    today = jalali.tehran_today()
    yesterday = today - timedelta(days=1)
    year, quarter = jalali.quarter_of(yesterday)
    report = services.stats.quarterly_report(year, quarter, today=yesterday)
    assert report.summary.satisfaction_count == 3
    assert report.summary.satisfaction_average == pytest.approx(3.0)
    assert report.calls is not None and report.calls.total.calls == 0
    today_report = services.stats.quarterly_report(*jalali.quarter_of(today), today=today)
    assert today_report.summary.satisfaction_average == pytest.approx(3.0)  # 1, 5, 3


def test_the_report_counts_calls_by_county(services, cases, tmp_path) -> None:  # noqa: ANN001
    today = jalali.tehran_today()
    report = services.stats.quarterly_report(*jalali.quarter_of(today), today=today)
    total = report.calls.total
    assert (total.calls, total.requests, total.reached, total.no_answer) == (4, 4, 2, 0)
    assert total.score_average == pytest.approx(3.0) and total.solved == 1
    assert total.solved_share == pytest.approx(0.5) and total.reached_share == pytest.approx(0.5)
    assert [r.county for r in report.calls.rows] == ["تبریز"]
    # Two more unreached days give up on d: «پاسخ نداد» in the quarter it was given up.
    from app.services.core import clock

    for _ in range(2):
        clock.set_now(clock.now() + timedelta(days=1), ticking=True)
        version = services.calls.row(cases["d"]).call_version
        services.calls.record(cases["op"], cases["d"], version, CallAnswer(False))
    start, end = jalali.quarter_bounds(*jalali.quarter_of(jalali.tehran_today()))
    with services.db.read() as s:
        figures = call_figures(s, start, end, jalali.tehran_today())
    assert (figures.total.calls, figures.total.no_answer) == (6, 1)
    out = tmp_path / "report.pdf"
    render_quarterly_report(report, out)
    words = norm(" ".join(pdftotext_pages(out)))
    assert norm("تماس‌های رضایت‌سنجی پس از ختم درخواست") in words
    assert norm("میانگین رضایت") in words
