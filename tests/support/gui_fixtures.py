"""GUI fixtures: Pol's application settings and a filled database with its services."""

from __future__ import annotations

from datetime import date

import pytest

from app.bootstrap import make_application
from app.demo.generator import DemoGenerator
from app.models.database import Database
from app.models.enums import Role
from app.services.core.context import SYSTEM
from app.services.core.reference import prepare_database
from app.services.core.users import actor_of
from app.services.registry import Services


@pytest.fixture
def app(qapp):  # noqa: ANN001, ANN201
    """The QApplication configured as Pol configures it (RTL, Persian, font)."""
    return make_application()


@pytest.fixture
def gui_services(app, sqlite_url):  # noqa: ANN001, ANN201
    """Services over a SQLite file with some demo data."""
    db = Database(sqlite_url)
    prepare_database(db)
    DemoGenerator(db, seed=4, today=date(2026, 11, 28)).run(400)
    yield Services.for_database(db)
    db.dispose()


@pytest.fixture
def operator(gui_services):  # noqa: ANN001, ANN201
    """A signed-in operator."""
    return actor_of(gui_services.users.add(SYSTEM, "clerk", "secret-1", Role.OPERATOR, "کارشناس"))


@pytest.fixture(autouse=True)
def _message_boxes_never_block(monkeypatch):  # noqa: ANN001, ANN202
    """A message box a test did not expect is recorded and answered, never left open.

    Offscreen, a modal box waits for a click that never comes and the whole run hangs (seen on a
    loaded machine when a start-up job failed). Tests that expect a box patch it themselves; their
    patch replaces this one.
    """
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str]] = []

    def answer(kind: str, button: QMessageBox.StandardButton):  # noqa: ANN202
        def box(_parent, _title, text, *_args, **_kwargs):  # noqa: ANN001, ANN202
            shown.append((kind, str(text)))
            return button
        return box

    ok, no = QMessageBox.StandardButton.Ok, QMessageBox.StandardButton.No
    for kind, button in (("critical", ok), ("warning", ok), ("information", ok), ("question", no)):
        monkeypatch.setattr(QMessageBox, kind, answer(kind, button))
    return shown
