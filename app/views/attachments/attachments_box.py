"""The attachments of one record — a request, a referral (the agency's answer letter) or a meeting
(its minutes): the list, preview, save a copy, remove with a reason, add by choosing, by dropping
files on the box (or on any widget handed to `accept_drops_on`) and from the scanner's folder.

One widget, three owners. Every read of a file, hash, store and load runs off the GUI thread
(app/views/background.py), one file at a time, with a progress bar; dropped files wait in a
queue. Writes are announced on the change bus under the owner's kind (the request's history and
the inbox row follow). The box shows its own writes as they return, reads the list when another
record is shown, and reads it again when the bus names the record it shows (another page or
dialog added or removed a file): one small query of names and sizes, never the files' contents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QDropEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QMessageBox,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.services.attachments.dto import (
    MEETING,
    REFERRAL,
    REQUEST,
    AttachmentInfo,
    Owner,
    ScanCandidate,
)
from app.services.core.context import Actor, can
from app.views import background, file_dialogs, formatting, style
from app.views.attachments import box_actions, words
from app.views.attachments.attachment_model import (
    ATTACHMENT_ROLE,
    COL_DATE,
    COL_SHA,
    COL_WHO,
    AttachmentModel,
    attachment_table,
)
from app.views.formatting import literal_html, plain_label
from app.views.framework import bus as change_bus
from app.views.widgets.ltr_edit import ltr_line_edit
from app.views.words import error_text

if TYPE_CHECKING:
    from app.services.registry import Services
    from app.services.requests.dto import RequestDetail

PERMISSION = {REQUEST: "request.write", REFERRAL: "referral.write", MEETING: "meeting.write"}
BUS_KIND = {REQUEST: "requests", REFERRAL: "referrals", MEETING: "meetings"}
WIDE_ENOUGH = 560  # pixels from which every column of the list fits
_DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


def owner_changes(owner: Owner) -> dict[str, list[int]]:
    """What a write on an owner's attachments announces on the change bus."""
    return {BUS_KIND[owner.kind]: [owner.id]}


class AttachmentsBox(QWidget):
    """Lists, shows, saves, adds and removes the attachments of one record."""

    attached = Signal(object)  # AttachmentInfo, after each file is stored
    removed = Signal(object)  # AttachmentInfo, flagged removed
    loaded = Signal(list)  # list[AttachmentInfo], after every (re)load
    said = Signal(str)  # every message shown under the list
    preview_opened = Signal(object)  # AttachmentPreviewDialog

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentsBox")
        self.services: Services | None = None
        self.actor: Actor | None = None
        self.owner: Owner | None = None
        self.all_rows: list[AttachmentInfo] = []
        self.queue: list[str] = []
        self.busy = False
        self.last_preview: QDialog | None = None  # the preview window open now, if any
        self.model = AttachmentModel(self)
        self.table = attachment_table(self.model)
        self.table.hide()  # until there is a row to show
        # The selected file's facts: who added it and when (the narrow pane hides those columns),
        # and its whole SHA-256, left to right, in a field that can be selected and copied.
        self.details = plain_label("")
        self.details.setWordWrap(True)
        self.sha = ltr_line_edit()
        self.sha.setReadOnly(True)
        self.sha.setObjectName("attachmentSha")
        self.sha.setToolTip(words.COPY_SHA_TIP)
        self.sha_row = QWidget()
        sha_layout = QHBoxLayout(self.sha_row)
        sha_layout.setContentsMargins(0, 0, 0, 0)
        sha_layout.addWidget(plain_label(words.SHA_LABEL))
        sha_layout.addWidget(self.sha, 1)
        self.message = plain_label(words.NONE_YET)
        self.message.setWordWrap(True)
        style.set_role(self.message, "hint")
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.buttons: dict[str, QToolButton] = {}
        grid = QGridLayout()  # three a row: the request pane is narrow
        for key, text, slot in (("add", words.ADD, self.choose_files),
                                ("scan", words.SCAN, self.attach_newest_scan),
                                ("preview", words.PREVIEW, self.preview_selected),
                                ("save", words.SAVE, self.save_selected),
                                ("remove", words.REMOVE, self.remove_selected)):
            b = QToolButton()
            b.setText(text)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            b.clicked.connect(slot)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            grid.addWidget(b, len(self.buttons) // 3, len(self.buttons) % 3)
            self.buttons[key] = b
        self.buttons["add"].setToolTip(words.ADD_TIP)
        self.buttons["scan"].setToolTip(words.SCAN_TIP)
        self.show_removed = QCheckBox(words.SHOW_REMOVED)
        self.show_removed.setToolTip(words.SHOW_REMOVED_TIP)
        grid.addWidget(self.show_removed, 1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.details)
        layout.addWidget(self.sha_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(grid)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self.table.doubleClicked.connect(lambda _i: self.preview_selected())
        self.show_removed.toggled.connect(lambda _on: self._fill(self.all_rows))
        # Active while this box is on screen in the active window (the page it is on).
        self.scan_shortcut = QShortcut(QKeySequence(words.SCAN_KEYS), self,
                                       activated=self.attach_newest_scan)
        self.accept_drops_on(self)
        self._update()
        # Bound methods: the connections go with the box.
        for kind in BUS_KIND.values():
            getattr(change_bus.bus(), f"{kind}_changed").connect(
                getattr(self, f"_{kind}_changed"))

    # --- context ------------------------------------------------------------------------------

    def set_context(self, services: Services, actor: Actor) -> None:
        """The database and the signed-in user."""
        self.services, self.actor = services, actor
        self.owner = None
        self.show_owner(None)

    def show_request(self, detail: RequestDetail | None) -> None:
        """The request detail pane's section protocol: show this request's attachments."""
        self.show_owner(Owner(REQUEST, detail.id) if detail is not None else None)

    def show_owner(self, owner: Owner | None) -> None:
        """Show the attachments of a record (None: none); the same record is not read again."""
        if owner == self.owner and owner is not None:
            return
        self.owner = owner
        self.queue.clear()
        self.all_rows = []
        self._fill([])
        self.say(words.LOADING if owner else "", "hint")
        self.reload()

    def _requests_changed(self, ids: list[int]) -> None:
        self._bus_changed(REQUEST, ids)

    def _referrals_changed(self, ids: list[int]) -> None:
        self._bus_changed(REFERRAL, ids)

    def _meetings_changed(self, ids: list[int]) -> None:
        self._bus_changed(MEETING, ids)

    def _bus_changed(self, kind: str, ids: list[int]) -> None:
        """The record shown changed elsewhere: read its list again (not while storing files:
        the last one's announcement reads it once the queue is done)."""
        if self.owner is not None and self.owner.kind == kind and self.owner.id in ids \
                and not self.busy:
            self.reload()

    @property
    def writable(self) -> bool:
        """True when the signed-in user may add and remove this record's attachments."""
        return (self.owner is not None and self.actor is not None
                and can(self.actor, PERMISSION[self.owner.kind]))

    def reload(self) -> None:
        """Read the list again (off the GUI thread)."""
        self._update()
        sv, owner, actor = self.services, self.owner, self.actor
        if sv is None or owner is None:
            return
        att = sv.attachments
        background.run(lambda: (owner, att.list(owner, actor)), on_done=self._loaded,
                       on_error=self.failed, owner=self)

    def _loaded(self, result: tuple[Owner, list[AttachmentInfo]]) -> None:
        owner, rows = result
        if owner != self.owner:
            return  # another record was chosen meanwhile
        self.all_rows = rows
        self._fill(rows)
        if not self.busy and self.message.text() in ("", words.LOADING, words.NONE_YET):
            self.say("" if rows else words.NONE_YET, "hint")  # a result's message stays
        self.loaded.emit(rows)

    def _fill(self, rows: list[AttachmentInfo], select: int | None = None) -> None:
        current = self.selected()
        keep = select if select is not None else (current.id if current else None)
        self.model.set_rows([a for a in rows if self.show_removed.isChecked() or not a.removed])
        # An empty list takes no room in the narrow pane: the hint under it says what to do.
        self.table.setVisible(self.model.rowCount() > 0)
        if keep is not None:
            self.select(keep)
        self._update()

    def select(self, attachment_id: int) -> bool:
        """Make an attachment the selected row (False when it is not listed)."""
        row = self.model.row_of(attachment_id)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        return row >= 0

    def selected(self) -> AttachmentInfo | None:
        """The attachment of the selected row (else of the current one)."""
        chosen = self.table.selectionModel().selectedRows()
        index = chosen[0] if chosen else self.table.currentIndex()
        return self.model.data(index, ATTACHMENT_ROLE) if index.isValid() else None

    def _update(self) -> None:
        a = self.selected()
        self.sha.setText(a.sha256 if a else "")
        self.sha.setCursorPosition(0)
        self.sha_row.setVisible(a is not None)
        self.details.setText(words.details(a.created_by, formatting.date_time(a.created_at))
                             if a else "")
        if a is not None and a.removed:
            self.details.setText(words.removed_tip(a.removed_by, formatting.date_time(a.removed_at),
                                                   a.removed_reason))
        self.details.setVisible(a is not None)
        for key in ("add", "scan"):
            self.buttons[key].setEnabled(self.writable)
            self.buttons[key].setVisible(self.actor is None or self.writable)
        self.buttons["remove"].setVisible(self.actor is None or self.writable)
        self.buttons["preview"].setEnabled(a is not None)
        self.buttons["save"].setEnabled(a is not None)
        self.buttons["remove"].setEnabled(a is not None and not a.removed and self.writable)
        self.scan_shortcut.setEnabled(self.writable)

    def say(self, text: str, role: str) -> None:
        """A line under the list: role «hint», «ok» or «error» (errors are brought into sight)."""
        style.set_role(self.message, role)
        self.message.setText(text)
        if text and role == "error":
            self.said.emit(text)
            self._reveal()
        elif text and role == "ok":
            self.said.emit(text)

    def _reveal(self) -> None:
        """Bring the message into sight when the box sits in a scrolled pane."""
        w = self.parentWidget()
        while w is not None and not isinstance(w, QScrollArea):
            w = w.parentWidget()
        if isinstance(w, QScrollArea):
            w.ensureWidgetVisible(self.message)

    def failed(self, exc: Exception) -> None:
        """Say what went wrong, in Persian."""
        self.say(error_text(exc), "error")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """A narrow box (the request pane) lists name, type and size; the rest is under it."""
        super().resizeEvent(event)
        narrow = event.size().width() < WIDE_ENOUGH
        for column in (COL_DATE, COL_WHO, COL_SHA):
            self.table.setColumnHidden(column, narrow)

    # --- adding -------------------------------------------------------------------------------

    def accept_drops_on(self, widget: QWidget) -> None:
        """Let files dropped anywhere on `widget` (a whole detail pane) be attached here."""
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Accept dragged files while the record may be written; attach them on drop."""
        if event.type() not in _DRAG_EVENTS:
            return super().eventFilter(watched, event)
        mime = event.mimeData()  # type: ignore[attr-defined]
        if not (self.writable and mime is not None and mime.hasUrls()):
            event.ignore()
            return event.type() == QEvent.Type.Drop
        event.acceptProposedAction()  # type: ignore[attr-defined]
        if event.type() == QEvent.Type.Drop:
            self.drop(event)  # type: ignore[arg-type]
        return True

    def drop(self, event: QDropEvent) -> None:
        """Files dropped: attach the local ones in order; say so when some are not local."""
        urls = event.mimeData().urls()
        paths = [u.toLocalFile() for u in urls if u.isLocalFile() and u.toLocalFile()]
        if len(paths) < len(urls):
            self.say(words.NOT_LOCAL, "error")
        self.add_paths(paths)

    def choose_files(self) -> None:
        """Ask for files and attach them."""
        if not self.writable:
            return
        paths = file_dialogs.open_files(self, words.CHOOSE_FILES, file_dialogs.ATTACHMENTS)
        self.add_paths(paths)

    def add_paths(self, paths: list[str]) -> None:
        """Attach files one after another (each read, checked and stored off the GUI thread)."""
        if not self.writable:
            return
        self.queue.extend(p for p in paths if p)
        if not self.busy:
            self._next()

    def _next(self) -> None:
        if not self.queue or self.services is None or self.owner is None or self.actor is None:
            self._set_busy(False)
            return
        path = self.queue.pop(0)
        self._set_busy(True)
        att, actor, owner = self.services.attachments, self.actor, self.owner
        name = path.replace("\\", "/").rsplit("/", 1)[-1]
        self._progress(0, name)
        background.run(lambda progress: att.add_file(actor, owner, path, progress),
                       on_done=self._added, on_error=self._add_failed,
                       on_progress=self._progress, owner=self,
                       always=lambda _info: change_bus.announce(owner_changes(owner)))

    def _progress(self, pct: int, name: str) -> None:
        self.progress.setValue(pct)
        extra = f" ({words.queued(len(self.queue))})" if self.queue else ""
        self.message.setText(words.READING.format(name) + extra)
        style.set_role(self.message, "hint")

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        if not busy:
            self.progress.setValue(0)

    def _added(self, info: AttachmentInfo) -> None:
        notes = [words.attached(info.name)]
        if info.renamed:
            notes.append(words.renamed(info.given_name, info.name))
        if info.save_name != info.name and info.kind != "other":
            notes.append(words.type_differs(info.name, info.kind_label))
        if info.owner == self.owner:
            self.all_rows = [*self.all_rows, info]
            self._fill(self.all_rows, select=info.id)
        self.say(" ".join(notes), "ok")
        self.attached.emit(info)
        self._next()

    def _add_failed(self, exc: Exception) -> None:
        self.failed(exc)
        if self.queue:  # the others still go; the message stays until the next one is read
            self._set_busy(False)
            self._next()
        else:
            self._set_busy(False)

    def attach_newest_scan(self) -> None:
        """Find the scanner's newest file, ask, then attach it."""
        if not self.writable or self.services is None:
            return
        att = self.services.attachments
        background.run(att.newest_scan, on_done=self._ask_scan, on_error=self.failed,
                       owner=self)

    def _ask_scan(self, c: ScanCandidate) -> None:
        question = words.scan_question(c.name, words.size(c.size),
                                       formatting.date_time(c.modified))
        answer = QMessageBox.question(self, words.SCAN_QUESTION_TITLE, literal_html(question))
        if answer == QMessageBox.StandardButton.Yes:
            self.add_paths([c.path])

    # --- reading, saving, removing (app/views/attachments/box_actions.py) ---------------------

    def preview_selected(self) -> None:
        """Show the selected picture or PDF inside Pol; anything else is only saved."""
        box_actions.preview(self)

    def save_selected(self) -> None:
        """Save a checked copy where the user chooses (never opened by Pol)."""
        box_actions.save_copy(self)

    def remove_selected(self) -> None:
        """Ask why, then flag the selected attachment removed."""
        box_actions.remove(self)

    def show_removal(self, info: AttachmentInfo) -> None:
        """An attachment was flagged removed: show it so, and say so."""
        self.all_rows = [info if r.id == info.id else r for r in self.all_rows]
        self._fill(self.all_rows)
        self.say(words.removed(info.name), "ok")
        self.removed.emit(info)
