"""The agency legend under the calendar: one coloured entry per agency, wrapping between entries.

A rich-text label wraps wherever a space falls, so «اداره کل راه و شهرسازی» could be cut in
two lines; here each entry is its own label, and a flow layout starts a new line only between
entries.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLayoutItem, QWidget

from app.views.calendar import words
from app.views.calendar.colors import agency_color, swatch
from app.views.formatting import plain


class FlowLayout(QLayout):
    """Lays its items out in lines, leading edge first, breaking only between items."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 14) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _place(self, rect: QRect, move: bool) -> int:
        """Put the items in lines (right to left in a right-to-left widget); the height used."""
        rtl = self.parentWidget() is not None and self.parentWidget().isRightToLeft()
        x, y, line_h = 0, rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x and x + hint.width() > rect.width():
                x, y, line_h = 0, y + line_h + 4, 0
            if move:
                left = rect.right() - x - hint.width() + 1 if rtl else rect.x() + x
                item.setGeometry(QRect(QPoint(left, y), hint))
            x += hint.width() + self._spacing
            line_h = max(line_h, hint.height())
        return y + line_h - rect.y()


class AgencyLegend(QWidget):
    """Shows which colour stands for which agency."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agencyLegend")
        self.setToolTip(words.LEGEND_TIP)
        self.flow = FlowLayout(self)
        self.entries: list[QWidget] = []

    def set_agencies(self, agencies: list[tuple[int, str]]) -> None:
        """Show these (id, name) agencies, in the given order."""
        for entry in self.entries:
            self.flow.removeWidget(entry)
            entry.deleteLater()
        self.entries = []
        for agency_id, name in agencies:
            entry = QWidget(self)
            row = QHBoxLayout(entry)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
            mark = QLabel()
            mark.setPixmap(swatch(agency_color(agency_id)).pixmap(12, 12))
            label = plain(QLabel(name))
            label.setObjectName("legendName")
            row.addWidget(mark)
            row.addWidget(label)
            self.flow.addWidget(entry)
            entry.show()
            self.entries.append(entry)
        self.updateGeometry()

    def names(self) -> list[str]:
        """The agency names shown (for tests and screen readers)."""
        return [e.findChild(QLabel, "legendName").text() for e in self.entries]
