"""Load an Alembic revision file as a module (their names start with a digit)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import app.models.migrations as _migrations

VERSIONS = Path(_migrations.__file__).resolve().parent / "versions"


def migration_module(stem: str) -> ModuleType:
    """The revision file versions/<stem>.py, imported under a private name."""
    spec = importlib.util.spec_from_file_location(f"_pol_revision_{stem}", VERSIONS / f"{stem}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
