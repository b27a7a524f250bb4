"""Load the application's style sheet: every resources/style/*.qss, base.qss first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

STYLE_DIR = Path(__file__).resolve().parents[2] / "resources" / "style"


def style_sheet() -> str:
    """base.qss, then every feature's .qss in name order."""
    files = sorted(STYLE_DIR.glob("*.qss"), key=lambda p: (p.name != "base.qss", p.name))
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


def apply(app: QApplication) -> None:
    """Give the application Pol's look."""
    app.setStyleSheet(style_sheet())
