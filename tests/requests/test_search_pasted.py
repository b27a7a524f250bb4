"""The inbox finds a request whatever a paste did to its text or to the search (issue 12, part 2)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.models import Citizen, Request
from app.services.requests.dto import InboxFilter
from app.services.requests.samad.importer import import_samad
from app.services.requests.service import build_search_key
from tests.requests.test_import import row, write_csv
from tests.support.helpers import make_actor, register, valid_nid

# Pasted out of a PDF (presentation forms, a lam-alef ligature), from Word (an embedding and a
# BOM), typed on an Urdu keyboard (ڪ ے ہ) and with wide digits and thousands separators.
PASTED_SUBJECT = "\u202bﮔﺰﺍﺭﺵ ﻗﻄﻌﯽ ﺁﺏ ﻻﻟﻪ\u202c"
PASTED_BODY = "\ufeffمبلغ ۱٬۲۰۰٬۰۰۰ ریال برای ڪوچہ بندے، پلاک ８٣٧٩"


@pytest.fixture
def pasted(services):  # noqa: ANN001, ANN201
    """One request registered from pasted text, one typed plainly (which must not match)."""
    op = make_actor(services, "op")
    pasted = register(services, op, subject=PASTED_SUBJECT, body=PASTED_BODY,
                      nid=valid_nid("300000001"))
    register(services, op, subject="روشنایی معابر", body="چراغ خیابان ۱۲ خاموش است",
             nid=valid_nid("300000002"))
    return pasted


@pytest.mark.parametrize("typed", [
    "گزارش", "قطعی آب", "لاله", "کوچه", "بندی", "1200000", "۱٬۲۰۰٬۰۰۰", "1,200,000", "8379",
    "۸۳۷۹", "ریال",
])
def test_typed_words_find_pasted_text(services, pasted, typed: str) -> None:
    """Plain Persian typed into the search finds the request stored from the paste."""
    page = services.inbox.page(InboxFilter(text=typed))
    assert [r.id for r in page.rows] == [pasted.id]


@pytest.mark.parametrize("query", [
    "\u2067ﮔﺰﺍﺭﺵ\u2069", "ﻻﻟﻪ", "ڪوچہ", "١٬٢٠٠٬٠٠٠", "１２００，０００".replace("，", ","),
    "\u061cقطعی\u200f آب",
])
def test_pasted_search_finds_typed_text(services, query: str) -> None:
    """A search pasted from elsewhere finds a request typed plainly."""
    op = make_actor(services, "op")
    typed = register(services, op, subject="گزارش قطعی آب لاله",
                     body="مبلغ 1200000 ریال برای کوچه", nid=valid_nid("300000003"))
    page = services.inbox.page(InboxFilter(text=query))
    assert [r.id for r in page.rows] == [typed.id]


def test_a_comma_between_words_still_separates(services, pasted) -> None:
    """«بندی، پلاک» keeps its comma; a thousands separator is gone only between digits."""
    assert services.inbox.count(InboxFilter(text="بندی،پلاک")) == 1
    assert services.inbox.count(InboxFilter(text="1,200,0")) == 1  # «1,200,000» is «1200000»
    assert services.inbox.count(InboxFilter(text="00,1200")) == 0


def test_samad_import_of_pasted_cells_is_found_by_typed_words(services, tmp_path) -> None:
    """A SAMAD file whose cells were pasted (presentation forms, look-alikes, separators, marks)
    keys as typed text does: the importer's fast key is the service's key, and the inbox finds it.
    The second row's citizen is read from the database (keyed the full way, then with the rest)."""
    op = make_actor(services, "op")
    rows = [row("771", first="\u202bزهرا\u202c", last="ڪریمی", nid=valid_nid("300000004"),
                subject=PASTED_SUBJECT, body=PASTED_BODY),
            row("772", first="\u202bزهرا\u202c", last="ڪریمی", nid=valid_nid("300000004"),
                subject="ﻗﻄﻌﯽ ﺑﺮﻕ", body="مبلغ ۳٬۴۵۶ ریال")]
    assert import_samad(services.db, op, write_csv(tmp_path / "pasted.csv", rows[:1])).imported == 1
    assert import_samad(services.db, op, write_csv(tmp_path / "again.csv", rows[1:])).imported == 1
    with services.db.read() as s:
        for r, c in s.execute(select(Request, Citizen).join(Citizen,
                                                            Citizen.id == Request.citizen_id)):
            assert r.search_key == build_search_key(r, c)
    inbox = services.inbox
    assert inbox.count(InboxFilter(text="گزارش لاله 1,200,000 کوچه")) == 1
    assert inbox.count(InboxFilter(text="قطعی برق 3456")) == 1
    assert inbox.count(InboxFilter(text="کریمی")) == 2
