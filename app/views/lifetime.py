"""Widget lifetime and selection helpers shared by the pages (results arriving late, RTL rows)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject


def alive(obj: QObject) -> bool:
    """True while the Qt object behind a Python wrapper still exists."""
    return shiboken6.isValid(obj)


def select_row(view: object, row: int) -> None:
    """Select a whole row of a table view.

    QTableView.selectRow looks the row up at the viewport's far edge, which in a right-to-left
    view falls just outside the first column and selects nothing; select through the model.
    """
    from PySide6.QtCore import QItemSelectionModel

    model = view.model()  # type: ignore[attr-defined]
    view.selectionModel().select(  # type: ignore[attr-defined]
        model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
