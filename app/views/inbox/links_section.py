"""The detail pane's links section: links both ways, look-alikes not yet linked, link/unlink."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QInputDialog,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.services.core.context import Actor
from app.services.registry import Services
from app.services.requests.dto import RequestDetail
from app.services.requests.repeats.dto import LinkInfo, RepeatDossier
from app.views import background, formatting
from app.views.formatting import literal_html
from app.views.framework import words as frame_words
from app.views.inbox import links_words as words

if TYPE_CHECKING:
    from app.views.inbox.request_detail import RequestDetailPane

OTHER_ROLE = Qt.ItemDataRole.UserRole  # the other request's id


def install(pane: RequestDetailPane) -> None:
    """Add the section and its two menu entries to the pane."""
    section = LinksSection(pane)
    pane.add_section(words.SECTION, section)
    pane.add_more_action(words.LINK_ACTION, section.ask_link)
    pane.add_more_action(words.UNLINK_ACTION, section.ask_unlink)


class LinksSection(QWidget):
    """Lists a request's links (both ways) and its citizen's look-alike requests."""

    def __init__(self, pane: RequestDetailPane) -> None:
        super().__init__()
        self.pane = pane
        self.services: Services | None = None
        self.actor: Actor | None = None
        self.detail: RequestDetail | None = None
        self.dossier: RepeatDossier | None = None
        self.list = QListWidget()
        self.list.setObjectName("requestLinks")
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setMaximumHeight(90)
        self.list.setToolTip(words.OPEN_TIP)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        self.list.itemDoubleClicked.connect(self._open)

    def set_context(self, services: Services, actor: Actor) -> None:
        """The database and the signed-in user."""
        self.services, self.actor = services, actor

    def show_request(self, detail: RequestDetail | None) -> None:
        """Read the request's links and look-alikes off the GUI thread."""
        self.detail = detail
        self.dossier = None
        self.list.clear()
        if detail is None or self.services is None:
            return
        self.list.addItem(words.LOADING)
        repeats, actor, rid = self.services.repeats, self.actor, detail.id
        background.run(lambda: repeats.dossier(rid, actor), on_done=self._show,
                       on_error=self._failed, owner=self)

    def _show(self, dossier: RepeatDossier) -> None:
        if self.detail is None or dossier.request_id != self.detail.id:
            return  # another request was selected meanwhile
        self.dossier = dossier
        self.list.clear()
        for link in dossier.links:
            self._add(words.link_line(link.role, formatting.tracking_code(link.other_code),
                                      link.other_subject, link.other_status_label),
                      link.other_id)
        for c in dossier.suggestions:
            item = self._add(words.suggestion_line(formatting.tracking_code(c.tracking_code),
                                                   c.subject, c.status_label,
                                                   words.percent(c.similarity)), c.request_id)
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, "suggestion")
        if not dossier.links and not dossier.suggestions:
            self.list.addItem(words.NO_LINKS)

    def _add(self, text: str, other_id: int) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(OTHER_ROLE, other_id)
        self.list.addItem(item)
        return item

    def _failed(self, exc: Exception) -> None:
        self.list.clear()
        self.list.addItem(frame_words.error_text(exc))

    def _open(self, item: QListWidgetItem) -> None:
        """Show the other request in the pane."""
        other = item.data(OTHER_ROLE)
        if isinstance(other, int):
            self.pane.load(other)

    # --- the menu's actions -------------------------------------------------------------

    def ask_link(self) -> None:
        """Choose the other request (a look-alike or a typed tracking code) and the kind."""
        d, sv, actor = self.detail, self.services, self.actor
        if not (d and sv and actor):
            return
        suggestions = self.dossier.suggestions if self.dossier else []
        choices = [f"{formatting.tracking_code(c.tracking_code)} — {c.subject}"
                   for c in suggestions] + [words.OTHER_CODE]
        picked, ok = QInputDialog.getItem(self, words.LINK_TITLE,
                                          literal_html(words.CHOOSE_OTHER), choices, 0, False)
        if not ok:
            return
        other: int | str
        if picked in choices[:-1]:
            other = suggestions[choices.index(picked)].request_id
        else:
            code, ok = QInputDialog.getText(self, words.LINK_TITLE, literal_html(words.TYPE_CODE))
            if not ok or not code.strip():
                return
            other = code
        kinds = [words.DUPLICATE, words.RELATED]
        kind, ok = QInputDialog.getItem(self, words.LINK_TITLE, literal_html(words.CHOOSE_KIND),
                                        kinds, 1, False)
        if ok:
            self.link(other, "duplicate" if kind == words.DUPLICATE else "related")

    def link(self, other: int | str, kind: str) -> None:
        """Link the shown request to another, off the GUI thread."""
        d, sv, actor = self.detail, self.services, self.actor
        if not (d and sv and actor):
            return
        background.write(self, lambda: sv.repeats.link(actor, d.id, d.version, other, kind),
                         on_error=self.pane._failed,
                         changes=lambda info: {"requests": [d.id, info.other_id]})

    def ask_unlink(self) -> None:
        """Choose one of the request's links and remove it."""
        d = self.detail
        links = self.dossier.links if self.dossier else []
        if d is None:
            return
        if not links:
            QMessageBox.information(self, words.UNLINK_TITLE,
                                    literal_html(words.NOTHING_TO_UNLINK))
            return
        names = [words.link_line(x.role, formatting.tracking_code(x.other_code), x.other_subject,
                                 x.other_status_label) for x in links]
        picked, ok = QInputDialog.getItem(self, words.UNLINK_TITLE,
                                          literal_html(words.CHOOSE_UNLINK), names, 0, False)
        if ok and picked in names:
            self.unlink(links[names.index(picked)])

    def unlink(self, link: LinkInfo) -> None:
        """Remove one link, off the GUI thread."""
        d, sv, actor = self.detail, self.services, self.actor
        if not (d and sv and actor):
            return
        background.write(self, lambda: sv.repeats.unlink(actor, d.id, d.version, link.id),
                         on_error=self.pane._failed,
                         changes=lambda _r: {"requests": [d.id, link.other_id]})
