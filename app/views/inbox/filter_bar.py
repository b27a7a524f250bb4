"""The inbox filters and the search box; emits filter_changed with an InboxFilter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.models.enums import Channel, RequestStatus, RequestType
from app.services.requests.dto import InboxFilter
from app.views.formatting import literal_html
from app.views.inbox import events_words as ew
from app.views.inbox import words as w
from app.views.widgets.jalali_date_edit import JalaliDateEdit

if TYPE_CHECKING:
    from app.services.core.reference import RefItem

SEARCH_DEBOUNCE_MS = 300
CHIP_CHARS = 40  # an event's name on the chip is cut here (names may run to 200)


def _combo(items: list[tuple[str, object]]) -> QComboBox:
    """A combo box whose first entry means "any"."""
    box = QComboBox()
    box.addItem(w.ANY, None)
    for label, value in items:
        box.addItem(label, value)
    return box


class FilterBar(QWidget):
    """Status, channel, type, county, agency, dates, overdue, mine, deep-rooted and search."""

    filter_changed = Signal(object)  # InboxFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user_id: int | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(w.SEARCH_PLACEHOLDER)
        self.search.setToolTip(w.SEARCH_TIP)
        self.search.setClearButtonEnabled(True)
        self.status = _combo([(s.label, s.value) for s in RequestStatus])
        self.channel = _combo([(c.label, c.value) for c in Channel])
        self.type = _combo([(t.label, t.value) for t in RequestType])
        self.county = _combo([])
        self.agency = _combo([])
        self.date_from = JalaliDateEdit(optional=True, empty_text=w.FROM_START)
        self.date_to = JalaliDateEdit(optional=True, empty_text=w.TO_TODAY)
        self.overdue = QCheckBox(w.OVERDUE_ONLY)
        self.mine = QCheckBox(w.MINE)
        self.deep = QCheckBox(w.DEEP_ONLY)
        self.clear_button = QPushButton(w.CLEAR_FILTERS)
        # Set from the events screen only: shown while the list is one event's requests.
        self.event_id: int | None = None
        self.event_chip = QPushButton()
        self.event_chip.setObjectName("eventChip")
        self.event_chip.setToolTip(ew.FILTER_CLEAR)
        self.event_chip.setVisible(False)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.search, 0, 0, 1, 8)
        for col, (label, widget) in enumerate([(w.STATUS, self.status), (w.CHANNEL, self.channel),
                                               (w.TYPE, self.type), (w.COUNTY, self.county)]):
            grid.addWidget(QLabel(label), 1, col * 2)
            grid.addWidget(widget, 1, col * 2 + 1)
        grid.addWidget(QLabel(w.AGENCY), 2, 0)
        grid.addWidget(self.agency, 2, 1)
        grid.addWidget(QLabel(w.DATE_FROM), 2, 2)
        grid.addWidget(self.date_from, 2, 3)
        grid.addWidget(QLabel(w.DATE_TO), 2, 4)
        grid.addWidget(self.date_to, 2, 5)
        grid.addWidget(self.overdue, 3, 0, 1, 2)
        grid.addWidget(self.mine, 3, 2, 1, 2)
        grid.addWidget(self.deep, 3, 4, 1, 2)
        # A row of its own, at the start: a long name in a column would widen the whole grid.
        grid.addWidget(self.event_chip, 4, 0, 1, 8, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.clear_button, 3, 7)
        # Typing restarts a short timer; the query runs when the user pauses.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        for box in (self.status, self.channel, self.type, self.county, self.agency):
            box.currentIndexChanged.connect(lambda _i: self._emit())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self._emit())
        for check in (self.overdue, self.mine, self.deep):
            check.toggled.connect(lambda _c: self._emit())
        self.clear_button.clicked.connect(self.clear)
        self.event_chip.clicked.connect(lambda: self.set_event(None))

    def set_reference(self, counties: list[RefItem], agencies: list[RefItem]) -> None:
        """Fill the county and agency lists."""
        for box, items in ((self.county, counties), (self.agency, agencies)):
            box.blockSignals(True)
            box.clear()
            box.addItem(w.ANY, None)
            for item in items:
                box.addItem(item.name, item.id)
            box.blockSignals(False)

    def current(self) -> InboxFilter:
        """The filter the widgets describe."""
        status = self.status.currentData()
        return InboxFilter(
            statuses=[status] if status else None, channel=self.channel.currentData(),
            type=self.type.currentData(), county_id=self.county.currentData(),
            agency_id=self.agency.currentData(), date_from=self.date_from.value(),
            date_to=self.date_to.value(), overdue_only=self.overdue.isChecked(),
            assignee_id=self.user_id if self.mine.isChecked() else None,
            deep_rooted_only=self.deep.isChecked(), text=self.search.text(),
            event_id=self.event_id,
        )

    def set_event(self, event_id: int | None, name: str = "") -> None:
        """Narrow the list to one event's requests (None: any event), and say so on the chip."""
        self.event_id = event_id
        short = name if len(name) <= CHIP_CHARS else name[:CHIP_CHARS].rstrip() + "…"
        self.event_chip.setText(f"{ew.chip(short)}  ✕")
        # The name is typed text: shown literally in the tooltip, never as markup.
        self.event_chip.setToolTip(literal_html(f"{name}\n{ew.FILTER_CLEAR}" if name
                                                else ew.FILTER_CLEAR))
        self.event_chip.setVisible(event_id is not None)
        self._emit()

    def clear(self) -> None:
        """Back to everything."""
        widgets = [self.status, self.channel, self.type, self.county, self.agency, self.search,
                   self.date_from, self.date_to, self.overdue, self.mine, self.deep]
        for widget in widgets:
            widget.blockSignals(True)
        for box in (self.status, self.channel, self.type, self.county, self.agency):
            box.setCurrentIndex(0)
        self.search.clear()
        self.date_from.clear_value()
        self.date_to.clear_value()
        for check in (self.overdue, self.mine, self.deep):
            check.setChecked(False)
        self.event_id = None
        self.event_chip.setVisible(False)
        for widget in widgets:
            widget.blockSignals(False)
        self._emit()

    def _emit(self) -> None:
        self._debounce.stop()
        self.filter_changed.emit(self.current())
