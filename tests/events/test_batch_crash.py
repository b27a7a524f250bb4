"""Nothing typed and saved is lost when the desk dies mid-batch: a subprocess typing rows in
the grid is killed (SIGKILL, no clean-up at all) and every row it reported is in the database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from app.models import Request
from app.models.database import Database

ROOT = Path(__file__).resolve().parents[2]


def test_killed_desk_keeps_every_completed_row(db_url: str) -> None:
    """Kill the desk after some rows were saved: each reported code is stored, complete."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "tests.events.crash_desk", db_url],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    codes: list[str] = []
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("saved "):
                codes.append(line.split()[1])
            if len(codes) == 5:
                break
        proc.send_signal(signal.SIGKILL)  # mid-batch: rows are still being typed and saved
    finally:
        proc.kill()
        proc.wait(timeout=60)
    assert len(codes) == 5, proc.stderr.read() if proc.stderr else ""
    db = Database(db_url)
    try:
        with db.read() as s:
            rows = s.execute(select(Request.tracking_code, Request.subject, Request.county_id)
                             .where(Request.tracking_code.in_(codes))).all()
    finally:
        db.dispose()
    assert {r.tracking_code for r in rows} == set(codes)
    assert all(r.subject.startswith("نامهٔ شمارهٔ") and r.county_id for r in rows)
