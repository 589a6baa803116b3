"""``GET /api/jobs/{id}``: the progress and failures of a bulk indexing job."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from service.deps import JobsDep
from service.errors import responses
from service.job_models import Job

router = APIRouter(prefix="/api/jobs", tags=["archive"])

JobId = Annotated[str, Path(pattern=r"^[0-9a-f]{16}$", description="the id answered by POST /api/documents")]


@router.get("", response_model=list[Job], summary="Recent bulk jobs")
def list_jobs(jobs: JobsDep, limit: Annotated[int, Query(ge=1, le=200)] = 20) -> list[Job]:
    """The latest jobs, newest first (jobs are remembered while the service runs)."""
    return jobs.recent(limit)


@router.get("/{job_id}", response_model=Job, summary="A bulk job's progress", responses=responses(404, 422))
def get_job(job_id: JobId, jobs: JobsDep) -> Job:
    """Status (queued, running, done, failed), files done of total, and each file that failed with why."""
    return jobs.get(job_id)
