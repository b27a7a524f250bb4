"""Build (or reuse) the frozen app and run it like a user would: outside the venv, fresh HOME."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP_DIR = ROOT / "dist" / "Pol"
WINDOWS = sys.platform == "win32"
GUI_EXE = APP_DIR / ("Pol.exe" if WINDOWS else "Pol")
# A Windows GUI executable has no stdout: the verbs are run through its console twin there.
CLI_EXE = APP_DIR / ("pol-cli.exe" if WINDOWS else "Pol")
# What the build bundles from this repository: newer than dist/Pol means the build is stale.
SOURCES = ("app", "resources", "main.py", "packaging/pol.spec", "packaging/build.py",
           "packaging/version_info.py", "pyproject.toml")


def newest_source() -> float:
    """Modification time of the newest file the build bundles."""
    newest = 0.0
    for name in SOURCES:
        path = ROOT / name
        files = [path] if path.is_file() else [p for p in path.rglob("*")
                                                if p.is_file() and "__pycache__" not in p.parts]
        newest = max([newest, *(p.stat().st_mtime for p in files)])
    return newest


def ensure_built() -> Path:
    """dist/Pol, built from scratch under CI and when stale, else the cached build."""
    fresh = GUI_EXE.is_file() and CLI_EXE.is_file() and GUI_EXE.stat().st_mtime > newest_source()
    if fresh and not os.environ.get("CI"):
        return APP_DIR
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("PyInstaller is missing: pip install -e \".[test]\"")
        pytest.skip("PyInstaller is not installed (pip install -e \".[test]\")")
    subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py")], cwd=ROOT, check=True,
                   timeout=1800)
    return APP_DIR


def user_env(home: Path) -> dict[str, str]:
    """A user's environment: no venv, no PYTHONPATH, every per-user folder under `home`."""
    env = {"HOME": str(home), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
           "QT_QPA_PLATFORM": "offscreen",
           "XDG_DATA_HOME": str(home / ".local" / "share"),
           "XDG_CONFIG_HOME": str(home / ".config"),
           "XDG_STATE_HOME": str(home / ".local" / "state"),
           "XDG_CACHE_HOME": str(home / ".cache"),
           "XDG_RUNTIME_DIR": str(home / ".run"),
           "POL_DATA_DIR": str(home / "data")}
    if WINDOWS:
        system_root = os.environ.get("SystemRoot", r"C:\Windows")
        env.update({"SystemRoot": system_root, "PATH": rf"{system_root}\System32;{system_root}",
                    "USERPROFILE": str(home), "APPDATA": str(home / "AppData" / "Roaming"),
                    "LOCALAPPDATA": str(home / "AppData" / "Local"),
                    "TEMP": str(home / "AppData" / "Local" / "Temp"),
                    "TMP": str(home / "AppData" / "Local" / "Temp")})
    else:
        env["PATH"] = "/usr/bin:/bin"
    for folder in ("XDG_RUNTIME_DIR", "TEMP"):
        if folder in env:
            Path(env[folder]).mkdir(parents=True, exist_ok=True, mode=0o700)
    return env


def run_cli(args: list[str], home: Path, cwd: Path, timeout: float = 900,
            extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run a verb of the frozen app; stdout and stderr as text."""
    return subprocess.run([str(CLI_EXE), *args], cwd=cwd, env={**user_env(home), **(extra_env or {})},
                          capture_output=True, text=True, encoding="utf-8", errors="replace",
                          timeout=timeout)


def ocr_first_page(pdf: Path, work: Path) -> str:
    """The first page read by Tesseract's Persian model, normalised like tests/reports/pdftools
    (only page one: the headings are there, and OCR of a whole report takes minutes here)."""
    from tests.reports.pdftools import norm

    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "300", "-gray", "-png", str(pdf),
                    str(work / "page")], check=True)
    png = next(work.glob("page*.png"))
    out = subprocess.run(["tesseract", str(png), "-", "-l", "fas", "--psm", "4"],
                         capture_output=True, text=True, encoding="utf-8", check=True).stdout
    return norm(out)


def folder_size(path: Path) -> int:
    """Bytes of every file under path (symbolic links counted once, by their target)."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
