"""Citizen text is never markup: hostile HTML in every field shows literally in every widget.

Every text a person typed (citizen, subject, body, address, answers, notes, names, file names)
holds `<b>x</b> <img src="file:///etc/passwd">`. The pages and dialogs are opened on that data
and every label, tooltip, model tooltip and message box is rendered the way Qt would render it:
the hostile text must come out as the characters typed, never as bold text and an image.
"""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QItemSelectionModel
from PySide6.QtGui import Qt, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QWidget,
)

from app.models.enums import AnswerGrade, Channel, MeetingKind, RequestType, Role
from app.models.reference import Agency
from app.services.core import jalali
from app.services.core.context import SYSTEM
from app.services.core.reference import agencies, counties
from app.services.core.users import actor_of
from app.services.meetings.dto import DirectiveInput
from app.services.requests.dto import CitizenInput, NewRequest
from tests.requests.test_import import HEADERS, row, write_csv
from tests.support.helpers import valid_nid

HOSTILE = '<b>x</b> <img src="file:///etc/passwd">'
# A file name cannot hold "/": the same attack without it.
HOSTILE_FILE = '<b>x <img src="x">.csv'
NID = valid_nid("246813579")


def shown(text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What Qt draws for `text` in a widget of this text format (tooltips are AutoText)."""
    rich = fmt == Qt.TextFormat.RichText or (fmt == Qt.TextFormat.AutoText
                                             and Qt.mightBeRichText(text))
    if not rich:
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


class Walk:
    """Collects every place the hostile text reached and every place it became markup."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.markup: list[str] = []

    def check(self, text: object, where: str,
              fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> None:
        """The hostile text, if present, must render as the characters typed."""
        if not isinstance(text, str) or "img src" not in text:
            return
        self.seen.append(where)
        out = shown(text, fmt)
        if "<b>x" not in out or "<img src" not in out:
            self.markup.append(f"{where}: {text!r}")

    def widget(self, root: QWidget) -> Walk:
        """Every label, tooltip and item model under a widget (the widget included)."""
        for w in [root, *root.findChildren(QWidget)]:
            name = f"{type(w).__name__}({w.objectName()})"
            if isinstance(w, QLabel):
                self.check(w.text(), f"label {name}", w.textFormat())
            self.check(w.toolTip(), f"tooltip of {name}")
            if isinstance(w, QAbstractItemView) and w.model() is not None:
                self.model(w.model(), name)
        return self

    def model(self, model: QAbstractItemModel, name: str) -> None:
        """Tooltips of the loaded rows and of the headers."""
        tip = Qt.ItemDataRole.ToolTipRole
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
        for section in range(columns):
            self.check(model.headerData(section, Qt.Orientation.Horizontal, tip),
                       f"header tooltip of {name}")
        for r in range(min(model.rowCount(), 300)):
            for c in range(columns):
                index = model.index(r, c)
                # DisplayRole is drawn as plain text by the delegates: it only proves coverage.
                text = model.data(index, Qt.ItemDataRole.DisplayRole)
                if isinstance(text, str) and "img src" in text:
                    self.seen.append(f"cell of {name}")
                self.check(model.data(index, tip), f"cell tooltip of {name} [{r}, {c}]")

    def assert_literal(self, *must_reach: str) -> None:
        """No markup anywhere; and the hostile text did reach the named places."""
        assert self.markup == []
        for where in must_reach:
            assert any(where in s for s in self.seen), (where, self.seen)


@pytest.fixture
def boxes(monkeypatch) -> Walk:  # noqa: ANN001
    """Message and input boxes do not block; what they would show is checked."""
    walk = Walk()

    def box(kind: str, answer: object):  # noqa: ANN202
        def show(_parent, _title, text, *_a, **_k):  # noqa: ANN001, ANN202
            walk.check(text, f"QMessageBox.{kind}")
            return answer
        return show

    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, box(kind, QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", box("question", QMessageBox.StandardButton.No))

    def ask(_parent, _title, label, *_a, **_k):  # noqa: ANN001, ANN202
        walk.check(label, "QInputDialog")
        return "", False

    monkeypatch.setattr(QInputDialog, "getText", ask)
    monkeypatch.setattr(QInputDialog, "getItem", ask)
    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    return walk


@pytest.fixture
def hostile(gui_services):  # noqa: ANN001, ANN201
    """A world of hostile text: an agency, a user, a citizen, a request, its referral, a review,
    a manager and a meeting with a citizen in the queue."""
    sv = gui_services
    with sv.db.write() as s:  # agencies are reference data: no service edits their names
        agency = Agency(name=HOSTILE, answer_days=5)
        s.add(agency)
        s.flush()
        agency_id = agency.id
    admin = actor_of(sv.users.add(SYSTEM, HOSTILE, "secret-1", Role.ADMIN,
                                    HOSTILE))
    county = counties(sv.db)[0].id
    citizen = CitizenInput(national_id=NID, first_name=HOSTILE, last_name=HOSTILE,
                           mobile="09121234567", county_id=county, address=HOSTILE)
    today = jalali.tehran_today()
    received = jalali.utc_now() - timedelta(days=40)
    detail = sv.requests.register(admin, NewRequest(
        channel=Channel.WALK_IN, type=RequestType.COMPLAINT, subject=HOSTILE, body=HOSTILE,
        county_id=county, agency_id=agency_id, received_at=received, citizen=citizen))
    # Overdue and escalated: it shows in the tracker's overdue list and the review queue.
    ref = sv.referrals.refer(admin, detail.id, detail.version, agency_id, "12/34",
                             today - timedelta(days=30), working_days=3)
    ref = sv.referrals.record_response(admin, ref.id, ref.version, HOSTILE, today,
                                       grade=AnswerGrade.INADEQUATE)
    sv.referrals.add_follow_up(admin, ref.id, "phone", today, HOSTILE)
    sv.referrals.escalate(admin, ref.id, ref.version, HOSTILE)
    sv.reviews.record(admin, detail.id, ref.id, "escalated", "needs_correction", HOSTILE)
    manager = sv.meetings.add_manager(SYSTEM, HOSTILE, HOSTILE, agency_id)
    meeting = sv.meetings.create_meeting(admin, manager, today, time(0), time(23, 59),
                                         kind=MeetingKind.ONE_OFF)
    attendee = sv.meeting_day.add_walk_in(admin, meeting.id, citizen, topic=HOSTILE)
    sv.meeting_day.raise_issue(admin, attendee.id, HOSTILE, HOSTILE, agency_id=agency_id,
                               directive=DirectiveInput(HOSTILE, agency_id,
                                                        today + timedelta(days=20)))
    return {"actor": admin, "agency_id": agency_id, "request_id": detail.id,
            "referral_id": ref.id, "meeting_id": meeting.id}


def test_inbox_detail_pane_and_export_message(qtbot, gui_services, hostile, boxes,
                                              tmp_path, monkeypatch) -> None:
    """The inbox row, the detail pane and a failed export's message box show the text as typed."""
    from PySide6.QtWidgets import QFileDialog

    from app.views.inbox.inbox_page import InboxPage

    page = InboxPage()
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.model.loaded, timeout=20000):
        page.set_context(gui_services, hostile["actor"])
    page.detail.load(hostile["request_id"])
    qtbot.waitUntil(lambda: page.detail.detail is not None
                    and page.detail.detail.id == hostile["request_id"], timeout=20000)
    # An export into a folder that does not exist: the OS error names the path.
    target = str(tmp_path / HOSTILE / "out.xlsx")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (target, ""))
    page.export_excel()
    qtbot.waitUntil(lambda: page.export_button.isEnabled(), timeout=20000)
    boxes.widget(page).assert_literal("label", "cell of", "QMessageBox.warning")


def test_intake_earlier_visitor_label(qtbot, gui_services, hostile, boxes) -> None:
    """The intake form names an earlier visitor by the name they gave, literally."""
    from app.views.inbox.intake_dialog import IntakeDialog

    db = gui_services.db
    d = IntakeDialog(gui_services, hostile["actor"], counties(db), agencies(db))
    qtbot.addWidget(d)
    d.national_id.setText(NID)
    d.national_id.editingFinished.emit()
    qtbot.waitUntil(lambda: "img" in d.known.text(), timeout=20000)
    boxes.widget(d).assert_literal("label QLabel")


def test_referral_tracker_tooltip_pane_and_dialogs(qtbot, gui_services, hostile, boxes) -> None:
    """The tracker's row tooltip, its pane and the answer and letter dialogs."""
    from app.views.referrals.answer_dialog import AnswerDialog
    from app.views.referrals.referrals_page import ReferralsPage
    from app.views.referrals.reminder_dialog import ReminderDialog

    page = ReferralsPage()
    qtbot.addWidget(page)
    view = page.tracker
    with qtbot.waitSignal(view.model.loaded, timeout=20000):
        page.set_context(gui_services, hostile["actor"])
    qtbot.waitUntil(lambda: view.filters.agency.findData(hostile["agency_id"]) >= 0,
                    timeout=20000)
    with qtbot.waitSignal(view.model.loaded, timeout=20000):
        view.show_agency_overdue(hostile["agency_id"])
    assert view.model.total == 1
    view.pane.load(hostile["referral_id"])
    qtbot.waitUntil(lambda: view.pane.dossier is not None, timeout=20000)
    dossier = view.pane.dossier
    boxes.widget(page).assert_literal("cell tooltip of QTableView", "label")
    answer = AnswerDialog(gui_services.referrals, gui_services.tracker, hostile["actor"], dossier)
    qtbot.addWidget(answer)
    letter = ReminderDialog(gui_services.reminders, gui_services.referrals, hostile["actor"],
                            dossier)
    qtbot.addWidget(letter)
    qtbot.waitUntil(lambda: bool(letter.text.toPlainText()), timeout=20000)
    Walk().widget(answer).widget(letter).assert_literal("label")


def test_review_page(qtbot, gui_services, hostile, boxes) -> None:
    """The inspectors' queue and the case pane (notes, answers, reviewer names)."""
    from app.models.review import ReviewReason
    from app.views.review.review_page import ReviewPage

    page = ReviewPage()
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.model.loaded, timeout=20000):
        page.set_context(gui_services, hostile["actor"])
    if page.queue.reason.currentData() != ReviewReason.ESCALATED:
        with qtbot.waitSignal(page.model.loaded, timeout=20000):
            page.queue.set_reason(ReviewReason.ESCALATED)
    page.pane.load(hostile["request_id"], hostile["referral_id"], ReviewReason.ESCALATED)
    qtbot.waitUntil(lambda: page.pane.dossier is not None, timeout=20000)
    boxes.widget(page).assert_literal("cell tooltip of QTableView", "label")


def test_calendar_and_meeting_day(qtbot, gui_services, hostile, boxes) -> None:
    """The month's chips and tooltips, the day panel and the meeting-day window."""
    from app.views.calendar.calendar_page import CalendarPage

    page = CalendarPage()
    page.resize(1300, 850)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.range_loaded, timeout=20000):
        page.set_context(gui_services, hostile["actor"])
    page.selected_day = None
    page._day_clicked(jalali.tehran_today())  # noqa: SLF001
    qtbot.waitUntil(lambda: page.day_panel.model.rowCount() > 0, timeout=20000)
    dialog = page.meeting_day_dialog(hostile["meeting_id"])
    qtbot.waitUntil(lambda: dialog.current is not None, timeout=20000)
    boxes.widget(page).widget(dialog).assert_literal("cell tooltip of MonthView",
                                                 "cell tooltip of QTableView", "label")


def test_main_window_status_bar_and_users(qtbot, gui_services, hostile, boxes) -> None:
    """The user's name in the status bar, the accounts dialog's question and the idle lock."""
    from app.views.admin.users_dialog import UsersDialog
    from app.views.main_window import MainWindow
    from app.views.session_lock import SessionLock
    from app.views.table_models.users_model import ROW_ROLE

    window = MainWindow()
    qtbot.addWidget(window)
    window.show_user(hostile["actor"].full_name)
    window.show_database(str(Path("/tmp") / HOSTILE), True)
    d = UsersDialog(gui_services, hostile["actor"])
    qtbot.addWidget(d)

    def hostile_row() -> int:
        names = [d.model.data(d.model.index(r, 0), ROW_ROLE).username
                 for r in range(d.model.rowCount())]
        return names.index(HOSTILE) if HOSTILE in names else -1

    qtbot.waitUntil(lambda: hostile_row() >= 0, timeout=20000)
    d.table.selectionModel().select(
        d.model.index(hostile_row(), 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    assert d.selected() is not None and d.selected().username == HOSTILE
    d.reset_password()
    boxes.widget(window).widget(d).assert_literal("label QLabel", "QInputDialog")
    # The idle lock names the user who may unlock the window.
    lock = SessionLock(window, gui_services.users, hostile["actor"].username)
    lock.lock()
    assert lock.overlay is not None and lock.dialog is not None
    Walk().widget(lock.overlay).widget(lock.dialog).assert_literal("label QLabel")


def test_import_dialog_file_name_and_unknown_headers(qtbot, gui_services, hostile, boxes,
                                                     tmp_path) -> None:
    """A hostile file name, unknown header, county and agency are named literally."""
    from app.views.inbox.import_dialog import ImportDialog

    db = gui_services.db
    path = write_csv(tmp_path / HOSTILE_FILE,
                     [[*row("S-1", county=HOSTILE, agency=HOSTILE + "!"), HOSTILE]],
                     headers=[*HEADERS, HOSTILE])
    d = ImportDialog(gui_services, hostile["actor"], counties(db), agencies(db))
    qtbot.addWidget(d)
    with qtbot.waitSignal(d.previewed, timeout=20000):
        d.set_file(path)
    assert HOSTILE in d.header_boxes and HOSTILE in d.name_boxes
    walk = Walk().widget(d)
    # A file that cannot be read is named in the summary.
    bad = tmp_path / HOSTILE_FILE.replace(".csv", "-bad.csv")
    bad.write_bytes(b"%PDF-1.4\x00\x01\x02garbage")
    with qtbot.waitSignal(d.failed, timeout=20000):
        d.set_file(bad)
    walk.widget(d).assert_literal("label QLabel", "label QLabel()")


def test_every_message_box_in_the_views_escapes_its_text() -> None:
    """A message or input box's text is a fixed string or goes through literal_html.

    Qt guesses rich text for these boxes; a new box showing an error or a file name would
    otherwise bring the markup back.
    """
    import ast

    views = Path(__file__).resolve().parents[2] / "app" / "views"
    boxes = {"warning", "critical", "information", "question", "about", "getText", "getItem",
             "getInt", "getDouble", "getMultiLineText"}
    bare: list[str] = []
    for path in views.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in boxes and isinstance(node.func.value, ast.Name)
                    and node.func.value.id in ("QMessageBox", "QInputDialog")
                    and len(node.args) >= 3):
                continue
            text = node.args[2]
            fixed = isinstance(text, ast.Constant)
            escaped = (isinstance(text, ast.Call) and isinstance(text.func, ast.Name)
                       and text.func.id == "literal_html")
            if not (fixed or escaped):
                bare.append(f"{path.relative_to(views)}:{node.lineno}")
    assert bare == []
