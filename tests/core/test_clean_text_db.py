"""Text that enters Pol is clean, on SQLite and PostgreSQL: every write path, and SAMAD codes.

ESC, BEL, form feed and a right-to-left override (U+202E) go in through the services and the
SAMAD import; what the database holds (read back with plain SQL) has none of them.
"""

from __future__ import annotations

import csv
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app.errors import ValidationError
from app.models import Request
from app.models.enums import Channel, RequestType, Role
from app.models.review import ReviewReason, ReviewVerdict
from app.services.core import jalali
from app.services.core.context import SYSTEM
from app.services.meetings.dto import DirectiveInput
from app.services.requests.dto import CitizenInput, InboxFilter, NewRequest
from app.services.requests.samad.importer import import_samad
from app.services.review.service import ReviewService
from tests.support.calendar_helpers import day_service, manager, set_holidays, weekly
from tests.support.helpers import agency_id, county_id, make_actor, register, valid_nid

RLO, ESC, BEL, FF = "\u202e", "\x1b", "\x07", "\x0c"
DIRTY_SUBJECT = f"{RLO}قطعی آب{ESC}{BEL} روستای{FF} خاصبان"
CLEAN_SUBJECT = "قطعی آب روستای خاصبان"
DIRTY_BODY = f"سه روز{ESC} است{BEL}{FF}آب قطع است.{RLO}"
CLEAN_BODY = "سه روز است\nآب قطع است."
DIRTY_FIRST, DIRTY_LAST = f"{RLO}زهرا{ESC}", f"قاسم\u200cزاده{BEL}"
CLEAN_FIRST, CLEAN_LAST = "زهرا", "قاسم\u200cزاده"  # ZWNJ stays


def _stored(db, sql: str, **params) -> tuple:  # noqa: ANN001
    """One row read with plain SQL, bypassing the services."""
    with db.read() as s:
        return tuple(s.execute(text(sql), params).one())


@pytest.fixture
def op(services):  # noqa: ANN001, ANN201
    """A real operator account."""
    return make_actor(services, "op", Role.OPERATOR)


def test_a_registered_request_stores_clean_subject_body_and_name(services, op) -> None:
    """ESC, BEL, form feed and U+202E in subject, body and name are not stored."""
    req = register(services, op, subject=DIRTY_SUBJECT, body=DIRTY_BODY,
                   first_name=DIRTY_FIRST, last_name=DIRTY_LAST)
    subject, body, first, last = _stored(
        services.db, "SELECT r.subject, r.body, c.first_name, c.last_name FROM request r "
                     "JOIN citizen c ON c.id = r.citizen_id WHERE r.id = :id", id=req.id)
    assert (subject, body, first, last) == (CLEAN_SUBJECT, CLEAN_BODY, CLEAN_FIRST, CLEAN_LAST)
    assert req.subject == CLEAN_SUBJECT and req.citizen.last_name == CLEAN_LAST


def test_edits_answers_and_referrals_store_clean_text(services, op) -> None:
    """Editing, answering, actions, reopening and every referral text are cleaned."""
    req = register(services, op, received_at=datetime(2026, 8, 1, 6, 0))
    req = services.requests.update(op, req.id, req.version,
                                   {"subject": DIRTY_SUBJECT, "body": DIRTY_BODY})
    req = services.requests.record_actions(op, req.id, req.version, DIRTY_BODY)
    ref = services.referrals.refer(op, req.id, req.version, agency_id(services),
                                   f"{RLO}۱۲۳۴{ESC}/۵۶", jalali.from_jalali(1405, 5, 11))
    services.referrals.add_follow_up(op, ref.id, "phone", jalali.from_jalali(1405, 5, 12),
                                     DIRTY_BODY)
    ref = services.referrals.extend(op, ref.id, ref.version, 5, DIRTY_BODY)
    ref = services.referrals.record_response(op, ref.id, ref.version, DIRTY_BODY,
                                             jalali.from_jalali(1405, 5, 20), f"۷۸{BEL}۹")
    ref = services.referrals.escalate(op, ref.id, ref.version, DIRTY_BODY)
    req = services.requests.get(req.id)
    req = services.requests.answer_directly(op, req.id, req.version, DIRTY_BODY)
    req = services.requests.close(op, req.id, req.version)
    services.requests.reopen(op, req.id, req.version, DIRTY_SUBJECT)
    row = _stored(services.db, "SELECT subject, body, actions_taken, answer_text FROM request "
                               "WHERE id = :id", id=req.id)
    assert row == (CLEAN_SUBJECT, CLEAN_BODY, CLEAN_BODY, CLEAN_BODY)
    row = _stored(services.db, "SELECT letter_no, response_letter_no, response_text, "
                               "escalation_note FROM referral WHERE id = :id", id=ref.id)
    assert row == ("1234/56", "789", CLEAN_BODY, CLEAN_BODY)
    with services.db.read() as s:
        notes = s.scalars(text("SELECT note FROM referral_event")).all()
    assert notes and set(notes) == {CLEAN_BODY}


def test_review_notes_user_names_and_citizens_are_clean(services, op) -> None:
    """An inspector's note, a user's display name and a citizen's address."""
    inspector = make_actor(services, "insp", Role.INSPECTOR)
    req = register(services, op)
    info = ReviewService(services.db).record(inspector, req.id, None, ReviewReason.SAMPLE,
                                             ReviewVerdict.PROPER, DIRTY_BODY)
    assert info.note == CLEAN_BODY
    assert _stored(services.db, "SELECT note FROM review") == (CLEAN_BODY,)
    user = services.users.add(SYSTEM, f"{RLO}ali{BEL}", "secret-1", Role.OPERATOR,
                              DIRTY_SUBJECT)
    assert (user.username, user.full_name) == ("ali", CLEAN_SUBJECT)
    assert services.users.authenticate(f"ali{ESC}", "secret-1").id == user.id
    detail = services.requests.register(op, NewRequest(
        channel=Channel.LETTER, type=RequestType.REQUEST, subject="آسفالت",
        county_id=county_id(services), citizen=CitizenInput(
            national_id=f"\u200e{valid_nid('001354241')}{ESC}", first_name=DIRTY_FIRST,
            last_name=DIRTY_LAST, mobile=f"{RLO}0912\u200b123 4567", address=DIRTY_SUBJECT)))
    c = detail.citizen
    assert (c.national_id, c.first_name, c.last_name, c.mobile, c.address) == (
        valid_nid("001354241"), CLEAN_FIRST, CLEAN_LAST, "09121234567", CLEAN_SUBJECT)


def test_meeting_day_texts_are_clean(services, op) -> None:
    """Queue topic, walk-in names, the raised issue and the manager's directive."""
    today = jalali.tehran_today()
    set_holidays(services.db, today, today, {})
    m = manager(services, name=f"{RLO}حمید{ESC}", title=DIRTY_SUBJECT)
    if jalali.weekday_index(today) == 6:  # a Friday: hold a one-off instead
        meeting = services.meetings.create_meeting(op, m, today, time(0), time(23, 59),
                                                   kind="one_off", place=DIRTY_SUBJECT)
    else:
        sch = weekly(services, m, jalali.weekday_index(today),
                     jalali.format_jalali(today - timedelta(days=60), False), hours=(0, 23),
                     place=DIRTY_SUBJECT)
        meeting = services.meetings.open_occurrence(op, sch, today)
    day = day_service(services)
    att = day.add_walk_in(op, meeting.id, CitizenInput(
        national_id=valid_nid("300000007"), first_name=DIRTY_FIRST, last_name=DIRTY_LAST),
        DIRTY_SUBJECT)
    assert (att.topic, att.full_name) == (CLEAN_SUBJECT, f"{CLEAN_FIRST} {CLEAN_LAST}")
    res = day.raise_issue(op, att.id, DIRTY_SUBJECT, DIRTY_BODY, directive=DirectiveInput(
        DIRTY_BODY, agency_id(services), today + timedelta(days=21), letter_no=f"۱۲{BEL}/۳۴"))
    assert res.directive is not None and res.directive.text == CLEAN_BODY
    assert res.directive.letter_no == "12/34"
    assert _stored(services.db, "SELECT subject, body FROM request WHERE id = :id",
                   id=res.request_id) == (CLEAN_SUBJECT, CLEAN_BODY)
    assert _stored(services.db, "SELECT name, title FROM manager WHERE id = :id", id=m) == (
        "حمید", CLEAN_SUBJECT)
    assert _stored(services.db, "SELECT place FROM meeting WHERE id = :id",
                   id=meeting.id) == (CLEAN_SUBJECT,)


# --- SAMAD ----------------------------------------------------------------------------------

HEADERS = ["کد رهگیری", "تاریخ ثبت", "نام", "نام خانوادگی", "شهرستان", "موضوع", "متن"]


def _samad_csv(path: Path, rows: list[list[str]]) -> Path:
    """A SAMAD export as Excel saves it (UTF-8 CSV)."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADERS)
        w.writerows(rows)
    return path


def _row(code: str, subject: str = "قطعی آب", body: str = "متن", first: str = "زهرا",
         last: str = "احمدی") -> list[str]:
    return [code, "1404/07/12 10:32", first, last, "تبریز", subject, body]


def test_a_samad_row_with_control_characters_imports_clean(services, op, tmp_path) -> None:
    """ESC, BEL, form feed and U+202E in a SAMAD row's subject, body and name are not stored."""
    f = _samad_csv(tmp_path / "s.csv", [_row("5550001", DIRTY_SUBJECT, DIRTY_BODY,
                                             DIRTY_FIRST, DIRTY_LAST)])
    assert import_samad(services.db, op, f).imported == 1
    row = _stored(services.db, "SELECT r.subject, r.body, c.first_name, c.last_name, "
                               "r.samad_code FROM request r JOIN citizen c "
                               "ON c.id = r.citizen_id")
    assert row == (CLEAN_SUBJECT, CLEAN_BODY, CLEAN_FIRST, CLEAN_LAST, "5550001")


def test_four_spellings_of_one_samad_code_are_one_request(services, op, tmp_path) -> None:
    """«771234», with ZWSP, with LRM, in Persian digits: one request, in a file and later."""
    spellings = ["771234", "77\u200b1234", "7712\u200e34", "۷۷۱۲۳۴"]
    f = _samad_csv(tmp_path / "a.csv", [_row(c) for c in spellings])
    result = import_samad(services.db, op, f)
    assert (result.imported, result.duplicates) == (1, 3)
    for i, code in enumerate(["٧٧١٢٣٤", " 77 12 34", "\ufeff771234\u202c"]):
        again = import_samad(services.db, op, _samad_csv(tmp_path / f"b{i}.csv", [_row(code)]))
        assert (again.imported, again.duplicates) == (0, 1)
    with services.db.read() as s:
        assert s.scalars(select(Request.samad_code)).all() == ["771234"]
    with pytest.raises(ValidationError) as err:  # the service's own door, too
        services.requests.register(op, NewRequest(
            channel=Channel.SAMAD, type=RequestType.REQUEST, subject="x",
            samad_code="۷۷۱۲\u200f۳۴"))
    assert "سامد" in err.value.errors["samad_code"]


def test_codes_stored_before_are_made_canonical_by_the_migration(services, op, tmp_path) -> None:
    """An older database's non-canonical codes are rewritten, so re-imports still match them."""
    a, b, c, d = (register(services, op, nid=valid_nid(f"40000000{i}")) for i in range(4))
    with services.db.write() as s:  # as an older Pol stored them
        for req, code in ((a, "77\u200b1234"), (b, "۸۸۱۲"), (c, "991"), (d, "9\u200e91")):
            s.execute(text("UPDATE request SET samad_code = :c WHERE id = :id"),
                      {"c": code, "id": req.id})
        s.execute(text("UPDATE alembic_version SET version_num = '0004'"))
    services.db.upgrade()
    with services.db.read() as s:
        codes = dict(s.execute(select(Request.id, Request.samad_code)).all())
    # d's canonical code was already taken by c (the very duplicate this fixes): d keeps its own.
    assert [codes[r.id] for r in (a, b, c, d)] == ["771234", "8812", "991", "9\u200e91"]
    f = _samad_csv(tmp_path / "old.csv", [_row("77\u200b1234"), _row("8812"), _row("991")])
    assert import_samad(services.db, op, f).imported == 0
    assert services.inbox.count(InboxFilter(text="8812")) == 1  # the search key follows
    with services.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Request)) == 4
