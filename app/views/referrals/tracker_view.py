"""The referral tracker (پیگیری ارجاعات): filters, the lazily paged table, the referral pane."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from app.models.enums import ReferralStatus
from app.services.core.context import Actor
from app.services.referrals.dto import TrackerRow
from app.services.registry import Services
from app.views import background
from app.views.framework import lookups
from app.views.framework import words as frame_words
from app.views.framework.bus import bus
from app.views.framework.master_detail import MasterDetailPage
from app.views.referrals import words as w
from app.views.referrals.filter_bar import TrackerFilterBar
from app.views.referrals.referral_pane import ReferralPane
from app.views.table_models.referral_model import COL_DEADLINE, ReferralTableModel


class ReferralTrackerView(MasterDetailPage):
    """Which agencies are late and by how much; and the actions on one referral."""

    referral_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        pane = ReferralPane()
        super().__init__("tracker", ReferralTableModel(), TrackerFilterBar(), pane, parent)
        self.pane = pane
        self.model.setParent(self)
        self.table.horizontalHeader().setSortIndicator(COL_DEADLINE, Qt.SortOrder.AscendingOrder)
        self.filters.filter_changed.connect(self.model.set_filter)
        self.pane.action_failed.connect(self.message)
        self.pane.referral_changed.connect(self._referral_saved)
        self.row_selected.connect(lambda key: self.referral_selected.emit(key))
        bus().referrals_changed.connect(self.refresh)
        bus().requests_changed.connect(self._requests_changed)
        bus().settings_changed.connect(self._settings_changed)
        self.filters.setEnabled(False)

    def set_context(self, services: Services, actor: Actor) -> None:
        """Connect to the database as the signed-in user and show the first page."""
        super().set_context(services, actor)
        self.pane.set_context(services, actor)
        tracker = services.tracker
        self.model.set_row_fetcher(lambda ids: tracker.rows(ids, actor))
        self.model.set_fetcher(lambda f, offset, limit, sort, desc, total: tracker.page(
            f, offset=offset, limit=limit, sort=sort, descending=desc, with_total=total,
            actor=actor))
        background.run(lookups.reader(services, actor),
                       on_done=lambda lists: self.filters.set_reference(lists[0], lists[1]),
                       owner=self)
        self.filters.setEnabled(True)

    def _settings_changed(self, _ids: list) -> None:
        """The working week changed: working-day figures are counted afresh (no stale cache)."""
        if self.services is not None:
            self.services.tracker.invalidate()
            self.refresh([])

    def count_text(self, total: int) -> str:
        """«۱۲ ارجاع»."""
        return frame_words.count(total, w.REFERRAL_NOUN)

    def show_row(self, row: TrackerRow) -> None:
        """Load the selected referral into the pane."""
        self.pane.load(row.id)

    def detail_stale(self, row: TrackerRow) -> bool:
        """The pane shows an older version of the selected referral."""
        d = self.pane.dossier
        return d is None or d.id != row.id or d.version != row.version

    def show_agency_overdue(self, agency_id: int) -> None:
        """Filter to one agency's overdue referrals."""
        self.filters.show_agency_overdue(agency_id)

    def _requests_changed(self, ids: list[int]) -> None:
        """A request changed (its subject, its county): refresh its referrals on screen."""
        wanted = set(ids)
        keys = [r.id for r in self.model.loaded_rows() if r.request_id in wanted]
        if keys:
            self.model.refresh(keys)

    def _referral_saved(self, result: Any) -> None:
        """Say where an answered referral went when the list on screen no longer holds it (#12)."""
        status = getattr(result, "status", None)
        current = self.model.current_filter.status
        if status is None or current is None or status == current:
            return
        label = ReferralStatus(status).label
        text = (w.MOVED_TO if status == ReferralStatus.ANSWERED else w.NOW_IN).format(label)
        referral_id = result.id
        d = self.pane.dossier
        code = d.tracking_code if d is not None and d.id == referral_id else ""
        self.notice.show_notice(text, w.SHOW_IT,
                                lambda: self.show_in_list(referral_id, status, code))
        self.message.emit(text)

    def show_in_list(self, referral_id: int, status: str, tracking_code: str = "") -> None:
        """Switch to the list the referral is now in (narrowed to its request) and select it."""
        self.shown_key = referral_id
        self.filters.show_status(status, tracking_code)
