"""A walk through Pol's screens at one monitor size, as a clerk would walk it (for the size test).

Every page of the main window (and each tab of it), the inbox and the tracker with a row selected,
the calendar's month and week views with a meeting day open, the reports page with a report built;
and every dialog those pages open, reached through the buttons and menus that open it: with
`QDialog.exec` replaced by `Tour.visit_dialog`, each dialog is checked at the size Qt would give it
on that monitor, then cancelled.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QTableView,
    QTabWidget,
    QWidget,
)

from app.bootstrap import Application
from tests.support import size_check, waits
from tests.support.size_check import Offender, OfficeScreen
from tests.support.waits import WAIT_MS

_SHORTCUT = re.compile(r"\s*\([^)]*\)\s*$")


_idle = waits.background_idle


def settle(qtbot) -> None:  # noqa: ANN001
    """Let every background job and the callbacks it queued finish (jobs may start jobs)."""
    for _ in range(3):
        qtbot.waitUntil(_idle, timeout=WAIT_MS)
        QApplication.processEvents()


def buttons(root: QWidget, text: str) -> list[QAbstractButton]:
    """Visible buttons whose text is `text` (mnemonics and a trailing «(Ctrl+N)» ignored)."""
    found = []
    for b in root.findChildren(QAbstractButton):
        shown = _SHORTCUT.sub("", b.text().replace("&", "")).strip()
        if b.isVisible() and (shown == text or shown.startswith(text + " ")):
            found.append(b)
    return found


def click(qtbot, root: QWidget, text: str) -> bool:  # noqa: ANN001
    """Click the enabled visible button `text` under root; False when there is none."""
    for b in buttons(root, text):
        if b.isEnabled():
            b.click()
            settle(qtbot)
            return True
    return False


def select_first_row(qtbot, table: QTableView) -> None:  # noqa: ANN001
    """Select the table's first row, as a click would."""
    model = table.model()
    for _ in range(3):  # a reload that was under way may reset the model and the selection
        if model is None or model.rowCount() == 0 or table.selectionModel().selectedRows():
            return
        table.setFocus()
        # Not selectRow: right to left it looks for the column at the viewport's far edge and,
        # when the columns fill the viewport exactly, finds none and selects nothing.
        table.selectionModel().setCurrentIndex(
            model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        settle(qtbot)


def visible_tables(root: QWidget) -> list[QTableView]:
    """The table views under root a user can see."""
    return [t for t in root.findChildren(QTableView) if t.isVisible()]


class Tour:
    """Walks the screens at one monitor size and collects the offenders."""

    def __init__(self, qtbot, pol: Application, screen: OfficeScreen) -> None:  # noqa: ANN001
        self.qtbot = qtbot
        self.pol = pol
        self.screen = screen
        self.offenders: list[Offender] = []
        self.dialogs_seen: list[str] = []
        # After a dialog of this class was checked, do this inside it (open its own dialogs).
        self.inside: dict[str, Callable[[QDialog], None]] = {}

    # --- checking -------------------------------------------------------------------------

    def check(self, widget: QWidget, where: str) -> None:
        """Check one window as it is now."""
        settle(self.qtbot)
        self.offenders += size_check.check(widget, f"{where} @ {self.screen.name}")

    def visit_dialog(self, dialog: QDialog) -> int:
        """What `QDialog.exec` does during the tour: show, check, act inside, cancel."""
        name = type(dialog).__name__
        title = dialog.windowTitle() or name
        dialog.show()
        settle(self.qtbot)
        dialog.resize(size_check.dialog_size(dialog, self.screen))
        settle(self.qtbot)
        self.dialogs_seen.append(name)
        where = f"dialog {name} «{title}»"
        room = self.screen.client
        self.offenders += size_check.check_window_size(dialog, room, f"{where} @ "
                                                       f"{self.screen.name}")
        self.check(dialog, where)
        for tab_widget in [t for t in dialog.findChildren(QTabWidget) if t.isVisible()]:
            for i in range(1, tab_widget.count()):
                tab_widget.setCurrentIndex(i)
                self.check(dialog, f"{where} tab «{tab_widget.tabText(i)}»")
            tab_widget.setCurrentIndex(0)
        then = self.inside.pop(name, None)
        if then is not None:
            then(dialog)
        dialog.hide()
        return QDialog.DialogCode.Rejected.value

    # --- the main window ------------------------------------------------------------------

    def page(self, title: str) -> QWidget:
        """Show the page whose navigation entry is `title`."""
        nav = self.pol.window.nav
        for row in range(nav.count()):
            # The compact shell shows icons only; the title stays in the item's data.
            if title in (nav.item(row).text(), nav.item(row).data(Qt.ItemDataRole.UserRole)):
                nav.setCurrentRow(row)
                settle(self.qtbot)
                return self.pol.window.pages.currentWidget()
        raise AssertionError(f"no page «{title}» in the navigation")

    def check_page(self, where: str) -> None:
        """Check the main window and every tab of the page's tab widgets."""
        window = self.pol.window
        self.check(window, where)
        page = window.pages.currentWidget()
        for tab_widget in [t for t in page.findChildren(QTabWidget) if t.isVisible()]:
            current = tab_widget.currentIndex()
            for i in range(tab_widget.count()):
                if i == current:
                    continue
                tab_widget.setCurrentIndex(i)
                settle(self.qtbot)
                for table in visible_tables(tab_widget.currentWidget()):
                    select_first_row(self.qtbot, table)
                self.check(window, f"{where}, tab «{tab_widget.tabText(i)}»")
            tab_widget.setCurrentIndex(current)
            settle(self.qtbot)

    def inbox(self) -> None:
        """The inbox, a request selected, and the dialogs it opens."""
        page = self.page("صندوق درخواست‌ها")
        self.check_page("inbox")
        table = visible_tables(page)[0]
        select_first_row(self.qtbot, table)
        self.check_page("inbox, a request selected")
        self.inside["IntakeDialog"] = self.intake_success
        click(self.qtbot, page, "درخواست تازه")
        click(self.qtbot, page, "ثبت گروهی")  # the batch intake grid (issue 14 §1)
        click(self.qtbot, page, "رویدادها…")  # the events screen (issue 14 §1)
        click(self.qtbot, page, "ورود از سامد…")
        select_first_row(self.qtbot, table)
        click(self.qtbot, page, "ارجاع به دستگاه…")
        # Today «مختومه» closes at once; once it asks for the resolution, its dialog is checked.
        click(self.qtbot, page, "مختومه")

    def intake_success(self, dialog: QDialog) -> None:
        """Fill the intake form, save it, check the success page."""
        d = dialog
        d.national_id.setText("0013542419")
        d.first_name.setText("حمید")
        d.last_name.setText("قاسم‌زاده")
        d.subject.setText("درخواست روشنایی معبر")
        d.body.setPlainText("کوچهٔ ما از ماه پیش تاریک است و چند بار به شهرداری گفته‌ایم.")
        settle(self.qtbot)
        click(self.qtbot, d, "ثبت")
        if any(b.isVisible() for b in buttons(d, "ثبت درخواست دیگر")):
            self.dialogs_seen.append("intake success page")
        self.check(d, f"dialog {type(d).__name__} success page")

    def referrals(self) -> None:
        """The tracker with a referral selected, the agency panel, the referral dialogs."""
        page = self.page("پیگیری ارجاعات")
        table = visible_tables(page)[0]
        select_first_row(self.qtbot, table)
        self.check_page("referral tracker")
        for text in ("ثبت پاسخ دستگاه…", "ثبت پیگیری…", "تمدید مهلت…", "نامهٔ پیگیری…",
                     "ارجاع به بازرسی…", "استرداد ارجاع…"):
            click(self.qtbot, page, text)

    def calendar(self) -> None:
        """Month and week views with the busiest day open, and the calendar's dialogs."""
        page = self.page("تقویم دیدارها")
        self.open_busy_day(page)
        self.check_page("calendar month")
        click(self.qtbot, page, "هفته")
        self.open_busy_day(page)
        self.check_page("calendar week")
        click(self.qtbot, page, "ماه")
        click(self.qtbot, page, "روز ملاقات هفتگی…")
        click(self.qtbot, page, "دیدار ویژه…")
        self.open_planned_meeting(page)
        click(self.qtbot, page, "لغو…")
        click(self.qtbot, page, "جابه‌جایی…")
        self.inside["MeetingDayDialog"] = self.meeting_day
        click(self.qtbot, page, "روز دیدار…")

    def open_busy_day(self, page: QWidget) -> None:
        """Show in the day panel the day with the most meetings in view."""
        data = page.data
        if data is None or not data.occurrences:
            return
        days = [o.day for o in data.occurrences]
        busiest = max(set(days), key=days.count)
        self.select_day(page, busiest)

    def select_day(self, page: QWidget, day: object) -> None:
        """Select a day in the calendar's visible grid, as a click on it does."""
        page.views.currentWidget().select_day(day)
        settle(self.qtbot)
        if page.selected_day != day:  # not on the grid: what a click would do
            page._day_clicked(day)  # noqa: SLF001
            settle(self.qtbot)

    def open_planned_meeting(self, page: QWidget) -> None:
        """Select in the day panel the latest meeting up to today the clerk may still act on."""
        from app.services.core import jalali

        data = page.data
        planned = sorted((o for o in (data.occurrences if data else [])
                          if o.actionable and o.day <= jalali.tehran_today()
                          and str(getattr(o.state, "name", o.state)).upper()
                          in ("PLANNED", "UNCLOSED", "MISSED")), key=lambda o: o.day,
                         reverse=True)
        if planned:
            self.select_day(page, planned[0].day)
            page.day_panel.select_key(planned[0].key)
            settle(self.qtbot)

    def meeting_day(self, dialog: QDialog) -> None:
        """Inside the meeting-day window: add a citizen, raise an issue, close the meeting."""
        form = dialog.form
        form.national_id.setText("0013542419")
        for name, text in (("first_name", "حمید"), ("last_name", "قاسم‌زاده"),
                           ("topic", "روشنایی معبر کوی ولیعصر")):
            widget = getattr(form, name, None)
            if widget is not None:
                widget.setText(text) if hasattr(widget, "setText") else widget.setPlainText(text)
        click(self.qtbot, dialog, "افزودن به نوبت")
        self.check(dialog, "dialog MeetingDayDialog with an attendee")
        for table in visible_tables(dialog):
            select_first_row(self.qtbot, table)
        click(self.qtbot, dialog, "ثبت موضوع و دستور…")
        click(self.qtbot, dialog, "صورتجلسه و بستن دیدار…")

    def reports(self) -> None:
        """The reports page empty, then with the quarterly report built."""
        page = self.page("گزارش‌ها")
        self.check_page("reports, empty")
        click(self.qtbot, page, "ساخت گزارش")
        self.check_page("reports, built")

    def review(self) -> None:
        """The inspection queue with a case selected."""
        page = self.page("بازرسی")
        select_first_row(self.qtbot, visible_tables(page)[0])
        self.check_page("review")

    def calls(self) -> None:
        """The satisfaction-call list with a request and its call form (issue 13 §3)."""
        page = self.page("تماس رضایت")
        select_first_row(self.qtbot, visible_tables(page)[0])
        self.check_page("calls")

    def status(self) -> None:
        """The database status page."""
        self.page("وضعیت پایگاه داده")
        self.check_page("status")

    def menus(self) -> None:
        """The dialogs of the «پرونده» menu."""
        self.inside["UsersDialog"] = lambda d: click(self.qtbot, d, "کاربر تازه…")
        self.inside["SettingsDialog"] = self.settings_on_a_server
        self.inside["WorkingWeekDialog"] = self.working_week_tabs
        for action in self.pol.window.menuBar().actions()[0].menu().actions():
            if action.text() in ("تنظیمات پایگاه داده…", "مدیریت کاربران…", "پشتیبان‌گیری…",
                                 "هفتهٔ کاری و تعطیلات…"):
                action.trigger()
                settle(self.qtbot)

    def working_week_tabs(self, dialog: QDialog) -> None:
        """Each tab of the working-week screen once its data has arrived."""
        self.qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=WAIT_MS)
        for i in range(dialog.tabs.count()):
            dialog.tabs.setCurrentIndex(i)
            settle(self.qtbot)
            self.check(dialog, f"dialog WorkingWeekDialog, tab {i} @ {self.screen.name}")

    def settings_on_a_server(self, dialog: QDialog) -> None:
        """The settings dialog with «server» chosen: its fields and its note about accounts."""
        dialog.server.setChecked(True)
        settle(self.qtbot)
        self.check(dialog, f"dialog SettingsDialog, a server @ {self.screen.name}")

    def sign_in_and_lock(self) -> None:
        """The sign-in dialog (first administrator and returning user) and the session lock.

        The lock comes as it comes to a clerk, after idle time; its sign-in form is part of the
        cover (not a dialog), so the whole locked window is checked, then again after a wrong
        password put a message under the form.
        """
        from app.errors import NoDatabaseAccess
        from app.views.server_sign_in_dialog import ServerSignInDialog
        from app.views.sign_in_dialog import SignInDialog

        users = self.pol.services.users
        for first in (True, False):
            SignInDialog(users, first_admin=first, parent=self.pol.window).exec()
        # On a server the form comes first; shown again with its longest refusal under it.
        server = "postgresql+psycopg://db-ostandari.ea.local:5432/pol_tabriz"
        for refusal in ("", NoDatabaseAccess().message):
            dialog = ServerSignInDialog(server, prefix="", parent=self.pol.window)
            dialog.username.setText("zahra.ghasemi")
            dialog.message.setText(refusal)
            dialog.exec()
        lock = self.pol.session_lock
        # The office's idle time is still being read: it would undo the 50 ms set here.
        self.qtbot.waitUntil(waits.background_idle, timeout=WAIT_MS)
        with self.qtbot.waitSignal(lock.locked, timeout=WAIT_MS):
            lock.set_idle_ms(50)
        settle(self.qtbot)
        self.check(self.pol.window, "session lock")
        self.lock_form_leaves_the_message_readable()
        form = lock.dialog
        form.password.setText("not-the-password")
        click(self.qtbot, form, "ورود")
        self.qtbot.waitUntil(lambda: bool(form.message.text()), timeout=WAIT_MS)
        self.check(self.pol.window, "session lock, a wrong password")
        self.lock_form_leaves_the_message_readable()

    def lock_form_leaves_the_message_readable(self) -> None:
        """The lock's sign-in form must lie inside its card and cover none of the card's text."""
        window = self.pol.window
        where = f"session lock @ {self.screen.name}"
        cover = next(w for w in window.findChildren(QWidget)
                     if w.objectName() == "sessionLockCover" and w.isVisible())
        card = next(w for w in cover.findChildren(QWidget) if w.objectName() == "lockCard")
        form = next(w for w in cover.findChildren(QWidget) if w.objectName() == "lockSignIn")

        def box(w: QWidget) -> QRect:
            return QRect(w.mapTo(window, QPoint(0, 0)), w.size())

        if not box(card).contains(box(form)) or not window.rect().contains(box(card)):
            self.offenders.append(Offender(where, "outside", type(form).__name__, "lockSignIn",
                                           "", box(form).height(), box(card).height()))
        for label in cover.findChildren(QWidget):
            text = getattr(label, "text", None)
            if (not label.isVisible() or not callable(text) or not text()
                    or form.isAncestorOf(label)):
                continue
            common = box(label).intersected(box(form))
            if common.width() > 0 and common.height() > 0:
                self.offenders.append(Offender(
                    where, "covered", type(label).__name__,
                    label.objectName() or "(in sessionLockCover)", text(),
                    box(label).height(), box(label).height() - common.height()))
