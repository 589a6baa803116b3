"""The tantivy index beside the database: built from it, caught up with it, searched.

The database is the source of truth. Every stored or deleted document adds a row
to its change feed; the index applies the feed and records the last change it
holds in ``congvan-index.json``. An index that is missing, of another format, built
with other folding rules or for another database is rebuilt from scratch.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from pathlib import Path

import tantivy

from corpus.errors import ArchiveBusyError, SearchIndexError
from corpus.folding import fold, folding_fingerprint
from corpus.search import schema as f
from corpus.store.sqlite import IndexRow, Store

STATE_FILE = "congvan-index.json"
_WRITER_HEAP = 64_000_000
_REBUILD_HEAP = 200_000_000
_FACET_SIZES = {f.KIND: 20, f.ISSUER: 20, f.YEAR: 50, f.AWARD: 20}


@dataclass(frozen=True)
class IndexState:
    """What the index holds: its format, the folding rules, the database and last change applied."""

    format: int
    folding: str
    archive_id: str
    seq: int


def _document(row: IndexRow, prepared: f.IndexText | None = None) -> tantivy.Document:
    body = prepared or f.prepare_text(row.text)
    doc = tantivy.Document()
    doc.add_integer(f.ID, row.id)
    doc.add_text(f.BODY, row.text)
    doc.add_text(f.BODY_FOLDED, body.folded)
    doc.add_text(f.BODY_PAIRS, body.pairs)
    if row.subject:
        doc.add_text(f.SUBJECT, row.subject)
        doc.add_text(f.SUBJECT_FOLDED, fold(row.subject))
    doc.add_text(f.KIND, row.kind)
    if row.issuer:
        doc.add_text(f.ISSUER, row.issuer)
        doc.add_text(f.ISSUER_FOLDED, fold(row.issuer))
    if row.year is not None:
        doc.add_integer(f.YEAR, row.year)
    if row.issued is not None:
        doc.add_integer(f.ISSUED, row.issued)
    for award in row.awards:
        doc.add_text(f.AWARD, award)
    return doc


def _open_writer(index: tantivy.Index, directory: Path, heap: int, threads: int) -> tantivy.IndexWriter:
    try:
        return index.writer(heap_size=heap, num_threads=threads)
    except ValueError as exc:
        if "LockBusy" in str(exc):
            raise ArchiveBusyError(f"{directory}: another process is writing to the search index") from exc
        raise SearchIndexError(f"{directory}: cannot write to the search index: {exc}") from exc


class SearchIndex:
    """The search index of one archive, in ``directory``.

    Args:
        directory: the index folder (created when missing).
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._index: tantivy.Index | None = None
        self._writer: tantivy.IndexWriter | None = None

    # -- opening -----------------------------------------------------------------------------

    def _open(self) -> tantivy.Index:
        if self._index is None:
            try:
                index = tantivy.Index.open(str(self.directory))
            except Exception as exc:  # tantivy raises ValueError with the I/O or format error
                raise SearchIndexError(
                    f"{self.directory}: cannot open the search index ({exc}); run `congvan reindex`"
                ) from exc
            f.register_analyzers(index)
            self._index = index
        return self._index

    def close(self) -> None:
        """Let go of the index (and of the writer lock, if held)."""
        self._writer = None
        self._index = None

    def state(self) -> IndexState | None:
        """The recorded state, or ``None`` when missing or unreadable."""
        try:
            return IndexState(**json.loads((self.directory / STATE_FILE).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None

    @staticmethod
    def _write_state(directory: Path, state: IndexState) -> None:
        scratch = directory / (STATE_FILE + ".tmp")
        scratch.write_text(json.dumps(asdict(state)), encoding="utf-8")
        os.replace(scratch, directory / STATE_FILE)

    def _expected(self, store: Store, seq: int) -> IndexState:
        return IndexState(f.INDEX_FORMAT, folding_fingerprint(), store.archive_id(), seq)

    def needs_rebuild(self, store: Store) -> bool:
        """True when the index is missing, of another format or rules, or too far behind the database."""
        state = self.state()
        if state is None or not self.exists():
            return True
        expected = self._expected(store, state.seq)
        return state != expected or state.seq < store.pruned_through()

    # -- writing -----------------------------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Keep one writer (and the index's lock) for the whole block, e.g. an index run."""
        if self._writer is not None:
            yield
            return
        self._writer = _open_writer(self._open(), self.directory, _WRITER_HEAP, 1)
        try:
            yield
        finally:
            writer, self._writer = self._writer, None
            with suppress(Exception):
                writer.rollback()
                writer.wait_merging_threads()

    def catch_up(self, store: Store, prepared: Mapping[str, f.IndexText] | None = None) -> int:
        """Apply the database's changes the index does not hold yet, or rebuild it.

        Args:
            store: the database.
            prepared: body texts already folded (by the extraction workers), by SHA-256.

        Returns:
            The number of documents added, replaced or removed.

        Raises:
            ArchiveBusyError: another process holds the index's writer.
        """
        if self.needs_rebuild(store):
            return self.rebuild(store)
        try:
            self._open()
        except SearchIndexError:  # damaged files: the database has everything to rebuild it
            return self.rebuild(store)
        state = self.state()
        assert state is not None
        changes = store.changes_since(state.seq)
        if not changes:
            return 0
        latest: dict[int, str] = {}
        for _seq, doc_id, op in changes:
            latest[doc_id] = op
        with self.writing():
            writer = self._writer
            assert writer is not None
            for doc_id in latest:
                writer.delete_documents_by_term(f.ID, doc_id)
            for row in store.index_rows(d for d, op in latest.items() if op == "upsert"):
                writer.add_document(_document(row, (prepared or {}).get(row.sha256)))
            writer.commit()
        last = changes[-1][0]
        self._write_state(self.directory, self._expected(store, last))
        store.prune_changes(last)
        return len(latest)

    def rebuild(self, store: Store) -> int:
        """Build the index anew from the database in a scratch folder, then swap it in.

        Returns:
            The number of documents indexed.
        """
        self.close()
        parent, name = self.directory.parent, self.directory.name
        parent.mkdir(parents=True, exist_ok=True)
        for leftover in [*parent.glob(f"{name}.building-*"), *parent.glob(f"{name}.old-*")]:
            shutil.rmtree(leftover, ignore_errors=True)
        staging = parent / f"{name}.building-{os.getpid()}"
        staging.mkdir()
        seq = store.last_change()
        index = tantivy.Index(f.build_schema(), path=str(staging))
        f.register_analyzers(index)
        writer = _open_writer(index, staging, _REBUILD_HEAP, 0)
        count = 0
        for row in store.index_rows():
            writer.add_document(_document(row))
            count += 1
        writer.commit()
        writer.wait_merging_threads()
        del writer, index
        self._write_state(staging, self._expected(store, seq))
        if self.directory.exists():
            retired = parent / f"{name}.old-{os.getpid()}"
            os.replace(self.directory, retired)
            os.replace(staging, self.directory)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.replace(staging, self.directory)
        store.prune_changes(seq)
        return count

    # -- reading -----------------------------------------------------------------------------

    def searcher(self) -> tantivy.Searcher:
        """A searcher over the latest commit."""
        index = self._open()
        index.reload()
        return index.searcher()

    @staticmethod
    def schema() -> tantivy.Schema:
        """The schema of the index (to build queries; the same for every index of this format)."""
        return f.build_schema()

    def exists(self) -> bool:
        """False until the index is first built (another process may be building it)."""
        return self.directory.is_dir() and bool(tantivy.Index.exists(str(self.directory)))

    def num_docs(self) -> int:
        """Documents in the index (0 when there is none yet)."""
        return self.searcher().num_docs if self.exists() else 0

    def size_bytes(self) -> int:
        """The index's size on disk."""
        if not self.directory.is_dir():
            return 0
        return sum(p.stat().st_size for p in self.directory.rglob("*") if p.is_file())

    def search(
        self, query: tantivy.Query, *, limit: int, offset: int = 0, by_date: bool = False
    ) -> tuple[int, list[tuple[float, int]]]:
        """Run ``query``: the number of matching documents and ``(score, document id)`` of one page.

        With ``by_date`` the page is ordered by issue date, newest first, and the score is 0.
        Before the index is first built (by the process writing the archive), nothing matches.
        """
        if not self.exists():
            return 0, []
        searcher = self.searcher()
        result = searcher.search(
            query, limit, count=True, offset=offset, order_by_field=f.ISSUED if by_date else None
        )
        ids = searcher.fast_field_values(f.ID, [address for _, address in result.hits])
        scores = [0.0 if by_date else float(score) for score, _ in result.hits]
        total = getattr(result, "count", None) or 0  # set with count=True; missing from the stub
        return int(total), [(s, int(i)) for s, i in zip(scores, ids, strict=True) if i is not None]

    def facets(self, query: tantivy.Query) -> dict[str, list[tuple[str, int]]]:
        """Counts of the matching documents by kind, issuer, year and award."""
        if not self.exists():
            return {name: [] for name in _FACET_SIZES}
        request = {name: {"terms": {"field": name, "size": size}} for name, size in _FACET_SIZES.items()}
        answer = self.searcher().aggregate(query, request)
        out: dict[str, list[tuple[str, int]]] = {}
        for name in _FACET_SIZES:
            buckets = [(str(b["key"]), int(b["doc_count"])) for b in answer.get(name, {}).get("buckets", [])]
            if name == f.YEAR:
                buckets.sort(key=lambda b: b[0], reverse=True)
            out[name] = buckets
        return out
