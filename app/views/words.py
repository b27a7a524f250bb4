"""Words every page shares: buttons, the unexpected-error text, common titles (one copy each)."""

from __future__ import annotations

CANCEL = "انصراف"
SAVE = "ذخیره"
CLOSE = "بستن"
OK = "تأیید"
# The one wording of an error nobody foresaw; the details go to the log file, never on screen.
UNEXPECTED_ERROR = "خطای پیش‌بینی‌نشده‌ای رخ داد. جزئیات در پروندهٔ گزارش برنامه ثبت شد."
