"""The import's fast paths store exactly what the straightforward cleaning would store."""

from __future__ import annotations

from sqlalchemy import select

from app.models import Citizen, Request
from app.models.enums import Role
from app.services.core import persian
from app.services.requests.samad.importer import import_samad
from app.services.requests.service import request_search_key
from tests.requests.test_import import row, write_csv
from tests.support.helpers import make_actor, valid_nid

# Text where cleaning twice differs from cleaning once (a ZWNJ, a tab, a ZWNJ), a line break
# in a name, Arabic letters, Persian digits and an invisible mark in the code.
ODD_LAST = "احمدي\u200c\t\u200c"
ODD_FIRST = "زهرا\nسادات"
ODD_SUBJECT = "قطعي  آب\u200c\t\u200c"
ODD_BODY = "خط اول\u200c \n\n  خط دوم ۱۲"


def test_import_stores_what_clean_text_gives(services, tmp_path) -> None:  # noqa: ANN001
    """Names, subject, body, code and search key match the plain definitions, row by row."""
    actor = make_actor(services, "fast", Role.OPERATOR)
    nid = valid_nid("135792468")
    rows = [row("۷۷\u200b۱", first=ODD_FIRST, last=ODD_LAST, nid=nid, mobile="",
                subject=ODD_SUBJECT, body=ODD_BODY),
            # The same new citizen again in the same chunk: the blank mobile is filled in.
            row("772", first="", last="", nid=nid, mobile="۰۹۱۲۱۱۱۲۲۳۳"),
            row("773", first="علی", last="", nid="", mobile="")]
    path = write_csv(tmp_path / "odd.csv", rows)
    assert import_samad(services.db, actor, path).imported == 3
    with services.db.read() as s:
        reqs = {r.samad_code: r for r in s.scalars(select(Request))}
        people = {c.id: c for c in s.scalars(select(Citizen))}
        assert set(reqs) == {"771", "772", "773"}
        first = reqs["771"]
        assert first.subject == persian.normalize(ODD_SUBJECT)  # one line: kept as read
        assert first.body == persian.normalize(ODD_BODY)
        person = people[first.citizen_id]
        assert reqs["772"].citizen_id == person.id
        assert person.first_name == persian.clean_text(persian.normalize(ODD_FIRST))
        assert person.last_name == persian.clean_text(persian.normalize(ODD_LAST)) == "احمدی"
        assert person.mobile == "09121112233" and person.national_id == nid
        for r in reqs.values():
            c = people.get(r.citizen_id) if r.citizen_id else None
            want = (request_search_key(r.subject, r.body, r.tracking_code, r.samad_code)
                    if c is None else
                    request_search_key(r.subject, r.body, r.tracking_code, r.samad_code,
                                       c.first_name, c.last_name, c.national_id, c.mobile))
            assert r.search_key == want
