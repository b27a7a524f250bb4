"""An interrupted demo fill is noticed by `--demo` and built again, never opened half-filled."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import bootstrap
from app.config import demo_database_path, sqlite_url
from app.demo import generator as demo
from app.demo.generator import DemoGenerator, demo_complete
from app.models import Citizen, Request

ROOT = Path(__file__).resolve().parents[2]
N = 300


def _counts(services) -> tuple[int, int]:  # noqa: ANN001
    with services.db.read() as s:
        return (s.scalar(select(func.count()).select_from(Request)),
                s.scalar(select(func.count()).select_from(Citizen)))


def _open_demo():  # noqa: ANN202
    services, _state = bootstrap.prepare(sqlite_url(demo_database_path()), True,
                                         lambda _p, _m: None)
    return services


@pytest.fixture
def small_demo(monkeypatch: pytest.MonkeyPatch) -> None:
    """A demo of N requests committed in batches of 100, so a fill has several transactions."""
    monkeypatch.setattr(bootstrap, "DEMO_REQUESTS", N)
    monkeypatch.setattr(demo, "BATCH", 100)


def test_a_fill_that_failed_after_a_batch_is_rebuilt(small_demo, monkeypatch) -> None:
    """The fill dies in its second batch; the next --demo open rebuilds the whole demo."""
    real = DemoGenerator._one_request
    calls = [0]

    def dying(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        calls[0] += 1
        if calls[0] == 150:
            raise KeyboardInterrupt  # the user closed the window mid-fill
        return real(self, *args, **kwargs)

    monkeypatch.setattr(DemoGenerator, "_one_request", dying)
    with pytest.raises(KeyboardInterrupt):
        _open_demo()
    with sqlite3.connect(demo_database_path()) as c:
        assert c.execute("SELECT count(*) FROM request").fetchone()[0] == 100  # half-filled
    monkeypatch.setattr(DemoGenerator, "_one_request", real)
    services = _open_demo()
    assert demo_complete(services.db)
    requests, citizens = _counts(services)
    # Rebuilt, not filled on top: the citizens once over (the planted repeats may add a few
    # known by mobile alone, app.demo.repeats), never twice.
    base = max(50, N * 2 // 5)
    assert requests == N and base <= citizens < base + base // 5
    services.db.dispose()
    again = _open_demo()  # a finished demo is opened as it is
    assert _counts(again) == (requests, citizens)
    again.db.dispose()


def test_a_killed_fill_is_rebuilt(small_demo) -> None:
    """kill -9 during `--demo demo`; the next --demo open finds no marker and rebuilds."""
    path = demo_database_path()
    proc = subprocess.Popen([sys.executable, "main.py", "--demo", "demo", "--requests", "60000"],
                            cwd=ROOT, env=dict(os.environ), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    seen = 0
    pause = threading.Event()
    try:
        while time.monotonic() < deadline and seen == 0:
            # Not time.sleep: under faketime with a real monotonic clock it fails (EINVAL).
            pause.wait(0.05)
            try:
                with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as c:
                    seen = c.execute("SELECT count(*) FROM request").fetchone()[0]
            except sqlite3.Error:
                seen = 0
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert 0 < seen < 60000, "the fill was not caught mid-way"
    services = _open_demo()
    assert demo_complete(services.db)
    assert _counts(services)[0] == N
    services.db.dispose()
