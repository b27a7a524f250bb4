"""Words every page shares: buttons, the unexpected-error text, common titles (one copy each)."""

from __future__ import annotations

CANCEL = "انصراف"
SAVE = "ذخیره"
CLOSE = "بستن"
OK = "تأیید"
