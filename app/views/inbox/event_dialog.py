"""A new event (رویداد تازه) or an edit of one: name, kind, dates, county, manager; saved off
the GUI thread. An edit saves under the version it was opened with: a stale save shows the
house's conflict message and leaves the typing in place."""

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
from app.views.inbox import events_words as ew
from app.views.widgets.field_errors import FieldErrors
from app.views.widgets.jalali_date_edit import JalaliDateEdit


class EventDialog(QDialog):
    """Record or edit a trip, a live session or a special meeting day."""

    created = Signal(object)  # EventInfo (a new event, or the edited one)

    def __init__(self, services: Services, actor: Actor, counties: list[str],
                 parent: QWidget | None = None, event: EventInfo | None = None,
                 managers: list[tuple[str, int]] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(ew.EDIT_TITLE if event else w.NEW_EVENT_TITLE)
        self.services, self.actor, self.event = services, actor, event
        self.errors = FieldErrors()
        self.name = QLineEdit()
        self.name.setMinimumWidth(320)
        self.kind = QComboBox()
        for k in EventKind:
            self.kind.addItem(k.label, k.value)
        self.starts = JalaliDateEdit()
        self.ends = JalaliDateEdit()
        self.county = QComboBox()
        self.county.addItem(w.WHOLE_PROVINCE, None)
        for name in counties:
            self.county.addItem(name, name)
        # The manager list is offered where the caller read it (the events screen); elsewhere
        # an edit keeps the manager the event has.
        self.manager: QComboBox | None = None
        if managers is not None:
            self.manager = QComboBox()
            self.manager.addItem(ew.NO_MANAGER, None)
            for label, mid in managers:
                self.manager.addItem(label, mid)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        rows = [(w.EVENT_NAME, self.name, "name"), (w.EVENT_KIND, self.kind, "kind"),
                (w.EVENT_STARTS, self.starts, "starts_on"), (w.EVENT_ENDS, self.ends, "ends_on"),
                (w.EVENT_COUNTY, self.county, "county_id")]
        if self.manager is not None:
            rows.append((ew.EVENT_MANAGER, self.manager, "manager_id"))
        for label, widget, field in rows:
            form.addRow(label, widget)
            form.addRow("", self.errors.label_for(field, widget))
        self.general = self.errors.label_for("general")
        self.general.setWordWrap(True)
        form.addRow(self.general)
        form.addRow(self.buttons)
        if event is not None:
            self._fill(event)

    def _fill(self, e: EventInfo) -> None:
        """Show an event's fields for editing."""
        self.name.setText(e.name)
        self.kind.setCurrentIndex(max(self.kind.findData(e.kind), 0))
        self.starts.set_value(e.starts_on)
        self.ends.set_value(e.ends_on)
        if e.county:
            at = self.county.findData(e.county)
            if at < 0:  # a county no longer offered stays the event's own
                self.county.addItem(e.county, e.county)
                at = self.county.count() - 1
            self.county.setCurrentIndex(at)
        if self.manager is not None and e.manager_id is not None:
            at = self.manager.findData(e.manager_id)
            if at < 0:
                self.manager.addItem(e.manager, e.manager_id)
                at = self.manager.count() - 1
            self.manager.setCurrentIndex(at)

    def submit(self) -> None:
        """Save the event; errors appear under their fields, a conflict below the form."""
        starts, ends = self.starts.value(), self.ends.value()
        events, intake, actor, event = (self.services.events, self.services.intake, self.actor,
                                        self.event)
        county_name = self.county.currentData()
        manager_id = (self.manager.currentData() if self.manager is not None
                      else event.manager_id if event is not None else None)
        data = EventInput(self.name.text(), self.kind.currentData(), starts or ends,  # type: ignore[arg-type]
                          ends or starts, manager_id=manager_id)  # type: ignore[arg-type]

        def save() -> EventInfo:
            data.county_id = intake.county_id(county_name) if county_name else None
            if event is None:
                return events.create(actor, data)
            return events.update(actor, event.id, event.version, data)

        def done(info: EventInfo) -> None:
            self.buttons.setEnabled(True)
            self.created.emit(info)
            self.accept()

        def failed(exc: Exception) -> None:
            self.buttons.setEnabled(True)  # the typing stays: the user may copy it or retry
            if isinstance(exc, ValidationError):
                rest = self.errors.show(exc.errors)
                if rest:
                    self.general.setText("\n".join(rest))
            else:
                self.errors.clear()
                self.general.setText(frame_words.error_text(exc))

        if starts is None or ends is None:
            self.errors.show({"starts_on" if starts is None else "ends_on": w.EVENT_DATE_REQUIRED})
            return
        self.general.setText("")
        self.buttons.setEnabled(False)
        background.write(self, save, on_done=done, on_error=failed,
                         changes=lambda _e: {})  # the events screen reloads itself
