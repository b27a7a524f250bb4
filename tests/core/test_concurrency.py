"""Two desktops at once: stale saves are refused, no update is lost, tracking codes stay unique."""

from __future__ import annotations

import threading

import pytest

from app.errors import ConflictError
from app.models.database import Database
from app.models.enums import Role
from app.services.registry import Services
from tests.support.helpers import make_actor, register, valid_nid


def test_second_save_of_a_stale_copy_gets_a_conflict(services) -> None:
    """Two desktops read version 1; the first saves, the second gets ConflictError."""
    op = make_actor(services, "op", Role.OPERATOR)
    r = register(services, op)
    other_desktop = Services.for_database(Database(services.db.url))
    mine = services.requests.get(r.id)
    theirs = other_desktop.requests.get(r.id)
    services.requests.update(op, mine.id, mine.version, {"subject": "موضوع اصلاح‌شده"})
    with pytest.raises(ConflictError) as err:
        other_desktop.requests.update(op, theirs.id, theirs.version, {"subject": "موضوع دیگر"})
    assert "رایانهٔ دیگری" in err.value.message
    assert services.requests.get(r.id).subject == "موضوع اصلاح‌شده"
    other_desktop.db.dispose()


def test_stale_referral_answer_gets_a_conflict(services) -> None:
    """Two desktops answering the same referral: the second gets the conflict."""
    from app.services.core import jalali
    from tests.support.helpers import agency_id

    op = make_actor(services, "op", Role.OPERATOR)
    r = register(services, op)
    ref = services.referrals.refer(op, r.id, r.version, agency_id(services), "1/1",
                                   jalali.tehran_today())
    services.referrals.record_response(op, ref.id, ref.version, "پاسخ اول", jalali.tehran_today())
    with pytest.raises(ConflictError):
        services.referrals.record_response(op, ref.id, ref.version, "پاسخ دوم",
                                           jalali.tehran_today())


def test_no_lost_updates_under_threads(services) -> None:
    """Threads edit one request with retry-on-conflict; every edit survives."""
    op = make_actor(services, "op", Role.OPERATOR)
    r = register(services, op, body="")
    n_threads, per_thread = 4, 5
    conflicts = []
    errors = []

    def worker(k: int) -> None:
        desk = Services.for_database(Database(services.db.url))
        try:
            for i in range(per_thread):
                while True:
                    cur = desk.requests.get(r.id)
                    try:
                        desk.requests.update(op, r.id, cur.version,
                                             {"body": (cur.body + f" t{k}i{i}").strip()})
                        break
                    except ConflictError:
                        conflicts.append(1)
        except Exception as exc:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(exc)
        finally:
            desk.db.dispose()

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors
    final = services.requests.get(r.id)
    tokens = final.body.split()
    assert sorted(tokens) == sorted(f"t{k}i{i}" for k in range(n_threads) for i in range(per_thread))
    assert final.version == 1 + n_threads * per_thread


def test_tracking_codes_unique_under_concurrent_inserts(services) -> None:
    """Desktops registering at the same moment never get the same tracking code."""
    op = make_actor(services, "op", Role.OPERATOR)
    codes: list[str] = []
    errors = []
    lock = threading.Lock()

    def worker(k: int) -> None:
        desk = Services.for_database(Database(services.db.url))
        try:
            for i in range(8):
                d = register(desk, op, nid=valid_nid(f"{k + 1}{i:02d}000001"))
                with lock:
                    codes.append(d.tracking_code)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            desk.db.dispose()

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors
    assert len(codes) == 32 and len(set(codes)) == 32


def test_same_new_citizen_from_two_desktops_is_not_duplicated(services) -> None:
    """Two desktops registering the same new national ID at once share one citizen row."""
    from sqlalchemy import func, select

    from app.models import Citizen

    op = make_actor(services, "op", Role.OPERATOR)
    nid = valid_nid("555555123")
    barrier = threading.Barrier(3)
    errors = []

    def worker() -> None:
        desk = Services.for_database(Database(services.db.url))
        try:
            barrier.wait(10)
            register(desk, op, nid=nid)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            desk.db.dispose()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    with services.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Citizen)
                        .where(Citizen.national_id == nid)) == 1
