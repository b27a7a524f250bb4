"""The pick lists a page reads once (counties, agencies, the default answer period)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.services.registry import Services

if TYPE_CHECKING:
    from app.services.core.dto import RefItem

    Lists = tuple[list[RefItem], list[RefItem], int]  # counties, agencies, answer days


def reader(services: Services) -> Callable[[], Lists]:
    """The pick lists a page reads once (counties, agencies, the default answer period)."""
    ref = services.reference
    return lambda: (ref.counties(), ref.agencies(), int(ref.referral_answer_days()))
