"""Build Pol's frozen application (and, on Windows, its installer) with one command.

    python packaging/build.py              dist/Pol/Pol (Linux) or dist\\Pol\\Pol.exe (Windows)
    python packaging/build.py --installer  then dist\\Pol-<version>-setup.exe with Inno Setup 6.3+/7

Always builds from a clean work folder, so what is shipped never depends on a previous build.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))
from version_info import app_version  # noqa: E402

SPEC = ROOT / "packaging" / "pol.spec"
ISS = ROOT / "packaging" / "windows" / "pol.iss"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
APP_DIR = DIST / "Pol"
SIZE_LIMIT_MB = 250
# Inno Setup has no official Persian messages; its repository keeps a contributed one (6.5.0+).
# It is fetched at build time, pinned to a commit of jrsoftware/issrc's main branch ("Farsi: Fixed
# malformed linebreak", 2026-07-23) and checked by its SHA-256, rather than copied into this repository.
FARSI_ISL = ISS.parent / "Farsi.isl"
FARSI_ISL_URL = ("https://raw.githubusercontent.com/jrsoftware/issrc/"
                 "2e0e2d7abff09c81de67daf4c2dcba10c5ff32ab/Files/Languages/Unofficial/Farsi.isl")
FARSI_ISL_SHA256 = "9d8c569388478d71702ac9e17461f24f1842b9ac1ee6cc146ba6d14964e66520"
# Where Inno Setup's installers put it: per machine (Program Files, or Program Files (x86) for
# Inno Setup 6 and the 32-bit edition of 7) or per user (%LOCALAPPDATA%\Programs).
INNO_DIRS = ("Inno Setup 6", "Inno Setup 7")


def folder_size(path: Path) -> int:
    """Bytes of every file under path (links not followed)."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def build_app() -> None:
    """Run PyInstaller on the spec into dist/Pol, from a clean work folder."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit("PyInstaller is not installed: python -m pip install -e \".[test]\"") from None
    shutil.rmtree(APP_DIR, ignore_errors=True)
    cmd = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--clean",
           "--log-level", "WARN", "--distpath", str(DIST), "--workpath", str(WORK)]
    # This checkout's app/ first, even when an editable install of another checkout is active.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)}
    # The build is a tool, not Pol: a suite run under libfaketime (tests at any hour) must not
    # fake PyInstaller's clock, whose child-process waits then sleep with an invalid time.
    # The frozen app itself still runs under the faked clock.
    if "libfaketime" in env.get("LD_PRELOAD", ""):
        env["LD_PRELOAD"] = " ".join(x for x in env["LD_PRELOAD"].replace(":", " ").split()
                                     if "libfaketime" not in x)
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)


def find_iscc() -> Path | None:
    """Inno Setup's command-line compiler (6.3+ or 7): on PATH or in its default folders."""
    found = shutil.which("ISCC")
    if found:
        return Path(found)
    for name in INNO_DIRS:
        for env in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA"):
            base = os.environ.get(env)
            for sub in (name, os.path.join("Programs", name)):
                if base and (Path(base) / sub / "ISCC.exe").is_file():
                    return Path(base) / sub / "ISCC.exe"
    return None


def fetch_farsi_isl() -> None:
    """Download the pinned Farsi.isl next to pol.iss, unless the right one is already there."""
    if FARSI_ISL.is_file() and hashlib.sha256(FARSI_ISL.read_bytes()).hexdigest() == FARSI_ISL_SHA256:
        return
    from urllib.request import urlopen

    print(f"downloading the Persian installer messages: {FARSI_ISL_URL}")
    with urlopen(FARSI_ISL_URL, timeout=60) as answer:  # noqa: S310 - a pinned https URL
        data = answer.read()
    if hashlib.sha256(data).hexdigest() != FARSI_ISL_SHA256:
        raise SystemExit(f"{FARSI_ISL_URL} did not have the expected SHA-256; not used.")
    FARSI_ISL.write_bytes(data)


def build_installer() -> Path:
    """Compile packaging/windows/pol.iss over dist/Pol into dist/Pol-<version>-setup.exe."""
    if sys.platform != "win32":
        raise SystemExit("The installer is built on Windows only (Inno Setup); dist/Pol is ready.")
    iscc = find_iscc()
    if iscc is None:
        raise SystemExit("Inno Setup (6.3 or later, or 7) was not found (ISCC.exe). Install it from "
                         "https://jrsoftware.org/isdl.php or `choco install innosetup`, then run "
                         "python packaging/build.py --installer again.")
    fetch_farsi_isl()
    version = app_version(ROOT)
    subprocess.run([str(iscc), f"/DAppVersion={version}", f"/DSourceDir={APP_DIR}",
                    f"/DRepoDir={ROOT}", f"/O{DIST}", str(ISS)], cwd=ROOT, check=True)
    return DIST / f"Pol-{version}-setup.exe"


def main(argv: list[str] | None = None) -> int:
    """Build; print where the result is, how big it is and how long it took."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--installer", action="store_true",
                        help="also compile the Windows installer (Windows + Inno Setup 6.3+ or 7)")
    parser.add_argument("--skip-app", action="store_true",
                        help="with --installer: use the dist/Pol already built")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if not args.skip_app:
        build_app()
    size_mb = folder_size(APP_DIR) / 1e6
    print(f"{APP_DIR}: {size_mb:.1f} MB in {time.perf_counter() - started:.0f} s")
    if size_mb > SIZE_LIMIT_MB:
        print(f"warning: dist/Pol is over {SIZE_LIMIT_MB} MB", file=sys.stderr)
    if args.installer:
        setup = build_installer()
        print(f"installer: {setup}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
