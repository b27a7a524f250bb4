"""Record a follow-up (پیگیری) of a referral: a phone call, a reminder letter or a meeting."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QWidget

from app.models.enums import FollowUpKind
from app.services.core import jalali
from app.services.core.context import Actor
from app.services.referrals.dto import ReferralDossier
from app.views.referrals import words as w
from app.views.widgets.jalali_date_edit import JalaliDateEdit
from app.views.widgets.service_dialog import ServiceDialog
from app.views.widgets.text_edit import PersianTextEdit

if TYPE_CHECKING:
    from app.services.referrals.service import ReferralService


class FollowUpDialog(ServiceDialog):
    """Kind, date and a note of one follow-up."""

    def __init__(self, referrals: ReferralService, actor: Actor, dossier: ReferralDossier,
                 parent: QWidget | None = None, kind: str = FollowUpKind.PHONE,
                 note: str = "") -> None:
        super().__init__(w.FOLLOW_UP_TITLE.format(dossier.agency), w.FOLLOW_UP_OK, parent)
        self.referrals, self.actor, self.dossier = referrals, actor, dossier
        self.kind = QComboBox()
        for k in FollowUpKind:
            self.kind.addItem(k.label, k.value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(str(kind))))
        self.day = JalaliDateEdit()
        self.day.set_value(jalali.tehran_today())
        self.note = PersianTextEdit(note)
        self.note.setPlaceholderText(w.FOLLOW_UP_PLACEHOLDER)
        self.note.setMaximumHeight(100)
        self.add_field(w.FOLLOW_UP_KIND, self.kind, "kind")
        self.add_field(w.FOLLOW_UP_DAY, self.day, "day")
        self.add_field(w.FOLLOW_UP_NOTE, self.note, "note")

    def call(self) -> Callable[[], Any]:
        """Record the follow-up."""
        referrals, actor, rid = self.referrals, self.actor, self.dossier.id
        kind, day, note = self.kind.currentData(), self.day.value(), self.note.toPlainText()
        req_id = self.dossier.request_id
        self.changes = lambda _none: {"referrals": [rid], "requests": [req_id]}
        return lambda: referrals.add_follow_up(actor, rid, kind, day, note)
