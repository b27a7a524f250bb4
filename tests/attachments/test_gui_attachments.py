"""Attachments through the real widgets: files dropped on the request pane, the scanner shortcut,
the preview of a PDF and a PNG, a damaged picture, save, remove, and the same box on a referral
and a meeting."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app.models.enums import Role
from app.services.attachments.dto import IMAGE, MEETING, PDF, REFERRAL, REQUEST, Owner
from app.services.core import messages as msg
from app.services.core.context import SYSTEM
from app.services.requests.dto import InboxFilter
from app.views.attachments import words
from app.views.attachments.attachments_box import AttachmentsBox
from app.views.inbox.request_detail import RequestDetailPane
from tests.attachments.samples import broken_png, docx_bytes, pdf_bytes, png_bytes
from tests.support import helpers
from tests.support.waits import WAIT_MS, background_idle


@pytest.fixture
def pane(qtbot, gui_services, operator):  # noqa: ANN001, ANN201
    """The request detail pane showing one request, on screen."""
    p = RequestDetailPane()
    qtbot.addWidget(p)
    p.set_context(gui_services, operator)
    rows = gui_services.inbox.page(InboxFilter(), 0, 50).rows  # one the demo left without files
    rid = next(r.id for r in rows if not gui_services.attachments.list(Owner(REQUEST, r.id)))
    box: AttachmentsBox = p.attachments
    with qtbot.waitSignal(box.loaded, timeout=WAIT_MS):
        p.load(rid)
    p.resize(700, 760)
    p.show()
    qtbot.waitExposed(p)
    return p


def _drop(target, paths: list[str], urls: list[QUrl] | None = None) -> QDropEvent:  # noqa: ANN001
    """Drag files over a widget and drop them, as the window system would."""
    mime = QMimeData()
    mime.setUrls(urls if urls is not None else [QUrl.fromLocalFile(p) for p in paths])
    where = QPoint(target.width() // 2, 40)
    enter = QDragEnterEvent(where, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(where), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    return drop


def _files(tmp_path: Path) -> dict[str, Path]:
    out = {"pdf": tmp_path / "نامهٔ شرکت آب.pdf", "png": tmp_path / "عکس محل.png",
           "empty": tmp_path / "خالی.pdf", "cut": tmp_path / "نیمه.pdf"}
    out["pdf"].write_bytes(pdf_bytes(2))
    out["png"].write_bytes(png_bytes(60, 40))
    out["empty"].write_bytes(b"")
    out["cut"].write_bytes(pdf_bytes(3)[:-400])
    return out


def test_files_dropped_on_the_pane_are_attached_with_clear_messages(qtbot, pane, gui_services,
                                                                    tmp_path) -> None:
    box: AttachmentsBox = pane.attachments
    f = _files(tmp_path)
    owner = box.owner
    # Dropped on the pane's top (its code line), not on the section itself.
    with qtbot.waitSignals([box.attached, box.attached], timeout=WAIT_MS):
        drop = _drop(pane, [str(f["pdf"]), str(f["png"])])
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: box.model.rowCount() == 2 and background_idle(), timeout=WAIT_MS)
    kinds = [box.model.rows[i].kind for i in range(2)]
    assert kinds == [PDF, IMAGE]
    assert [a.name for a in gui_services.attachments.list(owner)] == [
        "نامهٔ شرکت آب.pdf", "عکس محل.png"]
    assert box.message.text() == words.attached("عکس محل.png")
    assert not box.progress.isVisible()
    # The full SHA-256 of the selected one is shown, left to right.
    assert box.selected().name == "عکس محل.png"
    assert box.sha.text() == box.selected().sha256 and box.sha.isReadOnly()
    assert box.sha.layoutDirection() == Qt.LayoutDirection.LeftToRight
    # An empty file, a damaged PDF and a web address: each says why, nothing is stored.
    for path, expected in ((f["empty"], msg.ATTACHMENT_EMPTY),
                           (f["cut"], msg.attachment_damaged("PDF"))):
        with qtbot.waitSignal(box.said, timeout=WAIT_MS) as said:
            _drop(pane, [str(path)])
        assert said.args[0] == expected and box.message.property("role") == "error"
        qtbot.waitUntil(background_idle, timeout=WAIT_MS)
    # A file gone before it was read (a scanner's temporary file) and a folder.
    with qtbot.waitSignal(box.said, timeout=WAIT_MS) as said:
        _drop(pane, [str(tmp_path / "رفته.pdf")])
    assert "رفته.pdf" in said.args[0] and "پیدا نشد" in said.args[0]
    qtbot.waitUntil(background_idle, timeout=WAIT_MS)
    with qtbot.waitSignal(box.said, timeout=WAIT_MS) as said:
        _drop(pane, [str(tmp_path)])
    assert said.args[0] == msg.ATTACHMENT_IS_FOLDER
    qtbot.waitUntil(background_idle, timeout=WAIT_MS)
    with qtbot.waitSignal(box.said, timeout=WAIT_MS) as said:
        _drop(pane, [], urls=[QUrl("https://example.org/letter.pdf")])
    assert said.args[0] == words.NOT_LOCAL
    assert len(gui_services.attachments.list(owner)) == 2
    # The request's history shows the two attachments.
    qtbot.waitUntil(lambda: sum("افزودن پیوست" in pane.history.item(i).text()
                                for i in range(pane.history.count())) == 2, timeout=WAIT_MS)


def test_an_oversized_file_and_a_hostile_name(qtbot, pane, gui_services, tmp_path) -> None:
    box: AttachmentsBox = pane.attachments
    gui_services.office.save(SYSTEM, {"attachment_max_mb": "1"})
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024) + b"\n%%EOF\n")
    with qtbot.waitSignal(box.said, timeout=WAIT_MS) as said:
        _drop(box, [str(big)])
    assert said.args[0] == msg.attachment_too_large("۲٫۰", 1)
    qtbot.waitUntil(background_idle, timeout=WAIT_MS)
    hostile = tmp_path / ("قبض\u202egnp.exe" + "ب" * 110)  # 236 bytes: Linux keeps 255
    hostile.write_bytes(png_bytes(9, 9))
    with qtbot.waitSignal(box.attached, timeout=WAIT_MS) as done:
        _drop(box, [str(hostile)])
    info = done.args[0]
    assert "\u202e" not in info.name and len(info.name.encode()) <= 200
    assert words.renamed(info.given_name, info.name) in box.message.text()


def test_the_scan_shortcut_asks_then_attaches_the_newest_file(qtbot, pane, gui_services,
                                                               tmp_path, monkeypatch) -> None:
    box: AttachmentsBox = pane.attachments
    with qtbot.waitSignal(box.said, timeout=WAIT_MS) as said:
        box.attach_newest_scan()
    assert said.args[0] == msg.SCAN_FOLDER_NOT_SET
    folder = tmp_path / "scanner"
    folder.mkdir()
    older, newest = folder / "old.pdf", folder / "scan 0042.pdf"
    older.write_bytes(pdf_bytes(1))
    newest.write_bytes(pdf_bytes(4))
    os.utime(older, (1_700_000_000, 1_700_000_000))
    gui_services.office.save(SYSTEM, {"scan_folder": str(folder)})
    asked: list[str] = []

    def answer(_parent, _title, text, *_a, **_k):  # noqa: ANN001, ANN202
        asked.append(str(text))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    pane.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is pane, timeout=WAIT_MS)
    with qtbot.waitSignal(box.attached, timeout=WAIT_MS) as done:
        qtbot.keyClick(pane.history, Qt.Key.Key_S,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert done.args[0].name == "scan 0042.pdf" and len(asked) == 1
    assert "scan 0042.pdf" in asked[0]
    # The same entry is in the pane's «more actions» menu; answering No attaches nothing.
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.No)
    entry = next(a for a in pane.more_menu.actions() if a.text() == words.SCAN_MENU)
    entry.trigger()
    qtbot.waitUntil(background_idle, timeout=WAIT_MS)
    assert len(gui_services.attachments.list(box.owner)) == 1


def test_preview_of_a_pdf_a_png_and_a_damaged_picture(qtbot, pane, gui_services, operator,
                                                      tmp_path) -> None:
    box: AttachmentsBox = pane.attachments
    att = gui_services.attachments
    pdf = att.add(operator, box.owner, "نامه.pdf", pdf_bytes(3))
    png = att.add(operator, box.owner, "عکس.png", png_bytes(80, 50))
    bad = att.add(operator, box.owner, "خراب.png", broken_png())
    with qtbot.waitSignal(box.loaded, timeout=WAIT_MS):
        box.reload()

    def preview(info):  # noqa: ANN001, ANN202
        assert box.select(info.id)
        with qtbot.waitSignal(box.preview_opened, timeout=WAIT_MS) as opened:
            box.preview_selected()
        return opened.args[0]

    d = preview(pdf)
    assert not d.failed and d.document.pageCount() == 3
    assert d.stack.currentWidget() is d.pdf_view and d.pages.text() == "صفحهٔ ۱ از ۳"
    d.grab().save(str(tmp_path / "pdf-preview.png"))
    d = preview(png)
    assert not d.failed and d.image.size().width() == 80
    assert not d.picture.pixmap().isNull()
    d = preview(bad)
    assert d.failed and d.failure.text() == words.PREVIEW_FAILED
    assert QImage(str(tmp_path / "pdf-preview.png")).width() > 100
    d.close()


def test_save_a_copy_and_remove_with_a_reason(qtbot, pane, gui_services, operator, tmp_path,
                                              monkeypatch) -> None:
    from app.views.referrals.reason_dialog import ReasonDialog

    box: AttachmentsBox = pane.attachments
    a = gui_services.attachments.add(operator, box.owner, "گزارش.docx", docx_bytes())
    with qtbot.waitSignal(box.loaded, timeout=WAIT_MS):
        box.reload()
    assert box.select(a.id)
    with qtbot.waitSignal(box.said, timeout=WAIT_MS) as said:
        box.preview_selected()  # not a picture nor a PDF: never opened
    assert said.args[0] == words.NOT_PREVIEWABLE
    target = tmp_path / "out" / a.save_name
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    with qtbot.waitSignal(box.said, timeout=WAIT_MS) as said:
        box.save_selected()
    assert said.args[0] == words.saved(str(target)) and target.read_bytes()[:2] == b"PK"

    def run_dialog(dialog: ReasonDialog) -> int:
        dialog.text.setPlainText("پیوست اشتباهی")
        dialog.submit()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
        return 1

    monkeypatch.setattr(ReasonDialog, "exec", run_dialog)
    with qtbot.waitSignal(box.removed, timeout=WAIT_MS) as removed:
        box.remove_selected()
    assert removed.args[0].removed_reason == "پیوست اشتباهی"
    qtbot.waitUntil(lambda: box.model.rowCount() == 0, timeout=WAIT_MS)  # hidden by default
    box.show_removed.setChecked(True)
    assert box.model.rowCount() == 1 and box.model.rows[0].removed
    assert words.REMOVED_MARK in box.model.data(box.model.index(0, 0))


def test_an_inspector_sees_but_cannot_add_or_remove(qtbot, gui_services, operator) -> None:
    inspector = helpers.make_actor(gui_services, "inspector_t", Role.INSPECTOR)
    rid = gui_services.inbox.page(InboxFilter(), 0, 1).rows[0].id
    gui_services.attachments.add(operator, Owner(REQUEST, rid), "a.png", png_bytes())
    box = AttachmentsBox()
    qtbot.addWidget(box)
    box.set_context(gui_services, inspector)
    with qtbot.waitSignal(box.loaded, timeout=WAIT_MS):
        box.show_owner(Owner(REQUEST, rid))
    box.select(box.model.rows[0].id)
    assert box.buttons["preview"].isEnabled() and box.buttons["save"].isEnabled()
    assert box.buttons["add"].isHidden() and box.buttons["remove"].isHidden()
    assert not box.writable
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile("/tmp/x.pdf")])
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(box, enter)
    assert not enter.isAccepted()  # an inspector's drop is not taken


def test_the_same_box_on_a_referral_and_on_a_meeting(qtbot, gui_services, operator,
                                                     tmp_path) -> None:
    from app.services.referrals.dto import TrackerFilter
    from app.views.calendar import minutes_attachments
    from app.views.referrals.referral_pane import ReferralPane

    ref = gui_services.tracker.page(TrackerFilter(), 0, 1).rows[0]
    rpane = ReferralPane()
    qtbot.addWidget(rpane)
    rpane.set_context(gui_services, operator)
    box: AttachmentsBox = rpane.attachments
    with qtbot.waitSignal(box.loaded, timeout=WAIT_MS):
        rpane.load(ref.id)
    assert box.owner == Owner(REFERRAL, ref.id)
    before = len(gui_services.attachments.list(Owner(REFERRAL, ref.id)))  # demo letters too
    letter = tmp_path / "پاسخ.pdf"
    letter.write_bytes(pdf_bytes(2))
    with qtbot.waitSignal(box.attached, timeout=WAIT_MS):
        _drop(box, [str(letter)])
    names = [a.name for a in gui_services.attachments.list(Owner(REFERRAL, ref.id))]
    assert len(names) == before + 1 and names[-1] == "پاسخ.pdf"
    meeting_id = next(iter(_a_meeting(gui_services)))
    dialog = minutes_attachments.MinutesAttachmentsDialog(gui_services, operator, meeting_id)
    qtbot.addWidget(dialog)
    assert dialog.box.owner == Owner(MEETING, meeting_id)
    held = len(gui_services.attachments.list(Owner(MEETING, meeting_id)))
    minutes = tmp_path / "صورتجلسه.png"
    minutes.write_bytes(png_bytes(30, 30))
    qtbot.waitUntil(background_idle, timeout=WAIT_MS)
    with qtbot.waitSignal(dialog.box.attached, timeout=WAIT_MS):
        _drop(dialog.box, [str(minutes)])
    kinds = [a.kind for a in gui_services.attachments.list(Owner(MEETING, meeting_id))]
    assert len(kinds) == held + 1 and kinds[-1] == IMAGE


def _a_meeting(services) -> list[int]:  # noqa: ANN001
    from sqlalchemy import select

    from app.models import Meeting

    with services.db.read() as s:
        return list(s.scalars(select(Meeting.id).order_by(Meeting.id).limit(1)))


def test_the_pane_follows_files_added_and_removed_elsewhere(qtbot, pane, gui_services, operator,
                                                           tmp_path) -> None:
    """Another page's box adds a file to the shown request, a write elsewhere removes it."""
    from app.views import background
    from app.views.attachments.attachments_box import owner_changes

    box: AttachmentsBox = pane.attachments
    elsewhere = AttachmentsBox()  # the same request's box on another page
    qtbot.addWidget(elsewhere)
    elsewhere.set_context(gui_services, operator)
    with qtbot.waitSignal(elsewhere.loaded, timeout=WAIT_MS):
        elsewhere.show_owner(box.owner)
    path = tmp_path / "نامهٔ رسیده.pdf"
    path.write_bytes(pdf_bytes(1))
    with qtbot.waitSignal(elsewhere.attached, timeout=WAIT_MS):
        elsewhere.add_paths([str(path)])
    qtbot.waitUntil(lambda: box.model.rowCount() == 1, timeout=WAIT_MS)
    added = box.model.rows[0]
    assert added.name == elsewhere.model.rows[0].name
    svc = gui_services.attachments
    background.write(None, lambda: svc.remove(operator, added.id, added.version, "تکراری"),
                     changes=lambda info: owner_changes(info.owner))
    qtbot.waitUntil(lambda: box.model.rowCount() == 0 and background_idle(), timeout=WAIT_MS)
    box.show_removed.setChecked(True)
    assert box.model.rowCount() == 1 and box.model.rows[0].removed
