"""Every page and dialog shows its text whole on a 1366×768 and a 1920×1080 office monitor.

The whole of Pol is walked as a clerk would walk it, signed in as the demo administrator (who sees
every action): each page of the main window (and each tab of it), the inbox and the tracker with a
row selected, the calendar's month and week views with a busy day open, the reports page with a
report built; and every dialog those pages open, reached through the buttons and menus that open
it (`QDialog.exec` is replaced by a visit that checks the dialog at the size Qt would give it on
that monitor, then cancels it). The walk is tests/support/screen_tour.py;
tests/support/size_check.py says what «whole» means.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QTableView,
    QWidget,
)

from app.bootstrap import Application
from app.views import background
from tests.support import size_check
from tests.support.screen_tour import Tour, settle
from tests.support.size_check import OFFICE_SCREENS
from tests.support.waits import WAIT_MS

# Where Pol keeps its files on an office PC; the test's folder has the same length, so path
# fields (settings, backups) are judged on a real path, not on pytest's much longer one.
OFFICE_DATA_DIR = r"C:\Users\zahra.ghasemi\AppData\Local\Pol"


@pytest.fixture
def office_data_dir(monkeypatch):  # noqa: ANN001, ANN201
    """A data folder whose path is as long as OFFICE_DATA_DIR."""
    import shutil
    import tempfile
    from pathlib import Path

    base = Path(tempfile.mkdtemp(prefix="pol-"))
    folder = base / ("d" * max(1, len(OFFICE_DATA_DIR) - len(str(base)) - 1))
    folder.mkdir()
    monkeypatch.setenv("POL_DATA_DIR", str(folder))
    yield folder
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pol(app, qtbot, gui_services, sqlite_url, office_data_dir, monkeypatch):  # noqa: ANN001, ANN201
    """Pol's main window over the fixtures' demo data, signed in as the demo administrator."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("", False))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.No.value)
    from PySide6.QtPrintSupport import QPrintDialog

    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected.value)
    application = Application(sqlite_url, demo=True)
    qtbot.addWidget(application.window)
    application.window.show()
    application.start()
    qtbot.waitUntil(lambda: application.session_lock is not None, timeout=WAIT_MS)
    settle(qtbot)
    yield application
    application.ping_timer.stop()
    if application.session_lock is not None:  # no filter of a window that is gone stays behind
        if application.session_lock.dialog is not None:
            application.session_lock.dialog.close()
        application.session_lock.uninstall()
    background.wait_all()


@pytest.mark.parametrize("screen", OFFICE_SCREENS, ids=lambda s: s.name)
def test_every_page_and_dialog_is_whole(qtbot, pol, screen, monkeypatch) -> None:
    """No cut text, nothing past the window's edge, no horizontal scroll bar in the main tables."""
    tour = Tour(qtbot, pol, screen)
    monkeypatch.setattr(QDialog, "exec", lambda dialog: tour.visit_dialog(dialog))
    window = pol.window
    window.fit_screen(screen.available)  # what show_first_time does with the real screen
    window.setGeometry(QRect(QPoint(0, 0), screen.client))  # maximised on that monitor
    settle(qtbot)
    tour.offenders += size_check.check_window_size(window, screen.client,
                                                   f"main window @ {screen.name}")
    for step in (tour.inbox, tour.referrals, tour.calendar, tour.reports, tour.review,
                 tour.calls, tour.status, tour.menus, tour.sign_in_and_lock):
        step()
    expected = {"IntakeDialog", "ImportDialog", "ReferDialog", "AnswerDialog", "FollowUpDialog",
                "ExtensionDialog", "ReminderDialog", "ReasonDialog", "ScheduleDialog",
                "MeetingDialog", "ChangeMeetingDialog", "MeetingDayDialog", "IssueDialog",
                "CloseMeetingDialog", "SettingsDialog", "UsersDialog", "AddUserDialog",
                "SignInDialog", "ServerSignInDialog", "intake success page",
                "BatchIntakeDialog", "EventsDialog"}
    missing = expected - set(tour.dialogs_seen)
    assert not missing, f"the tour never reached {sorted(missing)}"
    assert not tour.offenders, (f"{len(tour.offenders)} places do not fit {screen.name}:\n"
                                + size_check.report(tour.offenders))


def test_the_checker_sees_cut_text_edges_and_scroll_bars(app, qtbot) -> None:
    """A cramped button, a squeezed label, a widget past the edge and a wide table are named."""
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout

    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    whole = QPushButton("ذخیره")
    cramped = QPushButton("ثبت درخواست تازهٔ شهروند")
    cramped.setFixedWidth(60)
    squeezed = QLabel("وضعیت درخواست: در انتظار پاسخ دستگاه")
    squeezed.setFixedWidth(50)
    fits = QLabel("مهلت:")
    table = QTableView()
    model = QStandardItemModel(3, 12)
    table.setModel(model)
    for w in (whole, cramped, squeezed, fits, table):
        layout.addWidget(w)
    window.resize(400, 300)
    window.show()
    qtbot.waitExposed(window)
    stray = QLabel("بیرون", window)
    stray.setGeometry(380, 5, 60, 20)
    stray.show()
    found = size_check.check(window, "sample")
    named = {(o.kind, o.text) for o in found}
    assert ("text", "ثبت درخواست تازهٔ شهروند") in named
    assert ("text", "وضعیت درخواست: در انتظار پاسخ دستگاه") in named
    assert ("edge-left-to-right", "بیرون") in named
    assert any(o.kind == "scroll" for o in found)
    assert not any(o.text in ("ذخیره", "مهلت:") for o in found), size_check.report(found)


def test_the_checker_measures_headers_as_the_style_sheet_draws_them(app, qtbot) -> None:
    """A header section and a cell wide enough for plain text, not for the sheet's padding."""
    from PySide6.QtGui import QFontMetrics, QStandardItemModel
    from PySide6.QtWidgets import QHeaderView, QStyle, QVBoxLayout

    window = QWidget()
    qtbot.addWidget(window)
    table = QTableView()
    QVBoxLayout(window).addWidget(table)
    table.setStyleSheet("QHeaderView::section { font-weight: bold; padding: 4px 14px; }"
                        "QTableView::item { padding: 2px 16px; }")
    model = QStandardItemModel(1, 2)
    model.setHorizontalHeaderLabels(["دستور (باز)", "مدیر"])
    model.setData(model.index(0, 0), "در انتظار")
    table.setModel(model)
    header = table.horizontalHeader()
    header.setMinimumSectionSize(10)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
    header.setStretchLastSection(True)
    plain = QFontMetrics(header.font()).horizontalAdvance("دستور (باز)")
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    header.resizeSection(0, plain + 2 * margin)  # room for the header's plain font only
    window.resize(400, 140)
    window.show()
    qtbot.waitExposed(window)
    found = size_check.check(window, "sample")
    named = {(o.kind, o.text) for o in found}
    assert ("header", "دستور (باز)") in named, size_check.report(found)
    # The cell too: its text fits the plain width, not the sheet's item padding.
    assert ("cell", "دستور (باز): در انتظار") in named, size_check.report(found)
    header.resizeSection(0, 200)
    found = size_check.check(window, "sample")
    assert not any(o.kind in ("header", "cell") for o in found), size_check.report(found)
