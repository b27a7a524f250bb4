"""Revision 0020t on both databases: the agency-answer template is seeded, removed on rewind,
seeded again once, and an office's edited text is not overwritten."""

from __future__ import annotations

from sqlalchemy import select, update

from app.models.sms import SmsTemplate
from app.services.registry import Services
from app.services.sms import rules
from tests.support.migrations import downgrade, upgrade_twice


def _templates(services: Services) -> dict[str, str]:
    with services.db.read() as s:
        return {k: t for k, t in s.execute(select(SmsTemplate.kind, SmsTemplate.text))}


def test_rewind_and_upgrade_again(services: Services) -> None:
    db = services.db
    assert _templates(services) == rules.DEFAULT_TEMPLATES  # the migration's copy matches
    downgrade(db, "0019e")
    assert rules.AGENCY_ANSWERED not in _templates(services)
    assert len(_templates(services)) == len(rules.KINDS) - 1  # the others stay
    upgrade_twice(db)
    assert _templates(services) == rules.DEFAULT_TEMPLATES


def test_an_edited_template_survives_an_upgrade(services: Services) -> None:
    with services.db.write() as s:
        s.execute(update(SmsTemplate).where(SmsTemplate.kind == rules.AGENCY_ANSWERED)
                  .values(text="پاسخ {دستگاه} رسید"))
    upgrade_twice(services.db)
    assert _templates(services)[rules.AGENCY_ANSWERED] == "پاسخ {دستگاه} رسید"
