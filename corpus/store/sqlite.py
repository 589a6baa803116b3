"""The SQLite store: one file, WAL, one transaction per batch, migrations on open."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from corpus.errors import SchemaVersionError, StorageError
from corpus.location import Location
from corpus.models import DocumentRef, Failure, StoredDocument
from corpus.store import rows
from corpus.store.errors import storage_error, translated
from corpus.store.migrations import LATEST, MIGRATIONS
from extract.models import Extraction


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class NewDocument:
    """An extraction to store, with its content hash and every place it was found."""

    extraction: Extraction
    sha256: str
    size_bytes: int
    locations: list[Location]


@dataclass
class Batch:
    """Everything one transaction writes: new documents, known content seen again, failures."""

    documents: list[NewDocument] = field(default_factory=list)
    seen: list[tuple[str, Location]] = field(default_factory=list)
    failures: list[tuple[Location, str, str]] = field(default_factory=list)
    cleared: list[Location] = field(default_factory=list)  # read without a problem this time

    def __len__(self) -> int:
        return len(self.documents) + len(self.seen) + len(self.failures) + len(self.cleared)


@dataclass(frozen=True)
class IndexRow:
    """What the search index holds of a document."""

    id: int
    sha256: str
    kind: str
    issuer: str | None
    subject: str | None
    text: str
    year: int | None
    issued: int | None
    awards: tuple[str, ...]


class Store:
    """The archive's SQLite database.

    Args:
        path: the database file (created with its folder when missing).
        busy_timeout: seconds to wait for another process's write lock.

    Raises:
        StorageError: the file cannot be opened, is not a database, or is newer than this code.
    """

    def __init__(self, path: Path, *, busy_timeout: float = 5.0) -> None:
        self.path = path
        self._name = str(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(str(path.parent), f"cannot create the data folder: {exc.strerror}") from exc
        with translated(self._name, "opening the database"):
            self.connection = sqlite3.connect(
                path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
            self.connection.execute("PRAGMA foreign_keys = ON")
            mode = self.connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            self.connection.execute("PRAGMA synchronous = NORMAL")
        if mode.lower() != "wal":
            raise StorageError(self._name, f"cannot switch the database to WAL mode (got {mode})")
        self._migrate()

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection (a later use raises)."""
        self.connection.close()

    @contextmanager
    def transaction(self, action: str) -> Iterator[sqlite3.Cursor]:
        """One write transaction: committed when the block ends, rolled back on any error.

        Raises:
            ArchiveLockedError, StorageFullError, StorageError: naming the database and ``action``.
        """
        cursor = self.connection.cursor()
        try:
            cursor.execute("BEGIN IMMEDIATE")
            yield cursor
            cursor.execute("COMMIT")
        except BaseException as exc:
            if self.connection.in_transaction:
                self.connection.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise storage_error(self._name, exc, action=action) from exc
            raise
        finally:
            cursor.close()

    def _version(self, cur: sqlite3.Cursor) -> int:
        found = cur.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
        if found.fetchone() is None:
            return 0
        return cur.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]

    def _migrate(self) -> None:
        """Bring the schema to the latest version (readers of an up-to-date file take no write lock)."""
        with translated(self._name, "reading the schema version"):
            current = self._version(self.connection.cursor())
        if current == LATEST:
            return
        with self.transaction("upgrading the schema") as cur:
            cur.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)"
            )
            current = self._version(cur)  # another process may have migrated meanwhile
            if current > LATEST:
                raise SchemaVersionError(
                    self._name, f"schema version {current} is newer than this congvan ({LATEST}); upgrade congvan"
                )
            for version in range(current + 1, LATEST + 1):
                for statement in MIGRATIONS[version - 1].split(";"):
                    if statement.strip():
                        cur.execute(statement)
                cur.execute("INSERT INTO schema_version VALUES (?, ?)", (version, _now()))
            cur.execute("INSERT OR IGNORE INTO meta VALUES ('archive_id', ?)", (uuid.uuid4().hex,))

    def checkpoint(self) -> None:
        """Move the write-ahead log into the database file and truncate it (after a large run)."""
        with translated(self._name, "checkpointing the write-ahead log"):
            self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def schema_version(self) -> int:
        """The version of the schema in the file."""
        return self.query("SELECT MAX(version) FROM schema_version")[0][0]

    def archive_id(self) -> str:
        """A random id given to the database when it was created (the search index records it)."""
        return self.query("SELECT value FROM meta WHERE key = 'archive_id'")[0][0]

    def integrity_check(self) -> str:
        """``PRAGMA integrity_check``: ``"ok"`` for a sound file."""
        return "; ".join(r[0] for r in self.query("PRAGMA integrity_check"))

    def query(self, sql: str, params: Iterable[object] = ()) -> list[tuple]:
        """Run a read-only statement; sqlite3 errors become :class:`StorageError`."""
        with translated(self._name, "reading"):
            return self.connection.execute(sql, tuple(params)).fetchall()

    # -- writing ---------------------------------------------------------------------------

    def save(self, batch: Batch) -> list[int]:
        """Write ``batch`` in one transaction; returns the ids of the documents it created."""
        created: list[int] = []
        facts = rows.FactRows()
        now = _now()
        with self.transaction("storing a batch of documents") as cur:
            for doc in batch.documents:
                found = cur.execute("SELECT id FROM documents WHERE sha256 = ?", (doc.sha256,)).fetchone()
                if found:
                    doc_id = found[0]
                else:
                    doc_id = rows.insert_document(cur, doc.extraction, doc.sha256, doc.size_bytes, now)
                    facts.add(doc_id, doc.extraction)
                    created.append(doc_id)
                for location in doc.locations:
                    self._remember(cur, doc_id, location, now)
            facts.write(cur)
            cur.executemany("INSERT INTO changes (document_id, op) VALUES (?, 'upsert')", [(i,) for i in created])
            for sha256, location in batch.seen:
                found = cur.execute("SELECT id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
                if found:
                    self._remember(cur, found[0], location, now)
            for location in batch.cleared:
                cur.execute("DELETE FROM failures WHERE path = ? AND member = ?", (location.path, location.member))
            for location, error, reason in batch.failures:
                cur.execute(
                    "INSERT INTO failures (path, member, error, reason, first_failed, last_failed)"
                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (path, member) DO UPDATE SET"
                    " error = excluded.error, reason = excluded.reason,"
                    " attempts = attempts + 1, last_failed = excluded.last_failed",
                    (location.path, location.member, error, reason, now, now),
                )
        return created

    @staticmethod
    def _remember(cur: sqlite3.Cursor, doc_id: int, location: Location, now: str) -> None:
        cur.execute(
            "INSERT OR IGNORE INTO document_paths (document_id, path, member, first_seen) VALUES (?, ?, ?, ?)",
            (doc_id, location.path, location.member, now),
        )
        cur.execute("DELETE FROM failures WHERE path = ? AND member = ?", (location.path, location.member))

    def delete(self, doc_id: int) -> bool:
        """Delete a document with its paths and facts; False when there was none."""
        with self.transaction("deleting a document") as cur:
            deleted = cur.execute("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount
            if deleted:
                cur.execute("INSERT INTO changes (document_id, op) VALUES (?, 'delete')", (doc_id,))
        return bool(deleted)

    def forget_failure(self, location: Location) -> None:
        """Drop the failure recorded for ``location`` (its file is gone or was fixed)."""
        with self.transaction("forgetting a failure") as cur:
            cur.execute("DELETE FROM failures WHERE path = ? AND member = ?", (location.path, location.member))

    # -- reading ---------------------------------------------------------------------------

    def id_of(self, sha256: str) -> int | None:
        """The id of the document with this content hash, if stored."""
        found = self.query("SELECT id FROM documents WHERE sha256 = ?", (sha256,))
        return found[0][0] if found else None

    def resolve(self, key: int | str) -> int | None:
        """The id of the document named by an id or a SHA-256 (or a unique prefix of 8+ characters)."""
        if isinstance(key, int) or (isinstance(key, str) and key.isdigit() and len(key) < 16):
            found = self.query("SELECT id FROM documents WHERE id = ?", (int(key),))
        else:
            prefix = str(key).lower()
            if len(prefix) < 8:
                return None
            found = self.query(
                "SELECT id FROM documents WHERE sha256 >= ? AND sha256 < ? LIMIT 2", (prefix, prefix + "g")
            )
            if len(found) > 1:
                return None
        return found[0][0] if found else None

    def get(self, doc_id: int) -> StoredDocument | None:
        """The stored document ``doc_id`` with its extraction and paths."""
        found = self.query(
            "SELECT id, sha256, size_bytes, ingested_at, text, extraction FROM documents WHERE id = ?", (doc_id,)
        )
        if not found:
            return None
        _id, sha256, size, ingested_at, text, payload = found[0]
        extraction = Extraction.model_validate_json(payload).model_copy(update={"text": text})
        return StoredDocument(
            id=_id,
            sha256=sha256,
            size_bytes=size,
            ingested_at=datetime.fromisoformat(ingested_at),
            paths=self.paths(doc_id),
            extraction=extraction,
        )

    def paths(self, doc_id: int) -> list[str]:
        """Every place the document's content was found, in the order first seen."""
        found = self.query(
            "SELECT path, member FROM document_paths WHERE document_id = ? ORDER BY seq",
            (doc_id,),
        )
        return [str(Location(p, m)) for p, m in found]

    def texts(self, ids: Iterable[int]) -> dict[int, str]:
        """The text of each document in ``ids``."""
        ids = list(ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        return dict(self.query(f"SELECT id, text FROM documents WHERE id IN ({marks})", ids))

    def refs(self, ids: Iterable[int]) -> dict[int, DocumentRef]:
        """A :class:`DocumentRef` for each stored document in ``ids``."""
        ids = sorted(set(ids))
        out: dict[int, DocumentRef] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.query(
                "SELECT d.id, d.sha256, d.number, d.issued_date, d.kind, d.issuer, d.subject,"
                " (SELECT p.path || CASE WHEN p.member = '' THEN '' ELSE '!/' || p.member END"
                "  FROM document_paths p WHERE p.document_id = d.id ORDER BY p.seq LIMIT 1)"
                f" FROM documents d WHERE d.id IN ({marks})",
                chunk,
            ):
                keys = ("id", "sha256", "number", "issued_date", "kind", "issuer", "subject", "path")
                out[row[0]] = DocumentRef(**dict(zip(keys, row, strict=True)))
        return out

    def failures(self) -> list[Failure]:
        """Every file that failed and was not stored since, oldest first."""
        return [
            Failure(
                location=str(Location(path, member)),
                error=error,
                reason=reason,
                attempts=attempts,
                last_failed=datetime.fromisoformat(last),
            )
            for path, member, error, reason, attempts, last in self.query(
                "SELECT path, member, error, reason, attempts, last_failed FROM failures"
                " ORDER BY first_failed, path, member"
            )
        ]

    def failed_locations(self) -> list[Location]:
        """The locations of :meth:`failures`."""
        return [Location(p, m) for p, m in self.query("SELECT path, member FROM failures ORDER BY path, member")]

    def count(self, table: str) -> int:
        """Rows in one of the archive's tables."""
        if table not in {"documents", "document_paths", "failures", "awards", "targets", "dates"}:
            raise ValueError(f"unknown table {table!r}")
        return self.query(f"SELECT COUNT(*) FROM {table}")[0][0]

    # -- the change feed of the search index -----------------------------------------------

    def last_change(self) -> int:
        """The sequence number of the latest change (0 when none)."""
        return self.query("SELECT COALESCE(MAX(seq), 0) FROM changes")[0][0]

    def pruned_through(self) -> int:
        """Changes up to this sequence number were pruned (an index older than it is rebuilt)."""
        found = self.query("SELECT value FROM meta WHERE key = 'changes_pruned_through'")
        return int(found[0][0]) if found else 0

    def changes_since(self, seq: int) -> list[tuple[int, int, str]]:
        """``(seq, document_id, op)`` after ``seq``, in order."""
        return self.query("SELECT seq, document_id, op FROM changes WHERE seq > ? ORDER BY seq", (seq,))

    def prune_changes(self, through: int) -> None:
        """Forget changes the search index has applied."""
        with self.transaction("pruning the change feed") as cur:
            cur.execute("DELETE FROM changes WHERE seq <= ?", (through,))
            cur.execute(
                "INSERT INTO meta VALUES ('changes_pruned_through', ?) ON CONFLICT (key) DO UPDATE"
                " SET value = MAX(CAST(value AS INTEGER), excluded.value)",
                (str(through),),
            )

    def index_rows(self, ids: Iterable[int] | None = None) -> Iterator[IndexRow]:
        """The documents as the search index needs them: all of them, or those in ``ids``."""
        if ids is None:
            yield from self._index_rows("", ())
            return
        ids = sorted(set(ids))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            yield from self._index_rows(f"WHERE d.id IN ({','.join('?' * len(chunk))})", chunk)

    def _index_rows(self, where: str, params: Iterable[object]) -> Iterator[IndexRow]:
        cursor = self.connection.execute(
            "SELECT d.id, d.sha256, d.kind, d.issuer, d.subject, d.text, d.year, d.issued_date,"
            " (SELECT group_concat(DISTINCT a.award) FROM awards a WHERE a.document_id = d.id)"
            f" FROM documents d {where} ORDER BY d.id",
            tuple(params),
        )
        with translated(self._name, "reading documents for the search index"):
            for doc_id, sha256, kind, issuer, subject, text, year, issued, awards in cursor:
                yield IndexRow(
                    id=doc_id,
                    sha256=sha256,
                    kind=kind,
                    issuer=issuer,
                    subject=subject,
                    text=text,
                    year=year,
                    issued=rows.issued_key(issued),
                    awards=tuple(awards.split(",")) if awards else (),
                )
