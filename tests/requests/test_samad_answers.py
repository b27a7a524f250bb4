"""The quarter's answers for SAMAD (issue 14 §2) on SQLite and PostgreSQL: the rows, read back
with openpyxl (right to left, formula-safe, Jalali dates), the «exported before» column, only
what's new, the record of each export; and the `samad` command line, JSON and text."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.cli import main
from app.errors import PermissionDenied, PolError
from app.models import SamadExport, SamadExportItem
from app.models.enums import Role
from app.services.core import audit
from app.services.requests.dto import InboxFilter
from app.services.requests.samad.answers import CHANGED, EXPORTED, HEADERS, NEW
from app.services.requests.samad.importer import import_samad
from tests.requests.test_import import HEADERS as IMPORT_HEADERS
from tests.requests.test_import import row, write_csv
from tests.support.helpers import agency_id, make_actor, register

FORMULA = "=HYPERLINK(\"http://x\",\"y\")"


@pytest.fixture
def clerk(services):  # noqa: ANN001, ANN201
    return make_actor(services, "answerclerk", Role.OPERATOR)


def _id(services, code: str) -> int:  # noqa: ANN001
    return services.inbox.page(InboxFilter(text=code)).rows[0].id


def seed(services, clerk, tmp_path: Path) -> dict[str, int]:  # noqa: ANN001
    """6101 answered (with a formula-like answer), 6102 referred, 6103 closed, 6104 open;
    a walk-in request answered too (not a SAMAD request)."""
    path = write_csv(tmp_path / "in.csv", [row(c, when="1405/08/10 10:00")
                                           for c in ("6101", "6102", "6103", "6104")])
    assert import_samad(services.db, clerk, path).imported == 4
    ids = {c: _id(services, c) for c in ("6101", "6102", "6103", "6104")}
    d = services.requests.get(ids["6101"])
    services.requests.answer_directly(clerk, d.id, d.version, FORMULA)
    d = services.requests.get(ids["6102"])
    services.referrals.refer(clerk, d.id, d.version, agency_id(services, "شرکت گاز"),
                             "۱۲۳/ص/۱۴۰۵", date(2026, 11, 28))
    d = services.requests.get(ids["6103"])
    services.requests.close(clerk, d.id, d.version)
    walk_in = register(services, clerk)
    services.requests.answer_directly(clerk, walk_in.id, walk_in.version, "پاسخ حضوری")
    return ids


def sheet(path: Path) -> tuple[object, list[list[object]]]:
    """The workbook's one sheet and its data rows (header row first)."""
    ws = load_workbook(path).worksheets[0]
    return ws, [list(r) for r in ws.iter_rows(values_only=True)]


def test_the_quarters_answers_read_back(services, clerk, tmp_path) -> None:
    """Right to left, formula-safe, Jalali dates, referral columns, only SAMAD requests."""
    seed(services, clerk, tmp_path)
    out = tmp_path / "answers.xlsx"
    done = services.samad.export_answers(clerk, 1405, 3, out)
    assert (done.rows, done.new, done.changed, done.exported_before) == (3, 3, 0, 0)
    ws, rows = sheet(out)
    assert ws.sheet_view.rightToLeft is True
    assert rows[0] == HEADERS
    by_code = {r[0]: dict(zip(HEADERS, r, strict=True)) for r in rows[1:]}
    assert set(by_code) == {"6101", "6102", "6103"}  # 6104 is open, the walk-in no SAMAD's
    answered = by_code["6101"]
    assert answered["وضعیت"] == "پاسخ داده‌شده" and answered["نتیجهٔ رسیدگی"] == "پاسخ مستقیم"
    assert answered["متن پاسخ"] == FORMULA  # kept as text, not run as a formula
    cell = next(c for c in ws[2 + list(by_code).index("6101")] if c.value == FORMULA)
    assert cell.data_type == "s"
    assert answered["تاریخ پاسخ"].startswith("1405/09/07 ")  # the suite's day, Jalali
    referred = by_code["6102"]
    assert referred["دستگاه ارجاع"] == "شرکت گاز" and referred["تاریخ نامه"] == "1405/09/07"
    assert referred["شماره نامه"] == "123/ص/1405"
    assert referred["وضعیت"] == "در انتظار پاسخ دستگاه"
    assert by_code["6103"]["تاریخ مختومه"].startswith("1405/09/07")
    assert by_code["6103"]["تاریخ دریافت"] == "1405/08/10 10:00"
    assert {r["پیش‌تر صادر شده"] for r in by_code.values()} == {NEW}
    assert services.samad.export_answers(clerk, 1405, 2, tmp_path / "q2.xlsx").rows == 0


def test_exported_before_and_only_new(services, clerk, tmp_path) -> None:
    """A second export marks every row; only-new leaves them out until a row changes."""
    ids = seed(services, clerk, tmp_path)
    services.samad.export_answers(clerk, 1405, 3, tmp_path / "a1.xlsx")
    again = services.samad.export_answers(clerk, 1405, 3, tmp_path / "a2.xlsx")
    assert (again.rows, again.exported_before) == (3, 3)
    assert {r[-1] for r in sheet(tmp_path / "a2.xlsx")[1][1:]} == {EXPORTED}
    none_new = services.samad.export_answers(clerk, 1405, 3, tmp_path / "a3.xlsx", only_new=True)
    assert none_new.rows == 0 and len(sheet(tmp_path / "a3.xlsx")[1]) == 1
    # The agency answered the referral and the office answered the citizen: new again.
    d = services.requests.get(ids["6102"])
    services.requests.answer_directly(clerk, d.id, d.version, "دستگاه پاسخ داد؛ گاز وصل شد.")
    fresh = services.samad.export_answers(clerk, 1405, 3, tmp_path / "a4.xlsx", only_new=True)
    assert (fresh.rows, fresh.changed, fresh.exported_before) == (1, 1, 2)
    rows = sheet(tmp_path / "a4.xlsx")[1]
    assert rows[1][0] == "6102" and rows[1][-1] == CHANGED
    with services.db.read() as s:
        only = s.scalars(select(SamadExport.only_new).order_by(SamadExport.id)).all()
        assert only == [False, False, True, True]
        assert s.scalar(select(func.count()).select_from(SamadExportItem)) == 3 + 3 + 0 + 1
    assert audit.verify_chain(services.db).ok


def test_a_failed_save_records_nothing(services, clerk, tmp_path) -> None:
    """No folder, no file: a Persian message and no export recorded; inspectors may not."""
    seed(services, clerk, tmp_path)
    with pytest.raises(PolError) as err:
        services.samad.export_answers(clerk, 1405, 3, tmp_path / "nope" / "a.xlsx")
    assert "پیدا نشد" in err.value.message
    with services.db.read() as s:
        assert s.scalar(select(func.count()).select_from(SamadExport)) == 0
    with pytest.raises(PermissionDenied):
        services.samad.export_answers(make_actor(services, "insp", Role.INSPECTOR), 1405, 3,
                                      tmp_path / "i.xlsx")


# --- command line ----------------------------------------------------------------------------


def test_cli_reconcile_json_and_text(db_url, tmp_path, capsys) -> None:
    """`samad reconcile FILE --json` prints the three sorted lists; without it, Persian text."""
    assert main(["--db", db_url, "import", "samad", "--json",
                 str(write_csv(tmp_path / "in.csv", [row("7002"), row("7001")]))]) == 0
    capsys.readouterr()
    path = write_csv(tmp_path / "x.csv", [[*row("7003"), "جدید"], [*row("7001"), "مختومه"]],
                     [*IMPORT_HEADERS, "وضعیت"])
    assert main(["--db", db_url, "samad", "reconcile", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["in_samad_only"], out["in_pol_only"], out["status_differs"]) == (
        ["7003"], ["7002"], ["7001"])
    assert out["counts"]["matched"] == 1
    assert main(["--db", db_url, "samad", "reconcile", str(path)]) == 0
    text = capsys.readouterr().out
    assert "در سامد هست و در پل نیست: ۱" in text and "وضعیت ناهمسان: ۱" in text
    assert "  7003" in text and "۲ ردیف" in text


def test_cli_bad_files_exit_with_a_persian_message(db_url, tmp_path, capsys) -> None:
    """Missing, unreadable or code-less files: exit 2, Persian on stderr, no traceback."""
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4\x00\x01\x02")
    nocode = write_csv(tmp_path / "n.csv", [["1405/08/01", "آب"]], ["تاریخ ثبت", "موضوع"])
    for path in (tmp_path / "nope.csv", junk, nocode):
        assert main(["--db", db_url, "samad", "reconcile", str(path)]) == 2
        err = capsys.readouterr().err
        assert err.strip() and "Traceback" not in err
        assert any("\u0600" <= ch <= "\u06ff" for ch in err)


def test_cli_answers(db_url, tmp_path, capsys) -> None:
    """`samad answers` writes the workbook and says what it wrote; --only-new the second time."""
    out = tmp_path / "ans.xlsx"
    args = ["--db", db_url, "samad", "answers", "--year", "1405", "--quarter", "3",
            "--out", str(out)]
    assert main([*args, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rows"] == 0 and out.exists()
    assert main([*args, "--only-new"]) == 0
    assert "سه‌ماهه سوم ۱۴۰۵" in capsys.readouterr().out
    assert main([*args[:-1], str(tmp_path / "ans.csv")]) == 2
    assert ".xlsx" in capsys.readouterr().err
