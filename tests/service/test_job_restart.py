"""Bulk jobs outlive the service: shown again after a restart, finished after a crash."""

from __future__ import annotations

import io
import logging
import os
import signal
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.job_ledger import JobLedger
from service.job_models import Job, JobProgress
from service.settings import Settings
from tests.corpus.conftest import many_letters
from tests.service.conftest import LETTER, NEWS, served, wait_job


def test_the_ledger_gives_back_what_it_was_given_oldest_first(tmp_path: Path) -> None:
    ledger = JobLedger(tmp_path / "jobs")
    assert ledger.load() == []
    later = Job(id="b" * 16, files=["b.zip"], progress=JobProgress(done=3, total=9, stored=2, duplicates=1))
    earlier = Job(id="a" * 16, files=["a.txt"], status="done")
    earlier.created_at = later.created_at.replace(year=later.created_at.year - 1)
    ledger.save(later, [tmp_path / "b.zip"])
    ledger.save(earlier, [tmp_path / "a.txt"])
    records = ledger.load()
    assert [r.job for r in records] == [earlier, later]
    assert records[1].paths == [tmp_path / "b.zip"]
    ledger.forget(earlier.id)
    assert [r.job.id for r in ledger.load()] == [later.id]
    assert not list((tmp_path / "jobs").glob("*.tmp"))


def test_an_unreadable_record_is_named_and_skipped(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    ledger = JobLedger(tmp_path)
    ledger.save(Job(id="c" * 16, files=["c.txt"]), [])
    (tmp_path / f"{'d' * 16}.json").write_text('{"job": {"id": "dddd"', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="congvan.jobs"):
        assert [r.job.id for r in ledger.load()] == ["c" * 16]
    assert f"{'d' * 16}.json cannot be read" in caplog.text


def test_a_job_id_is_never_a_path(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="is not a job id"):
        JobLedger(tmp_path).forget("../../congvan")


def test_finished_jobs_are_shown_again_after_a_restart(settings_for: Callable[..., Settings]) -> None:
    settings = settings_for()
    with TestClient(create_app(settings)) as client:
        accepted = client.post("/api/documents", files={"file": (LETTER.name, LETTER.read_bytes())}).json()
        before = wait_job(client, accepted["job"]["id"])
    assert before["status"] == "done" and before["progress"]["stored"] == 1
    with TestClient(create_app(settings)) as client:
        after = client.get(f"/api/jobs/{before['id']}").json()
        assert after == before
        assert [job["id"] for job in client.get("/api/jobs").json()] == [before["id"]]


def test_a_queued_job_left_by_a_stopped_service_is_finished_at_start(settings_for: Callable[..., Settings]) -> None:
    """What the ledger holds when the process died before the worker took the job."""
    settings = settings_for()
    folder = settings.uploads_dir / ("e" * 16)
    folder.mkdir(parents=True)
    paths = [folder / LETTER.name, folder / NEWS.name]
    for source, path in zip((LETTER, NEWS), paths, strict=True):
        path.write_bytes(source.read_bytes())
    JobLedger(settings.jobs_dir).save(Job(id="e" * 16, files=[p.name for p in paths], status="running"), paths)
    with TestClient(create_app(settings)) as client:
        job = wait_job(client, "e" * 16)
        assert (job["status"], job["restarts"], job["progress"]["stored"], job["progress"]["failed"]) == ("done", 1, 2, 0)
        numbers = {client.get(f"/api/documents/{i}").json()["extraction"]["number"] for i in job["document_ids"]}
        assert numbers == {"215/BHXH-VP", None}


def _zip_of(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*.txt")):
            zf.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()


def _job_when(base: str, job_id: str, ready: Callable[[dict], bool], timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        job = httpx.get(f"{base}/api/jobs/{job_id}", timeout=10).json()
        if ready(job):
            return job
        assert job["status"] != "failed", job
        assert time.monotonic() < deadline, f"job {job_id} is {job['status']}, {job['progress']} after {timeout} s"
        time.sleep(0.1)


def test_a_job_of_a_service_killed_with_sigkill_is_finished_by_the_next_start(tmp_path: Path) -> None:
    total = 300
    bundle = _zip_of(many_letters(tmp_path / "letters", total))
    data = tmp_path / "data"
    data.mkdir()
    settings = {"CONGVAN_COMMIT_EVERY": "4", "CONGVAN_INDEX_COMMIT_SECONDS": "0.5"}
    with served(data, **settings) as (process, base):
        answer = httpx.post(f"{base}/api/documents", files={"file": ("luu-tru.zip", bundle)}, timeout=60)
        assert answer.status_code == 202, answer.text
        job_id = answer.json()["job"]["id"]
        _job_when(base, job_id, lambda job: job["progress"]["done"] >= 12)
        os.killpg(process.pid, signal.SIGKILL)  # the server and its extraction pool, as a power cut would
        process.wait(10)
    with served(data, **settings) as (_process, base):
        job = _job_when(base, job_id, lambda job: job["status"] == "done")
        assert job["restarts"] == 1 and job["failures"] == []
        assert job["progress"]["done"] == job["progress"]["total"] == total
        found = httpx.get(f"{base}/api/search", params={"q": "giay khen", "limit": 1}, timeout=30).json()
        assert found["total"] == total
