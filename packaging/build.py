"""Build Pol's frozen application (and, on Windows, its installer) with one command.

    python packaging/build.py              dist/Pol/Pol (Linux) or dist\\Pol\\Pol.exe (Windows)
    python packaging/build.py --installer  then dist\\Pol-<version>-setup.exe with Inno Setup 6

Always builds from a clean work folder, so what is shipped never depends on a previous build.
"""

from __future__ import annotations

import argparse
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
# It is fetched at build time, pinned, rather than copied into this repository.
FARSI_ISL = ISS.parent / "Farsi.isl"
FARSI_ISL_URL = ("https://raw.githubusercontent.com/jrsoftware/issrc/"
                 "39476af91eaab64eb655727a2fe1a69425ee6447/Files/Languages/Unofficial/Farsi.isl")


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
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)


def find_iscc() -> Path | None:
    """Inno Setup 6's command-line compiler: on PATH or in its default folders."""
    found = shutil.which("ISCC") or shutil.which("iscc")
    if found:
        return Path(found)
    for env in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA"):
        base = os.environ.get(env)
        for sub in ("Inno Setup 6", os.path.join("Programs", "Inno Setup 6")):
            if base and (Path(base) / sub / "ISCC.exe").is_file():
                return Path(base) / sub / "ISCC.exe"
    return None


def build_installer() -> Path:
    """Compile packaging/windows/pol.iss over dist/Pol into dist/Pol-<version>-setup.exe."""
    if sys.platform != "win32":
        raise SystemExit("The installer is built on Windows only (Inno Setup); dist/Pol is ready.")
    iscc = find_iscc()
    if iscc is None:
        raise SystemExit("Inno Setup 6 was not found (ISCC.exe). Install it from "
                         "https://jrsoftware.org/isdl.php or `choco install innosetup`, then run "
                         "python packaging/build.py --installer again.")
    if not FARSI_ISL.is_file():
        from urllib.request import urlopen

        print(f"downloading the Persian installer messages: {FARSI_ISL_URL}")
        with urlopen(FARSI_ISL_URL, timeout=60) as answer:  # noqa: S310 - a pinned https URL
            FARSI_ISL.write_bytes(answer.read())
    version = app_version(ROOT)
    subprocess.run([str(iscc), f"/DAppVersion={version}", f"/DSourceDir={APP_DIR}",
                    f"/DRepoDir={ROOT}", f"/O{DIST}", str(ISS)], cwd=ROOT, check=True)
    return DIST / f"Pol-{version}-setup.exe"


def main(argv: list[str] | None = None) -> int:
    """Build; print where the result is, how big it is and how long it took."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--installer", action="store_true",
                        help="also compile the Windows installer (Windows + Inno Setup 6)")
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
