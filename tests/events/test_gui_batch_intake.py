"""The batch intake grid by keyboard: Enter moves on, a bad national ID is marked as its cell is
left, a complete row is saved when left and shows its code, the day's counter counts it."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from app.models.enums import Channel, EventKind
from app.services.core import jalali
from app.services.events.dto import EventInput
from app.views.inbox.batch_grid_model import COL_CODE, COL_NID, COL_SUBJECT
from app.views.inbox.batch_intake_dialog import BatchIntakeDialog
from tests.support.helpers import county_id, valid_nid
from tests.support.waits import WAIT_MS, background_idle


def _editor(qtbot) -> QLineEdit:  # noqa: ANN001
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit), timeout=WAIT_MS)
    return QApplication.focusWidget()


def _type_cell(qtbot, d: BatchIntakeDialog, text: str, latin: bool = False) -> None:  # noqa: ANN001
    """Type into the current cell as a clerk does, then press Enter."""
    if latin:
        QTest.keyClicks(d.table, text[0])  # the first key opens the editor (AnyKeyPressed)
        editor = _editor(qtbot)
        QTest.keyClicks(editor, text[1:])
    else:
        QTest.keyClick(d.table, Qt.Key.Key_F2)
        editor = _editor(qtbot)
        editor.setText(text)  # Persian keys in QTest can abort the process
    QTest.keyClick(editor, Qt.Key.Key_Return)


def _open(qtbot, services, actor):  # noqa: ANN001, ANN202
    today = jalali.tehran_today()
    services.events.create(actor, EventInput("سفر استاندار به مرند", EventKind.TRIP, today,
                                             today + timedelta(days=2),
                                             county_id(services, "مرند")))
    d = BatchIntakeDialog(services, actor)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: d.event_box.count() == 2 and background_idle(), timeout=WAIT_MS)
    d.activateWindow()
    return d


def test_keyboard_flow_saves_each_row(qtbot, gui_services, operator) -> None:
    """Two rows typed with Enter only: each saved on leaving, codes shown, counter at two."""
    d = _open(qtbot, gui_services, operator)
    assert d.table.currentIndex().row() == 0 and d.table.currentIndex().column() == COL_NID
    nid = valid_nid("001354241")
    for row, values in enumerate((
            (nid, "زهرا", "قاسم‌زاده", "09121234567", "مرند", "شرکت گاز", "گازرسانی روستا"),
            ("", "", "", "", "تبریز", "", "آسفالت خیابان"))):
        for col, value in enumerate(values):
            assert d.table.currentIndex().column() == col
            if value:
                _type_cell(qtbot, d, value, latin=col in (0, 3))
            else:
                QTest.keyClick(d.table, Qt.Key.Key_F2)
                QTest.keyClick(_editor(qtbot), Qt.Key.Key_Return)
        # After the subject Enter goes to the next row's first cell, and the row is saved.
        qtbot.waitUntil(lambda r=row: d.model.rows[r].tracking_code != "", timeout=WAIT_MS)
        assert d.table.currentIndex().row() == row + 1
        assert d.table.currentIndex().column() == COL_NID
    assert d.model.rows[0].tracking_code in d.model.data(d.model.index(0, COL_CODE))
    qtbot.waitUntil(lambda: d.counter.text() == "ثبت‌شدهٔ امروز: ۲", timeout=WAIT_MS)
    first = gui_services.requests.get(d.model.rows[0].request_id)
    assert first.channel == Channel.TRIP and first.county == "مرند"
    assert first.citizen is not None and first.citizen.national_id == nid
    # A saved row is no longer editable; the blank row waits below.
    assert not d.model.flags(d.model.index(0, COL_SUBJECT)) & Qt.ItemFlag.ItemIsEditable
    assert d.model.rows[-1].blank
    # Rows are numbered in Persian digits, like every other number on screen.
    assert d.model.headerData(1, Qt.Orientation.Vertical) == "۲"


def test_bad_national_id_marked_on_leaving_and_row_not_saved(qtbot, gui_services,
                                                            operator) -> None:
    """A wrong check digit is marked when the cell is left; the row waits until it is fixed."""
    d = _open(qtbot, gui_services, operator)
    _type_cell(qtbot, d, "1234567890", latin=True)
    assert "کد ملی" in d.model.rows[0].errors["national_id"]
    assert "کد ملی" in d.status.text()
    d.model.setData(d.model.index(0, 4), "تبریز")
    d.model.setData(d.model.index(0, COL_SUBJECT), "روشنایی معبر")
    assert not d.save_row(0)
    d.model.setData(d.model.index(0, COL_NID), valid_nid("123456789"))
    assert d.save_row(0)
    qtbot.waitUntil(lambda: d.model.rows[0].tracking_code != "", timeout=WAIT_MS)


def test_known_citizen_history_shown_beside_the_row(qtbot, gui_services, operator) -> None:
    """A national ID with earlier requests lists them beside the grid and fills the name."""
    from tests.support.helpers import register

    nid = valid_nid("987654321")
    register(gui_services, operator, nid=nid, subject="قطعی برق محله")
    d = _open(qtbot, gui_services, operator)
    _type_cell(qtbot, d, nid, latin=True)
    qtbot.waitUntil(lambda: d.history.count() == 1, timeout=WAIT_MS)
    assert "قطعی برق محله" in d.history.item(0).text()
    assert d.model.rows[0].data.first_name == "زهرا"


def test_unknown_county_refused_with_message_in_the_row(qtbot, gui_services, operator) -> None:
    """A county not in the list is refused by the service; the cell shows why."""
    d = _open(qtbot, gui_services, operator)
    d.model.setData(d.model.index(0, 4), "ناکجاآباد")
    d.model.setData(d.model.index(0, COL_SUBJECT), "موضوع")
    with qtbot.waitSignal(d.row_refused, timeout=WAIT_MS):
        d.save_row(0)
    assert "شهرستان" in d.model.data(d.model.index(0, 4), Qt.ItemDataRole.ToolTipRole)
    assert d.model.rows[0].request_id is None


def test_intake_dialog_offers_a_running_event(qtbot, gui_services, operator) -> None:
    """The single intake form shows the event field while an event runs and tags the request."""
    from sqlalchemy import select

    from app.models import Request
    from tests.support.forms import open_filled_intake

    today = jalali.tehran_today()
    event = gui_services.events.create(operator, EventInput(
        "روز ملاقات ویژه استاندار", EventKind.MEETING_DAY, today, today))
    d = open_filled_intake(qtbot, gui_services, operator)
    qtbot.waitUntil(lambda: d.event.count() == 2, timeout=WAIT_MS)
    assert d.event_row.isVisibleTo(d)
    d.event.setCurrentIndex(1)
    with qtbot.waitSignal(d.registered, timeout=WAIT_MS) as reg:
        d.submit()
    with gui_services.db.read() as s:
        assert s.scalar(select(Request.event_id).where(Request.id == reg.args[0].id)) == event.id


def test_new_event_from_the_batch_dialog(qtbot, gui_services, operator, monkeypatch) -> None:
    """«رویداد تازه…» records an event and makes it the batch's; a missing name is named."""
    from PySide6.QtWidgets import QDialog

    from app.views.inbox.event_dialog import EventDialog

    d = _open(qtbot, gui_services, operator)
    forms: list[EventDialog] = []
    monkeypatch.setattr(EventDialog, "exec", lambda self: forms.append(self) or 0)
    d.new_event()
    form = forms[0]
    today = jalali.tehran_today()
    form.starts.set_value(today)
    form.ends.set_value(today)
    form.submit()
    qtbot.waitUntil(lambda: "نام رویداد" in form.errors.labels["name"].text(), timeout=WAIT_MS)
    form.name.setText("سفر رئیس‌جمهور به تبریز")
    form.county.setCurrentIndex(form.county.findText("تبریز"))
    with qtbot.waitSignal(form.created, timeout=WAIT_MS):
        form.submit()
    assert form.result() == QDialog.DialogCode.Accepted
    assert d.event_box.currentText().startswith("سفر رئیس‌جمهور به تبریز")
    created = [e for e in gui_services.events.list() if e.name == "سفر رئیس‌جمهور به تبریز"]
    assert created and created[0].county == "تبریز"


def test_closing_with_an_unfinished_row_asks_before_it_is_dropped(
        qtbot, gui_services, operator, monkeypatch) -> None:  # noqa: ANN001
    """A row typed without its county and subject is not silently lost when the grid closes."""
    from PySide6.QtWidgets import QMessageBox

    d = _open(qtbot, gui_services, operator)
    d.model.setData(d.model.index(0, 1), "زهرا")  # a name only: not complete, not saved
    assert d.unsaved_rows() == 1
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton):  # noqa: ANN202
        def ask(_parent, _title, text, *_a, **_k):  # noqa: ANN001, ANN202
            asked.append(text)
            return button
        return ask

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    d.reject()
    assert d.isVisible() and "۱ ردیف" in asked[0]  # kept open, the row still there
    assert d.model.rows[0].data.first_name == "زهرا"
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    d.reject()
    assert not d.isVisible() and len(asked) == 2
