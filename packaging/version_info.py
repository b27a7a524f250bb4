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
    # The release segment only (PEP 440 N[.N]...): "0.2.0rc1" is 0.2.0.0, not 0.2.0.1, which Windows
    # would take for a later build than 0.2.0. Each field of FixedFileInfo is a 16-bit WORD.
    release = re.match(r"\d+(?:\.\d+)*", version)
    if release is None:
        raise SystemExit(f"app/__init__.py: version {version!r} does not start with a number")
    parts = tuple(int(p) for p in release.group().split(".")[:4])
    if any(p > 0xFFFF for p in parts):
        raise SystemExit(f"version {version!r}: a Windows version field is at most 65535")
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
