"""The meeting-day window: a walk-in in seconds, the issue in the inbox, the slip, the minutes."""

from __future__ import annotations

import shutil
import subprocess
from datetime import time

import pytest
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QDialog
from sqlalchemy import func, select

from app.models import Citizen, Request
from app.models.enums import Channel, MeetingKind
from app.services.core import jalali, persian
from app.services.core.context import SYSTEM
from app.services.core.reference import agencies
from app.services.meetings.meeting_day import MeetingDayService
from app.services.meetings.slip_pdf import write_slip_pdf
from app.services.requests.dto import InboxFilter
from app.views.calendar.close_meeting_dialog import CloseMeetingDialog
from app.views.calendar.issue_dialog import IssueDialog
from app.views.calendar.meeting_day_dialog import MeetingDayDialog
from tests.support.waits import WAIT_MS


@pytest.fixture
def dialog(qtbot, gui_services, operator, monkeypatch):  # noqa: ANN001, ANN201
    """Today's one-off meeting of a new manager, open in the meeting-day window."""
    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    ags = agencies(gui_services.db)
    mid = gui_services.meetings.add_manager(SYSTEM, "مدیر روز", "مدیرکل", ags[2].id)
    meeting = gui_services.meetings.create_meeting(operator, mid, jalali.tehran_today(), time(0),
                                                   time(23, 59), kind=MeetingKind.ONE_OFF)
    d = MeetingDayDialog(gui_services.meetings, MeetingDayService(gui_services.db), operator,
                         meeting.id, ags)
    qtbot.addWidget(d)
    qtbot.waitSignal(d.loaded, timeout=WAIT_MS).wait()
    return d


def _known_citizen(services) -> tuple[str, str, int]:  # noqa: ANN001
    """A demo citizen with at least two requests: (national ID, last name, request count)."""
    with services.db.read() as s:
        n = func.count(Request.id)
        row = s.execute(select(Citizen.national_id, Citizen.last_name, n)
                        .join(Request, Request.citizen_id == Citizen.id)
                        .group_by(Citizen.id).having(n >= 2).limit(1)).one()
    return row[0], row[1], row[2]


def test_walk_in_of_a_known_citizen_and_their_issue_in_the_inbox(qtbot, dialog, gui_services,
                                                                  operator) -> None:
    """National ID first: the name fills in with earlier requests; the issue reaches the inbox."""
    nid, last, count = _known_citizen(gui_services)
    form = dialog.form
    form.national_id.setText(persian.to_persian_digits(nid))
    form.national_id.editingFinished.emit()
    qtbot.waitUntil(lambda: form.last_name.text() == last, timeout=WAIT_MS)
    assert persian.to_persian_digits(count) in form.known.text()
    assert form.earlier.count() == min(count, 10)
    form.topic.setText("ترمیم آسفالت کوچهٔ گلستان")
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS) as loaded:
        form.submit()
    (a,) = loaded.args[0].attendees
    assert (a.queue_no, a.last_name, a.pre_registered, a.received) == (1, last, False, False)
    assert form.national_id.text() == "" and dialog.table.currentIndex().row() == 0
    dialog.raise_issue()  # exec is patched: the dialog is built and left open
    issue = dialog.issue_dialog
    assert isinstance(issue, IssueDialog)
    assert issue.subject.text() == "ترمیم آسفالت کوچهٔ گلستان"
    from app.views.widgets.text_edit import PersianTextEdit

    assert isinstance(issue.body, PersianTextEdit) and isinstance(issue.directive_text,
                                                                 PersianTextEdit)
    issue.directive.setChecked(True)
    issue.directive_text.setPlainText("بررسی میدانی و اقدام تا پایان ماه")
    from app.views.framework.bus import bus

    with qtbot.waitSignals([bus().requests_changed, bus().referrals_changed],
                           timeout=WAIT_MS):
        with qtbot.waitSignal(issue.raised, timeout=WAIT_MS) as raised:
            issue.submit()
    result = raised.args[0]
    assert issue.is_done() and result.directive is not None
    page = gui_services.inbox.page(InboxFilter(channel=Channel.MEETING, text="کوچهٔ گلستان"), 0, 5)
    assert [r.tracking_code for r in page.rows] == [result.tracking_code]
    req = gui_services.requests.get(result.request_id)
    assert req.meeting_id == dialog.meeting_id and req.referrals[0].directive
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS) as loaded:
        dialog.reload()
    (a,) = loaded.args[0].attendees
    assert a.received and a.issues[0].tracking_code == result.tracking_code


def test_invalid_national_id_is_named_and_nothing_typed_is_lost(qtbot, dialog) -> None:
    """A wrong check digit: a Persian message beside the field; the form keeps every field."""
    form = dialog.form
    form.national_id.setText("1234567890")
    form.last_name.setText("رضایی")
    form.topic.setText("آب شرب")
    form.submit()
    label = form.errors.labels["citizen.national_id"]
    qtbot.waitUntil(lambda: bool(label.text()), timeout=WAIT_MS)
    assert "کد ملی نامعتبر" in label.text()
    assert (form.national_id.text(), form.last_name.text(), form.topic.text()) == (
        "1234567890", "رضایی", "آب شرب")
    assert dialog.model.rowCount() == 0


def test_slip_prints_and_saves_with_the_tracking_code(qtbot, dialog, gui_services, operator,
                                                      monkeypatch, tmp_path) -> None:
    """The slip goes to the print dialog; as a PDF it carries the tracking code."""
    from app.services.requests.dto import CitizenInput
    from tests.support.helpers import valid_nid

    days = dialog.days
    att = days.add_walk_in(operator, dialog.meeting_id,
                           CitizenInput(national_id=valid_nid("444555666"), last_name="نوری"))
    res = days.raise_issue(operator, att.id, "روشنایی معبر")
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    with qtbot.waitSignal(dialog.slip_ready, timeout=WAIT_MS) as ready:
        dialog.print_slip(res.request_id)
    slip = ready.args[0]
    assert slip.tracking_code == res.tracking_code and slip.queue_no == att.queue_no
    pdf = tmp_path / "slip.pdf"
    write_slip_pdf(slip, pdf)
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert res.tracking_code in persian.to_latin_digits(text)


def test_closing_the_meeting_with_minutes(qtbot, dialog, operator) -> None:
    """The minutes form counts the received citizens and closes the meeting."""
    from app.services.requests.dto import CitizenInput
    from tests.support.helpers import valid_nid

    a = dialog.days.add_walk_in(operator, dialog.meeting_id,
                                CitizenInput(national_id=valid_nid("777888999"), last_name="کاظمی"),
                                received=True)
    assert a.received
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.reload()
    close = CloseMeetingDialog(dialog.meetings, operator, dialog.current.meeting,
                               dialog.current.received_count, dialog.agencies, dialog)
    qtbot.addWidget(close)
    assert close.citizens.value() == 1
    from app.views.widgets.text_edit import PersianTextEdit

    assert isinstance(close.minutes, PersianTextEdit) and isinstance(close.actions,
                                                                     PersianTextEdit)
    close.submit()
    qtbot.waitUntil(lambda: "minutes" in close.errors.visible(), timeout=WAIT_MS)
    close.minutes.setPlainText("دیدار با حضور نمایندهٔ دستگاه برگزار شد.")
    close.agencies.item(0).setCheckState(close.agencies.item(0).checkState().Checked)
    with qtbot.waitSignal(close.closed, timeout=WAIT_MS) as closed:
        close.submit()
    assert closed.args[0].status == "held"
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS) as loaded:
        dialog.reload()
    m = loaded.args[0].meeting
    assert (m.citizens_received, m.agencies_present) == (1, dialog.agencies[0].name)
    assert not dialog.form_box.isEnabled()
