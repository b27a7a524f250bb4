"""A table's columns: default widths fitted to their text, hide/show/reorder/resize, remembered per user."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QHeaderView, QMenu, QTableView

from app.views import geometry
from app.views.framework import words
from app.views.table_models.paged_model import Column

CELL_PADDING = 20  # the cell's padding (base.qss: 6 px a side), the grid line and some air
HEADER_PADDING = 32  # the header's padding (base.qss: 8 px a side), its border and some air
SORT_ARROW = 12  # a sortable column's title keeps room for the sort arrow beside it
SAVE_DELAY_MS = 400
MIN_WIDTH = 36


# The layouts' one store, beside the window and splitter layouts (views/geometry.py); tests may
# point this at a settings file of their own.
settings_factory: Callable[[], QSettings] = geometry.settings


class ColumnLayout(QObject):
    """Owns a table's horizontal header: defaults, the header's context menu, the user's layout."""

    def __init__(self, table: QTableView, columns: list[Column], page_key: str) -> None:
        super().__init__(table)
        self.table = table
        self.columns = columns
        self.page_key = page_key
        self.user: str | None = None
        self._restoring = False
        # Until the user has a layout of their own, the optional columns (hidden=True) are
        # shown while they fit: a 1920-pixel screen shows more than a 1366-pixel one.
        self.auto_fit = True
        self._fitted_for = -1
        header = self.header
        header.setSectionsMovable(True)
        header.setMinimumSectionSize(MIN_WIDTH)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setContextMenuPolicy(header.contextMenuPolicy().CustomContextMenu)
        header.customContextMenuRequested.connect(self.show_menu)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save)
        header.sectionMoved.connect(lambda *_a: self._changed())
        header.sectionResized.connect(lambda *_a: self._resized())
        table.viewport().installEventFilter(self)
        table.installEventFilter(self)
        self.apply_defaults()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Fit the optional columns to the table's room; save a pending change when it hides."""
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self.fit(self.table.viewport().width())
        elif event.type() == QEvent.Type.Hide and watched is self.table \
                and self._save_timer.isActive():
            self.save()  # the page is closing or the user signs out: keep it now
        return False

    def fit(self, width: int) -> None:
        """Show the optional columns while the default widths fit in `width`.

        The last column stretches into what is left (the inbox's subject), so it is offered the
        room first; the others follow in their order.
        """
        if not self.auto_fit or width == self._fitted_for or width <= 0:
            return
        self._fitted_for = width
        used = sum(self.default_width(i) for i, c in enumerate(self.columns) if not c.hidden)
        self._restoring = True
        last = len(self.columns) - 1
        for i in [last, *range(last)]:
            if not self.columns[i].hidden:
                continue
            room = used + self.default_width(i) <= width
            if room:
                used += self.default_width(i)
            if self.header.isSectionHidden(i) == room:
                self.header.setSectionHidden(i, not room)
                if room:
                    self.table.setColumnWidth(i, self.default_width(i))
        self._restoring = False

    @property
    def header(self) -> QHeaderView:
        """The table's horizontal header."""
        return self.table.horizontalHeader()

    def default_width(self, column: int) -> int:
        """Wide enough for the header's title and the column's widest usual cell."""
        c = self.columns[column]
        head = max(map(self._header_metrics().horizontalAdvance, (c.header, *c.titles))) \
            + HEADER_PADDING + (
            SORT_ARROW if c.sort_key is not None else 0)
        cell = self.table.fontMetrics().horizontalAdvance(c.sample) + CELL_PADDING if c.sample \
            else 0
        return max(head, cell)

    def _header_metrics(self) -> QFontMetrics:
        """The header's titles are drawn semi-bold (base.qss), wider than the widget's own font."""
        font = QFont(self.header.font())
        font.setWeight(QFont.Weight.DemiBold)
        return QFontMetrics(font)

    def apply_defaults(self) -> None:
        """The columns in their own order, at their default widths, the default set shown."""
        self._fitted_for = -1
        self._restoring = True
        header = self.header
        for logical in range(len(self.columns)):
            visual = header.visualIndex(logical)
            if visual != logical:
                header.moveSection(visual, logical)
            header.setSectionHidden(logical, self.columns[logical].hidden)
            self.table.setColumnWidth(logical, self.default_width(logical))
        self._restoring = False

    def visible_width(self) -> int:
        """Total width of the columns shown."""
        header = self.header
        return sum(header.sectionSize(i) for i in range(len(self.columns))
                   if not header.isSectionHidden(i))

    # --- the user's layout ------------------------------------------------------------------

    def _key(self) -> str:
        return f"columns/{self.user}/{self.page_key}"

    def restore(self, user: str) -> None:
        """Show the layout this user left last time (the defaults if none)."""
        if self._save_timer.isActive():
            self.save()  # the previous user's pending change stays theirs
        self.user = user
        state = settings_factory().value(self._key())
        self._restoring = True
        if isinstance(state, QByteArray) and not state.isEmpty() \
                and self.header.restoreState(state):
            self.auto_fit = False
            self._restoring = False
            return
        self._restoring = False
        self.auto_fit = True
        self.apply_defaults()

    def _resized(self) -> None:
        """A section changed width: the user's doing only while a mouse button is down."""
        # The window growing also resizes the stretched last column: that is not a choice.
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            self._changed()

    def _changed(self) -> None:
        if not self._restoring and self.user is not None:
            self.auto_fit = False  # the user's own layout from now on
            self._save_timer.start()

    def save(self) -> None:
        """Remember the current layout for this user."""
        if self.user is None:
            return
        self._save_timer.stop()
        settings_factory().setValue(self._key(), self.header.saveState())

    def set_hidden(self, column: int, hidden: bool) -> None:
        """Hide or show a column (at least one stays shown)."""
        header = self.header
        shown = [i for i in range(len(self.columns)) if not header.isSectionHidden(i)]
        if hidden and shown == [column]:
            return
        header.setSectionHidden(column, hidden)
        if not hidden and header.sectionSize(column) < 20:
            self.table.setColumnWidth(column, self.default_width(column))
        self._changed()

    def reset(self) -> None:
        """Back to the default columns, and forget the user's layout."""
        self.apply_defaults()
        if self.user is not None:
            settings_factory().remove(self._key())
        self.auto_fit = True
        self.fit(self.table.viewport().width())

    def menu(self) -> QMenu:
        """The header's menu: one check per column and a way back to the defaults."""
        menu = QMenu(self.table)
        for i, c in enumerate(self.columns):
            action = menu.addAction(c.header)
            action.setCheckable(True)
            action.setChecked(not self.header.isSectionHidden(i))
            action.toggled.connect(lambda on, col=i: self.set_hidden(col, not on))
        menu.addSeparator()
        menu.addAction(words.DEFAULT_COLUMNS).triggered.connect(self.reset)
        return menu

    def show_menu(self, pos: QPoint) -> None:
        """Open the header's menu where the user clicked."""
        menu = self.menu()
        menu.aboutToHide.connect(menu.deleteLater)  # one menu per right-click, not kept
        menu.popup(self.header.mapToGlobal(pos))
