"""Each agency's own answer period in working days (blank: the office default)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from app.services.core.working_week.dto import AgencyPeriod
from app.views import style
from app.views.admin import words
from app.views.admin.agency_period_model import COL_AGENCY, COL_DAYS, AgencyPeriodModel
from app.views.formatting import plain_label


class AgencyPeriodsTab(QWidget):
    """A table of agencies whose period column is typed into."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = plain_label("")
        self.hint.setWordWrap(True)
        style.set_role(self.hint, "hint")
        self.model = AgencyPeriodModel(self)
        self.table = QTableView()
        self.table.setObjectName("agencyPeriods")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_AGENCY, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_DAYS, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)

    def set_agencies(self, agencies: tuple[AgencyPeriod, ...], default_days: int) -> None:
        """Show the agencies read."""
        self.hint.setText(words.agencies_hint(default_days))
        self.model.set_agencies(agencies, default_days)
