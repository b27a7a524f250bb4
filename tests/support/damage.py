"""Ways to damage a copy of a SQLite file, as a disk, a copy tool or a crash would."""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

PAGE = 4096


def _page_of(path: Path, table: str) -> int:
    """The 1-based root page of a table (read before the damage)."""
    with sqlite3.connect(path) as c:
        return int(c.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,))
                   .fetchone()[0])


def truncate(path: Path) -> None:
    """Cut the file to 60% of its length (an interrupted copy)."""
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.truncate(size * 6 // 10 // PAGE * PAGE)


def garbage_middle(path: Path) -> None:
    """Overwrite eight pages in the middle with random bytes."""
    size = path.stat().st_size
    rng = random.Random(9)
    with path.open("r+b") as f:
        f.seek(size // 2 // PAGE * PAGE)
        f.write(bytes(rng.randrange(256) for _ in range(8 * PAGE)))


def corrupt_header(path: Path) -> None:
    """Scribble over the 100-byte database header."""
    with path.open("r+b") as f:
        f.write(b"this is no longer a sqlite file header" + b"\xff" * 62)


def zero_btree_page(path: Path) -> None:
    """Zero the root page of the request table (a lost sector)."""
    page = _page_of(path, "request")
    with path.open("r+b") as f:
        f.seek((page - 1) * PAGE)
        f.write(b"\x00" * PAGE)


def zero_index_leaf(path: Path) -> None:
    """Zero a leaf page deep inside the request table's data."""
    with sqlite3.connect(path) as c:
        pages = c.execute("SELECT pageno FROM dbstat WHERE name = 'request' AND pagetype = 'leaf'"
                          " ORDER BY pageno").fetchall() if _has_dbstat(c) else []
    page = pages[len(pages) // 2][0] if pages else _page_of(path, "request") + 3
    with path.open("r+b") as f:
        f.seek((page - 1) * PAGE)
        f.write(b"\x00" * PAGE)


def _has_dbstat(c: sqlite3.Connection) -> bool:
    try:
        c.execute("SELECT 1 FROM dbstat LIMIT 1").fetchall()
        return True
    except sqlite3.Error:
        return False


def stale_index(path: Path) -> None:
    """Change dates in the request table's own pages but not in its indexes: the pages stay well
    formed (quick_check passes), yet queries through an index see other rows than the table has,
    so a report would print wrong figures. Only the full integrity_check finds it."""
    with sqlite3.connect(path) as c:
        pages = [r[0] for r in c.execute(
            "SELECT pageno FROM dbstat WHERE name = 'request' AND pagetype = 'leaf'")]
    with path.open("r+b") as f:
        for page in pages:
            f.seek((page - 1) * PAGE)
            data = f.read(PAGE)
            f.seek((page - 1) * PAGE)
            f.write(data.replace(b"2026-06-", b"2025-06-"))


DAMAGES: dict[str, Callable[[Path], None]] = {
    "truncate": truncate,
    "garbage_middle": garbage_middle,
    "corrupt_header": corrupt_header,
    "zero_btree_page": zero_btree_page,
    "zero_leaf_page": zero_index_leaf,
}


def damaged_copy(source: Path, folder: Path, how: str) -> Path:
    """A copy of `source` in `folder`, damaged in the named way."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"damaged-{how}.sqlite3"
    shutil.copy(source, target)
    DAMAGES[how](target)
    return target
