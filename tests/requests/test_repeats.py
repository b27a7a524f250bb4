"""Repeat visitors on SQLite and PostgreSQL: the measure, candidates, links, import, report."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, update

from app.cli import main
from app.errors import ConflictError, ValidationError
from app.models import Citizen, Request, RequestLink
from app.models.enums import Channel, RequestStatus, Role
from app.services.core import jalali
from app.services.requests import repeats
from app.services.requests.dto import CitizenInput, NewRequest
from app.services.requests.repeats import LinkChoice, measure
from tests.requests.test_import import HEADERS, row, write_csv
from tests.support.helpers import make_actor, register, valid_nid

NID = valid_nid("112233445")
OTHER_NID = valid_nid("998877665")
SUBJECT = "قطعی مکرر آب آشامیدنی"
BODY = "آب محله از دیروز قطع است و پاسخی داده نمی‌شود."


@pytest.fixture
def clerk(services):  # noqa: ANN001, ANN201
    """A real operator."""
    return make_actor(services, "clerk", Role.OPERATOR)


def new(subject: str = SUBJECT, body: str = "", nid: str = NID, mobile: str = "",
        channel: str = Channel.PHONE, samad_code: str | None = None) -> NewRequest:
    """A request about to be registered."""
    return NewRequest(channel=channel, type="complaint", subject=subject, body=body,
                      samad_code=samad_code,
                      citizen=CitizenInput(national_id=nid, first_name="زهرا",
                                           last_name="قاسم‌زاده", mobile=mobile))


# --- the measure (no database) ----------------------------------------------------------------


def test_measure_folds_persian_and_is_symmetric() -> None:
    a = repeats.fingerprint("قطعی مکرر آب آشامیدنی", "")
    # Arabic ي/ك, a space for the ZWNJ, harakat: the same words once folded.
    b = repeats.fingerprint("قطعي مکرر آبِ آشاميدني", "")
    assert repeats.likeness(a, b) == 1.0
    c = repeats.fingerprint("پیگیری قطعی آب آشامیدنی", "درخواست قبلی هنوز نتیجه نداده است")
    assert repeats.likeness(a, c) == repeats.likeness(c, a)
    assert repeats.likeness(a, c) >= 0.75
    unrelated = repeats.fingerprint("تأخیر در صدور سند تک‌برگ", "با سلام و احترام")
    assert repeats.likeness(a, unrelated) < 0.3
    assert measure.words("می‌شود  ۱۲۳ «آب»") == ["میشود", "123", "اب"]


def test_courtesies_alone_do_not_make_a_repeat() -> None:
    letter = "با سلام و احترام، به استحضار می‌رساند {} خواهشمند است دستور رسیدگی صادر فرمایید."
    a = repeats.fingerprint("فرسودگی ساختمان مدرسه", letter.format("ساختمان مدرسه فرسوده است"))
    b = repeats.fingerprint("تأخیر در پرداخت مستمری بازنشستگی", letter.format("مستمری نرسیده"))
    assert repeats.likeness(a, b) < 0.5


# --- candidates -------------------------------------------------------------------------------


def test_candidates_by_national_id_and_mobile(services, clerk) -> None:  # noqa: ANN001
    first = register(services, clerk, subject=SUBJECT, body=BODY, nid=NID)
    register(services, clerk, subject="تأخیر در صدور سند تک‌برگ", nid=NID)
    found = services.repeats.candidates(new("پیگیری قطعی مکرر آب آشامیدنی", nid=NID))
    assert [c.request_id for c in found] == [first.id]
    assert found[0].tracking_code == first.tracking_code and found[0].similarity >= 0.75
    # A phone call: no national ID, only the mobile the citizen gave before.
    with services.db.write() as s:
        s.execute(update(Citizen).where(Citizen.national_id == NID)
                  .values(mobile="09141112233"))
    by_mobile = services.repeats.candidates(new(SUBJECT, nid="", mobile="+98 914 111 2233"))
    assert [c.request_id for c in by_mobile] == [first.id]
    # Someone else on the same subject is nobody's repeat.
    assert services.repeats.candidates(new(SUBJECT, nid=OTHER_NID)) == []


def test_window_after_closing(services, clerk) -> None:  # noqa: ANN001
    first = register(services, clerk, nid=NID)
    now = jalali.utc_now()
    with services.db.write() as s:
        s.execute(update(Request).where(Request.id == first.id).values(
            status=RequestStatus.CLOSED.value, closed_at=now - timedelta(days=89)))
    assert len(services.repeats.candidates(new(nid=NID))) == 1
    with services.db.write() as s:
        s.execute(update(Request).where(Request.id == first.id).values(
            closed_at=now - timedelta(days=91)))
    assert services.repeats.candidates(new(nid=NID)) == []
    # The office may widen the window.
    admin = make_actor(services, "boss", Role.ADMIN)
    services.office.save(admin, {"repeat_window_days": "120"})
    assert len(services.repeats.candidates(new(nid=NID))) == 1


def test_same_samad_code_is_a_candidate(services, clerk) -> None:  # noqa: ANN001
    first = services.requests.register(clerk, new("موضوعی دیگر", nid=OTHER_NID,
                                                  samad_code="SAM-778899"))
    found = services.repeats.candidates(new(SUBJECT, nid=NID, samad_code=" SAM-۷۷۸۸۹۹ "))
    assert [(c.request_id, c.same_samad) for c in found] == [(first.id, True)]


# --- links --------------------------------------------------------------------------------------


def test_register_as_duplicate_closes_with_pointer(services, clerk) -> None:  # noqa: ANN001
    first = register(services, clerk, nid=NID)
    dup = services.requests.register(clerk, new(nid=NID),
                                     link=LinkChoice(first.id, repeats.DUPLICATE))
    assert dup.status == RequestStatus.CLOSED and dup.closed_at is not None
    assert first.tracking_code in dup.actions_taken
    mine = services.repeats.links(dup.id)
    assert [(x.other_id, x.role) for x in mine] == [(first.id, "duplicate_of")]
    theirs = services.repeats.links(first.id)
    assert [(x.other_id, x.role, x.created_by) for x in theirs] == [
        (dup.id, "has_duplicate", "کاربر clerk")]
    # The original stays open; the detail pane shows the pair as linked, not as a suggestion.
    assert services.requests.get(first.id).status == RequestStatus.NEW
    assert services.repeats.dossier(first.id).suggestions == []
    labels = [e.label for e in services.requests.dossier(dup.id).history]
    assert labels[-1] == "پیوند با درخواست دیگر"


def test_register_related_stays_open(services, clerk) -> None:  # noqa: ANN001
    first = register(services, clerk, nid=NID)
    rel = services.requests.register(clerk, new(nid=NID),
                                     link=LinkChoice(first.id, repeats.RELATED))
    assert rel.status == RequestStatus.NEW
    assert [x.role for x in services.repeats.links(first.id)] == ["related"]


def test_register_link_to_missing_request_saves_nothing(services, clerk) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as e:
        services.requests.register(clerk, new(nid=NID), link=LinkChoice(999999, "duplicate"))
    assert e.value.errors == {"other": "درخواستی با این کد رهگیری پیدا نشد."}
    with services.db.read() as s:
        assert s.scalar(select(Request.id)) is None


def test_link_unlink_relink_from_the_pane(services, clerk) -> None:  # noqa: ANN001
    a = register(services, clerk, nid=NID)
    b = register(services, clerk, nid=NID)
    assert [c.request_id for c in services.repeats.dossier(b.id).suggestions] == [a.id]
    info = services.repeats.link(clerk, b.id, b.version, f" {a.tracking_code} ", "related")
    assert (info.other_id, info.kind) == (a.id, "related")
    # A related link is a row of its own: the request itself is unchanged.
    assert services.requests.get(b.id).version == b.version
    with pytest.raises(ValidationError) as e:  # either way round, one link per pair
        services.repeats.link(clerk, a.id, a.version, b.id, "duplicate")
    assert "پیش‌تر" in e.value.errors["other"]
    with pytest.raises(ConflictError):
        services.repeats.unlink(clerk, b.id, b.version + 1, info.id)  # another desk's version
    services.repeats.unlink(clerk, b.id, b.version, info.id)
    assert services.repeats.links(a.id) == []
    with services.db.read() as s:  # a flag, not a deletion
        row_ = s.get(RequestLink, info.id)
        assert row_ is not None and row_.removed_at is not None
    with pytest.raises(ValidationError):
        services.repeats.unlink(clerk, b.id, b.version, info.id)
    # Linked again: the same row comes back, now as a duplicate (which closes b).
    again = services.repeats.link(clerk, b.id, b.version, a.id, "duplicate")
    assert again.id == info.id and again.role == "duplicate_of"
    assert services.requests.get(b.id).status == RequestStatus.CLOSED


def test_link_refusals(services, clerk) -> None:  # noqa: ANN001
    a = register(services, clerk, nid=NID)
    for other, kind, field in ((a.id, "related", "other"), ("1405-000000", "related", "other"),
                               (a.id, "twin", "kind")):
        with pytest.raises(ValidationError) as e:
            services.repeats.link(clerk, a.id, a.version, other, kind)
        assert field in e.value.errors


# --- the SAMAD import -------------------------------------------------------------------------


def test_import_json_lists_possible_repeats(services, clerk, db_url, tmp_path,  # noqa: ANN001
                                            capsys) -> None:  # noqa: ANN001
    on_file = register(services, clerk, subject=SUBJECT, nid=NID)
    path = write_csv(tmp_path / "samad.csv", [
        row("S-1", nid=NID, subject="پیگیری قطعی مکرر آب آشامیدنی"),  # row 2: repeats on_file
        row("S-2", nid=OTHER_NID, subject="تأخیر در صدور سند تک‌برگ"),  # row 3: new matter
        row("S-3", nid=OTHER_NID, subject="تاخیر در صدور سند تک برگ"),  # row 4: repeats row 3
    ], HEADERS)
    assert main(["--db", db_url, "import", "samad", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["imported"] == 3
    with services.db.read() as s:
        s2 = s.scalar(select(Request.tracking_code).where(Request.samad_code == "S-2"))
        assert s.scalar(select(RequestLink.id)) is None  # nothing linked without a person
    assert out["possible_repeats"] == [{"row": 2, "request": on_file.tracking_code},
                                       {"row": 4, "request": s2}]


# --- the quarterly report ----------------------------------------------------------------------


def test_report_counts_repeats_by_channel_and_county(services, clerk) -> None:  # noqa: ANN001
    from app.services.core import clock

    clock.set_now(datetime(2026, 11, 28, 6, 30), ticking=True)  # 1405/09/07, in Q3
    day = jalali.utc_now() - timedelta(days=20)
    a = register(services, clerk, nid=NID, channel=Channel.WALK_IN, received_at=day)
    b = register(services, clerk, nid=NID, channel=Channel.PHONE, subject="پیگیری " + SUBJECT,
                 received_at=day + timedelta(days=3))
    register(services, clerk, nid=NID, channel=Channel.PHONE,
             subject="تأخیر در صدور سند تک‌برگ", received_at=day + timedelta(days=4))
    c = register(services, clerk, nid=OTHER_NID, channel=Channel.LETTER,
                 subject="کمبود دارو در داروخانه", received_at=day + timedelta(days=1))
    d = register(services, clerk, nid=OTHER_NID, channel=Channel.LETTER,
                 subject="درخواست ملاقات با استاندار", received_at=day + timedelta(days=2))
    # Unlike in words, linked by a clerk: counted as a repeat too.
    services.repeats.link(clerk, d.id, d.version, c.id, "related")
    report = services.stats.quarterly_report(1405, 3)
    r = report.repeats
    assert r is not None
    assert (r.requests, r.repeats, r.by_link_only) == (5, 2, 1)
    channels = {x.label: (x.requests, x.repeats) for x in r.by_channel}
    assert channels == {Channel.WALK_IN.label: (1, 0), Channel.PHONE.label: (2, 1),
                        Channel.LETTER.label: (2, 1)}
    counties = {x.label: (x.requests, x.repeats) for x in r.by_county}
    assert sum(n for n, _ in counties.values()) == 5 and sum(k for _, k in counties.values()) == 2
    assert a.id != b.id
