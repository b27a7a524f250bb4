"""Filled forms the GUI tests share."""

from __future__ import annotations

from app.views.inbox.intake_dialog import IntakeDialog


def open_filled_intake(qtbot, services, actor) -> IntakeDialog:  # noqa: ANN001
    """An intake dialog, shown, with a citizen and a request typed in (Persian set by setText)."""
    d = IntakeDialog(services, actor, [], [])
    qtbot.addWidget(d)
    d.show()
    d.national_id.setText("0013542419")
    d.first_name.setText("حمید")
    d.last_name.setText("قاسم‌زاده")
    d.subject.setText("درخواست روشنایی معبر")
    d.body.setPlainText("کوچهٔ ما از ماه پیش تاریک است.")
    return d
