"""Backups in the window: «پرونده» menu, the daily backup at start, restore, a damaged file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.bootstrap import Application
from app.models import Setting
from app.services.core import backup
from app.views.backup_actions import BackupDialog
from tests.support.damage import DAMAGES

WAIT = 20_000


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Modal message boxes answered as a user who agrees: the restore button, or «Yes»."""
    shown: list[str] = []

    def answer(self: QMessageBox) -> int:
        shown.append(self.text())
        for b in self.buttons():
            if b.text() == "بازگردانی آخرین پشتیبان":
                b.click()
                return 0
        return int(QMessageBox.StandardButton.Yes.value)

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: shown.append(a[2]))
    return shown


@pytest.fixture
def signed(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    asked: list[bool] = []
    monkeypatch.setattr(Application, "ask_sign_in", lambda self, first=False: asked.append(first))
    return asked


def _setting(path: Path, key: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM setting WHERE key = ?", (key,)).fetchone()[0]
    finally:
        conn.close()


def test_file_menu_backs_up_and_restores(app, qtbot, sqlite_url, tmp_path, boxes, signed,
                                         monkeypatch) -> None:
    """Start takes the daily backup; the dialog writes one to a chosen folder; restore reopens."""
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    pol = Application(sqlite_url, demo=False)
    qtbot.addWidget(pol.window)
    texts = [a.text() for a in pol.window.menuBar().actions()[0].menu().actions()]
    assert "پشتیبان‌گیری…" in texts and "بازگردانی از پشتیبان…" in texts
    pol.start()
    qtbot.waitUntil(lambda: len(signed) == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: len(backup.backups_of(path)) == 1, timeout=WAIT)  # the daily one
    qtbot.waitUntil(lambda: "پشتیبان خودکار" in pol.window.statusBar().currentMessage(),
                    timeout=WAIT)

    dialog = BackupDialog(pol.services.db, pol.window)
    qtbot.addWidget(dialog)
    share = tmp_path / "share"
    dialog.folder.setText(str(share))
    with qtbot.waitSignal(dialog.backup_written, timeout=WAIT) as written:
        dialog.now.click()
    made = Path(written.args[0])
    assert made.parent == share and backup.backup_folder() == share
    assert "بررسی شد" in dialog.status.text()

    with pol.services.db.write() as s:  # typed after the backup: the restore takes it away
        s.add(Setting(key="after_backup", value="1"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(made), ""))
    pol.restore_action.trigger()
    qtbot.waitUntil(lambda: len(signed) == 2 and pol.services is not None, timeout=WAIT)
    assert any("جایگزین" in t for t in boxes)  # the user was asked first
    assert _setting(path, "after_backup") == 0
    aside = [p for p in path.parent.iterdir() if p.name.startswith("pol.sqlite3.before-restore-")
             and not p.name.endswith(("-wal", "-shm"))]
    assert len(aside) == 1 and _setting(aside[0], "after_backup") == 1
    assert "بازگردانده شد" in pol.window.statusBar().currentMessage()


def test_damaged_file_at_start_offers_the_latest_backup(app, qtbot, sqlite_url, boxes,
                                                         signed) -> None:
    """A damaged local file is not opened; the latest backup is offered and restored."""
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    made = backup.backup_sqlite(path)
    DAMAGES["corrupt_header"](path)
    pol = Application(sqlite_url, demo=False)
    qtbot.addWidget(pol.window)
    pol.start()
    qtbot.waitUntil(lambda: len(signed) == 1 and pol.services is not None, timeout=WAIT)
    offer = boxes[0]
    assert str(path) in offer and str(made) in offer and "آسیب دیده" in offer
    with sqlite3.connect(path) as c:
        assert c.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert any(".before-restore-" in p.name for p in path.parent.iterdir())


def test_damaged_file_without_backup_is_named(app, qtbot, sqlite_url, boxes, signed) -> None:
    """Without a backup the user is told which file is damaged; nothing is opened."""
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    DAMAGES["corrupt_header"](path)
    pol = Application(sqlite_url, demo=False)
    qtbot.addWidget(pol.window)
    pol.start()
    qtbot.waitUntil(lambda: bool(boxes), timeout=WAIT)
    assert str(path) in boxes[0] and "آسیب دیده" in boxes[0]
    assert pol.services is None and not signed
