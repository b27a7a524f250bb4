"""The meeting calendar page (تقویم دیدارها) and its dialogs."""
