"""Turning sqlite3 errors into the archive's errors, with the database file and a reason."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from corpus.errors import ArchiveLockedError, CorruptDatabaseError, StorageError, StorageFullError


def storage_error(path: str, exc: sqlite3.Error, *, action: str) -> StorageError:
    """The archive error for ``exc``, raised while doing ``action`` on the database ``path``."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    message = str(exc)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in message:
        return ArchiveLockedError(
            path,
            f"the database is locked by another process (while {action}); "
            "wait for it to finish or raise CONGVAN_BUSY_TIMEOUT",
        )
    if name.startswith("SQLITE_FULL") or "disk is full" in message:
        return StorageFullError(
            path, f"the disk is full (while {action}); nothing stored before was lost — free space and run again"
        )
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or "not a database" in message:
        return CorruptDatabaseError(path, f"not a valid congvan database ({message})")
    return StorageError(path, f"database error while {action}: {message}")


@contextmanager
def translated(path: str, action: str) -> Iterator[None]:
    """Run the block, re-raising any sqlite3 error as a :class:`StorageError`."""
    try:
        yield
    except sqlite3.Error as exc:
        raise storage_error(path, exc, action=action) from exc
