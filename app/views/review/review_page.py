"""The inspection review (بازرسی): queues of items to review, their history, the chain check."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from app.models.review import ReviewReason
from app.services.core.context import Actor
from app.services.objections.dto import ObjectionInfo
from app.services.referrals.dto import ChainCheck, QueueRow, ReviewInfo
from app.services.registry import Services
from app.services.review.dto import HeadCheck
from app.views import background
from app.views.formatting import plain_label
from app.views.framework import words as frame_words
from app.views.framework.bus import bus
from app.views.framework.master_detail import MasterDetailPage
from app.views.review import words as w
from app.views.review.queue_bar import QueueBar
from app.views.review.review_pane import ReviewPane
from app.views.table_models.review_model import ReviewQueueModel
from app.views.widgets.ltr_edit import ltr_line_edit


def _set_role(label: QLabel, role: str) -> None:
    """Give a label a style role (resources/style/*.qss) and repaint it."""
    label.setProperty("role", role)
    label.style().unpolish(label)
    label.style().polish(label)


REFERRAL_QUEUES = (ReviewReason.ESCALATED, ReviewReason.OVERDUE)  # the others list requests


class ReviewPage(MasterDetailPage):
    """بازرسی: what to review, the whole history of an item, and the audit-chain check."""

    item_selected = Signal(int)  # request id
    chain_checked = Signal(object)  # ChainCheck
    head_checked = Signal(object)  # HeadCheck

    def __init__(self, parent: QWidget | None = None) -> None:
        queue, pane = QueueBar(), ReviewPane()
        super().__init__("review", ReviewQueueModel(), queue, pane, parent)
        self.model.setParent(self)
        self.queue, self.pane = queue, pane
        self.chain_button = QPushButton(w.CHAIN_BUTTON)
        self.chain_button.setToolTip(w.CHAIN_TOOLTIP)
        self.chain_label = plain_label("")
        self.chain_label.setObjectName("chainResult")
        self.chain_label.setWordWrap(True)
        self.actions.addWidget(self.chain_button)
        self.master.layout().insertWidget(2, self.chain_label)
        # A head hash printed on a report: is that event still on the chain (a cut tail)?
        self.head_edit = ltr_line_edit(w.HEAD_PLACEHOLDER)
        self.head_edit.setObjectName("headHash")
        self.head_edit.setToolTip(w.HEAD_TOOLTIP)
        self.head_edit.setMaxLength(100)  # 64 digits and the spaces of a hash copied off paper
        fm = self.head_edit.fontMetrics()  # room for the placeholder and a 16-digit hash
        self.head_edit.setMinimumWidth(max(fm.horizontalAdvance(w.HEAD_PLACEHOLDER),
                                           fm.horizontalAdvance("0" * 20)) + 24)
        self.head_button = QPushButton(w.HEAD_BUTTON)
        self.head_button.setToolTip(w.HEAD_TOOLTIP)
        self.head_label = plain_label("")
        self.head_label.setObjectName("headResult")
        self.head_label.setWordWrap(True)
        self.actions.addWidget(self.head_edit)
        self.actions.addWidget(self.head_button)
        self.master.layout().insertWidget(3, self.head_label)
        self.queue.filter_changed.connect(self.model.set_filter)
        self.pane.review_recorded.connect(self._review_recorded)
        self.pane.objection_box.decided.connect(self._objection_decided)
        self.pane.action_failed.connect(self.message)
        self.row_selected.connect(lambda key: self.item_selected.emit(key[0]))
        self.chain_button.clicked.connect(self.check_chain)
        self.chain_label.setVisible(False)
        self.head_button.clicked.connect(self.check_head)
        self.head_edit.returnPressed.connect(self.check_head)
        self.head_label.setVisible(False)
        bus().referrals_changed.connect(self._referrals_changed)
        bus().requests_changed.connect(self._requests_changed)
        self.queue.setEnabled(False)
        self.chain_button.setEnabled(False)
        self.head_button.setEnabled(False)

    def set_context(self, services: Services, actor: Actor) -> None:
        """Connect to the database as the signed-in user and show the first queue."""
        super().set_context(services, actor)
        self.pane.set_context(services, actor)
        reviews = services.reviews
        self.model.set_filter(self.queue.current())
        self.model.set_fetcher(lambda f, offset, limit, _sort, _desc, total: reviews.queue(
            f, offset=offset, limit=limit, with_total=total, actor=actor))
        self.queue.setEnabled(True)
        self.chain_button.setEnabled(True)
        self.head_button.setEnabled(True)

    def count_text(self, total: int) -> str:
        """«۳۰ مورد»."""
        return frame_words.count(total, w.ITEM_NOUN)

    def show_row(self, row: QueueRow) -> None:
        """Load the item's whole history into the pane."""
        self.pane.load(row.request_id, row.referral_id, row.reason)

    def _referrals_changed(self, ids: list[int]) -> None:
        """A referral the queue does not list may now belong in it (escalated, overdue)."""
        if self.model.current_filter.reason in REFERRAL_QUEUES:
            listed = {r.referral_id for r in self.model.loaded_rows()}
            if set(ids) - listed:
                self.requery()

    def _requests_changed(self, ids: list[int]) -> None:
        """A request the queue does not list may now belong in it (closed, satisfaction)."""
        if self.model.current_filter.reason not in REFERRAL_QUEUES:
            listed = {r.request_id for r in self.model.loaded_rows()}
            if set(ids) - listed:
                self.requery()

    def _review_recorded(self, info: ReviewInfo) -> None:
        """The verdict shows on its row at once, from the stored review (no query)."""
        key = (info.request_id, info.referral_id)
        for row in self.model.loaded_rows():
            if self.model.key(row) == key:
                self.model.replace_row(dataclasses.replace(
                    row, verdict=info.verdict, verdict_label=info.verdict_label))

    def _objection_decided(self, info: ObjectionInfo) -> None:
        """The outcome shows on the objection's row at once; the history shows the decision."""
        for row in self.model.loaded_rows():
            if row.reason == ReviewReason.OBJECTION and row.request_id == info.request_id:
                self.model.replace_row(dataclasses.replace(
                    row, verdict=info.outcome, verdict_label=info.outcome_label))
                self.pane.load(row.request_id, None, row.reason)

    def check_chain(self) -> None:
        """Verify the audit chain off the GUI thread and show the first altered event."""
        if self.services is None:
            return
        reviews = self.services.reviews
        self.chain_button.setEnabled(False)
        self.chain_label.setVisible(True)
        _set_role(self.chain_label, "hint")
        self.chain_label.setText(w.CHAIN_CHECKING)
        background.run(reviews.check_chain, on_done=self._chain_done,
                       on_error=self._chain_failed, owner=self)

    def _chain_done(self, result: ChainCheck) -> None:
        self.chain_button.setEnabled(True)
        _set_role(self.chain_label, "ok" if result.ok else "error")
        self.chain_label.setText(result.message)
        self.chain_checked.emit(result)

    def _chain_failed(self, exc: Exception) -> None:
        self.chain_button.setEnabled(True)
        _set_role(self.chain_label, "error")
        self.chain_label.setText(frame_words.error_text(exc))

    def check_head(self) -> None:
        """Look the typed head hash up on the chain off the GUI thread."""
        if self.services is None or not self.head_button.isEnabled():
            return
        reviews, head = self.services.reviews, self.head_edit.text()
        self.head_button.setEnabled(False)
        self.head_label.setVisible(True)
        _set_role(self.head_label, "hint")
        self.head_label.setText(w.HEAD_CHECKING)
        background.run(lambda: reviews.check_head(head), on_done=self._head_done,
                       on_error=self._head_failed, owner=self)

    def _head_done(self, result: HeadCheck) -> None:
        self.head_button.setEnabled(True)
        _set_role(self.head_label, "ok" if result.ok else "error")
        self.head_label.setText(result.message)
        self.head_checked.emit(result)

    def _head_failed(self, exc: Exception) -> None:
        self.head_button.setEnabled(True)
        _set_role(self.head_label, "error")
        self.head_label.setText(frame_words.error_text(exc))
