"""A new event (رویداد تازه): name, kind, dates, county; saved off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from app.errors import ValidationError
from app.models.enums import EventKind
from app.services.core.context import Actor
from app.services.events.dto import EventInfo, EventInput
from app.services.registry import Services
from app.views import background
from app.views.framework import words as frame_words
from app.views.inbox import batch_words as w
from app.views.widgets.field_errors import FieldErrors
from app.views.widgets.jalali_date_edit import JalaliDateEdit


class EventDialog(QDialog):
    """Record a trip, a live session or a special meeting day."""

    created = Signal(object)  # EventInfo

    def __init__(self, services: Services, actor: Actor, counties: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(w.NEW_EVENT_TITLE)
        self.services, self.actor = services, actor
        self.errors = FieldErrors()
        self.name = QLineEdit()
        self.kind = QComboBox()
        for k in EventKind:
            self.kind.addItem(k.label, k.value)
        self.starts = JalaliDateEdit()
        self.ends = JalaliDateEdit()
        self.county = QComboBox()
        self.county.addItem(w.WHOLE_PROVINCE, None)
        for name in counties:
            self.county.addItem(name, name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        for label, widget, field in ((w.EVENT_NAME, self.name, "name"),
                                     (w.EVENT_KIND, self.kind, "kind"),
                                     (w.EVENT_STARTS, self.starts, "starts_on"),
                                     (w.EVENT_ENDS, self.ends, "ends_on"),
                                     (w.EVENT_COUNTY, self.county, "county_id")):
            form.addRow(label, widget)
            form.addRow("", self.errors.label_for(field, widget))
        self.general = self.errors.label_for("general")
        form.addRow(self.general)
        form.addRow(buttons)

    def submit(self) -> None:
        """Save the event; errors appear under their fields."""
        starts, ends = self.starts.value(), self.ends.value()
        events, intake, actor = self.services.events, self.services.intake, self.actor
        county_name = self.county.currentData()
        data = EventInput(self.name.text(), self.kind.currentData(), starts or ends,  # type: ignore[arg-type]
                          ends or starts)  # type: ignore[arg-type]

        def save() -> EventInfo:
            data.county_id = intake.county_id(county_name) if county_name else None
            return events.create(actor, data)

        def done(info: EventInfo) -> None:
            self.created.emit(info)
            self.accept()

        def failed(exc: Exception) -> None:
            if isinstance(exc, ValidationError):
                rest = self.errors.show(exc.errors)
                if rest:
                    self.general.setText("\n".join(rest))
            else:
                self.general.setText(frame_words.error_text(exc))

        if starts is None or ends is None:
            self.errors.show({"starts_on" if starts is None else "ends_on": w.EVENT_DATE_REQUIRED})
            return
        background.write(self, save, on_done=done, on_error=failed, changes=lambda _e: {})
