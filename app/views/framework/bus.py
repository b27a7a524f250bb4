"""The change bus: one signal per kind of record, emitted after a write with the ids it touched.

In the spirit of Anki's `OpChanges`: a page that shows requests listens to `requests_changed`
and refreshes just those rows, whichever page made the change.
"""

from __future__ import annotations

from typing import Any

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


KINDS = ("requests", "referrals", "meetings", "reviews", "users", "settings")


def changes_of(result: Any) -> dict[str, list[int]]:
    """The ids a write's returned DTO names: a referral touches its request too, and so on.

    Read by duck typing, so any DTO with `id` and `request_id` / `referral_id` works; a
    result the helper cannot read (None, a count) announces nothing.
    """
    name = type(result).__name__
    out: dict[str, list[int]] = {}
    rid = getattr(result, "id", None)
    if name.startswith("Referral"):
        out["referrals"] = [rid] if isinstance(rid, int) else []
        out["requests"] = _ints(getattr(result, "request_id", None))
    elif name.startswith("Review"):
        out["reviews"] = [rid] if isinstance(rid, int) else []
        out["requests"] = _ints(getattr(result, "request_id", None))
        out["referrals"] = _ints(getattr(result, "referral_id", None))
    elif name.startswith("Request"):
        out["requests"] = [rid] if isinstance(rid, int) else []
    elif name.startswith("Meeting"):
        out["meetings"] = [rid] if isinstance(rid, int) else []
    elif name.startswith("User"):
        out["users"] = [rid] if isinstance(rid, int) else []
    return {k: v for k, v in out.items() if v}


def _ints(value: Any) -> list[int]:
    return [value] if isinstance(value, int) else []


def announce(changes: dict[str, list[int]]) -> None:
    """Emit the bus signal of every kind that changed, with its ids."""
    b = bus()
    for kind, ids in changes.items():
        if kind not in KINDS:
            raise ValueError(f"unknown kind of change: {kind}")
        getattr(b, f"{kind}_changed").emit(list(ids))
