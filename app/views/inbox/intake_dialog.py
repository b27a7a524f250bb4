"""A quick form for walk-ins and phone calls; ends on a page with the tracking code large."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import PolError, ValidationError
from app.models.enums import Channel, RequestType
from app.services.core import jalali, persian
from app.services.core.context import Actor
from app.services.core.dto import RefItem
from app.services.registry import Services
from app.services.requests.dto import CitizenInfo, CitizenInput, NewRequest, RequestDetail
from app.views import background
from app.views import words as shared
from app.views.formatting import literal_html, plain
from app.views.inbox import batch_words as bw
from app.views.inbox import intake_words as words
from app.views.inbox.intake_done import IntakeDonePage
from app.views.inbox.repeat_panel import RepeatPanel
from app.views.widgets.field_errors import FieldErrors
from app.views.widgets.jalali_date_edit import JalaliDateEdit
from app.views.widgets.ltr_edit import ltr_line_edit
from app.views.widgets.text_edit import PersianTextEdit


class IntakeDialog(QDialog):
    """Register a new request: citizen first (by national ID), then the request."""

    registered = Signal(object)  # RequestDetail

    def __init__(self, services: Services, actor: Actor, counties: list[RefItem],
                 agencies: list[RefItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(words.TITLE)
        self.setMinimumWidth(840)  # a field error fits on one line under a half-width field
        self.services, self.actor = services, actor
        self.result_detail: RequestDetail | None = None
        self.errors = FieldErrors()
        self.national_id = ltr_line_edit(words.NATIONAL_ID_HINT)
        self.known = plain(QLabel(""))
        self.known.setWordWrap(True)
        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        self.mobile = ltr_line_edit(words.MOBILE_HINT)
        # The citizen's say on text messages (issue 14 §3); a known citizen's is shown on lookup.
        self.no_sms = QCheckBox(words.NO_SMS)
        self.no_sms.setToolTip(words.NO_SMS_TIP)
        self.no_sms_known = False
        self.county = QComboBox()
        self.county.addItem(words.NONE, None)
        for c in counties:
            self.county.addItem(c.name, c.id)
        self.agency = QComboBox()
        self.agency.addItem(words.NONE, None)
        for a in agencies:
            self.agency.addItem(a.name, a.id)
        self.type = QComboBox()
        for t in RequestType:
            self.type.addItem(t.label, t.value)
        self.channel = QComboBox()
        for c in Channel:
            self.channel.addItem(c.label, c.value)
        self.channel.setCurrentIndex(self.channel.findData(Channel.WALK_IN.value))
        self.subject = QLineEdit()
        self.body = PersianTextEdit()
        self.body.setMinimumHeight(72)
        self.body.setMaximumHeight(120)
        self.received = JalaliDateEdit()
        self.field_widgets: dict[str, QWidget] = {}
        # Two columns of short fields, the subject and the text across both: the whole form fits
        # a maximised dialog on a 1366×768 monitor, every field with its reserved error line.
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(4, 1)
        grid.setColumnMinimumWidth(2, 14)  # between the two columns of fields
        pairs = [((words.LABEL_NATIONAL_ID, self.national_id, "citizen.national_id"), None),
                 ((words.LABEL_FIRST_NAME, self.first_name, "citizen.first_name"),
                  (words.LABEL_LAST_NAME, self.last_name, "citizen.last_name")),
                 ((words.LABEL_MOBILE, self.mobile, "citizen.mobile"),
                  (words.LABEL_COUNTY, self.county, "county_id")),
                 ((words.LABEL_TYPE, self.type, "type"),
                  (words.LABEL_CHANNEL, self.channel, "channel")),
                 ((words.LABEL_AGENCY, self.agency, "agency_id"),
                  (words.LABEL_RECEIVED, self.received, "received_at")),
                 ((words.LABEL_SUBJECT, self.subject, "subject"), None),
                 ((words.LABEL_BODY, self.body, "body"), None)]
        for i, (first, second) in enumerate(pairs):
            row = 2 * i
            wide = second is None and first[1] is not self.national_id
            self._add_field(grid, row, 0, *first, span=4 if wide else 1)
            if second is not None:
                self._add_field(grid, row, 3, *second)
        # A known citizen's line sits beside the national ID, over two rows' room: no jump.
        grid.addWidget(self.known, 0, 3, 2, 2, Qt.AlignmentFlag.AlignTop)
        self.general = plain(QLabel(""))
        self.general.setProperty("role", "error")
        self.general.setWordWrap(True)
        self.save_button = QPushButton(words.SAVE)
        self.save_button.setToolTip(words.SAVE_TIP)
        self.save_button.setDefault(True)
        cancel = QPushButton(shared.CANCEL)
        cancel.setToolTip(words.CANCEL_TIP)
        buttons = QHBoxLayout()
        buttons.addWidget(self.no_sms)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        form_page = QWidget()
        form_layout = QVBoxLayout(form_page)
        form_layout.addLayout(grid)
        form_layout.addWidget(self._event_row())
        # The citizen's look-alike requests, looked up as the citizen and subject are typed.
        self.repeat_panel = RepeatPanel(services, actor, self.collect)
        form_layout.addWidget(self.repeat_panel)
        form_layout.addStretch(1)
        form_layout.addWidget(self.general)
        form_layout.addLayout(buttons)
        # The second page shows the tracking code large enough to read out to the citizen.
        self.done_page = IntakeDonePage(services.requests)
        self.code_label = self.done_page.code_label
        self.copy_button = self.done_page.copy_button
        self.pages = QStackedWidget()
        self.pages.addWidget(form_page)
        self.pages.addWidget(self.done_page)
        QVBoxLayout(self).addWidget(self.pages)
        self.save_button.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)
        self.done_page.close_requested.connect(self.accept)
        self.done_page.another_requested.connect(self.start_another)
        self.national_id.editingFinished.connect(self.look_up_citizen)
        for edit in (self.national_id, self.mobile, self.subject, self.body):
            edit.textChanged.connect(self.repeat_panel.schedule)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.submit)
        self.national_id.setFocus()

    def _event_row(self) -> QWidget:
        """The optional event (issue 14 §1): shown only while an event is running."""
        self.event = QComboBox()
        self.event.setObjectName("intakeEvent")
        self.event.addItem(bw.NO_EVENT, None)
        row = QWidget()
        row.setObjectName("intakeEventRow")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(bw.EVENT))
        layout.addWidget(self.event, 1)
        row.setVisible(False)
        self.event_row = row
        events, actor = self.services.events, self.actor

        def loaded(current: list) -> None:
            for e in current:
                self.event.addItem(f"{e.name} ({e.kind_label})", e.id)
            row.setVisible(bool(current))

        background.run(lambda: events.list(actor, current_only=True), on_done=loaded, owner=self)
        return row

    def _add_field(self, grid: QGridLayout, row: int, column: int, label: str, widget: QWidget,
                   field: str, span: int = 1) -> None:
        """One labelled field at (row, column) of the grid, its error line in the row under it."""
        caption = QLabel(label)
        top = widget is self.body
        align = (Qt.AlignmentFlag.AlignTop if top else Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(caption, row, column, align | Qt.AlignmentFlag.AlignLeading)
        grid.addWidget(widget, row, column + 1, 1, span)
        grid.addWidget(self.errors.label_for(field, widget), row + 1, column + 1, 1, span)
        self.field_widgets[field] = widget

    # --- citizen lookup -------------------------------------------------------------------

    def look_up_citizen(self) -> None:
        """Fill a known citizen's details from the national ID (off the GUI thread)."""
        nid = persian.clean_national_id(self.national_id.text())
        if not persian.is_valid_national_id(nid):
            self.known.setText("")
            return
        requests = self.services.requests
        background.run(lambda: requests.look_up_citizen(nid), on_done=self._show_known,
                       owner=self)

    def _show_known(self, info: CitizenInfo | None) -> None:
        if info is None:
            self.known.setText(words.NEW_CITIZEN)
            return
        self.known.setText(words.known_citizen(info.full_name,
                                               persian.to_persian_digits(info.request_count)))
        # Only fill what the clerk has not typed yet: never overwrite their input.
        if not self.first_name.text():
            self.first_name.setText(info.first_name)
        if not self.last_name.text():
            self.last_name.setText(info.last_name)
        if not self.mobile.text() and info.mobile:
            self.mobile.setText(info.mobile)
        if self.county.currentData() is None and info.county_id is not None:
            self.county.setCurrentIndex(max(0, self.county.findData(info.county_id)))
        self.no_sms_known = info.sms_opt_out
        if info.sms_opt_out:
            self.no_sms.setChecked(True)

    # --- saving -------------------------------------------------------------------------

    def collect(self) -> NewRequest:
        """The request the form describes."""
        day: date | None = self.received.value()
        received_at = None
        if day is not None and day != jalali.tehran_today():
            received_at = jalali.tehran_to_utc(datetime.combine(day, time(12)))
        return NewRequest(
            channel=self.channel.currentData(), type=self.type.currentData(),
            subject=self.subject.text(), body=self.body.toPlainText(),
            county_id=self.county.currentData(), agency_id=self.agency.currentData(),
            received_at=received_at, event_id=self.event.currentData(),
            citizen=CitizenInput(national_id=self.national_id.text(),
                                 first_name=self.first_name.text(),
                                 last_name=self.last_name.text(), mobile=self.mobile.text(),
                                 county_id=self.county.currentData(),
                                 # Unticked clears only a «no» this form showed; else as before.
                                 sms_opt_out=True if self.no_sms.isChecked() else
                                 (False if self.no_sms_known else None)),
        )

    def submit(self) -> None:
        """Register the request off the GUI thread; errors appear next to the fields."""
        if self.pages.currentIndex() != 0 or not self.save_button.isEnabled():
            return
        data = self.collect()
        sv, actor = self.services, self.actor
        if not self.confirm_warnings(sv.requests.warnings(data)):
            return
        self.save_button.setEnabled(False)
        self.general.setText(words.SAVING)
        # A write: every page that lists requests (and the status counts) hears of it.
        link = self.repeat_panel.choice()
        background.write(self, lambda: sv.requests.register(actor, data, link=link),
                         on_done=self._saved, on_error=self._failed)

    def _saved(self, detail: RequestDetail) -> None:
        self.save_button.setEnabled(True)
        self.result_detail = detail
        self.errors.clear()
        self.general.setText("")
        self.done_page.show_detail(detail)
        self.pages.setCurrentIndex(1)
        self.copy_button.setFocus()
        self.registered.emit(detail)

    def confirm_warnings(self, warnings: dict[str, str]) -> bool:
        """Ask the clerk each question the service raised (e.g. a Latin name); False: go back."""
        for field, question in warnings.items():
            answer = QMessageBox.question(self, words.CONFIRM_TITLE, literal_html(question))
            if answer != QMessageBox.StandardButton.Yes:
                widget = self.field_widgets.get(field)
                if widget is not None:
                    widget.setFocus()
                return False
        return True

    def _failed(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            orphans = self.errors.show(exc.errors)
            self.general.setText(words.FIX_FIELDS + "؛ ".join(orphans))
            first = next((self.field_widgets[f] for f in exc.errors if f in self.field_widgets),
                         None)
            if first is not None:
                first.setFocus()
        else:
            # The typed form stays as it is; the message says so, with the reason in Persian
            # (an unforeseen error's detail goes to the log, never onto the screen).
            # A domain error (a conflict, a wait given up) already says what happened and what
            # to do; anything else is said to have failed, its detail kept for the log.
            self.general.setText(exc.message if isinstance(exc, PolError)
                                 else f"{words.SAVE_FAILED} {shared.error_text(exc)}")

    def copy_code(self) -> None:
        """Put the tracking code (Latin digits, for pasting anywhere) on the clipboard."""
        self.done_page.copy_code()

    def start_another(self) -> None:
        """Clear the form for the next citizen."""
        for edit in (self.national_id, self.first_name, self.last_name, self.mobile, self.subject):
            edit.clear()
        self.body.clear()
        self.known.setText("")
        self.no_sms.setChecked(False)
        self.no_sms_known = False
        self.repeat_panel.clear()
        self.errors.clear()
        self.pages.setCurrentIndex(0)
        self.national_id.setFocus()
