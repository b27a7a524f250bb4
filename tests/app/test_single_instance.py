"""One Pol window per user: a second start brings the first forward and leaves with 0 (issue 15)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QMainWindow

from app.views.main_window import MainWindow
from app.views.single_instance import SingleInstance, instance_key
from tests.support.waits import WAIT_MS

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 120  # a busy machine: Python, Qt and Pol's imports


def _env() -> dict[str, str]:
    """This test's environment (its own data folder, so its own key) for a child process."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env.pop("LD_PRELOAD", None)  # no faketime in the child: its Qt timers must run
    return env


def _wait_process(proc: subprocess.Popen[str], qtbot) -> int:  # noqa: ANN001
    """Wait for a child while the test's own event loop keeps serving the socket."""
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=START_TIMEOUT_S * 1000)
    return proc.returncode


def test_a_second_start_of_the_window_asks_the_first_forward_and_exits_0(app, qtbot) -> None:
    """`python main.py` (the GUI) started while this user's Pol runs: it knocks, leaves with 0."""
    first = SingleInstance()
    assert first.claim()
    heard: list[bool] = []
    first.activated.connect(lambda: heard.append(True))
    try:
        second = subprocess.Popen([sys.executable, str(ROOT / "main.py")], cwd=ROOT, env=_env(),
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert _wait_process(second, qtbot) == 0, second.stdout.read() if second.stdout else ""
        qtbot.waitUntil(lambda: heard == [True], timeout=WAIT_MS)
    finally:
        first.release()


def test_the_first_window_comes_forward_even_when_minimised(app, qtbot) -> None:
    """The signal un-minimises, shows and raises the main window."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized, timeout=WAIT_MS)
    first = SingleInstance(key=instance_key() + "-fw")
    assert first.claim()
    first.activated.connect(window.bring_forward)
    try:
        assert not SingleInstance(key=first.key).claim()  # the second start, in this process
        qtbot.waitUntil(lambda: window.isVisible() and not window.isMinimized(), timeout=WAIT_MS)
    finally:
        first.release()
    assert isinstance(window, QMainWindow)


def test_the_demo_and_other_data_folders_are_separate_instances(app, monkeypatch, tmp_path) -> None:
    """The demo has its own key, and so has another data folder (the tests, a portable copy)."""
    work, demo = instance_key(), instance_key(demo=True)
    monkeypatch.setenv("POL_DATA_DIR", str(tmp_path / "other"))
    assert len({work, demo, instance_key()}) == 3
    first = SingleInstance(key=work)
    assert first.claim()
    try:
        other = SingleInstance(key=demo)
        assert other.claim()  # the demo opens beside the real window
        other.release()
    finally:
        first.release()


def test_a_socket_left_by_a_crashed_pol_does_not_block_the_next_start(app, qtbot) -> None:
    """A Pol killed outright leaves its socket file; the next start removes it and listens."""
    key = instance_key() + "-crash"
    code = ("import sys; from PySide6.QtCore import QCoreApplication; "
            "from app.views.single_instance import SingleInstance; "
            "a = QCoreApplication(sys.argv); s = SingleInstance(key=sys.argv[1]); "
            "print(s.claim(), s.server.fullServerName(), flush=True); a.exec()")
    crashed = subprocess.Popen([sys.executable, "-c", code, key], cwd=ROOT, env=_env(),
                               stdout=subprocess.PIPE, text=True)
    assert crashed.stdout is not None
    claimed, socket_path = crashed.stdout.readline().split()
    assert claimed == "True"
    crashed.send_signal(signal.SIGKILL)
    crashed.wait(START_TIMEOUT_S)
    assert Path(socket_path).exists()  # what the crash left behind
    after = SingleInstance(key=key)
    try:
        assert after.claim() and after.server is not None and after.server.isListening()
    finally:
        after.release()


def test_the_command_line_verbs_run_beside_an_open_window(app, qtbot, tmp_path) -> None:
    """`main.py db status` is no window: it runs (and ends) while this user's Pol is open."""
    first = SingleInstance()
    assert first.claim()
    heard: list[bool] = []
    first.activated.connect(lambda: heard.append(True))
    try:
        verb = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--db",
                                 f"sqlite:///{tmp_path / 'x.sqlite3'}", "db", "status"],
                                cwd=ROOT, env=_env(), stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        _wait_process(verb, qtbot)
        output = verb.stdout.read() if verb.stdout else ""
        assert "Traceback" not in output and output.strip(), output
        assert heard == []
    finally:
        first.release()
