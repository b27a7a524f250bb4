"""`audit verify`: changes made outside Pol, a cut tail, and Pol's own writes leaving nothing."""

from __future__ import annotations

import json
from datetime import date

import psycopg
import pytest
from sqlalchemy import text

from app.cli import main
from app.demo.generator import DemoGenerator
from app.errors import ValidationError
from app.models.database import Database
from app.models.enums import Role
from app.services.core import audit, jalali, persian
from app.services.core.audit_verify import normalize_head, verify
from app.services.registry import Services
from app.services.requests.samad.importer import import_samad
from tests.requests.test_import import row, write_csv
from tests.support import audit_tamper
from tests.support.calendar_helpers import citizen, day_service, manager, weekly
from tests.support.helpers import agency_id, make_actor, register, valid_nid
from tests.support.pg_logins import add_login, login_url


@pytest.fixture
def pg_services(pg_url: str):  # noqa: ANN201
    """Services over a fresh PostgreSQL database."""
    db = Database(pg_url)
    db.open()
    yield Services.for_database(db)
    db.dispose()


def _head16(db: Database) -> str:
    return audit.head_hash(db)[:16]


def test_a_direct_update_by_an_operator_login_is_reported(pg_services, pg_url, capsys) -> None:
    """psql-style UPDATE of a request as an operator's login: named with the login, exit 1."""
    sv = pg_services
    op = make_actor(sv, "op", Role.OPERATOR)
    req = register(sv, op)
    assert verify(sv.db).ok
    login = add_login(sv.db, "mallory", "operator")
    with psycopg.connect(login_url(pg_url, login), autocommit=True) as c:
        c.execute("UPDATE request SET subject = 'پرونده بسته شد' WHERE id = %s", (req.id,))
        # An insert is logged too (the log function runs as the owner: no grant on row_change).
        cid = c.execute("INSERT INTO citizen (national_id, first_name, last_name, address, "
                        "created_at, version) VALUES ('0000000000', 'الف', 'ب', '', now(), 1) "
                        "RETURNING id").fetchone()[0]
    report = verify(sv.db)
    assert not report.ok and report.chain.ok and report.unexplained_total == 2
    assert [(c.table, c.row_id, c.action) for c in report.unexplained[1:]] == [
        ("citizen", cid, "INSERT")]
    change = report.unexplained[0]
    assert (change.login, change.table, change.row_id, change.action) == (
        login, "request", req.id, "UPDATE")
    assert "subject" in change.columns.split(",")
    assert main(["--db", pg_url, "audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert login in out and "ویرایش درخواست" in out and persian.to_persian_digits(req.id) in out
    assert jalali.format_jalali_datetime(change.at) in out
    assert main(["--db", pg_url, "audit", "verify", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["chain_ok"] is True and data["head_found"] is None
    assert [(u["login"], u["table"], u["row_id"], u["action"]) for u in data["unexplained"]] == [
        (login, "request", req.id, "UPDATE"), (login, "citizen", cid, "INSERT")]


def test_pol_own_writes_leave_nothing_unexplained(pg_services, pg_url, tmp_path, capsys) -> None:
    """Demo data, a SAMAD import, a referral, a meeting day: every change has its event."""
    sv = pg_services
    DemoGenerator(sv.db, seed=5, today=date(2026, 11, 28)).run(300)
    op = make_actor(sv, "op", Role.OPERATOR)
    path = write_csv(tmp_path / "samad.csv", [row("77001"), row("77002", nid=valid_nid("001354241"))])
    assert import_samad(sv.db, op, path).imported == 2
    req = register(sv, op, nid=valid_nid("100000001"))
    ref = sv.referrals.refer(op, req.id, sv.requests.get(req.id).version,
                             agency_id(sv, "شرکت آب و فاضلاب"), "۱۲/۳", jalali.tehran_today())
    sv.referrals.extend(op, ref.id, ref.version, 3, "درخواست کتبی دستگاه")
    # A meeting day: the occurrence opened, a walk-in received, an issue raised, closed.
    m = manager(sv, "احمد عباسی")
    held = jalali.parse_jalali_date("1405/09/02")  # a Monday before the suite's today
    occurrence = sv.meetings.open_occurrence(
        op, weekly(sv, m, jalali.weekday_index(held), "1405/08/01"), held)
    day = day_service(sv)
    walk_in = day.add_walk_in(op, occurrence.id, citizen(7), "آسفالت معابر", received=True)
    day.raise_issue(op, walk_in.id, "آسفالت معابر")
    sv.meetings.close_meeting(op, occurrence.id, occurrence.version, "صورتجلسه")
    report = verify(sv.db)
    assert report.ok, "\n".join(report.lines())
    with sv.db.read() as s:
        logged = s.execute(text("SELECT count(*) FROM row_change")).scalar()
    assert logged > 300  # the row log did see the writes
    assert main(["--db", pg_url, "audit", "verify"]) == 0
    assert "رویداد «پل» دارد" in capsys.readouterr().out


def _cut_tail(db: Database, keep: int) -> None:
    """Delete the newest audit events (deliberate maintenance on PostgreSQL)."""
    with db.engine.begin() as c:
        audit_tamper.maintenance(c)
        c.execute(text("DELETE FROM audit_event WHERE id > :k"), {"k": keep})


def test_a_cut_tail_is_caught_by_the_printed_head(db_url, capsys) -> None:
    """Deleting the newest events keeps a valid chain, but the printed head is gone (both DBs)."""
    db = Database(db_url)
    db.open()
    sv = Services.for_database(db)
    op = make_actor(sv, "op", Role.OPERATOR)
    register(sv, op)
    with db.read() as s:
        keep = s.execute(text("SELECT max(id) FROM audit_event")).scalar()
    register(sv, op, nid=valid_nid("100000001"))
    head = _head16(db)
    printed = " ".join([head[:8].upper(), head[8:]])  # as read off paper: spaces, capitals
    assert main(["--db", db_url, "audit", "verify", "--head", printed]) == 0
    assert "هنوز در زنجیره است" in capsys.readouterr().out
    _cut_tail(db, keep)
    assert verify(db).chain.ok  # a chain whose tail is cut is still a valid chain
    report = verify(db, head)
    assert not report.ok and report.head_found is False
    assert main(["--db", db_url, "audit", "verify", "--head", head]) == 1
    out = capsys.readouterr().out
    assert "دیگر در زنجیره نیست" in out and head in out
    assert main(["--db", db_url, "audit", "verify", "--head", head, "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["head_found"] is False
    db.dispose()


def test_disabling_the_guard_as_superuser_is_still_caught(pg_services, pg_url) -> None:
    """A superuser who turns the triggers off and deletes the tail is caught by the head."""
    sv = pg_services
    op = make_actor(sv, "op", Role.OPERATOR)
    register(sv, op)
    with sv.db.read() as s:
        keep = s.execute(text("SELECT max(id) FROM audit_event")).scalar()
    register(sv, op, nid=valid_nid("100000001"))
    full = audit.head_hash(sv.db)
    with sv.db.engine.begin() as c:
        c.execute(text("SET LOCAL session_replication_role = replica"))  # no triggers fire
        c.execute(text("DELETE FROM audit_event WHERE id > :k"), {"k": keep})
    report = verify(sv.db, full)
    assert report.head_found is False and not report.ok


def test_a_malformed_head_is_refused_in_persian() -> None:
    """Neither 16 nor 64 hex digits: a Persian field error; Persian digits are read."""
    with pytest.raises(ValidationError) as err:
        normalize_head("12345")
    assert "۱۶ یا ۶۴" in err.value.errors["head"]
    assert normalize_head("۰۱۲۳ 4567 89AB cdef") == "0123456789abcdef"
