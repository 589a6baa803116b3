"""What runs in an extraction worker process, local or on a Dask cluster.

Functions here are pickled by reference: a Dask worker needs ``congvan`` installed
(the same version as the client). Models load once per process, on first use. Besides
extracting, a worker folds the text for the search index, so that the process storing
the results does as little as possible.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import extract
from corpus.search.schema import IndexText, prepare_text
from extract.errors import ExtractError, ReadError
from extract.models import Extraction


@dataclass(frozen=True)
class Job:
    """One file to extract: its location (used as the source name), hash and content."""

    location: str
    sha256: str
    data: bytes
    time_limit: float | None = None  # seconds the extraction may take (local workers)


class FileTimeLimit(Exception):
    """The extraction of one file took longer than its time limit."""


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`FileTimeLimit` in this process's main thread after ``seconds``.

    A local worker runs its jobs in its main thread, where a timer signal can stop a
    runaway extraction; elsewhere (a Dask worker's threads) the limit is not applied.
    """
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise FileTimeLimit

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class JobResult:
    """The extraction of one job, or why it failed (``error`` is the exception's class name)."""

    location: str
    sha256: str
    size: int
    extraction: Extraction | None = None
    index_text: IndexText | None = None
    error: str | None = None
    reason: str | None = None


def warm_up() -> None:
    """Load the extraction models now rather than on the first document."""
    try:
        extract.extract_text("")
    except ExtractError:
        pass


def init_local_worker() -> None:
    """Initializer of local pool processes: Ctrl-C is the parent's to handle; load the models."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up()


def extract_job(job: Job) -> JobResult:
    """Extract one job; any error becomes a failed result, never an exception."""
    try:
        with _time_limit(job.time_limit):
            extraction = extract.extract_bytes(job.data, name=job.location)
    except FileTimeLimit:
        return JobResult(job.location, job.sha256, len(job.data), error="FileTimeLimit",
                         reason=f"the extraction took longer than the limit of {job.time_limit:g} s "
                                "(CONGVAN_FILE_TIME_LIMIT); retry with a higher limit")
    except ReadError as exc:
        return JobResult(job.location, job.sha256, len(job.data), error=type(exc).__name__, reason=exc.reason)
    except ExtractError as exc:
        return JobResult(job.location, job.sha256, len(job.data), error=type(exc).__name__, reason=str(exc))
    except Exception as exc:  # one bad file must never sink the batch
        return JobResult(
            job.location,
            job.sha256,
            len(job.data),
            error=type(exc).__name__,
            reason=f"the extractor failed on this file: {exc}",
        )
    return JobResult(
        job.location, job.sha256, len(job.data), extraction=extraction, index_text=prepare_text(extraction.text)
    )


def extract_batch(jobs: list[Job]) -> list[JobResult]:
    """Extract a batch of jobs in order (the unit of work sent to a worker)."""
    return [extract_job(job) for job in jobs]
