"""Smoke test of the frozen application (PyInstaller, packaging/build.py), marked `frozen`.

Runs dist/Pol outside the virtual environment with a fresh HOME whose path holds Persian letters
(like C:\\Users\\مریم): the version, a demo database, the quarterly report read back by OCR, the
window staying up on the offscreen platform, and the folder's size. The build is reused between
local runs while it is newer than everything it bundles; with CI set it is always built anew.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from app import __version__
from app.services.reports.pdf.quarterly import TITLE
from tests.packaging.frozen import (
    GUI_EXE,
    ensure_built,
    folder_size,
    ocr_first_page,
    run_cli,
    user_env,
)
from tests.reports.pdftools import best_window, norm, pdftotext_pages, require_ocr

pytestmark = [pytest.mark.frozen, pytest.mark.timeout(3600)]

SIZE_LIMIT = 250 * 1000 * 1000
GUI_SECONDS = 5
HEADINGS = ["بسمه تعالی", TITLE, "سه‌ماهه دوم ۱۴۰۵", "خلاصه عملکرد سه‌ماهه"]


@pytest.fixture(scope="module")
def app_dir() -> Path:
    return ensure_built()


@pytest.fixture(scope="module")
def home(app_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh user folder with Persian letters in its path; the working folder sits beside it."""
    home = tmp_path_factory.mktemp("frozen") / "کاربران" / "مریم"
    (home / "data").mkdir(parents=True)
    return home


@pytest.fixture(scope="module")
def demo_db(home: Path) -> tuple[str, subprocess.CompletedProcess]:
    url = f"sqlite:///{home / 'data' / 'pol.sqlite3'}"
    done = run_cli(["--db", url, "demo", "--requests", "500"], home, home.parent)
    return url, done


def test_version(home: Path) -> None:
    done = run_cli(["--version"], home, home.parent, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Pol {__version__}"


def test_demo_database(demo_db: tuple[str, subprocess.CompletedProcess], home: Path) -> None:
    _url, done = demo_db
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.startswith("500 requests"), done.stdout
    assert (home / "data" / "pol.sqlite3").stat().st_size > 0


def test_quarterly_report_reads_back(demo_db: tuple[str, subprocess.CompletedProcess],
                                     home: Path) -> None:
    url, _ = demo_db
    work = home.parent
    done = run_cli(["--db", url, "report", "quarterly", "--year", "1405", "--quarter", "2",
                    "--out", "r.pdf"], home, work)
    assert done.returncode == 0, done.stderr[-3000:]
    pdf = work / "r.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") or os.environ.get("POL_REQUIRE_OCR") == "1":
        text = " ".join(pdftotext_pages(pdf))  # the text layer maps glyphs back to letters
        assert norm(TITLE) in text
    require_ocr()  # then read it like a person: rasterised, Tesseract's Persian model
    page = ocr_first_page(pdf, work)
    rates = {h: best_window(norm(h), page)[0] / len(norm(h)) for h in HEADINGS}
    assert all(rate <= 0.15 for rate in rates.values()), rates


def test_window_shows_and_stays_up(demo_db: tuple[str, subprocess.CompletedProcess],
                                   home: Path) -> None:
    """The window opens (the start-up probe logs it), the inbox fills, and Pol keeps running 5 s."""
    url, done = demo_db
    assert done.returncode == 0
    env = {**user_env(home), "POL_STARTUP_PROBE": "1", "POL_LOG_DIR": str(home / "logs")}
    log_file = home / "logs" / "pol.log"
    started = time.monotonic()
    proc = subprocess.Popen([str(GUI_EXE), "--demo", "--db", url], cwd=home.parent, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = started + 300  # a busy machine: generous
        log = ""
        while time.monotonic() < deadline and proc.poll() is None:
            log = log_file.read_text(encoding="utf-8") if log_file.exists() else ""
            if "startup probe: inbox shows" in log and time.monotonic() - started >= GUI_SECONDS:
                break
            time.sleep(0.2)
        assert proc.poll() is None, f"Pol exited with {proc.returncode}: " + log[-3000:]
        assert "startup probe: main window shown" in log, log[-3000:]
        assert "startup probe: inbox shows" in log, log[-3000:]
        assert "Qt says Cancel as «انصراف»" in log, "Qt's Persian translation is missing"
        assert " ERROR " not in log and "Traceback" not in log, log[-3000:]
        assert time.monotonic() - started >= GUI_SECONDS
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(30)


def test_postgresql_through_the_bundled_binary_driver(pg_url: str, home: Path) -> None:
    """psycopg's C driver (psycopg_binary, with its own libpq) is in the bundle and answers."""
    done = run_cli(["--db", pg_url, "db", "status"], home, home.parent, timeout=300,
                   extra_env={"PSYCOPG_IMPL": "binary"})  # no fallback to a system libpq
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "current"


def test_folder_is_at_most_250_mb(app_dir: Path) -> None:
    size = folder_size(app_dir)
    assert 50e6 < size <= SIZE_LIMIT, f"dist/Pol is {size / 1e6:.1f} MB"
