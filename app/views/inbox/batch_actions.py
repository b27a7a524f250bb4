"""The inbox's batch actions on a multi-row selection: assign, deep-rooted, refer many, tag.

Each action is one service call (one transaction) run off the GUI thread; the change bus then
refreshes the rows it touched. The page builds the context menu and the refer dialog here.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QMenu,
    QMessageBox,
    QRadioButton,
    QWidget,
)

from app.services.events.dto import BatchResult
from app.views import background, file_dialogs
from app.views.formatting import literal_html
from app.views.framework import words as frame_words
from app.views.inbox import batch_words as w
from app.views.table_models.paged_model import ROW_ROLE

if TYPE_CHECKING:
    from app.views.inbox.inbox_page import InboxPage


def selected_ids(page: InboxPage) -> list[int]:
    """The request ids selected in the inbox table, in table order."""
    rows = sorted(i.row() for i in page.table.selectionModel().selectedRows())
    out = []
    for r in rows:
        row = page.model.data(page.model.index(r, 0), ROW_ROLE)
        if row is not None:
            out.append(row.id)
    return out


class ReferManyDialog(QDialog):
    """Choose the agency and whether each request gets its own number or one covering letter."""

    def __init__(self, agencies: list, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(w.REFER_TITLE)
        self.agency = QComboBox()
        self.agency.setObjectName("referManyAgency")
        for a in agencies:
            self.agency.addItem(a.name, a.id)
        self.numbers = QRadioButton(w.REFER_NUMBERS)
        self.covering = QRadioButton(w.REFER_COVERING)
        self.numbers.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.numbers)
        group.addButton(self.covering)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(w.selected(count), None)
        form.addRow(w.REFER_AGENCY, self.agency)
        form.addRow(self.numbers)
        form.addRow(self.covering)
        form.addRow(buttons)


def run_action(page: InboxPage, action: str, agency_id: int | None = None,
               covering: bool = False) -> None:
    """Run one batch action on the selection (off the GUI thread), report it on the page."""
    if page.services is None or page.actor is None:
        return
    ids = selected_ids(page)
    batch, actor = page.services.batch, page.actor
    jobs = {
        "assign": lambda: batch.assign(actor, ids, actor.user_id),
        "deep_rooted": lambda: batch.mark_deep_rooted(actor, ids),
        "refer": lambda: batch.refer(actor, ids, agency_id or 0, covering=covering),
    }

    def done(result: BatchResult) -> None:
        text = (w.referred(len(result.request_ids), result.letter_numbers) if action == "refer"
                else w.changed(len(result.request_ids)))
        skipped = result.skipped_objected
        if skipped:
            text += " " + w.objected_short(len(skipped))
        page.count_label.setText(text)
        page.batch_done.emit(result)
        if skipped:  # the codes in full, where the clerk can read them all
            QMessageBox.information(page, w.REFER_TITLE,
                                    literal_html(w.objected_skipped(skipped)))
        if action == "refer" and covering and result.letter_numbers:
            save_covering_letter(page, result.letter_numbers[0])

    def failed(exc: Exception) -> None:
        page.count_label.setText(frame_words.error_text(exc))
        page.message.emit(frame_words.error_text(exc))

    background.write(page, jobs[action], on_done=done, on_error=failed,
                     changes=lambda r: {"requests": list(r.request_ids)})


def save_covering_letter(page: InboxPage, letter_no: str) -> None:
    """Offer to save the covering letter with its annex as a PDF (written off the GUI thread)."""
    if page.services is None:
        return
    target = file_dialogs.save_file(page, w.COVERING_SAVE, file_dialogs.LETTERS, w.COVERING_FILE,
                                    "PDF (*.pdf)")
    if not target:
        return
    batch = page.services.batch
    background.run(lambda: batch.write_covering_pdf(letter_no, Path(target)),
                   on_done=lambda _n: page.count_label.setText(w.COVERING_SAVED),
                   on_error=lambda e: page.count_label.setText(frame_words.error_text(e)),
                   owner=page)


def refer_many(page: InboxPage) -> None:
    """Ask for the agency and the letter form, then refer the selection."""
    ids = selected_ids(page)
    if not ids:
        return
    dialog = ReferManyDialog(page.agencies, len(ids), page)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        run_action(page, "refer", dialog.agency.currentData(), dialog.covering.isChecked())


def tag_event(page: InboxPage) -> None:
    """Tag the selection with a running event, chosen from a list read off the GUI thread."""
    if page.services is None or page.actor is None:
        return
    ids = selected_ids(page)
    events, actor = page.services.events, page.actor
    if not ids:
        return

    def chosen(current: list) -> None:
        names = [e.name for e in current]
        if not names:
            return
        name, ok = QInputDialog.getItem(page, w.TAG_EVENT, literal_html(w.TAG_PROMPT), names, 0,
                                       False)
        if not ok:
            return
        event_id = current[names.index(name)].id
        background.write(page, lambda: events.tag(actor, ids, event_id),
                         on_done=lambda changed: page.count_label.setText(w.changed(len(changed))),
                         on_error=lambda e: page.count_label.setText(frame_words.error_text(e)),
                         changes=lambda changed: {"requests": list(changed)})

    background.run(lambda: events.list(actor, current_only=True), on_done=chosen, owner=page)


def context_menu(page: InboxPage) -> QMenu:
    """The table's context menu: the batch actions on the selection."""
    menu = QMenu(page)
    menu.addAction(w.ASSIGN_TO_ME, lambda: run_action(page, "assign"))
    menu.addAction(w.DEEP_ROOTED, lambda: run_action(page, "deep_rooted"))
    menu.addAction(w.REFER_MANY, lambda: refer_many(page))
    menu.addAction(w.TAG_EVENT, lambda: tag_event(page))
    return menu
