"""Extend a referral's deadline (تمدید) by working days, with a reason; the limit is shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QSpinBox, QWidget

from app.services.core import jalali, persian
from app.services.core.context import Actor
from app.services.referrals.dto import ReferralDossier
from app.services.referrals.service import MAX_EXTENSION_DAYS, ReferralService
from app.views.formatting import plain_label
from app.views.framework.write_dialog import WriteDialog
from app.views.widgets.text_edit import PersianTextEdit

DEFAULT_EXTRA_DAYS = 5


class ExtensionDialog(WriteDialog):
    """Working days to add and why; refused by the service beyond the office's limit."""

    def __init__(self, referrals: ReferralService, actor: Actor, dossier: ReferralDossier,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"تمدید مهلت ارجاع به {dossier.agency}", "تمدید", parent)
        self.referrals, self.actor, self.dossier = referrals, actor, dossier
        used = persian.to_persian_digits(dossier.extensions)
        allowed = persian.to_persian_digits(dossier.max_extensions)
        self.form.addRow("مهلت کنونی:", plain_label(jalali.format_jalali(dossier.deadline)))
        self.form.addRow("تمدیدهای پیشین:", plain_label(f"{used} از {allowed} بار مجاز"))
        self.days = QSpinBox()
        self.days.setRange(1, MAX_EXTENSION_DAYS)
        self.days.setValue(DEFAULT_EXTRA_DAYS)
        self.days.setSuffix(" روز کاری")
        self.reason = PersianTextEdit()
        self.reason.setPlaceholderText("دلیل تمدید، مثلاً درخواست کتبی دستگاه به شمارهٔ …")
        self.reason.setMaximumHeight(90)
        self.add_field("مدت تمدید:", self.days, "extra_days")
        self.add_field("دلیل:", self.reason, "reason")
        self.errors.label_for("status")
        self.form.addRow("", self.errors.labels["status"])

    def call(self) -> Callable[[], Any]:
        """Extend from the current deadline."""
        referrals, actor, d = self.referrals, self.actor, self.dossier
        days, reason = self.days.value(), self.reason.toPlainText()
        return lambda: referrals.extend(actor, d.id, d.version, days, reason)
