"""Builders for the objection tests: a request answered and closed, directly or by an agency."""

from __future__ import annotations

from app.models.enums import AnswerGrade
from app.services.core.context import Actor
from app.services.core.jalali import tehran_today
from app.services.registry import Services
from app.services.requests.dto import RequestDetail
from tests.support.helpers import agency_id, register, valid_nid


def closed_direct(services: Services, clerk: Actor, nid: str = "400000011") -> RequestDetail:
    """A request answered by the office itself and closed now."""
    req = register(services, clerk, nid=valid_nid(nid))
    req = services.requests.answer_directly(clerk, req.id, req.version, "پاسخ دفتر داده شد.")
    return services.requests.close(clerk, req.id, req.version)


def closed_referred(services: Services, clerk: Actor, nid: str = "400000012") -> RequestDetail:
    """A request referred to the water company, answered adequately, and closed now."""
    req = register(services, clerk, nid=valid_nid(nid))
    ref = services.referrals.refer(clerk, req.id, req.version, agency_id(services),
                                   "۱۲۳/۴۵", tehran_today())
    services.referrals.record_response(clerk, ref.id, ref.version, "لوله‌کشی اصلاح شد.",
                                       tehran_today(), grade=AnswerGrade.ADEQUATE)
    req = services.requests.get(req.id)
    return services.requests.close(clerk, req.id, req.version)
