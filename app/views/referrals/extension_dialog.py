"""Extend a referral's deadline (تمدید) by working days, with a reason; the limit is shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QSpinBox, QWidget

from app.services.core.context import Actor
from app.services.referrals.dto import MAX_EXTENSION_DAYS, ReferralDossier
from app.views import formatting
from app.views.formatting import plain_label
from app.views.referrals import words as w
from app.views.widgets.service_dialog import ServiceDialog
from app.views.widgets.text_edit import PersianTextEdit

if TYPE_CHECKING:
    from app.services.referrals.service import ReferralService

DEFAULT_EXTRA_DAYS = 5


class ExtensionDialog(ServiceDialog):
    """Working days to add and why; refused by the service beyond the office's limit."""

    def __init__(self, referrals: ReferralService, actor: Actor, dossier: ReferralDossier,
                 parent: QWidget | None = None) -> None:
        super().__init__(w.EXTEND_TITLE.format(dossier.agency), w.EXTEND_OK, parent)
        self.referrals, self.actor, self.dossier = referrals, actor, dossier
        self.form.addRow(w.CURRENT_DEADLINE, plain_label(formatting.date(dossier.deadline)))
        self.form.addRow(w.EARLIER_EXTENSIONS,
                         plain_label(w.extensions(dossier.extensions, dossier.max_extensions)))
        self.days = QSpinBox()
        self.days.setRange(1, MAX_EXTENSION_DAYS)
        self.days.setValue(DEFAULT_EXTRA_DAYS)
        self.days.setSuffix(w.WORKING_DAYS_SUFFIX)
        self.reason = PersianTextEdit()
        self.reason.setPlaceholderText(w.EXTEND_PLACEHOLDER)
        self.reason.setMaximumHeight(90)
        self.add_field(w.EXTEND_DAYS, self.days, "extra_days")
        self.add_field(w.EXTEND_REASON, self.reason, "reason")
        self.errors.label_for("status")
        self.form.addRow("", self.errors.labels["status"])

    def call(self) -> Callable[[], Any]:
        """Extend from the current deadline."""
        referrals, actor, d = self.referrals, self.actor, self.dossier
        days, reason = self.days.value(), self.reason.toPlainText()
        return lambda: referrals.extend(actor, d.id, d.version, days, reason)
