"""The bulk jobs as the API shows them (``GET /api/jobs/{id}``) and as the ledger keeps them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, Field

from service.errors import ErrorDetail

JobStatus = Literal["queued", "running", "done", "failed"]


def now() -> datetime:
    """The current time, in UTC."""
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
    created_at: datetime = Field(default_factory=now)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    progress: JobProgress = Field(default_factory=JobProgress)
    failures: list[JobFailure] = Field(default_factory=list)
    skipped: int = Field(0, description="zip members with an ending the extractor does not read")
    document_ids: list[int] = Field(default_factory=list, description="documents stored or found, when known")
    error: ErrorDetail | None = Field(None, description="why the whole job failed")
    restarts: int = Field(0, description="times the job was queued again because the service stopped during it")

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")
