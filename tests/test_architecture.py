"""The layers point one way: models and services import no Qt and nothing from the views."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "app"
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "app.views", "app.bootstrap")


def _imports(path: Path) -> list[str]:
    """Every module name a Python file imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


LAYER_FILES = sorted(
    p for layer in ("models", "services", "demo") for p in (ROOT / layer).rglob("*.py")
)


def test_layers_have_files() -> None:
    """The scan below really looks at the domain code."""
    assert len(LAYER_FILES) > 10


@pytest.mark.parametrize("path", LAYER_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_domain_imports_no_qt_and_no_views(path: Path) -> None:
    """app/models and app/services never import Qt or the views."""
    bad = [n for n in _imports(path) if n.split(".")[0] in FORBIDDEN or n.startswith(FORBIDDEN)]
    assert not bad, f"{path} imports {bad}"


def test_the_check_catches_a_qt_import(tmp_path: Path) -> None:
    """The scanner finds a PySide6 import (so a green run means something)."""
    f = tmp_path / "x.py"
    f.write_text("from PySide6.QtCore import QObject\nimport app.views.main_window\n")
    assert [n for n in _imports(f) if n.startswith(FORBIDDEN)] == [
        "PySide6.QtCore", "app.views.main_window"]
