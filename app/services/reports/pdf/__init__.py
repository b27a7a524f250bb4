"""Pol's PDFs (reportlab): the quarterly report, letters, slips and cards, and one tested helper
for RTL text. Nothing is imported here, so a module that needs one document's DTOs does not
load the quarterly report's layout (and openpyxl with it) at start-up."""
