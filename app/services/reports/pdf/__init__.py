"""The quarterly report as a PDF: layout from DTOs (reportlab), and one tested helper for RTL text."""

from app.services.reports.pdf.quarterly import render_quarterly_report

__all__ = ["render_quarterly_report"]
