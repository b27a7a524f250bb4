"""The change bus: one signal per kind of record, emitted after a write with the ids it touched.

In the spirit of Anki's `OpChanges`: a page that shows requests listens to `requests_changed`
and refreshes just those rows, whichever page made the change.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ChangeBus(QObject):
    """Signals named for what changed; each carries the list of ids touched (empty: unknown)."""

    requests_changed = Signal(list)
    referrals_changed = Signal(list)
    meetings_changed = Signal(list)
    reviews_changed = Signal(list)
    users_changed = Signal(list)
    settings_changed = Signal(list)


_bus: ChangeBus | None = None


def bus() -> ChangeBus:
    """The application's one change bus (made on first use, on the GUI thread)."""
    global _bus
    if _bus is None:
        _bus = ChangeBus()
    return _bus
