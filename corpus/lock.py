"""One writer at a time per archive: an advisory file lock beside the database.

Searching never takes it; storing, deleting and rebuilding the index do.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from corpus.errors import ArchiveBusyError

_POLL_SECONDS = 0.05


class ArchiveLock:
    """A re-entrant exclusive lock on ``path`` (created when missing)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._depth = 0

    def try_acquire(self) -> bool:
        """Take the lock if free; True when this object holds it."""
        if self._fd is not None:
            self._depth += 1
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd, self._depth = fd, 1
        return True

    def release(self) -> None:
        """Give the lock back (the last of nested holds releases it)."""
        if self._fd is None:
            return
        self._depth -= 1
        if self._depth == 0:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def holder(self) -> str:
        """The process id written by the holder, as text (empty when unknown)."""
        try:
            return self.path.read_text().strip()
        except OSError:
            return ""

    @contextmanager
    def held(self, timeout: float) -> Iterator[None]:
        """Hold the lock for the block, waiting up to ``timeout`` seconds for it.

        Raises:
            ArchiveBusyError: another process kept it longer.
        """
        deadline = time.monotonic() + timeout
        while not self.try_acquire():
            if time.monotonic() >= deadline:
                holder = self.holder()
                by = f" (process {holder})" if holder else ""
                raise ArchiveBusyError(
                    f"{self.path}: another congvan process{by} is writing to this archive; "
                    "wait for it to finish"
                )
            time.sleep(_POLL_SECONDS)
        try:
            yield
        finally:
            self.release()
