"""request.repeat_of, the stored finding the quarterly report counts: made at registration,
made again on an edit, a late registration, a changed threshold, and by migration 0016f; and
the report's count from it equals the measure run over the whole quarter."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import select, text, update

from app.demo.generator import DemoGenerator
from app.models import Citizen, Request
from app.models.enums import Channel, RequestType, Role
from app.services.core import clock, jalali
from app.services.reports.measures import utc_range
from app.services.reports.repeats import quarter_repeats
from app.services.requests.dto import CitizenInput, NewRequest
from app.services.requests.repeats import findings, measure, settings
from tests.support.helpers import county_id, make_actor, register, valid_nid

NID = valid_nid("212233445")
SUBJECT = "قطعی مکرر آب آشامیدنی"


@pytest.fixture
def clerk(services):  # noqa: ANN001, ANN201
    """A real operator."""
    return make_actor(services, "clerk", Role.OPERATOR)


@pytest.fixture
def now() -> Iterator[datetime]:
    """1405/09/07 10:00 Tehran, in the third quarter."""
    clock.set_now(datetime(2026, 11, 28, 6, 30), ticking=True)
    yield jalali.utc_now()
    clock.reset()


def stored(services, *ids: int) -> list[int | None]:  # noqa: ANN001
    """The stored findings of these requests, in order."""
    with services.db.read() as s:
        found = dict(s.execute(select(Request.id, Request.repeat_of)
                               .where(Request.id.in_(ids))).all())
    return [found[i] for i in ids]


def by_mobile(services, clerk, mobile: str, received_at: datetime):  # noqa: ANN001, ANN201
    """A phone call on SUBJECT from someone who gives only a mobile number."""
    return services.requests.register(clerk, NewRequest(
        channel=Channel.PHONE, type=RequestType.COMPLAINT, subject=SUBJECT, body="",
        received_at=received_at, county_id=county_id(services),
        citizen=CitizenInput(national_id="", first_name="علی", last_name="رضایی",
                             mobile=mobile)))


def test_registration_stores_the_latest_earlier_request_on_the_matter(  # noqa: ANN001
        services, clerk, now) -> None:
    a = register(services, clerk, nid=NID, received_at=now - timedelta(days=20))
    other = register(services, clerk, nid=NID, subject="تأخیر در صدور سند تک‌برگ",
                     received_at=now - timedelta(days=15))
    b = register(services, clerk, nid=NID, subject="پیگیری " + SUBJECT,
                 received_at=now - timedelta(days=10))
    c = register(services, clerk, nid=NID, subject=SUBJECT, received_at=now - timedelta(days=2))
    # Known by the same mobile only (no national ID), on another channel: the same person.
    d = by_mobile(services, clerk, "09141112233", now - timedelta(days=1))
    e = by_mobile(services, clerk, "۰۹۱۴ ۱۱۱ ۲۲۳۳", now)
    assert stored(services, a.id, other.id, b.id, c.id) == [None, None, a.id, b.id]
    assert stored(services, d.id, e.id) == [None, d.id]


def test_a_late_registration_and_an_edit_find_again(services, clerk, now) -> None:  # noqa: ANN001
    later = register(services, clerk, nid=NID, received_at=now - timedelta(days=3))
    assert stored(services, later.id) == [None]
    # A letter received earlier is registered afterwards: the later request now repeats it.
    earlier = register(services, clerk, nid=NID, subject=SUBJECT + " محله",
                       received_at=now - timedelta(days=9))
    assert stored(services, earlier.id, later.id) == [None, earlier.id]
    # The earlier one's subject is corrected to another matter: the later one repeats nothing.
    services.requests.update(clerk, earlier.id, earlier.version,
                             {"subject": "کمبود دارو در داروخانهٔ شهر"})
    assert stored(services, earlier.id, later.id) == [None, None]


def test_a_changed_threshold_finds_every_request_again(services, clerk, now) -> None:  # noqa: ANN001
    admin = make_actor(services, "boss", Role.ADMIN)
    a = register(services, clerk, nid=NID, subject="قطعی آب محلهٔ ولیعصر", body="",
                 received_at=now - timedelta(days=5))
    b = register(services, clerk, nid=NID, subject="قطعی برق خیابان ولیعصر", body="",
                 received_at=now)
    with services.db.read() as s:
        pa, pb = (measure.fingerprint(x.subject, x.body) for x in (s.get(Request, a.id),
                                                                    s.get(Request, b.id)))
    alike = measure.likeness(pa, pb)
    assert 0.3 < alike < 0.75  # alike, not alike enough at the default 75 %
    assert stored(services, b.id) == [None]
    services.office.save(admin, {"repeat_similarity": str(int(alike * 100) - 5)})
    assert stored(services, b.id) == [a.id]
    services.office.save(admin, {"repeat_similarity": "75"})
    assert stored(services, b.id) == [None]


def test_the_report_counts_what_the_measure_finds_over_the_quarter(  # noqa: ANN001
        services, monkeypatch) -> None:
    """On the demo data, the stored findings give exactly the repeats that the measure finds
    comparing every request of the quarter with the same person's earlier ones."""
    db = services.db
    DemoGenerator(db, seed=7, today=date(2026, 12, 10)).run(1500)  # 1405/09/19
    start, as_of = date(2026, 9, 23), date(2026, 12, 10)  # 1405/07/01 … today
    lo, hi = utc_range(start, as_of)
    with db.read() as s:
        cut, window = settings(s)
        rows = s.execute(select(Request.id, Request.citizen_id, Citizen.mobile,
                                Request.received_at, Request.closed_at, Request.subject,
                                Request.body)
                         .join(Citizen, Citizen.id == Request.citizen_id)
                         .where(Request.received_at >= lo, Request.received_at < hi)).all()
        keys = measure.person_keys({(r.citizen_id, r.mobile) for r in rows})
        items = [measure.Item(r.id, keys[r.citizen_id], r.received_at, r.closed_at,
                              r.subject, r.body) for r in rows]
        expected = set(measure.same_matter(items, cut, window))
        share = quarter_repeats(s, start, as_of)
    assert len(expected) >= 5  # the demo plants repeats
    assert share.repeats - share.by_link_only == len(expected)
    # Found again from nothing, a few persons at a time (as the migration does a large office).
    monkeypatch.setattr(findings, "_BATCH", 40)
    with db.write() as s:
        s.execute(update(Request).values(repeat_of=None))
        assert findings.refresh_all(s) > 0
    with db.read() as s:
        again = quarter_repeats(s, start, as_of)
    assert again.repeats - again.by_link_only == len(expected)


def test_migration_0016f_fills_in_every_finding(services, clerk, now) -> None:  # noqa: ANN001
    a = register(services, clerk, nid=NID, received_at=now - timedelta(days=4))
    b = register(services, clerk, nid=NID, subject="پیگیری " + SUBJECT, received_at=now)
    db = services.db
    cfg = db.alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0015l")
        assert "repeat_of" not in {c["name"] for c in
                                   conn.dialect.get_columns(conn, "request")}
        command.upgrade(cfg, "head")
        conn.execute(text("UPDATE request SET repeat_of = NULL"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0015l'"))
        command.upgrade(cfg, "head")  # a rewound database: the column is there, filled again
    assert stored(services, a.id, b.id) == [None, a.id]
