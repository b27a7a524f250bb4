"""Reading, checking, storing and auditing the office's settings declared in `office.dto`.

Each feature that needs an office-wide choice (answer periods, the objection window, the call
sample, the attachment size, the scan folder, the letter-number pattern…) adds one `SettingSpec`
to `SPECS`. The settings dialog draws every spec in its group; the service validates, stores and
audits them; `value()`/`int_value()` read one with its default filled in.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ConflictError, ValidationError
from app.models import Setting
from app.models.database import Database
from app.services.core import audit, persian
from app.services.core import messages as msg
from app.services.core.context import Actor, require
from app.services.core.office.dto import FOLDER, INT, SPECS, SettingSpec, spec


def _stored(s: Session) -> dict[str, str]:
    return {k: v for k, v in s.execute(select(Setting.key, Setting.value))}


def _valid(sp: SettingSpec, raw: str) -> tuple[str, str | None]:
    """The cleaned value and a Persian message when it is not acceptable."""
    if sp.kind == FOLDER:
        # A path is kept as written: cleaning it as text would turn «پوشه۱» into «پوشه1», a
        # different folder. Only the blanks around it go, and control characters are refused.
        path = raw.strip()
        if any(ord(c) < 32 or c in "\u200e\u200f\u202a\u202b\u202c\u202d\u202e" for c in path):
            return path, msg.setting_bad_path(sp.label)
        if len(path) > 500:
            return path, msg.setting_too_long(sp.label)
        return path, None
    text = persian.clean_text(raw)
    if sp.kind == INT:
        digits = persian.to_latin_digits(text)
        if not digits.lstrip("-").isdigit():
            return text, msg.setting_not_a_number(sp.label)
        number = int(digits)
        if not sp.minimum <= number <= sp.maximum:
            return text, msg.setting_range(sp.label, sp.minimum, sp.maximum)
        return str(number), None
    if len(text) > 500:
        return text, msg.setting_too_long(sp.label)
    if sp.check is not None:
        return text, sp.check(text)
    return text, None


def read_value(s: Session, key: str) -> str:
    """One setting inside an open session, its default when unset or no longer valid."""
    sp = spec(key)
    raw = s.scalar(select(Setting.value).where(Setting.key == key))
    if raw is None:
        return sp.default
    cleaned, problem = _valid(sp, raw)
    return sp.default if problem else cleaned


class OfficeSettingsService:
    """Read and save the office's settings (saving: administrators only, audited)."""

    def __init__(self, db: Database,
                 after_save: Callable[[Session, set[str]], object] | None = None) -> None:
        self.db = db
        # Called in the saving transaction with the changed keys: what derives from a setting
        # is brought up to date with it (the stored repeat findings; services/registry.py).
        self.after_save = after_save

    def values(self) -> dict[str, str]:
        """Every declared setting's current value (the default where none is stored)."""
        with self.db.read() as s:
            stored = _stored(s)
        out = {}
        for sp in SPECS:
            cleaned, problem = _valid(sp, stored.get(sp.key, sp.default))
            out[sp.key] = sp.default if problem else cleaned
        return out

    def value(self, key: str) -> str:
        """One setting's current value."""
        with self.db.read() as s:
            return read_value(s, key)

    def int_value(self, key: str) -> int:
        """One numeric setting's current value."""
        return int(self.value(key))

    def save(self, actor: Actor, changes: dict[str, str],
             expected: dict[str, str] | None = None) -> dict[str, str]:
        """Store the changed values; refuse them all if any is invalid or another desk changed
        one of them since `expected` was read. Returns every value after the save."""
        require(actor, "reference.manage")
        errors: dict[str, str] = {}
        cleaned: dict[str, str] = {}
        for key, raw in changes.items():
            try:
                sp = spec(key)
            except StopIteration:
                errors[key] = msg.SETTING_UNKNOWN
                continue
            value, problem = _valid(sp, raw)
            if problem:
                errors[key] = problem
            cleaned[key] = value
        if errors:
            raise ValidationError(errors)
        with self.db.write() as s:
            stored = _stored(s)
            changed: set[str] = set()
            for key, value in cleaned.items():
                before = stored.get(key, spec(key).default)
                if expected is not None and key in expected and expected[key] != before:
                    raise ConflictError(msg.setting(spec(key).label))
                if value == before:
                    continue
                row = s.get(Setting, key)
                if row is None:
                    s.add(Setting(key=key, value=value))
                else:
                    row.value = value
                audit.record(s, actor, "setting", None, key, {"key": key, "value": before},
                             {"key": key, "value": value})
                changed.add(key)
            if changed and self.after_save is not None:
                s.flush()
                self.after_save(s, changed)
        return self.values()
