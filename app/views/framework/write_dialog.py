"""A form dialog whose OK is a write: run through background.write, so every page hears of it."""

from __future__ import annotations

from app.views import background
from app.views.widgets.service_dialog import ServiceDialog


class WriteDialog(ServiceDialog):
    """ServiceDialog whose call is announced on the change bus when it succeeds.

    Subclasses return the service call from `call()` as before; set `changes` to a function
    (result -> ids by kind) when the returned DTO does not name what changed.
    """

    changes: background.Changes | None = None

    def submit(self) -> None:
        """Run the write in the background; the dialog stays open until it succeeds."""
        # The form base's busy state where it has one (the shell's ServiceDialog), else the
        # OK button alone: this works on either side of that change.
        if getattr(self, "busy", False):
            return
        call = self.call()
        if call is None:
            return
        self.general.setText("")
        set_busy = getattr(self, "set_busy", None)
        if callable(set_busy):
            set_busy(True)
        else:
            self.ok_button.setEnabled(False)
        background.write(self, call, on_done=self._done, on_error=self._failed,
                         changes=self.changes)
