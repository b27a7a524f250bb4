"""The SAMAD import as a view calls it: read a file's headers, preview, import."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from app.models.database import Database
from app.services.core.context import Actor
from app.services.requests.samad import answers, reconcile
from app.services.requests.samad.dto import AnswersExport, ImportCheck, ReconcileResult
from app.services.requests.samad.headers import SamadFile, read_rows
from app.services.requests.samad.importer import (
    ImportPreview,
    ImportResult,
    Progress,
    import_samad,
    preview,
)


class SamadImportService:
    """Import SAMAD exports into one database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @staticmethod
    def read(path: str | Path, header_map: Mapping[str, str] | None = None) -> SamadFile:
        """Open a file and match its header row (rows are read lazily)."""
        return read_rows(path, header_map)

    def check(self, path: str | Path, header_map: Mapping[str, str] | None = None,
              name_map: Mapping[str, int] | None = None) -> ImportCheck:
        """Read the headers and, when every required column is there, preview the import."""
        f = read_rows(path, header_map)
        return ImportCheck(f, None if f.missing else preview(self.db, path, header_map, name_map))

    def preview(self, path: str | Path, header_map: Mapping[str, str] | None = None,
                name_map: Mapping[str, int] | None = None) -> ImportPreview:
        """Check a file and say what an import would do; writes nothing."""
        return preview(self.db, path, header_map, name_map)

    def run(self, actor: Actor, path: str | Path, header_map: Mapping[str, str] | None = None,
            name_map: Mapping[str, int] | None = None,
            progress: Progress | None = None) -> ImportResult:
        """Import the file: good rows in one transaction, bad rows reported with reasons."""
        return import_samad(self.db, actor, path, header_map, name_map, progress)

    # --- the SAMAD bridge (issue 14 §2) ----------------------------------------------------

    def reconcile(self, actor: Actor, path: str | Path,
                  header_map: Mapping[str, str] | None = None) -> ReconcileResult:
        """Compare a SAMAD export with Pol by SAMAD code; writes nothing."""
        return reconcile.reconcile(self.db, actor, path, header_map)

    def import_codes(self, actor: Actor, path: str | Path, codes: list[str],
                     header_map: Mapping[str, str] | None = None,
                     progress: Progress | None = None) -> ImportResult:
        """Import only the file's rows bearing these SAMAD codes (the ones missing from Pol)."""
        return import_samad(self.db, actor, path, header_map, None, progress, frozenset(codes))

    def export_answers(self, actor: Actor, year: int, quarter: int, out: str | Path,
                       only_new: bool = False) -> AnswersExport:
        """Write the quarter's answers for SAMAD as .xlsx and record the export."""
        return answers.export_answers(self.db, actor, year, quarter, out, only_new)
