"""The archive's documents: ``POST /api/documents`` (a bulk job), ``GET``/``DELETE /api/documents/{id}``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response, status
from pydantic import BaseModel, Field

from corpus.ingest import zip_limits
from corpus.models import StoredDocument
from service.deps import ArchiveDep, DisplayDep, JobsDep, ServicesDep, UploadsDep, WriteAccess
from service.errors import responses
from service.job_models import Job
from service.originals import read_original
from service.responses import file_response
from service.uploads import archive_kind

router = APIRouter(prefix="/api/documents", tags=["archive"])

DocumentKey = Annotated[str, Path(
    pattern=r"^([0-9]{1,15}|[0-9a-fA-F]{8,64})$",
    description="the document's id, or its SHA-256 (a unique prefix of 8 or more characters will do)",
)]


class JobAccepted(BaseModel):
    """A bulk job accepted: follow it at ``status_url``."""

    job: Job
    status_url: str = Field(examples=["/api/jobs/5f2c0e9a1b7d4c3e"])


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=JobAccepted,
    dependencies=[WriteAccess],
    summary="Add documents or .zip files to the archive (a background job)",
    responses=responses(400, 401, 413, 415, 422),
)
def add_documents(uploads: UploadsDep, services: ServicesDep, jobs: JobsDep, response: Response) -> JobAccepted:
    """Send one or more files (field ``file``, repeated): documents, or .zip files of documents.

    Every file is checked before the job is accepted: its type by content (415), its
    size (413), a zip file's member paths, count, size and compression ratio (400).
    The answer is ``202`` with the job; ``GET /api/jobs/{id}`` follows its progress.
    """
    for upload in uploads:
        archive_kind(upload, services.archive_settings)
    job = jobs.submit_uploads(uploads)
    url = f"/api/jobs/{job.id}"
    response.headers["Location"] = url
    return JobAccepted(job=job, status_url=url)


@router.get("/{key}", response_model=StoredDocument, summary="A stored document", responses=responses(404, 422))
def get_document(key: DocumentKey, archive: ArchiveDep, display: DisplayDep) -> StoredDocument:
    """The document's extraction (metadata, text, dates, targets, awards) and where it was found."""
    return display.document(archive.get(key))


@router.get(
    "/{key}/file",
    response_class=Response,
    summary="The original file of a stored document",
    responses={200: {"content": {"application/octet-stream": {}}, "description": "the file"},
               **responses(404, 422)},
)
def get_document_file(key: DocumentKey, archive: ArchiveDep, services: ServicesDep) -> Response:
    """The file as it was indexed, read again from where it was found (404 when it has gone)."""
    original = read_original(archive.get(key), zip_limits(services.archive_settings))
    return file_response(original.data, original.media_type, original.name)


@router.delete(
    "/{key}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    dependencies=[WriteAccess],
    summary="Delete a stored document",
    responses=responses(401, 404, 409, 422),
)
def delete_document(key: DocumentKey, archive: ArchiveDep) -> Response:
    """Delete the document, its paths and its facts from the archive (the original file is left alone)."""
    archive.delete(key)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
