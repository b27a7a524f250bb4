"""The users dialog limits an account to counties through the service (county scope)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from app.models.enums import Role
from app.services.core.context import SYSTEM
from app.services.core.reference import counties
from app.services.core.users import actor_of
from app.views.admin.counties_dialog import CountiesDialog
from tests.app.test_gui_admin_and_lock import _dialog, _select
from tests.support.waits import WAIT_MS


def test_the_users_dialog_sets_and_clears_a_users_counties(qtbot, gui_services,
                                                           monkeypatch) -> None:
    """Check two counties, save: the account is limited; uncheck all: the province again."""
    admin = actor_of(gui_services.users.add(SYSTEM, "boss", "secret-1", Role.ADMIN, "مدیر"))
    gui_services.users.add(SYSTEM, "maragheh", "secret-1", Role.OPERATOR)
    cs = counties(gui_services.db)
    want = {cs[2].id, cs[5].id}
    shown: list[CountiesDialog] = []

    def answer(dialog: CountiesDialog) -> int:
        shown.append(dialog)
        dialog.set_checked(answer.ids)  # type: ignore[attr-defined]
        return QDialog.DialogCode.Accepted

    answer.ids = want  # type: ignore[attr-defined]
    monkeypatch.setattr(CountiesDialog, "exec", answer)
    d = _dialog(qtbot, gui_services, admin)
    _select(d, "maragheh")
    assert d.counties_button.isEnabled()
    d.counties_button.click()
    qtbot.waitUntil(lambda: "ذخیره شد" in d.message.text(), timeout=WAIT_MS)
    assert shown[0].list.count() == len(cs)
    user = next(u for u in gui_services.users.list() if u.username == "maragheh")
    assert set(user.county_ids) == want
    qtbot.waitUntil(lambda: bool(d.selected() and d.selected().county_ids), timeout=WAIT_MS)
    row = next(r for r in range(d.model.rowCount()) if d.model.rows[r].username == "maragheh")
    shown_counties = d.model.index(row, 3).data()
    assert sorted(shown_counties.split("، ")) == sorted([cs[2].name, cs[5].name])
    answer.ids = set()  # type: ignore[attr-defined]
    d.message.setText("")
    d.counties_button.click()
    qtbot.waitUntil(lambda: "ذخیره شد" in d.message.text(), timeout=WAIT_MS)
    assert set(shown[1].chosen()) == set()
    user = next(u for u in gui_services.users.list() if u.username == "maragheh")
    assert user.county_ids == ()
    qtbot.waitUntil(lambda: d.model.index(row, 3).data() == "همهٔ استان", timeout=WAIT_MS)


def test_only_administrators_may_press_it(qtbot, gui_services) -> None:
    """An operator sees the button disabled."""
    clerk = actor_of(gui_services.users.add(SYSTEM, "clerk", "secret-1", Role.OPERATOR))
    d = _dialog(qtbot, gui_services, clerk)
    _select(d, "clerk")
    assert not d.counties_button.isEnabled()


def test_the_counties_dialog_fits_an_office_screen(qtbot, gui_services) -> None:
    """Every county's name whole, nothing past an edge, the dialog within 1366x768."""
    from tests.support import size_check

    screen = size_check.OFFICE_SCREENS[0]
    d = CountiesDialog("maragheh", counties(gui_services.db), (), None)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.resize(size_check.dialog_size(d, screen))
    found = size_check.check_window_size(d, screen.client, str(screen)) + size_check.check(d)
    assert not found, size_check.report(found)
