"""Close a request (مختومه): how it was resolved and, where known, the citizen's satisfaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from app.services.core.context import Actor
from app.services.registry import Services
from app.services.requests.dto import RequestDetail
from app.views.formatting import plain_label
from app.views.inbox import words as w
from app.views.widgets.service_dialog import ServiceDialog
from app.views.widgets.text_edit import PersianTextEdit


class CloseDialog(ServiceDialog):
    """The resolution is required; the satisfaction may stay «نامعلوم»."""

    def __init__(self, services: Services, actor: Actor, detail: RequestDetail,
                 parent: QWidget | None = None) -> None:
        super().__init__(w.CLOSE_TITLE, w.CLOSE_OK, parent)
        self.services, self.actor, self.detail = services, actor, detail
        about = plain_label(w.CLOSE_INTRO.format(w.code(detail.tracking_code)))
        about.setWordWrap(True)
        self.form.addRow(about)
        self.resolution = PersianTextEdit(detail.actions_taken or detail.answer_text)
        self.resolution.setPlaceholderText(w.CLOSE_RESOLUTION_PLACEHOLDER)
        self.resolution.setMinimumHeight(100)
        self.satisfaction = QComboBox()
        self.satisfaction.addItem(w.SATISFACTION_UNKNOWN, None)
        for level, text in enumerate(w.SATISFACTION_LEVELS, start=1):
            self.satisfaction.addItem(text, level)
        if detail.satisfaction:
            self.satisfaction.setCurrentIndex(self.satisfaction.findData(detail.satisfaction))
        self.add_field(w.CLOSE_RESOLUTION, self.resolution, "actions_taken")
        self.add_field(w.CLOSE_SATISFACTION, self.satisfaction, "satisfaction")
        self.errors.label_for("status")
        self.form.addRow("", self.errors.labels["status"])

    def call(self) -> Callable[[], Any]:
        """Close the request with the resolution and satisfaction given."""
        sv, actor, d = self.services, self.actor, self.detail
        text, satisfaction = self.resolution.toPlainText(), self.satisfaction.currentData()
        return lambda: sv.requests.close(actor, d.id, d.version, satisfaction=satisfaction,
                                         actions_taken=text)
