"""The pick lists a page reads once (counties, agencies, the default answer period)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.services.registry import Services

if TYPE_CHECKING:
    from app.services.core.context import Actor
    from app.services.core.dto import RefItem

    Lists = tuple[list[RefItem], list[RefItem], int]  # counties, agencies, answer days


def reader(services: Services, actor: Actor | None = None) -> Callable[[], Lists]:
    """The pick lists a page reads once (counties, agencies, the default answer period); the
    counties are the actor's own when the actor is limited to some."""
    ref = services.reference
    return lambda: (ref.counties(actor=actor), ref.agencies(), int(ref.referral_answer_days()))
