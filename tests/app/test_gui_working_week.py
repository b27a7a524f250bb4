"""The working-week settings screen, through its widgets, over a real SQLite file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.bootstrap import Application
from app.models.enums import Role
from app.services.core import jalali
from app.services.core.context import SYSTEM
from app.services.core.users import actor_of
from app.services.core.working_week.service import AgencyPeriodEdit, WorkingWeekChanges
from app.views.admin import words
from app.views.admin.agency_period_model import COL_DAYS
from app.views.admin.holiday_model import COL_ESTIMATED
from app.views.admin.working_week_dialog import TAB_AGENCIES, TAB_HOLIDAYS, WorkingWeekDialog
from app.views.framework.bus import bus
from tests.support.calendar_helpers import J
from tests.support.waits import WAIT_MS, background_idle

GAS = "شرکت گاز"


@pytest.fixture
def admin(gui_services):  # noqa: ANN001, ANN201
    """A signed-in administrator."""
    return actor_of(gui_services.users.add(SYSTEM, "boss", "secret-1", Role.ADMIN, "مدیر"))


def _dialog(qtbot, services, actor) -> WorkingWeekDialog:  # noqa: ANN001
    d = WorkingWeekDialog(services.working_week, actor)
    qtbot.addWidget(d)
    qtbot.waitUntil(lambda: d.week is not None, timeout=WAIT_MS)
    return d


def _save(qtbot, d: WorkingWeekDialog, ok: bool = True) -> None:  # noqa: ANN001
    with qtbot.waitSignal(d.saved if ok else d.save_failed, timeout=WAIT_MS):
        d.save_button.click()


def _row_of(d: WorkingWeekDialog, day) -> int:  # noqa: ANN001
    return next(i for i, r in enumerate(d.holidays_tab.model.rows) if r.day == day)


def _type_period(d: WorkingWeekDialog, agency: str, text: str) -> None:
    m = d.agencies_tab.model
    row = next(i for i, a in enumerate(m.agencies) if a.name == agency)
    assert m.setData(m.index(row, COL_DAYS), text)


def test_the_admin_changes_the_week_holidays_and_a_period(qtbot, gui_services, admin) -> None:
    d = _dialog(qtbot, gui_services, admin)
    boxes = d.rest_tab.boxes
    assert [b.text() for b in boxes] == list(jalali.WEEKDAY_NAMES)  # Saturday first
    assert [b.isChecked() for b in boxes] == [False] * 6 + [True]  # Friday only
    boxes[5].setChecked(True)  # Thursday
    tab = d.holidays_tab
    # add a holiday, estimated
    d.tabs.setCurrentIndex(TAB_HOLIDAYS)
    tab.day.set_value(J("1405/09/10"))
    tab.name.setText("تعطیل آزمایشی")
    tab.estimated.setChecked(True)
    tab.add_button.click()
    row = _row_of(d, J("1405/09/10"))
    assert tab.model.index(row, COL_ESTIMATED).data(Qt.ItemDataRole.CheckStateRole) \
        == Qt.CheckState.Checked
    # edit a seeded holiday: 1405/10/02, Imam Ali's birthday
    imam_ali = J("1405/10/02")
    tab.select(_row_of(d, imam_ali))
    assert tab.name.text()
    tab.name.setText("ولادت امام علی (ع) و روز پدر")
    tab.estimated.setChecked(True)
    tab.apply_button.click()
    # remove another seeded one
    fatemeh = next(r.day for r in tab.model.rows if "فاطمه" in r.name and r.day > imam_ali)
    tab.select(_row_of(d, fatemeh))
    tab.remove_button.click()
    assert all(r.day != fatemeh for r in tab.model.rows)
    # an agency's own period
    _type_period(d, GAS, "۷")
    seen: list[list] = []
    bus().settings_changed.connect(seen.append)
    _save(qtbot, d)
    assert "ذخیره شد" in d.message.text() and seen
    week = gui_services.working_week.read()
    assert week.rest_weekdays == frozenset({jalali.THURSDAY, jalali.FRIDAY})
    by_day = {h.day: h for h in week.holidays}
    assert by_day[J("1405/09/10")].name == "تعطیل آزمایشی" and by_day[J("1405/09/10")].estimated
    assert by_day[imam_ali].name == "ولادت امام علی (ع) و روز پدر" and by_day[imam_ali].estimated
    assert fatemeh not in by_day
    assert next(a for a in week.agencies if a.name == GAS).answer_days == 7
    # the screen shows what was saved (drafts gone), and the calendar counts with it
    assert not any(r.changed for r in tab.model.rows)
    cal = gui_services.reference.settings()["rest_weekdays"]
    assert cal == "3,4"
    # blank again = the office default
    _type_period(d, GAS, "")
    _save(qtbot, d)
    assert next(a for a in gui_services.working_week.read().agencies
                if a.name == GAS).answer_days is None


def test_bad_input_is_refused_in_persian_and_nothing_typed_is_lost(qtbot, gui_services,
                                                                    admin) -> None:
    d = _dialog(qtbot, gui_services, admin)
    for box in d.rest_tab.boxes:
        box.setChecked(True)
    assert d.rest_tab.warning.text() == words.NO_WORKING_DAY
    tab = d.holidays_tab
    tab.day.set_value(J("1405/09/11"))
    tab.name.setText("")  # no name
    tab.add_button.click()
    nowruz = J("1406/01/01")
    tab.day.set_value(nowruz)  # a day the table already holds
    tab.name.setText("نوروز دوباره")
    tab.add_button.click()
    _type_period(d, GAS, "-3")
    _type_period(d, "شرکت مخابرات", "۹۹۹۹")
    _type_period(d, "اداره کل بهزیستی", "ده")
    _save(qtbot, d, ok=False)
    text = d.message.text()
    assert "دست‌کم یک روز هفته باید کاری بماند" in text
    assert "نام تعطیلی ۱۴۰۵/۰۹/۱۱ را بنویسید" in text
    assert "برای ۱۴۰۶/۰۱/۰۱ پیش‌تر تعطیلی ثبت شده است" in text
    assert "مهلت پاسخ «شرکت گاز» باید بین ۱ تا ۳۶۵ روز کاری باشد" in text
    assert "مهلت پاسخ «شرکت مخابرات» باید بین ۱ تا ۳۶۵" in text
    assert "«ده»" in text
    # nothing saved, nothing typed lost, the refused rows marked
    assert gui_services.reference.settings()["rest_weekdays"] == "4"
    assert all(b.isChecked() for b in d.rest_tab.boxes)
    m = tab.model
    assert {r.name for r in m.rows if r.original is None} == {"", "نوروز دوباره"}
    assert len(m.errors) == 2
    periods = d.agencies_tab.model
    assert "-3" in periods.texts and "۹۹۹۹" in periods.texts and "ده" in periods.texts
    assert len(periods.errors) == 3
    # fixing everything saves it all
    d.rest_tab.boxes[0].setChecked(False)  # Saturday works again
    tab.select(_row_of(d, J("1405/09/11")))
    tab.name.setText("تعطیل محلی")
    tab.apply_button.click()
    tab.select(next(i for i, r in enumerate(m.rows) if r.name == "نوروز دوباره"))
    tab.remove_button.click()
    _type_period(d, GAS, "۱۲")
    _type_period(d, "شرکت مخابرات", "")
    _type_period(d, "اداره کل بهزیستی", "10")
    d.tabs.setCurrentIndex(TAB_AGENCIES)
    _save(qtbot, d)
    week = gui_services.working_week.read()
    assert len(week.rest_weekdays) == 6
    assert any(h.day == J("1405/09/11") and h.name == "تعطیل محلی" for h in week.holidays)


def test_another_desk_saved_first_the_conflict_is_said_and_drafts_kept(qtbot, gui_services,
                                                                       admin) -> None:
    d = _dialog(qtbot, gui_services, admin)
    other = gui_services.working_week.read()
    gas = next(a for a in other.agencies if a.name == GAS)
    gui_services.working_week.save(admin, WorkingWeekChanges(
        agencies=(AgencyPeriodEdit(gas.id, gas.version, "20"),)))
    _type_period(d, GAS, "8")
    _save(qtbot, d, ok=False)
    assert "در همین فاصله از رایانهٔ دیگری تغییر کرده است" in d.message.text()
    assert "8" in d.agencies_tab.model.texts
    assert next(a for a in gui_services.working_week.read().agencies
                if a.name == GAS).answer_days == 20
    # the rest days too: another desk's change is not overwritten
    d.reload()
    qtbot.waitUntil(lambda: "8" not in d.agencies_tab.model.texts, timeout=WAIT_MS)
    week = gui_services.working_week.read()
    gui_services.working_week.save(admin, WorkingWeekChanges(
        rest_weekdays=frozenset({jalali.THURSDAY, jalali.FRIDAY}), rest_expected=week.rest_value))
    d.rest_tab.boxes[0].setChecked(True)
    _save(qtbot, d, ok=False)
    assert "روزهای تعطیل هفته در همین فاصله" in d.message.text()
    assert gui_services.reference.settings()["rest_weekdays"] == "3,4"


def test_a_non_administrator_cannot_reach_the_screen(qtbot, app, gui_services, admin,
                                                     operator) -> None:
    pol = Application("sqlite://", demo=False)
    qtbot.addWidget(pol.window)
    pol.services = gui_services
    assert not pol.working_week_action.isVisible()
    pol.signed_in(gui_services.users.authenticate("clerk", "secret-1"))
    assert not pol.working_week_action.isVisible()
    pol.open_working_week()  # a stray call opens nothing
    # the service refuses as well
    d = _dialog(qtbot, gui_services, operator)
    assert not d.tabs.isEnabled() and not d.save_button.isEnabled()
    assert d.message.text() == words.ADMIN_ONLY
    pol.signed_in(gui_services.users.authenticate("boss", "secret-1"))
    assert pol.working_week_action.isVisible()
    qtbot.waitUntil(background_idle, timeout=WAIT_MS)
    if pol.session_lock is not None:
        pol.session_lock.uninstall()


def test_the_refer_dialog_suggests_the_agency_s_own_period(qtbot, gui_services, admin,
                                                           operator) -> None:
    from app.views.inbox.refer_dialog import ReferDialog
    from tests.support.helpers import register

    week = gui_services.working_week.read()
    gas = next(a for a in week.agencies if a.name == GAS)
    gui_services.working_week.save(admin, WorkingWeekChanges(
        agencies=(AgencyPeriodEdit(gas.id, gas.version, "۶"),)))
    detail = register(gui_services, operator, agency="شرکت آب و فاضلاب")
    d = ReferDialog(gui_services, operator, detail, gui_services.reference.agencies(), 15)
    qtbot.addWidget(d)
    assert d.days.value() == 15  # water: the office default
    d.agency.setCurrentIndex(d.agency.findData(gas.id))
    assert d.days.value() == 6  # gas: its own period
    d.days.setValue(9)  # the clerk's own choice is kept when the agency changes
    d.agency.setCurrentIndex(0)
    assert d.days.value() == 9
