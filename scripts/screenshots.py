"""Screenshots of Pol's main pages on a fresh demo database, for the README.

    python scripts/screenshots.py [--out docs/screenshots] [--size 1366x768] [--requests 10000]

Runs offscreen (no display needed) on a screen of the given size, in a throwaway data folder, so
it never touches your own database or settings. The window gets the room a maximised window has
on that monitor (the screen less a 40 px taskbar and a 31 px title bar) and every picture is the
window's content as `QWidget.grab()` draws it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TASKBAR_PX = 40
TITLE_BAR_PX = 31
WAIT_MS = 120_000  # the demo fill and the quarterly report take a while on a slow machine


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots",
                   help="folder for the PNG files (default: docs/screenshots)")
    p.add_argument("--size", default="1366x768", help="monitor size, WIDTHxHEIGHT")
    p.add_argument("--requests", type=int, default=None,
                   help="demo requests to generate (default: what «python main.py --demo» makes)")
    return p.parse_args(argv)


def offscreen_screen(width: int, height: int, folder: Path) -> None:
    """Run Qt offscreen on one screen of that size (set before Qt starts)."""
    config = folder / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "office", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def main(argv: list[str] | None = None) -> int:
    """Build the demo, walk the pages, save the pictures."""
    args = parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="pol-screenshots-"))
    os.environ["POL_DATA_DIR"] = str(work / "data")
    os.environ.pop("POL_DATABASE_URL", None)
    offscreen_screen(width, height, work)
    sys.path.insert(0, str(ROOT))

    from PySide6.QtCore import QDeadlineTimer, QEventLoop, QItemSelectionModel, QRect, QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QTableView, QWidget

    from app import bootstrap
    from app.bootstrap import Application, make_application
    from app.config import resolve_database_url
    from app.views import background

    if args.requests is not None:
        bootstrap.DEMO_REQUESTS = args.requests
    app = make_application([sys.argv[0]])

    def wait_until(condition: Callable[[], bool], what: str) -> None:
        deadline = QDeadlineTimer(WAIT_MS)
        while not condition():
            if deadline.hasExpired():
                raise SystemExit(f"timed out waiting for {what}")
            loop = QEventLoop()
            QTimer.singleShot(50, loop.quit)  # wake now and then to look at the condition
            loop.exec()

    def idle() -> bool:
        running = getattr(background, "_running", None)
        return not running

    def settle() -> None:
        for _ in range(3):
            wait_until(idle, "background jobs")
            app.processEvents()

    url = resolve_database_url(None, demo=True)
    pol = Application(url, demo=True)
    window = pol.window
    window.setGeometry(QRect(0, 0, width, height - TASKBAR_PX - TITLE_BAR_PX))
    window.show()
    print(f"building the demo database in {work} …", flush=True)
    pol.start()
    wait_until(lambda: pol.session_lock is not None, "the demo sign-in")
    settle()
    saved: list[Path] = []

    def save(widget: QWidget, name: str) -> None:
        settle()
        path = out / f"{name}.png"
        widget.grab().save(str(path), "PNG")
        saved.append(path)
        print(f"  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}", flush=True)

    def has_ink(widget: QWidget) -> bool:
        image = widget.grab().toImage()
        dark = 0
        for y in range(0, image.height(), 6):
            for x in range(0, image.width(), 6):
                if image.pixelColor(x, y).lightness() < 120:
                    dark += 1
        return dark > 40

    def page(title: str) -> QWidget:
        nav = window.nav
        for row in range(nav.count()):
            if nav.item(row).text() == title:
                nav.setCurrentRow(row)
                settle()
                return window.pages.currentWidget()
        raise SystemExit(f"no page «{title}»")

    def select_row(table: QTableView, row: int = 0) -> None:
        model = table.model()
        if model is not None and model.rowCount() > row:
            table.selectionModel().setCurrentIndex(
                model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            settle()

    def first_table(widget: QWidget) -> QTableView:
        return next(t for t in widget.findChildren(QTableView) if t.isVisible())

    def click(root: QWidget, text: str) -> None:
        from PySide6.QtWidgets import QAbstractButton

        for b in root.findChildren(QAbstractButton):
            shown = b.text().replace("&", "").split(" (")[0].strip()
            if b.isVisible() and b.isEnabled() and shown == text:
                b.click()
                settle()
                return
        raise SystemExit(f"no button «{text}»")

    inbox = page("صندوق درخواست‌ها")
    select_row(first_table(inbox), 2)
    save(window, "inbox")

    referrals = page("پیگیری ارجاعات")
    select_row(first_table(referrals))
    save(window, "referrals")

    calendar = page("تقویم دیدارها")
    save(window, "calendar-month")
    click(calendar, "هفته")
    save(window, "calendar-week")
    click(calendar, "ماه")

    review = page("بازرسی")
    select_row(first_table(review))
    save(window, "review")

    calls = page("تماس رضایت")
    select_row(first_table(calls))
    save(window, "calls")

    reports = page("گزارش‌ها")
    click(reports, "ساخت گزارش")
    wait_until(lambda: getattr(reports, "pdf_path", None) is not None or idle(), "the report")
    settle()
    preview = getattr(reports, "view", None)
    if preview is not None:  # QPdfView draws its pages on a thread: wait until ink shows
        wait_until(lambda: has_ink(preview), "the report preview")
    save(window, "reports")

    # The dialogs, as the inbox and the menu open them (their exec is replaced by a grab).
    shot = {"name": "intake"}

    def grab_dialog(dialog: QDialog) -> int:
        dialog.show()
        settle()
        save(dialog, shot["name"])
        dialog.hide()
        return QDialog.DialogCode.Rejected.value

    QDialog.exec = grab_dialog  # type: ignore[method-assign]
    page("صندوق درخواست‌ها")
    inbox = window.pages.currentWidget()
    click(inbox, "درخواست تازه")
    shot["name"] = "batch-intake"
    inbox.batch_button.click()
    # The demo's own events (app/demo/events.py): two trips and a live session with letters.
    from app.views.inbox.events_dialog import EventsDialog

    services, actor = inbox.services, inbox.actor
    shot["name"] = "events"
    inbox.events_button.click()
    shot["name"] = "event-edit"
    events = EventsDialog(services, actor, [c.name for c in inbox.counties], window)
    settle()
    events.edit_event()
    shot["name"] = "samad-bridge"
    inbox.samad_button.click()
    from app.views.sms.sms_dialog import SmsDialog

    shot["name"] = "sms"
    SmsDialog(inbox.services, inbox.actor, window).exec()

    big = [p for p in saved if p.stat().st_size > 400_000]
    if big:
        print("warning: large files: " + ", ".join(p.name for p in big), file=sys.stderr)
    background.wait_all()
    window.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
