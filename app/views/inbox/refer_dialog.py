"""Refer a request to an executive agency: agency, letter number and date, working days."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import PolError, ValidationError
from app.services.core.context import Actor
from app.services.core.dto import RefItem
from app.services.registry import Services
from app.services.requests.dto import ReferralInfo, RequestDetail
from app.views import background, formatting, words
from app.views.formatting import plain
from app.views.widgets.field_errors import FieldErrors
from app.views.widgets.jalali_date_edit import JalaliDateEdit


class ReferDialog(QDialog):
    """Asks for the referral letter; the user's input stays on a validation error."""

    def __init__(self, services: Services, actor: Actor, detail: RequestDetail,
                 agencies: list[RefItem], default_days: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"ارجاع درخواست {formatting.tracking_code(detail.tracking_code)}")
        self.services, self.actor, self.detail = services, actor, detail
        self.result_referral: ReferralInfo | None = None
        self.errors = FieldErrors()
        self.agency = QComboBox()
        for a in agencies:
            if not a.is_governorate:
                self.agency.addItem(a.name, a.id)
        if detail.agency_id is not None:
            index = self.agency.findData(detail.agency_id)
            if index >= 0:
                self.agency.setCurrentIndex(index)
        self.letter_no = QLineEdit()
        self.letter_no.setPlaceholderText("مثلاً ۱۲۳۴/۵۶")
        self.letter_date = JalaliDateEdit()
        self.days = QSpinBox()
        self.days.setRange(1, 365)
        self.days.setValue(default_days)
        self.days.setSuffix(" روز کاری")
        form = QFormLayout()
        form.addRow("دستگاه اجرایی:", self.agency)
        form.addRow("", self.errors.label_for("agency_id", self.agency))
        form.addRow("شمارهٔ نامه:", self.letter_no)
        form.addRow("", self.errors.label_for("letter_no", self.letter_no))
        form.addRow("تاریخ نامه:", self.letter_date)
        form.addRow("", self.errors.label_for("letter_date", self.letter_date))
        form.addRow("مهلت پاسخ:", self.days)
        form.addRow("", self.errors.label_for("working_days", self.days))
        self.general = plain(QLabel(""))
        self.general.setProperty("role", "error")
        self.general.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("ارجاع")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(words.CANCEL)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addWidget(buttons)

    def submit(self) -> None:
        """Send the referral to the services off the GUI thread."""
        sv, actor, d = self.services, self.actor, self.detail
        agency_id = self.agency.currentData()
        letter_no, letter_date, days = self.letter_no.text(), self.letter_date.value(), self.days.value()
        self.ok_button.setEnabled(False)
        background.run(lambda: sv.referrals.refer(actor, d.id, d.version, agency_id, letter_no,
                                                  letter_date, days),
                       on_done=self._done, on_error=self._failed, owner=self)

    def _done(self, referral: ReferralInfo) -> None:
        self.result_referral = referral
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.general.setText("؛ ".join(self.errors.show(exc.errors)))
        else:
            self.errors.clear()
            self.general.setText(exc.message if isinstance(exc, PolError) else str(exc))
