"""The pick lists a page reads once (counties, agencies, the default answer period).

Through `Services.reference` (the services' one door for reference data) where it exists, else
through the older module functions: the pages work on either side of that change.
"""

from __future__ import annotations

from collections.abc import Callable

from app.services.core import reference
from app.services.core.reference import RefItem
from app.services.registry import Services

Lists = tuple[list[RefItem], list[RefItem], int]  # counties, agencies, referral answer days


def reader(services: Services) -> Callable[[], Lists]:
    """A function (to run off the GUI thread) that reads the three lists in one job."""
    ref = getattr(services, "reference", None)
    if ref is not None:
        return lambda: (ref.counties(), ref.agencies(), int(ref.referral_answer_days()))
    db = services.db
    return lambda: (reference.counties(db, None), reference.agencies(db),
                    int(reference.settings(db)["referral_answer_days"]))
