"""Where extraction runs: a local process pool on all cores, or a Dask cluster.

A runner takes batches of jobs lazily (so the caller can read and hash files as
workers free up) and yields each batch with its results as they complete.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from corpus.errors import ArchiveError
from corpus.worker import Job, JobResult, extract_batch, init_local_worker, warm_up


class ClusterError(ArchiveError):
    """The Dask scheduler cannot be reached or has no workers."""


class WorkerStartError(ArchiveError):
    """The local extraction processes could not start (nothing was extracted or recorded)."""


class Runner(Protocol):
    """Runs batches of extraction jobs somewhere."""

    workers: int
    address: str | None

    def start(self) -> None:
        """Get the workers ready (load the models) before the first batch."""
        ...

    def run(self, batches: Iterator[list[Job]]) -> Iterator[tuple[list[Job], list[JobResult]]]:
        """Yield ``(batch, results)`` as batches complete, pulling new batches as workers free up."""
        ...

    def close(self) -> None:
        """Stop the workers (cancelling what has not started)."""
        ...


def _crashed(job: Job, why: str) -> JobResult:
    return JobResult(job.location, job.sha256, len(job.data), error="WorkerCrashed", reason=why)


class LocalRunner:
    """A pool of ``workers`` processes on this machine, each loading the models once.

    A batch whose worker died is split and run again one file at a time; a file that
    kills its worker twice is reported as failed, and the pool is restarted.

    Args:
        workers: processes to start.
        start_method: ``spawn`` (default: safe with the index's threads) or ``forkserver``.
    """

    def __init__(self, workers: int, *, start_method: str = "spawn") -> None:
        self.workers = workers
        self.address: str | None = None
        self._context = multiprocessing.get_context(start_method)
        self._pool: ProcessPoolExecutor | None = None
        self._suspects: set[str] = set()
        self._probes: list[Future[int]] = []

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=self._context, initializer=init_local_worker
            )
        return self._pool

    def start(self) -> None:
        """Start every worker now, so that they load the models while files are being listed."""
        pool = self._start()
        self._probes = [pool.submit(os.getpid) for _ in range(self.workers)]

    def _check_started(self) -> None:
        """Raise a clear error when the workers died while starting, before any file is blamed."""
        probes, self._probes = self._probes, []
        try:
            for probe in probes:
                probe.result()
        except BrokenProcessPool as exc:
            self._restart()
            raise WorkerStartError(
                "the extraction processes could not start "
                f"({exc.__cause__ or exc}); a script that calls Archive.ingest must guard its "
                "entry point with `if __name__ == '__main__':`"
            ) from exc

    def run(self, batches: Iterator[list[Job]]) -> Iterator[tuple[list[Job], list[JobResult]]]:
        self._check_started()
        inflight: dict[Future[list[JobResult]], list[Job]] = {}
        again: deque[list[Job]] = deque()
        limit = self.workers * 2
        exhausted = False
        while True:
            while len(inflight) < limit and (again or not exhausted):
                batch = again.popleft() if again else next(batches, None)
                if batch is None:
                    exhausted = True
                    break
                inflight[self._start().submit(extract_batch, batch)] = batch
            if not inflight:
                return
            done, _ = wait(inflight, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                batch = inflight.pop(future)
                try:
                    yield batch, future.result()
                except BrokenProcessPool:
                    broken = True
                    yield from self._after_crash(batch, again)
            if broken:
                # every other running batch died with the pool: run them again
                again.extend(inflight.values())
                inflight.clear()
                self._restart()

    def _after_crash(
        self, batch: list[Job], again: deque[list[Job]]
    ) -> Iterator[tuple[list[Job], list[JobResult]]]:
        if len(batch) == 1 and batch[0].location in self._suspects:
            yield batch, [_crashed(batch[0], "the extractor crashed on this file (its worker process died)")]
            return
        for job in batch:
            self._suspects.add(job.location)
            again.append([job])

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskRunner:
    """Extraction on a Dask distributed cluster; results come back to this process.

    Args:
        address: the scheduler, ``tcp://HOST:8786``.
        timeout: seconds to wait for the scheduler and for a first worker.

    Raises:
        ClusterError: the scheduler cannot be reached or no worker joins in time.
    """

    def __init__(self, address: str, *, timeout: float = 30.0) -> None:
        from distributed import Client

        self.address: str | None = address
        try:
            self._client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"{address}: cannot reach the Dask scheduler ({exc})") from exc
        try:
            self._client.wait_for_workers(1, timeout=timeout)
        except TimeoutError as exc:
            self._client.close()
            raise ClusterError(f"{address}: no Dask worker joined the scheduler within {timeout:.0f} s") from exc
        self.workers = sum(self._client.nthreads().values()) or 1

    def start(self) -> None:
        """Load the models on every worker of the cluster."""
        self._client.run(warm_up)

    def run(self, batches: Iterator[list[Job]]) -> Iterator[tuple[list[Job], list[JobResult]]]:
        from distributed import as_completed

        inflight: dict[Any, list[Job]] = {}
        pending = as_completed(loop=self._client.loop)
        limit = self.workers * 2

        def fill() -> None:
            while len(inflight) < limit:
                batch = next(batches, None)
                if batch is None:
                    return
                future = self._client.submit(extract_batch, batch, pure=False)
                inflight[future] = batch
                pending.add(future)

        fill()
        for future in pending:
            batch = inflight.pop(future)
            try:
                results = future.result()
            except Exception as exc:  # KilledWorker, lost connection: the batch failed, the run goes on
                results = [_crashed(job, f"the Dask task failed: {type(exc).__name__}: {exc}") for job in batch]
            yield batch, results
            fill()

    def close(self) -> None:
        self._client.close()
