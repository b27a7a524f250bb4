"""Attachments through the service, on SQLite and PostgreSQL: limits, types, hashes, names,
audit, rights, county scope, the scanner's folder and saving a copy."""

from __future__ import annotations

import hashlib
import os
from datetime import time
from pathlib import Path

import pytest
from sqlalchemy import text

from app.errors import ConflictError, NotFound, PermissionDenied, PolError, ValidationError
from app.models.enums import Role
from app.services.attachments.dto import IMAGE, MEETING, OTHER, PDF, REFERRAL, REQUEST, Owner
from app.services.core import audit, jalali
from app.services.core import messages as msg
from app.services.core.context import SYSTEM
from app.services.registry import Services
from tests.attachments.samples import docx_bytes, pdf_bytes, png_bytes
from tests.core.test_county_scope import build_world
from tests.support import helpers

MB = 1024 * 1024


@pytest.fixture
def clerk(services: Services):  # noqa: ANN201
    """An operator."""
    return helpers.make_actor(services, "clerk", Role.OPERATOR)


@pytest.fixture
def owner(services: Services, clerk) -> Owner:  # noqa: ANN001
    """A request to attach to."""
    return Owner(REQUEST, helpers.register(services, clerk).id)


def _refused(call) -> str:  # noqa: ANN001
    with pytest.raises(PolError) as err:
        call()
    return err.value.message


def test_a_png_is_stored_hashed_listed_read_back_and_audited(services: Services, clerk,
                                                            owner: Owner) -> None:
    data = png_bytes()
    info = services.attachments.add(clerk, owner, "عکس محل.png", data)
    assert (info.kind, info.mime, info.extension) == (IMAGE, "image/png", "png")
    assert info.size == len(data) and info.sha256 == hashlib.sha256(data).hexdigest()
    assert info.created_by == "کاربر clerk" and not info.removed and not info.renamed
    assert info.kind_label == "تصویر PNG" and info.previewable
    listed = services.attachments.list(owner, clerk)
    assert [a.id for a in listed] == [info.id] and listed[0].name == "عکس محل.png"
    back = services.attachments.content(info.id, clerk)
    assert back.data == data and back.info.sha256 == info.sha256
    events = audit.history(services.db, "request", owner.id)
    attach = [e for e in events if e.action == "attach"]
    assert len(attach) == 1 and attach[0].label == "افزودن پیوست"
    assert attach[0].after["sha256"] == info.sha256 and attach[0].after["note"] == "عکس محل.png"


def test_the_size_limit_is_exact_and_an_office_setting(services: Services, clerk, owner: Owner,
                                                       tmp_path: Path) -> None:
    assert services.attachments.limit_bytes() == 20 * MB
    exact = b"\x01" * (20 * MB)
    info = services.attachments.add(clerk, owner, "at-the-limit.bin", exact)
    assert info.size == 20 * MB and info.kind == OTHER
    assert services.attachments.content(info.id, clerk).data == exact
    over = tmp_path / "one-byte-over.bin"
    over.write_bytes(b"\x02" * (20 * MB + 1))
    message = _refused(lambda: services.attachments.add_file(clerk, owner, over))
    assert message == msg.attachment_too_large("۲۰٫۰", 20) and "۲۰ مگابایت" in message
    assert _refused(lambda: services.attachments.add(clerk, owner, "x.bin",
                                                     b"\x02" * (20 * MB + 1))) == message
    # The office lowers the limit: the next file of two megabytes is refused.
    services.office.save(SYSTEM, {"attachment_max_mb": "1"})
    assert services.attachments.limit_bytes() == MB
    assert "۱ مگابایت" in _refused(lambda: services.attachments.add(
        clerk, owner, "two.bin", b"\x03" * (2 * MB)))
    assert len(services.attachments.list(owner)) == 1


def test_the_type_comes_from_the_content_not_the_name(services: Services, clerk,
                                                      owner: Owner) -> None:
    pdf = services.attachments.add(clerk, owner, "نامه.jpg", pdf_bytes())
    assert (pdf.kind, pdf.extension, pdf.kind_label) == (PDF, "pdf", "PDF")
    assert pdf.save_name == "نامه.jpg.pdf"  # saved so the system opens it as what it is
    png = services.attachments.add(clerk, owner, "scan.PDF", png_bytes())
    assert png.kind == IMAGE and png.save_name == "scan.PDF.png"
    word = services.attachments.add(clerk, owner, "گزارش.docx", docx_bytes())
    assert (word.kind, word.extension, word.kind_label) == (OTHER, "docx", "DOCX")
    assert not word.previewable and word.save_name == "گزارش.docx"
    note = services.attachments.add(clerk, owner, "یادداشت.txt", "متن ساده".encode())
    assert (note.kind, note.extension, note.kind_label) == (OTHER, "", "نامعلوم")
    # A name promising a PDF over content that is nothing known: damaged, refused.
    assert _refused(lambda: services.attachments.add(
        clerk, owner, "letter.pdf", b"\x00garbage bytes of nothing")) == \
        msg.attachment_not_what_named("pdf")
    jpeg = services.attachments.add(clerk, owner, "p.jpeg", pdf_bytes(2))
    assert jpeg.kind == PDF


def test_damaged_empty_folder_missing_and_pipe_files_are_refused(services: Services, clerk,
                                                                 owner: Owner,
                                                                 tmp_path: Path) -> None:
    cut_pdf = tmp_path / "نیمه.pdf"
    cut_pdf.write_bytes(pdf_bytes(3)[:-300])
    assert _refused(lambda: services.attachments.add_file(clerk, owner, cut_pdf)) == \
        msg.attachment_damaged("PDF")
    cut_png = tmp_path / "photo.png"
    cut_png.write_bytes(png_bytes(40, 40)[:-20])
    assert _refused(lambda: services.attachments.add_file(clerk, owner, cut_png)) == \
        msg.attachment_damaged("PNG")
    empty = tmp_path / "خالی.pdf"
    empty.write_bytes(b"")
    assert _refused(lambda: services.attachments.add_file(clerk, owner, empty)) == \
        msg.ATTACHMENT_EMPTY
    assert _refused(lambda: services.attachments.add(clerk, owner, "x", b"")) == \
        msg.ATTACHMENT_EMPTY
    assert _refused(lambda: services.attachments.add_file(clerk, owner, tmp_path)) == \
        msg.ATTACHMENT_IS_FOLDER
    gone = tmp_path / "رفته.pdf"
    message = _refused(lambda: services.attachments.add_file(clerk, owner, gone))
    assert message.startswith("پروندهٔ") and "پیدا نشد" in message and "رفته.pdf" in message
    pipe = tmp_path / "scanner-pipe"
    os.mkfifo(pipe)
    assert _refused(lambda: services.attachments.add_file(clerk, owner, pipe)) == \
        msg.attachment_not_a_file("scanner-pipe")
    if os.geteuid() != 0:  # root reads anything
        locked = tmp_path / "locked.pdf"
        locked.write_bytes(pdf_bytes())
        locked.chmod(0)
        assert "اجازه" in _refused(lambda: services.attachments.add_file(clerk, owner, locked))
    assert services.attachments.list(owner) == []


def test_names_persian_and_hostile(services: Services, clerk, owner: Owner,
                                   tmp_path: Path) -> None:
    persian_name = tmp_path / "نامهٔ شرکت آب‌وفاضلاب ۱۴۰۵.pdf"
    persian_name.write_bytes(pdf_bytes())
    a = services.attachments.add_file(clerk, owner, persian_name)
    assert a.name == "نامهٔ شرکت آب‌وفاضلاب ۱۴۰۵.pdf" and not a.renamed
    rlo = services.attachments.add(clerk, owner, "invoice\u202egnp.exe", png_bytes(5, 5))
    assert rlo.name == "invoicegnp.exe" and rlo.renamed and rlo.given_name == "invoice\u202egnp.exe"
    assert rlo.save_name == "invoicegnp.exe.png"
    seps = services.attachments.add(clerk, owner, "..\\..\\Windows/system32:evil.pdf",
                                    pdf_bytes(2))
    assert "/" not in seps.name and "\\" not in seps.name and ":" not in seps.name
    assert seps.name == "_.._Windows_system32_evil.pdf"
    long_name = "ن" * 300 + ".pdf"
    cut = services.attachments.add(clerk, owner, long_name, pdf_bytes(3))
    assert cut.name.endswith(".pdf") and len(cut.name.encode()) <= 200 and cut.renamed
    nothing = services.attachments.add(clerk, owner, "\u202e\u200f ..", pdf_bytes(4))
    assert nothing.name == "پیوست"
    listed = {x.name for x in services.attachments.list(owner)}
    assert cut.name in listed and "invoicegnp.exe" in listed


def test_the_same_content_twice_is_refused_until_removed(services: Services, clerk,
                                                         owner: Owner) -> None:
    first = services.attachments.add(clerk, owner, "a.png", png_bytes())
    assert _refused(lambda: services.attachments.add(clerk, owner, "b.png", png_bytes())) == \
        msg.attachment_duplicate("a.png")
    services.attachments.remove(clerk, first.id, first.version, "اشتباه پیوست شد")
    again = services.attachments.add(clerk, owner, "b.png", png_bytes())
    assert again.id != first.id


def test_removal_is_a_flag_with_who_when_why_and_audited(services: Services, clerk,
                                                         owner: Owner) -> None:
    a = services.attachments.add(clerk, owner, "letter.pdf", pdf_bytes())
    with pytest.raises(ValidationError) as err:
        services.attachments.remove(clerk, a.id, a.version, "   ")
    assert err.value.errors == {"reason": msg.ATTACHMENT_REMOVE_REASON}
    with pytest.raises(ValidationError):
        services.attachments.remove(clerk, a.id, a.version, "د" * 501)
    gone = services.attachments.remove(clerk, a.id, a.version, "نامهٔ اشتباهی")
    assert gone.removed and gone.removed_by == "کاربر clerk"
    assert gone.removed_reason == "نامهٔ اشتباهی" and gone.removed_at is not None
    assert gone.version == a.version + 1
    # The row and its bytes stay on file.
    assert [x.removed for x in services.attachments.list(owner)] == [True]
    assert services.attachments.content(a.id, clerk).data == pdf_bytes()
    with pytest.raises(ConflictError):
        services.attachments.remove(clerk, a.id, a.version, "دوباره")
    assert _refused(lambda: services.attachments.remove(clerk, a.id, gone.version, "دوباره")) \
        == msg.ATTACHMENT_ALREADY_REMOVED
    detach = [e for e in audit.history(services.db, "request", owner.id) if e.action == "detach"]
    assert len(detach) == 1 and detach[0].after["reason"] == "نامهٔ اشتباهی"
    assert detach[0].label == "حذف پیوست" and detach[0].before["removed"] is False


def test_inspectors_read_but_neither_add_nor_remove(services: Services, clerk,
                                                    owner: Owner) -> None:
    inspector = helpers.make_actor(services, "bazres", Role.INSPECTOR)
    a = services.attachments.add(clerk, owner, "letter.pdf", pdf_bytes())
    assert [x.id for x in services.attachments.list(owner, inspector)] == [a.id]
    assert services.attachments.content(a.id, inspector).data == pdf_bytes()
    with pytest.raises(PermissionDenied):
        services.attachments.add(inspector, owner, "mine.png", png_bytes())
    with pytest.raises(PermissionDenied):
        services.attachments.remove(inspector, a.id, a.version, "نباید")
    assert not services.attachments.list(owner)[0].removed


def test_referral_answer_letters_and_meeting_minutes(services: Services, clerk,
                                                     owner: Owner) -> None:
    d = services.requests.get(owner.id)
    d = services.requests.mark_deep_rooted(clerk, d.id, d.version, True)
    ref = services.referrals.refer(clerk, d.id, d.version, helpers.agency_id(services),
                                   "۱۲/ص", jalali.tehran_today())
    letter = services.attachments.add(clerk, Owner(REFERRAL, ref.id), "پاسخ دستگاه.pdf",
                                      pdf_bytes())
    assert letter.owner == Owner(REFERRAL, ref.id)
    manager = services.meetings.add_manager(SYSTEM, "مدیر آزمون", "فرماندار",
                                            helpers.agency_id(services), helpers.county_id(services))
    meeting = services.meetings.create_meeting(SYSTEM, manager, jalali.tehran_today(), time(9),
                                               time(11), kind="trip",
                                               county_id=helpers.county_id(services))
    minutes = services.attachments.add(clerk, Owner(MEETING, meeting.id), "صورتجلسه.pdf",
                                       pdf_bytes(2))
    assert [a.id for a in services.attachments.list(Owner(MEETING, meeting.id))] == [minutes.id]
    assert [a.id for a in services.attachments.list(Owner(REFERRAL, ref.id))] == [letter.id]
    assert services.attachments.list(owner) == []  # each record keeps its own
    assert [e.action for e in audit.history(services.db, "meeting", meeting.id)][-1] == "attach"
    with pytest.raises(NotFound):
        services.attachments.list(Owner(MEETING, 999999))


def test_county_scope(services: Services) -> None:
    w = build_world(services)
    mine, theirs = Owner(REQUEST, w.a_requests[0]), Owner(REQUEST, w.b_requests[0])
    theirs_file = services.attachments.add(SYSTEM, theirs, "b.pdf", pdf_bytes())
    own = services.attachments.add(w.scoped, mine, "a.pdf", pdf_bytes(2))
    assert [a.id for a in services.attachments.list(mine, w.scoped)] == [own.id]
    with pytest.raises(NotFound):
        services.attachments.list(theirs, w.scoped)
    with pytest.raises(NotFound):
        services.attachments.content(theirs_file.id, w.scoped)
    with pytest.raises(NotFound):
        services.attachments.add(w.scoped, theirs, "c.png", png_bytes())
    with pytest.raises(NotFound):
        services.attachments.remove(w.scoped, theirs_file.id, theirs_file.version, "نه")
    with pytest.raises(NotFound):
        services.attachments.add(w.scoped, Owner(MEETING, w.b_meeting), "m.png", png_bytes())
    services.attachments.add(w.scoped, Owner(MEETING, w.a_meeting), "m.png", png_bytes())
    assert not services.attachments.list(theirs)[0].removed


def test_the_scanners_newest_file(services: Services, tmp_path: Path) -> None:
    assert _refused(services.attachments.newest_scan) == msg.SCAN_FOLDER_NOT_SET
    folder = tmp_path / "اسکن"
    services.office.save(SYSTEM, {"scan_folder": str(folder)})
    assert "در دسترس نیست" in _refused(services.attachments.newest_scan)
    folder.mkdir()
    assert _refused(services.attachments.newest_scan) == msg.scan_folder_empty(str(folder))
    older, newest = folder / "scan-001.pdf", folder / "نامه ۲.pdf"
    older.write_bytes(pdf_bytes())
    newest.write_bytes(pdf_bytes(2))
    (folder / "scan-003.pdf.tmp").write_bytes(b"half")  # the scanner is still writing it
    (folder / ".hidden").write_bytes(b"x")
    (folder / "sub").mkdir()
    os.utime(older, (1_700_000_000, 1_700_000_000))
    os.utime(newest, (1_700_000_100, 1_700_000_100))
    for later in ("scan-003.pdf.tmp", ".hidden", "sub"):
        os.utime(folder / later, (1_700_000_200, 1_700_000_200))
    found = services.attachments.newest_scan()
    assert found.name == "نامه ۲.pdf" and found.path == str(newest)
    assert found.size == newest.stat().st_size and found.modified.year == 2023


def test_saving_a_copy_and_a_tampered_copy(services: Services, clerk, owner: Owner,
                                           tmp_path: Path) -> None:
    a = services.attachments.add(clerk, owner, "letter.pdf", pdf_bytes())
    out = tmp_path / "copy" / a.save_name
    out.parent.mkdir()
    assert services.attachments.save_copy(a.id, out, clerk) == str(out)
    assert hashlib.sha256(out.read_bytes()).hexdigest() == a.sha256
    assert list(out.parent.iterdir()) == [out]  # no temporary file left behind
    message = _refused(lambda: services.attachments.save_copy(a.id, tmp_path / "no" / "x.pdf"))
    assert "نوشته نشد" in message
    # Someone with the owner's keys changes the bytes in the database: Pol refuses to show them.
    with services.db.engine.begin() as c:
        c.execute(text("UPDATE attachment_content SET data = :d WHERE attachment_id = :i"),
                  {"d": pdf_bytes(5), "i": a.id})
    assert _refused(lambda: services.attachments.content(a.id, clerk)) == \
        msg.attachment_content_mismatch("letter.pdf")
