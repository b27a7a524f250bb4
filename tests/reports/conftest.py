"""Fixtures for the PDF tests: hand-built reports and one rendering shared by the slow tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services.reports.dto import QuarterlyReport
from app.services.reports.pdf.quarterly import render_quarterly_report
from tests.reports.pdf_fixtures import make_report


@pytest.fixture(scope="session")
def report() -> QuarterlyReport:
    """A typical quarter: 24 managers, 20 agencies, 23 counties, 8 deep-rooted issues."""
    return make_report()


@pytest.fixture(scope="session")
def large_report() -> QuarterlyReport:
    """The largest report the province produces: 60 managers, 25 agencies, 50 deep-rooted issues."""
    return make_report(managers=60, agencies=25, deep_rooted=50, scale=30.0)


@pytest.fixture(scope="session")
def report_pdf(report: QuarterlyReport, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The typical report rendered once to a file."""
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    render_quarterly_report(report, path)
    return path
