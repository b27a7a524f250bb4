"""The detail pane: the whole request, the citizen's earlier requests, history and actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import ConflictError
from app.models.enums import RequestStatus
from app.services.core import persian
from app.services.core.context import Actor
from app.services.registry import Services
from app.services.requests.dto import RequestDetail, RequestDossier
from app.views import background, formatting, words
from app.views.formatting import literal_html, plain_label
from app.views.inbox.refer_dialog import ReferDialog


class RequestDetailPane(QWidget):
    """Shows one request and forwards the user's actions to the services."""

    request_changed = Signal(int)  # a request was saved; the inbox refreshes its row
    action_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services: Services | None = None
        self.actor: Actor | None = None
        self.detail: RequestDetail | None = None
        self.code = plain_label("")
        self.code.setObjectName("trackingCode")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = plain_label("")
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (("subject", "موضوع"), ("channel", "مجرا"), ("type", "نوع"),
                           ("received", "تاریخ دریافت"), ("county", "شهرستان"),
                           ("agency", "دستگاه"), ("deadline", "مهلت پاسخ"),
                           ("assignee", "کارشناس"), ("deep", "ریشه‌دار"),
                           ("citizen", "شهروند"), ("national_id", "کد ملی"),
                           ("mobile", "تلفن همراه")):
            self.fields[key] = plain_label("")
            self.fields[key].setWordWrap(True)
            form.addRow(label + ":", self.fields[key])
        self.body = QPlainTextEdit()
        self.body.setReadOnly(True)
        self.body.setMaximumHeight(110)
        self.answer = QPlainTextEdit()
        self.answer.setPlaceholderText("متن پاسخ مستقیم به شهروند…")
        self.answer.setMaximumHeight(90)
        self.earlier = QListWidget()
        self.earlier.setMaximumHeight(90)
        self.history = QListWidget()
        self.history.setMaximumHeight(130)
        self.referrals = QListWidget()
        self.referrals.setMaximumHeight(80)
        self.buttons = {
            "assign": QPushButton("واگذاری به کارشناس…"),
            "answer": QPushButton("ثبت پاسخ مستقیم"),
            "deep": QPushButton("ریشه‌دار"),
            "refer": QPushButton("ارجاع به دستگاه…"),
            "close": QPushButton("مختومه"),
            "reopen": QPushButton("بازگشایی…"),
        }
        actions = QGridLayout()
        for i, b in enumerate(self.buttons.values()):
            actions.addWidget(b, i // 2, i % 2)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        head = QHBoxLayout()
        head.addWidget(self.code)
        head.addStretch(1)
        head.addWidget(self.status)
        layout.addLayout(head)
        layout.addLayout(form)
        layout.addWidget(QLabel("متن درخواست:"))
        layout.addWidget(self.body)
        layout.addWidget(self._group("درخواست‌های پیشین این شهروند", self.earlier))
        layout.addWidget(self._group("ارجاعات", self.referrals))
        layout.addWidget(self._group("تاریخچه", self.history))
        layout.addWidget(QLabel("پاسخ:"))
        layout.addWidget(self.answer)
        layout.addLayout(actions)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.buttons["assign"].clicked.connect(self._assign_to_me)
        self.buttons["answer"].clicked.connect(self._answer)
        self.buttons["deep"].clicked.connect(self._toggle_deep)
        self.buttons["refer"].clicked.connect(self._refer)
        self.buttons["close"].clicked.connect(self._close)
        self.buttons["reopen"].clicked.connect(self._reopen)
        self.show_detail(None)

    @staticmethod
    def _group(title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(widget)
        return box

    def set_context(self, services: Services, actor: Actor) -> None:
        """The database and the signed-in user."""
        self.services = services
        self.actor = actor

    # --- showing ------------------------------------------------------------------------

    def load(self, request_id: int) -> None:
        """Read the request's dossier off the GUI thread and show it."""
        if self.services is None:
            return
        requests = self.services.requests
        background.run(lambda: requests.dossier(request_id), on_done=self.show_dossier,
                       on_error=self._failed, owner=self)

    def show_dossier(self, dossier: RequestDossier) -> None:
        """Show a request with its citizen's earlier requests and history."""
        self.show_detail(dossier.detail)
        self.earlier.clear()
        for r in dossier.earlier:
            self.earlier.addItem(f"{formatting.tracking_code(r.tracking_code)} — "
                                 f"{formatting.date_time(r.received_at)} — {r.subject} "
                                 f"({r.status_label})")
        self.history.clear()
        for e in reversed(dossier.history):
            note = e.after.get("note", "")
            self.history.addItem(f"{formatting.date_time(e.at)} — {e.person}: {e.label}"
                                 + (f" ({note})" if note else ""))

    def show_detail(self, d: RequestDetail | None) -> None:
        """Fill the fields (or empty them)."""
        self.detail = d
        for b in self.buttons.values():
            b.setEnabled(d is not None)
        if d is None:
            self.code.setText("درخواستی انتخاب نشده است")
            self.status.setText("")
            for label in self.fields.values():
                label.setText("")
            self.body.setPlainText("")
            for lst in (self.earlier, self.history, self.referrals):
                lst.clear()
            return
        self.code.setText(formatting.tracking_code(d.tracking_code))
        self.status.setText(d.status_label + ("  — خارج از مهلت" if d.overdue else ""))
        c = d.citizen
        values = {
            "subject": d.subject, "channel": d.channel_label, "type": d.type_label,
            "received": formatting.date_time(d.received_at), "county": d.county,
            "agency": d.agency, "deadline": formatting.date(d.deadline) if d.deadline else "",
            "assignee": d.assignee or "—", "deep": "بله" if d.deep_rooted else "خیر",
            "citizen": (c.full_name + (f" (درخواست {persian.to_persian_digits(c.request_count)})"
                                       if c.request_count > 1 else "")) if c else "—",
            "national_id": persian.ltr(persian.to_persian_digits(c.national_id or "")) if c else "",
            "mobile": persian.ltr(persian.to_persian_digits(c.mobile or "")) if c else "",
        }
        for key, value in values.items():
            self.fields[key].setText(value)
        self.body.setPlainText(d.body)
        if d.answer_text and not self.answer.toPlainText().strip():
            self.answer.setPlainText(d.answer_text)
        self.referrals.clear()
        for r in d.referrals:
            state = r.status_label + (" — معوق" if r.overdue else "")
            self.referrals.addItem(
                f"{r.agency} — نامهٔ {persian.to_persian_digits(r.letter_no)} "
                f"({formatting.date(r.letter_date)}) — مهلت {formatting.date(r.deadline)}"
                f" — {state}")
        closed = d.status == RequestStatus.CLOSED
        self.buttons["deep"].setText("برداشتن ریشه‌دار" if d.deep_rooted else "ریشه‌دار")
        self.buttons["close"].setEnabled(not closed)
        self.buttons["reopen"].setEnabled(d.status in (RequestStatus.CLOSED, RequestStatus.ANSWERED))
        self.buttons["answer"].setEnabled(not closed)
        self.buttons["refer"].setEnabled(not closed)

    # --- actions ------------------------------------------------------------------------

    def _run(self, call: Callable[[], Any], keep_answer: bool = False) -> None:
        """Run a service call off the GUI thread; on success reload, on conflict offer reload."""
        if self.detail is None:
            return
        request_id = self.detail.id

        def done(_result: Any) -> None:
            if not keep_answer:
                self.answer.clear()
            self.load(request_id)
            self.request_changed.emit(request_id)

        background.run(call, on_done=done, on_error=self._failed, owner=self)

    def _failed(self, exc: Exception) -> None:
        message = words.error_text(exc)
        self.action_failed.emit(message)
        if isinstance(exc, ConflictError) and self.detail is not None:
            answer = QMessageBox.question(self, "تغییر هم‌زمان",
                                          literal_html(message + "\n\nبارگذاری دوباره؟"))
            if answer == QMessageBox.StandardButton.Yes:
                self.load(self.detail.id)  # the typed answer stays in its box
            return
        QMessageBox.warning(self, "پل", literal_html(message))

    def _assign_to_me(self) -> None:
        """Choose a staff member (the signed-in user first) and assign the request."""
        sv = self.services
        if sv is not None:
            background.run(sv.users.list, on_done=self._choose_assignee, on_error=self._failed, owner=self)

    def _choose_assignee(self, users: list) -> None:
        d, sv, actor = self.detail, self.services, self.actor
        if not (d and sv and actor):
            return
        staff = sorted((u for u in users if u.active and u.role != "inspector"),
                       key=lambda u: u.id != actor.user_id)
        names = [f"{u.full_name or u.username} ({u.role_label})" for u in staff]
        name, ok = QInputDialog.getItem(self, "واگذاری درخواست", "کارشناس:", names, 0, False)
        if ok and name in names:
            user_id = staff[names.index(name)].id
            self._run(lambda: sv.requests.assign(actor, d.id, d.version, user_id),
                      keep_answer=True)

    def _answer(self) -> None:
        d, sv, actor = self.detail, self.services, self.actor
        text = self.answer.toPlainText()
        if d and sv and actor:
            self._run(lambda: sv.requests.answer_directly(actor, d.id, d.version, text))

    def _toggle_deep(self) -> None:
        d, sv, actor = self.detail, self.services, self.actor
        if d and sv and actor:
            self._run(lambda: sv.requests.mark_deep_rooted(actor, d.id, d.version,
                                                           not d.deep_rooted), keep_answer=True)

    def _refer(self) -> None:
        """Read the agencies and the default answer period off the GUI thread, then ask."""
        sv = self.services
        if sv is None:
            return
        ref = sv.reference
        background.run(
            lambda: (ref.agencies(), ref.referral_answer_days()),
            on_done=self._ask_referral, on_error=self._failed, owner=self)

    def _ask_referral(self, lists: tuple[list, int]) -> None:
        d, sv, actor = self.detail, self.services, self.actor
        if not (d and sv and actor):
            return
        agencies, days = lists
        dialog = ReferDialog(sv, actor, d, agencies, days, self)
        if dialog.exec():
            self.load(d.id)
            self.request_changed.emit(d.id)

    def _close(self) -> None:
        d, sv, actor = self.detail, self.services, self.actor
        if d and sv and actor:
            self._run(lambda: sv.requests.close(actor, d.id, d.version), keep_answer=True)

    def _reopen(self) -> None:
        d, sv, actor = self.detail, self.services, self.actor
        if not (d and sv and actor):
            return
        reason, ok = QInputDialog.getText(self, "بازگشایی درخواست", "دلیل بازگشایی:")
        if ok:
            self._run(lambda: sv.requests.reopen(actor, d.id, d.version, reason), keep_answer=True)
