"""The form dialog base: errors clear on edit, no jump in height, busy state; LTR fields; text boxes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLineEdit

from app.errors import ValidationError
from app.views.widgets.ltr_edit import ltr_line_edit
from app.views.widgets.service_dialog import ServiceDialog
from app.views.widgets.text_edit import PersianTextEdit
from tests.support.waits import WAIT_MS


class _NameDialog(ServiceDialog):
    """A two-field form whose service refuses an empty name."""

    def __init__(self) -> None:
        super().__init__("آزمایش", "ذخیره")
        self.name = self.add_field("نام:", QLineEdit(), "name")
        self.code = self.add_field("کد:", ltr_line_edit("کد ملی ده‌رقمی"), "code")

    def call(self) -> Callable[[], Any] | None:
        name = self.name.text()

        def save() -> str:
            if not name:
                raise ValidationError({"name": "نام را بنویسید.", "code": "کد ملی درست نیست."})
            return name

        return save


def test_an_error_goes_when_its_field_is_corrected_and_the_form_does_not_jump(qtbot, app) -> None:
    """The red line shows under the field, goes on the first keystroke, and the height stays."""
    d = _NameDialog()
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    height = d.height()
    d.submit()
    qtbot.waitUntil(lambda: d.errors.visible().get("name") == "نام را بنویسید.", timeout=WAIT_MS)
    QApplication.processEvents()  # the layout request a taller message would post
    assert d.height() == height  # room was kept for the message
    assert d.name.property("invalid") is True and d.name.hasFocus()
    qtbot.keyClicks(d.name, "a")  # the user corrects the field
    assert "name" not in d.errors.visible() and not d.name.property("invalid")
    assert d.errors.visible() == {"code": "کد ملی درست نیست."}  # the other field still says so
    QApplication.processEvents()
    assert d.height() == height
    with qtbot.waitSignal(d.saved, timeout=WAIT_MS) as saved:
        d.submit()
    assert saved.args == ["a"]


def test_the_dialog_is_busy_while_the_call_runs(qtbot, app) -> None:
    """OK is disabled while the service works, and enabled again after an error."""
    d = _NameDialog()
    qtbot.addWidget(d)
    with qtbot.waitSignal(d.busy_changed, timeout=WAIT_MS) as busy:
        d.submit()
    assert busy.args == [True] and not d.ok_button.isEnabled()
    qtbot.waitUntil(lambda: d.ok_button.isEnabled() and not d.busy, timeout=WAIT_MS)
    assert d.buttons.button(d.buttons.StandardButton.Cancel).text() == "انصراف"


def _ink_columns(widget) -> list[int]:  # noqa: ANN001
    """The x positions where the widget draws dark pixels (its text)."""
    image = widget.grab().toImage()
    xs = []
    for x in range(4, image.width() - 4):
        for y in range(4, image.height() - 4):
            if QColor(image.pixel(x, y)).lightness() < 170:
                xs.append(x)
                break
    return xs


def test_placeholder_of_an_ltr_field_starts_at_the_left(qtbot, app) -> None:
    """A national-ID field typed from the left shows its Persian placeholder at the left too."""
    edit = ltr_line_edit("کد ملی ده‌رقمی")
    qtbot.addWidget(edit)
    edit.resize(400, 32)
    edit.show()
    qtbot.waitExposed(edit)
    xs = _ink_columns(edit)
    assert xs and max(xs) < edit.width() / 2, xs[:3] + xs[-3:]


def test_settings_dialog_has_room_for_a_path(qtbot, app, tmp_path) -> None:
    """The dialog is wide enough for a path, and the path is LTR with its file name in view."""
    from app.views.connection_settings import ConnectionChoice
    from app.views.settings_dialog import SettingsDialog

    long_path = "C:/Users/clerk/AppData/Local/Pol/Pol/databases/office-2026/pol.sqlite3"
    d = SettingsDialog(ConnectionChoice(path=long_path))
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    assert d.width() >= 640
    assert d.path.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert d.path.toolTip() == long_path and d.path.cursorPosition() == len(long_path)


def test_multi_line_persian_starts_at_the_right(qtbot, app) -> None:
    """An empty Persian text box puts its cursor at the right; typed lines align right."""
    edit = PersianTextEdit()
    qtbot.addWidget(edit)
    edit.resize(400, 120)
    edit.show()
    qtbot.waitExposed(edit)
    assert edit.cursorRect().x() > edit.viewport().width() / 2
    edit.setPlainText("سلام")
    xs = _ink_columns(edit.viewport())
    assert xs and min(xs) > edit.viewport().width() / 2


def test_the_intake_forms_national_id_error_goes_when_corrected(qtbot, gui_services,
                                                                operator) -> None:
    """Defect 5 on the busiest form: the red line under the national ID goes on the first key."""
    from app.views.inbox.intake_dialog import IntakeDialog

    d = IntakeDialog(gui_services, operator, [], [])
    qtbot.addWidget(d)
    d.show()
    d.national_id.setText("1234567890")
    d.last_name.setText("رضایی")
    d.subject.setText("قطعی آب")
    d.body.setPlainText("آب محله قطع می‌شود")
    d.submit()
    label = d.errors.labels["citizen.national_id"]
    qtbot.waitUntil(lambda: bool(label.text()), timeout=WAIT_MS)
    height = d.height()
    qtbot.keyClick(d.national_id, Qt.Key.Key_Backspace)
    assert label.text() == "" and d.national_id.text() == "123456789"
    QApplication.processEvents()
    assert d.height() == height
