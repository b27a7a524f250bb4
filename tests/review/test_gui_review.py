"""The inspection review page through its widgets: a sampled case reviewed, the chain checked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel
from sqlalchemy import text

from app.models.enums import Role
from app.models.review import ReviewReason, ReviewVerdict
from app.services.core import audit, jalali, persian
from app.services.core.context import SYSTEM
from app.services.core.users import actor_of
from app.services.referrals.dto import QueueFilter
from app.services.review.service import ReviewService
from app.views import formatting
from app.views.review.review_page import ReviewPage
from app.views.table_models.paged_model import ROW_ROLE
from app.views.table_models.review_model import ReviewQueueModel
from tests.support import audit_tamper
from tests.support.waits import WAIT_MS


@pytest.fixture
def inspector(gui_services):  # noqa: ANN001, ANN201
    """A signed-in inspector."""
    return actor_of(gui_services.users.add(SYSTEM, "insp", "secret-1", Role.INSPECTOR,
                                           "بازرس دفتر"))


def _page(qtbot, services, actor) -> ReviewPage:  # noqa: ANN001
    page = ReviewPage()
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT_MS):
        page.set_context(services, actor)
    return page


def _sample_of_last_quarter(qtbot, page: ReviewPage) -> None:  # noqa: ANN001
    # The sample's period is the last finished quarter unless the inspector picks another.
    assert page.queue.period.value() == jalali.last_finished_quarter(jalali.tehran_today())
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT_MS):
        page.queue.set_reason(ReviewReason.SAMPLE)


def test_queue_model_passes_qt_model_tester(qtmodeltester, gui_services) -> None:
    """The review queue model obeys Qt's model contract."""
    model = ReviewQueueModel()
    reviews = ReviewService(gui_services.db)
    f = QueueFilter(ReviewReason.OVERDUE, overdue_days=0)
    model._filter = f  # noqa: SLF001
    model.reset_with(model.generation, reviews.queue(f))
    assert model.rowCount() > 0
    qtmodeltester.check(model, force_py=True)


def test_inspector_reviews_a_sampled_case(qtbot, gui_services, inspector) -> None:
    """Draw the sample, open an item's whole history, record a verdict: the queue shows it."""
    page = _page(qtbot, gui_services, inspector)
    _sample_of_last_quarter(qtbot, page)
    f = page.queue.current()
    assert page.model.total == len(ReviewService(gui_services.db).sample_ids(f)) > 0
    assert page.model.total <= f.sample_size == 30
    assert "بذر نمونه" in page.queue.seed_label.text()
    page.table.selectionModel().select(
        page.model.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    item = page.model.data(page.model.index(0, 0), ROW_ROLE)
    qtbot.waitUntil(lambda: page.pane.dossier is not None, timeout=WAIT_MS)
    pane = page.pane
    assert pane.dossier.request.id == item.request_id and pane.timeline.count() >= 1
    assert pane.code.text() == formatting.tracking_code(item.tracking_code)
    assert not pane.form_box.isHidden()
    pane.save_review()  # nothing chosen: both messages, nothing stored
    qtbot.waitUntil(lambda: bool(pane.errors.labels["verdict"].text()), timeout=WAIT_MS)
    assert ReviewService(gui_services.db).reviews_of(item.request_id) == []
    pane.verdict.setCurrentIndex(pane.verdict.findData(ReviewVerdict.NEEDS_CORRECTION.value))
    pane.note.setPlainText("پاسخ مستقیم بدون مستند ارسال شده است.")
    loads = page.model.generation
    with qtbot.waitSignal(pane.review_recorded, timeout=WAIT_MS):
        pane.save_review()
    assert page.model.generation == loads  # the row was updated in place, not re-queried
    assert page.selected_row() is not None and page.selected_row().request_id == item.request_id
    (saved,) = ReviewService(gui_services.db).reviews_of(item.request_id)
    assert (saved.verdict, saved.reason, saved.referral_id) == (
        ReviewVerdict.NEEDS_CORRECTION, ReviewReason.SAMPLE, None)
    row = next(page.model.row_at(r) for r in range(page.model.total)
               if page.model.row_at(r).request_id == item.request_id)
    assert row.verdict_label == "نیازمند اصلاح"
    qtbot.waitUntil(lambda: pane.reviews.count() == 1
                    and "نیازمند اصلاح" in pane.reviews.item(0).text(), timeout=WAIT_MS)


def test_operator_sees_the_queue_without_the_review_form(qtbot, gui_services, operator) -> None:
    """Only roles that may review see the form."""
    page = _page(qtbot, gui_services, operator)
    assert page.pane.form_box.isHidden()


def test_chain_check_reports_the_first_altered_event(qtbot, gui_services, inspector) -> None:
    """The check passes on the demo data and names the event edited behind Pol's back."""
    page = _page(qtbot, gui_services, inspector)
    with qtbot.waitSignal(page.chain_checked, timeout=WAIT_MS) as done:
        page.chain_button.click()
    assert done.args[0].ok and "سالم" in page.chain_label.text()
    with gui_services.db.engine.begin() as c:
        audit_tamper.maintenance(c)
        victim = c.execute(text("SELECT min(id) FROM audit_event WHERE entity = 'user'"))\
            .scalar_one()
        c.execute(text("UPDATE audit_event SET username = 'someone' WHERE id = :i"),
                  {"i": victim})
    with qtbot.waitSignal(page.chain_checked, timeout=WAIT_MS) as done:
        page.chain_button.click()
    assert not done.args[0].ok and done.args[0].first_bad.id == victim
    assert f"رویداد شمارهٔ {persian.to_persian_digits(victim)}" in page.chain_label.text()


def _check_head(qtbot, page: ReviewPage, typed: str):  # noqa: ANN001, ANN202
    page.head_edit.setText(typed)
    with qtbot.waitSignal(page.head_checked, timeout=WAIT_MS) as done:
        page.head_button.click()
    assert page.head_button.isEnabled()
    return done.args[0]


def test_a_typed_head_hash_is_looked_up_on_the_chain(qtbot, gui_services, inspector) -> None:
    """The printed head (16 digits, spaced) is found; a cut-off one and a malformed one are not."""
    page = _page(qtbot, gui_services, inspector)
    head = audit.head_hash(gui_services.db)
    found = _check_head(qtbot, page, f"{head[:8].upper()} {head[8:16]}")
    assert found.ok and "هنوز در زنجیره است" in page.head_label.text()
    assert head[:16] in page.head_label.text()
    gone = "0123456789abcdef" if not head.startswith("0123456789abcdef") else "f" * 16
    missing = _check_head(qtbot, page, gone)
    assert not missing.ok and "دیگر در زنجیره نیست" in page.head_label.text()
    page.head_edit.setText("")
    bad = _check_head(qtbot, page, "۱۲۳")
    assert not bad.ok and "۱۶ یا ۶۴" in page.head_label.text()


def test_a_new_sample_can_be_drawn_and_named(qtbot, gui_services, inspector) -> None:
    """«نمونهٔ تازه» draws with a new seed, shown so the same sample can be drawn again."""
    page = _page(qtbot, gui_services, inspector)
    _sample_of_last_quarter(qtbot, page)
    before = page.queue.current().seed
    with qtbot.waitSignal(page.model.loaded, timeout=WAIT_MS):
        page.queue.new_sample.click()
    f = page.queue.current()
    assert f.seed != before and persian.to_persian_digits(f.seed) in page.queue.seed_label.text()
    shown = [page.model.row_at(r).request_id for r in range(page.model.total)]
    assert shown == ReviewService(gui_services.db).sample_ids(f)


def test_an_escalation_elsewhere_reaches_the_escalated_queue(qtbot, gui_services, inspector,
                                                             operator) -> None:
    """A referral escalated on the tracker joins the open «ارجاع به بازرسی» queue (once shown)."""
    from PySide6.QtWidgets import QApplication

    from app.models.enums import ReferralStatus
    from app.services.referrals.dto import TrackerFilter
    from app.views import background

    page = _page(qtbot, gui_services, inspector)
    assert page.model.current_filter.reason == ReviewReason.ESCALATED
    before = page.model.total
    listed = {r.referral_id for r in page.model.loaded_rows()}
    ref = next(r for r in gui_services.tracker.page(TrackerFilter(status=ReferralStatus.OPEN),
                                                    0, 200).rows
               if not r.escalated and r.id not in listed)
    referrals = gui_services.referrals
    generation = page.model.generation
    background.write(None, lambda: referrals.escalate(operator, ref.id, ref.version,
                                                      "پیگیری عادی نتیجه نداد."))
    assert background.wait_all(WAIT_MS)
    QApplication.processEvents()  # deliver the write's result and the bus signals
    assert page.model.generation == generation  # hidden: nothing is read yet
    page.show()
    qtbot.waitUntil(lambda: page.model.total == before + 1, timeout=WAIT_MS)
    assert ref.id in {r.referral_id for r in page.model.loaded_rows()}
