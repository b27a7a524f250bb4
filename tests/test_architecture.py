"""The layers point one way: models and services import no Qt and nothing from the views."""

from __future__ import annotations

import ast
import re
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


# What a view may import from app.services: plain data (dto modules), the registry it is
# handed, the Persian text and calendar rules, the clock, the actor and the service messages.
# Everything else a view needs it asks of `Services`. Imports under `if TYPE_CHECKING:` are
# types only (no call can go through them) and are allowed.
VIEW_ALLOWED = (
    "app.services.registry",
    "app.services.core.persian",
    "app.services.core.jalali",
    "app.services.core.clock",
    "app.services.core.context",
    "app.services.core.messages",
    # Backups are file work that must run before any database (and so any Services) opens:
    # restoring a damaged file at start-up.
    "app.services.core.backup",
    # Signing in to a server comes before any Services: the connection itself is made as the
    # user's own login (CONNECT is not granted to PUBLIC), so the sign-in form calls it directly.
    "app.services.core.server_login",
)
VIEW_FILES = sorted((ROOT / "views").rglob("*.py"))


def _runtime_imports(path: Path) -> list[str]:
    """Module names a file imports at run time (skipping `if TYPE_CHECKING:` blocks)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip |= {id(n) for n in ast.walk(node)}
    names = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names += [node.module] if node.module != "app.services.core" else [
                f"app.services.core.{a.name}" for a in node.names]
    return names


def _view_may_import(name: str) -> bool:
    """True when a view may import module `name`."""
    if not name.startswith("app.services"):
        return True
    return name.endswith(".dto") or name.startswith(VIEW_ALLOWED)


@pytest.mark.parametrize("path", VIEW_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_views_reach_services_only_through_the_registry(path: Path) -> None:
    """A view imports services only as data (dto), the registry and the shared rules."""
    bad = [n for n in _runtime_imports(path) if not _view_may_import(n)]
    assert not bad, f"{path} imports {bad}; call it through Services (app/services/registry.py)"


def test_the_view_check_catches_a_service_call(tmp_path: Path) -> None:
    """A module-level service function imported by a view is caught; a TYPE_CHECKING one not."""
    f = tmp_path / "v.py"
    f.write_text("from typing import TYPE_CHECKING\n"
                 "from app.services.core import reference, persian\n"
                 "from app.services.requests.dto import RequestRow\n"
                 "if TYPE_CHECKING:\n    from app.services.requests.service import RequestService\n")
    assert [n for n in _runtime_imports(f) if not _view_may_import(n)] == [
        "app.services.core.reference"]


# --- service error messages live in app/services/core/messages.py ----------------------------

_ERRORS = {"ValidationError", "NotFound", "ConflictError", "PolError", "BackupError"}
_PERSIAN = re.compile(r"[\u0600-\u06FF]")
SERVICE_FILES = sorted((ROOT / "services").rglob("*.py"))


def _persian_error_literals(path: Path) -> list[int]:
    """Lines where an error is raised with Persian text written in place (not from messages)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in _ERRORS):
            continue
        for arg in ast.walk(node):
            if (isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                    and _PERSIAN.search(arg.value)):
                lines.append(arg.lineno)
    return lines


@pytest.mark.parametrize("path", SERVICE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_service_errors_take_their_words_from_messages(path: Path) -> None:
    """No service raises an error with Persian typed in place: the words are in messages.py."""
    if path.name == "messages.py":
        return
    assert not _persian_error_literals(path), (
        f"{path}: Persian error text on lines {_persian_error_literals(path)}; "
        "add it to app/services/core/messages.py")


def test_the_message_check_catches_a_literal(tmp_path: Path) -> None:
    """A ValidationError with Persian typed in place is caught; one from messages is not."""
    f = tmp_path / "s.py"
    f.write_text('raise ValidationError({"x": "نام را وارد کنید."})\n'
                 "raise NotFound(msg.REQUEST)\n", encoding="utf-8")
    assert _persian_error_literals(f) == [1]


# --- plain data reaches into no service ---------------------------------------------------------

# What a dto module may import from app.services: other plain data and the pure text/calendar
# rules. A service (a module that reads or writes the database) is never among them: the views
# import dto modules freely, and a dto that imports a service drags it in behind their back.
DTO_ALLOWED = ("app.services.core.persian", "app.services.core.jalali",
               "app.services.core.messages", "app.services.core.context",
               "app.services.core.clock")
DTO_FILES = sorted((ROOT / "services").rglob("dto.py"))


def _dto_may_import(name: str) -> bool:
    if not name.startswith("app.services"):
        return True
    return name.endswith(".dto") or name.startswith(DTO_ALLOWED)


@pytest.mark.parametrize("path", DTO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_dto_modules_import_no_service(path: Path) -> None:
    """A dto module imports plain data and text rules only, never a service."""
    bad = [n for n in _runtime_imports(path) if not _dto_may_import(n)]
    assert not bad, f"{path} imports {bad}; hand the rule in from the service instead"


def test_the_dto_check_catches_a_service_import(tmp_path: Path) -> None:
    f = tmp_path / "dto.py"
    f.write_text("from app.services.letters import numbering\n"
                 "from app.services.core.dto import OFFICE\n", encoding="utf-8")
    assert [n for n in _runtime_imports(f) if not _dto_may_import(n)] == [
        "app.services.letters"]
