"""The gateway settings: URL template, method, parameters, timeout; the API key to the keyring."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.services.core.context import Actor
from app.services.registry import Services
from app.services.sms.dto import GatewayConfig
from app.views import background
from app.views import words as shared
from app.views.connection_settings import keyring_available, load_password, save_password
from app.views.formatting import plain
from app.views.sms import words as w
from app.views.widgets.ltr_edit import ltr_line_edit
from app.views.widgets.text_edit import PersianTextEdit

KEY_ACCOUNT = "sms-gateway"  # the OS keyring account of the gateway's API key (service «Pol»)


class GatewayTab(QWidget):
    """Administrators edit; everyone sees whether a gateway is set."""

    saved = Signal(object)  # GatewayConfig

    def __init__(self, services: Services, actor: Actor, admin: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.url = ltr_line_edit(w.URL_HINT)
        self.method = QComboBox()
        self.method.addItems(["POST", "GET"])
        self.params = PersianTextEdit()
        self.params.setMaximumHeight(100)
        self.params.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # name=value, like a URL
        self.timeout = QSpinBox()
        self.timeout.setRange(1, 60)
        self.attempts = QSpinBox()
        self.attempts.setRange(1, 20)
        self.key = ltr_line_edit(w.API_KEY_HINT)
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_note = plain(QLabel(""))
        help_label = plain(QLabel(w.PARAMS_HELP))
        help_label.setWordWrap(True)
        self.message = plain(QLabel("" if admin else w.ADMIN_ONLY))
        self.message.setWordWrap(True)
        self.save_button = QPushButton(w.SAVE_GATEWAY)
        form = QFormLayout()
        form.addRow(w.URL, self.url)
        form.addRow(w.METHOD, self.method)
        form.addRow(w.PARAMS, self.params)
        form.addRow("", help_label)
        form.addRow(w.TIMEOUT, self.timeout)
        form.addRow(w.ATTEMPTS, self.attempts)
        form.addRow(w.API_KEY, self.key)
        form.addRow("", self.key_note)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(row)
        layout.addStretch(1)
        for widget in (self.url, self.method, self.params, self.timeout, self.attempts,
                       self.key, self.save_button):
            widget.setEnabled(admin)
        self.save_button.clicked.connect(self.save)

    def reload(self) -> None:
        """Read the settings in the background; say whether a key is kept."""
        background.run(self.services.sms.gateway, on_done=self._show,
                       on_error=lambda e: self.message.setText(shared.error_text(e)), owner=self)

    def _show(self, cfg: GatewayConfig) -> None:
        self.url.setText(cfg.url)
        self.method.setCurrentText(cfg.method)
        self.params.setPlainText(cfg.params)
        self.timeout.setValue(cfg.timeout_s)
        self.attempts.setValue(cfg.max_attempts)
        self.key.clear()
        if not keyring_available():
            self.key_note.setText(w.NO_KEYRING)
        elif load_password(KEY_ACCOUNT):
            self.key_note.setText(w.KEY_KEPT)

    def config(self) -> GatewayConfig:
        """The settings as typed."""
        return GatewayConfig(self.url.text(), self.method.currentText(),
                             self.params.toPlainText(), self.timeout.value(),
                             self.attempts.value())

    def save(self) -> None:
        """Store the settings (the service checks them); a typed key goes to the keyring."""
        cfg, key = self.config(), self.key.text()
        self.save_button.setEnabled(False)

        def done(saved: GatewayConfig) -> None:
            if key:
                save_password(KEY_ACCOUNT, key)  # only after the settings were accepted
            self.message.setText(w.SAVED)
            self.save_button.setEnabled(True)
            self._show(saved)
            self.saved.emit(saved)

        def failed(exc: Exception) -> None:
            if isinstance(exc, ValidationError):
                self.message.setText("\n".join(exc.errors.values()))
            else:
                self.message.setText(shared.error_text(exc))
            self.save_button.setEnabled(True)

        background.write(self, lambda: self.services.sms.save_gateway(self.actor, cfg),
                         on_done=done, on_error=failed, changes=lambda _c: {})
