"""Sharing the archive between request threads.

An :class:`corpus.Archive` holds one SQLite connection and one index handle, so a
request borrows one from a small pool (:class:`ArchivePool`) and gives it back. Writes
by different archive objects exclude one another through the archive's own file lock,
so requests, bulk jobs and ``congvan index`` in another process stay safe together.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from corpus import Archive
from corpus.location import MEMBER_SEPARATOR
from corpus.models import AwardSum, DocumentRef, SearchResult, StoredDocument, TargetPoint
from corpus.settings import Settings as ArchiveSettings


class ArchivePool:
    """Up to ``size`` open archives, opened when first needed.

    Args:
        settings: the archive's settings.
        size: how many archives may be open at once (more borrowers wait).
    """

    def __init__(self, settings: ArchiveSettings, size: int) -> None:
        self.settings = settings
        self._idle: queue.LifoQueue[Archive] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(size)
        self._all: list[Archive] = []
        self._lock = threading.Lock()

    @contextmanager
    def borrow(self) -> Iterator[Archive]:
        """An open archive for the duration of the block."""
        with self._slots:
            try:
                archive = self._idle.get_nowait()
            except queue.Empty:
                archive = self._open()
            try:
                yield archive
            finally:
                self._idle.put(archive)

    def _open(self) -> Archive:
        archive = Archive(self.settings)
        with self._lock:
            self._all.append(archive)
        return archive

    def close(self) -> None:
        """Close every archive (at shutdown); a later borrower opens a new one."""
        with self._lock:
            archives, self._all = self._all, []
            while True:
                try:
                    self._idle.get_nowait()
                except queue.Empty:
                    break
        for archive in archives:
            archive.close()


class PathDisplay:
    """Shows stored file locations without the server's folders.

    A file received over HTTP is shown relative to the uploads folder
    (``<job>/2024.zip!/a.docx``); a file indexed from under the working folder,
    relative to it; anything else by its file name.
    """

    def __init__(self, uploads_dir: Path, base_dir: Path) -> None:
        self.roots = [PurePosixPath(os.path.abspath(uploads_dir)), PurePosixPath(os.path.abspath(base_dir))]

    def show(self, location: str) -> str:
        """The location as shown to users."""
        path, sep, member = location.partition(MEMBER_SEPARATOR)
        shown = PurePosixPath(path).name
        for root in self.roots:
            try:
                shown = PurePosixPath(os.path.normpath(path)).relative_to(root).as_posix()
                break
            except ValueError:
                continue
        return f"{shown}{sep}{member}"

    def ref(self, ref: DocumentRef) -> DocumentRef:
        """A document reference with its path shown."""
        return ref.model_copy(update={"path": self.show(ref.path) if ref.path else None})

    def document(self, document: StoredDocument) -> StoredDocument:
        """A stored document with its paths (and its extraction's source) shown."""
        extraction = document.extraction
        source = self.show(extraction.source) if extraction.source else None
        return document.model_copy(update={
            "paths": [self.show(p) for p in document.paths],
            "extraction": extraction.model_copy(update={"source": source}),
        })

    def search(self, result: SearchResult) -> SearchResult:
        """Search results with every path shown."""
        hits = [
            hit.model_copy(update={"document": self.ref(hit.document), "paths": [self.show(p) for p in hit.paths]})
            for hit in result.hits
        ]
        return result.model_copy(update={"hits": hits})

    def award_sums(self, rows: list[AwardSum]) -> list[AwardSum]:
        """Award sums with their documents' paths shown."""
        return [row.model_copy(update={"documents": [self.ref(r) for r in row.documents]}) for row in rows]

    def target_points(self, points: list[TargetPoint]) -> list[TargetPoint]:
        """Target values with their documents' paths shown."""
        return [p.model_copy(update={"document": self.ref(p.document)}) for p in points]
