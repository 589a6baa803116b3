"""Exceptions of the archive package: each names the file or field and the reason.

The service maps them to HTTP codes in one place; the CLI prints ``str(error)``.
"""

from __future__ import annotations


class ArchiveError(Exception):
    """Base class of every error raised by :mod:`corpus`."""


class ConfigurationError(ArchiveError):
    """A setting is unusable (for example an unsupported ``CONGVAN_DATABASE_URL``)."""


class StorageError(ArchiveError):
    """The database failed; the message names the database file and the reason.

    Args:
        path: the database file.
        reason: what went wrong, in words a user understands.
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class ArchiveLockedError(StorageError):
    """Another process holds the database's write lock longer than the busy timeout."""


class StorageFullError(StorageError):
    """The disk (or the database's size limit) is full; nothing stored so far is lost."""


class CorruptDatabaseError(StorageError):
    """The file is not an SQLite database or is damaged."""


class SchemaVersionError(StorageError):
    """The database was written by a newer congvan than this one."""


class ArchiveBusyError(ArchiveError):
    """Another process is writing to the archive (indexing or rebuilding the search index)."""


class DocumentNotFoundError(ArchiveError, KeyError):
    """No document has this id or SHA-256."""

    def __init__(self, key: int | str) -> None:
        self.key = key
        super().__init__(f"no document with id or SHA-256 {key!r}")

    def __str__(self) -> str:
        return str(self.args[0])


class QueryError(ArchiveError, ValueError):
    """A search or facts request is malformed; names the field and the reason."""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")


class SearchIndexError(ArchiveError):
    """The tantivy index cannot be opened or written (``congvan reindex`` rebuilds it)."""


class UnsafeArchiveError(ArchiveError):
    """A zip file was refused: unsafe member paths, too many members or a zip bomb.

    Args:
        path: the zip file.
        reason: which limit or rule it broke.
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class IngestInterrupted(ArchiveError):
    """An index run was stopped (Ctrl-C); what was done is stored, run it again to finish.

    Attributes:
        report: the :class:`corpus.models.IngestReport` of the part that ran.
    """

    def __init__(self, report: object) -> None:
        self.report = report
        super().__init__("interrupted: what was done is stored; run the same command again to finish")
