"""The main window: a shell with navigation, a status bar and the pages it hosts."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.views import geometry, words
from app.views.formatting import plain
from app.views.icons import icon

# The room around every page: the same on both sides, so no page touches (or loses) its edge.
PAGE_MARGINS = (16, 12, 16, 12)
WINDOW_MARGINS = (8, 8, 8, 8)
NAV_WIDTH = 176
# A small logical screen (a 1920×1080 monitor at Windows' 150 %: 1280×680 of room) gets the
# compact shell: navigation as icons only (titles in the tooltips) and tighter margins.
COMPACT_BELOW = QSize(1366, 728)  # the room a 1366×768 monitor at 100 % leaves
NAV_COMPACT_WIDTH = 56
COMPACT_PAGE_MARGINS = (8, 4, 8, 4)
COMPACT_WINDOW_MARGINS = (4, 4, 4, 4)
GEOMETRY_KEY = "main_window"


class MainWindow(QMainWindow):
    """Navigation on the right (RTL), pages in the middle, user and database below."""

    page_changed = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(words.WINDOW_TITLE)
        self.resize(1280, 760)
        central = QWidget()
        layout = QHBoxLayout(central)
        self.compact = False
        layout.setContentsMargins(*WINDOW_MARGINS)
        layout.setSpacing(8)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(NAV_WIDTH)
        # Titles fit or (compact) are not shown: the list never scrolls sideways.
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setIconSize(QSize(20, 20))
        self.pages = QStackedWidget()
        self.page_host = QWidget()
        self.page_host.setObjectName("pageHost")
        host_layout = QVBoxLayout(self.page_host)
        host_layout.setContentsMargins(*PAGE_MARGINS)
        host_layout.addWidget(self.pages)
        layout.addWidget(self.nav)
        layout.addWidget(self.page_host, 1)
        self.setCentralWidget(central)
        self.user_label = plain(QLabel(""))
        self.db_label = plain(QLabel(""))
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(False)
        self.progress.setFixedWidth(160)
        self.progress.hide()
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.db_label)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.currentRowChanged.connect(self.page_changed)

    def add_page(self, title: str, page: QWidget, icon_name: str | None = None) -> None:
        """Add a page and its navigation entry (with an icon from app/views/icons.py)."""
        self.pages.addWidget(page)
        item = QListWidgetItem("" if self.compact else title)
        item.setData(Qt.ItemDataRole.UserRole, title)
        item.setToolTip(title)
        if icon_name:
            item.setIcon(icon(icon_name))
        row = self.nav.count()
        if row < 9:  # Ctrl+1 … Ctrl+9; the shortcut is named in the tooltip, never on the item
            keys = QKeySequence(f"Ctrl+{row + 1}")
            QShortcut(keys, self, activated=lambda r=row: self.nav.setCurrentRow(r))
            item.setToolTip(f"{title} ({keys.toString(QKeySequence.SequenceFormat.NativeText)})")
        self.nav.addItem(item)
        if self.nav.count() == 1:
            self.nav.setCurrentRow(0)

    def fit_screen(self, available: QSize) -> None:
        """Go compact on a screen with less room (logical pixels) than COMPACT_BELOW, else not."""
        compact = (available.width() < COMPACT_BELOW.width()
                   or available.height() < COMPACT_BELOW.height())
        self.compact = compact
        self.nav.setFixedWidth(NAV_COMPACT_WIDTH if compact else NAV_WIDTH)
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            item.setText("" if compact else item.data(Qt.ItemDataRole.UserRole))
        central = self.centralWidget().layout()
        central.setContentsMargins(*(COMPACT_WINDOW_MARGINS if compact else WINDOW_MARGINS))
        self.page_host.layout().setContentsMargins(*(COMPACT_PAGE_MARGINS if compact
                                                     else PAGE_MARGINS))
        # The window's least size follows now, not at the next event: a geometry set right
        # after this must not be held to the wider shell's minimum.
        for layout in (self.page_host.layout(), central, self.layout()):
            layout.invalidate()
            layout.activate()

    def _screen_changed(self) -> None:
        screen = self.screen()
        if screen is not None:
            self.fit_screen(screen.availableGeometry().size())

    def show_first_time(self) -> None:
        """Show the window where the user left it; maximised on the very first run."""
        self._screen_changed()
        if self.windowHandle() is None:
            self.winId()  # the native window exists from now on: it tells of screen changes
        self.windowHandle().screenChanged.connect(lambda _s: self._screen_changed())
        if geometry.restore_window(self, GEOMETRY_KEY):
            self.show()
        else:
            self.showMaximized()

    def bring_forward(self) -> None:
        """Come to the front (a second start of Pol asked): un-minimised, raised, focused."""
        if self.isMinimized():
            self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()

    def show_user(self, text: str) -> None:
        """Show who is signed in."""
        self.user_label.setText(text)

    def show_database(self, text: str, connected: bool) -> None:
        """Show the database and whether it is reachable."""
        mark = "●" if connected else "○"
        self.db_label.setText(f"{mark} {text}")

    def show_progress(self, pct: int | None, message: str = "") -> None:
        """A long start-up step: a bar and its (Persian-digit) message; None hides them."""
        if pct is None:
            self.progress.hide()
            return
        self.progress.setValue(max(0, min(100, pct)))
        self.progress.show()
        self.statusBar().showMessage(message)
