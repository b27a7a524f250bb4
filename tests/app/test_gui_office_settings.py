"""The office settings dialog, through its widgets, over a real SQLite file."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QSpinBox

from app.models.enums import Role
from app.services.core.context import SYSTEM
from app.services.core.users import actor_of
from app.views.admin.office_settings_dialog import OfficeSettingsDialog
from tests.support.waits import WAIT_MS


@pytest.fixture
def admin(gui_services):  # noqa: ANN001, ANN201
    """A signed-in administrator."""
    return actor_of(gui_services.users.add(SYSTEM, "boss", "secret-1", Role.ADMIN, "مدیر"))


def _dialog(qtbot, services, actor) -> OfficeSettingsDialog:  # noqa: ANN001
    d = OfficeSettingsDialog(services.office, actor)
    qtbot.addWidget(d)
    qtbot.waitUntil(lambda: d.ok_button.isEnabled(), timeout=WAIT_MS)
    return d


def test_the_admin_changes_a_period_and_it_is_stored(qtbot, gui_services, admin) -> None:
    d = _dialog(qtbot, gui_services, admin)
    box = d.fields["referral_answer_days"]
    assert isinstance(box, QSpinBox) and box.value() == 15
    box.setValue(21)
    with qtbot.waitSignal(d.saved, timeout=WAIT_MS):
        d.ok_button.click()
    assert gui_services.office.int_value("referral_answer_days") == 21


def test_another_desk_saved_first_the_typing_stays(qtbot, gui_services, admin) -> None:
    d = _dialog(qtbot, gui_services, admin)
    gui_services.office.save(admin, {"max_extensions": "5"})
    d.fields["max_extensions"].setValue(3)
    with qtbot.waitSignal(d.conflicted, timeout=WAIT_MS):
        d.ok_button.click()
    assert d.isVisible() or not d.result()
    assert d.fields["max_extensions"].value() == 3  # what was typed is still there
    assert "تغییر کرده" in d.general.text()
    assert gui_services.office.int_value("max_extensions") == 5
