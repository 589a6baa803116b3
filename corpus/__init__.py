"""congvan job 3: an archive of past documents — bulk indexing, Vietnamese-aware search, facts.

Public API::

    from corpus import Archive
    archive = Archive()                              # settings from CONGVAN_* variables
    archive.ingest(["/srv/vanthu"])                  # files, folders, .zip; parallel; resumable
    archive.search("chien sy thi dua", kind="quyet_dinh")
    archive.facts_awards(by="year", status="awarded")
    archive.facts_targets("bao phu bao hiem y te")
    archive.next_number("UBND tỉnh Gia Lai", "UBND", 2025)
"""

from __future__ import annotations

from corpus.archive import Archive
from corpus.errors import (
    ArchiveBusyError,
    ArchiveError,
    ArchiveLockedError,
    DocumentNotFoundError,
    IngestInterrupted,
    QueryError,
    StorageError,
    StorageFullError,
    UnsafeArchiveError,
)
from corpus.settings import Settings, get_settings

__all__ = [
    "Archive",
    "ArchiveBusyError",
    "ArchiveError",
    "ArchiveLockedError",
    "DocumentNotFoundError",
    "IngestInterrupted",
    "QueryError",
    "Settings",
    "StorageError",
    "StorageFullError",
    "UnsafeArchiveError",
    "get_settings",
]
