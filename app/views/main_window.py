"""The main window: a shell with navigation, a status bar and the pages it hosts."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app.views.formatting import plain


class MainWindow(QMainWindow):
    """Navigation on the right (RTL), pages in the middle, user and database below."""

    page_changed = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("پل — استانداری آذربایجان شرقی")
        self.resize(1200, 760)
        central = QWidget()
        layout = QHBoxLayout(central)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(190)
        self.pages = QStackedWidget()
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.user_label = plain(QLabel(""))
        self.db_label = plain(QLabel(""))
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.db_label)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.currentRowChanged.connect(self.page_changed)

    def add_page(self, title: str, page: QWidget) -> None:
        """Add a page and its navigation entry."""
        self.pages.addWidget(page)
        self.nav.addItem(title)
        if self.nav.count() == 1:
            self.nav.setCurrentRow(0)

    def show_user(self, text: str) -> None:
        """Show who is signed in."""
        self.user_label.setText(text)

    def show_database(self, text: str, connected: bool) -> None:
        """Show the database and whether it is reachable."""
        mark = "●" if connected else "○"
        self.db_label.setText(f"{mark} {text}")
