"""A quick form for walk-ins and phone calls; ends by showing the tracking code large."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
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
from app.views.formatting import plain
from app.views.widgets.field_errors import FieldErrors
from app.views.widgets.jalali_date_edit import JalaliDateEdit
from app.views.widgets.tracking_code import TrackingCodeLabel


def ltr_line_edit(placeholder: str) -> QLineEdit:
    """A left-to-right field for digits (national ID, mobile)."""
    edit = QLineEdit()
    edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    edit.setAlignment(Qt.AlignmentFlag.AlignLeft)
    edit.setPlaceholderText(placeholder)
    return edit


class IntakeDialog(QDialog):
    """Register a new request: citizen first (by national ID), then the request."""

    registered = Signal(object)  # RequestDetail

    def __init__(self, services: Services, actor: Actor, counties: list[RefItem],
                 agencies: list[RefItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("ثبت درخواست تازه")
        self.setMinimumWidth(560)
        self.services, self.actor = services, actor
        self.result_detail: RequestDetail | None = None
        self.errors = FieldErrors()
        self.national_id = ltr_line_edit("کد ملی ده‌رقمی")
        self.known = plain(QLabel(""))
        self.known.setWordWrap(True)
        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        self.mobile = ltr_line_edit("۰۹۱۲۱۲۳۴۵۶۷")
        self.county = QComboBox()
        self.county.addItem("—", None)
        for c in counties:
            self.county.addItem(c.name, c.id)
        self.agency = QComboBox()
        self.agency.addItem("—", None)
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
        self.body = QPlainTextEdit()
        self.body.setMaximumHeight(120)
        self.received = JalaliDateEdit()
        form = QFormLayout()
        rows = [("کد ملی:", self.national_id, "citizen.national_id"),
                ("", self.known, None),
                ("نام:", self.first_name, "citizen.first_name"),
                ("نام خانوادگی:", self.last_name, "citizen.last_name"),
                ("تلفن همراه:", self.mobile, "citizen.mobile"),
                ("شهرستان:", self.county, "county_id"), ("دستگاه:", self.agency, "agency_id"),
                ("نوع:", self.type, "type"), ("مجرا:", self.channel, "channel"),
                ("موضوع:", self.subject, "subject"), ("متن:", self.body, "body"),
                ("تاریخ دریافت:", self.received, "received_at")]
        self.field_widgets: dict[str, QWidget] = {}
        for label, widget, field in rows:
            form.addRow(label, widget)
            if field:
                self.field_widgets[field] = widget
                form.addRow("", self.errors.label_for(field))
        self.general = plain(QLabel(""))
        self.general.setStyleSheet("color: #b91c1c;")
        self.general.setWordWrap(True)
        self.save_button = QPushButton("ثبت (Ctrl+S)")
        self.save_button.setDefault(True)
        cancel = QPushButton("انصراف (Esc)")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        form_page = QWidget()
        form_layout = QVBoxLayout(form_page)
        form_layout.addLayout(form)
        form_layout.addWidget(self.general)
        form_layout.addLayout(buttons)
        # The second page shows the tracking code large enough to read out to the citizen.
        done_page = QWidget()
        done_layout = QVBoxLayout(done_page)
        done_layout.addWidget(QLabel("درخواست ثبت شد. کد رهگیری:"))
        self.code_label = TrackingCodeLabel()
        self.copy_button = QPushButton("رونوشت کد رهگیری")
        finish = QPushButton("بستن")
        another = QPushButton("ثبت درخواست دیگر")
        done_layout.addWidget(self.code_label)
        row = QHBoxLayout()
        for b in (self.copy_button, another, finish):
            row.addWidget(b)
        done_layout.addLayout(row)
        self.pages = QStackedWidget()
        self.pages.addWidget(form_page)
        self.pages.addWidget(done_page)
        QVBoxLayout(self).addWidget(self.pages)
        self.save_button.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)
        finish.clicked.connect(self.accept)
        another.clicked.connect(self.start_another)
        self.copy_button.clicked.connect(self.copy_code)
        self.national_id.editingFinished.connect(self.look_up_citizen)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.submit)
        self.national_id.setFocus()

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
            self.known.setText("شهروند تازه")
            return
        self.known.setText(f"مراجعه‌کنندهٔ پیشین: {info.full_name} — "
                           f"{persian.to_persian_digits(info.request_count)} درخواست پیشین")
        # Only fill what the clerk has not typed yet: never overwrite their input.
        if not self.first_name.text():
            self.first_name.setText(info.first_name)
        if not self.last_name.text():
            self.last_name.setText(info.last_name)
        if not self.mobile.text() and info.mobile:
            self.mobile.setText(info.mobile)
        if self.county.currentData() is None and info.county_id is not None:
            self.county.setCurrentIndex(max(0, self.county.findData(info.county_id)))

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
            received_at=received_at,
            citizen=CitizenInput(national_id=self.national_id.text(),
                                 first_name=self.first_name.text(),
                                 last_name=self.last_name.text(), mobile=self.mobile.text(),
                                 county_id=self.county.currentData()),
        )

    def submit(self) -> None:
        """Register the request off the GUI thread; errors appear next to the fields."""
        if self.pages.currentIndex() != 0 or not self.save_button.isEnabled():
            return
        data = self.collect()
        sv, actor = self.services, self.actor
        self.save_button.setEnabled(False)
        self.general.setText("در حال ثبت…")
        background.run(lambda: sv.requests.register(actor, data), on_done=self._saved,
                       on_error=self._failed, owner=self)

    def _saved(self, detail: RequestDetail) -> None:
        self.save_button.setEnabled(True)
        self.result_detail = detail
        self.errors.clear()
        self.general.setText("")
        self.code_label.show_code(detail.tracking_code)
        self.pages.setCurrentIndex(1)
        self.copy_button.setFocus()
        self.registered.emit(detail)

    def _failed(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            orphans = self.errors.show(exc.errors)
            self.general.setText("لطفاً موارد مشخص‌شده را اصلاح کنید. " + "؛ ".join(orphans))
            first = next((self.field_widgets[f] for f in exc.errors if f in self.field_widgets),
                         None)
            if first is not None:
                first.setFocus()
        else:
            self.general.setText(exc.message if isinstance(exc, PolError)
                                 else f"ثبت ناموفق بود؛ اطلاعات واردشده حفظ شده است. ({exc})")

    def copy_code(self) -> None:
        """Put the tracking code (Latin digits, for pasting anywhere) on the clipboard."""
        if self.result_detail is not None:
            QGuiApplication.clipboard().setText(self.result_detail.tracking_code)

    def start_another(self) -> None:
        """Clear the form for the next citizen."""
        for edit in (self.national_id, self.first_name, self.last_name, self.mobile, self.subject):
            edit.clear()
        self.body.clear()
        self.known.setText("")
        self.errors.clear()
        self.pages.setCurrentIndex(0)
        self.national_id.setFocus()
