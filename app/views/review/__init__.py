"""The inspection directorate's review page (بازرسی)."""
