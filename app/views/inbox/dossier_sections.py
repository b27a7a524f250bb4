"""The case-depth sections of the request detail pane, installed in one place.

Each feature of issue 13 (links, objections, attachments, pauses…) owns one widget file and adds
one line to `install`: its section (a QWidget following `DossierSection`) and, if it has any,
its entries in the pane's «more actions» menu.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from app.views.objections import objection_section

if TYPE_CHECKING:
    from app.services.core.context import Actor
    from app.services.registry import Services
    from app.services.requests.dto import RequestDetail
    from app.views.inbox.request_detail import RequestDetailPane


class DossierSection(Protocol):
    """What the pane asks of a section: its context, and the request it now shows."""

    def set_context(self, services: Services, actor: Actor) -> None:
        """The database and the signed-in user."""

    def show_request(self, detail: RequestDetail | None) -> None:
        """Show this section for a request (None: nothing selected)."""


def install(pane: RequestDetailPane) -> None:
    """Add every case-depth section and action to the pane (one line per feature)."""
    objection_section.install(pane)  # the citizen's objection (issue 13 part 2)
    from app.views.pauses import clock_section  # the stopped clock (part 5)

    clock_section.install(pane)
    from app.views.letters import printing as letter_printing

    letter_printing.install(pane)  # «چاپ نامهٔ ارجاع» (issue 13 §6)
    from app.views.attachments import request_section  # issue 13 §4

    request_section.install(pane)
    from app.views.inbox import links_section

    links_section.install(pane)  # links between requests, look-alikes (issue 13 §1)
