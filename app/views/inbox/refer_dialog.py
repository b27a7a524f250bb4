"""Refer a request to an executive agency: agency, letter number and date, working days."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from app.services.core.context import Actor
from app.services.registry import Services
from app.services.requests.dto import ReferralInfo, RequestDetail
from app.views.inbox import words as w
from app.views.widgets.jalali_date_edit import JalaliDateEdit
from app.views.widgets.service_dialog import ServiceDialog

if TYPE_CHECKING:
    from app.services.core.reference import RefItem


class ReferDialog(ServiceDialog):
    """Asks for the referral letter; the user's input stays on a validation error.

    The agencies and the default answer period come from the page (read once, kept).
    """

    def __init__(self, services: Services, actor: Actor, detail: RequestDetail,
                 agencies: list[RefItem], default_days: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(w.refer_title(detail.tracking_code), w.REFER_OK, parent)
        self.services, self.actor, self.detail = services, actor, detail
        self.agency = QComboBox()
        self.default_days = default_days
        self.agency_days: dict[int, int | None] = {}
        for a in agencies:
            if not a.is_governorate:
                self.agency.addItem(a.name, a.id)
                self.agency_days[a.id] = a.answer_days
        if detail.agency_id is not None:
            index = self.agency.findData(detail.agency_id)
            if index >= 0:
                self.agency.setCurrentIndex(index)
        self.letter_no = QLineEdit()
        self.letter_no.setPlaceholderText(w.LETTER_NO_EXAMPLE)
        self.letter_date = JalaliDateEdit()
        self.days = QSpinBox()
        self.days.setRange(1, 365)
        self.days.setSuffix(w.WORKING_DAYS_SUFFIX)
        self.suggested_days = self._agency_period()
        self.days.setValue(self.suggested_days)
        self.agency.currentIndexChanged.connect(self._agency_chosen)
        self.add_field(w.REFER_AGENCY, self.agency, "agency_id")
        self.add_field(w.REFER_LETTER_NO, self.letter_no, "letter_no")
        self.add_field(w.REFER_LETTER_DATE, self.letter_date, "letter_date")
        self.add_field(w.REFER_DAYS, self.days, "working_days")

    def _agency_period(self) -> int:
        """The chosen agency's own answer period, else the office default."""
        return self.agency_days.get(self.agency.currentData()) or self.default_days

    def _agency_chosen(self, _index: int) -> None:
        """Suggest the agency's period, unless the user typed their own."""
        if self.days.value() == self.suggested_days:
            self.suggested_days = self._agency_period()
            self.days.setValue(self.suggested_days)

    @property
    def result_referral(self) -> ReferralInfo | None:
        """The referral made (None until the service accepted it)."""
        return self.result_value

    def call(self) -> Callable[[], Any]:
        """Refer the request, against the version the dialog was opened on."""
        sv, actor, d = self.services, self.actor, self.detail
        agency_id = self.agency.currentData()
        letter_no, letter_date, days = (self.letter_no.text(), self.letter_date.value(),
                                        self.days.value())
        return lambda: sv.referrals.refer(actor, d.id, d.version, agency_id, letter_no,
                                          letter_date, days)
