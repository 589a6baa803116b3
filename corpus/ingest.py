"""An index run: read, hash, deduplicate, extract in parallel, store in batches.

The run is resumable by construction: content already stored is recognised by its
SHA-256 before any extraction, every batch is one transaction, and the search
index is caught up from the database's change feed. Killing the process at any
point loses at most the batch not yet committed; running again finishes the rest.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable, Iterator

from corpus.errors import IngestInterrupted
from corpus.location import Location
from corpus.models import Failure, IngestReport, Progress
from corpus.runners import Runner
from corpus.search.index import SearchIndex
from corpus.search.schema import IndexText
from corpus.settings import Settings
from corpus.sources import Discovery, Item, Reader, ReadProblem
from corpus.store.sqlite import Batch, NewDocument, Store
from corpus.worker import Job, JobResult
from corpus.zipsafe import ZipLimits

ProgressCallback = Callable[[Progress], None]
#: The longest time finished work waits in memory before its transaction.
_COMMIT_SECONDS = 1.0


def zip_limits(settings: Settings) -> ZipLimits:
    """The zip limits of ``settings``."""
    return ZipLimits(
        max_members=settings.zip_max_members,
        max_total_bytes=settings.zip_max_total_bytes,
        max_member_bytes=settings.zip_max_member_bytes,
        max_ratio=settings.zip_max_ratio,
    )


class Ingestor:
    """Runs one index run over discovered items.

    Args:
        store: the database.
        index: the search index, caught up as batches are committed.
        settings: batch sizes and limits.
        runner: where extraction runs.
        on_progress: called as items finish.
    """

    def __init__(
        self,
        store: Store,
        index: SearchIndex,
        settings: Settings,
        runner: Runner,
        on_progress: ProgressCallback | None = None,
    ) -> None:
        self.store = store
        self.index = index
        self.settings = settings
        self.runner = runner
        self.on_progress = on_progress
        self.report = IngestReport(workers=runner.workers, cluster=runner.address)
        self._batch = Batch()
        self._pending: dict[str, list[Location]] = {}  # sha256 → locations, being extracted
        self._buffered: set[str] = set()  # sha256 of documents in the uncommitted batch
        self._prepared: dict[str, IndexText] = {}  # folded texts from the workers, for the index
        self._started = 0.0
        self._last_commit = 0.0
        self._last_index = 0.0
        self._done = 0

    # -- the run ---------------------------------------------------------------------------

    def run(self, found: Discovery) -> IngestReport:
        """Store everything in ``found``.

        Raises:
            IngestInterrupted: on Ctrl-C, after storing what was finished.
            StorageError: the database failed (locked, full); committed batches are kept.
        """
        self.report.files = len(found.items)
        self.report.skipped = found.skipped
        self._batch.cleared.extend(found.opened)
        self._started = self._last_commit = self._last_index = time.monotonic()
        size = self._jobs_per_task(len(found.items))
        with self.index.writing():
            try:
                with Reader(zip_limits(self.settings)) as reader:
                    for _batch, results in self.runner.run(self._batches(found.items, reader, size)):
                        for result in results:
                            self._finish(result)
            except KeyboardInterrupt:
                self.runner.close()
                self.report.interrupted = True
                self._commit()
                self._catch_up_index()
                raise IngestInterrupted(self._final()) from None
            finally:
                self.runner.close()
            self._commit()
            self._catch_up_index()
        self.store.checkpoint()
        return self._final()

    def _jobs_per_task(self, total: int) -> int:
        """Small tasks for small runs (so every worker gets some), up to the setting."""
        spread = math.ceil(total / max(1, self.runner.workers * 4))
        return max(1, min(self.settings.jobs_per_task, spread))

    def _batches(self, items: list[Item], reader: Reader, size: int) -> Iterator[list[Job]]:
        jobs: list[Job] = []
        for item in items:
            job = self._prepare(item, reader)
            if job is not None:
                jobs.append(job)
            if len(jobs) >= size:
                yield jobs
                jobs = []
        if jobs:
            yield jobs

    def _prepare(self, item: Item, reader: Reader) -> Job | None:
        """A job for ``item``, or ``None`` when it needs no extraction (stored, duplicate, failed)."""
        if item.problem:
            self._fail([item.location], *item.problem)
            return None
        try:
            data = reader.read(item.location)
        except ReadProblem as exc:
            self._fail([item.location], exc.error, exc.reason)
            return None
        sha256 = hashlib.sha256(data).hexdigest()
        if sha256 in self._pending:
            self._pending[sha256].append(item.location)
            self._tick(duplicates=1)
        elif sha256 in self._buffered or self.store.id_of(sha256) is not None:
            self._batch.seen.append((sha256, item.location))
            self._tick(duplicates=1)
        else:
            self._pending[sha256] = [item.location]
            return Job(str(item.location), sha256, data, self.settings.file_time_limit)
        return None

    def _finish(self, result: JobResult) -> None:
        locations = self._pending.pop(result.sha256, [])
        if result.extraction is None:
            # copies of this content found meanwhile were counted as duplicates: they fail too
            self.report.duplicates -= len(locations) - 1
            self._fail(locations, result.error or "Error", result.reason or "unknown error", done=1)
            return
        self._batch.documents.append(NewDocument(result.extraction, result.sha256, result.size, locations))
        self._buffered.add(result.sha256)
        if result.index_text is not None:
            self._prepared[result.sha256] = result.index_text
        self._tick(stored=1)

    # -- bookkeeping -----------------------------------------------------------------------

    def _fail(self, locations: list[Location], error: str, reason: str, *, done: int | None = None) -> None:
        for location in locations:
            self._batch.failures.append((location, error, reason))
            self.report.failures.append(Failure(location=str(location), error=error, reason=reason))
        self.report.failed += len(locations)
        self._tick(done=len(locations) if done is None else done)

    def _tick(self, *, stored: int = 0, duplicates: int = 0, done: int | None = None) -> None:
        self.report.stored += stored
        self.report.duplicates += duplicates
        self._done += stored + duplicates if done is None else done
        now = time.monotonic()
        if len(self._batch) >= self.settings.commit_every or now - self._last_commit >= _COMMIT_SECONDS:
            self._commit()
        if now - self._last_index >= self.settings.index_commit_seconds:
            self._catch_up_index()
        if self.on_progress:
            self.on_progress(self._progress())

    def _commit(self) -> None:
        if len(self._batch):
            self.store.save(self._batch)
            self._batch = Batch()
            self._buffered.clear()
        self._last_commit = time.monotonic()

    def _catch_up_index(self) -> None:
        self._commit()  # so that every prepared text belongs to a stored document
        self.index.catch_up(self.store, self._prepared)
        self._prepared.clear()
        self._last_index = time.monotonic()

    def _progress(self) -> Progress:
        return Progress(
            done=self._done,
            total=self.report.files,
            stored=self.report.stored,
            duplicates=self.report.duplicates,
            failed=self.report.failed,
            seconds=time.monotonic() - self._started,
        )

    def _final(self) -> IngestReport:
        seconds = time.monotonic() - self._started
        self.report.seconds = round(seconds, 3)
        self.report.files_per_second = round(self._done / seconds, 2) if seconds > 0 else 0.0
        return self.report
