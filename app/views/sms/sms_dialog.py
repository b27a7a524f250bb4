"""«پیامک‌ها»: the outbox with its status filter, sending off the GUI thread, marking by hand,
the templates and the gateway. Opened from the File menu; no page of the shell."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.core.context import Actor, can
from app.services.registry import Services
from app.services.sms.dto import OutboxRow, SendSummary
from app.views import background
from app.views import words as shared
from app.views.connection_settings import load_password
from app.views.formatting import persian_digits, plain
from app.views.framework import words as frame_words
from app.views.sms import words as w
from app.views.sms.gateway_tab import KEY_ACCOUNT, GatewayTab
from app.views.sms.outbox_model import OBJECT_ROLE, OutboxModel
from app.views.sms.templates_tab import TemplatesTab

# status value -> label, in the filter's order («همه» first).
STATUS_FILTER = [("", w.FILTER_ALL), ("queued", "در صف"), ("failed", "ناموفق"),
                 ("sent", "فرستاده"), ("held", "نگه‌داشته")]


class OutboxTab(QWidget):
    """The list of messages and what the office does with them."""

    loaded = Signal(int)  # messages the filter matches, once counted
    sent = Signal(object)  # SendSummary

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.filter = QComboBox()
        for value, label in STATUS_FILTER:
            self.filter.addItem(label, value)
        self.model = OutboxModel(self)
        self.table = QTableView()
        self.table.setObjectName("smsOutbox")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setMinimumSectionSize(40)  # «بخش» is one digit wide
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(
            len(self.model.headers) - 1, QHeaderView.ResizeMode.Stretch)  # the text takes the rest
        self.table.verticalHeader().hide()
        # Fit the columns to the lines on screen only: measuring a thousand rows (Qt's default)
        # would ask the paged model for pages nobody looks at.
        self.table.verticalHeader().setResizeContentsPrecision(0)
        self.counts = plain(QLabel(""))
        self.total = plain(QLabel(""))  # how many the filter matches (the list pages)
        self.note = plain(QLabel(""))
        self.note.setWordWrap(True)
        self.send_button = QPushButton(w.SEND_NOW)
        self.send_button.setToolTip(w.SEND_TIP)
        self.send_button.setEnabled(False)  # until the gateway's setting is read
        self.mark_button = QPushButton(w.MARK_SENT)
        self.mark_button.setToolTip(w.MARK_TIP)
        self.retry_button = QPushButton(w.RETRY)
        self.retry_button.setToolTip(w.RETRY_TIP)
        self.opt_out_button = QPushButton(w.OPT_OUT)
        self.opt_out_button.setToolTip(w.OPT_OUT_TIP)
        refresh = QPushButton(w.REFRESH)
        top = QHBoxLayout()
        top.addWidget(QLabel(w.FILTER))
        top.addWidget(self.filter)
        top.addWidget(refresh)
        top.addWidget(self.total)
        top.addStretch(1)
        top.addWidget(self.counts)
        buttons = QHBoxLayout()
        for b in (self.send_button, self.mark_button, self.retry_button, self.opt_out_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        sms = services.sms
        # Pages and the count come from the database, the status filter applied there.
        self.model.set_fetcher(lambda status, offset, limit, _sort, _desc, total: sms.outbox_page(
            status, offset=offset, limit=limit, with_total=total, actor=actor))
        self.model.loaded.connect(self._counted)
        self.model.load_failed.connect(self.note.setText)
        self.filter.currentIndexChanged.connect(self.reload)
        refresh.clicked.connect(self.reload)
        self.send_button.clicked.connect(self.send_now)
        self.mark_button.clicked.connect(self.mark_sent)
        self.retry_button.clicked.connect(self.retry)
        self.opt_out_button.clicked.connect(self.opt_out)

    def selected(self) -> list[OutboxRow]:
        """The messages selected in the list."""
        rows = {i.row() for i in self.table.selectionModel().selectedIndexes()}
        found = (self.model.index(r, 0).data(OBJECT_ROLE) for r in sorted(rows))
        return [r for r in found if r is not None]  # a line still loading is no message yet

    def reload(self) -> None:
        """Read the current page, the counts and the gateway in the background."""
        self.model.set_filter(self.filter.currentData() or None)
        sms = self.services.sms

        def work() -> tuple[dict[str, int], bool]:
            return sms.counts(), sms.gateway().enabled

        background.run(work, on_done=self._show, on_error=self._error, owner=self)

    def _show(self, result: tuple[dict[str, int], bool]) -> None:
        counts, enabled = result
        self.counts.setText(persian_digits(w.COUNTS.format(**counts)))
        self.send_button.setEnabled(enabled)
        if not enabled:
            self.note.setText(w.NO_GATEWAY)

    def _counted(self, total: int) -> None:
        self.total.setText(frame_words.count(total, w.ROW_NOUN))
        self.loaded.emit(total)

    def _error(self, exc: Exception) -> None:
        self.note.setText(shared.error_text(exc))
        self.setEnabled(True)

    def send_now(self) -> None:
        """Send what is due, off the GUI thread; the key is read from the keyring here."""
        key = load_password(KEY_ACCOUNT)
        self.send_button.setEnabled(False)
        self.note.setText(w.SENDING)
        background.run(lambda: self.services.sms.send_due(self.actor, key),
                       on_done=self._sent, on_error=self._error, owner=self)

    def _sent(self, summary: SendSummary) -> None:
        text = persian_digits(w.SENT_SUMMARY.format(sent=summary.sent, retried=summary.retried,
                                                    failed=summary.failed))
        self.note.setText("\n".join([text, *summary.problems[:1]]))
        self.sent.emit(summary)
        self.reload()

    def mark_sent(self) -> None:
        """The office sent the selected messages another way."""
        ids = [r.id for r in self.selected()]
        if not ids:
            self.note.setText(w.NOTHING_SELECTED)
            return
        background.write(self, lambda: self.services.sms.mark_sent(self.actor, ids),
                         on_done=lambda _n: self.reload(), on_error=self._error,
                         changes=lambda _n: {})

    def retry(self) -> None:
        """Failed messages go back in the queue."""
        ids = [r.id for r in self.selected() if r.status == "failed"]
        if not ids:
            self.note.setText(w.NOTHING_SELECTED)
            return
        background.write(self, lambda: self.services.sms.retry(self.actor, ids),
                         on_done=lambda _n: self.reload(), on_error=self._error,
                         changes=lambda _n: {})

    def opt_out(self) -> None:
        """The citizen of the selected message said no: nothing more is written for them."""
        rows = self.selected()
        if not rows:
            self.note.setText(w.NOTHING_SELECTED)
            return
        citizen_ids = sorted({r.citizen_id for r in rows})
        sms = self.services.sms

        def work() -> int:
            return sum(sms.set_opt_out(self.actor, cid, True) for cid in citizen_ids)

        background.write(self, work, on_done=lambda _n: self.reload(), on_error=self._error,
                         changes=lambda _n: {})


class SmsDialog(QDialog):
    """The outbox, the templates and the gateway in three tabs."""

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("smsDialog")
        self.setWindowTitle(w.TITLE)
        self.resize(1100, 640)
        admin = can(actor, "reference.manage")
        self.outbox = OutboxTab(services, actor, self)
        self.templates = TemplatesTab(services, actor, admin, self)
        self.gateway = GatewayTab(services, actor, admin, self)
        self.gateway.saved.connect(self.outbox.reload)
        tabs = QTabWidget()
        tabs.addTab(self.outbox, w.TAB_OUTBOX)
        tabs.addTab(self.templates, w.TAB_TEMPLATES)
        tabs.addTab(self.gateway, w.TAB_GATEWAY)
        close = QPushButton(shared.CLOSE)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addLayout(row)
        self.outbox.reload()
        self.templates.reload()
        self.gateway.reload()
