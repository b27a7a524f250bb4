"""Import a SAMAD export: check the file, map unknown headers and names, import with progress."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.services.core import persian
from app.services.core.context import Actor
from app.services.core.dto import RefItem
from app.services.registry import Services
from app.services.requests.samad.dto import FIELD_LABELS, ImportCheck, ImportPreview, ImportResult
from app.views import background, file_dialogs
from app.views import words as shared
from app.views.formatting import plain
from app.views.framework.bus import bus
from app.views.inbox import import_words as words
from app.views.inbox.import_repeats import PossibleRepeatsBox

if TYPE_CHECKING:
    from app.services.requests.samad.headers import SamadFile

IGNORE = "__ignore__"


class ImportDialog(QDialog):
    """ورود از سامد: nothing is written until the user presses «ورود»."""

    previewed = Signal(object)  # ImportPreview
    imported = Signal(object)  # ImportResult
    failed = Signal(str)

    def __init__(self, services: Services, actor: Actor, counties: list[RefItem],
                 agencies: list[RefItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(words.TITLE)
        self.setMinimumWidth(640)
        self.services, self.actor = services, actor
        self.counties, self.agencies = counties, agencies
        self.path: Path | None = None
        self.header_boxes: dict[str, QComboBox] = {}
        self.name_boxes: dict[str, QComboBox] = {}
        self.file_label = plain(QLabel(words.NO_FILE))
        choose = QPushButton(words.CHOOSE)
        self.check_button = QPushButton(words.CHECK_AGAIN)
        self.import_button = QPushButton(words.IMPORT)
        self.summary = plain(QLabel(""))
        self.summary.setWordWrap(True)
        self.headers_box = QGroupBox(words.UNKNOWN_HEADERS)
        self.headers_form = QFormLayout(self.headers_box)
        self.names_box = QGroupBox(words.UNKNOWN_NAMES)
        self.names_form = QFormLayout(self.names_box)
        self.rejected = QListWidget()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        top = QHBoxLayout()
        top.addWidget(choose)
        top.addWidget(self.file_label, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.import_button)
        close = QPushButton(words.CLOSE)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.headers_box)
        layout.addWidget(self.names_box)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(words.REJECTED_ROWS))
        layout.addWidget(self.rejected, 1)
        self.repeats = PossibleRepeatsBox(services, actor)
        layout.addWidget(self.repeats)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        self.headers_box.setVisible(False)
        self.names_box.setVisible(False)
        choose.clicked.connect(self.choose_file)
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.run_import)
        close.clicked.connect(self.accept)
        self._busy(False, can_import=False)

    def _busy(self, busy: bool, can_import: bool = True) -> None:
        self.check_button.setEnabled(not busy and self.path is not None)
        self.import_button.setEnabled(not busy and can_import and self.path is not None)

    # --- choosing and checking ------------------------------------------------------------

    def choose_file(self) -> None:
        """Ask for a file and check it."""
        path = file_dialogs.open_file(self, words.FILE_DIALOG, file_dialogs.IMPORT,
                                      words.FILE_FILTER)
        if path:
            self.set_file(Path(path))

    def set_file(self, path: Path) -> None:
        """Use this file: read its headers, then preview the import."""
        self.path = path
        self.file_label.setText(persian.ltr(path.name))
        self.header_boxes.clear()
        self.name_boxes.clear()
        self.check()

    def header_map(self) -> dict[str, str]:
        """The user's mapping of unknown headers to fields."""
        return {h: box.currentData() for h, box in self.header_boxes.items()
                if box.currentData() is not None}

    def name_map(self) -> dict[str, int]:
        """The user's mapping of unknown county/agency names to reference entries."""
        return {n: box.currentData() for n, box in self.name_boxes.items()
                if box.currentData() is not None}

    def check(self) -> None:
        """Read the file and say what an import would do (writes nothing)."""
        if self.path is None:
            return
        samad, path, headers, names = (self.services.samad, self.path, self.header_map(),
                                       self.name_map())
        self._busy(True)
        self.summary.setText(words.CHECKING)
        background.run(lambda: samad.check(path, headers, names), on_done=self._checked,
                       on_error=self._failed, owner=self)

    def _checked(self, result: ImportCheck) -> None:
        pv = result.preview
        self._show_header_choices(result.file)
        if pv is None:
            missing = "، ".join(result.missing_labels)
            self.summary.setText(words.missing_columns(missing))
            self._busy(False, can_import=False)
            return
        self._show_name_choices(pv.unknown_counties + pv.unknown_agencies, pv)
        self.summary.setText(
            words.preview(persian.format_number(pv.total), persian.format_number(pv.importable),
                          persian.format_number(pv.duplicates),
                          persian.format_number(len(pv.rejected))) + _warnings(pv.warnings))
        self._show_rejected(pv.rejected)
        self._busy(False, can_import=pv.importable > 0)
        self.previewed.emit(pv)

    def _show_header_choices(self, f: SamadFile) -> None:
        same_as = {d.header: d.same_as for d in f.duplicate_headers}
        for header in f.unknown_headers:
            if header in self.header_boxes:
                continue
            box = QComboBox()
            box.addItem(words.IGNORE_COLUMN, None)
            for key, label in FIELD_LABELS.items():
                box.addItem(label, key)
            self.header_boxes[header] = box
            label = words.header_label(header, same_as.get(header))
            self.headers_form.addRow(plain(QLabel(label)), box)
        self.headers_box.setVisible(bool(self.header_boxes))

    def _show_name_choices(self, names: list[str], pv: ImportPreview) -> None:
        for name in names:
            if name in self.name_boxes:
                continue
            items = self.counties if name in pv.unknown_counties else self.agencies
            box = QComboBox()
            box.addItem(words.REJECT_ROW, None)
            for item in items:
                box.addItem(item.name, item.id)
            self.name_boxes[name] = box
            self.names_form.addRow(plain(QLabel(words.name_label(name))), box)
        self.names_box.setVisible(bool(self.name_boxes))

    def _show_rejected(self, rejected: list) -> None:
        self.rejected.clear()
        for e in rejected:
            label = FIELD_LABELS.get(e.field, e.field)
            self.rejected.addItem(words.rejected_row(persian.to_persian_digits(e.row), label,
                                                     e.message))

    # --- importing ------------------------------------------------------------------------

    def run_import(self) -> None:
        """Import the good rows in one transaction, off the GUI thread."""
        if self.path is None:
            return
        samad, actor, path = self.services.samad, self.actor, self.path
        headers: Mapping[str, str] = self.header_map()
        names: Mapping[str, int] = self.name_map()
        self._busy(True)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        background.run(lambda progress: samad.run(actor, path, headers, names, progress),
                       on_done=self._imported, on_error=self._failed,
                       on_progress=lambda pct, msg: (self.progress.setValue(pct),
                                                     self.summary.setText(msg)), owner=self)

    def _imported(self, result: ImportResult) -> None:
        self.progress.setVisible(False)
        self.summary.setText(
            words.imported(persian.format_number(result.imported),
                           persian.format_number(result.duplicates),
                           persian.format_number(len(result.rejected)))
            + _warnings(result.warnings))
        self._show_rejected(result.rejected)
        self.repeats.show_repeats(result.possible_repeats)
        self._busy(False, can_import=False)
        if result.imported:
            bus().requests_changed.emit([])  # many new rows: every page that lists requests re-queries
        self.imported.emit(result)

    def _failed(self, exc: Exception) -> None:
        self.progress.setVisible(False)
        if isinstance(exc, ValidationError):
            message = "؛ ".join(exc.errors.values())
        else:
            message = shared.error_text(exc)
        self.summary.setText(message + words.NOTHING_CHANGED)
        self._busy(False, can_import=False)
        self.failed.emit(message)


def _warnings(warnings: list[str]) -> str:
    """File-level warnings (a damaged file), appended to the summary line."""
    return "".join("\n" + w for w in warnings)
