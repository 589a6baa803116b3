"""The archive: one class used by the CLI and the service.

    >>> from corpus import Archive
    >>> with Archive() as archive:                         # CONGVAN_DATABASE_URL, ./data by default
    ...     archive.ingest(["/srv/vanthu/2024.zip"])     # extract in parallel, store, index
    ...     archive.search("huan chuong lao dong", kind="quyet_dinh").hits[0].snippet.marked()
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path

import tantivy

import extract
from corpus import facts, numbering
from corpus.datekeys import parse_user_date
from corpus.errors import ArchiveBusyError, DocumentNotFoundError, QueryError
from corpus.ingest import Ingestor, ProgressCallback, zip_limits
from corpus.location import Location
from corpus.lock import ArchiveLock
from corpus.models import (
    AddOutcome,
    ArchiveStats,
    AwardGrouping,
    AwardSum,
    FacetCount,
    Failure,
    IngestReport,
    SearchHit,
    SearchResult,
    StoredDocument,
    TargetPoint,
)
from corpus.runners import DaskRunner, LocalRunner, Runner
from corpus.search.index import SearchIndex
from corpus.search.query import Filters, Piece, build_query, parse_query
from corpus.search.snippets import make_snippet
from corpus.settings import Settings, get_settings
from corpus.sources import Discovery, Finder
from corpus.store.sqlite import Batch, NewDocument, Store
from corpus.store.url import database_path
from extract.models import AwardStatus, Extraction, TargetKind

MAX_LIMIT = 1000


def _date_bound(value: str | date | None, *, field: str, upper: bool) -> int | None:
    if value is None or value == "":
        return None
    text = value.isoformat() if isinstance(value, date) else value
    return parse_user_date(text, field=field, upper=upper)


class Archive:
    """Documents extracted once, stored in SQLite, searchable with tantivy, their facts as tables.

    Opening an archive creates or upgrades its database and catches its search index
    up with the database (rebuilding it when missing) unless another process is writing.

    Args:
        settings: defaults to :func:`corpus.settings.get_settings` (``CONGVAN_*`` variables).

    Raises:
        StorageError: the database cannot be opened, is locked or is damaged.
        ConfigurationError: ``CONGVAN_DATABASE_URL`` is not usable.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.database = database_path(self.settings.database_url)
        self.index_dir = self.settings.index_dir or self.database.with_suffix(".tantivy")
        self.store = Store(self.database, busy_timeout=self.settings.busy_timeout)
        self.index = SearchIndex(self.index_dir)
        self.lock = ArchiveLock(self.database.with_name(self.database.name + ".lock"))
        self._finder = Finder(self.settings.suffixes, zip_limits(self.settings))
        self._catch_up_if_free()

    def close(self) -> None:
        """Close the database and the index."""
        self.index.close()
        self.store.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _catch_up_if_free(self) -> None:
        if not self.lock.try_acquire():
            return  # the writer keeps the index current
        try:
            self.index.catch_up(self.store)
        except ArchiveBusyError:
            pass
        finally:
            self.lock.release()

    # -- adding ----------------------------------------------------------------------------

    def add(self, path: str | Path) -> AddOutcome:
        """Extract one file in this process and store it (see :meth:`ingest` for many).

        Raises:
            extract.ReadError: the file cannot be read or is not a document.
            ArchiveBusyError, StorageError: the archive cannot be written.
        """
        location = Location(os.path.abspath(path))
        try:
            data = Path(location.path).read_bytes()
        except OSError as exc:
            raise extract.ReadError(location.path, f"cannot read: {exc.strerror or exc}") from exc
        return self._add(data, location)

    def add_bytes(self, data: bytes, *, name: str) -> AddOutcome:
        """Extract content received without a file (an upload) and store it under ``name``."""
        return self._add(data, Location(name))

    def _add(self, data: bytes, location: Location) -> AddOutcome:
        sha256 = hashlib.sha256(data).hexdigest()
        known = self.store.id_of(sha256)
        batch = Batch()
        if known is None:
            extraction = extract.extract_bytes(data, name=str(location))
            batch.documents.append(NewDocument(extraction, sha256, len(data), [location]))
        else:
            batch.seen.append((sha256, location))
        with self.lock.held(self.settings.busy_timeout):
            self.store.save(batch)
            self.index.catch_up(self.store)
        doc_id = self.store.id_of(sha256)
        assert doc_id is not None
        return AddOutcome(document_id=doc_id, sha256=sha256, created=known is None)

    def import_extractions(self, extractions: Iterable[Extraction], *, batch_size: int = 500) -> int:
        """Store extractions made elsewhere (no original file), keyed by the hash of their text.

        Returns:
            The number of new documents.
        """
        created = 0
        with self.lock.held(self.settings.busy_timeout):
            batch = Batch()
            for extraction in extractions:
                data = extraction.text.encode("utf-8")
                sha256 = hashlib.sha256(data).hexdigest()
                where = Location(extraction.source or f"extraction:{sha256[:12]}")
                batch.documents.append(NewDocument(extraction, sha256, len(data), [where]))
                if len(batch.documents) >= batch_size:
                    created += len(self.store.save(batch))
                    batch = Batch()
            created += len(self.store.save(batch))
            self.index.catch_up(self.store)
        return created

    def ingest(
        self,
        paths: Sequence[str | Path],
        *,
        workers: int | None = None,
        cluster: str | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> IngestReport:
        """Index files, folders (recursively) and zip files in parallel.

        Content already stored is not extracted again (its new path is remembered);
        an interrupted run is finished by running it again.

        Args:
            paths: files, folders and .zip files.
            workers: local extraction processes (default: all cores).
            cluster: a Dask scheduler address (``tcp://HOST:8786``) to extract on instead.
            on_progress: called as files finish.

        Raises:
            FileNotFoundError: a path does not exist (nothing is done).
            IngestInterrupted: Ctrl-C; what was finished is stored.
            ArchiveBusyError: another process is writing to the archive.
        """
        missing = [str(p) for p in paths if not Path(p).exists()]
        if missing:
            raise FileNotFoundError(f"no such file or folder: {', '.join(missing)}")
        return self._run(lambda: self._finder.discover(Path(p) for p in paths), workers, cluster, on_progress)

    add_many = ingest

    def retry(
        self,
        *,
        workers: int | None = None,
        cluster: str | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> IngestReport:
        """Try every recorded failure again (``congvan index --retry-failed``)."""
        return self._run(
            lambda: self._finder.items_for(self.store.failed_locations()), workers, cluster, on_progress
        )

    def _runner(self, workers: int | None, cluster: str | None) -> Runner:
        address = cluster or self.settings.cluster
        if address:
            return DaskRunner(address)
        return LocalRunner(workers or self.settings.worker_count())

    def _run(
        self,
        discover: Callable[[], Discovery],
        workers: int | None,
        cluster: str | None,
        on_progress: ProgressCallback | None,
    ) -> IngestReport:
        with self.lock.held(0):
            runner = self._runner(workers, cluster)
            try:
                runner.start()  # workers load their models while files are listed
                self.index.catch_up(self.store)
                found = discover()
            except BaseException:
                runner.close()
                raise
            return Ingestor(self.store, self.index, self.settings, runner, on_progress).run(found)

    # -- reading, deleting -----------------------------------------------------------------

    def _id(self, key: int | str) -> int:
        doc_id = self.store.resolve(key)
        if doc_id is None:
            raise DocumentNotFoundError(key)
        return doc_id

    def get(self, key: int | str) -> StoredDocument:
        """The document with this id or SHA-256 (a prefix of 8+ characters will do).

        Raises:
            DocumentNotFoundError: there is none.
        """
        document = self.store.get(self._id(key))
        if document is None:
            raise DocumentNotFoundError(key)
        return document

    def delete(self, key: int | str) -> None:
        """Delete a document, its paths and its facts.

        Raises:
            DocumentNotFoundError: there is none.
        """
        doc_id = self._id(key)
        with self.lock.held(self.settings.busy_timeout):
            self.store.delete(doc_id)
            self.index.catch_up(self.store)

    def failures(self) -> list[Failure]:
        """Files that failed and were not stored since."""
        return self.store.failures()

    def next_number(self, issuer: str, unit: str | None, year: int) -> int:
        """The next free number of ``issuer`` (series ``unit``) in ``year``; see :mod:`corpus.numbering`."""
        return numbering.next_number(self.store, issuer, unit, year)

    # -- search ----------------------------------------------------------------------------

    def _query(
        self,
        query: str,
        kind: str | None,
        issuer: str | None,
        date_from: str | date | None,
        date_to: str | date | None,
        award: str | None,
    ) -> tuple[list[Piece], tantivy.Query]:
        pieces = parse_query(query)
        filters = Filters(
            kind=kind or None,
            issuer=issuer or None,
            date_from=_date_bound(date_from, field="from", upper=False),
            date_to=_date_bound(date_to, field="to", upper=True),
            award=award or None,
        )
        return pieces, build_query(self.index.schema(), pieces, filters)

    def search(
        self,
        query: str = "",
        *,
        kind: str | None = None,
        issuer: str | None = None,
        date_from: str | date | None = None,
        date_to: str | date | None = None,
        award: str | None = None,
        limit: int = 10,
        offset: int = 0,
        facets: bool = True,
    ) -> SearchResult:
        """Ranked documents for ``query`` with highlighted snippets and facets.

        The query ignores case and diacritics ("huan chuong lao dong" finds
        "Huân chương Lao động"); words written with diacritics rank exact matches
        first; ``"quoted words"`` are phrases; ``-word`` excludes. An empty query
        lists the filtered documents, newest first.

        Args:
            query: what the user typed.
            kind: a document kind (``quyet_dinh``, ``ke_hoach`` …).
            issuer: words of the issuing agency's name.
            date_from: the earliest issue date (``2025``, ``2025-03``, ``2025-03-05``, ``5/3/2025``).
            date_to: the latest issue date, same forms.
            award: an award key (``huan_chuong_lao_dong`` …).
            limit: hits per page (1–1000).
            offset: hits to skip.
            facets: also count the matching documents by kind, issuer, year and award.

        Raises:
            QueryError: a filter is malformed (names the field).
        """
        if not 1 <= limit <= MAX_LIMIT:
            raise QueryError("limit", f"must be between 1 and {MAX_LIMIT}")
        if offset < 0:
            raise QueryError("offset", "must not be negative")
        pieces, tantivy_query = self._query(query, kind, issuer, date_from, date_to, award)
        by_date = not any(not p.negated for p in pieces)
        total, page = self.index.search(tantivy_query, limit=limit, offset=offset, by_date=by_date)
        ids = [doc_id for _, doc_id in page]
        refs, texts = self.store.refs(ids), self.store.texts(ids)
        hits = [
            SearchHit(
                score=score,
                document=refs[doc_id],
                paths=self.store.paths(doc_id),
                snippet=make_snippet(texts[doc_id], pieces),
            )
            for score, doc_id in page
            if doc_id in refs
        ]
        counts = self._facets(tantivy_query) if facets else {}
        return SearchResult(query=query, total=total, hits=hits, facets=counts)

    def facets(
        self,
        query: str = "",
        *,
        kind: str | None = None,
        issuer: str | None = None,
        date_from: str | date | None = None,
        date_to: str | date | None = None,
        award: str | None = None,
    ) -> dict[str, list[FacetCount]]:
        """Counts of the documents matching ``query`` and filters by kind, issuer, year and award."""
        _pieces, tantivy_query = self._query(query, kind, issuer, date_from, date_to, award)
        return self._facets(tantivy_query)

    def _facets(self, tantivy_query: tantivy.Query) -> dict[str, list[FacetCount]]:
        return {
            name: [FacetCount(value=value, count=count) for value, count in buckets]
            for name, buckets in self.index.facets(tantivy_query).items()
        }

    def reindex(self) -> int:
        """Rebuild the search index from the database; returns the documents indexed.

        Raises:
            ArchiveBusyError: another process is writing to the archive.
        """
        with self.lock.held(0):
            return self.index.rebuild(self.store)

    # -- facts -----------------------------------------------------------------------------

    def facts_awards(self, *, by: AwardGrouping = "year", status: AwardStatus | None = None) -> list[AwardSum]:
        """Awards summed per year, issuer or award; see :func:`corpus.facts.award_sums`."""
        return facts.award_sums(self.store, by=by, status=status)

    def facts_targets(self, metric: str, *, kind: TargetKind | None = None) -> list[TargetPoint]:
        """A target's values over time; see :func:`corpus.facts.target_series`."""
        return facts.target_series(self.store, metric, kind=kind)

    # -- health ----------------------------------------------------------------------------

    def stats(self) -> ArchiveStats:
        """Counts and sizes (the database with its write-ahead log, and the index)."""
        database_bytes = sum(
            p.stat().st_size
            for p in (self.database, self.database.with_name(self.database.name + "-wal"))
            if p.exists()
        )
        return ArchiveStats(
            documents=self.store.count("documents"),
            paths=self.store.count("document_paths"),
            failures=self.store.count("failures"),
            indexed=self.index.num_docs(),
            database_bytes=database_bytes,
            index_bytes=self.index.size_bytes(),
        )

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check`` of the database: ``"ok"`` when sound."""
        return self.store.integrity_check()
