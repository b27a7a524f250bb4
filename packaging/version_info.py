"""Windows version resource for Pol's executables (Explorer's Details tab), from app.__version__."""

from __future__ import annotations

import re
from pathlib import Path


def app_version(root: Path) -> str:
    """Pol's version as written in app/__init__.py (read as text: the spec must not import app)."""
    text = (root / "app" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__\s*=\s*"([^"]+)"', text)
    if match is None:
        raise SystemExit("app/__init__.py has no __version__")
    return match.group(1)


def windows_version(root: Path, name: str) -> object:
    """A PyInstaller VSVersionInfo for one executable (Windows builds only)."""
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    version = app_version(root)
    parts = tuple(int(p) for p in re.findall(r"\d+", version)[:4])
    parts = parts + (0,) * (4 - len(parts))
    strings = [StringStruct("CompanyName", "Pol"),
               StringStruct("FileDescription", "Pol (پل)"),
               StringStruct("FileVersion", version),
               StringStruct("InternalName", name),
               StringStruct("OriginalFilename", f"{name}.exe"),
               StringStruct("ProductName", "Pol"),
               StringStruct("ProductVersion", version)]
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=parts, prodvers=parts),
        kids=[StringFileInfo([StringTable("040904B0", strings)]),
              VarFileInfo([VarStruct("Translation", [0x0409, 1200])])])
