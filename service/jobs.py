"""Bulk indexing jobs: files and zip files sent to the archive, indexed in the background.

Jobs run one after another on a single worker thread (the archive has one writer at a
time), so any number of jobs may be submitted at once. Received files are kept under
``<data>/uploads/<job id>/`` so that the archive can serve them again. Each job is also
written to a ledger on disk (``<data>/jobs/``): a service stopped in the middle of a job
(a restart, a crash, a power cut) finishes it when it starts again, and a job sent twice
stores nothing twice.
"""

from __future__ import annotations

import logging
import queue
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import corpus.errors as ce
from corpus import Archive
from corpus.models import AddOutcome, Progress
from corpus.settings import Settings as ArchiveSettings
from extract.errors import ReadError
from service.archives import PathDisplay
from service.errors import ServiceError, describe
from service.extraction import NLP_LOCK
from service.job_ledger import JobLedger
from service.job_models import Job, JobFailure, JobProgress, now
from service.uploads import Upload, safe_name

log = logging.getLogger("congvan.jobs")
T = TypeVar("T")

#: A job of at most this many loose files is extracted in the service process;
#: larger jobs and zip files go to the archive's pool of extraction processes.
IN_PROCESS_FILES = 8
BUSY_WAIT_SECONDS = 120.0
#: Progress is written to the ledger at most this often (status changes always are).
SAVE_EVERY_SECONDS = 1.0


class _Task:
    def __init__(self, job: Job, paths: list[Path]) -> None:
        self.job = job
        self.paths = paths


class JobManager:
    """Accepts jobs and runs them on one background thread.

    Args:
        settings: the archive's settings (the worker opens its own archive).
        uploads_dir: where received files are kept.
        display: how stored locations are shown.
        keep: finished jobs remembered.
        archive_factory: opens the archive (tests may count or replace it).
        ledger: where jobs are written so that they outlive the process; ``None``: memory only.
    """

    def __init__(
        self,
        settings: ArchiveSettings,
        uploads_dir: Path,
        display: PathDisplay,
        *,
        keep: int = 200,
        archive_factory: Callable[[ArchiveSettings], Archive] = Archive,
        ledger: JobLedger | None = None,
    ) -> None:
        self.settings = settings
        self.uploads_dir = uploads_dir
        self.display = display
        self.keep = keep
        self._factory = archive_factory
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._queue: queue.Queue[_Task] = queue.Queue()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._archive: Archive | None = None
        self._ledger = ledger
        self._paths: dict[str, list[Path]] = {}
        self._saved_at: dict[str, float] = {}

    # -- submitting and reading ---------------------------------------------------------

    def submit_uploads(self, uploads: list[Upload]) -> Job:
        """Keep the received files and queue a job indexing them."""
        job_id = secrets.token_hex(8)
        folder = self.uploads_dir / job_id
        folder.mkdir(parents=True, exist_ok=True)
        paths: list[Path] = []
        for upload in uploads:
            path = _unique(folder, upload.name)
            path.write_bytes(upload.data)
            paths.append(path)
        return self._enqueue(Job(id=job_id, files=[p.name for p in paths]), paths)

    def submit_paths(self, paths: list[Path]) -> Job:
        """Queue a job indexing files, folders or zip files already on this machine."""
        job = Job(id=secrets.token_hex(8), files=[self.display.show(str(p.absolute())) for p in paths])
        return self._enqueue(job, [p.absolute() for p in paths])

    def resume(self) -> list[Job]:
        """Load the ledger: finished jobs are shown again, the others are queued again.

        Returns:
            The jobs queued again (those the previous process had not finished).
        """
        if self._ledger is None:
            return []
        resumed: list[Job] = []
        for record in self._ledger.load():
            job = record.job
            if job.id in self._jobs:
                continue
            if job.finished:
                with self._lock:
                    self._jobs[job.id] = job
                    self._paths[job.id] = record.paths
                continue
            job.status, job.started_at, job.restarts = "queued", None, job.restarts + 1
            log.info("job %s was not finished when the service stopped: queued again", job.id)
            resumed.append(self._enqueue(job, record.paths))
        return resumed

    def _enqueue(self, job: Job, paths: list[Path]) -> Job:
        with self._lock:
            self._jobs[job.id] = job
            self._paths[job.id] = paths
            self._save(job, force=True)
            self._forget_old()
            self._stop.clear()
            self._queue.put(_Task(job, paths))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="congvan-jobs", daemon=True)
                self._thread.start()
            return job.model_copy(deep=True)

    def get(self, job_id: str) -> Job:
        """A copy of the job as it is now.

        Raises:
            ServiceError: 404 when there is no such job (or it was forgotten).
        """
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                raise ServiceError(404, "job_not_found", f"no job with id {job_id!r}")
            return job.model_copy(deep=True)

    def recent(self, limit: int = 20) -> list[Job]:
        """The latest jobs, newest first."""
        with self._lock:
            return [job.model_copy(deep=True) for job in reversed(list(self._jobs.values())[-limit:])]

    def wait(self, job_id: str, timeout: float) -> Job:
        """The job once finished, or as it is after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        job = self.get(job_id)
        while not job.finished and time.monotonic() < deadline:
            time.sleep(0.05)
            job = self.get(job_id)
        return job

    def _forget_old(self) -> None:
        finished = [key for key, job in self._jobs.items() if job.finished]
        for key in finished[: max(0, len(finished) - self.keep)]:
            del self._jobs[key]
            self._paths.pop(key, None)
            self._saved_at.pop(key, None)
            if self._ledger is not None:
                self._ledger.forget(key)

    def _save(self, job: Job, *, force: bool) -> None:
        """Write ``job`` to the ledger (called under the lock); progress at most every second."""
        if self._ledger is None:
            return
        moment = time.monotonic()
        if not force and moment - self._saved_at.get(job.id, float("-inf")) < SAVE_EVERY_SECONDS:
            return
        try:
            self._ledger.save(job, self._paths.get(job.id, []))
        except OSError as exc:  # the job goes on; only its restart after a crash is at risk
            log.warning("job %s cannot be written to the ledger: %s", job.id, exc)
            return
        self._saved_at[job.id] = moment

    def close(self, timeout: float = 5.0) -> None:
        """Stop the worker once the queued jobs are done (waiting up to ``timeout`` seconds);
        it closes its archive as it stops. Jobs submitted later start a new worker."""
        self._stop.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    # -- running ------------------------------------------------------------------------

    def _work(self) -> None:
        while True:
            try:
                task = self._queue.get(timeout=0.2)
            except queue.Empty:
                with self._lock:  # decided under the lock that _enqueue takes: no job is left behind
                    if self._stop.is_set() and self._queue.empty():
                        self._thread = None
                        if self._archive is not None:
                            self._archive.close()
                            self._archive = None
                        return
                continue
            self._update(task.job, status="running", started_at=now())
            try:
                self._run(task)
            except Exception as exc:  # the job fails, the worker goes on
                _status, detail, _headers = describe(exc)
                self._update(task.job, status="failed", error=detail, finished_at=now())
            else:
                self._update(task.job, status="done", finished_at=now())

    def _update(self, job: Job, **changes: object) -> None:
        with self._lock:
            for key, value in changes.items():
                setattr(job, key, value)
            self._save(job, force="status" in changes)

    def _open(self) -> Archive:
        if self._archive is None:
            self._archive = self._factory(self.settings)
        return self._archive

    def _run(self, task: _Task) -> None:
        archive = self._open()
        loose = [p for p in task.paths if p.is_file() and p.suffix.lower() != ".zip"]
        if len(loose) == len(task.paths) and len(loose) <= IN_PROCESS_FILES:
            self._add_each(archive, task.job, loose)
        else:
            self._ingest(archive, task)

    def _add_each(self, archive: Archive, job: Job, paths: list[Path]) -> None:
        started = time.monotonic()
        progress = JobProgress(total=len(paths))
        self._update(job, progress=progress.model_copy())
        for path in paths:
            try:
                outcome = _when_free(lambda path=path: _add_locked(archive, path))
            except (ce.ArchiveBusyError, ce.StorageError):
                raise
            except Exception as exc:  # one bad file never sinks the job
                progress.failed += 1
                reason = exc.reason if isinstance(exc, ReadError) else f"the file cannot be read ({type(exc).__name__})"
                failure = JobFailure(location=self.display.show(str(path)), error=type(exc).__name__,
                                     reason=reason)
                self._update(job, failures=[*job.failures, failure])
            else:
                if outcome.created:
                    progress.stored += 1
                else:
                    progress.duplicates += 1
                self._update(job, document_ids=[*job.document_ids, outcome.document_id])
            progress.done += 1
            progress.seconds = round(time.monotonic() - started, 3)
            self._update(job, progress=progress.model_copy())

    def _ingest(self, archive: Archive, task: _Task) -> None:
        def on_progress(p: Progress) -> None:
            self._update(task.job, progress=JobProgress(**p.model_dump()))

        report = _when_free(lambda: archive.ingest(task.paths, on_progress=on_progress))
        failures = [
            JobFailure(location=self.display.show(f.location), error=f.error, reason=f.reason)
            for f in report.failures
        ]
        progress = JobProgress(
            done=report.stored + report.duplicates + report.failed, total=report.files, stored=report.stored,
            duplicates=report.duplicates, failed=report.failed, seconds=report.seconds,
        )
        self._update(task.job, progress=progress, failures=failures, skipped=report.skipped)


def _add_locked(archive: Archive, path: Path) -> AddOutcome:
    with NLP_LOCK:  # the archive extracts in this process
        return archive.add(path)


def _when_free(action: Callable[[], T]) -> T:
    """Run ``action``, waiting while another process writes to the archive."""
    deadline = time.monotonic() + BUSY_WAIT_SECONDS
    while True:
        try:
            return action()
        except ce.ArchiveBusyError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.5)


def _unique(folder: Path, name: str) -> Path:
    """``folder/name``, or ``folder/name (2)`` … when two received files share a name."""
    name = safe_name(name)
    path = folder / name
    stem, suffix = path.stem, path.suffix
    number = 2
    while path.exists():
        path = folder / f"{stem} ({number}){suffix}"
        number += 1
    return path
