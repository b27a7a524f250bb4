"""Citizens: validation, lookup by national ID, and find-or-create without duplicates."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import Citizen, Request
from app.models.database import Database
from app.services.core import messages as msg
from app.services.core import persian
from app.services.core.jalali import utc_now
from app.services.requests.dto import CitizenInfo, CitizenInput


def validate_citizen(data: CitizenInput, prefix: str = "", cleaned: bool = False) -> dict[str, str]:
    """Check a citizen's fields; returns field -> Persian message for each bad one.

    `cleaned`: the names went through clean_text or normalize already, so persian.clean_line
    gives the same text faster.
    """
    errors: dict[str, str] = {}
    nid = persian.clean_national_id(data.national_id)
    if nid and not persian.is_valid_national_id(nid):
        errors[prefix + "national_id"] = msg.NATIONAL_ID_INVALID
    if data.mobile.strip() and persian.normalize_mobile(data.mobile) is None:
        errors[prefix + "mobile"] = msg.MOBILE_INVALID
    clean = persian.clean_line if cleaned else persian.clean_text
    last, first = clean(data.last_name), clean(data.first_name)
    if not (nid or last or first):
        errors[prefix + "last_name"] = msg.CITIZEN_NAME_OR_ID_REQUIRED
    return errors


_LATIN_LETTER = re.compile(r"[A-Za-z]")


def name_warnings(data: CitizenInput | None, prefix: str = "") -> dict[str, str]:
    """Questions to put to the clerk before saving (field -> Persian question); not errors.

    A name written in Latin letters («test», «Ali») is allowed (a foreign citizen) but is
    usually a slip of the keyboard layout or a trial entry, so the clerk confirms it.
    """
    if data is None:
        return {}
    for field, value in (("first_name", data.first_name), ("last_name", data.last_name)):
        if _LATIN_LETTER.search(value or ""):
            return {prefix + field: msg.LATIN_NAME_QUESTION}
    return {}


def to_info(c: Citizen, request_count: int = 0) -> CitizenInfo:
    """Plain data of a citizen row."""
    return CitizenInfo(c.id, c.version, c.national_id, c.first_name, c.last_name, c.mobile,
                       c.county_id, c.address, request_count, bool(c.sms_opt_out))


def find_or_create(session: Session, data: CitizenInput) -> Citizen:
    """Return the citizen with this national ID (filling blanks), or create one.

    Two desktops registering the same new citizen at once: the unique national ID makes one
    insert fail; that one rolls back to its savepoint and takes the row the other created.
    """
    nid = persian.clean_national_id(data.national_id) or None
    first = persian.clean_text(data.first_name)
    last = persian.clean_text(data.last_name)
    mobile = persian.normalize_mobile(data.mobile)
    if nid:
        existing = session.scalar(select(Citizen).where(Citizen.national_id == nid))
        if existing is not None:
            fill_blanks(existing, first, last, mobile, data)
            return existing
    citizen = Citizen(
        national_id=nid, first_name=first, last_name=last, mobile=mobile,
        county_id=data.county_id, address=persian.clean_text(data.address), created_at=utc_now(),
        sms_opt_out=bool(data.sms_opt_out),
    )
    try:
        with session.begin_nested():
            session.add(citizen)
    except IntegrityError:
        existing = session.scalar(select(Citizen).where(Citizen.national_id == nid))
        if existing is None:
            raise
        fill_blanks(existing, first, last, mobile, data)
        return existing
    return citizen


def fill_blanks(c: Citizen, first: str, last: str, mobile: str | None, data: CitizenInput) -> None:
    """Complete a known citizen with newly given details, never erasing what is known."""
    if first and first != c.first_name:
        c.first_name = first
    if last and last != c.last_name:
        c.last_name = last
    if mobile and mobile != c.mobile:
        c.mobile = mobile
    if data.county_id and not c.county_id:
        c.county_id = data.county_id
    address = persian.clean_text(data.address)
    if address and not c.address:
        c.address = address
    if data.sms_opt_out is not None and data.sms_opt_out != c.sms_opt_out:
        c.sms_opt_out = data.sms_opt_out  # the citizen's own say, asked again at the desk


def lookup(db: Database, national_id: str) -> CitizenInfo | None:
    """Find a citizen by national ID (any digits), with how many requests they brought."""
    nid = persian.clean_national_id(national_id)
    if not persian.is_valid_national_id(nid):
        return None
    with db.read() as s:
        c = s.scalar(select(Citizen).where(Citizen.national_id == nid))
        if c is None:
            return None
        n = s.scalar(select(func.count()).select_from(Request).where(Request.citizen_id == c.id))
        return to_info(c, n or 0)
