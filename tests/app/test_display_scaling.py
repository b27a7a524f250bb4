"""Windows' display scaling: the screen-size test run again at 125 % and 150 % (issue 15).

QT_SCALE_FACTOR must be set before the QApplication exists, so each factor runs the whole tour of
tests/app/test_screen_sizes.py in its own pytest process, on an offscreen screen of a real
1920×1080 monitor (1536×864 logical pixels at 125 %, 1280×720 at 150 %). The compact shell
(icon navigation, tighter margins) that a 1280-wide screen gets is checked here too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel

from app.views.main_window import NAV_COMPACT_WIDTH, NAV_WIDTH, MainWindow

ROOT = Path(__file__).resolve().parents[2]
TOUR = "tests/app/test_screen_sizes.py::test_every_page_and_dialog_is_whole"
TIMEOUT_S = 900  # the tour builds its demo data and walks every page and dialog


@pytest.mark.parametrize("factor", ["1.25", "1.5"])
def test_every_page_and_dialog_is_whole_when_scaled(factor: str, tmp_path: Path) -> None:
    """The whole tour passes on a 1920×1080 monitor at 125 % and at 150 %."""
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{
        "name": "office", "x": 0, "y": 0, "width": 1920, "height": 1080,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    env = dict(os.environ, QT_SCALE_FACTOR=factor, PYTHONPATH=str(ROOT),
               QT_QPA_PLATFORM=f"offscreen:configfile={screen}")
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                          TOUR], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=TIMEOUT_S)
    tail = "\n".join(line for line in run.stdout.splitlines()
                     if not line.startswith("QtWarningMsg"))[-6000:]
    assert run.returncode == 0, tail
    assert "1 passed" in run.stdout, tail  # it ran (the screen exists at this factor)


def test_a_small_logical_screen_gets_the_compact_shell(qtbot, app) -> None:
    """Less room than a 1366×768 monitor: icons only (titles in tooltips); more: back again."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.add_page("صندوق درخواست‌ها", QLabel("۱"), "inbox")
    window.fit_screen(QSize(1280, 680))
    item = window.nav.item(0)
    assert window.compact and window.nav.maximumWidth() == NAV_COMPACT_WIDTH
    assert item.text() == "" and "صندوق درخواست‌ها" in item.toolTip()
    window.add_page("گزارش‌ها", QLabel("۲"), "report")  # a page added later is compact too
    assert window.nav.item(1).text() == ""
    window.fit_screen(QSize(1366, 728))
    assert not window.compact and window.nav.maximumWidth() == NAV_WIDTH
    assert [window.nav.item(i).text() for i in range(2)] == ["صندوق درخواست‌ها", "گزارش‌ها"]
