"""Letter numbers from the office's pattern and the counter per Jalali year (SQLite and PostgreSQL).

Consecutive, never issued twice (two desks at the same moment included), restarting with the
Jalali year at Tehran's midnight of Nowruz; a number typed by hand uses no counter number.
"""

from __future__ import annotations

import re
import threading
from datetime import datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker

from app.errors import ValidationError
from app.models import AuditEvent, LetterCounter, OfficialLetter, Referral
from app.models.enums import FollowUpKind, LetterKind
from app.services.core import clock, jalali
from app.services.core import messages as msg
from app.services.letters import numbering
from app.services.letters.dto import LetterFields
from tests.letters.conftest import refer


def _set_pattern(services, admin, pattern: str) -> None:  # noqa: ANN001
    services.office.save(admin, {numbering.PATTERN_KEY: pattern})


def test_the_default_pattern_numbers_from_one_in_persian_digits_stored_latin(
        services, op) -> None:  # noqa: ANN001
    """«۳/ص/{سال}-{شماره}» (Persian digits) gives 3/ص/1405-1, -2 … as stored and previewed."""
    assert services.office.value(numbering.PATTERN_KEY) == "3/ص/{سال}-{شماره}"
    assert services.letters.next_number() == "3/ص/1405-1"
    first = refer(services, op)
    second = refer(services, op)
    assert (first.letter_no, second.letter_no) == ("3/ص/1405-1", "3/ص/1405-2")
    assert services.letters.next_number() == "3/ص/1405-3"  # a preview takes nothing
    assert services.letters.next_number() == "3/ص/1405-3"
    with services.db.read() as s:
        rows = s.execute(select(OfficialLetter.letter_no, OfficialLetter.kind,
                                OfficialLetter.referral_id).order_by(OfficialLetter.id)).all()
    assert rows == [("3/ص/1405-1", LetterKind.REFERRAL, first.id),
                    ("3/ص/1405-2", LetterKind.REFERRAL, second.id)]


def test_an_office_pattern_with_persian_digits_or_latin_names(services, op, admin) -> None:  # noqa: ANN001
    """The office's own pattern: Persian digits and letters kept, {year}/{number} as aliases."""
    _set_pattern(services, admin, "۱۲/ب/{سال}/{شماره}")
    assert refer(services, op).letter_no == "12/ب/1405/1"
    _set_pattern(services, admin, "{number}-{year}/الف")
    assert refer(services, op).letter_no == "2-1405/الف"  # one counter, whatever the pattern
    assert numbering.render("۳ / ص / {سال} - {شماره}", 1406, 17) == "3/ص/1406-17"


@pytest.mark.parametrize(("pattern", "message"), [
    ("۳/ص/{سال}", msg.LETTER_PATTERN_NO_NUMBER),
    ("۳/ص/۱۴۰۵", msg.LETTER_PATTERN_NO_NUMBER),
    ("۳/ص/{شماره}", msg.LETTER_PATTERN_NO_YEAR),
    ("{سال}-{شماره}-{شماره}", msg.LETTER_PATTERN_TWO_NUMBERS),
    ("{سال}{شماره}", msg.LETTER_PATTERN_NO_YEAR_SEPARATOR),
    ("{سال/{شماره}", msg.LETTER_PATTERN_BRACES),
    ("{سال}-{شماره}}", msg.LETTER_PATTERN_BRACES),
    ("{سال}-{کد}-{شماره}", msg.letter_pattern_unknown("کد")),
    ("", msg.LETTER_PATTERN_EMPTY),
    ("{سال}-{شماره}*", None),  # a character no letter number has: see below
])
def test_bad_patterns_are_refused_in_persian(services, admin, op, pattern: str,  # noqa: ANN001
                                             message: str | None) -> None:
    """The settings service refuses the pattern with a Persian message and keeps the old one."""
    with pytest.raises(ValidationError) as err:
        _set_pattern(services, admin, pattern)
    text = err.value.errors[numbering.PATTERN_KEY]
    if message is not None:
        assert text == message
    else:
        assert text == msg.letter_pattern_result(msg.LETTER_NO_CHARACTERS)
    assert not re.search(r"[A-Za-z]{3,}", text.replace("{year}", "").replace("{number}", ""))
    assert services.office.value(numbering.PATTERN_KEY) == "3/ص/{سال}-{شماره}"
    assert refer(services, op).letter_no == "3/ص/1405-1"


def test_the_year_rolls_over_at_tehran_midnight_of_nowruz(services, op) -> None:  # noqa: ANN001
    """23:50 on 1405/12/29 numbers in 1405; 00:10 on 1406/01/01 starts 1406 at one."""
    before = jalali.tehran_to_utc(datetime(2027, 3, 20, 23, 50))  # 1405/12/29, Tehran
    after = jalali.tehran_to_utc(datetime(2027, 3, 21, 0, 10))  # 1406/01/01
    assert before == datetime(2027, 3, 20, 20, 20)  # UTC: Tehran is UTC+3:30 all year
    refer(services, op)  # 1405's first, on the suite's day
    clock.set_now(before)
    assert jalali.format_jalali(jalali.tehran_today(), persian_digits=False) == "1405/12/29"
    assert refer(services, op).letter_no == "3/ص/1405-2"
    clock.set_now(after)
    assert jalali.format_jalali(jalali.tehran_today(), persian_digits=False) == "1406/01/01"
    assert services.letters.next_number() == "3/ص/1406-1"
    assert refer(services, op).letter_no == "3/ص/1406-1"
    assert refer(services, op).letter_no == "3/ص/1406-2"
    with services.db.read() as s:
        counters = dict(s.execute(select(LetterCounter.year, LetterCounter.last_number)).all())
    assert counters == {1405: 2, 1406: 2}


def test_a_number_typed_by_hand_uses_no_counter_number(services, op) -> None:  # noqa: ANN001
    """The secretariat's own number is stored as typed; the counter is not touched."""
    by_hand = refer(services, op, letter_no="۳ / ص / ۱۴۰۵ - ۹۹۹")
    assert by_hand.letter_no == "3/ص/1405-999"
    assert refer(services, op).letter_no == "3/ص/1405-1"
    with services.db.read() as s:
        assert s.scalar(select(func.count()).select_from(OfficialLetter)) == 1
    # Choosing «by hand» and leaving the number blank is refused, as before.
    with pytest.raises(ValidationError) as err:
        refer(services, op, letter=LetterFields(auto_number=False))
    assert err.value.errors["letter_no"] == msg.LETTER_NO_REQUIRED
    # Without letter fields (a manager's directive, older callers) a number is still required.
    with pytest.raises(ValidationError):
        refer(services, op, letter=None)
    assert services.letters.next_number() == "3/ص/1405-2"


def test_a_refused_referral_gives_its_number_back(services, op) -> None:  # noqa: ANN001
    """A referral refused after the number was taken rolls the counter back with it."""
    with pytest.raises(ValidationError):
        refer(services, op, letter=LetterFields(classification="secret"))
    assert services.letters.next_number() == "3/ص/1405-1"


def test_two_desks_referring_at_the_same_moment_get_two_numbers(services, op) -> None:  # noqa: ANN001
    """Eight referrals released together from eight threads: eight different, consecutive numbers."""
    from app.services.core.jalali import tehran_today
    from tests.support.helpers import agency_id, register, valid_nid

    requests = [services.requests.get(register(services, op, nid=valid_nid(f"30000000{i}")).id)
                for i in range(8)]
    gate = threading.Barrier(len(requests))
    results: list[str] = []
    errors: list[BaseException] = []

    def desk(req) -> None:  # noqa: ANN001
        try:
            gate.wait()
            ref = services.referrals.refer(op, req.id, req.version, agency_id(services), "",
                                           tehran_today(), letter=LetterFields())
            results.append(ref.letter_no)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=desk, args=(r,)) for r in requests]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert sorted(results, key=lambda n: int(n.rsplit("-", 1)[1])) == [
        f"3/ص/1405-{i}" for i in range(1, 9)]


def test_the_counter_alone_is_safe_across_connections(services) -> None:  # noqa: ANN001
    """Four connections take numbers at once in their own plain transactions (no app-wide write
    lock, no BEGIN IMMEDIATE): the counter's row lock alone keeps every number unique."""
    factory = sessionmaker(services.db.engine)  # plain sessions: deferred BEGIN on SQLite
    taken: list[int] = []
    lock = threading.Lock()
    gate = threading.Barrier(4)
    errors: list[BaseException] = []

    def connection() -> None:
        try:
            gate.wait()
            for _ in range(10):
                with factory() as s, s.begin():
                    got = numbering.take(s, 1499, 2)
                with lock:
                    taken.extend(got)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=connection) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors
    assert sorted(taken) == list(range(1, 81))
    # Each call's two numbers are consecutive: [1, 2], [3, 4]… in some order.
    pairs = [taken[i:i + 2] for i in range(0, len(taken), 2)]
    assert all(b == a + 1 and a % 2 == 1 for a, b in pairs)


def test_many_consecutive_numbers_in_one_transaction(services, op) -> None:  # noqa: ANN001
    """take_numbers(N): N consecutive numbers at once (audited); the next letter follows them."""
    assert services.letters.take_numbers(op, 5) == [f"3/ص/1405-{i}" for i in range(1, 6)]
    assert refer(services, op).letter_no == "3/ص/1405-6"
    with services.db.read() as s:
        after = s.scalars(select(AuditEvent.after)
                          .where(AuditEvent.entity == "letter_numbers")).one()
    assert "3/ص/1405-5" in str(after)
    for bad in (0, 1001):
        with pytest.raises(ValidationError) as err:
            services.letters.take_numbers(op, bad)
        assert err.value.errors["count"] == msg.LETTER_NUMBERS_COUNT


def test_a_reminder_takes_its_own_number_from_the_same_counter(services, op) -> None:  # noqa: ANN001
    """The reminder letter of an open referral gets the next number, registered as a reminder."""
    ref = refer(services, op)
    issued = services.letters.issue_reminder(op, ref.id)
    assert (ref.letter_no, issued.letter_no) == ("3/ص/1405-1", "3/ص/1405-2")
    assert services.reminders.issue_number(op, ref.id) == "3/ص/1405-3"
    with services.db.read() as s:
        kinds = s.scalars(select(OfficialLetter.kind).where(OfficialLetter.referral_id == ref.id)
                          .order_by(OfficialLetter.serial)).all()
        assert s.get(Referral, ref.id).letter_no == "3/ص/1405-1"  # the referral keeps its own
    assert kinds == [LetterKind.REFERRAL, LetterKind.REMINDER, LetterKind.REMINDER]
    services.referrals.add_follow_up(op, ref.id, FollowUpKind.PHONE, jalali.tehran_today())
    done = services.referrals.record_response(op, ref.id, ref.version, "انجام شد",
                                              jalali.tehran_today())
    with pytest.raises(ValidationError) as err:
        services.letters.issue_reminder(op, done.id)
    assert err.value.errors["status"] == msg.NO_REMINDER_NUMBER_FOR_CLOSED


def test_classification_priority_and_copies_are_stored(services, op, admin) -> None:  # noqa: ANN001
    """The letter's fields stay on the referral; no copies given: the office's default list."""
    ref = refer(services, op, letter=LetterFields("confidential", "immediate",
                                                  ("معاون محترم استاندار", "- بایگانی", "")))
    plain = refer(services, op)
    services.office.save(admin, {"letter_copies": "فرمانداری شهرستان؛ بایگانی دفتر"})
    later = refer(services, op)
    none = refer(services, op, letter=LetterFields(copies=()))
    with services.db.read() as s:
        rows = {r.id: (r.classification, r.priority, r.copies)
                for r in s.scalars(select(Referral))}
    assert rows[ref.id] == ("confidential", "immediate", "معاون محترم استاندار\nبایگانی")
    assert rows[plain.id][:2] == ("normal", "normal")
    assert rows[plain.id][2] == "معاون محترم توسعه مدیریت و منابع استانداری جهت استحضار\nبایگانی دفتر"
    assert rows[later.id][2] == "فرمانداری شهرستان\nبایگانی دفتر"
    assert rows[none.id][2] == ""
    with pytest.raises(ValidationError) as err:
        refer(services, op, letter=LetterFields("secret", "slow", tuple(f"گیرنده {i}"
                                                                        for i in range(13))))
    assert err.value.errors == {"classification": msg.LETTER_CLASS_REQUIRED,
                                "priority": msg.LETTER_PRIORITY_REQUIRED,
                                "copies": msg.letter_copies_too_many(12)}
