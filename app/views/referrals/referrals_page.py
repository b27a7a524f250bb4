"""The referrals page: the tracker and the agency-performance panel, in two tabs."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.services.core.context import Actor
from app.services.registry import Services
from app.views.framework.master_detail import PAGE_MARGINS
from app.views.referrals import words as w
from app.views.referrals.agency_panel import AgencyPanel
from app.views.referrals.tracker_view import ReferralTrackerView


class ReferralsPage(QWidget):
    """پیگیری ارجاعات."""

    message = Signal(str)  # something for the status bar

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tracker = ReferralTrackerView()
        self.agencies = AgencyPanel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.tracker, w.TAB_TRACKER)
        self.tabs.addTab(self.agencies, w.TAB_AGENCIES)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*PAGE_MARGINS)
        layout.addWidget(self.tabs)
        self.agencies.agency_activated.connect(self.show_agency_overdue)
        self.tracker.message.connect(self.message)

    def set_context(self, services: Services, actor: Actor) -> None:
        """Connect both tabs to the database as the signed-in user."""
        self.tracker.set_context(services, actor)
        self.agencies.set_stats(services.stats, actor)

    def show_agency_overdue(self, agency_id: int) -> None:
        """Switch to the tracker showing one agency's overdue referrals."""
        self.tabs.setCurrentWidget(self.tracker)
        self.tracker.show_agency_overdue(agency_id)
