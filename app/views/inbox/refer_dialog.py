"""Refer a request to an executive agency: agency, the letter (its number, date, classification,
priority, copies) and the working days the agency has to answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from app.models.enums import LetterClass, LetterPriority
from app.services.core import jalali
from app.services.core.context import Actor
from app.services.letters.dto import LetterDefaults, LetterFields
from app.services.registry import Services
from app.services.requests.dto import ReferralInfo, RequestDetail
from app.views import background, formatting, style
from app.views.inbox import words as w
from app.views.letters import words as lw
from app.views.widgets.jalali_date_edit import JalaliDateEdit
from app.views.widgets.service_dialog import ServiceDialog
from app.views.widgets.text_edit import PersianTextEdit

if TYPE_CHECKING:
    from app.services.core.reference import RefItem


class ReferDialog(ServiceDialog):
    """Asks for the referral letter; the user's input stays on a validation error.

    The agencies and the default answer period come from the page (read once, kept). The
    secretariat's next number and the office's copies are read when the dialog is shown; the
    number itself is taken when the referral is saved, so two desks never get the same one.
    """

    def __init__(self, services: Services, actor: Actor, detail: RequestDetail,
                 agencies: list[RefItem], default_days: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(w.refer_title(detail.tracking_code), w.REFER_OK, parent)
        self.setMinimumWidth(540)  # the copies read on one line each
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
        self.auto_number = QRadioButton(lw.NUMBER_AUTO)
        self.hand_number = QRadioButton(lw.NUMBER_BY_HAND)
        self.auto_number.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.auto_number)
        group.addButton(self.hand_number)
        self.next_number = QLabel(lw.NUMBER_LOADING)
        style.set_role(self.next_number, "hint")
        for widget in (self.auto_number, self.next_number):
            widget.setToolTip(lw.NUMBER_AUTO_TIP)
        self.letter_no = QLineEdit()
        self.letter_no.setPlaceholderText(w.LETTER_NO_EXAMPLE)
        number = QWidget()
        grid = QGridLayout(number)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.auto_number, 0, 0)
        grid.addWidget(self.next_number, 0, 1)
        grid.addWidget(self.hand_number, 1, 0)
        grid.addWidget(self.letter_no, 1, 1)
        grid.setColumnStretch(1, 1)
        # Typing a number the secretariat gave by hand chooses «by hand».
        self.letter_no.textChanged.connect(
            lambda text: self.hand_number.setChecked(True) if text.strip() else None)
        self.letter_date = JalaliDateEdit()
        self.days = QSpinBox()
        self.days.setRange(1, 365)
        self.days.setSuffix(w.WORKING_DAYS_SUFFIX)
        self.suggested_days = self._agency_period()
        self.days.setValue(self.suggested_days)
        self.agency.currentIndexChanged.connect(self._agency_chosen)
        self.classification = QComboBox()
        for c in LetterClass:
            self.classification.addItem(c.label, c.value)
        self.priority = QComboBox()
        for p in LetterPriority:
            self.priority.addItem(p.label, p.value)
        self.copies = PersianTextEdit()
        self.copies.setPlaceholderText(lw.COPIES_PLACEHOLDER)
        self.copies.setFixedHeight(self.copies.fontMetrics().lineSpacing() * 3 + 14)
        self.copies_loaded = False  # the office's default copies are in the box
        self.defaults_asked = False
        self.preview_year: int | None = None  # the Jalali year the shown number belongs to
        self.letter_date.dateChanged.connect(lambda _d: self._date_changed())
        self.add_field(w.REFER_AGENCY, self.agency, "agency_id")
        self.add_field(w.REFER_LETTER_NO, number)
        # The number's message sits under it and goes when the number is edited.
        self.widgets["letter_no"] = self.letter_no
        self.form.addRow("", self.errors.label_for("letter_no", self.letter_no))
        self.add_field(w.REFER_LETTER_DATE, self.letter_date, "letter_date")
        self.add_field(w.REFER_DAYS, self.days, "working_days")
        kinds = QWidget()
        row = QHBoxLayout(kinds)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.classification, 1)
        row.addWidget(self.priority, 1)
        self.add_field(lw.CLASS_AND_PRIORITY, kinds)
        self.add_field(lw.COPIES, self.copies, "copies")

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        """On first show: read the next number and the office's copies off the GUI thread."""
        super().showEvent(event)
        if not self.defaults_asked:
            self.load_defaults()

    def _date_changed(self) -> None:
        """A letter dated in another Jalali year is numbered in that year's series."""
        day = self.letter_date.value()
        if self.defaults_asked and day is not None and self.preview_year != jalali.to_jalali(day)[0]:
            self.load_defaults()

    def load_defaults(self) -> None:
        """Read the secretariat's next number (a preview) and the office's default copies."""
        self.defaults_asked = True
        letters, day = self.services.letters, self.letter_date.value()
        self.preview_year = jalali.to_jalali(day)[0] if day else None
        background.run(lambda: letters.defaults(day), on_done=self.show_defaults,
                       on_error=lambda _exc: self.next_number.setText(lw.NUMBER_UNAVAILABLE),
                       owner=self)

    def show_defaults(self, defaults: LetterDefaults) -> None:
        """Show the next number; fill the copies unless the user wrote some already."""
        self.next_number.setText(lw.next_number(formatting.code(defaults.next_number))
                                 if defaults.next_number else lw.NUMBER_UNAVAILABLE)
        if not self.copies.toPlainText().strip():
            self.copies.setPlainText("\n".join(defaults.copies))
        self.copies_loaded = True

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

    def letter_fields(self) -> LetterFields:
        """The letter's choices; copies left to the office's default until they were shown."""
        typed = self.copies.toPlainText()
        copies = (tuple(typed.splitlines()) if self.copies_loaded or typed.strip() else None)
        return LetterFields(classification=self.classification.currentData(),
                            priority=self.priority.currentData(), copies=copies,
                            auto_number=self.auto_number.isChecked())

    def call(self) -> Callable[[], Any]:
        """Refer the request, against the version the dialog was opened on."""
        sv, actor, d = self.services, self.actor, self.detail
        agency_id = self.agency.currentData()
        letter = self.letter_fields()
        letter_no = "" if letter.auto_number else self.letter_no.text()
        letter_date, days = self.letter_date.value(), self.days.value()
        return lambda: sv.referrals.refer(actor, d.id, d.version, agency_id, letter_no,
                                          letter_date, days, letter=letter)
