"""Attachments: add a file (read, checked, hashed and stored off the GUI thread by the caller),
list, read back (checked against its SHA-256), save a copy, remove with a reason, and find the
scanner's newest file.

Adding and removing are audited on the owner's record (its history shows them). Inspectors
read; the owner's writers (request.write, referral.write, meeting.write) add and remove. A user
limited to some counties reaches only attachments of records in those counties: the owner is
loaded through the scoped session first (on PostgreSQL the server's policies say the same).
Nothing is ever deleted: removal is a flag with who, when and why, and the bytes stay.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from app.errors import ConflictError, NotFound, PolError, ValidationError
from app.models import Attachment, AttachmentContent, Meeting, Referral, Request, User
from app.models.database import Database
from app.services.attachments import files
from app.services.attachments.dto import (
    MEETING,
    REFERRAL,
    REQUEST,
    AttachmentData,
    AttachmentInfo,
    Owner,
    ScanCandidate,
)
from app.services.core import audit, jalali, persian, scope
from app.services.core import messages as msg
from app.services.core.context import Actor, require
from app.services.core.office import service as office

Progress = Callable[[int, str], None]
MB = 1024 * 1024
CHUNK = MB  # read a file a megabyte at a time, reporting progress between chunks
REASON_MAX = 500
# Files a scanner or a copy leaves while still writing, and hidden ones: never «the newest».
_UNFINISHED = (".tmp", ".part", ".crdownload", ".partial", ".download")

# owner kind -> (model, owning column, permission to write, Persian name for «not found»)
_OWNERS = {
    REQUEST: (Request, Attachment.request_id, "request.write", msg.REQUEST),
    REFERRAL: (Referral, Attachment.referral_id, "referral.write", msg.REFERRAL),
    MEETING: (Meeting, Attachment.meeting_id, "meeting.write", msg.MEETING),
}


def _owner_of(a: Attachment) -> Owner:
    if a.request_id is not None:
        return Owner(REQUEST, a.request_id)
    if a.referral_id is not None:
        return Owner(REFERRAL, a.referral_id)
    return Owner(MEETING, int(a.meeting_id or 0))


def _snapshot(a: Attachment) -> dict[str, object]:
    """What the owner's history keeps of an attachment (never its bytes)."""
    return {"attachment_id": a.id, "name": a.name, "mime": a.mime, "size": a.size,
            "sha256": a.sha256}


def size_mb(size: int) -> str:
    """A size in megabytes, one decimal, Persian digits («۲۰٫۱»)."""
    return persian.format_number(size / MB, 1)


class AttachmentService:
    """Scanned letters, photos and PDFs on requests, referrals and meetings."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- settings -------------------------------------------------------------------------

    def limit_bytes(self) -> int:
        """The office's largest attachment, in bytes (the setting is in megabytes)."""
        with self.db.read() as s:
            return int(office.read_value(s, "attachment_max_mb")) * MB

    # --- reading --------------------------------------------------------------------------

    def _visible_owner(self, s: Session, owner: Owner) -> None:
        """Raise NotFound unless the owner exists within the session's (scoped) sight."""
        if owner.kind not in _OWNERS:
            raise ValueError(f"unknown attachment owner: {owner.kind}")
        model, _column, _perm, noun = _OWNERS[owner.kind]
        if s.get(model, owner.id) is None:
            raise NotFound(noun)

    def _infos(self, s: Session, *where: object) -> list[AttachmentInfo]:
        adder, remover = aliased(User), aliased(User)
        rows = s.execute(
            select(Attachment, adder.full_name, adder.username, remover.full_name,
                   remover.username)
            .outerjoin(adder, adder.id == Attachment.created_by)
            .outerjoin(remover, remover.id == Attachment.removed_by)
            .where(*where).order_by(Attachment.id)).all()
        return [self._info(a, (af or au or ""), (rf or ru or "")) for a, af, au, rf, ru in rows]

    @staticmethod
    def _info(a: Attachment, adder: str, remover: str, given: str = "") -> AttachmentInfo:
        return AttachmentInfo(
            id=a.id, owner=_owner_of(a), name=a.name, kind=a.kind, mime=a.mime,
            extension=a.extension, size=a.size, sha256=a.sha256, created_at=a.created_at,
            created_by=adder.strip(), version=a.version, removed_at=a.removed_at,
            removed_by=remover.strip(), removed_reason=a.removed_reason, given_name=given)

    def list(self, owner: Owner, actor: Actor | None = None) -> list[AttachmentInfo]:
        """Every attachment of a record, oldest first, removed ones too (flagged)."""
        _model, column, _perm, _noun = _OWNERS[owner.kind]
        with scope.read(self.db, actor) as s:
            self._visible_owner(s, owner)
            return self._infos(s, column == owner.id)

    def _load(self, s: Session, attachment_id: int) -> Attachment:
        """An attachment whose owner the session may see (NotFound otherwise)."""
        a = s.get(Attachment, attachment_id)
        if a is None:
            raise NotFound(msg.ATTACHMENT)
        try:
            self._visible_owner(s, _owner_of(a))
        except NotFound as exc:
            raise NotFound(msg.ATTACHMENT) from exc
        return a

    def content(self, attachment_id: int, actor: Actor | None = None) -> AttachmentData:
        """An attachment with its bytes, refused if they no longer match their SHA-256."""
        with scope.read(self.db, actor) as s:
            a = self._load(s, attachment_id)
            data = s.scalar(select(AttachmentContent.data)
                            .where(AttachmentContent.attachment_id == a.id))
            info = self._infos(s, Attachment.id == a.id)[0]
        data = bytes(data or b"")
        if hashlib.sha256(data).hexdigest() != info.sha256:
            raise PolError(msg.attachment_content_mismatch(info.name))
        return AttachmentData(info, data)

    def save_copy(self, attachment_id: int, target: str | Path,
                  actor: Actor | None = None) -> str:
        """Write a checked copy of an attachment to `target` (whole or not at all)."""
        data = self.content(attachment_id, actor).data
        target = Path(target)
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=".pol-", suffix=".part", dir=target.parent)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, target)
            tmp = None
        except OSError as exc:
            raise PolError(msg.attachment_not_written(str(target), exc)) from exc
        finally:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
        return str(target)

    # --- adding ---------------------------------------------------------------------------

    def read_file(self, path: str | Path, limit: int,
                  progress: Progress | None = None) -> bytes:
        """A file's bytes, refused with a Persian message when it is a folder or no ordinary
        file, unreadable, empty or larger than `limit` (checked before and while reading)."""
        path = Path(path)
        try:
            st = path.stat()
            if stat.S_ISDIR(st.st_mode):
                raise PolError(msg.ATTACHMENT_IS_FOLDER)
            if not stat.S_ISREG(st.st_mode):  # a pipe or a device would never end
                raise PolError(msg.attachment_not_a_file(path.name))
            if st.st_size > limit:
                raise PolError(msg.attachment_too_large(size_mb(st.st_size), limit // MB))
            chunks: list[bytes] = []
            got = 0
            with path.open("rb") as f:
                while True:
                    chunk = f.read(CHUNK)
                    if not chunk:
                        break
                    got += len(chunk)
                    if got > limit:  # it grew while being read (a scanner still writing)
                        raise PolError(msg.attachment_too_large(size_mb(got), limit // MB))
                    chunks.append(chunk)
                    if progress is not None and st.st_size:
                        progress(min(80, 80 * got // max(st.st_size, 1)), path.name)
        except OSError as exc:
            raise PolError(msg.attachment_unreadable(str(path), exc)) from exc
        if got == 0:
            raise PolError(msg.ATTACHMENT_EMPTY)
        return b"".join(chunks)

    def add_file(self, actor: Actor, owner: Owner, path: str | Path,
                 progress: Progress | None = None) -> AttachmentInfo:
        """Read a file from disk and attach it (see `add`)."""
        require(actor, _OWNERS[owner.kind][2])
        data = self.read_file(path, self.limit_bytes(), progress)
        return self.add(actor, owner, Path(path).name, data, progress)

    def add(self, actor: Actor, owner: Owner, name: str, data: bytes,
            progress: Progress | None = None) -> AttachmentInfo:
        """Attach some bytes under a name; the type comes from the bytes, the name is cleaned.

        Refused (Persian message): empty, over the office's limit, damaged, a name promising a
        picture or PDF over unknown content, or the same content already on the record.
        """
        model, column, permission, _noun = _OWNERS[owner.kind]
        require(actor, permission)
        limit = self.limit_bytes()
        if not data:
            raise PolError(msg.ATTACHMENT_EMPTY)
        if len(data) > limit:
            raise PolError(msg.attachment_too_large(size_mb(len(data)), limit // MB))
        sniffed = files.sniff(data)
        broken = files.damage(sniffed, data)
        if broken:
            raise PolError(msg.attachment_damaged(broken))
        promised = files.claims_preview(name)
        if promised and sniffed.extension == "":
            raise PolError(msg.attachment_not_what_named(promised))
        clean = files.clean_name(name)
        digest = hashlib.sha256(data).hexdigest()
        if progress is not None:
            progress(85, clean)
        with self.db.write() as s:
            scope.limit(s, actor)
            self._visible_owner(s, owner)
            same = s.scalar(select(Attachment.name).where(
                column == owner.id, Attachment.sha256 == digest,
                Attachment.removed_at.is_(None)).limit(1))
            if same is not None:
                raise PolError(msg.attachment_duplicate(same))
            a = Attachment(name=clean, kind=sniffed.kind, mime=sniffed.mime[:100],
                           extension=sniffed.extension, size=len(data), sha256=digest,
                           created_at=jalali.utc_now(), created_by=actor.user_id,
                           removed_reason="")
            setattr(a, column.key, owner.id)
            s.add(a)
            s.flush()
            s.add(AttachmentContent(attachment_id=a.id, data=data))
            s.flush()
            after = _snapshot(a) | {"note": clean}
            audit.record(s, actor, owner.kind, owner.id, "attach", None, after)
            info = self._infos(s, Attachment.id == a.id)[0]
        if progress is not None:
            progress(100, clean)
        return replace(info, given_name=name)

    # --- removing -------------------------------------------------------------------------

    def remove(self, actor: Actor, attachment_id: int, expected_version: int,
               reason: str) -> AttachmentInfo:
        """Flag an attachment removed, with who, when and why; its bytes stay on file."""
        reason = persian.clean_text(reason, multiline=True)
        if not reason:
            raise ValidationError({"reason": msg.ATTACHMENT_REMOVE_REASON})
        if len(reason) > REASON_MAX:
            raise ValidationError({"reason": msg.ATTACHMENT_REASON_TOO_LONG})
        try:
            with self.db.write() as s:
                scope.limit(s, actor)
                a = self._load(s, attachment_id)
                owner = _owner_of(a)
                require(actor, _OWNERS[owner.kind][2])
                if a.version != expected_version:
                    raise ConflictError(msg.THIS_ATTACHMENT)
                if a.removed_at is not None:
                    raise PolError(msg.ATTACHMENT_ALREADY_REMOVED)
                before = _snapshot(a) | {"removed": False}
                a.removed_at = jalali.utc_now()
                a.removed_by = actor.user_id
                a.removed_reason = reason
                s.flush()
                audit.record(s, actor, owner.kind, owner.id, "detach", before,
                             _snapshot(a) | {"removed": True, "reason": reason,
                                             "note": f"{a.name}: {reason}"})
                return self._infos(s, Attachment.id == a.id)[0]
        except StaleDataError as exc:
            raise ConflictError(msg.THIS_ATTACHMENT) from exc

    # --- the scanner's folder -------------------------------------------------------------

    def newest_scan(self) -> ScanCandidate:
        """The newest finished file in the office's scanner folder (nothing is attached yet)."""
        with self.db.read() as s:
            folder = office.read_value(s, "scan_folder").strip()
        if not folder:
            raise PolError(msg.SCAN_FOLDER_NOT_SET)
        best: tuple[int, os.DirEntry[str], os.stat_result] | None = None
        try:
            with os.scandir(folder) as entries:
                for e in entries:
                    low = e.name.lower()
                    if e.name.startswith((".", "~")) or low.endswith(_UNFINISHED):
                        continue
                    try:
                        if not e.is_file():
                            continue
                        st = e.stat()
                    except OSError:
                        continue  # gone meanwhile, or unreadable: not a candidate
                    if best is None or st.st_mtime_ns > best[0]:
                        best = (st.st_mtime_ns, e, st)
        except OSError as exc:
            raise PolError(msg.scan_folder_unavailable(folder, exc)) from exc
        if best is None:
            raise PolError(msg.scan_folder_empty(folder))
        _ns, entry, st = best
        modified = datetime.fromtimestamp(st.st_mtime, UTC).replace(tzinfo=None)
        return ScanCandidate(entry.path, entry.name, st.st_size, modified)
