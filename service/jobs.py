"""Bulk indexing jobs: files and zip files sent to the archive, indexed in the background.

Jobs run one after another on a single worker thread (the archive has one writer at a
time), so any number of jobs may be submitted at once. Received files are kept under
``<data>/uploads/<job id>/`` so that the archive can serve them again. Jobs live in
memory: the archive itself is the durable record, and a job sent again stores nothing
twice.
"""

from __future__ import annotations

import logging
import queue
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, Field

import corpus.errors as ce
from corpus import Archive
from corpus.models import AddOutcome, Progress
from corpus.settings import Settings as ArchiveSettings
from extract.errors import ReadError
from service.archives import PathDisplay
from service.errors import ErrorDetail, ServiceError, describe
from service.extraction import NLP_LOCK
from service.uploads import Upload, safe_name

log = logging.getLogger("congvan.jobs")
T = TypeVar("T")

JobStatus = Literal["queued", "running", "done", "failed"]
#: A job of at most this many loose files is extracted in the service process;
#: larger jobs and zip files go to the archive's pool of extraction processes.
IN_PROCESS_FILES = 8
BUSY_WAIT_SECONDS = 120.0


def _now() -> datetime:
    return datetime.now(UTC)


class JobProgress(BaseModel):
    """How far a job has come."""

    done: int = 0
    total: int = 0
    stored: int = Field(0, description="new documents stored")
    duplicates: int = Field(0, description="files whose content was already in the archive")
    failed: int = 0
    seconds: float = 0.0


class JobFailure(BaseModel):
    """A file of the job that could not be stored, and why."""

    location: str = Field(description="the file, or zip file!/member, as received")
    error: str
    reason: str


class Job(BaseModel):
    """A bulk indexing job (``GET /api/jobs/{id}``)."""

    id: str
    status: JobStatus = "queued"
    files: list[str] = Field(description="the files received")
    created_at: datetime = Field(default_factory=_now)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    progress: JobProgress = Field(default_factory=JobProgress)
    failures: list[JobFailure] = Field(default_factory=list)
    skipped: int = Field(0, description="zip members with an ending the extractor does not read")
    document_ids: list[int] = Field(default_factory=list, description="documents stored or found, when known")
    error: ErrorDetail | None = Field(None, description="why the whole job failed")

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")


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
    """

    def __init__(
        self,
        settings: ArchiveSettings,
        uploads_dir: Path,
        display: PathDisplay,
        *,
        keep: int = 200,
        archive_factory: Callable[[ArchiveSettings], Archive] = Archive,
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

    def _enqueue(self, job: Job, paths: list[Path]) -> Job:
        with self._lock:
            self._jobs[job.id] = job
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
            self._update(task.job, status="running", started_at=_now())
            try:
                self._run(task)
            except Exception as exc:  # the job fails, the worker goes on
                _status, detail, _headers = describe(exc)
                self._update(task.job, status="failed", error=detail, finished_at=_now())
            else:
                self._update(task.job, status="done", finished_at=_now())

    def _update(self, job: Job, **changes: object) -> None:
        with self._lock:
            for key, value in changes.items():
                setattr(job, key, value)

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
