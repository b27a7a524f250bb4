"""The rendered report: pages and page numbers, RTL tables across pages, content, speed."""

from __future__ import annotations

import io
import time
from pathlib import Path

from reportlab.platypus import Table

from app.services.reports.dto import QuarterlyReport
from app.services.reports.pdf import narrative, sections, summary
from app.services.reports.pdf import page as page_mod
from app.services.reports.pdf.flowables import RtlParagraph
from app.services.reports.pdf.page import NumberedCanvas, page_label
from app.services.reports.pdf.quarterly import render_quarterly_report
from app.services.reports.pdf.tables import rtl_table
from app.services.reports.pdf.text import shape
from tests.reports.pdf_fixtures import AGENCIES, COUNTIES
from tests.reports.pdftools import norm, page_count, pdftotext_pages
from tests.reports.test_pdf_text import assert_same_order


def squeeze(s: str) -> str:
    """Compare text layers without spaces or brackets: poppler keeps mirrored bracket glyphs."""
    return "".join(ch for ch in norm(s) if not ch.isspace() and ch not in "()[]")


def cell_text(cell: object) -> str:
    """The text of a table cell (reportlab wraps flowable cells in a tuple once laid out)."""
    if isinstance(cell, tuple | list):
        cell = cell[0]
    return cell.text if isinstance(cell, RtlParagraph) else str(cell)


def test_renders_to_a_binary_stream_with_progress(report: QuarterlyReport) -> None:
    buf = io.BytesIO()
    seen: list[tuple[int, str]] = []
    render_quarterly_report(report, buf, lambda p, m: seen.append((p, m)))
    assert buf.getvalue().startswith(b"%PDF-")
    percents = [p for p, _ in seen]
    assert percents == sorted(percents) and percents[0] == 0 and percents[-1] == 100
    assert all(isinstance(m, str) and m for _, m in seen)


def test_page_label_is_persian() -> None:
    assert page_label(3, 12) == "صفحه ۳ از ۱۲"


def test_numbered_canvas_writes_the_total_on_every_page(monkeypatch) -> None:
    drawn: list[str] = []
    original = NumberedCanvas.drawCentredString

    def spy(self, x, y, text, *args, **kwargs):  # noqa: ANN001
        drawn.append(text)
        return original(self, x, y, text, *args, **kwargs)

    monkeypatch.setattr(NumberedCanvas, "drawCentredString", spy)
    c = NumberedCanvas(io.BytesIO(), pagesize=(page_mod.PAGE_WIDTH, page_mod.PAGE_HEIGHT))
    for _ in range(3):
        c.showPage()
    c.save()
    assert drawn == [shape(page_label(i, 3)) for i in (1, 2, 3)]


def test_every_page_says_page_n_of_total(report_pdf: Path) -> None:
    data = report_pdf.read_bytes()
    total = page_count(data)
    assert total >= 5
    pages = pdftotext_pages(report_pdf)
    assert len(pages) == total
    for number, text in enumerate(pages, start=1):
        assert squeeze(page_label(number, total)) in squeeze(text), f"page {number}"


def test_rtl_table_puts_the_first_column_on_the_right() -> None:
    table = rtl_table(
        ["ردیف", "شهرستان", "تعداد"],
        [["۱", "تبریز", "۱۰"]],
        [30, 100, 50],
        numeric=[True, False, True],
    )
    header = table._cellvalues[0]
    assert isinstance(header[-1], RtlParagraph) and header[-1].text == "ردیف"
    assert header[0].text == "تعداد"
    assert table._argW == [50, 100, 30]
    assert table._cellvalues[1][-1] == shape("۱")


def first_rows(pieces: list) -> int:
    return len(pieces[0]._cellvalues) - 1


def test_long_table_repeats_its_header_and_never_splits_a_row() -> None:
    rows = [
        [str(i), f"{AGENCIES[i % len(AGENCIES)]} با نامی بلند که در دو سطر می‌شکند", str(i * 3)]
        for i in range(120)
    ]
    table = rtl_table(["ردیف", "دستگاه", "تعداد"], rows, [40, 120, 60], numeric=[True, False, True])
    table.wrap(220, 700)
    pieces = table.split(220, 700)
    assert len(pieces) == 2
    second = pieces[1]
    second.wrap(220, 10_000)
    assert cell_text(second._cellvalues[0][-1]) == "ردیف"  # the header again, on the next page
    assert cell_text(second._cellvalues[1][-1]) == shape(rows[first_rows(pieces)][0])
    assert first_rows(pieces) + len(second._cellvalues) - 1 == 120  # every row whole, once
    assert isinstance(pieces[0], Table) and pieces[0].repeatRows == 1


def test_large_report_spans_pages_with_repeated_headers(
    large_report: QuarterlyReport, tmp_path: Path
) -> None:
    out = tmp_path / "large.pdf"
    started = time.perf_counter()
    render_quarterly_report(large_report, out)
    elapsed = time.perf_counter() - started
    assert elapsed < 10, f"rendering took {elapsed:.1f} s"
    pages = pdftotext_pages(out)
    with_manager_header = [i for i, t in enumerate(pages) if squeeze("مدیر و سمت") in squeeze(t)]
    assert len(with_manager_header) >= 2  # 60 managers: the table continues, header repeated
    assert with_manager_header == list(range(with_manager_header[0], with_manager_header[-1] + 1))


def test_report_text_layer_has_all_counties_and_agencies(report_pdf: Path) -> None:
    text = squeeze(" ".join(pdftotext_pages(report_pdf)))
    for name in COUNTIES + AGENCIES:
        assert squeeze(name) in text, name
    for heading in (
        "بسمه تعالی",
        "استانداری آذربایجان شرقی",
        "سه‌ماهه سوم ۱۴۰۵ (پاییز)",
        "گزارش سه‌ماهه دیدارهای مردمی و پاسخگویی به درخواست‌های مردمی",
    ):
        assert squeeze(heading) in text, heading


def paragraph_texts(flowables: list) -> list[str]:
    """Every RtlParagraph text in a story, tables and kept-together groups included."""
    texts: list[str] = []
    for f in flowables:
        if isinstance(f, RtlParagraph):
            texts.append(f.text)
        elif isinstance(f, Table):
            texts += paragraph_texts([c for row in f._cellvalues for c in row])
        elif isinstance(f, list | tuple):
            texts += paragraph_texts(list(f))
        elif hasattr(f, "_content"):  # KeepTogether
            texts += paragraph_texts(f._content)
    return texts


def test_every_line_of_the_report_reorders_like_the_reference(report: QuarterlyReport) -> None:
    story = []
    for build in (
        summary.summary_section,
        summary.channels_section,
        sections.meetings_section,
        sections.agencies_section,
        sections.counties_section,
        narrative.deep_rooted_section,
        narrative.closing_section,
    ):
        story += build(report)
    texts = paragraph_texts(story)
    assert len(texts) > 150
    for text in texts:
        for line in text.split("\n"):
            if line.strip():
                assert_same_order(" ".join(line.split()))


def test_the_chain_head_is_printed_with_its_number_of_events(report_pdf: Path,
                                                             report: QuarterlyReport) -> None:
    """Beside the head hash the report prints how many events the chain had (Persian digits)."""
    text = squeeze(" ".join(pdftotext_pages(report_pdf)))
    assert squeeze(report.audit_head_hash) in text
    assert squeeze("زنجیره تا این چکیده ۱۲٬۳۴۵ رویداد دارد") in text
