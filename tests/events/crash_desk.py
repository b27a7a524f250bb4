"""A desk typing a batch in the grid, killed from outside (tests/events/test_batch_crash.py).

Run as `python -m tests.events.crash_desk DB_URL`: opens the batch intake dialog offscreen,
fills rows one after another as the keyboard would, prints «saved <code>» for each row whose
save returned, and keeps going until it is killed.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(url: str) -> None:
    """Type rows forever; each saved row is reported on stdout."""
    from PySide6.QtCore import QTimer

    from app.bootstrap import make_application
    from app.models.database import Database
    from app.models.enums import Role
    from app.services.core.context import SYSTEM
    from app.services.core.users import actor_of
    from app.services.registry import Services
    from app.views.inbox.batch_intake_dialog import BatchIntakeDialog

    app = make_application()
    db = Database(url)
    db.open()
    services = Services.for_database(db)
    actor = actor_of(services.users.add(SYSTEM, "desk", "secret-1", Role.OPERATOR, "میز"))
    d = BatchIntakeDialog(services, actor)
    d.row_saved.connect(lambda _r, s: print(f"saved {s.tracking_code}", flush=True))
    d.show()
    state = {"row": 0}

    def type_row() -> None:
        r = state["row"]
        m = d.model
        m.setData(m.index(r, 4), "تبریز")
        m.setData(m.index(r, 6), f"نامهٔ شمارهٔ {r + 1} سفر")
        d.table.setCurrentIndex(m.index(r + 1, 0))  # Enter after the subject: the row is left
        state["row"] = r + 1

    timer = QTimer()
    timer.timeout.connect(type_row)
    timer.start(50)
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1])
