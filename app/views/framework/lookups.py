"""The pick lists a page reads once (counties, agencies, the default answer period).

Through `Services.reference` (the services' one door for reference data) where it exists, else
through the older module functions: the pages work on either side of that change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.services.registry import Services

if TYPE_CHECKING:
    from app.services.core.reference import RefItem

    Lists = tuple[list[RefItem], list[RefItem], int]  # counties, agencies, answer days


def reader(services: Services) -> Callable[[], Lists]:
    """A function (to run off the GUI thread) that reads the three lists in one job."""
    ref = getattr(services, "reference", None)
    if ref is not None:
        return lambda: (ref.counties(), ref.agencies(), int(ref.referral_answer_days()))
    # Transitional, until Services.reference exists everywhere.
    from app.services.core import reference

    db = services.db
    return lambda: (reference.counties(db, None), reference.agencies(db),
                    int(reference.settings(db)["referral_answer_days"]))
