"""The SAMAD import dialog tells about a damaged file and repeated headers (issue 9)."""

from __future__ import annotations

from app.services.core.reference import agencies, counties
from app.views.inbox.import_dialog import ImportDialog
from tests.requests.test_import import HEADERS, row
from tests.requests.test_import_files import MOJIBAKE, csv_bytes


def test_damaged_rows_and_duplicate_headers_are_shown(qtbot, gui_services, operator,
                                                      tmp_path) -> None:
    """A UTF-8 file with one bad byte: the summary names the row, in Persian, no mojibake."""
    data = csv_bytes([row("S-801"), row("S-802", subject="درخواست روشنایی"), row("S-803")],
                     headers=[*HEADERS, "موبایل"])
    bad = "درخواست روشنایی".encode()
    path = tmp_path / "damaged.csv"
    path.write_bytes(data.replace(bad, bad[:5] + b"\xff" + bad[6:]))
    db = gui_services.db
    d = ImportDialog(gui_services, operator, counties(db), agencies(db))
    qtbot.addWidget(d)
    with qtbot.waitSignal(d.previewed, timeout=20000) as seen:
        d.set_file(path)
    assert (seen.args[0].importable, [e.row for e in seen.args[0].rejected]) == (2, [3])
    summary = d.summary.text()
    assert "UTF-8" in summary and "ردیف ۳" in summary
    assert d.rejected.item(0).text().startswith("ردیف ۳ ")
    shown = [summary] + [d.rejected.item(i).text() for i in range(d.rejected.count())]
    assert not [t for t in shown if any(m in t for m in MOJIBAKE)]
    labels = [d.headers_form.itemAt(i).widget().text() for i in range(d.headers_form.count())
              if d.headers_form.itemAt(i).widget() is not None
              and hasattr(d.headers_form.itemAt(i).widget(), "text")]
    assert "«موبایل» (هم‌معنی «تلفن همراه»):" in labels
    with qtbot.waitSignal(d.imported, timeout=30000) as done:
        d.import_button.click()
    assert done.args[0].imported == 2 and "ردیف ۳" in d.summary.text()


